"""The working-day calendar: data, arithmetic, range and input checks.

Expected dates are worked out by hand in the comments (2019 notice: 国庆节 10-01…10-07 off,
make-up days Sunday 09-29 and Saturday 10-12).
"""

from __future__ import annotations

import csv
import datetime as dt
from datetime import date, timedelta

import numpy as np
import pytest

from fazhi.core.workcal.engine import (
    MAX_N,
    CalendarError,
    UnknownYearError,
    WorkCalendar,
    default_calendar,
)

from . import _naive

CAL = default_calendar()


def csv_rows() -> list[dict[str, str]]:
    with _naive.CSV.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# -- the data ----------------------------------------------------------------------------------


def test_csv_header_and_sources() -> None:
    rows = csv_rows()
    assert list(rows[0]) == ["date", "kind", "name", "notice_year", "source"]
    for r in rows:
        assert r["source"].startswith("https://www.gov.cn/"), r
    by_date = {r["date"]: r for r in rows}
    # The amended 2019 劳动节 and the 2020 春节 extension cite their own notices.
    assert by_date["2019-05-02"]["source"].endswith("content_5375877.htm")
    assert by_date["2020-02-01"]["source"].endswith("content_5472352.htm")
    assert by_date["2020-01-30"]["source"].endswith("content_5454164.htm")


@pytest.mark.parametrize("row", csv_rows(), ids=lambda r: r["date"])
def test_every_csv_row(row: dict[str, str]) -> None:
    d = date.fromisoformat(row["date"])
    assert CAL.is_workday(d) is (row["kind"] == "workday")
    sp = CAL.special_day(d)
    assert sp is not None and sp.kind == row["kind"] and sp.name == row["name"]


@pytest.mark.parametrize(
    ("year", "count"),
    [
        (2019, 250),
        (2020, 249),
        (2021, 250),
        (2022, 249),
        (2023, 249),
        (2024, 251),
        (2025, 248),
        (2026, 248),
    ],
)
def test_working_days_per_year(year: int, count: int) -> None:
    assert CAL.count_workdays(date(year, 1, 1), date(year, 12, 31)) == count
    days = [date(year, 1, 1) + timedelta(days=k) for k in range(366)]
    assert sum(CAL.is_workday(d) for d in days if d.year == year) == count


def test_every_day_matches_the_naive_loop() -> None:
    d = CAL.first
    while d <= CAL.last:
        assert CAL.is_workday(d) is _naive.is_workday(d), d
        d += timedelta(days=1)


def test_range_and_years() -> None:
    assert CAL.years == frozenset(range(2019, 2027))
    # The 2019 notice fixes 2018-12-29 (make-up Saturday) … 2018-12-31 (元旦 block).
    assert CAL.first == date(2018, 12, 29)
    assert CAL.last == date(2026, 12, 31)
    assert CAL.is_workday(date(2018, 12, 29)) is True  # Saturday, make-up day
    assert CAL.is_workday(date(2018, 12, 31)) is False  # Monday, 元旦 block


def test_extended_calendar_is_made_once_per_year_and_guesses_plain_weeks() -> None:
    ext = CAL.extended(2028)
    assert CAL.extended(2028) is ext
    assert CAL.extended(2026) is CAL  # an announced year: the calendar itself
    assert ext.provisional_years == frozenset({2027, 2028})
    assert CAL.extended(2027).provisional_years == frozenset({2027})
    # 2027-01-01 is a Friday: a guessed year has no holiday, so it is a working day
    assert ext.is_workday(date(2027, 1, 1)) is True
    assert ext.workdays_between(date(2026, 12, 31), date(2027, 1, 4)) == 2
    with pytest.raises(UnknownYearError):
        CAL.is_workday(date(2027, 1, 1))


# -- scalar arithmetic, by hand ------------------------------------------------------------------


