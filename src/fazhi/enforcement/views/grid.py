"""数字城管 staff pages: problem reports (list, file, detail with clock and timeline, actions,
督办). Cells and categories are in ``grid_setup``. Thin: parse, call the services, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import clocks, ledger, queries, scoping, workflow
from fazhi.core.models import Clock, Role, SupervisionTask
from fazhi.ui.excel import export_response
from fazhi.ui.paging import keyset

from .. import exports, grid_categories
from ..filters import GridReportFilter
from ..forms import ReportForm
from ..models import (
    GridCategory,
    GridCategoryKind,
    GridStatus,
    ReporterKind,
)
from ..services import grid as services
from ..services import grid_flow as flow
from ..states import command_centre
from .common import error_text, form_errors, listed

# ---------------------------------------------------------------- reports


def _filtered(request):
    return listed(GridReportFilter, request, services.reports(request.user))


def _cards(rows) -> dict[int, tuple]:
    """The latest clock and its card of each listed report: one query for the page."""
    ids = [str(r.pk) for r in rows]
    out: dict[int, tuple] = {}
    for c in Clock.objects.filter(subject_type=services.SUBJECT_TYPE, subject_id__in=ids).order_by(
        "id"
    ):
        out[int(c.subject_id)] = (c, clocks.card(c))
    return out


@login_required
def report_list(request):
    if request.method == "POST" and request.POST.get("action") == "supervise_overdue":
        return supervise_overdue(request)
    rows, f = _filtered(request)
    if request.GET.get("export") == "xlsx":
        return export_response(exports.GRID_REPORTS, rows)
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
            "moves": flow.moves(report, request.user),
            "centre": command_centre(report),
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
    try:
        target = None
        if p.get("to", "") == GridStatus.DISPATCHED and p.get("to_org"):
            target = scoping.get_for(request.user, queries.orgs(request.user), p["to_org"])
        flow.report_move(
            actor=request.user,
            report=report,
            to=p.get("to", ""),
            reason=p.get("reason", ""),
            version=p.get("version"),
            to_org=target,
            result=p.get("result", ""),
            note=p.get("note", ""),
        )
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
