"""Statutory period computation: one hand-worked date per rule (CONVENTIONS item 5).

2019 calendar facts used below: 中秋节 09-13…09-15; 国庆节 10-01…10-07 off with make-up
Sunday 09-29 and Saturday 10-12. 2020: 春节 01-24…02-02 (extended), 2020-01-31 is a Friday off.
"""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.workcal.engine import CalendarError, UnknownYearError, default_calendar
from fazhi.core.workcal.periods import (
    STEP_KINDS,
    Due,
    Pause,
    PeriodError,
    PeriodSpec,
    add_months,
    compute_due,
)

CAL = default_calendar()
D = date


def kinds(due: Due) -> list[str]:
    return [s.kind for s in due.steps]


def steps_of(due: Due, kind: str) -> list:
    return [s for s in due.steps if s.kind == kind]


# -- WD --------------------------------------------------------------------------------------


def test_wd_counts_makeup_days_and_skips_holiday_weekdays() -> None:
    # 行政许可法 Art.42: 20 WD. From Fri 2019-09-27: 09-29 (make-up Sun) is 1, 09-30 is 2,
    # 10-01…07 skipped, 10-08…11 are 3-6, 10-12 (make-up Sat) is 7, … Wed 10-30 is 20.
    due = compute_due(CAL, PeriodSpec(20, "WD"), D(2019, 9, 27))
    assert due.due == D(2019, 10, 30)
    assert due.counted_from == D(2019, 9, 27) and due.last_counted == D(2019, 10, 30)
    assert kinds(due) == ["start", "makeup_day", "holiday_block", "makeup_day", "due"]
    m1, m2 = steps_of(due, "makeup_day")
    assert (m1.day, m2.day) == (D(2019, 9, 29), D(2019, 10, 12))
    assert m1.text == "2019年9月29日（星期日）为调休上班日（国庆节），计为工作日"
    (block,) = steps_of(due, "holiday_block")
    assert block.data["name"] == "国庆节"
    assert (block.data["start"], block.data["end"]) == ("2019-10-01", "2019-10-07")
    assert block.data["weekdays_in_period"] == 5
    assert "2019年10月1日至2019年10月7日" in block.text
    assert "民法总则》第二百零一条" in due.steps[0].text  # event in 2019: 民法总则
    assert due.steps[-1].text == "期限届满日：2019年10月30日（星期三）"
    assert due.steps[-1].text_en == "Due: 2019-10-30 (Wed)"
    assert "roll_forward" not in kinds(due)


def test_wd_start_on_weekend() -> None:
    # Received Sat 2019-06-01 (not counted); Mon 06-03 is WD 1; 5 WD → Fri 06-07? No: 06-07 is
    # 端午节 (Fri, off), so WD 5 is Mon 06-10.
    due = compute_due(CAL, PeriodSpec(5, "WD"), D(2019, 6, 1))
    assert due.due == D(2019, 6, 10)


def test_2021_event_cites_the_civil_code() -> None:
    due = compute_due(CAL, PeriodSpec(5, "WD"), D(2021, 3, 1))
    assert "《中华人民共和国民法典》第二百零一条" in due.steps[0].text
    assert "Civil Code, Art.201" in due.steps[0].text_en


# -- CD ------------------------------------------------------------------------------------------


def test_cd_last_day_in_national_day_rolls_forward() -> None:
    # 10 CD from Wed 2019-09-25: 09-26 is day 1 … Sat 10-05 is day 10, inside 国庆节 →
    # the first working day after it, Tue 10-08 (民法总则 Art.203).
    due = compute_due(CAL, PeriodSpec(10, "CD"), D(2019, 9, 25))
    assert due.due == D(2019, 10, 8)
    assert due.last_counted == D(2019, 10, 5)
    (roll,) = steps_of(due, "roll_forward")
    assert roll.day == D(2019, 10, 5)
    assert roll.data["from"] == "2019-10-05" and roll.data["to"] == "2019-10-08"
    assert roll.data["blocks"][0]["name"] == "国庆节"
    assert "国庆节放假日" in roll.text and "第二百零三条" in roll.text
    assert kinds(due)[-2:] == ["roll_forward", "due"]


