"""Staff pages of 依法治区: the work points (a list with filters and red cards — the
office's list — the point with its progress, evidence, clock, moves and timeline), the plans
(new plan, new point, issue, import of the committee's spreadsheet), the committee's bodies
with their rules of work, and the heads' 述法. Thin: parse, call the services, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from fazhi.core import clock, clocks, ledger, scoping, workflow
from fazhi.ui.imports import import_page

from . import queries
from .filters import PointFilter
from .forms import DutyForm, IssueForm, MoveForm, PlanForm, PointForm, ProgressForm, WorkRuleForm
from .models import PointStatus as S
from .services import points, structure
from .states import OFFICE_STATUSES

ROLES = ("clerk", "leader")
REFUSED = (workflow.InvalidTransition, ValidationError, PermissionDenied, Http404)


def _error(exc: Exception) -> str:
    if isinstance(exc, workflow.InvalidTransition):
        return exc.message
    if isinstance(exc, ValidationError):
        return pgettext("list separator", "；").join(exc.messages)
    return str(exc) or _("操作被拒绝。")


def _file(form):
    f = form.cleaned_data.get("file")
    return (f.read(), f.name) if f else (None, "")


@login_required
def home(request):
    f = PointFilter(request.GET, queryset=queries.work_points(request.user))
    rows = list(f.qs.order_by("-plan__year", "seq")[:300])
    cards = {}
    for c in _open_clocks(rows):
        cards[c.subject_id] = clocks.card(c)
    return render(
        request,
        "governance/points.html",
        {
            "filter": f,
            "rows": [(p, cards.get(str(p.pk))) for p in rows],
            "plans": queries.plans(request.user),
            "statuses": S.choices,
            "active": "governance",
        },
    )


def _open_clocks(rows):
    from fazhi.core.models import Clock

    return Clock.objects.filter(
        subject_type=queries.SUBJECT,
        subject_id__in=[str(p.pk) for p in rows],
        stopped_on__isnull=True,
    ).select_related("rule")


@login_required
def point(request, pk: int):
    p = queries.work_point(request.user, pk)
    office_staff = scoping.has_role(request.user, *ROLES, org=p.office)
    lead_staff = scoping.has_role(request.user, *ROLES, org=p.org)
    mine = office_staff if p.status in OFFICE_STATUSES else lead_staff
    reporters = [p.org, *(s.org for s in p.supporters.select_related("org"))]
    own = [o.pk for o in reporters if scoping.has_role(request.user, *ROLES, org=o)]
    today = {"on": clock.today()}
    return render(
        request,
        "governance/point.html",
        {
            "p": p,
            "clocks": [
                (c, clocks.card(c), clocks.explain(c) if not c.paused else None)
                for c in clocks.for_subject(p)
            ],
            "timeline": ledger.timeline(p),
            "moves": [
                (m.to, m.transition)
                for m in (workflow.moves_for(p, request.user) if mine else [])
                if not m.problem or m.to == S.REPORTED
            ],
            "move_form": MoveForm(initial=today),
            "progress": p.progress.select_related("org", "attachment"),
            "supporters": p.supporters.select_related("org"),
            "progress_form": ProgressForm(
                initial=today, orgs=queries.lead_bodies().filter(pk__in=own)
            )
            if own and p.status == S.ASSIGNED
            else None,
            "active": "governance",
        },
    )


@login_required
@require_POST
def point_move(request, pk: int):
    """One endpoint for the point's moves: the target picks the service."""
    p = queries.work_point(request.user, pk)
    to, version = request.POST.get("to", ""), request.POST.get("version")
    form = MoveForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("请填写正确的日期。"))
        d = form.cleaned_data
        common = {"actor": request.user, "point": p, "on": d["on"], "version": version}
        if to == S.ASSIGNED and p.status == S.DRAFT:
            points.point_issue(**common)
        elif to == S.REPORTED:
            points.point_report_done(result=d["result"], **common)
        elif to == S.DONE:
            points.point_confirm(**common)
        elif to == S.ASSIGNED:
            points.point_return(reason=d["reason"], **common)
        else:
            raise workflow.InvalidTransition(_("未知的目标状态：%(t)s") % {"t": to or "—"})
    except REFUSED as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("已办理。"))
    return redirect("governance:point", pk=p.pk)


@login_required
@require_POST
def point_progress(request, pk: int):
    p = queries.work_point(request.user, pk)
    form = ProgressForm(request.POST, request.FILES, orgs=queries.lead_bodies())
    try:
        if not form.is_valid():
            raise ValidationError([e for errs in form.errors.values() for e in errs])
        data, name = _file(form)
        points.progress_report(
            actor=request.user,
            point=p,
            org=form.cleaned_data["org"],
            text=form.cleaned_data["text"],
            on=form.cleaned_data["on"],
            file=data,
            file_name=name,
        )
    except REFUSED as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("工作进展已报送。"))
    return redirect("governance:point", pk=p.pk)


