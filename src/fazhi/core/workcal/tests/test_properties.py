"""Property tests (hypothesis) for the working-day arithmetic, against a naive day-by-day loop."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.core.workcal.engine import UnknownYearError, default_calendar

from . import _naive

CAL = default_calendar()
dates = st.dates(min_value=CAL.first, max_value=CAL.last)
inner = st.dates(min_value=date(2019, 5, 1), max_value=date(2026, 9, 1))  # ±60 WD stays inside
ns = st.integers(min_value=-60, max_value=60)
MAKEUP = [s.day for s in CAL.special_days(CAL.first, CAL.last) if s.kind == "workday"]
HOLIDAY_WEEKDAYS = [
    s.day
    for s in CAL.special_days(CAL.first, CAL.last)
    if s.kind == "holiday" and s.day.weekday() < 5
]


@given(dates, st.integers(min_value=-400, max_value=400))
def test_add_matches_naive_loop_or_both_leave_the_range(d: date, n: int) -> None:
    try:
        expected = _naive.add_workdays(d, n)
    except _naive.OutOfRange:
        expected = None
    if expected is None:
        try:
            CAL.add_workdays(d, n)
        except UnknownYearError:
            return
        raise AssertionError("engine answered where the naive loop left the range")
    assert CAL.add_workdays(d, n) == expected


@given(dates, dates)
def test_between_matches_naive_loop(a: date, b: date) -> None:
    assert CAL.workdays_between(a, b) == _naive.workdays_between(a, b)


@given(inner, ns)
def test_add_and_between_are_inverse(d: date, n: int) -> None:
    e = CAL.add_workdays(d, n)
    assert CAL.workdays_between(d, e) == n
    if n != 0:
        assert CAL.is_workday(e)


@given(inner, inner)
def test_add_of_between_lands_on_the_end_when_it_is_a_workday(a: date, b: date) -> None:
    n = CAL.workdays_between(a, b)
    if abs(n) <= 3650 and CAL.is_workday(b):
        assert CAL.add_workdays(a, n) == b


@given(inner, ns, ns)
def test_monotone_in_n(d: date, n1: int, n2: int) -> None:
    lo, hi = sorted((n1, n2))
    assert CAL.add_workdays(d, lo) <= CAL.add_workdays(d, hi)
    if lo < hi and lo != 0 and hi != 0:
        assert CAL.add_workdays(d, lo) < CAL.add_workdays(d, hi)


@given(inner, inner, ns)
def test_monotone_in_start(d1: date, d2: date, n: int) -> None:
    a, b = sorted((d1, d2))
    assert CAL.add_workdays(a, n) <= CAL.add_workdays(b, n)


@given(inner, inner)
def test_between_antisymmetric_shape(a: date, b: date) -> None:
    # Same number of days either way when both ends are working days.
    if CAL.is_workday(a) and CAL.is_workday(b):
        assert CAL.workdays_between(a, b) == -CAL.workdays_between(b, a)


@given(st.sampled_from(MAKEUP))
def test_every_makeup_weekend_day_counts(d: date) -> None:
    assert d.weekday() >= 5
    assert CAL.is_workday(d)
    if d > CAL.first:
        assert CAL.workdays_between(d - timedelta(days=1), d) == 1
    assert CAL.next_workday(d) == d


@given(st.sampled_from(HOLIDAY_WEEKDAYS))
def test_every_holiday_weekday_does_not_count(d: date) -> None:
    assert not CAL.is_workday(d)
    assert CAL.workdays_between(d - timedelta(days=1), d) == 0
    assert CAL.next_workday(d) > d


@settings(max_examples=50)
@given(
    st.lists(st.tuples(inner, ns), min_size=1, max_size=200),
)
def test_vectorised_equals_scalar(pairs: list[tuple[date, int]]) -> None:
    ds = np.array([d for d, _ in pairs], dtype="datetime64[D]")
    n = np.array([k for _, k in pairs], dtype=np.int64)
    out = CAL.add_workdays_vec(ds, n)
    assert out.tolist() == [CAL.add_workdays(d, k) for d, k in pairs]
    back = CAL.workdays_between_vec(ds, out)
    assert back.tolist() == n.tolist()
    ends = ds[::-1]
    assert CAL.workdays_between_vec(ds, ends).tolist() == [
        CAL.workdays_between(a, b) for a, b in zip(ds.tolist(), ends.tolist(), strict=True)
    ]
    assert CAL.is_workday_vec(ds).tolist() == [CAL.is_workday(d) for d, _ in pairs]
