"""案卷评查 pages: rounds (list, new, detail with ranking, sheets, tasks and timeline; draw,
rectify, finish, the report in Excel) and the scoring sheet."""

from __future__ import annotations

from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import clock, ledger, queries, scoping
from fazhi.core.models import Role
from fazhi.ui.excel import export_response
from fazhi.ui.forms import StyledForm
from fazhi.ui.paging import keyset

from .. import exports
from ..models import DIMENSIONS
from ..services import evaluation as services
from .common import EXPORT_LIMIT, error_text, form_errors, visible_one


class RoundForm(StyledForm):
    name = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    year = forms.IntegerField(label=gettext_lazy("年度（抽取该年结案的案件）"))
    org = forms.ModelChoiceField(queryset=None, label=gettext_lazy("组织单位"))
    sample_per_body = forms.IntegerField(
        label=gettext_lazy("每个主体抽取案卷数"), min_value=1, max_value=100, initial=5
    )
    seed = forms.IntegerField(
        label=gettext_lazy("随机抽取种子"),
        required=False,
        min_value=0,
        help_text=gettext_lazy("留空则由系统随机产生并记录，任何人可凭种子复核抽取结果。"),
    )
    started_on = forms.DateField(
        label=gettext_lazy("开始日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = queries.orgs(user)
        self.fields["year"].initial = clock.today().year - 1


@login_required
def round_list(request):
    rows = services.rounds(request.user)
    year, q = request.GET.get("year", "").strip(), request.GET.get("q", "").strip()
    if year.isdigit():
        rows = rows.filter(year=int(year))
    if q:
        rows = rows.filter(name__icontains=q)
    if request.GET.get("export") == "xlsx":
        return export_response(exports.EVALUATION_ROUNDS, rows.order_by("-pk")[:EXPORT_LIMIT])
    return render(
        request,
        "enforcement/evaluation/list.html",
        {
            "page": keyset(rows, request),
            "year": year,
            "q": q,
            "can_create": scoping.has_role(request.user, Role.SUPERVISOR),
            "active": "enforcement",
        },
    )


@login_required
def round_new(request):
    if not scoping.has_role(request.user, Role.SUPERVISOR):
        raise PermissionDenied(_("只有监督人员可以组织案卷评查。"))
    form = RoundForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            rnd = services.round_create(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("案卷评查已建立，随机种子 %(s)d。") % {"s": rnd.seed})
            return redirect("enforcement:evaluation_round", pk=rnd.pk)
    return render(
        request,
        "enforcement/evaluation/form.html",
        {
            "form": form,
            "title": _("组织案卷评查"),
            "back": reverse("enforcement:evaluation"),
            "active": "enforcement",
        },
    )


def _round(request, pk):
    return scoping.get_for(request.user, services.rounds(request.user), pk)


@login_required
def round_detail(request, pk: int):
    rnd = _round(request, pk)
    sheets = rnd.sheets.select_related("case__body__org", "evaluator").order_by(
        "case__body_id", "case_id"
    )
    body, scored = request.GET.get("body", ""), request.GET.get("scored", "")
    if body.isdigit():
        sheets = sheets.filter(case__body_id=int(body))
    if scored == "1":
        sheets = sheets.filter(score__isnull=False)
    elif scored == "0":
        sheets = sheets.filter(score__isnull=True)
    if request.GET.get("export") == "xlsx":
        return export_response(exports.EVALUATION_SHEETS, sheets)
    is_supervisor = scoping.has_role(request.user, Role.SUPERVISOR, org=rnd.org)
    ranking = services.ranking(rnd)
    return render(
        request,
        "enforcement/evaluation/detail.html",
        {
            "r": rnd,
            "sheets": sheets,
            "ranking": ranking,
            "bodies": [x.body for x in ranking],
            "body": body,
            "scored": scored,
            "tasks": services.tasks(rnd).order_by("pk"),
            "timeline": ledger.timeline(rnd),
            "threshold": services.RECTIFY_BELOW,
            "can_draw": is_supervisor and rnd.finished_on is None and not rnd.sheets.exists(),
            "can_act": is_supervisor and rnd.finished_on is None and rnd.sheets.exists(),
            "active": "enforcement",
        },
    )


def _act(request, pk, fn, done: str):
    rnd = _round(request, pk)
    try:
        out = fn(rnd)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, done % {"n": len(out) if isinstance(out, list) else 0})
    return redirect("enforcement:evaluation_round", pk=rnd.pk)


@login_required
@require_POST
def round_draw(request, pk: int):
    return _act(
        request,
        pk,
        lambda rnd: services.round_draw(actor=request.user, round=rnd),
        _("已抽取 %(n)d 份案卷。"),
    )


@login_required
@require_POST
def round_rectify(request, pk: int):
    threshold = request.POST.get("threshold", "") or services.RECTIFY_BELOW
    return _act(
        request,
        pk,
        lambda rnd: services.round_rectify(actor=request.user, round=rnd, threshold=threshold),
        _("已下达 %(n)d 项整改任务。"),
    )


@login_required
@require_POST
def round_finish(request, pk: int):
    return _act(
        request,
        pk,
        lambda rnd: services.round_finish(actor=request.user, round=rnd),
        _("本轮评查已结束。"),
    )


@login_required
def round_report(request, pk: int):
    rnd = _round(request, pk)
    resp = HttpResponse(
        services.report_workbook(rnd),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = _("%(n)s评查报告") % {"n": rnd.name}
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.xlsx"
    return resp


class DeductionForm(StyledForm):
    dimension = forms.ChoiceField(
        label=gettext_lazy("评查项目"),
        choices=[("", "—")] + [(c, label) for c, label in DIMENSIONS],
        required=False,
        widget=forms.Select(attrs={"aria-label": gettext_lazy("评查项目")}),
    )
    points = forms.DecimalField(
        label=gettext_lazy("扣分"),
        required=False,
        min_value=0,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"aria-label": gettext_lazy("扣分"), "step": "0.5"}),
    )
    reason = forms.CharField(
        label=gettext_lazy("扣分理由"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"aria-label": gettext_lazy("扣分理由")}),
    )