def test_twenty_wd_across_national_day_2019() -> None:
    # From Fri 09-27 (not counted): Sun 09-29 make-up (1), Mon 09-30 (2), 10-01…07 off,
    # 10-08…11 (3-6), Sat 10-12 make-up (7), 10-14…18 (8-12), 10-21…25 (13-17),
    # 10-28 (18), 10-29 (19), Wed 10-30 (20).
    assert CAL.add_workdays(date(2019, 9, 27), 20) == date(2019, 10, 30)
    assert CAL.workdays_between(date(2019, 9, 27), date(2019, 10, 30)) == 20


def test_make_up_days_and_holiday_weekdays() -> None:
    assert CAL.is_workday(date(2019, 9, 29)) is True  # Sunday make-up
    assert CAL.is_workday(date(2019, 10, 12)) is True  # Saturday make-up
    assert CAL.is_workday(date(2019, 10, 1)) is False  # Tuesday, 国庆节
    assert CAL.is_workday(date(2019, 9, 28)) is False  # ordinary Saturday
    # Fri 09-27 + 1 WD is the make-up Sunday, not Monday.
    assert CAL.add_workdays(date(2019, 9, 27), 1) == date(2019, 9, 29)
    # Mon 09-30 + 1 WD jumps the whole block to Tue 10-08.
    assert CAL.add_workdays(date(2019, 9, 30), 1) == date(2019, 10, 8)


def test_2020_spring_festival_extension() -> None:
    # The 2020-01-27 notice extended 春节 to 02-02; Saturday 02-01 stopped being a make-up day.
    assert CAL.is_workday(date(2020, 2, 1)) is False
    assert CAL.is_workday(date(2020, 1, 31)) is False  # Friday, extension
    assert CAL.is_workday(date(2020, 2, 3)) is True
    assert CAL.is_workday(date(2020, 1, 19)) is True  # Sunday make-up of the main notice
    # Thu 01-23 + 1 WD: 01-24 … 02-02 off → Mon 02-03.
    assert CAL.add_workdays(date(2020, 1, 23), 1) == date(2020, 2, 3)


def test_2025_new_regime() -> None:
    # 2025: 春节 01-28 (除夕) … 02-04; make-up Sunday 01-26 and Saturday 02-08.
    assert CAL.is_workday(date(2025, 1, 28)) is False
    assert CAL.is_workday(date(2025, 1, 26)) is True
    assert CAL.add_workdays(date(2025, 1, 27), 1) == date(2025, 2, 5)


def test_negative_n_and_reversed_between() -> None:
    # 1 WD before Tue 10-08 is Mon 09-30; 3 WD before is Fri 09-27 (09-29 make-up counted).
    assert CAL.add_workdays(date(2019, 10, 8), -1) == date(2019, 9, 30)
    assert CAL.add_workdays(date(2019, 10, 8), -3) == date(2019, 9, 27)
    # Reversed: minus the working days in [09-30, 10-08) = only 09-30.
    assert CAL.workdays_between(date(2019, 10, 8), date(2019, 9, 30)) == -1
    assert CAL.workdays_between(date(2019, 10, 8), date(2019, 9, 27)) == -3
    # From a rest day: 1 WD before Sat 10-05 is Mon 09-30.
    assert CAL.add_workdays(date(2019, 10, 5), -1) == date(2019, 9, 30)
    assert CAL.workdays_between(date(2019, 10, 5), date(2019, 9, 30)) == -1


def test_zero() -> None:
    # n == 0 is the identity, even on a rest day.
    assert CAL.add_workdays(date(2019, 10, 5), 0) == date(2019, 10, 5)
    assert CAL.workdays_between(date(2019, 10, 5), date(2019, 10, 5)) == 0


def test_between_over_a_holiday_is_zero() -> None:
    assert CAL.workdays_between(date(2019, 9, 30), date(2019, 10, 7)) == 0
    assert CAL.workdays_between(date(2019, 10, 7), date(2019, 9, 30)) == -1  # [09-30, 10-07)


