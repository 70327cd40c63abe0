"""A clock never blocks a statutory act: into an unannounced year it gets a provisional due
date (plain weeks, marked 待公布) that becomes final the moment the year is put in force;
and a calendar year is entered from its notice, put in force deliberately, and an unusual
one needs an explicit confirmation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import calendar, clock, clocks, supervision
from fazhi.core.models import CalendarDay, Clock, LedgerEvent

pytestmark = pytest.mark.django_db
D = dt.date

# The 2027 arrangement as an administrator would enter it from the notice (test data: the
# holidays of a plausible year, enough to move a due date and to pass the usual-count check).
DAYS_2027 = [
    *[(D(2027, 1, d), "holiday", "元旦") for d in (1, 2, 3)],
    *[(D(2027, 2, d), "holiday", "春节") for d in range(6, 14)],
    (D(2027, 2, 14), "workday", "春节"),
    (D(2027, 2, 20), "workday", "春节"),
    *[(D(2027, 4, d), "holiday", "清明节") for d in (3, 4, 5)],
    *[(D(2027, 5, d), "holiday", "劳动节") for d in range(1, 6)],
    (D(2027, 4, 25), "workday", "劳动节"),
    (D(2027, 5, 8), "workday", "劳动节"),
    *[(D(2027, 6, d), "holiday", "端午节") for d in (9, 10, 11)],
    *[(D(2027, 9, d), "holiday", "中秋节") for d in (15, 16, 17)],
    *[(D(2027, 10, d), "holiday", "国庆节") for d in range(1, 8)],
    (D(2027, 9, 26), "workday", "国庆节"),
    (D(2027, 10, 9), "workday", "国庆节"),
]


def _frozen(day: dt.date):
    return clock.frozen(dt.datetime.combine(day, dt.time(10), tzinfo=clock.CHINA))


@pytest.fixture
def task(district):
    with _frozen(D(2026, 12, 20)):
        return supervision.task_create(
            actor=district.supervisor,
            org=district.street_a,
            title="政务公开栏目整改",
            description="栏目长期未更新",
            source="test",
            rule_code="XK-3",  # 20 working days
            received_on=D(2026, 12, 20),
        )


def _enter_2027(admin, *, days=DAYS_2027):
    calendar.year_save(
        actor=admin,
        year=2027,
        source="https://www.gov.cn/zhengce/content/2027.htm",
        notice_number="国办发明电〔2026〕9号",
        notice_date=D(2026, 11, 12),
    )
    for day, kind, name in days:
        calendar.day_save(actor=admin, day=day, kind=kind, name=name, notice_year=2027)


def test_a_clock_into_an_unannounced_year_is_provisional_not_refused(task):
    c = clocks.for_subject(task).get()
    # 2026-12-20 (Sun): 12/21..25=1..5, 12/28..31=6..9; plain weeks: 2027-01-01 (Fri)=10,
    # 1/4..8=11..15, 1/11..15=16..20
    assert (c.due_on, c.provisional) == (D(2027, 1, 15), True)
    assert clocks.provisional_note(c) == (
        "2027年放假安排尚未公布，暂按周末推算，公布后自动重新计算（待公布）"
    )
    with _frozen(D(2026, 12, 21)):
        card = clocks.card(c)
    assert card.provisional and card.status == "ok"


def test_the_date_becomes_final_when_the_year_is_put_in_force(district, task):
    _enter_2027(district.admin)
    c = Clock.objects.get(pk=clocks.for_subject(task).get().pk)
    assert (c.due_on, c.provisional) == (D(2027, 1, 15), True)  # entered, not yet in force
    calendar.year_publish(actor=district.admin, year=2027)
    c.refresh_from_db()
    # with 元旦 2027-01-01..03 off: 1/4..8=10..14, 1/11..15=15..19, 1/18=20
    assert (c.due_on, c.provisional) == (D(2027, 1, 18), False)
    ev = LedgerEvent.objects.filter(action="clock.recompute").get()
    assert ev.data["due_before"] == "2027-01-15" and ev.data["due"] == "2027-01-18"
    assert ev.subject_type == "core.supervisiontask" and ev.subject_id == str(task.pk)


def test_an_empty_year_needs_an_explicit_confirmation_and_is_flagged(district, task):
    calendar.year_save(
        actor=district.admin,
        year=2027,
        source="https://www.gov.cn/",
        notice_number="国办发明电〔2026〕9号",
        notice_date=D(2026, 11, 12),
    )
    with pytest.raises(ValidationError) as exc:
        calendar.year_publish(actor=district.admin, year=2027)
    assert exc.value.messages[0] == "2027年没有登记任何放假日期（春节等法定节假日将按工作日计算）。"
    assert exc.value.messages[-1].startswith("如确认与国务院办公厅通知一致")
    c = clocks.for_subject(task).get()
    assert c.provisional is True  # nothing changed
    y = calendar.year_publish(actor=district.admin, year=2027, confirm_unusual=True)
    assert (y.in_force, y.unusual_confirmed) == (True, True)


def test_a_missing_festival_is_unusual(district):
    days = [d for d in DAYS_2027 if d[2] != "端午节"]
    _enter_2027(district.admin, days=days)
    assert calendar.year_anomalies(2027) == ["2027年缺少这些节日的安排：端午节。"]
    _enter_2027(district.admin)
    assert calendar.year_anomalies(2027) == []


def test_a_year_not_in_force_is_not_counted(district):
    _enter_2027(district.admin)
    with pytest.raises(ValidationError):
        calendar.year_publish(actor=district.admin, year=2029)  # no such year
    assert 2027 not in calendar.get_calendar().years
    assert CalendarDay.objects.filter(notice_year=2027).count() == len(DAYS_2027)


def test_the_shipped_years_count_as_usual():
    assert all(calendar.year_anomalies(y) == [] for y in range(2019, 2027))
