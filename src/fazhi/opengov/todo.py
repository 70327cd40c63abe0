"""我的待办 for supervisors: disclosure requests whose reply period ends within ten days or
has ended (the supervisor does not answer requests, so they are not in the transition
table's queue; this is the supervision of their deadlines)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core import dates, scoping
from fazhi.core.models import Clock, Role
from fazhi.core.todo import Reminder

from .models import DisclosureRequest

WINDOW = 10  # calendar days


def requests_coming_due(user, today: dt.date) -> list[Reminder]:
    if not scoping.has_role(user, Role.SUPERVISOR):
        return []
    open_ids = scoping.scope(user, DisclosureRequest, roles={Role.SUPERVISOR}).exclude(
        status__in=DisclosureRequest.CLOSED_STATUSES
    )
    by_id = {str(r.pk): r for r in open_ids.select_related("org")}
    if not by_id:
        return []
    out = []
    for c in Clock.objects.filter(
        subject_type="opengov.disclosurerequest",
        subject_id__in=list(by_id),
        rule__code="GK-4",
        stopped_on__isnull=True,
        due_on__lte=today + dt.timedelta(days=WINDOW),
    ):
        r = by_id[c.subject_id]
        out.append(
            Reminder(
                title=_("政府信息公开申请答复期限：%(n)s") % {"n": r.number},
                detail=_("%(o)s · %(a)s") % {"o": r.org.label, "a": r.get_status_display()},
                url=reverse("opengov:request", args=[r.pk]),
                due_on=c.due_on,
                days_left=(c.due_on - today).days,
            )
        )
    # GK-7: a request deferred to a later reply date has its GK-4 clock stopped; the date
    # the applicant was told is the one to watch
    for r in by_id.values():
        if r.deferred_to and r.deferred_to <= today + dt.timedelta(days=WINDOW):
            out.append(
                Reminder(
                    title=_("政府信息公开申请延迟答复期限：%(n)s") % {"n": r.number},
                    detail=_("%(o)s · %(a)s") % {"o": r.org.label, "a": r.get_status_display()},
                    url=reverse("opengov:request", args=[r.pk]),
                    due_on=r.deferred_to,
                    days_left=(r.deferred_to - today).days,
                )
            )
    return out


def items_coming_due(user, today: dt.date) -> list[Reminder]:
    """主动公开事项 not yet published whose GK-1 period (20 WD from formation) ends within
    ten days or has ended: on the to-do of the body's clerks and heads, red once late."""
    from . import queries

    roles = {Role.CLERK, Role.LEADER}
    if not scoping.has_role(user, *roles):
        return []
    return [
        Reminder(
            title=_("主动公开期限：%(n)s %(t)s") % {"n": item.index_number, "t": item.title},
            detail=_("%(o)s · 信息形成于%(d)s")
            % {"o": item.org.label, "d": dates.fmt(item.formed_on)},
            url=reverse("opengov:items") + f"?late=1#item-{item.pk}",
            due_on=c.due_on,
            days_left=(c.due_on - today).days,
        )
        for item, c in queries.items_coming_due(user, today, WINDOW, roles)
    ]


def duties_to_check(user, today: dt.date) -> list[Reminder]:
    """内容保障月度检查: a column not yet checked this month shows from ten days before the
    month ends; last month's unchecked columns show red."""
    from . import duties, queries

    roles = {Role.CLERK, Role.LEADER}
    if not scoping.has_role(user, *roles):
        return []
    this = duties.month_of(today)
    last = duties.month_of(today.replace(day=1) - dt.timedelta(days=1))
    out = []
    for month in (last, this):
        end = duties.month_end(month)
        if (end - today).days > WINDOW:
            continue
        for d in queries.duties_unchecked(user, month, end, roles):
            out.append(
                Reminder(
                    title=_("内容保障月度检查：%(c)s（%(m)s）") % {"c": d.column, "m": month},
                    detail=d.org.label,
                    url=reverse("opengov:duty", args=[d.pk]),
                    due_on=end,
                    days_left=(end - today).days,
                )
            )
    return out
