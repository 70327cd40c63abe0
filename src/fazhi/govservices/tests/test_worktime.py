"""Promised limits in working hours, counted by hand on the 2019 calendar.

The window's office hours: winter (from 1 October) 09:00–12:00 and 13:30–17:30, summer (from
1 May) 09:00–12:00 and 14:30–18:30 — seven hours a day either way. 1.5 working days are
therefore 10.5 office hours. 2019's National Day block: 1–7 October off; Sunday 29
September and Saturday 12 October are make-up working days.
"""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from fazhi.core.workcal import UnknownYearError, default_calendar

from ..worktime import Hours, elapsed, fmt_days, promised_due, working_days_between

CAL = default_calendar()
HOURS = Hours.parse("09:00-12:00,14:30-18:30", "09:00-12:00,13:30-17:30", "05-01", "10-01")
T = dt.datetime
ONE_AND_A_HALF = Decimal("1.5")


def test_a_make_up_saturday_counts_and_the_sunday_after_it_does_not():
    # Sat 12 Oct 15:00 → 2.5 h left that day; Sun 13 off; Mon 14: 7 h (9.5 h);
    # the last hour on Tue 15 → 10:00.
    assert promised_due(CAL, HOURS, T(2019, 10, 12, 15, 0), ONE_AND_A_HALF) == T(
        2019, 10, 15, 10, 0
    )


def test_the_national_day_holiday_is_skipped():
    # Mon 30 Sep 16:00 (summer hours, closing 18:30) → 2.5 h; 1–7 Oct off; Tue 8 Oct 7 h
    # (9.5 h); the last hour on Wed 9 Oct (winter hours) → 10:00.
    assert promised_due(CAL, HOURS, T(2019, 9, 30, 16, 0), ONE_AND_A_HALF) == T(2019, 10, 9, 10, 0)


def test_a_make_up_sunday_counts():
    # Fri 27 Sep 17:00 → 1.5 h; Sat 28 off; Sun 29 Sep make-up working day 7 h (8.5 h);
    # 2 h on Mon 30 Sep → 11:00.
    assert promised_due(CAL, HOURS, T(2019, 9, 27, 17, 0), ONE_AND_A_HALF) == T(2019, 9, 30, 11, 0)


def test_lunch_break_and_evening_count_from_the_next_opening():
    # received at 12:40 (lunch): the afternoon's 4 h from 13:30; 6.5 h the next day:
    # 09:00–12:00 and 3.5 h from 13:30 → 17:00.
    assert promised_due(CAL, HOURS, T(2019, 11, 5, 12, 40), ONE_AND_A_HALF) == T(2019, 11, 6, 17, 0)
    # an online application on Friday evening starts on Monday morning: 7 h + 3.5 h → 14:00 Tue
    assert promised_due(CAL, HOURS, T(2019, 11, 8, 20, 15), ONE_AND_A_HALF) == T(
        2019, 11, 12, 14, 0
    )


def test_whole_days_end_at_the_close_of_business():
    # from the opening on Monday, 1 working day ends at Monday's close, 5 at Friday's
    assert promised_due(CAL, HOURS, T(2019, 11, 4, 9, 0), 1) == T(2019, 11, 4, 17, 30)
    assert promised_due(CAL, HOURS, T(2019, 11, 4, 9, 0), 5) == T(2019, 11, 8, 17, 30)
    # on the spot: due at once
    assert promised_due(CAL, HOURS, T(2019, 11, 4, 9, 40), 0) == T(2019, 11, 4, 9, 40)


def test_a_half_day_across_summer_and_winter_is_half_of_each_days_hours():
    short = Hours.parse("09:00-12:00", "09:00-12:00,13:00-17:00", "05-01", "10-01")
    # Mon 30 Sep (summer: 3 h) at 10:30 → half of it left = 0.5 day; plus 0.5 more of
    # Tue 8 Oct (winter: 7 h) = 3.5 h → 13:30.
    assert promised_due(CAL, short, T(2019, 9, 30, 10, 30), 1) == T(2019, 10, 8, 13, 30)


def test_elapsed_and_the_time_taken():
    assert elapsed(HOURS, dt.date(2019, 11, 4), dt.time(13, 30)) == Fraction(3, 7)
    took = working_days_between(CAL, HOURS, T(2019, 10, 12, 15, 0), T(2019, 10, 15, 10, 0))
    assert took == Fraction(3, 2)
    assert fmt_days(took) == "1.5"
    assert working_days_between(CAL, HOURS, T(2019, 11, 4, 10, 0), T(2019, 11, 4, 9, 0)) == 0


def test_bad_hours_and_unannounced_years_are_refused():
    with pytest.raises(ValueError):
        Hours.parse("12:00-09:00", "09:00-12:00")
    with pytest.raises(ValueError):
        promised_due(CAL, HOURS, T(2019, 11, 4, 9, 0), Decimal("-1"))
    last = max(CAL.years)
    with pytest.raises(UnknownYearError):
        promised_due(CAL, HOURS, T(last, 12, 31, 9, 0), 3)
