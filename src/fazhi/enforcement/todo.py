"""What enforcement puts on 我的待办 besides its matters (which the kernel finds from the
transition tables): certificates about to lapse."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.todo import Reminder

from . import queries

#: a certificate lapsing within this many days is a reminder
EXPIRING_DAYS = 30


def certificate_reminders(user, today: dt.date) -> list[Reminder]:
    """Certificates lapsing within 30 days (or lapsed but still marked valid), for
    supervisors and the holder's body leaders; registered with the kernel in ``apps.py``."""
    return [
        Reminder(
            title=_("%(o)s 的执法证 %(n)s 即将到期") % {"o": c.officer.name, "n": c.number}
            if c.valid_to >= today
            else _("%(o)s 的执法证 %(n)s 已过有效期") % {"o": c.officer.name, "n": c.number},
            detail=_("%(b)s · 有效期至 %(d)s")
            % {"b": c.officer.body.org.label, "d": c.valid_to.isoformat()},
            url=reverse("enforcement:officer", args=[c.officer_id]),
            due_on=c.valid_to,
            days_left=(c.valid_to - today).days,
        )
        for c in queries.expiring_certificates(user, today=today, days=EXPIRING_DAYS)[:200]
    ]
