"""信访 under the 2005 regulation (2019) and the 2022 one: registration, notice, handling,
复查 and 复核, 诉访分离, inspection batches closed item by item, backlog cases."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import clocks, ledger
from fazhi.core.indicators import evaluate
from fazhi.core.models import LedgerEvent
from fazhi.core.workflow import InvalidTransition

from ..models import BacklogStatus, InspectionItem, Petition, PetitionStatus
from ..services import inspection
from ..services import petitions as svc
from .factories import ID_A, ID_B, World

pytestmark = pytest.mark.django_db
D = dt.date
S = PetitionStatus


@pytest.fixture
def w(db):
    return World()


def _clock(p, code):
    return clocks.for_subject(p).filter(rule__code=code).order_by("-id").first()


def test_petition_handled_reviewed_and_closed(w):
    # received directly on Fri 2019-09-20: XF-2, 15 days → 10/5 in 国庆 → 10/8
    p = w.petition(received_on=D(2019, 9, 20))
    assert p.number == "芙信登〔2019〕1号"
    assert _clock(p, "XF-2").due_on == D(2019, 10, 8)
    p = svc.assign(actor=w.xf_clerk, petition=p, handler_org=w.bureau, on=D(2019, 9, 23))
    # XF-3 for the unit from the assignment, 15 days → 10/8 too; on the unit's to-do
    c = _clock(p, "XF-3")
    assert (c.due_on, c.org) == (D(2019, 10, 8), w.bureau)
    p = svc.accept(actor=w.leader, petition=p, on=D(2019, 9, 26))
    # XF-5, 60 days from 9/26: 11/25 (Mon)
    assert _clock(p, "XF-5").due_on == D(2019, 11, 25)
    p = svc.reply(actor=w.leader, petition=p, on=D(2019, 11, 1), outcome="partial")
    assert p.reply_number == "芙信处〔2019〕1号"
    # XF-6, the petitioner's 30 days to ask for 复查, from service 11/1 → 12/1 Sun → 12/2
    c = _clock(p, "XF-6")
    assert (c.due_on, c.party) == (D(2019, 12, 2), True)
    with pytest.raises(InvalidTransition) as exc:
        svc.close(actor=w.leader, petition=p, on=D(2019, 11, 20))
    assert exc.value.message == (
        "信访人可在2019年12月2日前请求复查，期满后方可办结（信访人书面表示满意的除外）。"
    )
    p = svc.request_review(actor=w.leader, petition=p, on=D(2019, 11, 25))
    # XF-6b, 30 days from 11/25 → 12/25 (Wed)
    assert (p.stage, _clock(p, "XF-6b").due_on) == ("review", D(2019, 12, 25))
    p = svc.reply(actor=w.leader, petition=p, on=D(2019, 12, 20), outcome="reject")
    assert p.reply_number == "芙信复查〔2019〕1号"
    p = svc.close(actor=w.leader, petition=p, on=D(2019, 12, 23), satisfied=True)
    assert (p.status, p.closed_on) == (S.CLOSED, D(2019, 12, 23))
    assert ledger.verify().ok


def test_handling_period_extension(w):
    p = w.petition(received_on=D(2019, 8, 1))
    p = svc.accept(actor=w.xf_clerk, petition=p, on=D(2019, 8, 5))
    # XF-5, 60 days from 8/5: 10/4 in 国庆 → 10/8; +30 (本行政机关负责人): 11/3 Sun → 11/4
    assert _clock(p, "XF-5").due_on == D(2019, 10, 8)
    svc.extend(
        actor=w.xf_clerk,
        petition=p,
        on=D(2019, 9, 30),
        days=30,
        approver="局长",
        reason="需现场核查",
    )
    assert _clock(p, "XF-5").due_on == D(2019, 11, 4)


def test_review_and_recheck_periods(w):
    p = w.petition(received_on=D(2019, 1, 2))
    p = svc.accept(actor=w.xf_clerk, petition=p, on=D(2019, 1, 3))
    p = svc.reply(
        actor=w.xf_clerk, petition=p, on=D(2019, 1, 4), outcome="reject", served_on=D(2019, 1, 7)
    )
    p = svc.request_review(actor=w.xf_clerk, petition=p, on=D(2019, 1, 7))
    # XF-6b, 30 days from 1/7: 2/6 in 春节 (2/4–2/10) → 2/11
    assert _clock(p, "XF-6b").due_on == D(2019, 2, 11)
    p = svc.reply(
        actor=w.xf_clerk, petition=p, on=D(2019, 4, 4), outcome="reject", served_on=D(2019, 4, 5)
    )
    # XF-7, the petitioner's 30 days to ask for 复核 from 4/5 (清明): 5/5, a 调休 Sunday
    assert _clock(p, "XF-7").due_on == D(2019, 5, 5)
    p = svc.request_review(actor=w.xf_clerk, petition=p, on=D(2019, 5, 5))
    assert _clock(p, "XF-7b").due_on == D(2019, 6, 4)  # 30 days from 5/5 → 6/4 (Tue)
    p = svc.reply(actor=w.xf_clerk, petition=p, on=D(2019, 6, 3), outcome="reject")
    with pytest.raises(ValidationError) as exc:
        svc.request_review(actor=w.xf_clerk, petition=p, on=D(2019, 6, 10))
    assert exc.value.messages == ["复核意见作出后，信访人就同一事项提出的请求不再受理。"]
    p = svc.close(actor=w.xf_clerk, petition=p, on=D(2019, 6, 10))
    assert p.status == S.CLOSED


def test_assigned_petition_notice_from_the_assignment(w):
    # transferred from above, received Fri 2019-04-19: XF-3, 15 days → 5/4 in 劳动节 → 5/5, a
    # 调休 working Sunday
    p = w.petition(received_on=D(2019, 4, 19), source="transferred")
    assert _clock(p, "XF-3").due_on == D(2019, 5, 5)


def test_diverted_to_reconsideration_with_the_petitioners_own_period(w):
    p = w.petition(received_on=D(2019, 8, 20), content="不服行政执法局罚款决定")
    with pytest.raises(ValidationError) as exc:
        svc.divert(
            actor=w.xf_clerk,
            petition=p,
            on=D(2019, 8, 21),
            route="reconsideration",
            reason="属复议",
        )
    assert exc.value.messages == ["请填写信访人知道该行政行为的日期，以告知其申请期限。"]
    p = svc.divert(
        actor=w.xf_clerk,
        petition=p,
        on=D(2019, 8, 21),
        route="reconsideration",
        reason="属于行政复议受理范围，依法导入复议程序",
        act_known_on=D(2019, 8, 2),
    )
    assert (p.status, p.divert_route) == (S.DIVERTED, "reconsideration")
    # FY-1 (2017), 60 days from 8/2: 10/1 in 国庆 → 10/8 — the petitioner's, outliving the petition
    c = _clock(p, "FY-1")
    assert (c.due_on, c.party, c.stopped_on) == (D(2019, 10, 8), True, None)
    p2 = svc.divert(
        actor=w.xf_clerk,
        petition=w.petition(received_on=D(2019, 5, 6)),
        on=D(2019, 5, 6),
        route="litigation",
        reason="属于行政诉讼受案范围",
        act_known_on=D(2019, 4, 30),
    )
    # SS-3, 6 months from 4/30 → 10/30 (Wed)
    assert _clock(p2, "SS-3").due_on == D(2019, 10, 30)


def test_a_petition_with_an_invalid_id_number_is_refused(w):
    before = (Petition.objects.count(), LedgerEvent.objects.count())
    with pytest.raises(ValidationError) as exc:
        w.petition(persons=[dict(name="赵淑华", id_number="430102198503150023")])
    assert exc.value.message_dict["person0_id_number"] == [
        "信访人的身份证号码不正确：公民身份号码第18位校验码应为2，实际为3"
    ]
    assert (Petition.objects.count(), LedgerEvent.objects.count()) == before


def test_objection_to_an_assignment_exists_only_under_the_2022_regulation(w):
    p = w.petition(received_on=D(2019, 6, 3))
    p = svc.assign(actor=w.xf_clerk, petition=p, handler_org=w.bureau, on=D(2019, 6, 4))
    with pytest.raises(ValidationError) as exc:
        svc.object_to_assignment(
            actor=w.leader, petition=p, on=D(2019, 6, 5), reason="非本单位职责"
        )
    assert exc.value.messages == [
        "对转送、交办事项提出异议（XF-4）自2022年5月1日起施行；本事项的日期是2019年6月3日，"
        "适用当时施行的规定，不能按后来的法律办理。"
    ]
    p.refresh_from_db()
    assert p.handler_org == w.bureau
    # 2023: 5 WD from the assignment on Thu 2023-09-28: 中秋国庆 9/29–10/6, 10/7 Sat 调休 (1),
    # 10/8 Sun 调休 (2), 10/9 (3), 10/10 (4), 10/11 (5)
    q = w.petition(received_on=D(2023, 9, 27))
    q = svc.assign(actor=w.xf_clerk, petition=q, handler_org=w.bureau, on=D(2023, 9, 28))
    with pytest.raises(ValidationError) as exc:
        svc.object_to_assignment(actor=w.leader, petition=q, on=D(2023, 10, 12), reason="非本单位")
    assert exc.value.messages == [
        "异议应在收到之日起五个工作日内提出（XF-4，已于2023年10月11日届满）。"
    ]
    q = svc.object_to_assignment(actor=w.leader, petition=q, on=D(2023, 10, 11), reason="非本单位")
    assert q.handler_org is None


def test_batch_closed_only_when_every_item_is(w):
    batch = w.batch(n=3)
    items = list(batch.items.order_by("seq"))
    assert [i.number for i in items][0] == "省委巡视组交办信访件第8批-1"
    for it in items[:2]:
        inspection.item_report(actor=w.leader, item=it, on=D(2019, 6, 20), result="已答复信访人")
        inspection.item_close(
            actor=w.xf_clerk, item=InspectionItem.objects.get(pk=it.pk), on=D(2019, 6, 21)
        )
    with pytest.raises(PermissionDenied):  # the office closes; the unit only reports
        inspection.item_close(actor=w.leader, item=items[2], on=D(2019, 6, 21))
    before = LedgerEvent.objects.count()
    with pytest.raises(InvalidTransition) as exc:
        inspection.batch_close(actor=w.supervisor, batch=batch, on=D(2019, 6, 25))
    assert exc.value.message == "本批次还有 1 件未办结（序号 3），不能办结批次。"
    batch.refresh_from_db()
    assert (batch.status, LedgerEvent.objects.count()) == ("open", before)
    inspection.item_report(actor=w.leader, item=items[2], on=D(2019, 6, 24), result="已化解")
    inspection.item_close(
        actor=w.xf_clerk, item=InspectionItem.objects.get(pk=items[2].pk), on=D(2019, 6, 25)
    )
    batch = inspection.batch_close(actor=w.supervisor, batch=batch, on=D(2019, 6, 26))
    assert (batch.status, batch.closed_on) == ("closed", D(2019, 6, 26))
    with pytest.raises(ValidationError) as exc:
        w.batch(n=1)
    assert exc.value.messages == ["省委巡视组第8批已经登记。"]


def test_the_first_and_the_last_batch_closed_on_time(w):
    """第8至11批 in the annual report: the lowest and the highest number among the batches
    closed in the year with every item on time; an open batch does not count."""
    for no in (9, 11, 12):
        batch = w.batch(n=1, batch_no=no)
        if no == 12:
            continue  # still open
        (item,) = batch.items.all()
        inspection.item_report(actor=w.leader, item=item, on=D(2019, 6, 20), result="已答复")
        item = InspectionItem.objects.get(pk=item.pk)
        inspection.item_close(actor=w.xf_clerk, item=item, on=D(2019, 6, 21))
        inspection.batch_close(actor=w.supervisor, batch=batch, on=D(2019, 6, 26))
    first = evaluate("DIS-XF-PROV-BATCH-FIRST", year=2019)
    last = evaluate("DIS-XF-PROV-BATCH-LAST", year=2019)
    assert (first.value, first.text, last.value, last.text) == (9, "9", 11, "11批")
    assert evaluate("DIS-XF-PROV-BATCH-LAST", year=2020).value == 0


def test_backlog_case_struck_off_by_the_supervisor(w):
    case = inspection.backlog_register(
        actor=w.supervisor,
        org=w.bureau,
        title="某小区违建拆除补偿信访积案",
        leader_name="王志刚",
        leader_post="局长",
        history="2016年起多次到区、市上访。",
        persons=[dict(name="孙立新", id_number=ID_A), dict(name="孙丽", id_number=ID_B)],
        listed_on=D(2019, 3, 1),
    )
    with pytest.raises(InvalidTransition) as exc:
        inspection.backlog_propose(actor=w.leader, case=case, on=D(2019, 8, 1), measures="")
    assert exc.value.message == "请填写化解措施和结果。"
    case = inspection.backlog_propose(
        actor=w.leader, case=case, on=D(2019, 8, 1), measures="依法补偿，签订息访协议"
    )
    with pytest.raises(PermissionDenied):
        inspection.backlog_resolve(actor=w.leader, case=case, on=D(2019, 8, 5))
    case = inspection.backlog_resolve(actor=w.supervisor, case=case, on=D(2019, 8, 5))
    assert (case.status, case.closed_on) == (BacklogStatus.RESOLVED, D(2019, 8, 5))


@pytest.mark.django_db(transaction=True)
def test_the_same_batch_registered_twice_at_once():
    import threading

    from django.db import connections

    w = World()
    results: list = []

    def work():
        try:
            w.batch(n=1)
            results.append("ok")
        except ValidationError as exc:
            results.append(exc.messages[0])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(results) == ["ok", "省委巡视组第8批已经登记。"]
