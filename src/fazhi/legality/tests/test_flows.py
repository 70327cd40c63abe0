"""Major decisions through the regulation's steps — refused at the meeting for each missing
step — and the issue's bad input: a comment with script, a link or a phone number, an
upload over the limit or of a forbidden type, a diff against another document's draft."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import clocks, ledger
from fazhi.core.models import LedgerEvent
from fazhi.core.workflow import InvalidTransition

from .. import queries
from ..models import Comment, DecisionStatus, DocumentVersion, MajorDecision
from ..services import consultation as cons
from ..services import decisions, reviews
from ..services import normative as svc
from .factories import District

pytestmark = pytest.mark.django_db
D = dt.date
PUBLIC = ledger.SystemActor("门户")


@pytest.fixture
def w(db, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    return District()


def decision(w, **kw):
    return decisions.decision_create(
        actor=w.drafter, org=w.dept, decision_body=w.gov, registrar_org=w.office,
        review_org=w.justice, title="测试区老旧小区提质改造三年行动计划",
        received_on=D(2019, 9, 2), description="草案", needs_expert=True, needs_risk=True, **kw,
    )  # fmt: skip


def consult(w, dec):
    # JC-1 (in force from 2019-09-01): at least 30 days from Tue 09-03 — Thu 10-03 falls in
    # the National Day holiday (10-01..10-07) and rolls to Tue 10-08
    with pytest.raises(ValidationError):
        cons.consultation_open(
            actor=w.drafter, decision=dec, opens_on=D(2019, 9, 3), closes_on=D(2019, 10, 3),
            text="第一条 目标任务。",
        )  # fmt: skip
    c = cons.consultation_open(
        actor=w.drafter, decision=dec, opens_on=D(2019, 9, 3), closes_on=D(2019, 10, 8),
        text="第一条 目标任务。\n第二条 实施范围。",
    )  # fmt: skip
    cons.consultation_close(actor=w.drafter, consultation=c, on=D(2019, 10, 8))
    cons.summary_publish(actor=w.drafter, consultation=c, on=D(2019, 10, 9), summary="未收到意见")


def step(w, dec, kind, on=None):
    on = on or D(2019, 10, 10)
    decisions.step_record(
        actor=w.drafter, decision=dec, kind=kind, on=on, by="专家组", summary="可行"
    )


def review(w, dec):
    decisions.send_for_review(actor=w.drafter, decision=dec, on=D(2019, 10, 11))
    req = dec.reviews.get()
    # HS-1: 15 working days from Fri 2019-10-11 — Sat 10-12 is a make-up working day (1),
    # then 10-14..18 (2–6), 10-21..25 (7–11), 10-28..31 (12–15): Thu 10-31
    assert clocks.for_subject(req).get().due_on == D(2019, 10, 31)
    reviews.assign(actor=w.justice_leader, request=req, reviewer=w.reviewer, on=D(2019, 10, 11))
    reviews.give_opinion(actor=w.reviewer, request=req, opinion="pass", on=D(2019, 10, 18))


MISSING = {
    "participation": "公众参与：本件须向社会公开征求意见，或写明不公开征求意见的理由。",
    "expert": "专业性、技术性较强的决策事项须组织专家论证，请先登记专家论证意见。",
    "risk": "决策实施可能对社会稳定、公共安全等方面造成不利影响，须先登记风险评估报告。",
    "legality": "合法性审查：未经合法性审查或者经审查不合法的，不得提交决策机关讨论。",
}


@pytest.mark.parametrize("missing", list(MISSING))
def test_a_decision_goes_to_the_meeting_only_with_every_step(w, missing):
    dec = decision(w)
    if missing != "participation":
        consult(w, dec)
    for kind in ("expert", "risk"):
        if kind != missing:
            step(w, dec, kind)
    if missing != "legality":
        review(w, dec)
    before = LedgerEvent.objects.count()
    with pytest.raises(InvalidTransition) as exc:
        decisions.submit_to_meeting(actor=w.drafter, decision=dec, on=D(2019, 10, 21))
    assert exc.value.message == MISSING[missing]
    assert MajorDecision.objects.get(pk=dec.pk).status == DecisionStatus.PREPARING
    assert LedgerEvent.objects.count() == before


def test_a_decision_from_preparation_to_archive(w):
    dec = decision(w)
    consult(w, dec)
    step(w, dec, "expert")
    step(w, dec, "risk")
    review(w, dec)
    dec = decisions.submit_to_meeting(actor=w.drafter, decision=dec, on=D(2019, 10, 21))
    dec = decisions.meeting_record(
        actor=w.office_clerk, decision=dec, on=D(2019, 10, 24), meeting="第30次常务会议",
        attendees="区长、副区长", justice_head_present=False, outcome="原则通过",
    )  # fmt: skip
    with pytest.raises(InvalidTransition) as exc:  # the Justice Bureau's head not present
        decisions.decide(actor=w.gov_leader, decision=dec, on=D(2019, 10, 24))
    assert "司法行政机关负责人须全程参与" in exc.value.message
    dec = MajorDecision.objects.get(pk=dec.pk)
    dec = decisions.meeting_record(
        actor=w.office_clerk, decision=dec, on=D(2019, 10, 24), meeting="第30次常务会议",
        attendees="区长、副区长、区司法局局长（列席）", justice_head_present=True, outcome="原则通过",
    )  # fmt: skip
    dec = decisions.decide(actor=w.gov_leader, decision=dec, on=D(2019, 10, 24))
    dec = decisions.publish(
        actor=w.office_clerk, decision=dec, on=D(2019, 10, 30), explanation="说明"
    )
    dec = decisions.archive(actor=w.office_clerk, decision=dec, on=D(2019, 11, 4))
    assert (dec.status, dec.decided_on, dec.published_on) == (
        "archived",
        D(2019, 10, 24),
        D(2019, 10, 30),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<script>alert(1)</script>建议删除", "意见中不能包含脚本或网页代码。"),
        ("详见 http://example.cn/a 的说明", "意见中不能包含网址链接。"),
        (
            "请致电13812345678联系我",
            "意见中不能包含电话号码；如需联系，请填写在“联系方式”一栏（不公开）。",
        ),
    ],
)
def test_a_comment_with_script_link_or_phone_is_refused(w, text, message):
    doc = w.draft()
    c = cons.consultation_open(
        actor=w.drafter, document=doc, opens_on=D(2019, 3, 4), closes_on=D(2019, 4, 3),
        text=doc.versions.get().text,
    )  # fmt: skip
    before = LedgerEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        cons.comment_submit(actor=PUBLIC, consultation=c, text=text, on=D(2019, 3, 10))
    assert exc.value.messages == [message]
    assert not Comment.objects.exists() and LedgerEvent.objects.count() == before


def test_an_upload_over_the_limit_or_of_a_forbidden_type_is_refused(w):
    doc = w.draft()
    with pytest.raises(ValidationError) as exc:
        svc.version_add(
            actor=w.drafter,
            document=doc,
            on=D(2019, 3, 2),
            content=b"MZ\x90\x00",
            filename="稿.exe",
        )
    assert exc.value.messages == ["只能上传 DOCX 或 PDF 文件，稿.exe 的类型（.exe）不允许。"]
    with pytest.raises(ValidationError) as exc:
        svc.version_add(
            actor=w.drafter, document=doc, on=D(2019, 3, 2), content=b"%PDF" + b"0" * (21 << 20),
            filename="稿.pdf", text="第一条",
        )  # fmt: skip
    assert exc.value.messages == ["文件 稿.pdf 大小为 21.0 MB，超过 20 MB 的上限。"]
    assert DocumentVersion.objects.filter(document=doc).count() == 1


def test_a_diff_compares_two_drafts_of_one_document_only(w):
    doc = w.draft()
    svc.version_add(
        actor=w.drafter, document=doc, on=D(2019, 3, 5),
        text=doc.versions.get().text.replace("三个工作日", "两个工作日"),
    )  # fmt: skip
    rows = queries.version_diff(w.drafter, doc.pk, 1, 2)
    assert [r.kind for r in rows].count("changed") == 1
    other = w.draft(title="测试区另一件规范性文件")
    with pytest.raises(ValidationError) as exc:
        queries.version_diff(w.drafter, doc.pk, 1, other.versions.get().n + 5)
    assert exc.value.messages == ["所选稿本不属于本文件，不能比对。"]
