"""行政应诉: the 15-day answer as a hard clock (red on day 12), hearings and the head's
appearance, judgment, appeal period, final outcome and performance."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import clock, clocks, ledger
from fazhi.core.models import LedgerEvent
from fazhi.core.workflow import InvalidTransition

from .. import rules
from ..models import RespondentStatus
from ..services import litigation as svc
from .factories import World

pytestmark = pytest.mark.django_db
D = dt.date
S = RespondentStatus


@pytest.fixture
def w(db):
    return World()


def _clock(case, code):
    return clocks.for_subject(case).filter(rule__code=code).order_by("-id").first()


def _at(day):
    return clock.frozen(dt.datetime(day.year, day.month, day.day, 9, tzinfo=clock.CHINA))


def test_lawsuit_from_complaint_to_performance(w):
    # copy of the complaint received Fri 2019-09-20
    case = w.lawsuit(received_on=D(2019, 9, 20))
    assert case.number == "测试区行政执法局应诉〔2019〕1号"
    c = _clock(case, "SS-2")
    # SS-2, 15 days: 10/5 is inside 国庆 (10/1–10/7) → 10/8
    assert c.due_on == D(2019, 10, 8)
    with _at(D(2019, 9, 26)):  # day 6: on time
        assert rules.answer_card(c).status == "ok"
    with _at(D(2019, 10, 1)):  # day 11: the kernel's yellow card (10/8 is one working day off)
        assert rules.answer_card(c).status == "yellow"
    with _at(D(2019, 10, 2)):  # day 12: red, however many working days are left
        card = rules.answer_card(c)
        assert (card.status, card.label) == ("red", "答辩期第12日（2019年10月8日届满）")
    case = svc.answer(
        actor=w.leader, case=case, on=D(2019, 9, 30), evidence_list="答辩状；处罚决定书；现场笔录"
    )
    svc.hearing_record(
        actor=w.leader,
        case=case,
        held_on=D(2019, 11, 12),
        appeared="局长王志刚；法制科科长",
        head_appeared=True,
        head_name="局长王志刚",
    )
    with pytest.raises(ValidationError) as exc:
        svc.hearing_record(
            actor=w.leader,
            case=case,
            held_on=D(2019, 11, 20),
            appeared="法制科",
            head_appeared=True,
        )
    assert exc.value.messages == ["请填写出庭的负责人姓名和职务。"]
    case = svc.judgment(
        actor=w.leader,
        case=case,
        on=D(2019, 12, 2),
        ruling="judgment",
        outcome="dismiss_claim",
        served_on=D(2019, 12, 5),
    )
    appeal = _clock(case, "SS-6")
    # SS-6, 15 days from service 12/5 → 12/20 (Fri); the party's period, never our lateness
    assert (appeal.due_on, appeal.party) == (D(2019, 12, 20), True)
    with pytest.raises(InvalidTransition) as exc:
        svc.final(actor=w.leader, case=case, on=D(2019, 12, 20))
    assert exc.value.message == "上诉期限至2019年12月20日，期满未上诉的裁判方才生效。"
    case = svc.final(actor=w.leader, case=case, on=D(2019, 12, 21))
    assert (case.status, case.final_outcome) == (S.FINAL, "dismiss_claim")
    case = svc.perform(actor=w.leader, case=case, on=D(2019, 12, 23), performance="胜诉，无需履行")
    assert (case.status, case.closed_on) == (S.CLOSED, D(2019, 12, 23))
    assert ledger.verify().ok


def test_an_answer_after_15_days_needs_its_reason_and_stays_red(w):
    case = w.lawsuit(received_on=D(2019, 9, 20))
    before = LedgerEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        svc.answer(actor=w.leader, case=case, on=D(2019, 10, 9), evidence_list="答辩状")
    assert exc.value.messages == [
        "答辩举证期限（SS-2，收到副本之日起15日）已于2019年10月8日届满；"
        "逾期提交须写明逾期原因，本案将记为超期答辩（红牌）。"
    ]
    case.refresh_from_db()
    assert (case.status, case.answered_on, LedgerEvent.objects.count()) == (
        S.RECEIVED,
        None,
        before,
    )
    case = svc.answer(
        actor=w.leader,
        case=case,
        on=D(2019, 10, 9),
        evidence_list="答辩状",
        late_reason="承办人员国庆期间未及时签收",
    )
    assert clocks.card(_clock(case, "SS-2")).status == "late"


def test_a_lawsuit_answered_on_day_14(w):
    case = w.lawsuit(received_on=D(2019, 6, 3))
    # SS-2 from Mon 6/3: 6/18 (Tue)
    assert _clock(case, "SS-2").due_on == D(2019, 6, 18)
    case = svc.answer(actor=w.leader, case=case, on=D(2019, 6, 17), evidence_list="答辩状")
    assert clocks.card(_clock(case, "SS-2")).status == "done"


def test_appeal_by_us_within_the_period_and_the_second_instance_loss(w):
    case = w.lawsuit(received_on=D(2019, 3, 1), act_number="")
    case = svc.answer(actor=w.leader, case=case, on=D(2019, 3, 12), evidence_list="答辩状")
    case = svc.judgment(
        actor=w.leader,
        case=case,
        on=D(2019, 4, 22),
        ruling="ruling",
        outcome="dismissed",
        served_on=D(2019, 4, 26),
    )
    # SS-6b, 10 days from Fri 4/26: 5/6 (Mon)
    assert _clock(case, "SS-6b").due_on == D(2019, 5, 6)
    with pytest.raises(ValidationError) as exc:
        svc.appeal(actor=w.leader, case=case, on=D(2019, 5, 7), by_us=True)
    assert exc.value.messages == ["上诉期限（SS-6b）已于2019年5月6日届满。"]
    case = svc.appeal(actor=w.leader, case=case, on=D(2019, 5, 6), by_us=False)
    case = svc.final(actor=w.leader, case=case, on=D(2019, 8, 1), outcome="revoke")
    assert (case.final_outcome, case.lost) == ("revoke", True)


def test_reconsideration_as_respondent_runs_the_2017_answer_period(w):
    case = w.lawsuit(
        kind="reconsideration",
        org=w.justice,
        actor=w.reviewer,
        respondent=w.gov,
        forum="长沙市人民政府",
        forum_number="长政复〔2019〕12号",
        received_on=D(2019, 9, 25),
    )
    # FY-5b (2017), 10 days from 9/25: 10/5 in 国庆 → 10/8 (laws-2019.md §2 worked example)
    assert _clock(case, "FY-5b").due_on == D(2019, 10, 8)
    case = svc.answer(actor=w.reviewer, case=case, on=D(2019, 10, 8), evidence_list="答复书")
    case = svc.judgment(
        actor=w.reviewer,
        case=case,
        on=D(2019, 11, 20),
        ruling="decision",
        outcome="maintain",
        served_on=D(2019, 11, 22),
    )
    assert (case.status, case.final_outcome, case.final_on) == (
        S.FINAL,
        "maintain",
        D(2019, 11, 20),
    )