def test_cd_without_roll_forward() -> None:
    due = compute_due(CAL, PeriodSpec(10, "CD", roll_forward=False), D(2019, 9, 25))
    assert due.due == D(2019, 10, 5)
    assert "roll_forward" not in kinds(due)


def test_cd_ordinary_weekend_rolls_to_monday() -> None:
    # 15 CD (行政处罚法 Art.67 fine payment) from Fri 2019-11-01 → Sat 11-16 → Mon 11-18.
    due = compute_due(CAL, PeriodSpec(15, "CD"), D(2019, 11, 1))
    assert due.due == D(2019, 11, 18)
    assert "休息日" in steps_of(due, "roll_forward")[0].text


def test_cd_last_day_on_makeup_sunday_does_not_roll() -> None:
    # 10 CD from Thu 2019-09-19 → Sun 09-29, a make-up working day: no roll.
    due = compute_due(CAL, PeriodSpec(10, "CD"), D(2019, 9, 19))
    assert due.due == D(2019, 9, 29)
    (m,) = steps_of(due, "makeup_day")
    assert m.day == D(2019, 9, 29) and "无需顺延" in m.text


def test_cd_crossing_spring_festival_2020_extension() -> None:
    # 7 CD from Fri 2020-01-24 → Fri 01-31, a day off by the extension notice → Mon 02-03.
    due = compute_due(CAL, PeriodSpec(7, "CD"), D(2020, 1, 24))
    assert due.due == D(2020, 2, 3)
    (roll,) = steps_of(due, "roll_forward")
    assert "春节放假日" in roll.text


def test_year_end() -> None:
    # 5 CD from Wed 2023-12-27 → Mon 2024-01-01 (元旦 off) → Tue 01-02.
    due = compute_due(CAL, PeriodSpec(5, "CD"), D(2023, 12, 27))
    assert due.due == D(2024, 1, 2)


# -- MONTH / YEAR ----------------------------------------------------------------------------


def test_month_without_corresponding_day() -> None:
    # 民法总则 Art.202: 2019-01-31 + 1 month → 2019-02-28 (a Thursday, working day: no roll).
    due = compute_due(CAL, PeriodSpec(1, "MONTH"), D(2019, 1, 31))
    assert due.due == D(2019, 2, 28)
    assert "第二百零二条" in due.steps[-1].text
    assert "roll_forward" not in kinds(due)


def test_month_leap_february_then_roll() -> None:
    # 2020-01-31 + 1 month → Sat 2020-02-29 → Mon 2020-03-02.
    due = compute_due(CAL, PeriodSpec(1, "MONTH"), D(2020, 1, 31))
    assert (due.last_counted, due.due) == (D(2020, 2, 29), D(2020, 3, 2))


def test_year_from_29_february() -> None:
    # 2020-02-29 + 1 year → 2021-02-28 (Sunday) → Mon 2021-03-01.
    due = compute_due(CAL, PeriodSpec(1, "YEAR"), D(2020, 2, 29))
    assert (due.last_counted, due.due) == (D(2021, 2, 28), D(2021, 3, 1))


def test_three_months_representative_proposal() -> None:
    # 代表法: reply within 3 months of 交办 2019-03-15 → Sat 2019-06-15 → Mon 06-17.
    due = compute_due(CAL, PeriodSpec(3, "MONTH"), D(2019, 3, 15))
    assert due.due == D(2019, 6, 17)


def test_add_months() -> None:
    assert add_months(D(2019, 1, 31), 1) == D(2019, 2, 28)
    assert add_months(D(2019, 3, 31), -1) == D(2019, 2, 28)
    assert add_months(D(2019, 12, 15), 1) == D(2020, 1, 15)
    assert add_months(D(2019, 1, 15), -1) == D(2018, 12, 15)
    assert add_months(D(2019, 5, 31), 13) == D(2020, 6, 30)


# -- extension -------------------------------------------------------------------------------


