"""Every row of every disputes transition table and its role matrix (the kernel's
``WorkflowTableTests``): matters are made straight in the database in each status, and each
move's conditions are met by ``satisfy``; the flow tests test the services that make them."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.models import OrgKind, Role
from fazhi.core.tests.factories import org, user
from fazhi.core.tests.harness import WorkflowTableTests

from ..models import (
    Agreement,
    BacklogCase,
    Committee,
    Dispute,
    InspectionBatch,
    InspectionItem,
    Performance,
    Petition,
    Reconsideration,
    ReconsiderationBody,
    RespondentCase,
)

D = dt.date
ON = D(2024, 6, 3)
RECEIVED = D(2024, 1, 2)


class _Base(WorkflowTableTests):
    @pytest.fixture(autouse=True)
    def _setup(self, db):
        self.root = org("表测试区人民政府", kind=OrgKind.DISTRICT)
        self.org = org("表测试区司法局", parent=self.root)
        self.other = org("表测试区行政执法局", parent=self.root)
        self.users = {}
        self.extra()

    def extra(self):
        pass

    def actor(self, role):
        if role not in self.users:
            self.users[role] = user(org=self.org, role=role)
        return self.users[role]

    def common(self, status):
        return dict(org=self.org, status=status, received_on=RECEIVED, title="测试事项")

    def satisfy(self, m, to):
        return {"reason": "测试理由", "data": {}, "on": ON}


class TestReconsiderationTable(_Base):
    model = Reconsideration

    def extra(self):
        self.body = ReconsiderationBody.objects.create(org=self.org, body=self.root)

    def make(self, status):
        return Reconsideration.objects.create(
            **self.common(status),
            body=self.body,
            channel="written",
            applicant_kind="person",
            applicant_name="申请人",
            respondent=self.other,
            act_kind="penalty",
            act_description="处罚",
            act_known_on=D(2024, 1, 1),
        )


class TestRespondentCaseTable(_Base):
    model = RespondentCase

    def make(self, status):
        return RespondentCase.objects.create(
            **self.common(status),
            kind="lawsuit",
            respondent=self.root,
            counterpart_kind="person",
            counterpart_name="原告",
            forum="法院",
            cause="案由",
            outcome="dismiss_claim",
            ruling="judgment",
        )

    def satisfy(self, m, to):
        return {"reason": "测试理由", "data": {"performance": "已履行"}, "on": ON}


class TestDisputeTable(_Base):
    model = Dispute

    def extra(self):
        self.committee = Committee.objects.create(
            org=self.org, name="表测试调委会", kind="people", level="district", doc_prefix="表调"
        )

    def make(self, status):
        return Dispute.objects.create(
            **self.common(status),
            committee=self.committee,
            category="neighbour",
            source="walk_in",
            facts="纠纷",
        )

    def satisfy(self, m, to):
        if to == "performed":
            a = Agreement.objects.create(
                dispute=m, number=f"表调〔2024〕{m.pk}号", form="oral", signed_on=RECEIVED,
                amount=Decimal(100), terms="赔偿",
            )  # fmt: skip
            Performance.objects.create(
                agreement=a, performed_on=RECEIVED, amount=Decimal(100), note="付清"
            )
        return {"reason": "测试理由", "data": {"agreement": True}, "on": ON}


class TestPetitionTable(_Base):
    model = Petition

    def make(self, status):
        return Petition.objects.create(
            **self.common(status),
            channel="visit",
            category="claim",
            source="direct",
            content="事由",
        )

    def satisfy(self, m, to):
        return {"reason": "测试理由", "data": {"satisfied": True}, "on": ON}


class TestInspectionBatchTable(_Base):
    model = InspectionBatch

    def make(self, status):
        return InspectionBatch.objects.create(
            **self.common(status), team="provincial", batch_no=8, due_on=D(2024, 2, 1)
        )


class TestInspectionItemTable(_Base):
    model = InspectionItem

    def make(self, status):
        batch = InspectionBatch.objects.create(
            **self.common("open"), team="central", batch_no=1, due_on=D(2024, 2, 1)
        )
        return InspectionItem.objects.create(
            **self.common(status),
            batch=batch,
            seq=1,
            unit=self.org,
            petitioner_name="信访人",
            content="问题",
        )

    def satisfy(self, m, to):
        return {"reason": "测试理由", "data": {"result": "已办"}, "on": ON}


class TestBacklogTable(_Base):
    model = BacklogCase

    def make(self, status):
        return BacklogCase.objects.create(
            **self.common(status), leader_name="包案领导", leader_post="局长", history="由来"
        )

    def satisfy(self, m, to):
        return {"reason": "测试理由", "data": {"measures": "化解措施"}, "on": ON}


def test_roles_in_every_table_are_roles():
    for model in (Reconsideration, RespondentCase, Dispute, Petition, InspectionBatch,
                  InspectionItem, BacklogCase):  # fmt: skip
        for moves in model.TRANSITIONS.values():
            for t in moves.values():
                assert t.roles <= set(Role.values), model
