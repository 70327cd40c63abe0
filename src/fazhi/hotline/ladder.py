"""The 催办 ladder on the body's clocks (sign-off RX-3, handling RX-1/RX-4…): 临期 (yellow, the
kernel's card: within ``YELLOW_CARD_WORKDAYS`` working days of the due date) → 超期 (red) →
应督办 (overdue by ``HOTLINE_SUPERVISE_WORKDAYS`` working days or more, default 3 — local
configuration ⚠, no national rule exists: the office turns the order into a supervision
task). The step is derived when read, from the clock's card, like the card itself.

Shown on the inbox, the office's warning list and, for the office, on the to-do (a reminder
per order on the ladder: the body sees its own clocks there already).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core import calendar, clock, clocks, scoping
from fazhi.core.models import Clock, Role
from fazhi.core.todo import Reminder
from fazhi.core.workcal import CalendarError

from .models import Order, OrderStatus

S = OrderStatus
LEVELS = ("yellow", "red", "supervise")  # worse to the right
BODY_TURN = (S.ASSIGNED, S.SIGNED)


def supervise_after() -> int:
    return getattr(settings, "HOTLINE_SUPERVISE_WORKDAYS", 3)


@dataclass(frozen=True)
class Step:
    level: str  # yellow | red | supervise
    label: str
    clock: Clock
    days_left: int  # working days to the due date, negative when overdue

    @property
    def rank(self) -> int:
        return LEVELS.index(self.level)


def step_of(c: Clock, today: dt.date) -> Step | None:
    """The clock's step on the ladder, or None while it is on time (or paused, stopped)."""
    card = clocks.card(c, today)
    if card.status == "yellow":
        return Step("yellow", _("临期"), c, card.days_left)
    if card.status != "red":
        return None
    late = -(card.days_left or 0)
    if late >= supervise_after():
        return Step("supervise", _("超期%(n)s个工作日，应督办") % {"n": late}, c, card.days_left)
    return Step("red", _("超期"), c, card.days_left)


def _horizon(today: dt.date) -> dt.date:
    """The last due date that is already yellow today."""
    try:
        return calendar.get_calendar().add_workdays(today, clocks.yellow_window())
    except CalendarError:
        return today + dt.timedelta(days=3 * clocks.yellow_window() + 10)


def steps(order_ids, today: dt.date | None = None) -> dict[int, Step]:
    """The worst step of each order's open clocks (orders on time are absent). The ids come
    from a scoped query; the clocks are read for those orders only."""
    today = today or clock.today()
    ids = [str(i) for i in order_ids]
    out: dict[int, Step] = {}
    if not ids:
        return out
    qs = Clock.objects.filter(
        subject_type=Order._meta.label_lower,
        subject_id__in=ids,
        stopped_on__isnull=True,
        paused=False,
        party=False,
        due_on__lte=_horizon(today),
    ).select_related("rule")
    for c in qs:
        st = step_of(c, today)
        pk = int(c.subject_id)
        if st is not None and (pk not in out or st.rank > out[pk].rank):
            out[pk] = st
    return out


def on_ladder(user, today: dt.date | None = None) -> list[tuple[Order, Step]]:
    """The orders in the body's hands (待签收, 办理中) the user may see whose clocks are on
    the ladder, worst first, then soonest due."""
    return on_ladder_of(scoping.scope(user, Order), today)


def on_ladder_of(scoped, today: dt.date | None = None) -> list[tuple[Order, Step]]:
    """:func:`on_ladder` over orders already scoped by the caller (a user's, or an export's
    through the data-exchange resolver)."""
    today = today or clock.today()
    due = Clock.objects.filter(
        subject_type=Order._meta.label_lower,
        stopped_on__isnull=True,
        paused=False,
        party=False,
        due_on__lte=_horizon(today),
    ).values_list("subject_id", flat=True)
    candidates = scoped.filter(status__in=BODY_TURN, pk__in=[int(i) for i in due])
    orders = {
        o.pk: o for o in candidates.select_related("org", "office", "category").order_by("id")
    }
    found = steps(orders, today)
    rows = [(orders[pk], st) for pk, st in found.items()]
    rows.sort(key=lambda r: (-r[1].rank, r[1].clock.due_on, r[0].pk))
    return rows


def office_reminders(user, today: dt.date) -> list[Reminder]:
    """For the hotline office's staff: every order of theirs on the ladder, to 催办 or to
    turn into a supervision task (registered with the kernel's to-do in ``apps.py``)."""
    offices = [m.org_id for m in scoping.memberships(user, (Role.CLERK, Role.LEADER))]
    if not offices:
        return []
    return [
        Reminder(
            title=_("催办：%(n)s %(t)s") % {"n": o.number, "t": o.title},
            detail=_("%(b)s · %(c)s · %(s)s")
            % {"b": o.org.name, "c": st.clock.label, "s": st.label},
            url=reverse("hotline:order", args=[o.pk]),
            due_on=st.clock.due_on,
            days_left=st.days_left,
        )
        for o, st in on_ladder(user, today)
        if o.office_id in offices
    ][:200]