def test_extension_60_plus_30_cd() -> None:
    # 行政复议法 Art.62: 60 CD + ≤30 CD from 受理 Thu 2019-08-01.
    # 60 CD → Mon 09-30; 90 CD → Wed 10-30 (Aug 1 + 30 = Aug 31, + 30 = Sep 30, + 30 = Oct 30).
    spec = PeriodSpec(60, "CD", extension_max=30)
    assert compute_due(CAL, spec, D(2019, 8, 1)).due == D(2019, 9, 30)
    due = compute_due(CAL, spec, D(2019, 8, 1), extension=30)
    assert due.due == D(2019, 10, 30)
    (ext,) = steps_of(due, "extension")
    assert ext.data == {"extension": 30, "unit": "CD", "max": 30}
    assert "延长30日" in ext.text and "共计90日" in ext.text


def test_extension_roll_applies_once_at_the_end() -> None:
    # 60 CD from 2019-08-06 → Sat 10-05 (would roll to 10-08); + 5 CD → Thu 10-10, no roll.
    spec = PeriodSpec(60, "CD", extension_max=30)
    assert compute_due(CAL, spec, D(2019, 8, 6)).due == D(2019, 10, 8)
    due = compute_due(CAL, spec, D(2019, 8, 6), extension=5)
    assert due.due == D(2019, 10, 10)
    assert "roll_forward" not in kinds(due)


def test_extension_wd() -> None:
    # 行政许可法 Art.42: 20 + 10 WD = 30 WD from Fri 2019-09-27: WD 20 is 10-30; then
    # 10-31 (21), 11-01 (22), 11-04…08 (23-27), 11-11…13 (28-30) → Wed 11-13.
    due = compute_due(CAL, PeriodSpec(20, "WD", extension_max=10), D(2019, 9, 27), extension=10)
    assert due.due == D(2019, 11, 13)


def test_extension_in_another_unit() -> None:
    # 1 month from 2019-01-15 → 02-15 (Fri); + 5 WD counted from 02-15 → 02-22 (Fri).
    spec = PeriodSpec(1, "MONTH", extension_max=10, extension_unit="WD")
    due = compute_due(CAL, spec, D(2019, 1, 15), extension=5)
    assert due.due == D(2019, 2, 22)


def test_extension_errors() -> None:
    with pytest.raises(PeriodError, match="延长期限超过上限：最多可延长30日"):
        compute_due(CAL, PeriodSpec(60, "CD", extension_max=30), D(2019, 8, 1), extension=31)
    with pytest.raises(PeriodError, match="该期限不得延长"):
        compute_due(CAL, PeriodSpec(90, "CD"), D(2019, 8, 1), extension=10)
    with pytest.raises(PeriodError, match="该期限不得延长"):
        compute_due(CAL, PeriodSpec(90, "CD", extension_max=0), D(2019, 8, 1), extension=10)
    with pytest.raises(PeriodError, match="不得为负数"):
        compute_due(CAL, PeriodSpec(90, "CD", extension_max=30), D(2019, 8, 1), extension=-1)
    with pytest.raises(PeriodError, match="整数"):
        compute_due(CAL, PeriodSpec(90, "CD", extension_max=30), D(2019, 8, 1), extension=1.5)  # type: ignore[arg-type]


# -- pauses ----------------------------------------------------------------------------------


def test_pause_cd() -> None:
    # 60 CD from 2019-08-01 → 09-30; a 10-day pause 08-10…08-19 → 10-10 (Thu).
    spec = PeriodSpec(60, "CD")
    due = compute_due(
        CAL, spec, D(2019, 8, 1), pauses=[Pause(D(2019, 8, 10), D(2019, 8, 19), "鉴定")]
    )
    assert due.due == D(2019, 10, 10)
    (p,) = steps_of(due, "pause")
    assert p.data["removed"] == 10 and p.data["reason"] == "鉴定"
    assert p.text == "中止（鉴定）：2019年8月10日至2019年8月19日，不计入期限10日"


