"""Promised limits (承诺时限) counted in working time: the window's office hours on the kernel's
work calendar.

The district promises shorter limits than the law — company start-up and de-registration
within 1.5 working days (seed 一(二)1) — and a fraction of a day is only meaningful in
office hours. The rule, stated once:

* A **working day** is a day the official calendar marks as one (``get_calendar()``: weekends
  off, announced holidays off, make-up Saturdays and Sundays on), during the window's office
  hours of that day (its summer or winter timetable, ``Hours``).
* Time is counted from the moment the clock starts (the application accepted at the window),
  in **fractions of working days**: each working day weighs 1 whatever the length of its
  office hours, and the part of a day that has passed is the share of its office minutes
  that has passed. So 1.5 working days from Monday 10:00, with 7 office hours a day, end
  on Tuesday at the moment 3.5 of Tuesday's hours plus the hour left of Monday's are used.
* A moment outside office hours counts from the next opening (an online application made on
  Saturday starts on Monday morning); a limit that ends exactly at a day boundary ends at the
  close of that working day.

This is the district's own commitment, not a statutory period (statutory clocks stay in the
kernel's rule registry, XK-*), so 民法典 Art.201's whole-day convention does not apply: a
promise of "1.5 working days" counted from the next day would let 2.5 days pass.

Pure functions on a ``WorkCalendar``; the calendar raises ``UnknownYearError`` for a year
whose holidays are not announced (the caller decides what to show).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from fazhi.core.workcal import UnknownYearError, WorkCalendar

Interval = tuple[dt.time, dt.time]


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


@dataclass(frozen=True)
class Hours:
    """A window's office hours: morning and afternoon intervals, by season.

    ``summer_from`` and ``winter_from`` are (month, day): the summer timetable applies from
    ``summer_from`` (inclusive) to ``winter_from`` (exclusive), the winter one otherwise."""

    summer: tuple[Interval, ...]
    winter: tuple[Interval, ...]
    summer_from: tuple[int, int] = (5, 1)
    winter_from: tuple[int, int] = (10, 1)

    def __post_init__(self) -> None:
        for table in (self.summer, self.winter):
            if not table:
                raise ValueError("office hours need at least one interval")
            last = -1
            for a, b in table:
                if not _minutes(a) < _minutes(b) or _minutes(a) < last:
                    raise ValueError("office-hour intervals must be increasing and not overlap")
                last = _minutes(b)

    def intervals(self, day: dt.date) -> tuple[Interval, ...]:
        md = (day.month, day.day)
        return self.summer if self.summer_from <= md < self.winter_from else self.winter

    def day_minutes(self, day: dt.date) -> int:
        return sum(_minutes(b) - _minutes(a) for a, b in self.intervals(day))

    @classmethod
    def parse(
        cls, summer: str, winter: str, summer_from: str = "05-01", winter_from: str = "10-01"
    ):
        """From the code-table form: ``"09:00-12:00,14:30-17:30"`` and ``"05-01"``."""

        def table(text: str) -> tuple[Interval, ...]:
            out = []
            for part in text.split(","):
                a, _sep, b = part.strip().partition("-")
                out.append((dt.time.fromisoformat(a.strip()), dt.time.fromisoformat(b.strip())))
            return tuple(out)

        def md(text: str) -> tuple[int, int]:
            m, _sep, d = text.strip().partition("-")
            return (int(m), int(d))

        return cls(table(summer), table(winter), md(summer_from), md(winter_from))


def elapsed(hours: Hours, day: dt.date, t: dt.time) -> Fraction:
    """The share of ``day``'s office minutes that has passed at ``t`` (0 before opening,
    1 after closing; a lunch break counts as the end of the morning)."""
    s = t.hour * 3600 + t.minute * 60 + t.second
    done = 0
    for a, b in hours.intervals(day):
        lo, hi = _minutes(a) * 60, _minutes(b) * 60
        if s <= lo:
            break
        done += min(s, hi) - lo
    return Fraction(done, hours.day_minutes(day) * 60)


def moment(hours: Hours, day: dt.date, share: Fraction) -> dt.time:
    """The time on ``day`` at which ``share`` of its office minutes has passed (the end of
    the interval where it lands exactly on an interval's end; seconds rounded up)."""
    total = hours.day_minutes(day) * 60
    left = -((-share.numerator * total) // share.denominator)  # seconds, rounded up
    intervals = hours.intervals(day)
    for a, b in intervals:
        lo, hi = _minutes(a) * 60, _minutes(b) * 60
        if left <= hi - lo:
            s = lo + left
            return dt.time(s // 3600, s // 60 % 60, s % 60)
        left -= hi - lo
    return intervals[-1][1]


def start_of_count(cal: WorkCalendar, hours: Hours, at: dt.datetime) -> tuple[dt.date, Fraction]:
    """Where counting starts for a clock started at ``at`` (local time): the working day and
    the share of it already passed — the next opening when ``at`` is outside office hours."""
    day = at.date()
    if cal.is_workday(day):
        share = elapsed(hours, day, at.time())
        if share < 1:
            return day, share
    return cal.next_workday(day, include_self=False), Fraction(0)


def promised_due(
    cal: WorkCalendar, hours: Hours, at: dt.datetime, limit: Decimal | int
) -> dt.datetime:
    """When a promise of ``limit`` working days made at ``at`` (naive local time) falls due
    (naive local time); see the module docstring. ``limit`` 0 is due at ``at`` itself (an
    on-the-spot item)."""
    if limit < 0:
        raise ValueError("a promised limit cannot be negative")
    if limit == 0:
        return at
    day, share = start_of_count(cal, hours, at)
    total = share + (Fraction(limit) if isinstance(limit, int) else Fraction(Decimal(limit)))
    whole = math.floor(total)
    rest = total - whole
    if rest == 0:  # exactly at a day boundary: the close of the working day before it
        end_day = cal.add_workdays(day, whole - 1) if whole > 1 else day
        return dt.datetime.combine(end_day, hours.intervals(end_day)[-1][1])
    end_day = cal.add_workdays(day, whole) if whole else day
    return dt.datetime.combine(end_day, moment(hours, end_day, rest))


def working_days_between(
    cal: WorkCalendar, hours: Hours, a: dt.datetime, b: dt.datetime
) -> Fraction:
    """Working time from ``a`` to ``b`` (naive local), in working days: how long a matter took
    in the units its promise is stated in (0 when ``b`` is not after ``a``)."""
    if b <= a:
        return Fraction(0)
    day_a, share_a = start_of_count(cal, hours, a)
    day_b, share_b = start_of_count(cal, hours, b)
    if (day_b, share_b) <= (day_a, share_a):
        return Fraction(0)
    return cal.workdays_between(day_a, day_b) + share_b - share_a


def reaching(cal: WorkCalendar, fn, *args, reach: int = 3):
    """``fn(cal, *args)`` — or, when the period reaches into a year whose holidays are not
    announced, the same on the kernel's weekends-only extension of the calendar (as the
    kernel does for a clock's 待公布 due date); returns ``(result, provisional)``. A promise
    never blocks the act that makes it."""
    c = cal
    while True:
        try:
            return fn(c, *args), bool(c.provisional_years)
        except UnknownYearError as exc:
            if exc.year <= max(c.years) or exc.year > max(cal.years) + reach:
                raise
            c = cal.extended(exc.year)


def fmt_days(value: Fraction | Decimal | float) -> str:
    """Working days for a page: 1.5, 0.25, 2 (at most two decimals)."""
    d = (
        Decimal(value.numerator) / Decimal(value.denominator)
        if isinstance(value, Fraction)
        else Decimal(value)
    )
    q = d.quantize(Decimal("0.01"))
    return format(q.normalize(), "f") if q != q.to_integral() else str(int(q))