@login_required
def plan(request, pk: int):
    wp = queries.plan(request.user, pk)
    office_staff = scoping.has_role(request.user, *ROLES, org=wp.office)
    bodies = queries.lead_bodies()
    form = PointForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and office_staff and form.is_valid():
        d = form.cleaned_data
        try:
            p = points.point_create(
                actor=request.user,
                plan=wp,
                seq=d["seq"],
                title=d["title"],
                text=d["text"],
                lead=d["lead"],
                supporters=list(d["supporters"]),
                category=d["category"],
            )
        except REFUSED as exc:
            form.add_error(None, _error(exc))
        else:
            messages.success(request, _("已登记第%(n)s项任务。") % {"n": p.seq})
            return redirect("governance:plan", pk=wp.pk)
    return render(
        request,
        "governance/plan.html",
        {
            "plan": wp,
            "points": queries.work_points(request.user).filter(plan=wp).order_by("seq"),
            "form": form if office_staff else None,
            "issue_form": IssueForm(initial={"on": clock.today()}) if office_staff else None,
            "active": "governance",
        },
    )


@login_required
@require_POST
def plan_issue(request, pk: int):
    wp = queries.plan(request.user, pk)
    form = IssueForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("请填写正确的下发日期。"))
        points.plan_issue(actor=request.user, plan=wp, on=form.cleaned_data["on"])
    except REFUSED as exc:
        messages.error(request, _error(exc))
    else:
        messages.success(request, _("工作要点已下发，各项任务开始计时。"))
    return redirect("governance:plan", pk=wp.pk)


@login_required
def plan_new(request):
    offices = [
        b
        for b in queries.bodies(request.user).filter(role="office")
        if scoping.has_role(request.user, *ROLES, org=b.org)
    ]
    committee = queries.bodies(request.user).filter(role="committee").first()
    if not offices or committee is None:
        raise Http404
    form = PlanForm(request.POST or None, initial={"year": clock.today().year})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            wp = points.plan_create(
                actor=request.user,
                org=committee.org,
                office=offices[0].org,
                year=d["year"],
                title=d["title"],
                number=d["number"],
            )
        except REFUSED as exc:
            form.add_error(None, _error(exc))
        else:
            return redirect("governance:plan", pk=wp.pk)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("登记年度工作要点"),
            "back": "governance:home",
            "active": "governance",
        },
    )


@login_required
def points_import(request):
    return import_page(
        request,
        "governance-points",
        back=reverse("governance:home"),
        template="governance/import.html",
    )


@login_required
def bodies(request):
    return render(
        request,
        "governance/bodies.html",
        {"bodies": queries.bodies(request.user), "active": "governance"},
    )


@login_required
def body(request, pk: int):
    b = queries.body(request.user, pk)
    form = WorkRuleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data, name = _file(form)
        try:
            structure.work_rule_record(
                actor=request.user,
                body=b,
                kind=d["kind"],
                title=d["title"],
                adopted_on=d["adopted_on"],
                text=d["text"],
                file=data,
                file_name=name,
            )
        except REFUSED as exc:
            form.add_error(None, _error(exc))
        else:
            messages.success(request, _("已登记。"))
            return redirect("governance:body", pk=b.pk)
    return render(
        request,
        "governance/body.html",
        {
            "b": b,
            "rules": b.work_rules.select_related("attachment"),
            "form": form if scoping.has_role(request.user, *ROLES, org=b.org) else None,
            "active": "governance",
        },
    )


@login_required
def duties(request):
    mine = [m.org_id for m in scoping.memberships(request.user, ROLES)]
    orgs = queries.lead_bodies().filter(pk__in=mine)
    form = DutyForm(request.POST or None, request.FILES or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data, name = _file(form)
        try:
            structure.duty_record(
                actor=request.user,
                org=d["org"],
                year=d["year"],
                head=d["head"],
                text=d["text"],
                reported_on=d["reported_on"],
                file=data,
                file_name=name,
            )
        except REFUSED as exc:
            form.add_error(None, _error(exc))
        else:
            messages.success(request, _("已登记。"))
            return redirect("governance:duties")
    year = request.GET.get("year", "")
    rows = queries.duties(request.user)
    if year.isdigit():
        rows = rows.filter(year=int(year))
    return render(
        request,
        "governance/duties.html",
        {"rows": rows[:300], "form": form if orgs else None, "year": year, "active": "governance"},
    )
