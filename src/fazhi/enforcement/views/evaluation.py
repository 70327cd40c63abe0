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
from django.views.decorators.http import require_POST

from fazhi.core import ledger, scoping
from fazhi.core.models import Role
from fazhi.ui.excel import export_response
from fazhi.ui.paging import keyset

from .. import exports
from ..filters import RoundFilter, SheetFilter
from ..forms import DeductionForm, RoundForm
from ..models import DIMENSIONS
from ..services import evaluation as services
from .common import EXPORT_LIMIT, error_text, form_errors, listed, visible_one


@login_required
def round_list(request):
    rows, flt = listed(RoundFilter, request, services.rounds(request.user))
    year, q = flt["year"], flt["q"]
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
    sheets, flt = listed(
        SheetFilter,
        request,
        rnd.sheets.select_related("case__body__org", "evaluator").order_by(
            "case__body_id", "case_id"
        ),
    )
    body, scored = flt["body"], flt["scored"]
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
