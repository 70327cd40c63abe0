"""数字城管 staff pages: problem reports (list, file, detail with clock and timeline, actions,
督办), grid cells and the category table. Thin: parse, call ``services.grid``, render."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import clock, clocks, ledger, matterlinks, queries, scoping, workflow
from fazhi.core.models import Clock, Role, SupervisionTask
from fazhi.ui.excel import excel_response
from fazhi.ui.forms import StyledForm
from fazhi.ui.paging import keyset

from .. import grid_categories, imports
from ..models import (
    GridCategory,
    GridCategoryKind,
    GridCell,
    GridLevel,
    GridStatus,
    ReporterKind,
)
from ..services import grid as services

matterlinks.register(
    services.SUBJECT_TYPE, lambda pk: reverse("enforcement:grid_report", args=[pk])
)

EXPORT_LIMIT = 100_000


def error_text(exc: Exception) -> str:
    """One line for a message banner, whatever the service raised."""
    if isinstance(exc, workflow.InvalidTransition):
        return exc.message
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc) or _("操作被拒绝。")


def form_errors(form: forms.Form, exc: Exception) -> None:
    """Put a service's ValidationError on the form's fields (or on the form)."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for key, msgs in exc.message_dict.items():
            form.add_error(key if key in form.fields else None, msgs)
    else:
        form.add_error(None, error_text(exc))


def visible_one(qs, pk):
    """One object of an already-scoped queryset whose visibility is wider than the model's
    own scope (a campaign seen by its participants, a sheet by the round's organiser), or
    404. ``scoping.get_for`` would narrow it to the model's scope again."""
    try:
        obj = qs.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        obj = None
    if obj is None:
        raise Http404
    return obj


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


# ---------------------------------------------------------------- reports