def test_pause_wd() -> None:
    # 20 WD from Fri 2019-11-01 → Fri 11-29. Pause Mon 11-11…Fri 11-15 removes 5 WD → 12-06.
    spec = PeriodSpec(20, "WD")
    assert compute_due(CAL, spec, D(2019, 11, 1)).due == D(2019, 11, 29)
    due = compute_due(CAL, spec, D(2019, 11, 1), pauses=[Pause(D(2019, 11, 11), D(2019, 11, 15))])
    assert due.due == D(2019, 12, 6)
    assert steps_of(due, "pause")[0].data["removed"] == 5


def test_pause_wd_over_holiday_and_makeup() -> None:
    # 20 WD from Fri 2019-09-20 with a pause Wed 09-25 … Mon 09-30: WD in the pause are 09-25,
    # 09-26, 09-27, 09-29 (make-up Sunday), 09-30 = 5 → 25 WD in effect: due 2019-10-29 + … :
    # un-paused 20 WD → 10-23 (09-23 1 … 09-30 7, 10-08…12 8-12, 10-14…18 13-17, 10-21…23 18-20);
    # then 5 more → 10-24, 25, 28, 29, 30 → Wed 10-30.
    due = compute_due(
        CAL, PeriodSpec(20, "WD"), D(2019, 9, 20), pauses=[Pause(D(2019, 9, 25), D(2019, 9, 30))]
    )
    assert due.due == D(2019, 10, 30)
    # The make-up Sunday inside the pause is not listed as counted.
    assert [s.day for s in steps_of(due, "makeup_day")] == [D(2019, 10, 12)]


def test_pause_starting_before_the_start_counts_only_its_later_part() -> None:
    # Pause 10-28…11-05 around a start on Fri 11-01: only 11-04, 11-05 (2 WD) are removed.
    due = compute_due(
        CAL, PeriodSpec(20, "WD"), D(2019, 11, 1), pauses=[Pause(D(2019, 10, 28), D(2019, 11, 5))]
    )
    assert due.due == D(2019, 12, 3)


def test_pause_month() -> None:
    # 1 month from 2019-03-15 → Mon 04-15; pause 3 days → Thu 04-18.
    due = compute_due(
        CAL, PeriodSpec(1, "MONTH"), D(2019, 3, 15), pauses=[Pause(D(2019, 3, 20), D(2019, 3, 22))]
    )
    assert due.due == D(2019, 4, 18)


def test_two_pauses_the_second_after_the_original_due() -> None:
    # 10 CD from 2019-11-01 → Mon 11-11. Pause 11-05…11-09 (5) → Sat 11-16 (rolled Mon 11-18);
    # a second pause 11-14…11-15 is inside the extended period → + 2 → Mon 11-18.
    due = compute_due(
        CAL,
        PeriodSpec(10, "CD"),
        D(2019, 11, 1),
        pauses=[Pause(D(2019, 11, 14), D(2019, 11, 15)), Pause(D(2019, 11, 5), D(2019, 11, 9))],
    )
    assert due.due == D(2019, 11, 18)
    assert [s.data["start"] for s in steps_of(due, "pause")] == ["2019-11-05", "2019-11-14"]


def test_pause_in_the_roll_gap() -> None:
    # 10 CD from 2019-09-25 → Sat 10-05, rolled to Tue 10-08. A pause on 10-08 itself removes no
    # counted day, but the due date may not fall in it → the next working day, Wed 10-09.
    due = compute_due(
        CAL, PeriodSpec(10, "CD"), D(2019, 9, 25), pauses=[Pause(D(2019, 10, 8), D(2019, 10, 8))]
    )
    assert due.due == D(2019, 10, 9)
    assert steps_of(due, "pause")[0].data["in_roll_gap"] is True


