"""A normative document from its first draft to repeal through the services: consultation,
review, deliberation, 三统一 and filing — with hand-counted dates and each refusal."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import clocks, ledger
from fazhi.core.models import IssuedNumber, LedgerEvent
from fazhi.core.workflow import InvalidTransition

from .. import search
from ..models import DocStatus, DocumentEvent, Filing, NormativeDocument, ReviewRequest
from ..services import consultation as cons
from ..services import normative as svc
from ..services import reviews
from .factories import District

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def w(db, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    return District()


def reviewed(w, doc, on=None):
    on = on or D(2019, 4, 8)
    doc = svc.submit_review(actor=w.drafter, document=doc, on=on)
    req = doc.reviews.get()
    reviews.assign(actor=w.justice_leader, request=req, reviewer=w.reviewer, on=on)
    reviews.give_opinion(actor=w.reviewer, request=req, opinion="pass", on=D(2019, 4, 15))
    return NormativeDocument.objects.get(pk=doc.pk)


def ready(w, **kw):
    doc = w.draft(needs_consultation=False, consultation_waiver="仅涉及内部工作程序", **kw)
    doc = reviewed(w, doc)
    return svc.deliberate(
        actor=w.office_clerk, document=doc, on=D(2019, 4, 25), meeting="第12次常务会议"
    )


def test_whole_life(w):
    doc = w.draft()
    assert doc.number == "规草〔2019〕1号" and doc.versions.get().n == 1
    with pytest.raises(InvalidTransition) as exc:  # consultation required first
        svc.submit_review(actor=w.drafter, document=doc, on=D(2019, 3, 2))
    assert exc.value.message == "本件须向社会公开征求意见，或写明不公开征求意见的理由。"
    # the period is at least 30 days (GF-1): from Mon 2019-03-04 to Wed 2019-04-03
    with pytest.raises(ValidationError) as exc:
        cons.consultation_open(
            actor=w.drafter, document=doc, opens_on=D(2019, 3, 4), closes_on=D(2019, 3, 20),
            text=doc.versions.get().text,
        )  # fmt: skip
    assert "征求意见期限至少到2019年4月3日" in exc.value.messages[0]
    c = cons.consultation_open(
        actor=w.drafter, document=doc, opens_on=D(2019, 3, 4), closes_on=D(2019, 4, 3),
        text=doc.versions.get().text,
    )  # fmt: skip
    assert [a.heading for a in c.articles.all()] == ["总则", "第一条", "第二条", "第三条", "第四条"]
    art = c.articles.get(heading="第二条")
    cm = cons.comment_submit(
        actor=svc.ledger.SystemActor("门户"), consultation=c, article=art, on=D(2019, 3, 10),
        text="建议将三个工作日改为两个工作日。张三提", name="张三", contact="13812345678",
    )  # fmt: skip
    cons.comment_moderate(actor=w.drafter, comment=cm, publish=True)
    cm.refresh_from_db()
    assert cm.published_text == "建议将三个工作日改为两个工作日。张某提"
    cons.comment_dispose(
        actor=w.drafter, comment=cm, disposition="partly", on=D(2019, 4, 4),
        reason="限时办结以法定时限为准，可承诺缩短。",
    )  # fmt: skip
    with pytest.raises(ValidationError):  # not before the announced closing date
        cons.consultation_close(actor=w.drafter, consultation=c, on=D(2019, 4, 2))
    cons.consultation_close(actor=w.drafter, consultation=c, on=D(2019, 4, 3))
    cons.summary_publish(
        actor=w.drafter, consultation=c, on=D(2019, 4, 4), summary="收到意见1条，部分采纳。"
    )
    svc.version_add(
        actor=w.drafter, document=doc, on=D(2019, 4, 5),
        text=doc.versions.get().text.replace("三个工作日", "两个工作日"), note="吸收公众意见",
    )  # fmt: skip
    doc = svc.submit_review(actor=w.drafter, document=doc, on=D(2019, 4, 8))
    req = doc.reviews.get()
    # HS-1: 15 working days from Mon 2019-04-08 — Sunday 04-28 is a make-up working day
    assert clocks.for_subject(req).get().due_on == D(2019, 4, 28)
    reviews.assign(actor=w.justice_leader, request=req, reviewer=w.reviewer, on=D(2019, 4, 9))
    with pytest.raises(PermissionDenied):
        svc.publish(actor=w.drafter, document=doc, on=D(2019, 4, 10))
    with pytest.raises(InvalidTransition) as exc:  # publication before review and meeting
        svc.publish(actor=w.office_clerk, document=doc, on=D(2019, 4, 10))
    assert exc.value.message == "当前状态“合法性审核”不能变更为“已发布”。"
    reviews.give_opinion(actor=w.reviewer, request=req, opinion="pass", on=D(2019, 4, 15))
    doc.refresh_from_db()
    assert (doc.status, doc.reviewed_on) == (DocStatus.REVIEWED, D(2019, 4, 15))
    with pytest.raises(InvalidTransition):  # reviewed, not yet deliberated
        svc.publish(actor=w.office_clerk, document=doc, on=D(2019, 4, 16))
    assert not IssuedNumber.objects.filter(series__kind="normative").exists()
    doc = svc.deliberate(
        actor=w.office_clerk,
        document=doc,
        on=D(2019, 4, 25),
        meeting="测试区人民政府第12次常务会议",
    )
    doc = svc.publish(actor=w.office_clerk, document=doc, on=D(2019, 5, 6))
    assert (doc.doc_number, doc.registration_number) == ("测政发〔2019〕1号", "CSPR-2019-1")
    # BA-2: not before 30 days after publication (not rolled); BA-1: filing within 15 days
    assert doc.effective_on == D(2019, 6, 5)
    filings = {f.body.name: f for f in doc.filings.all()}
    assert {f.due_on for f in filings.values()} == {D(2019, 5, 21)}
    step = LedgerEvent.objects.filter(subject_id=str(doc.pk), data__to="issued").get()
    assert (step.data["doc_number"], step.data["registration_number"]) == (
        "测政发〔2019〕1号",
        "CSPR-2019-1",
    )
    svc.filing_record(
        actor=w.office_clerk,
        filing=filings["测试市人民政府"],
        on=D(2019, 5, 20),
        receipt="备2019-15",
    )
    with pytest.raises(ValidationError) as exc:
        svc.filing_record(
            actor=w.office_clerk, filing=filings["测试区人大常委会"], on=D(2019, 5, 23)
        )
    assert exc.value.messages == [
        "报备日期2019年5月23日已超过报备期限2019年5月21日（公布之日起15日，BA-1），"
        "逾期报备记红牌，请写明逾期原因。"
    ]
    assert Filing.objects.get(pk=filings["测试区人大常委会"].pk).filed_on is None
    late = svc.filing_record(
        actor=w.office_clerk, filing=filings["测试区人大常委会"], on=D(2019, 5, 23),
        late_reason="报送材料退回补正",
    )  # fmt: skip
    assert late.late and clocks.card(late.clock).status == "red"
    svc.filing_feedback(
        actor=w.office_clerk, filing=filings["测试市人民政府"], on=D(2019, 6, 3), result="accepted"
    )
    found = search.filter_documents(NormativeDocument.objects.all(), "依法平等保护民营企业合法权益")
    assert list(found) == [doc]
    svc.interpret(actor=w.drafter, document=doc, on=D(2019, 5, 8), text="一、出台背景……")
    doc = svc.end_life(
        actor=w.office_clerk, document=doc, to="repealed", on=D(2019, 12, 2), reason="被新规定取代"
    )
    assert doc.status == DocStatus.REPEALED and doc.ended_on == D(2019, 12, 2)
    assert doc.in_force_on(D(2019, 12, 1)) and not doc.in_force_on(D(2019, 12, 2))
    assert [e.kind for e in DocumentEvent.objects.filter(document=doc)] == [
        "published",
        "interpreted",
        "repealed",
    ]
    assert ledger.verify().ok


def test_a_number_is_never_issued_twice(w):
    doc = ready(w)
    doc = svc.publish(actor=w.office_clerk, document=doc, on=D(2019, 5, 6))
    with pytest.raises(ValidationError) as exc:
        svc.publish(actor=w.office_clerk, document=doc, on=D(2019, 5, 7))
    assert exc.value.messages == [
        "该文件已于2019年5月6日统一登记发布，文号为测政发〔2019〕1号，不能重复编号。"
    ]
    assert IssuedNumber.objects.filter(series__kind="normative").count() == 1
    other = ready(w, title="测试区另一件规范性文件")
    assert svc.publish(actor=w.office_clerk, document=other, on=D(2019, 5, 8)).doc_number == (
        "测政发〔2019〕2号"
    )


def test_refused_publication_takes_no_number(w):
    doc = ready(w)
    with pytest.raises(ValidationError) as exc:  # 10 days: BA-2 asks for 30 or a reason
        svc.publish(
            actor=w.office_clerk, document=doc, on=D(2019, 5, 6), effective_on=D(2019, 5, 16)
        )
    assert "早于发布之日起30日（2019年6月5日" in exc.value.messages[0]
    assert (
        not IssuedNumber.objects.exists()
        or not IssuedNumber.objects.filter(series__kind="normative").exists()
    )
    doc = svc.publish(
        actor=w.office_clerk, document=doc, on=D(2019, 5, 6), effective_on=D(2019, 5, 6),
        immediate_reason="涉及疫情防控，需立即施行",
    )  # fmt: skip
    assert doc.doc_number == "测政发〔2019〕1号" and doc.effective_on == D(2019, 5, 6)


def test_failed_review_sends_the_draft_back_and_the_next_round_is_compared(w):
    doc = w.draft(needs_consultation=False, consultation_waiver="内部程序")
    doc = svc.submit_review(actor=w.drafter, document=doc, on=D(2019, 4, 8))
    req = doc.reviews.get()
    reviews.assign(actor=w.reviewer, request=req, reviewer=w.reviewer, on=D(2019, 4, 8))
    with pytest.raises(ValidationError):  # not the assigned reviewer
        reviews.give_opinion(actor=w.reviewer2, request=req, opinion="pass", on=D(2019, 4, 9))
    reviews.give_opinion(
        actor=w.reviewer, request=req, opinion="fail", on=D(2019, 4, 10),
        reasons="第三条奖励缺乏预算依据。",
    )  # fmt: skip
    doc.refresh_from_db()
    assert doc.status == DocStatus.DRAFTING
    svc.version_add(actor=w.drafter, document=doc, on=D(2019, 4, 11), text="第一条 修改稿")
    doc = svc.submit_review(actor=w.drafter, document=doc, on=D(2019, 4, 12))
    req = ReviewRequest.objects.get(pk=req.pk)
    assert (req.status, req.rounds, req.resubmitted_on) == ("assigned", 2, D(2019, 4, 12))
    assert [r.n for r in req.round_set.all()] == [1, 2]
    assert ReviewRequest.objects.count() == 1


def test_other_department_cannot_draft_on_this_document(w):
    doc = w.draft()
    with pytest.raises(PermissionDenied):
        svc.version_add(actor=w.outsider, document=doc, on=D(2019, 3, 2), text="x")
    with pytest.raises(ValidationError) as exc:  # a date before the draft was opened
        svc.version_add(actor=w.drafter, document=doc, on=D(2019, 2, 1), text="x")
    assert exc.value.messages == ["稿本日期2019年2月1日早于立项日期2019年3月1日。"]
