"""Every write service of the legality domain, called by every role inside and outside the
organisation that owns its subject (the kernel's service × role matrix).

In the matrix world one organisation drafts, reviews, registers and decides (its issuer's
review and registering bodies are itself), so each service's roles are those of the body
that acts; the flow tests (test_normative, test_flows) keep the bodies apart."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.models import OrgKind, Role
from fazhi.core.tests import factories as f
from fazhi.core.tests.factories import SYSTEM
from fazhi.core.tests.harness import Expect, MatrixWorld, ServiceMatrixTests

from ..models import (
    Adviser,
    CleanupItem,
    Comment,
    DecisionCatalogue,
    FiledDocument,
    FilingProblem,
    MajorDecision,
    NormativeDocument,
    ReviewRequest,
)
from ..services import (
    advisers,
    consultation,
    decisions,
    existing,
    issuers,
    normative,
    oversight,
    reviews,
)
from .factories import DRAFT

D = dt.date
C, L, RV = Role.CLERK, Role.LEADER, Role.REVIEWER
EVERYONE = tuple(Role.values)
S = "fazhi.legality.services."


class World(MatrixWorld):
    """The matrix world with an issuer (the owning organisation drafts, reviews and
    registers), a filing body outside, and subjects in each state, built as the system."""

    def __init__(self) -> None:
        root = f.org("矩阵测试区人民政府", kind=OrgKind.DISTRICT)
        super().__init__(f.org("矩阵测试局", parent=root), f.org("矩阵他局", parent=root))
        self.body = f.org("矩阵测试市人民政府", kind=OrgKind.EXTERNAL)
        self.issuer = issuers.issuer_save(
            actor=SYSTEM,
            org=self.org,
            doc_prefix="矩政发",
            registration_prefix="JZ",
            registrar_org=self.org,
            review_org=self.org,
            filing_bodies=[self.body],
        )
        self.reviewer = self.actor(RV)

    # -- normative documents
    def draft(self, **kw) -> NormativeDocument:
        kw.setdefault("needs_consultation", False)
        kw.setdefault("consultation_waiver", "内部工作程序")
        return normative.document_create(
            actor=SYSTEM, org=self.org, issuer=self.issuer, title="矩阵测试文件",
            received_on=D(2019, 3, 1), text=DRAFT, **kw,
        )  # fmt: skip

    def under_review(self) -> NormativeDocument:
        return normative.submit_review(actor=SYSTEM, document=self.draft(), on=D(2019, 3, 4))

    def request(self, doc=None) -> ReviewRequest:
        doc = doc or self.under_review()
        return doc.reviews.get()

    def assigned(self, doc=None) -> ReviewRequest:
        return reviews.assign(
            actor=SYSTEM, request=self.request(doc), reviewer=self.reviewer, on=D(2019, 3, 5)
        )

    def reviewed(self) -> NormativeDocument:
        doc = self.under_review()
        req = self.assigned(doc)
        reviews.give_opinion(actor=SYSTEM, request=req, opinion="pass", on=D(2019, 3, 8))
        return NormativeDocument.objects.get(pk=doc.pk)

    def returned(self, contract: bool = False) -> ReviewRequest:
        if contract:
            req = reviews.open_request(
                actor=SYSTEM, org=self.org, review_org=self.org, kind="document",
                title="关于调整停车收费的通知", received_on=D(2019, 3, 4), text="正文",
            )  # fmt: skip
            req = reviews.assign(
                actor=SYSTEM, request=req, reviewer=self.reviewer, on=D(2019, 3, 5)
            )
        else:
            req = self.assigned(self.under_review())
        reviews.give_opinion(
            actor=SYSTEM, request=req, opinion="fail", on=D(2019, 3, 8), reasons="缺乏上位法依据"
        )
        return ReviewRequest.objects.get(pk=req.pk)

    def deliberated(self) -> NormativeDocument:
        return normative.deliberate(
            actor=SYSTEM, document=self.reviewed(), on=D(2019, 3, 12), meeting="第3次常务会议"
        )

    def issued(self) -> NormativeDocument:
        return normative.publish(actor=SYSTEM, document=self.deliberated(), on=D(2019, 3, 15))

    def filed(self):
        fl = self.issued().filings.get()
        return normative.filing_record(actor=SYSTEM, filing=fl, on=D(2019, 3, 20))

    # -- consultation
    def consultation(self):
        doc = self.draft(needs_consultation=True, consultation_waiver="")
        return consultation.consultation_open(
            actor=SYSTEM, document=doc, opens_on=D(2019, 3, 4), closes_on=D(2019, 4, 3),
            text=DRAFT,
        )  # fmt: skip

    def comment(self, published=False) -> Comment:
        c = self.consultation()
        cm = consultation.comment_submit(
            actor=SYSTEM, consultation=c, text="建议缩短办结时限。", on=D(2019, 3, 10)
        )
        if published:
            consultation.comment_moderate(actor=SYSTEM, comment=cm, publish=True)
        return Comment.objects.get(pk=cm.pk)

    def closed_consultation(self):
        c = self.consultation()
        return consultation.consultation_close(actor=SYSTEM, consultation=c, on=D(2019, 4, 3))

    # -- major decisions
    def catalogue(self) -> DecisionCatalogue:
        return decisions.catalogue_save(
            actor=SYSTEM, org=self.org, year=2019, title="2019年度重大行政决策事项目录",
            items=[("老旧小区改造实施方案", self.org, "区住建局", "第四季度")],
        )  # fmt: skip

    def decision(self, **kw) -> MajorDecision:
        return decisions.decision_create(
            actor=SYSTEM, org=self.org, decision_body=self.org, registrar_org=self.org,
            review_org=self.org, title="矩阵测试决策", received_on=D(2019, 3, 1),
            description="决策草案", **kw,
        )  # fmt: skip

    def ready_decision(self) -> MajorDecision:
        """Every step done: no consultation (reason stated), the legality review passed."""
        d = self.decision()
        MajorDecision.objects.filter(pk=d.pk).update(no_consultation_reason="仅涉及内部管理")
        decisions.send_for_review(actor=SYSTEM, decision=d, on=D(2019, 4, 1))
        req = reviews.assign(
            actor=SYSTEM, request=d.reviews.get(), reviewer=self.reviewer, on=D(2019, 4, 1)
        )
        reviews.give_opinion(actor=SYSTEM, request=req, opinion="pass", on=D(2019, 4, 8))
        return MajorDecision.objects.get(pk=d.pk)

    def in_discussion(self) -> MajorDecision:
        MajorDecision.objects.filter(pk=(d := self.decision()).pk).update(status="discussion")
        return MajorDecision.objects.get(pk=d.pk)

    def met(self) -> MajorDecision:
        d = self.in_discussion()
        return decisions.meeting_record(
            actor=SYSTEM, decision=d, on=D(2019, 5, 6), meeting="第9次常务会议",
            attendees="区长、副区长、区司法局局长", justice_head_present=True, outcome="同意",
        )  # fmt: skip

    def decided(self) -> MajorDecision:
        return decisions.decide(actor=SYSTEM, decision=self.met(), on=D(2019, 5, 6))

    def published_decision(self) -> MajorDecision:
        return decisions.publish(
            actor=SYSTEM, decision=self.decided(), on=D(2019, 5, 10), explanation="采纳情况说明"
        )

    # -- oversight
    def cleanup(self):
        self.issued()
        return oversight.cleanup_start(
            actor=SYSTEM, org=self.org, title="2019年规范性文件专项清理", kind="special",
            started_on=D(2019, 11, 1),
        )  # fmt: skip

    def received(self) -> FiledDocument:
        return oversight.filed_receive(
            actor=SYSTEM, org=self.org, review_org=self.org, title="关于加强物业管理的通知",
            doc_number="矩街发〔2019〕1号", published_on=D(2019, 3, 1),
            received_on=D(2019, 3, 8), text=DRAFT,
        )  # fmt: skip

    def problem(self) -> FilingProblem:
        fd = self.received()
        return oversight.filed_problem_add(
            actor=SYSTEM, filing=fd, description="第三条设定罚款无上位法依据",
            requirement="删除第三条", due_on=D(2019, 4, 30),
        )  # fmt: skip

    def correcting(self) -> FiledDocument:
        p = self.problem()
        return oversight.filed_review(actor=SYSTEM, filing=p.filing, on=D(2019, 3, 20))

    # -- advisers
    def adviser(self) -> Adviser:
        return advisers.adviser_save(
            actor=SYSTEM, org=self.org, kind="lawyer", name="周文斌",
            licence_no=f"1430120{Adviser.objects.count():010d}", firm="湖南芙法律师事务所",
        )  # fmt: skip

    def engagement(self):
        return advisers.engagement_save(
            actor=SYSTEM, adviser=self.adviser(), org=self.org, starts_on=D(2019, 1, 1),
            ends_on=D(2019, 12, 31), fee=Decimal(30000),
        )  # fmt: skip


def _item(w) -> CleanupItem:
    return w.cleanup().items.get()


EXPECT = {
    # the issuers (a setting of the registering office)
    S + "issuers:issuer_save": Expect.of(
        L,
        Role.ADMIN,
        call=lambda w, a, s: issuers.issuer_save(
            actor=a,
            org=w.org,
            doc_prefix="矩政办发",
            registration_prefix="JZB",
            registrar_org=w.org,
            review_org=w.org,
        ),
    ),  # fmt: skip
    # normative documents
    S + "normative:document_create": Expect.of(
        C,
        L,
        call=lambda w, a, s: normative.document_create(
            actor=a,
            org=w.org,
            issuer=w.issuer,
            title="文件",
            received_on=D(2019, 3, 1),
            needs_consultation=False,
            consultation_waiver="内部程序",
        ),
    ),  # fmt: skip
    S + "normative:version_add": Expect.of(
        C,
        L,
        call=lambda w, a, s: normative.version_add(
            actor=a, document=w.draft(), on=D(2019, 3, 2), text="第一条 修改稿"
        ),
    ),  # fmt: skip
    S + "normative:submit_review": Expect.of(
        C,
        L,
        call=lambda w, a, s: normative.submit_review(actor=a, document=w.draft(), on=D(2019, 3, 4)),
    ),  # fmt: skip
    S + "normative:deliberate": Expect.of(
        C,
        L,
        call=lambda w, a, s: normative.deliberate(
            actor=a, document=w.reviewed(), on=D(2019, 3, 12), meeting="第3次常务会议"
        ),
    ),  # fmt: skip
    S + "normative:abandon": Expect.of(
        L,
        call=lambda w, a, s: normative.abandon(
            actor=a, document=w.draft(), on=D(2019, 3, 5), reason="上位法已作规定"
        ),
    ),  # fmt: skip
    S + "normative:publish": Expect.of(
        C,
        L,
        call=lambda w, a, s: normative.publish(
            actor=a, document=w.deliberated(), on=D(2019, 3, 15)
        ),
    ),  # fmt: skip
    S + "normative:interpret": Expect.of(
        C,
        L,
        call=lambda w, a, s: normative.interpret(
            actor=a, document=w.issued(), on=D(2019, 3, 16), text="一、出台背景"
        ),
    ),  # fmt: skip
    S + "normative:amend": Expect.of(
        C,
        L,
        call=lambda w, a, s: normative.amend(
            actor=a,
            document=w.issued(),
            on=D(2019, 6, 1),
            text="第一条 修改后",
            ref="矩政发〔2019〕9号",
        ),
    ),  # fmt: skip
    S + "normative:end_life": Expect.of(
        C,
        L,
        call=lambda w, a, s: normative.end_life(
            actor=a, document=w.issued(), to="repealed", on=D(2019, 12, 1), reason="被取代"
        ),
    ),  # fmt: skip
    S + "existing:document_record": Expect.of(
        C,
        L,
        call=lambda w, a, s: existing.document_record(
            actor=a,
            issuer=w.org,
            org=w.org,
            title="矩阵存量文件",
            doc_number="矩政发〔2017〕2号",
            registration_number="JZ-2017-2",
            published_on=D(2017, 3, 1),
        ),
    ),  # fmt: skip
    S + "normative:filing_record": Expect.of(
        C,
        L,
        call=lambda w, a, s: normative.filing_record(
            actor=a, filing=w.issued().filings.get(), on=D(2019, 3, 20), receipt="备字1号"
        ),
    ),  # fmt: skip
    S + "normative:filing_feedback": Expect.of(
        C,
        L,
        call=lambda w, a, s: normative.filing_feedback(
            actor=a, filing=w.filed(), on=D(2019, 4, 1), result="accepted"
        ),
    ),  # fmt: skip
    # consultation (the public's comment is submitted by the portal for anyone)
    S + "consultation:consultation_open": Expect.of(
        C,
        L,
        call=lambda w, a, s: consultation.consultation_open(
            actor=a,
            document=w.draft(needs_consultation=True, consultation_waiver=""),
            opens_on=D(2019, 3, 4),
            closes_on=D(2019, 4, 3),
            text=DRAFT,
        ),
    ),  # fmt: skip
    S + "consultation:comment_submit": Expect.of(
        *EVERYONE,
        outside=EVERYONE,
        call=lambda w, a, s: consultation.comment_submit(
            actor=a, consultation=w.consultation(), text="建议缩短时限。", on=D(2019, 3, 10)
        ),
    ),  # fmt: skip
    S + "consultation:comment_moderate": Expect.of(
        C,
        L,
        call=lambda w, a, s: consultation.comment_moderate(
            actor=a, comment=w.comment(), publish=True
        ),
    ),  # fmt: skip
    S + "consultation:comment_dispose": Expect.of(
        C,
        L,
        call=lambda w, a, s: consultation.comment_dispose(
            actor=a, comment=w.comment(published=True), disposition="adopted", on=D(2019, 3, 20)
        ),
    ),  # fmt: skip
    S + "consultation:consultation_close": Expect.of(
        C,
        L,
        call=lambda w, a, s: consultation.consultation_close(
            actor=a, consultation=w.consultation(), on=D(2019, 4, 3)
        ),
    ),  # fmt: skip
    S + "consultation:summary_publish": Expect.of(
        C,
        L,
        call=lambda w, a, s: consultation.summary_publish(
            actor=a, consultation=w.closed_consultation(), on=D(2019, 4, 4), summary="未收到意见"
        ),
    ),  # fmt: skip
    # legality review
    S + "reviews:open_request": Expect.of(
        C,
        L,
        call=lambda w, a, s: reviews.open_request(
            actor=a,
            org=w.org,
            review_org=w.org,
            kind="document",
            title="关于调整停车收费的通知",
            received_on=D(2019, 3, 4),
            text="正文",
        ),
    ),  # fmt: skip
    S + "reviews:assign": Expect.of(
        L,
        RV,
        call=lambda w, a, s: reviews.assign(
            actor=a, request=w.request(), reviewer=w.reviewer, on=D(2019, 3, 5)
        ),
    ),  # fmt: skip
    S + "reviews:give_opinion": Expect.of(
        RV,
        call=lambda w, a, s: reviews.give_opinion(
            actor=a, request=w.assigned(), opinion="pass", on=D(2019, 3, 8)
        ),
    ),  # fmt: skip
    S + "reviews:next_round": Expect.of(
        C,
        L,
        call=lambda w, a, s: reviews.next_round(
            actor=a, request=w.returned(), text="修改稿", on=D(2019, 3, 11)
        ),
    ),  # fmt: skip
    S + "reviews:resubmit": Expect.of(
        C,
        L,
        call=lambda w, a, s: reviews.resubmit(
            actor=a, request=w.returned(contract=True), on=D(2019, 3, 11), text="修改稿"
        ),
    ),  # fmt: skip
    S + "reviews:withdraw": Expect.of(
        C,
        L,
        call=lambda w, a, s: reviews.withdraw(
            actor=a, request=w.request(), on=D(2019, 3, 5), reason="情况变化"
        ),
    ),  # fmt: skip
    S + "reviews:involvement_log": Expect.of(
        C,
        L,
        RV,
        call=lambda w, a, s: reviews.involvement_log(
            actor=a,
            org=w.org,
            area="dispute",
            kind="opinion",
            title="某小区征收补偿纠纷",
            on=D(2019, 6, 3),
            summary="出具法律意见书",
        ),
    ),  # fmt: skip
    # major decisions
    S + "decisions:catalogue_save": Expect.of(
        C,
        L,
        call=lambda w, a, s: decisions.catalogue_save(
            actor=a,
            org=w.org,
            year=2019,
            title="2019年度目录",
            items=[("老旧小区改造实施方案", w.org, "区住建局", "第四季度")],
        ),
    ),  # fmt: skip
    S + "decisions:catalogue_publish": Expect.of(
        C,
        L,
        call=lambda w, a, s: decisions.catalogue_publish(
            actor=a, catalogue=w.catalogue(), agreed_on=D(2019, 2, 20), on=D(2019, 2, 25)
        ),
    ),  # fmt: skip
    S + "decisions:decision_create": Expect.of(
        C,
        L,
        call=lambda w, a, s: decisions.decision_create(
            actor=a,
            org=w.org,
            decision_body=w.org,
            registrar_org=w.org,
            review_org=w.org,
            title="决策",
            received_on=D(2019, 3, 1),
        ),
    ),  # fmt: skip
    S + "decisions:step_record": Expect.of(
        C,
        L,
        call=lambda w, a, s: decisions.step_record(
            actor=a,
            decision=w.decision(),
            kind="expert",
            on=D(2019, 3, 20),
            by="专家论证组",
            summary="可行",
        ),
    ),  # fmt: skip
    S + "decisions:send_for_review": Expect.of(
        C,
        L,
        call=lambda w, a, s: decisions.send_for_review(
            actor=a, decision=w.decision(), on=D(2019, 4, 1)
        ),
    ),  # fmt: skip
    S + "decisions:submit_to_meeting": Expect.of(
        C,
        L,
        call=lambda w, a, s: decisions.submit_to_meeting(
            actor=a, decision=w.ready_decision(), on=D(2019, 4, 9)
        ),
    ),  # fmt: skip
    S + "decisions:meeting_record": Expect.of(
        C,
        L,
        call=lambda w, a, s: decisions.meeting_record(
            actor=a,
            decision=w.in_discussion(),
            on=D(2019, 5, 6),
            meeting="第9次常务会议",
            attendees="区长",
            justice_head_present=True,
            outcome="同意",
        ),
    ),  # fmt: skip
    S + "decisions:decide": Expect.of(
        L, call=lambda w, a, s: decisions.decide(actor=a, decision=w.met(), on=D(2019, 5, 6))
    ),
    S + "decisions:send_back": Expect.of(
        L,
        call=lambda w, a, s: decisions.send_back(
            actor=a, decision=w.in_discussion(), on=D(2019, 5, 6), reason="补充论证"
        ),
    ),  # fmt: skip
    S + "decisions:publish": Expect.of(
        C,
        L,
        call=lambda w, a, s: decisions.publish(
            actor=a, decision=w.decided(), on=D(2019, 5, 10), explanation="说明"
        ),
    ),  # fmt: skip
    S + "decisions:evaluate": Expect.of(
        C,
        L,
        call=lambda w, a, s: decisions.evaluate(
            actor=a, decision=w.published_decision(), on=D(2019, 11, 1), by="第三方", summary="良好"
        ),
    ),  # fmt: skip
    S + "decisions:archive": Expect.of(
        C,
        L,
        call=lambda w, a, s: decisions.archive(
            actor=a, decision=w.published_decision(), on=D(2019, 5, 20)
        ),
    ),  # fmt: skip
    S + "decisions:withdraw": Expect.of(
        L,
        call=lambda w, a, s: decisions.withdraw(
            actor=a, decision=w.decision(), on=D(2019, 3, 5), reason="不再列入"
        ),
    ),  # fmt: skip
    # cleanups and filing review
    S + "oversight:cleanup_start": Expect.of(
        L,
        RV,
        call=lambda w, a, s: (
            w.issued(),
            oversight.cleanup_start(
                actor=a,
                org=w.org,
                title="专项清理",
                kind="special",
                started_on=D(2019, 11, 1),
            ),
        ),
    ),  # fmt: skip
    S + "oversight:cleanup_outcome": Expect.of(
        L,
        RV,
        call=lambda w, a, s: oversight.cleanup_outcome(
            actor=a, item=_item(w), outcome="keep", on=D(2019, 11, 5)
        ),
    ),  # fmt: skip
    S + "oversight:cleanup_finish": Expect.of(
        L,
        RV,
        call=lambda w, a, s: oversight.cleanup_finish(
            actor=a,
            cleanup=oversight.cleanup_outcome(
                actor=SYSTEM, item=_item(w), outcome="keep", on=D(2019, 11, 5)
            ).cleanup,
            on=D(2019, 11, 20),
            report="保留1件",
        ),
    ),  # fmt: skip
    S + "oversight:filed_receive": Expect.of(
        C,
        L,
        RV,
        call=lambda w, a, s: oversight.filed_receive(
            actor=a,
            org=w.org,
            review_org=w.org,
            title="通知",
            doc_number="矩街发〔2019〕2号",
            published_on=D(2019, 3, 1),
            received_on=D(2019, 3, 8),
            text="正文",
        ),
    ),  # fmt: skip
    S + "oversight:filed_problem_add": Expect.of(
        L,
        RV,
        call=lambda w, a, s: oversight.filed_problem_add(
            actor=a,
            filing=w.received(),
            description="问题",
            requirement="纠正",
            due_on=D(2019, 4, 30),
        ),
    ),  # fmt: skip
    S + "oversight:filed_review": Expect.of(
        L,
        RV,
        call=lambda w, a, s: oversight.filed_review(
            actor=a, filing=w.received(), on=D(2019, 3, 20)
        ),
    ),  # fmt: skip
    S + "oversight:filed_correction": Expect.of(
        C,
        L,
        call=lambda w, a, s: oversight.filed_correction(
            actor=a, problem=w.correcting().problems.get(), on=D(2019, 4, 10), correction="已删除"
        ),
    ),  # fmt: skip
    S + "oversight:filed_close": Expect.of(
        L,
        RV,
        call=lambda w, a, s: oversight.filed_close(
            actor=a, filing=_corrected(w), on=D(2019, 4, 12)
        ),
    ),  # fmt: skip
    # advisers
    S + "advisers:adviser_save": Expect.of(
        C,
        L,
        RV,
        call=lambda w, a, s: advisers.adviser_save(
            actor=a, org=w.org, kind="public", name="刘建华", licence_no="14301201910123456"
        ),
    ),  # fmt: skip
    S + "advisers:engagement_save": Expect.of(
        C,
        L,
        RV,
        call=lambda w, a, s: advisers.engagement_save(
            actor=a,
            adviser=w.adviser(),
            org=w.org,
            starts_on=D(2019, 1, 1),
            ends_on=D(2019, 12, 31),
        ),
    ),  # fmt: skip
    S + "advisers:engagement_terminate": Expect.of(
        C,
        L,
        RV,
        call=lambda w, a, s: advisers.engagement_terminate(
            actor=a, engagement=w.engagement(), on=D(2019, 6, 30), reason="合同到期前解除"
        ),
    ),  # fmt: skip
}


def _corrected(w) -> FiledDocument:
    fd = w.correcting()
    oversight.filed_correction(
        actor=SYSTEM, problem=fd.problems.get(), on=D(2019, 4, 10), correction="已删除"
    )
    return FiledDocument.objects.get(pk=fd.pk)


@pytest.mark.django_db
class TestLegalityMatrix(ServiceMatrixTests):
    MODULES = tuple(
        f"fazhi.legality.services.{m}"
        for m in (
            "issuers",
            "normative",
            "existing",
            "consultation",
            "reviews",
            "decisions",
            "oversight",
            "advisers",
        )
    )
    EXPECT = EXPECT

    @pytest.fixture(autouse=True)
    def _attachments(self, settings, tmp_path):
        settings.ATTACHMENT_ROOT = tmp_path

    def world(self) -> World:
        return World()
