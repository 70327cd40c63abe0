"""Every row of the four legality transition tables, walked by the kernel's harness: each
move works for each of its roles, is refused to every other role, and every move not in
the table is invalid. One organisation drafts, reviews, registers and decides here; the
conditions are met by records made straight in the database (the flow tests make them
through the services)."""

import datetime as dt

import pytest

from fazhi.core.models import OrgKind
from fazhi.core.tests import factories as f
from fazhi.core.tests.factories import SYSTEM
from fazhi.core.tests.harness import WorkflowTableTests

from ..models import (
    FiledDocument,
    FilingProblem,
    Issuer,
    MajorDecision,
    NormativeDocument,
    ReviewRequest,
)
from ..services import decisions, issuers, normative, oversight
from .factories import DRAFT

D = dt.date


class _World:
    @pytest.fixture(autouse=True)
    def _setup(self, db, settings, tmp_path):
        settings.ATTACHMENT_ROOT = tmp_path
        self.org = f.org("表格测试区人民政府", kind=OrgKind.DISTRICT)
        self.users = {}

    def actor(self, role):
        if role not in self.users:
            self.users[role] = f.user(org=self.org, role=role)
        return self.users[role]

    def request(self, **kw) -> ReviewRequest:
        n = ReviewRequest.objects.count() + 1
        values = {"kind": "document", "status": "submitted", **kw}
        return ReviewRequest.objects.create(
            number=f"合审〔2019〕{n}号", org=self.org, review_org=self.org,
            title="关于停车收费的通知", received_on=D(2019, 3, 1), **values,
        )  # fmt: skip


class TestNormativeDocumentTable(_World, WorkflowTableTests):
    model = NormativeDocument

    def make(self, status):
        issuer = Issuer.objects.filter(org=self.org).first() or issuers.issuer_save(
            actor=SYSTEM, org=self.org, doc_prefix="表政发", registration_prefix="BG",
            registrar_org=self.org, review_org=self.org,
        )  # fmt: skip
        doc = normative.document_create(
            actor=SYSTEM, org=self.org, issuer=issuer, title="表格测试文件",
            received_on=D(2019, 3, 1), needs_consultation=False, consultation_waiver="内部程序",
            text=DRAFT,
        )  # fmt: skip
        NormativeDocument.objects.filter(pk=doc.pk).update(status=status)
        return NormativeDocument.objects.get(pk=doc.pk)

    def satisfy(self, m, to):
        kw = super().satisfy(m, to)
        if m.status in ("reviewing", "reviewed"):
            opinion = "fail" if to == "drafting" else "pass"
            self.request(document=m, kind="normative", opinion=opinion, status="passed")
        return kw


class TestReviewRequestTable(_World, WorkflowTableTests):
    model = ReviewRequest

    def make(self, status):
        return self.request(status=status, reviewer=self.actor("reviewer"))


class TestMajorDecisionTable(_World, WorkflowTableTests):
    model = MajorDecision

    def make(self, status):
        d = decisions.decision_create(
            actor=SYSTEM, org=self.org, decision_body=self.org, registrar_org=self.org,
            review_org=self.org, title="表格测试决策", received_on=D(2019, 3, 1),
        )  # fmt: skip
        MajorDecision.objects.filter(pk=d.pk).update(
            status=status, no_consultation_reason="仅涉及内部管理", meeting="第9次常务会议",
            meeting_on=D(2019, 5, 6), justice_head_present=True,
        )  # fmt: skip
        return MajorDecision.objects.get(pk=d.pk)

    def satisfy(self, m, to):
        if to == "discussion":
            self.request(decision=m, kind="decision", opinion="pass", status="passed")
        return super().satisfy(m, to)


class TestFiledDocumentTable(_World, WorkflowTableTests):
    model = FiledDocument

    def make(self, status):
        fd = oversight.filed_receive(
            actor=SYSTEM, org=self.org, review_org=self.org, title="关于物业管理的通知",
            doc_number=f"表街发〔2019〕{FiledDocument.objects.count() + 1}号",
            published_on=D(2019, 3, 1), received_on=D(2019, 3, 8), text=DRAFT,
        )  # fmt: skip
        FiledDocument.objects.filter(pk=fd.pk).update(status=status)
        return FiledDocument.objects.get(pk=fd.pk)

    def satisfy(self, m, to):
        if to == "correcting":
            FilingProblem.objects.create(
                filing=m, description="无上位法依据", requirement="删除", due_on=D(2019, 4, 30)
            )
        return super().satisfy(m, to)
