"""Staff pages of the content duties: each department's columns with this month's check,
and a column's page with its checks and the monitor's findings linked to them. Views parse
and call services; nothing here writes a model."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.core import clock, matterlinks, scoping
from fazhi.core.models import Organisation, Role

from . import duties, queries

STAFF = (Role.CLERK, Role.LEADER)


def _orgs(user):
    ids = [m.org_id for m in scoping.memberships(user, STAFF)]
    return Organisation.objects.filter(pk__in=ids)


def _errors(request, exc) -> None:
    for m in getattr(exc, "messages", [str(exc)]):
        messages.error(request, m)


def parse_findings(text: str) -> list[tuple[str, str, str]]:
    """One monitor finding a line: its number, then (optionally) what it says."""
    out = []
    for line in (text or "").splitlines():
        if line.strip():
            number, _sep, label = line.strip().partition(" ")
            out.append((duties.MONITOR_FINDING, number, label))
    return out


@login_required
def duty_list(request):
    user = request.user
    qs = queries.duties(user)
    if request.method == "POST":
        p = request.POST
        try:
            try:
                org = scoping.get_for(user, _orgs(user), int(p.get("org") or 0))
            except ValueError:
                raise ValidationError(_("请选择责任部门。")) from None
            try:
                since = dt.date.fromisoformat(p.get("effective_from", "").strip())
            except ValueError:
                raise ValidationError(_("请填写日期（年-月-日）。")) from None
            duties.duty_save(
                actor=user,
                org=org,
                column=p.get("column", ""),
                content=p.get("content", ""),
                effective_from=since,
            )
        except (ValidationError, PermissionDenied) as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("已办理。"))
        return redirect("opengov:duties")
    month = duties.month_of(clock.today())
    checks = {c.duty_id: c for c in queries.duty_checks(user).filter(month=month, duty__in=qs)}
    return render(
        request,
        "opengov/duties.html",
        {
            "rows": [(d, checks.get(d.pk)) for d in qs.order_by("org__path", "column")],
            "month": month,
            "orgs": _orgs(user),
        },
    )


@login_required
def duty_detail(request, pk: int):
    user = request.user
    duty = scoping.get_for(user, queries.duties(user), pk)
    if request.method == "POST":
        p = request.POST
        try:
            try:
                on = dt.date.fromisoformat(p.get("checked_on", "").strip())
            except ValueError:
                raise ValidationError(_("请填写日期（年-月-日）。")) from None
            month = p.get("month", "").strip()
            chosen = set(p.getlist("offered"))
            offered = [
                (o.subject_type, o.subject_id, o.label)
                for o in column_offers(user, duty, month)
                if o.key in chosen
            ]
            duties.duty_check(
                actor=user,
                duty=duty,
                month=month,
                checked_on=on,
                current=p.get("current") == "1",
                findings=offered + parse_findings(p.get("findings", "")),
                note=p.get("note", ""),
            )
        except (ValidationError, PermissionDenied) as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("已办理。"))
        return redirect("opengov:duty", pk=duty.pk)
    checks = queries.duty_checks(user).filter(duty=duty).prefetch_related("findings")
    rows = [
        (c, [(f, matterlinks.url_for(f.subject_type, f.subject_id)) for f in c.findings.all()])
        for c in checks
    ]
    month = request.GET.get("month", "").strip() or duties.month_of(clock.today())
    return render(
        request,
        "opengov/duty.html",
        {
            "duty": duty,
            "rows": rows,
            "month": month,
            "offers": column_offers(user, duty, month),
            "can_check": scoping.has_role(user, *STAFF, obj=duty),
        },
    )


def column_offers(user, duty, month: str) -> list[matterlinks.Offer]:
    """What the website monitor found on this column in the month (stale or blank), offered
    to the check through the kernel — the monitor is never imported here."""
    try:
        dt.date.fromisoformat(f"{month}-01")
    except ValueError:
        return []
    return matterlinks.offers(duties.COLUMN_TOPIC, user, column=duty.column, month=month)
