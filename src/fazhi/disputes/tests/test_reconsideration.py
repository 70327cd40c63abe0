"""行政复议 as the reconsideration body, from receipt to service — each clock's due date
counted by hand under the 2017 text in force in 2019, and each refusal with its message."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import clocks, ledger
from fazhi.core.models import LedgerEvent
from fazhi.core.workflow import InvalidTransition

from ..models import Document, ReconStatus
from ..services import reconsideration as svc
from ..services import reconsideration_review as review
from .factories import World

pytestmark = pytest.mark.django_db
D = dt.date
S = ReconStatus


@pytest.fixture
def w(db):
    return World()


def _due(case, code):
    return clocks.for_subject(case).get(rule__code=code).due_on


def test_received_accepted_by_silence_answered_heard_decided_and_served(w):
    # Thu 2019-09-26, the week before 国庆
    case = w.recon(received_on=D(2019, 9, 26), act_known_on=D(2019, 9, 10))
    assert case.number == "芙政复收〔2019〕1号"
    assert len(case.check_code) == 6
    # FY-2, 5 WD (2017 Art.17 + Art.40): 9/27 Fri (1), 9/28 Sat no, 9/29 Sun 调休上班 (2),
    # 9/30 (3), 10/1–10/7 国庆, 10/8 (4), 10/9 (5)
    assert _due(case, "FY-2") == D(2019, 10, 9)
    # FY-3, 5 days (实施条例 Art.29, read as calendar days): 9/27 … 10/1 (5), 国庆 → 10/8
    assert _due(case, "FY-3") == D(2019, 10, 8)
    # nothing happened within the 5 WD: on 10/10 the application counts as accepted — from
    # the day it was received (2017 Art.17)
    case = svc.accept(actor=w.reviewer, case=case, on=D(2019, 10, 10))
    assert (case.status, case.accept_mode, case.accepted_on) == (
        S.ACCEPTED,
        "deemed",
        D(2019, 9, 26),
    )
    assert clocks.card(clocks.for_subject(case).get(rule__code="FY-2")).status == "done"
    # FY-5, 7 WD from acceptance 9/26: 9/27 (1), 9/29 (2), 9/30 (3), 10/8 (4), 10/9 (5),
    # 10/10 (6), 10/11 (7)
    assert _due(case, "FY-5") == D(2019, 10, 11)
    # FY-9, 60 days from 9/26: 9/27–9/30 (4), October (35), 11/25 (60), a Monday
    assert _due(case, "FY-9") == D(2019, 11, 25)
    case = svc.send(actor=w.reviewer, case=case, on=D(2019, 10, 10))
    answer_clock = clocks.for_subject(case).get(rule__code="FY-5b")
    # FY-5b, 10 days (not in Art.40's 五日/七日, so calendar days): 10/20 is a Sunday → 10/21
    assert answer_clock.due_on == D(2019, 10, 21)
    assert answer_clock.org == w.bureau  # the respondent's clock, on its to-do
    # the respondent's leader answers (a participant: the case is the justice bureau's)
    case = svc.answer(
        actor=w.leader, case=case, on=D(2019, 10, 18), evidence="答复书；处罚决定书；现场笔录"
    )
    assert (case.status, case.answered_on) == (S.REVIEWING, D(2019, 10, 18))
    review.hearing_hold(
        actor=w.reviewer,
        case=case,
        notified_on=D(2019, 10, 25),
        held_on=D(2019, 11, 1),
        place="区司法局复议听证室",
        attendees="申请人张建国；被申请人委托代理人",
    )
    case = review.decide(
        actor=w.reviewer,
        case=case,
        on=D(2019, 11, 15),
        decision_type="revoke",
        summary="认定事实不清，撤销原处罚决定。",
        approved_by="区人民政府副区长",
    )
    assert case.decision_number == "芙政复决〔2019〕1号"
    assert clocks.card(clocks.for_subject(case).get(rule__code="FY-9")).status == "done"
    case = review.serve(actor=w.reviewer, case=case, on=D(2019, 11, 18))
    assert (case.status, case.closed_on) == (S.CLOSED, D(2019, 11, 18))
    kinds = list(Document.objects.filter(subject_id=str(case.pk)).values_list("kind", flat=True))
    assert kinds == ["fy_answer", "fy_decision"]  # no 受理通知书: it was accepted by silence
    assert ledger.verify().ok


def test_a_decision_after_60_days_without_approved_extension_is_refused(w):
    case = w.recon(received_on=D(2019, 3, 4), act_known_on=D(2019, 2, 25))
    case = svc.accept(actor=w.reviewer, case=case, on=D(2019, 3, 5))
    assert case.accepted_on == D(2019, 3, 4)
    # FY-9, 60 days from Mon 3/4: March (27), April (57), 5/3 (60) in 劳动节 (5/1–5/4) → the
    # first day after it, Sun 5/5, a 调休 working day
    assert _due(case, "FY-9") == D(2019, 5, 5)
    case = svc.send(actor=w.reviewer, case=case, on=D(2019, 3, 6))
    case = svc.answer(actor=w.leader, case=case, on=D(2019, 3, 15), evidence="答复书")
    before = LedgerEvent.objects.count()
    with pytest.raises(InvalidTransition) as exc:
        review.decide(
            actor=w.reviewer,
            case=case,
            on=D(2019, 5, 6),
            decision_type="maintain",
            summary="维持",
            approved_by="副区长",
        )
    assert exc.value.message == (
        "审理期限（FY-9）已于2019年5月5日届满，且未经批准延长，不能作出复议决定；"
        "情况复杂的，应在期限届满前由行政复议机关的负责人批准延长。"
    )
    case.refresh_from_db()
    assert (case.status, case.decided_on, LedgerEvent.objects.count()) == (
        S.REVIEWING,
        None,
        before,
    )
    # approved in time (by the head of the body, 2019: 复议机关的负责人), +30 days: 90 days
    # from 3/4 end on Sun 6/2 → Mon 6/3
    review.extend(
        actor=w.reviewer,
        case=case,
        on=D(2019, 4, 30),
        days=30,
        approver="区人民政府副区长",
        reason="案情复杂，需补充调查",
    )
    assert _due(case, "FY-9") == D(2019, 6, 3)
    with pytest.raises(ValidationError) as exc:
        review.extend(
            actor=w.reviewer, case=case, on=D(2019, 5, 1), days=1, approver="副区长", reason="再延"
        )
    assert exc.value.messages == ["FY-9 最多延长 30（已延长 30）。"]
    case = review.decide(
        actor=w.reviewer,
        case=case,
        on=D(2019, 5, 6),
        decision_type="maintain",
        summary="维持",
        approved_by="副区长",
    )
    assert case.status == S.DECIDED


def test_a_refusal_after_the_five_working_days_is_refused(w):
    # Fri 2019-04-26: 4/28 Sun 调休 (1), 4/29 (2), 4/30 (3), 劳动节, 5/5 Sun 调休 (4), 5/6 (5)
    case = w.recon(received_on=D(2019, 4, 26), act_known_on=D(2019, 4, 10))
    assert _due(case, "FY-2") == D(2019, 5, 6)
    with pytest.raises(InvalidTransition) as exc:
        svc.refuse(actor=w.reviewer, case=case, on=D(2019, 5, 7), reason="不属于受理范围")
    assert exc.value.message == (
        "受理审查期限（FY-2，五个工作日）已于2019年5月6日届满，未决定不予受理的，"
        "依法视为受理（《行政复议法》第十七条），不能再决定不予受理。"
    )
    case.refresh_from_db()
    assert case.status == S.RECEIVED
    assert not Document.objects.filter(kind="fy_refusal").exists()
    refused = svc.refuse(
        actor=w.reviewer,
        case=w.recon(received_on=D(2019, 4, 26), act_known_on=D(2019, 4, 10)),
        on=D(2019, 5, 6),
        reason="不属于本机关受理，请向长沙市人民政府提出",
    )
    assert (refused.status, refused.closed_on) == (S.REFUSED, D(2019, 5, 6))


def test_correction_with_its_period_then_a_new_examination(w):
    case = w.recon(received_on=D(2019, 9, 26), act_known_on=D(2019, 9, 10))
    with pytest.raises(ValidationError) as exc:
        svc.request_correction(actor=w.reviewer, case=case, on=D(2019, 9, 27), items="身份证复印件")
    assert exc.value.messages == ["请写明补正通知载明的补正期限。"]  # 2017: the notice sets it
    case = svc.request_correction(
        actor=w.reviewer,
        case=case,
        on=D(2019, 9, 27),
        items="申请人身份证明；原处罚决定书复印件",
        due_on=D(2019, 10, 18),
    )
    assert (case.status, case.correction_due_on) == (S.CORRECTING, D(2019, 10, 18))
    assert Document.objects.get(kind="fy_correction").number == "芙政复补〔2019〕1号"
    with pytest.raises(InvalidTransition) as exc:
        svc.abandon(actor=w.reviewer, case=case, on=D(2019, 10, 18))
    assert exc.value.message == "补正期限至2019年10月18日，期限届满前不能视为放弃申请。"
    case = svc.receive_correction(actor=w.reviewer, case=case, on=D(2019, 10, 15))
    # a new 5 WD from the complete application: 10/16 … 10/22
    fy2 = clocks.for_subject(case).filter(rule__code="FY-2").order_by("-id").first()
    assert fy2.due_on == D(2019, 10, 22)
    case = svc.accept(actor=w.reviewer, case=case, on=D(2019, 10, 16))
    # accepted explicitly; under 2017 the case counts as accepted from the complete application
    assert (case.accept_mode, case.accepted_on) == ("explicit", D(2019, 10, 15))
    assert Document.objects.get(kind="fy_accept").number == "芙政复受〔2019〕1号"


def test_a_2019_case_is_not_computed_under_the_2023_law(w):
    case = w.recon(received_on=D(2019, 9, 2), act_known_on=D(2019, 8, 20))
    with pytest.raises(ValidationError) as exc:
        svc.accept(actor=w.reviewer, case=case, on=D(2019, 9, 3), procedure="simplified")
    assert exc.value.messages == [
        "2019年9月2日收到的复议申请适用当时施行的《行政复议法》（2017年修正），"
        "该法没有简易程序（FY-6 自2024年1月1日起施行）。"
    ]
    case.refresh_from_db()
    assert (case.status, case.procedure) == (S.RECEIVED, "ordinary")
    case = svc.accept(actor=w.reviewer, case=case, on=D(2019, 9, 3))
    case = svc.send(actor=w.reviewer, case=case, on=D(2019, 9, 4))
    case = svc.answer(actor=w.leader, case=case, on=D(2019, 9, 10), evidence="答复书")
    with pytest.raises(ValidationError) as exc:
        review.decide(
            actor=w.reviewer,
            case=case,
            on=D(2019, 10, 8),
            decision_type="void",
            summary="确认无效",
            approved_by="副区长",
        )
    assert exc.value.messages == [
        "2019年9月2日收到的申请适用《行政复议法》（2017年修正），该法没有“确认无效”的决定类型。"
    ]
    # the 2019 clocks run under the 2017 versions
    assert {c.rule.code: c.version.article for c in clocks.for_subject(case)} == {
        "FY-2": "第十七条",
        "FY-3": "第二十九条",
        "FY-5": "第二十三条第一款",
        "FY-9": "第三十一条第一款",
        "FY-5b": "第二十三条第一款",
    }


def test_a_2024_case_runs_the_simplified_procedure(w):
    case = w.recon(received_on=D(2024, 6, 3), act_known_on=D(2024, 5, 27))
    before = LedgerEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        svc.accept(actor=w.reviewer, case=case, on=D(2024, 6, 4), procedure="simplified")
    assert exc.value.messages[0].startswith("适用简易程序须符合FY-6规定的情形（当场作出的行政行为")
    case.refresh_from_db()
    assert (case.status, LedgerEvent.objects.count()) == (ReconStatus.RECEIVED, before)
    case = svc.accept(
        actor=w.reviewer,
        case=case,
        on=D(2024, 6, 4),
        procedure="simplified",
        simplified_ground="small_amount",
    )
    # 2023 Art.30: accepted on the day of the decision; FY-10 30 days: 7/4 (Thu)
    assert case.accepted_on == D(2024, 6, 4)
    assert _due(case, "FY-10") == D(2024, 7, 4)
    # FY-7, 3 WD: 6/5, 6/6, 6/7 — 6/10 is 端午
    assert _due(case, "FY-7") == D(2024, 6, 7)
    # switched to the ordinary procedure with the office head's approval: FY-9 from acceptance,
    # 60 days from 6/4 → 8/3 Sat → 8/5 Mon
    case = svc.switch_to_ordinary(
        actor=w.reviewer, case=case, on=D(2024, 6, 20), approver="复议机构负责人", reason="案情复杂"
    )
    assert case.procedure == "ordinary"
    assert _due(case, "FY-9") == D(2024, 8, 5)
    assert clocks.card(clocks.for_subject(case).get(rule__code="FY-10")).status == "done"
    switched = LedgerEvent.objects.filter(action="dis.fy.switch", subject_id=str(case.pk)).get()
    assert (switched.data["approver"], switched.data["on"]) == ("复议机构负责人", "2024-06-20")
    # a disclosure case is one of FY-6's grounds by its kind, and the event says so
    case = w.recon(received_on=D(2024, 6, 3), act_known_on=D(2024, 5, 27), act_kind="disclosure")
    svc.accept(actor=w.reviewer, case=case, on=D(2024, 6, 4), procedure="simplified")
    accepted = LedgerEvent.objects.filter(action="dis.fy.accept", subject_id=str(case.pk)).get()
    assert accepted.data["simplified_ground"] == "disclosure"


def test_respondent_answers_only_its_own_case_and_never_decides(w):
    case = w.recon(received_on=D(2019, 9, 2))
    case = svc.accept(actor=w.reviewer, case=case, on=D(2019, 9, 3))
    case = svc.send(actor=w.reviewer, case=case, on=D(2019, 9, 4))
    # the leader of another street is not the respondent
    with pytest.raises(PermissionDenied):
        svc.answer(actor=w.d.street_a_leader, case=case, on=D(2019, 9, 10), evidence="答复书")
    case = svc.answer(actor=w.leader, case=case, on=D(2019, 9, 10), evidence="答复书")
    # the respondent's leader holds the LEADER role of the decision move, but not for the body
    with pytest.raises(PermissionDenied):
        review.decide(
            actor=w.leader,
            case=case,
            on=D(2019, 10, 8),
            decision_type="maintain",
            summary="维持",
            approved_by="局长",
        )


def test_answer_missing_only_after_the_period(w):
    case = w.recon(received_on=D(2019, 9, 2))
    case = svc.accept(actor=w.reviewer, case=case, on=D(2019, 9, 3))
    case = svc.send(actor=w.reviewer, case=case, on=D(2019, 9, 4))
    # 10 days from 9/4: 9/14 Sat (中秋 9/13–15) → 9/16
    assert _due(case, "FY-5b") == D(2019, 9, 16)
    with pytest.raises(InvalidTransition) as exc:
        svc.answer_missing(actor=w.reviewer, case=case, on=D(2019, 9, 16))
    assert exc.value.message == "被申请人的答复期限至2019年9月16日，届满前不能认定其未答复。"
    case = svc.answer_missing(actor=w.reviewer, case=case, on=D(2019, 9, 17))
    assert (case.status, case.answer_missing) == (S.REVIEWING, True)


def test_suspension_and_the_bodys_setting(db):
    w = World(suspension_excludes_time=True)
    case = w.recon(received_on=D(2019, 3, 4), act_known_on=D(2019, 2, 25))
    case = svc.accept(actor=w.reviewer, case=case, on=D(2019, 3, 5))
    case = svc.send(actor=w.reviewer, case=case, on=D(2019, 3, 6))
    case = svc.answer(actor=w.leader, case=case, on=D(2019, 3, 15), evidence="答复书")
    case = review.suspend(actor=w.reviewer, case=case, on=D(2019, 4, 1), ground="申请人下落不明")
    with pytest.raises(ValidationError) as exc:
        review.terminate(
            actor=w.reviewer,
            case=case,
            on=D(2019, 5, 30),
            ground="long_suspension",
            reason="中止满六十日",
        )
    # FY-12b: 60 days from 4/1 → 5/31
    assert exc.value.messages == ["中止满六十日（FY-12b）方可终止，最早为2019年5月31日。"]
    case = review.resume(actor=w.reviewer, case=case, on=D(2019, 4, 10))
    # the registry's clock keeps the strict reading (5/5); the body leaves 4/1–4/10 out (⚠):
    # 3/5–3/31 (27), 4/11–4/30 (47), 5/1–5/13 (60) — a Monday, so no roll-forward
    from .. import rules

    assert _due(case, "FY-9") == D(2019, 5, 5)
    assert rules.decision_due(case) == D(2019, 5, 13)
    case = review.decide(
        actor=w.reviewer,
        case=case,
        on=D(2019, 5, 13),
        decision_type="maintain",
        summary="维持",
        approved_by="副区长",
    )
    assert case.status == S.DECIDED


def test_business_dates_in_the_future_or_out_of_order(w):
    case = w.recon(received_on=D(2019, 9, 2))
    with pytest.raises(ValidationError) as exc:
        w.recon(received_on=D(2099, 1, 4))
    assert "收到申请日期2099年1月4日晚于今天" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        svc.accept(actor=w.reviewer, case=case, on=D(2019, 9, 1))
    assert exc.value.messages == ["受理日期2019年9月1日早于收到申请日期2019年9月2日。"]


def test_opinion_letter_compliance_is_tracked(w):
    case = w.recon(received_on=D(2019, 6, 3), act_known_on=D(2019, 5, 20))
    letter = review.letter_issue(
        actor=w.reviewer,
        case=case,
        kind="opinion",
        to_org=w.bureau,
        content="规范送达程序。",
        on=D(2019, 8, 2),
    )
    assert letter.number == "芙政复意〔2019〕1号"
    # FY-13, 60 days from 8/2: 10/1 in 国庆 → 10/8; the respondent's clock
    c = clocks.for_subject(letter).get()
    assert (c.rule.code, c.due_on, c.org) == ("FY-13", D(2019, 10, 8), w.bureau)
    with pytest.raises(PermissionDenied):
        review.letter_report(actor=w.reviewer, letter=letter, on=D(2019, 9, 2), result="已整改")
    review.letter_report(actor=w.leader, letter=letter, on=D(2019, 9, 2), result="已整改送达程序")
    assert clocks.card(clocks.for_subject(letter).get()).status == "done"


def test_incidental_review_periods(w):
    case = w.recon(received_on=D(2019, 9, 2))
    case = svc.accept(actor=w.reviewer, case=case, on=D(2019, 9, 3))
    r = review.incidental_raise(
        actor=w.reviewer,
        case=case,
        document_title="关于规范占道经营管理的通知",
        issuer="测试区人民政府",
        on=D(2019, 9, 6),
        competent=True,
    )
    # FY-11, 30 days from 9/6: 10/6 in 国庆 → 10/8
    assert _due(case, "FY-11") == D(2019, 10, 8)
    review.incidental_conclude(actor=w.reviewer, review=r, on=D(2019, 9, 30), conclusion="合法")
    r2 = review.incidental_raise(
        actor=w.reviewer,
        case=case,
        document_title="市级文件",
        issuer="长沙市人民政府",
        on=D(2019, 9, 26),
        competent=False,
    )
    # FY-11b, 7 WD from 9/26: 9/27, 9/29 (调休), 9/30, 10/8, 10/9, 10/10, 10/11
    assert _due(case, "FY-11b") == D(2019, 10, 11)
    with pytest.raises(ValidationError):
        review.incidental_conclude(actor=w.reviewer, review=r2, on=D(2019, 10, 9))
