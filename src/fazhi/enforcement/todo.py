"""What enforcement puts on 我的待办 besides its matters (which the kernel finds from the
transition tables): certificates about to lapse, and legality reviews waiting for the
reviewer's opinion."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core import clocks, scoping
from fazhi.core.models import Role
from fazhi.core.todo import Reminder

from . import queries
from .models import Case, CaseStatus, LegalReview

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


def reviews_waiting(user, today: dt.date) -> list[Reminder]:
    """Major cases sent for 法制审核 and still without an opinion, for the legal reviewers who
    may give it (the review is not a move of the table, so the kernel's list cannot see it).
    Due: the case's running decision deadline (the review must come before the decision),
    or — with none running — the day it was submitted."""
    reviews = (
        LegalReview.objects.filter(opinion="", case__status=CaseStatus.REVIEW)
        .filter(case__in=scoping.scope(user, Case, roles=[Role.REVIEWER]).values("pk"))
        .select_related("case__body__org")
        .order_by("submitted_on", "pk")[:200]
    )
    out = []
    for r in reviews:
        due = (
            clocks.for_subject(r.case)
            .filter(stopped_on__isnull=True, party=False, due_on__isnull=False)
            .order_by("due_on")
            .values_list("due_on", flat=True)
            .first()
        ) or r.submitted_on
        out.append(
            Reminder(
                title=_("法制审核：%(c)s") % {"c": r.case},
                detail=_("%(b)s · %(d)s送审")
                % {"b": r.case.body.org.label, "d": r.submitted_on.isoformat()},
                url=reverse("enforcement:case", args=[r.case_id]),
                due_on=due,
                days_left=(due - today).days,
            )
        )
    return out
