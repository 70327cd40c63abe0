"""Supervision acts that write: the weekly Excel of late applications is an export of
personal data, so it is recorded in the ledger (who took which week)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import ledger
from fazhi.core.ledger import Actor
from fazhi.core.models import Clock, Role
from fazhi.core.scoping import require_role

from .. import actions, queries, rules


def late_week_export(*, actor: Actor, monday: dt.date) -> list[tuple]:
    """The rows of the week's late applications (``queries.late_in_week``), as the user may
    see them; the export is recorded."""
    require_role(
        actor, Role.SUPERVISOR, Role.LEADER, message=_("只有监督人员和负责人可以导出超期办件周报。")
    )
    apps = list(queries.late_in_week(actor, monday).select_related("item", "org", "window"))
    due = {
        c.subject_id: c.due_on
        for c in Clock.objects.filter(
            subject_type=queries.APP_TYPE,
            subject_id__in=[str(a.pk) for a in apps],
            rule__code__in=[rules.NOTICE, rules.DECISION, rules.ISSUE],
        ).order_by("started_on")
    }
    rows = [
        (
            a.number,
            a.item.name,
            a.org.name,
            a.window.name if a.window else "",
            a.get_status_display(),
            a.received_on.isoformat(),
            due[str(a.pk)].isoformat() if due.get(str(a.pk)) else "",
            timezone.localtime(a.promised_due_at).strftime("%Y-%m-%d %H:%M")
            if a.promised_due_at
            else "",
            a.closed_on.isoformat() if a.closed_on else "",
        )
        for a in apps
    ]
    with transaction.atomic():
        ledger.record(
            actor=actor,
            action=actions.LATE_EXPORT,
            data={"week": monday, "rows": len(rows)},
        )
    return rows