def test_next_and_previous_workday() -> None:
    assert CAL.next_workday(date(2019, 10, 3)) == date(2019, 10, 8)
    assert CAL.next_workday(date(2019, 10, 8)) == date(2019, 10, 8)
    assert CAL.next_workday(date(2019, 10, 8), include_self=False) == date(2019, 10, 9)
    assert CAL.next_workday(date(2019, 9, 28)) == date(2019, 9, 29)  # make-up Sunday
    assert CAL.previous_workday(date(2019, 10, 3)) == date(2019, 9, 30)
    assert CAL.previous_workday(date(2019, 10, 8), include_self=False) == date(2019, 9, 30)


def test_year_end_and_year_start() -> None:
    # 2023-12-29 Fri; 12-30…2024-01-01 元旦 off; 2024-01-02 Tue.
    assert CAL.add_workdays(date(2023, 12, 29), 1) == date(2024, 1, 2)
    # The first known day backwards: 1 WD before 2019-01-02 is the make-up Saturday 2018-12-29.
    assert CAL.add_workdays(date(2019, 1, 2), -1) == date(2018, 12, 29)


def test_special_days_and_blocks() -> None:
    days = CAL.special_days(date(2019, 9, 28), date(2019, 10, 12))
    assert [(s.day.isoformat(), s.kind) for s in days] == (
        [("2019-09-29", "workday")]
        + [(f"2019-10-0{k}", "holiday") for k in range(1, 8)]
        + [("2019-10-12", "workday")]
    )
    assert {s.name for s in days} == {"国庆节"}
    blocks = CAL.holiday_blocks(date(2019, 1, 1), date(2019, 1, 1))
    assert [(b.name, b.start, b.end) for b in blocks] == [
        ("元旦", date(2018, 12, 30), date(2019, 1, 1))
    ]
    (spring,) = CAL.holiday_blocks(date(2020, 2, 1), date(2020, 2, 1))
    assert (spring.start, spring.end, spring.days) == (date(2020, 1, 24), date(2020, 2, 2), 10)
    assert len(spring.sources) == 2  # main notice + extension notice


# -- range and input errors ----------------------------------------------------------------------


def test_2027_is_refused() -> None:
    with pytest.raises(UnknownYearError) as exc:
        CAL.is_workday(date(2027, 1, 4))
    assert exc.value.year == 2027
    assert "2027" in str(exc.value) and "工作日历未收录" in str(exc.value)
    assert str(exc.value) == (
        "工作日历未收录 2027 年（国务院办公厅尚未发布或尚未录入该年放假安排），无法计算。"
    )
    assert "2027" in exc.value.message_en
    assert isinstance(exc.value, CalendarError) and isinstance(exc.value, ValueError)


def test_results_beyond_the_range_are_refused() -> None:
    # 2026-12-30 Wed + 1 = 12-31 Thu; + 2 would need 2027.
    assert CAL.add_workdays(date(2026, 12, 30), 1) == date(2026, 12, 31)
    with pytest.raises(UnknownYearError) as exc:
        CAL.add_workdays(date(2026, 12, 30), 2)
    assert exc.value.year == 2027
    with pytest.raises(UnknownYearError) as exc:
        CAL.add_workdays(date(2019, 1, 2), -2)  # would need 2018-12-28
    assert exc.value.year == 2018
    with pytest.raises(UnknownYearError):
        CAL.next_workday(date(2026, 12, 31), include_self=False)
    with pytest.raises(UnknownYearError) as exc:
        CAL.workdays_between(date(2026, 1, 1), date(2027, 1, 1))
    assert exc.value.year == 2027
    with pytest.raises(UnknownYearError) as exc:
        CAL.is_workday(date(2018, 12, 28))
    assert exc.value.year == 2018


@pytest.mark.parametrize(
    "bad",
    ["2019-10-01", 20191001, None, dt.datetime(2019, 10, 1, 9, 0), np.datetime64("2019-10-01")],
)
def test_non_date_input(bad: object) -> None:
    with pytest.raises(CalendarError) as exc:
        CAL.is_workday(bad)  # type: ignore[arg-type]
    assert str(exc.value).startswith("日期格式错误：")
    with pytest.raises(CalendarError):
        CAL.add_workdays(bad, 1)  # type: ignore[arg-type]
    with pytest.raises(CalendarError):
        CAL.workdays_between(date(2019, 1, 2), bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [1.5, "3", True, None, MAX_N + 1, -MAX_N - 1, 10**9])
