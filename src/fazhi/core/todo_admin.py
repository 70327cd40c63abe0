"""我的待办 for administrators: the kernel's own housekeeping, which no transition table
holds — new staff accounts that have no post yet (nobody can work under them), and next
year's work calendar not in force by 1 December (every clock reaching into January then runs
on a provisional due date, 待公布).

The functions take the page's address maker (``url``) because the pages are a face's; the
web app registers them with ``todo.register_provider`` (``fazhi/web/apps.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from . import scoping
from .models import CalendarYear, Membership, User
from .todo import Reminder

#: days a new account may wait for its post before the reminder turns red (platform target)
ACCOUNT_DAYS = 3
#: the day next year's calendar should be in force; the reminder shows from a month before
CALENDAR_DUE = (12, 1)


def accounts_without_post(
    user, today: dt.date, *, url: Callable[[int], str] = lambda pk: ""
) -> list[Reminder]:
    """Active accounts in the administrator's scope that hold no post (岗位角色) yet."""
    if not scoping.is_admin(user):
        return []
    posted = Membership.objects.filter(user=OuterRef("pk"), is_active=True)
    waiting = (
        scoping.scope(user, User)
        .filter(is_active=True)
        .exclude(Exists(posted))
        .select_related("primary_org")
        .order_by("date_joined", "pk")[:200]
    )
    out = []
    for u in waiting:
        joined = u.date_joined.date()
        due = joined + dt.timedelta(days=ACCOUNT_DAYS)
        out.append(
            Reminder(
                title=_("新账户 %(n)s（%(u)s）尚未授予岗位角色")
                % {"n": u.full_name or u.username, "u": u.username},
                detail=_("%(o)s · %(d)s创建")
                % {"o": u.primary_org.label if u.primary_org else "—", "d": joined.isoformat()},
                url=url(u.pk),
                due_on=due,
                days_left=(due - today).days,
            )
        )
    return out


def calendar_next_year(
    user, today: dt.date, *, url: Callable[[int], str] = lambda year: ""
) -> list[Reminder]:
    """Next year's calendar, when it is not in force a month before ``CALENDAR_DUE``."""
    due = dt.date(today.year, *CALENDAR_DUE)
    if not scoping.is_admin(user) or today < due - dt.timedelta(days=30):
        return []
    year = today.year + 1
    if CalendarYear.objects.filter(year=year, in_force=True).exists():
        return []
    return [
        Reminder(
            title=_("%(y)s年工作日历尚未生效") % {"y": year},
            detail=_(
                "国务院办公厅关于%(y)s年部分节假日安排的通知发布后录入并生效；"
                "在此之前，跨入%(y)s年的期限按周末推算（待公布）。"
            )
            % {"y": year},
            url=url(year),
            due_on=due,
            days_left=(due - today).days,
        )
    ]
