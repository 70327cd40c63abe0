"""Staff pages of the annual report: the reports in scope with their BG-1 clocks, generating
an edition, the draft with every figure linked to its records (and what is pending), the
words edited, the moves, the DOCX."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import clock, clocks, scoping, workflow
from fazhi.core.models import Organisation, Role

from . import compose, docx, facts, services
from .models import AnnualReport
from .models import ReportStatus as S
from .outline import MODULE_LABELS
from .states import DRAFTERS


def _error(exc: Exception) -> str:
    if isinstance(exc, workflow.InvalidTransition):
        return exc.message
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc) or _("操作被拒绝。")


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@login_required
def report_list(request):
    reports = scoping.scope(request.user, AnnualReport).select_related("org")
    rows = [(r, [(c, clocks.card(c)) for c in clocks.for_subject(r)]) for r in reports[:200]]
    orgs = [
        o
        for o in scoping.scope(request.user, Organisation).order_by("path")[:300]
        if scoping.has_role(request.user, *DRAFTERS, org=o)
    ]
    today = clock.today()
    return render(
        request,
        "reports/list.html",
        {
            "rows": rows,
            "orgs": orgs,
            "all_orgs": scoping.scope(request.user, Organisation).order_by("path")[:300],
            "years": list(range(today.year - 1, today.year - 8, -1)),
            "active": "reports",
        },
    )


@login_required
@require_POST
def report_generate(request):
    pk, year = request.POST.get("org", ""), request.POST.get("year", "")
    if not pk.isdigit() or not year.isdigit():
        messages.error(request, _("请选择机构和年度。"))
        return redirect("reports:home")
    org = scoping.get_for(request.user, Organisation, int(pk))
    try:
        report = services.report_generate(actor=request.user, org=org, year=int(year))
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _error(exc))
        return redirect("reports:home")
    messages.success(request, _("已生成 %(r)s。") % {"r": report})
    return redirect("reports:report", pk=report.pk)


def _get(request, pk: int) -> AnnualReport:
    return scoping.get_for(request.user, AnnualReport.objects.select_related("org"), pk)


@login_required
def report_detail(request, pk: int):
    report = _get(request, pk)
    editions = AnnualReport.objects.filter(org=report.org, year=report.year).order_by("edition")
    previous = report.supersedes
    diff = []
    if previous is not None:
        import difflib

        diff = list(
            difflib.unified_diff(
                compose.plain_text(previous).splitlines(),
                compose.plain_text(report).splitlines(),
                lineterm="",
                n=0,
            )
        )[2:]
    return render(
        request,
        "reports/detail.html",
        {
            "r": report,
            "blocks": compose.blocks(report),
            "pending": [
                (p["key"], "、".join(str(MODULE_LABELS.get(m, m)) for m in p["modules"]))
                for p in report.content.get("pending", [])
            ],
            "empty": [
                (e["key"], str(MODULE_LABELS.get(e["module"], e["module"])))
                for e in report.content.get("empty", [])
            ],
            "clocks": [(c, clocks.card(c)) for c in clocks.for_subject(report)],
            "moves": workflow.moves_for(report, request.user),
            "can_edit": report.status == S.DRAFT
            and scoping.has_role(request.user, *DRAFTERS, obj=report),
            "editions": editions,
            "facts": facts.offered(report.org, report.year) if report.status == S.DRAFT else [],
            "diff": diff,
            "today": clock.today(),
            "active": "reports",
        },
    )


@login_required
@require_POST
def report_edit(request, pk: int):
    report = _get(request, pk)
    fields = {k: request.POST[k] for k in services.TEXT_FIELDS if k in request.POST}
    try:
        if request.POST.get("refresh"):
            services.report_refresh(
                actor=request.user, report=report, version=request.POST.get("version")
            )
        else:
            services.report_edit(
                actor=request.user, report=report, version=request.POST.get("version"), **fields
            )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("已保存。"))
    return redirect("reports:report", pk=report.pk)


@login_required
@require_POST
def report_act(request, pk: int):
    report = _get(request, pk)
    to, version = request.POST.get("to", ""), request.POST.get("version")
    on = _date(request.POST.get("on", "")) or clock.today()
    try:
        if to == S.SUBMITTED:
            services.report_submit(actor=request.user, report=report, on=on, version=version)
        elif to == S.APPROVED:
            services.report_approve(actor=request.user, report=report, on=on, version=version)
        elif to == S.PUBLISHED:
            services.report_publish(actor=request.user, report=report, on=on, version=version)
        elif to == S.DRAFT:
            services.report_return(
                actor=request.user,
                report=report,
                reason=request.POST.get("reason", ""),
                version=version,
            )
        else:
            raise Http404
    except (ValidationError, PermissionDenied, workflow.InvalidTransition) as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("已办理。"))
    return redirect("reports:report", pk=report.pk)


@login_required
def report_docx(request, pk: int):
    report = _get(request, pk)
    resp = HttpResponse(
        docx.render(report),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = f"{report.title}（第{report.edition}版）.docx"
    from urllib.parse import quote

    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return resp


@login_required
def part_texts(request):
    """段落模板: every registered part with the wording in force for the user's district,
    its revision, and (for the office) a form to save a new revision."""
    from fazhi.core import reportparts

    from . import templates_text

    ms = scoping.memberships(request.user)
    if not ms:
        raise Http404
    district = templates_text.district_of(ms[0].org)
    if request.method == "POST":
        try:
            templates_text.part_text_save(
                actor=request.user,
                org=district,
                key=request.POST.get("key", ""),
                module=request.POST.get("module", ""),
                order=int(request.POST.get("order") or 0),
                template=request.POST.get("template", ""),
            )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _error(exc))
        else:
            messages.success(request, _("已保存新的修订。"))
        return redirect("reports:templates")
    force = templates_text.in_force(district)
    rows = []
    for p in reportparts.parts():
        t = force.get((p.key, p.module, p.order))
        rows.append((p, t.template if t else p.template, t))
    return render(
        request,
        "reports/templates.html",
        {
            "rows": rows,
            "district": district,
            "can": scoping.has_role(request.user, Role.SUPERVISOR, org=district),
            "labels": MODULE_LABELS,
            "active": "reports",
        },
    )


@login_required
def statistics_export(request):
    """统计报表: any set of indicators (``codes``; all by default) for an organisation subtree
    (within the user's scope) and a year or a period (``from``/``to``), one sheet per module,
    each figure over what the user may see."""
    from urllib.parse import quote

    from fazhi.core.models import DataScope

    from . import dashboard, statistics

    y = request.GET.get("year", "")
    year = int(y) if y.isdigit() else clock.today().year - 1
    pk = request.GET.get("org", "")
    if pk.isdigit():
        org = scoping.get_for(request.user, Organisation, int(pk))
    elif any(m.data_scope == DataScope.ALL for m in scoping.memberships(request.user)):
        org = None
    else:
        ms = scoping.memberships(request.user)
        if not ms:
            raise Http404
        org = ms[0].org
    params = request.GET.copy()
    params["year"] = str(year)
    period, error = dashboard.parse_period(params, request.user)
    try:
        codes = statistics.codes_of(
            request.GET.getlist("codes") and " ".join(request.GET.getlist("codes"))
        )
    except LookupError as exc:
        error = str(exc.args[0])
    if error:
        messages.error(request, error)
        return redirect("reports:home")
    resp = HttpResponse(
        statistics.workbook(org, period=period, codes=codes, user=request.user),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"{org.name if org else _('全部机构')}{period}统计指标.xlsx"
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return resp
