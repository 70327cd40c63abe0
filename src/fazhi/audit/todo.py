"""我的待办: rectification tasks whose SJ-1 deadline ends within fifteen days or has ended,
for the responsible body's staff and the audit body that confirms them (the kernel lists
every open clock; this is the reminder before the date)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core import scoping
from fazhi.core.models import Clock, Role
from fazhi.core.todo import Reminder

from .models import Rectification, RectificationStatus

WINDOW = 15  # calendar days
ROLES = {Role.CLERK, Role.LEADER, Role.SUPERVISOR}


def rectifications_coming_due(user, today: dt.date) -> list[Reminder]:
    if not scoping.has_role(user, *ROLES):
        return []
    rects = {
        str(r.pk): r
        for r in scoping.scope(user, Rectification, roles=ROLES)
        .filter(status=RectificationStatus.RECTIFYING)
        .select_related("org", "finding__project")
    }
    if not rects:
        return []
    out = []
    for c in Clock.objects.filter(
        subject_type="audit.rectification",
        subject_id__in=list(rects),
        rule__code="SJ-1",
        stopped_on__isnull=True,
        due_on__lte=today + dt.timedelta(days=WINDOW),
    ).order_by("due_on", "id"):
        r = rects[c.subject_id]
        out.append(
            Reminder(
                title=_("审计整改期限：%(p)s 问题%(s)s")
                % {"p": r.finding.project.number, "s": r.finding.seq},
                detail=r.org.label,
                url=reverse("audit:rectification", args=[r.pk]),
                due_on=c.due_on,
                days_left=(c.due_on - today).days,
            )
        )
    return out