DeductionFormSet = forms.formset_factory(DeductionForm, extra=0)


@login_required
def sheet_detail(request, pk: int):
    sheet = visible_one(services.sheets(request.user), pk)
    rnd = sheet.round
    can_score = rnd.finished_on is None and scoping.has_role(
        request.user, *services.EVALUATORS, org=rnd.org
    )
    initial = [
        {"dimension": d["dimension"], "points": d["points"], "reason": d["reason"]}
        for d in sheet.deductions
    ]
    initial += [{} for _i in range(max(3, 8 - len(initial)))]
    formset = DeductionFormSet(request.POST or None, initial=initial, prefix="d")
    error = ""
    if request.method == "POST":
        if not can_score:
            raise PermissionDenied(_("只有组织评查单位的监督人员或法制审核人员可以评分。"))
        if formset.is_valid():
            rows = [
                f.cleaned_data
                for f in formset
                if f.cleaned_data
                and (
                    f.cleaned_data.get("dimension")
                    or f.cleaned_data.get("points") is not None
                    or f.cleaned_data.get("reason")
                )
            ]
            try:
                services.sheet_score(
                    actor=request.user,
                    sheet=sheet,
                    deductions=[
                        {
                            "dimension": r.get("dimension", ""),
                            "points": "" if r.get("points") is None else r["points"],
                            "reason": r.get("reason", ""),
                        }
                        for r in rows
                    ],
                )
            except (ValidationError, PermissionDenied) as exc:
                error = error_text(exc)
            else:
                messages.success(request, _("评分已保存。"))
                return redirect("enforcement:evaluation_sheet", pk=sheet.pk)
        else:
            error = _("请检查扣分内容。")
    return render(
        request,
        "enforcement/evaluation/sheet.html",
        {
            "s": sheet,
            "r": rnd,
            "formset": formset,
            "error": error,
            "can_score": can_score,
            "dimension_max": [(label, services.DIMENSION_MAX[c]) for c, label in DIMENSIONS],
            "labels": services.DIMENSION_LABELS,
            "timeline": ledger.timeline(sheet),
            "active": "enforcement",
        },
    )
