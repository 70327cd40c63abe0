"""Clocks on a matter: start, pause, resume, extend, restart, stop, and their cards."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import clocks, ledger, supervision
from fazhi.core.models import Clock, LedgerEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(district):
    return supervision.task_create(
        actor=district.supervisor,
        org=district.street_a,
        title="网站栏目长期未更新",
        description="请于期限内完成整改",
        source="monitor",
        rule_code="GK-4",
        received_on=dt.date(2019, 9, 27),
    )


def test_task_clock_runs_under_2019_rule(task):
    c = Clock.objects.get()
    assert (c.rule.code, c.started_on, c.due_on) == (
        "GK-4",
        dt.date(2019, 9, 27),
        dt.date(2019, 10, 30),
    )
    assert c.version.valid_from == dt.date(2019, 5, 15)


def test_pause_and_resume_move_the_due_date(district, task):
    c = Clock.objects.get()
    c = clocks.pause(
        actor=district.admin, clock=c, on=dt.date(2019, 10, 8), reason="征求第三方意见"
    )
    assert (c.paused, c.due_on) == (True, None)
    assert clocks.card(c, dt.date(2019, 10, 9)).status == "paused"
    # 10-08..10-10: three working days not counted → due three working days later
    c = clocks.resume(actor=district.admin, clock=c, on=dt.date(2019, 10, 10))
    assert c.due_on == dt.date(2019, 11, 4)
    texts = [s.text for s in clocks.explain(c).steps]
    assert any("中止" in t or "不计入" in t for t in texts)


def test_pause_reason_must_be_one_the_rule_allows(district, task):
    with pytest.raises(ValidationError) as exc:
        clocks.pause(
            actor=district.admin, clock=Clock.objects.get(), on=dt.date(2019, 10, 8), reason="出差"
        )
    assert exc.value.messages == [
        "GK-4 的规定中，只有这些事项的时间不计入期限：征求第三方意见、征求其他机关意见。"
    ]


def test_extension_within_the_rule(district, task):
    c = clocks.extend(
        actor=district.admin,
        clock=Clock.objects.get(),
        by=20,
        approver="政府信息公开工作机构负责人",
        reason="需要调取档案",
    )
    assert c.due_on == dt.date(2019, 11, 27)  # 40 WD from 2019-09-27
    with pytest.raises(ValidationError) as exc:
        clocks.extend(actor=district.admin, clock=c, by=1, approver="x", reason="y")
    assert exc.value.messages == ["GK-4 最多延长 20（已延长 20）。"]


def test_restart_after_correction(district, task):
    c = clocks.restart(
        actor=district.admin, clock=Clock.objects.get(), on=dt.date(2019, 10, 14), reason="补正"
    )
    assert c.due_on == dt.date(2019, 11, 11)


def test_natural_day_limit_ending_on_a_holiday_rolls_forward(district, task):
    # SS-2: 15 days from receipt of the complaint copy; 2019-09-20 + 15 = 10-05 (国庆) → 10-08
    c = clocks.start(actor=district.admin, subject=task, rule_code="SS-2", on=dt.date(2019, 9, 20))
    assert c.due_on == dt.date(2019, 10, 8)


def test_cards(district, task):
    c = Clock.objects.get()
    assert clocks.card(c, dt.date(2019, 10, 1)).status == "ok"
    assert clocks.card(c, dt.date(2019, 10, 25)).status == "yellow"  # 3 WD left
    assert clocks.card(c, dt.date(2019, 10, 31)).status == "red"
    c = clocks.stop(actor=district.admin, clock=c, on=dt.date(2019, 11, 1))
    assert clocks.card(c).status == "late"


def test_clock_events_are_on_the_matters_timeline(district, task):
    c = clocks.extend(
        actor=district.admin, clock=Clock.objects.get(), by=5, approver="负责人", reason="理由"
    )
    actions = [e.action for e in ledger.timeline(task)]
    assert actions == ["number.issue", "task.create", "clock.start", "clock.extend"]
    assert LedgerEvent.objects.get(action="clock.extend").data["due"] == c.due_on.isoformat()