@pytest.mark.parametrize(
    "pause",
    [
        Pause(D(2019, 12, 2), D(2019, 12, 5)),  # starts after the due date 11-29
        Pause(D(2019, 10, 28), D(2019, 11, 1)),  # ends on the start day
        Pause(D(2019, 10, 1), D(2019, 10, 7)),  # ends before the start
    ],
)
def test_pause_outside_the_period(pause: Pause) -> None:
    with pytest.raises(PeriodError, match="中止期间.*不在期限之内"):
        compute_due(CAL, PeriodSpec(20, "WD"), D(2019, 11, 1), pauses=[pause])


def test_pause_errors() -> None:
    spec = PeriodSpec(20, "WD")
    with pytest.raises(PeriodError, match="重叠"):
        compute_due(
            CAL,
            spec,
            D(2019, 11, 1),
            pauses=[Pause(D(2019, 11, 4), D(2019, 11, 8)), Pause(D(2019, 11, 8), D(2019, 11, 12))],
        )
    with pytest.raises(PeriodError, match="早于开始日"):
        compute_due(CAL, spec, D(2019, 11, 1), pauses=[Pause(D(2019, 11, 8), D(2019, 11, 4))])
    with pytest.raises(PeriodError, match="格式错误"):
        compute_due(CAL, spec, D(2019, 11, 1), pauses=[(D(2019, 11, 4), D(2019, 11, 8))])  # type: ignore[list-item]
    with pytest.raises(CalendarError, match="日期格式错误"):
        compute_due(CAL, spec, D(2019, 11, 1), pauses=[Pause("2019-11-04", D(2019, 11, 8))])  # type: ignore[arg-type]
    limited = PeriodSpec(20, "WD", pauses_allowed=("听证", "鉴定"))
    with pytest.raises(PeriodError, match="不因「补正」中止"):
        compute_due(
            CAL, limited, D(2019, 11, 1), pauses=[Pause(D(2019, 11, 4), D(2019, 11, 8), "补正")]
        )
    ok = compute_due(
        CAL, limited, D(2019, 11, 1), pauses=[Pause(D(2019, 11, 4), D(2019, 11, 8), "听证")]
    )
    assert ok.due == D(2019, 12, 6)


# -- restart ---------------------------------------------------------------------------------


def test_restart_after_correction() -> None:
    # 政府信息公开条例 Art.30/33: 20 WD, restarted on receipt of the corrected request
    # Thu 2019-09-26: 09-27 (1), 09-29 make-up (2), 09-30 (3), 10-08…12 (4-8), 10-14…18 (9-13),
    # 10-21…25 (14-18), 10-28 (19), Tue 10-29 (20).
    due = compute_due(CAL, PeriodSpec(20, "WD"), D(2019, 9, 20), restart=D(2019, 9, 26))
    assert due.due == D(2019, 10, 29)
    assert due.start == D(2019, 9, 20) and due.counted_from == D(2019, 9, 26)
    assert kinds(due)[:2] == ["start", "restart"]


def test_restart_errors() -> None:
    spec = PeriodSpec(20, "WD")
    with pytest.raises(PeriodError, match="须晚于"):
        compute_due(CAL, spec, D(2019, 9, 20), restart=D(2019, 9, 20))
    with pytest.raises(PeriodError, match="须晚于"):
        compute_due(CAL, spec, D(2019, 9, 20), restart=D(2019, 9, 1))
    # A pause before the restart is not in the (restarted) period.
    with pytest.raises(PeriodError, match="不在期限之内"):
        compute_due(
            CAL,
            spec,
            D(2019, 9, 20),
            restart=D(2019, 9, 26),
            pauses=[Pause(D(2019, 9, 23), D(2019, 9, 24))],
        )


# -- before an event -------------------------------------------------------------------------


def test_seven_wd_before_a_hearing() -> None:
    # 行政许可法 Art.48(1): notify 7 WD before a hearing on Thu 2019-10-10: 10-09 (1), 10-08 (2),
    # 10-01…07 off, 09-30 (3), 09-29 make-up Sunday (4), 09-27 (5), 09-26 (6), Wed 09-25 (7).
    due = compute_due(CAL, PeriodSpec(-7, "WD"), D(2019, 10, 10))
    assert due.due == D(2019, 9, 25)
    days = [s.day for s in due.steps[1:-1]]
    assert days == sorted(days, reverse=True)  # backwards, in the order met


