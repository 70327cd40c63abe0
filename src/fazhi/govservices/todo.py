"""我的待办 reminders that are not matters: post-approval checks of approvals on commitment
coming due — for the member of staff assigned, and for the body's heads while unassigned."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core import scoping
from fazhi.core.calendar import get_calendar
from fazhi.core.models import Role
from fazhi.core.todo import Reminder
from fazhi.core.workcal import CalendarError

from .models import PostCheck

HORIZON_DAYS = 30


def post_check_reminders(user, today: dt.date) -> list[Reminder]:
    leader_orgs = [m.org_id for m in scoping.memberships(user, [Role.LEADER])]
    qs = (
        scoping.scope(user, PostCheck)
        .filter(checked_on__isnull=True, due_on__lte=today + dt.timedelta(days=HORIZON_DAYS))
        .filter(
            Q(assigned_to=user) | Q(assigned_to__isnull=True, application__org_id__in=leader_orgs)
        )
        .select_related("application__item")
        .order_by("due_on")[:100]
    )
    out = []
    for c in qs:
        try:
            left = get_calendar().workdays_between(today, c.due_on)
        except CalendarError:
            left = (c.due_on - today).days
        out.append(
            Reminder(
                title=_("告知承诺事后核查：%(n)s") % {"n": c.application.number},
                detail=c.application.item.name if c.assigned_to_id else _("尚未指派核查人员"),
                url=reverse("govservices:application", args=[c.application_id]),
                due_on=c.due_on,
                days_left=left if today <= c.due_on else -(today - c.due_on).days,
            )
        )
    return out