def test_bad_n(bad: object) -> None:
    with pytest.raises(CalendarError) as exc:
        CAL.add_workdays(date(2019, 6, 3), bad)  # type: ignore[arg-type]
    assert "天数" in str(exc.value)
    assert not isinstance(exc.value, UnknownYearError)


def test_n_limit_itself_is_accepted_and_numpy_ints_work() -> None:
    with pytest.raises(UnknownYearError):  # 3650 WD is beyond 2026, but n itself is valid
        CAL.add_workdays(date(2019, 6, 3), MAX_N)
    assert CAL.add_workdays(date(2019, 9, 27), np.int64(20)) == date(2019, 10, 30)


# -- building calendars --------------------------------------------------------------------------


def test_from_rows_small_calendar() -> None:
    cal = WorkCalendar.from_rows(
        [(date(2019, 10, 1), "holiday", "国庆节"), ("2019-09-29", "workday", "国庆节")], [2019]
    )
    assert cal.first == date(2019, 1, 1) and cal.last == date(2019, 12, 31)
    assert cal.add_workdays(date(2019, 9, 27), 1) == date(2019, 9, 29)
    assert cal.add_workdays(date(2019, 9, 30), 1) == date(2019, 10, 2)
    with pytest.raises(UnknownYearError):
        cal.is_workday(date(2020, 1, 1))


@pytest.mark.parametrize(
    ("rows", "years", "needle"),
    [
        ([], [2019, 2021], "不连续"),
        ([], [], "没有任何年份"),
        ([(date(2019, 1, 1), "off", "元旦")], [2019], "类别错误"),
        ([(date(2019, 1, 1), "holiday", "元旦")] * 2, [2019], "日期重复"),
        ([("2019-13-01", "holiday", "元旦")], [2019], "日期格式错误"),
        ([(date(2021, 1, 1), "holiday", "元旦")], [2019], "不在工作日历的年份"),
        ([(date(2017, 12, 31), "holiday", "元旦")], [2019], "不在工作日历的年份"),
        ([(date(2018, 11, 30), "holiday", "元旦")], [2019], "不在工作日历的年份"),
        ([("x",)], [2019], "应为"),
    ],
)
def test_from_rows_errors(rows: list, years: list[int], needle: str) -> None:
    with pytest.raises(CalendarError) as exc:
        WorkCalendar.from_rows(rows, years)
    assert needle in str(exc.value)


def test_from_csv_errors(tmp_path) -> None:
    p = tmp_path / "bad.csv"
    p.write_text("day,kind,name,notice_year\n", encoding="utf-8")
    with pytest.raises(CalendarError, match="表头"):
        WorkCalendar.from_csv(p)
    p.write_text("date,kind,name,notice_year\n2019-10-01,holiday,国庆节,2021\n", encoding="utf-8")
    with pytest.raises(CalendarError, match="不属于 2021 年"):
        WorkCalendar.from_csv(p)
    p.write_text("date,kind,name,notice_year\n2019-10-01,holiday,国庆节,x\n", encoding="utf-8")
    with pytest.raises(CalendarError, match="通知年份"):
        WorkCalendar.from_csv(p)


def test_csv_without_source_column_loads_identically(tmp_path) -> None:
    # The shared reference table has no source column; the engine reads both shapes.
    p = tmp_path / "plain.csv"
    with p.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["date", "kind", "name", "notice_year"])
        for r in csv_rows():
            w.writerow([r["date"], r["kind"], r["name"], r["notice_year"]])
    cal = WorkCalendar.from_csv(p)
    assert (cal.years, cal.first, cal.last) == (CAL.years, CAL.first, CAL.last)
    assert cal.add_workdays(date(2019, 9, 27), 20) == date(2019, 10, 30)
    assert cal.special_day(date(2020, 2, 1)).source == ""  # type: ignore[union-attr]


