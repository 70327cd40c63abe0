"""An independent, deliberately naive reference: a day-by-day loop over the CSV rows.

Shares no code with the engine beyond the standard library, so the engine is checked against
a second reading of the same data.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

CSV = Path(__file__).resolve().parent.parent / "holidays_cn.csv"
ONE = timedelta(days=1)


class OutOfRange(Exception):
    pass


def load(path: Path = CSV) -> tuple[dict[date, str], date, date]:
    kinds: dict[date, str] = {}
    years: set[int] = set()
    with path.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            kinds[date.fromisoformat(rec["date"])] = rec["kind"]
            years.add(int(rec["notice_year"]))
    first = min(min(kinds), date(min(years), 1, 1))
    return kinds, first, date(max(years), 12, 31)


KINDS, FIRST, LAST = load()


def is_workday(d: date) -> bool:
    if not FIRST <= d <= LAST:
        raise OutOfRange(d.year)
    kind = KINDS.get(d)
    if kind == "holiday":
        return False
    if kind == "workday":
        return True
    return d.weekday() < 5


def add_workdays(d: date, n: int) -> date:
    if not FIRST <= d <= LAST:
        raise OutOfRange(d.year)
    step = ONE if n > 0 else -ONE
    left = abs(n)
    while left:
        d += step
        if is_workday(d):
            left -= 1
    return d


def workdays_between(a: date, b: date) -> int:
    if a <= b:
        return sum(is_workday(a + ONE * k) for k in range(1, (b - a).days + 1))
    return -sum(is_workday(b + ONE * k) for k in range((a - b).days))