class ReportForm(StyledForm):
    cell = forms.ModelChoiceField(queryset=None, label=gettext_lazy("所在网格"), required=False)
    category = forms.ModelChoiceField(queryset=None, label=gettext_lazy("问题类别"), required=False)
    location = forms.CharField(label=gettext_lazy("问题位置"), max_length=200, required=False)
    description = forms.CharField(
        label=gettext_lazy("问题描述"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    reporter_kind = forms.ChoiceField(
        label=gettext_lazy("上报人类型"), choices=ReporterKind.choices
    )
    reporter_name = forms.CharField(label=gettext_lazy("上报人"), max_length=50, required=False)
    reporter_phone = forms.CharField(label=gettext_lazy("联系电话"), max_length=30, required=False)
    received_on = forms.DateField(
        label=gettext_lazy("上报日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("留空为今天。"),
    )
    longitude = forms.DecimalField(label=gettext_lazy("经度"), required=False, decimal_places=6)
    latitude = forms.DecimalField(label=gettext_lazy("纬度"), required=False, decimal_places=6)
    photo = forms.FileField(label=gettext_lazy("现场照片（JPG/PNG）"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = services.fileable_cells(user)
        self.fields["category"].queryset = GridCategory.objects.all()


def _filtered(request):
    rows = services.reports(request.user)
    g = request.GET
    f = {k: g.get(k, "").strip() for k in ("status", "kind", "category", "cell", "org", "q")}
    f.update({k: g.get(k, "") for k in ("reporter", "from", "to", "overdue")})
    if f["status"] in GridStatus.values:
        rows = rows.filter(status=f["status"])
    if f["kind"] in GridCategoryKind.values:
        rows = rows.filter(category__kind=f["kind"])
    if f["category"]:
        rows = rows.filter(category__code=f["category"])
    if f["cell"]:
        rows = rows.filter(cell__code__startswith=f["cell"])
    if f["org"].isdigit():
        rows = rows.filter(org_id=int(f["org"]))
    if f["reporter"] in ReporterKind.values:
        rows = rows.filter(reporter_kind=f["reporter"])
    if d := _date(f["from"]):
        rows = rows.filter(received_on__gte=d)
    if d := _date(f["to"]):
        rows = rows.filter(received_on__lte=d)
    if f["overdue"] == "1":
        rows = rows.filter(pk__in=services.overdue_ids(clock.today()))
    if f["q"]:
        rows = rows.filter(
            Q(number__icontains=f["q"]) | Q(location__icontains=f["q"]) | Q(title__icontains=f["q"])
        )
    return rows, f


def _cards(rows) -> dict[int, tuple]:
    """The latest clock and its card of each listed report: one query for the page."""
    ids = [str(r.pk) for r in rows]
    out: dict[int, tuple] = {}
    for c in Clock.objects.filter(subject_type=services.SUBJECT_TYPE, subject_id__in=ids).order_by(
        "id"
    ):
        out[int(c.subject_id)] = (c, clocks.card(c))
    return out


def _export_rows(rows, batch: int = 1000):
    """Every filtered report, newest first, a batch at a time (with each batch's clocks)."""
    last, done = None, 0
    while done < EXPORT_LIMIT:
        qs = rows.order_by("-pk")
        if last is not None:
            qs = qs.filter(pk__lt=last)
        chunk = list(qs[:batch])
        if not chunk:
            return
        cards = _cards(chunk)
        for r in chunk:
            c, card = cards.get(r.pk, (None, None))
            yield (
                r.number,
                r.category.get_kind_display(),
                r.category.major,
                r.category.name,
                r.cell.code,
                r.location,
                r.description,
                r.get_reporter_kind_display(),
                r.received_on.isoformat(),
                r.org.name,
                r.get_status_display(),
                r.dispatched_on.isoformat() if r.dispatched_on else "",
                c.due_on.isoformat() if c is not None and c.due_on else "",
                str(card.label) if card is not None else "",
                r.handled_on.isoformat() if r.handled_on else "",
                r.closed_on.isoformat() if r.closed_on else "",
                r.returns,
            )
        last, done = chunk[-1].pk, done + len(chunk)


@login_required
def report_list(request):
    if request.method == "POST" and request.POST.get("action") == "supervise_overdue":
        return supervise_overdue(request)
    rows, f = _filtered(request)
    if request.GET.get("export") == "xlsx":
        return excel_response(
            _("数字城管案卷"),
            [
                _("编号"),
                _("部件/事件"),
                _("大类"),
                _("小类"),
                _("网格"),
                _("位置"),
                _("问题描述"),
                _("上报人类型"),
                _("上报日期"),
                _("责任单位"),
                _("状态"),
                _("派遣日期"),
                _("处置时限"),
                _("期限状态"),
                _("处置日期"),
                _("结案日期"),
                _("退回次数"),
            ],
            _export_rows(rows),
        )
    page = keyset(rows, request)
    cards = _cards(page.rows)
    return render(
        request,
        "enforcement/grid/list.html",
        {
            "page": page,
            "rows": [(r, cards.get(r.pk)) for r in page.rows],
            "f": f,
            "statuses": GridStatus.choices,
            "kinds": GridCategoryKind.choices,
            "reporters": ReporterKind.choices,
            "categories": GridCategory.objects.all(),
            "orgs": queries.orgs(request.user),
            "can_file": services.fileable_cells(request.user).exists(),
            "can_supervise": scoping.has_role(request.user, Role.SUPERVISOR),
            "active": "enforcement",
        },
    )


@login_required
def report_new(request):
    form = ReportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        photo = cd.pop("photo")
        try:
            report = services.report_file(
                actor=request.user,
                photo=photo,
                photo_name=photo.name if photo else "",
                **cd,
            )
        except (ValidationError, PermissionDenied) as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("已上报，编号 %(n)s。") % {"n": report.number})
            return redirect("enforcement:grid_report", pk=report.pk)
    return render(
        request,
        "enforcement/grid/form.html",
        {
            "form": form,
            "title": _("上报城管问题"),
            "back": reverse("enforcement:grid"),
            "multipart": True,
            "active": "enforcement",
        },
    )


def _report(request, pk):
    return scoping.get_for(request.user, services.reports(request.user), pk)


@login_required
def report_detail(request, pk: int):
    report = _report(request, pk)
    report_clocks = [
        (c, clocks.card(c), clocks.explain(c) if not c.paused else None)
        for c in clocks.for_subject(report)
    ]
    c = services.open_clock(report)
    overdue = c is not None and clocks.card(c).status == "red"
    return render(
        request,
        "enforcement/grid/detail.html",
        {
            "report": report,
            "clocks": report_clocks,
            "timeline": ledger.timeline(report),
            "moves": workflow.allowed_moves(report, request.user),
            "orgs": queries.orgs(request.user).filter(is_active=True),
            "tasks": scoping.scope(request.user, SupervisionTask).filter(
                source="grid", source_ref=report.number
            ),
            "can_supervise": overdue
            and services.open_task(report) is None
            and scoping.has_role(request.user, Role.SUPERVISOR, org=report.org),
            "proposed_limit": grid_categories.proposed_limit(report.category.code),
            "active": "enforcement",
        },
    )


@login_required
@require_POST
def report_move(request, pk: int):
    report = _report(request, pk)
    p = request.POST
    to, version, reason = p.get("to", ""), p.get("version"), p.get("reason", "")
    try:
        if to == GridStatus.DISPATCHED:
            target = None
            if p.get("to_org"):
                target = scoping.get_for(request.user, queries.orgs(request.user), p["to_org"])
            services.report_dispatch(
                actor=request.user,
                report=report,
                to_org=target,
                version=version,
                note=p.get("note", ""),
            )
        elif to == GridStatus.HANDLED:
            services.report_handle(
                actor=request.user, report=report, result=p.get("result", ""), version=version
            )
        elif to == GridStatus.CLOSED:
            services.report_verify(
                actor=request.user, report=report, passed=True, reason=reason, version=version
            )
        elif to == GridStatus.RETURNED:
            services.report_verify(
                actor=request.user, report=report, passed=False, reason=reason, version=version
            )
        elif to == GridStatus.INVALID:
            services.report_invalidate(
                actor=request.user, report=report, reason=reason, version=version
            )
        else:
            raise workflow.InvalidTransition(_("未知的办理环节。"))
    except (workflow.InvalidTransition, ValidationError, PermissionDenied, Http404) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("已办理。"))
    return redirect("enforcement:grid_report", pk=report.pk)


@login_required
@require_POST
def report_supervise(request, pk: int):
    report = _report(request, pk)
    try:
        task = services.report_supervise(actor=request.user, report=report)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("已下达督办任务 %(n)s。") % {"n": task.number})
    return redirect("enforcement:grid_report", pk=report.pk)


def supervise_overdue(request):
    """批量督办 (POST to the list with ``action=supervise_overdue``)."""
    try:
        made = services.supervise_overdue(actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc))
    else:
        if made:
            messages.success(request, _("已对 %(n)d 件超期案卷下达督办任务。") % {"n": len(made)})
        else:
            messages.info(request, _("没有需要督办的超期案卷。"))
    return redirect(reverse("enforcement:grid") + "?overdue=1")


# ---------------------------------------------------------------- cells


class CellForm(StyledForm):
    code = forms.CharField(label=gettext_lazy("网格编码"), max_length=30)
    name = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    level = forms.ChoiceField(label=gettext_lazy("层级"), choices=GridLevel.choices)
    parent = forms.ModelChoiceField(queryset=None, label=gettext_lazy("上级网格"), required=False)
    org = forms.ModelChoiceField(queryset=None, label=gettext_lazy("责任单位"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = GridCell.objects.exclude(level=GridLevel.COMMUNITY)
        self.fields["org"].queryset = queries.orgs(user).filter(is_active=True)


@login_required
def cell_list(request):
    rows = services.cells(request.user)
    level, q = request.GET.get("level", ""), request.GET.get("q", "").strip()
    if level in GridLevel.values:
        rows = rows.filter(level=level)
    if q:
        rows = rows.filter(Q(code__icontains=q) | Q(name__icontains=q) | Q(org__name__icontains=q))
    if request.GET.get("export") == "xlsx":
        return excel_response(
            _("网格"),
            [_("网格编码"), _("名称"), _("层级"), _("上级网格编码"), _("责任单位")],
            (
                (
                    c.code,
                    c.name,
                    c.get_level_display(),
                    c.parent.code if c.parent else "",
                    c.org.name,
                )
                for c in rows.order_by("code")[:EXPORT_LIMIT]
            ),
        )
    page = keyset(rows, request, descending=False)
    return render(
        request,
        "enforcement/grid/cells.html",
        {
            "page": page,
            "level": level,
            "q": q,
            "levels": GridLevel.choices,
            "can_edit": scoping.is_admin(request.user)
            or scoping.has_role(request.user, Role.LEADER),
            "active": "enforcement",
        },
    )


@login_required
def cell_edit(request, pk: int | None = None):
    cell = scoping.get_for(request.user, services.cells(request.user), pk) if pk else None
    initial = (
        {
            "code": cell.code,
            "name": cell.name,
            "level": cell.level,
            "parent": cell.parent_id,
            "org": cell.org_id,
        }
        if cell
        else None
    )
    form = CellForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.cell_save(actor=request.user, cell=cell, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("网格 %(c)s 已保存。") % {"c": saved.code})
            return redirect("enforcement:grid_cells")
    return render(
        request,
        "enforcement/grid/form.html",
        {
            "form": form,
            "title": _("修改网格") if cell else _("新增网格"),
            "back": reverse("enforcement:grid_cells"),
            "active": "enforcement",
        },
    )


# ---------------------------------------------------------------- categories


class CategoryForm(StyledForm):
    code = forms.CharField(label=gettext_lazy("类别编码"), max_length=20)
    kind = forms.ChoiceField(label=gettext_lazy("部件或事件"), choices=GridCategoryKind.choices)
    major = forms.CharField(label=gettext_lazy("大类"), max_length=40)
    name = forms.CharField(label=gettext_lazy("小类"), max_length=60)
    rule_code = forms.CharField(
        label=gettext_lazy("处置时限规则"),
        max_length=20,
        initial=grid_categories.DEFAULT_RULE,
        help_text=gettext_lazy("期限规则库中的规则编码，如 RX-1。"),
    )
    confirmed = forms.BooleanField(label=gettext_lazy("已与国家标准核对"), required=False)


@login_required
def category_list(request):
    if request.method == "POST" and request.POST.get("action") == "load":
        return category_load(request)
    rows = GridCategory.objects.all()
    kind, q = request.GET.get("kind", ""), request.GET.get("q", "").strip()
    if kind in GridCategoryKind.values:
        rows = rows.filter(kind=kind)
    if q:
        rows = rows.filter(Q(code__icontains=q) | Q(major__icontains=q) | Q(name__icontains=q))
    if request.GET.get("export") == "xlsx":
        return excel_response(
            _("城管问题类别"),
            [
                _("类别编码"),
                _("部件或事件"),
                _("大类"),
                _("小类"),
                _("处置时限规则"),
                _("建议时限"),
                _("已与国家标准核对"),
            ],
            (
                (
                    c.code,
                    c.get_kind_display(),
                    c.major,
                    c.name,
                    c.rule_code,
                    grid_categories.proposed_limit(c.code),
                    _("是") if c.confirmed else _("否"),
                )
                for c in rows
            ),
        )
    return render(
        request,
        "enforcement/grid/categories.html",
        {
            "rows": [(c, grid_categories.proposed_limit(c.code)) for c in rows],
            "kind": kind,
            "q": q,
            "kinds": GridCategoryKind.choices,
            "source": grid_categories.SOURCE,
            "is_admin": scoping.is_admin(request.user),
            "active": "enforcement",
        },
    )


@login_required
def category_edit(request, pk: int | None = None):
    if not scoping.is_admin(request.user):
        raise PermissionDenied(_("只有系统管理员可以维护城管问题类别。"))
    cat = GridCategory.objects.filter(pk=pk).first() if pk else None
    if pk and cat is None:
        raise Http404
    initial = (
        {f: getattr(cat, f) for f in ("code", "kind", "major", "name", "rule_code", "confirmed")}
        if cat
        else None
    )
    form = CategoryForm(request.POST or None, initial=initial)
    if cat:
        form.fields["code"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.category_save(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("类别 %(c)s 已保存。") % {"c": saved.code})
            return redirect("enforcement:grid_categories")
    return render(
        request,
        "enforcement/grid/form.html",
        {
            "form": form,
            "title": _("修改问题类别") if cat else _("新增问题类别"),
            "back": reverse("enforcement:grid_categories"),
            "active": "enforcement",
        },
    )


def category_load(request):
    """载入内置类别 (POST to the category list with ``action=load``)."""
    try:
        n = services.categories_load(actor=request.user)
    except PermissionDenied as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("已载入 %(n)d 个类别。") % {"n": n})
    return redirect("enforcement:grid_categories")


# ---------------------------------------------------------------- imports (shared)


class UploadForm(StyledForm):
    file = forms.FileField(label=gettext_lazy("Excel 文件（.xlsx）"))


def import_page(request, kind: str, back: str):
    """Upload page of one import kind: all rows or nothing, every failed row listed."""
    schema = imports.SCHEMAS[kind]
    form = UploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = imports.run(
                actor=request.user, kind=kind, data=upload.read(), filename=upload.name
            )
        except imports.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            if result.ok:
                messages.success(request, _("已导入 %(n)d 行。") % {"n": len(result.created)})
                return redirect(back)
    return render(
        request,
        "enforcement/grid/import.html",
        {
            "form": form,
            "schema": schema,
            "result": result,
            "back": back,
            "template_url": reverse("enforcement:import_template", args=[kind]),
            "active": "enforcement",
        },
    )


@login_required
def cell_import(request):
    return import_page(request, "cells", reverse("enforcement:grid_cells"))


@login_required
def import_template(request, kind: str):
    if kind not in imports.SCHEMAS:
        raise Http404
    resp = HttpResponse(
        imports.template(kind),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = _("%(t)s导入模板") % {"t": imports.SCHEMAS[kind].title}
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.xlsx"
    return resp