# -- vectorised ----------------------------------------------------------------------------------


def test_vectorised_table() -> None:
    starts = np.array(["2019-09-27", "2020-01-23", "2019-10-08", "2019-10-05"], "datetime64[D]")
    n = np.array([20, 1, -3, 0])
    out = CAL.add_workdays_vec(starts, n)
    assert out.tolist() == [
        date(2019, 10, 30),
        date(2020, 2, 3),
        date(2019, 9, 27),
        date(2019, 10, 5),
    ]
    assert CAL.workdays_between_vec(starts, out).tolist() == [20, 1, -3, 0]
    assert CAL.is_workday_vec(starts).tolist() == [True, True, True, False]
    # Broadcasting a scalar n.
    assert CAL.add_workdays_vec(starts[:1], 20).tolist() == [date(2019, 10, 30)]


def test_vectorised_directions_and_shapes() -> None:
    starts = np.array(["2019-10-08", "2019-10-05", "2019-10-10"], "datetime64[D]")
    # All negative (its own fast path): 1 WD before 10-08 / 10-05 is 09-30; 7 before 10-10 is
    # 09-25 (09-29 make-up counted).
    back = CAL.add_workdays_vec(starts, np.array([-1, -1, -7]))
    assert back.tolist() == [date(2019, 9, 30), date(2019, 9, 30), date(2019, 9, 25)]
    assert CAL.workdays_between_vec(starts, back).tolist() == [-1, -1, -7]
    empty = np.array([], "datetime64[D]")
    assert CAL.add_workdays_vec(empty, np.array([], np.int64)).shape == (0,)
    grid = CAL.add_workdays_vec(starts[:, None], np.array([[1, 2]]))
    assert grid.shape == (3, 2)
    assert grid[0].tolist() == [date(2019, 10, 9), date(2019, 10, 10)]
    strings = CAL.add_workdays_vec(np.array(["2019-09-27"]), np.array([20]))
    assert strings.tolist() == [date(2019, 10, 30)]


def test_vectorised_errors() -> None:
    ok = np.array(["2019-09-27"], "datetime64[D]")
    with pytest.raises(UnknownYearError) as exc:
        CAL.add_workdays_vec(np.array(["2019-09-27", "2027-03-01"], "datetime64[D]"), 1)
    assert exc.value.year == 2027
    with pytest.raises(UnknownYearError) as exc:
        CAL.add_workdays_vec(np.array(["2026-12-30"], "datetime64[D]"), 2)
    assert exc.value.year == 2027
    with pytest.raises(UnknownYearError) as exc:
        CAL.add_workdays_vec(np.array(["2019-01-02"], "datetime64[D]"), -2)
    assert exc.value.year == 2018
    with pytest.raises(CalendarError, match="整数"):
        CAL.add_workdays_vec(ok, np.array([1.5]))
    with pytest.raises(CalendarError, match="超出范围"):
        CAL.add_workdays_vec(ok, np.array([MAX_N + 1]))
    with pytest.raises(CalendarError, match="NaT"):
        CAL.add_workdays_vec(np.array(["NaT"], "datetime64[D]"), 1)
    with pytest.raises(CalendarError, match="日期格式错误"):
        CAL.add_workdays_vec(np.array([1.0]), 1)


def test_exhaustive_against_the_naive_loop() -> None:
    # Every covered day, a handful of typical statutory lengths, both directions.
    d = CAL.first
    while d <= CAL.last:
        for n in (1, 2, 5, 7, 20, 60, -1, -5, -7):
            try:
                expected = _naive.add_workdays(d, n)
            except _naive.OutOfRange:
                with pytest.raises(UnknownYearError):
                    CAL.add_workdays(d, n)
                continue
            assert CAL.add_workdays(d, n) == expected, (d, n)
        d += timedelta(days=1)