def test_cd_before_an_event_moves_to_the_previous_working_day() -> None:
    # 7 CD before Thu 2019-10-10 → Thu 10-03 (国庆节) → previous working day Mon 09-30.
    due = compute_due(CAL, PeriodSpec(-7, "CD"), D(2019, 10, 10))
    assert due.due == D(2019, 9, 30)
    assert "提前至" in steps_of(due, "roll_forward")[0].text
    assert compute_due(CAL, PeriodSpec(-7, "CD", roll_forward=False), D(2019, 10, 10)).due == D(
        2019, 10, 3
    )


def test_before_an_event_takes_no_pause_or_extension() -> None:
    spec = PeriodSpec(-7, "WD", extension_max=3)
    with pytest.raises(PeriodError, match="向前计算"):
        compute_due(CAL, spec, D(2019, 10, 10), extension=1)
    with pytest.raises(PeriodError, match="向前计算"):
        compute_due(CAL, spec, D(2019, 10, 10), pauses=[Pause(D(2019, 10, 8), D(2019, 10, 8))])


# -- ANNUAL, NONE, length 0 --------------------------------------------------------------------


def test_annual_report_due_31_january() -> None:
    # 政府信息公开条例 Art.49: the 2019 report is due 2020-01-31 — a Friday off by the 2020
    # extension notice; without roll_forward the fixed date stands.
    spec = PeriodSpec(0, "ANNUAL", roll_forward=False, annual_month_day="01-31")
    due = compute_due(CAL, spec, D(2019, 6, 30))
    assert due.due == D(2020, 1, 31)
    assert kinds(due) == ["start", "due"]
    rolled = compute_due(CAL, PeriodSpec(0, "ANNUAL", annual_month_day="01-31"), D(2019, 6, 30))
    assert rolled.due == D(2020, 2, 3)


def test_annual_without_roll_needs_no_calendar_year() -> None:
    spec = PeriodSpec(0, "ANNUAL", roll_forward=False, annual_month_day="03-31")
    assert compute_due(CAL, spec, D(2026, 12, 31)).due == D(2027, 3, 31)
    with pytest.raises(UnknownYearError):
        compute_due(CAL, PeriodSpec(0, "ANNUAL", annual_month_day="03-31"), D(2026, 5, 1))


def test_annual_errors() -> None:
    with pytest.raises(PeriodError, match="固定日期格式错误"):
        PeriodSpec(0, "ANNUAL")
    with pytest.raises(PeriodError, match="固定日期格式错误"):
        PeriodSpec(0, "ANNUAL", annual_month_day="02-29")
    spec = PeriodSpec(0, "ANNUAL", annual_month_day="01-31")
    with pytest.raises(PeriodError, match="固定日期"):
        compute_due(CAL, spec, D(2019, 5, 1), pauses=[Pause(D(2019, 5, 2), D(2019, 5, 3))])


def test_none_unit() -> None:
    with pytest.raises(PeriodError, match="该规则没有计算期限"):
        compute_due(CAL, PeriodSpec(0, "NONE"), D(2019, 5, 6))


def test_length_zero_is_the_same_day() -> None:
    due = compute_due(CAL, PeriodSpec(0, "WD"), D(2019, 10, 5))
    assert due.due == D(2019, 10, 5)


# -- range, input, spec --------------------------------------------------------------------------


def test_unknown_year() -> None:
    with pytest.raises(UnknownYearError) as exc:
        compute_due(CAL, PeriodSpec(20, "WD"), D(2026, 12, 15))
    assert exc.value.year == 2027
    with pytest.raises(UnknownYearError) as exc:
        compute_due(CAL, PeriodSpec(30, "CD"), D(2027, 1, 5))
    assert exc.value.year == 2027
    with pytest.raises(UnknownYearError) as exc:
        compute_due(CAL, PeriodSpec(1, "MONTH"), D(2026, 12, 15))
    assert exc.value.year == 2027


