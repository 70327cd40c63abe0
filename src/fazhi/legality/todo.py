"""The legality reminders on 我的待办 (registered with the kernel in ``apps.py``): a normative
document whose validity period ends within ``VALIDITY_DAYS`` (the registering office and the
drafting department must evaluate it and renew, amend or let it lapse — or record that it
has lapsed), and an adviser's engagement ending within ``ENGAGEMENT_DAYS`` with no later
engagement of the same unit (the unit and the Justice Bureau renew it or engage another).
Both lead times are local configuration (⚠ invented: no statutory reminder period)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core import scoping
from fazhi.core.models import Role
from fazhi.core.todo import Reminder

from . import queries
from .models import DocStatus, Engagement, NormativeDocument

VALIDITY_DAYS = 90
ENGAGEMENT_DAYS = 30
DESK = (Role.CLERK, Role.LEADER)
ENGAGING = (Role.CLERK, Role.LEADER, Role.REVIEWER)


def _desk_orgs(user) -> list[int]:
    return [m.org_id for m in scoping.memberships(user, DESK)]


def validity_reminders(user, today: dt.date) -> list[Reminder]:
    """Documents in force whose 有效期 ends within ``VALIDITY_DAYS`` (or has passed while the
    document is still recorded as issued), for the desks of the registering office and the
    drafting department."""
    orgs = _desk_orgs(user)
    if not orgs:
        return []
    docs = (
        scoping.scope(user, NormativeDocument)
        .filter(status=DocStatus.ISSUED, valid_until__isnull=False)
        .filter(valid_until__lte=today + dt.timedelta(days=VALIDITY_DAYS))
        .filter(Q(registrar_org_id__in=orgs) | Q(org_id__in=orgs))
        .order_by("valid_until", "id")[:200]
    )
    return [
        Reminder(
            title=(
                _("规范性文件有效期即将届满：%(t)s")
                if d.valid_until >= today
                else _("规范性文件有效期已届满，尚未登记失效：%(t)s")
            )
            % {"t": d.title},
            detail=_("%(n)s · 有效期至 %(d)s")
            % {"n": d.doc_number, "d": d.valid_until.isoformat()},
            url=reverse("legality:document", args=[d.pk]),
            due_on=d.valid_until,
            days_left=(d.valid_until - today).days,
        )
        for d in docs
    ]


def engagement_reminders(user, today: dt.date) -> list[Reminder]:
    """Engagements ending within ``ENGAGEMENT_DAYS`` (not ended early), unless the unit has a
    later engagement already, for the desks that reach the unit (the street's for its
    communities) and the desk of the body keeping the register."""
    orgs = [m.org_id for m in scoping.memberships(user, ENGAGING)]
    if not orgs:
        return []
    later = Engagement.objects.filter(
        org=OuterRef("org"), ends_on__gt=OuterRef("ends_on"), terminated_on__isnull=True
    )
    rows = (
        Engagement.objects.filter(
            terminated_on__isnull=True,
            ends_on__gte=today,
            ends_on__lte=today + dt.timedelta(days=ENGAGEMENT_DAYS),
        )
        .filter(Q(org__in=queries.act_orgs(user, *ENGAGING)) | Q(adviser__org_id__in=orgs))
        .exclude(Exists(later))
        .select_related("adviser", "org")
        .order_by("ends_on", "id")[:200]
    )
    return [
        Reminder(
            title=_("法律顾问聘期即将届满：%(o)s") % {"o": e.org.label},
            detail=_("%(a)s · 聘期至 %(d)s") % {"a": e.adviser.name, "d": e.ends_on.isoformat()},
            url=reverse("legality:adviser", args=[e.adviser_id]),
            due_on=e.ends_on,
            days_left=(e.ends_on - today).days,
        )
        for e in rows
    ]