def test_non_date_start() -> None:
    with pytest.raises(CalendarError, match="日期格式错误"):
        compute_due(CAL, PeriodSpec(20, "WD"), "2019-10-01")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"length": 5, "unit": "DAYS"}, "期限单位错误"),
        ({"length": "5", "unit": "CD"}, "整数"),
        ({"length": 5, "unit": "CD", "extension_unit": "ANNUAL"}, "延长单位错误"),
        ({"length": 5, "unit": "CD", "extension_max": -1}, "可延长上限"),
        ({"length": 5, "unit": "CD", "extension_max": 10**6}, "可延长上限"),
        ({"length": 10**7, "unit": "CD"}, "期限长度超出范围"),
    ],
)
def test_bad_spec(kwargs: dict, needle: str) -> None:
    with pytest.raises(PeriodError, match=needle):
        PeriodSpec(**kwargs)


def test_spec_from_rule_record() -> None:
    rule = {
        "code": "FY-9",
        "name": "行政复议决定（普通程序）",
        "length": 60,
        "unit": "CD",
        "roll_forward": True,
        "extension_max": 30,
        "extension_unit": "",
        "annual_month_day": "",
        "pauses_allowed": ["中止"],
        "restart_on": [],
    }
    spec = PeriodSpec.from_rule(rule)
    assert spec == PeriodSpec(60, "CD", True, 30, None, None, ("中止",))
    assert compute_due(CAL, spec, D(2019, 8, 1), extension=30).due == D(2019, 10, 30)
    # time_rules.toml names the list `pauses`; an empty list allows no pause.
    xk3 = {
        "length": 20,
        "unit": "WD",
        "roll_forward": False,
        "extension_max": 10,
        "extension_unit": "WD",
        "annual_month_day": "",
        "pauses": ["听证", "鉴定"],
    }
    assert PeriodSpec.from_rule(xk3).pauses_allowed == ("听证", "鉴定")
    none = PeriodSpec.from_rule({"length": 15, "unit": "CD", "pauses": []})
    with pytest.raises(PeriodError, match="不因「听证」中止"):
        compute_due(CAL, none, D(2019, 8, 1), pauses=[Pause(D(2019, 8, 5), D(2019, 8, 6), "听证")])


def test_every_rule_in_the_registry_computes_or_says_why() -> None:
    # The registry shipped beside the engine (core/data/time_rules.toml, validated by its
    # loader — a missing or broken file fails here): every version builds a spec, and every
    # unit but NONE yields a due date for a 2019 event.
    from fazhi.core.data.check_time_rules import load_rules

    seen = 0
    for rule in load_rules():
        for version in rule["version"]:
            spec = PeriodSpec.from_rule(version)
            seen += 1
            if spec.unit == "NONE":
                with pytest.raises(PeriodError, match="该规则没有计算期限"):
                    compute_due(CAL, spec, D(2019, 9, 27))
            else:
                assert CAL.first <= compute_due(CAL, spec, D(2019, 9, 27)).due <= CAL.last
    assert seen >= 150  # 111 rules, 157 versions when this was written; rules are only added


def test_every_step_is_bilingual_and_typed() -> None:
    due = compute_due(
        CAL,
        PeriodSpec(60, "CD", extension_max=30),
        D(2019, 8, 6),
        pauses=[Pause(D(2019, 9, 2), D(2019, 9, 6), "听证")],
        extension=2,
        restart=D(2019, 8, 7),
    )
    for s in due.steps:
        assert s.kind in STEP_KINDS
        assert s.text and s.text_en and s.text != s.text_en
        assert isinstance(s.data, dict)
    assert set(kinds(due)) == {
        "start",
        "restart",
        "extension",
        "pause",
        "holiday_block",
        "roll_forward",
        "due",
    }
    # 60+2 CD from 08-07 → 10-08, +5 paused → Sun 10-13 → Mon 10-14.
    assert (due.last_counted, due.due) == (D(2019, 10, 13), D(2019, 10, 14))
    assert "2019年10月14日" in due.explain() and "2019-10-14" in due.explain(lang="en")
