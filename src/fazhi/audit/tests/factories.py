"""Test set-up for audit rectification and the legacy-commitments ledger."""

from __future__ import annotations

import datetime as dt

from fazhi.core.ledger import SystemActor
from fazhi.core.models import OrgKind, Role
from fazhi.core.tests import factories as f

from ..models import AuditKind, CommitmentCategory, CommitmentSource, FindingCategory
from ..services import commitments, projects

SYSTEM = SystemActor("测试")
CREDIT = "91430102MA4L16JX66"


class World:
    def __init__(self) -> None:
        self.gov = f.org("测试区人民政府", kind=OrgKind.DISTRICT, division_code="430102")
        self.audit = f.org("测试区审计局", parent=self.gov, short_name="测试审计局")
        self.body = f.org("测试区住房和城乡建设局", parent=self.gov, short_name="测试住建局")
        self.other = f.org("测试区财政局", parent=self.gov, short_name="测试财政局")
        self.auditor = f.user(org=self.audit, role=Role.SUPERVISOR, scope="org", full_name="陈志刚")
        self.clerk = f.user(org=self.body, role=Role.CLERK, scope="org")
        self.head = f.user(org=self.body, role=Role.LEADER, scope="subtree")
        self.stranger = f.user(org=self.other, role=Role.LEADER, scope="subtree")
        self.supervisor = f.user(org=self.gov, role=Role.SUPERVISOR, scope="all")


def project(world, actor=SYSTEM, **kw):
    values = dict(
        actor=actor,
        org=world.audit,
        name="芙蓉区东湖片区提质改造工程结算审计",
        kind=AuditKind.INVESTMENT,
        audited=world.body,
        audited_name="长沙市芙蓉区住房和城乡建设局",
        started_on=dt.date(2019, 3, 4),
        reported_on=dt.date(2019, 6, 10),
        submitted_amount="12500000.00",
        approved_amount="11320000.00",
    )
    values.update(kw)
    return projects.project_create(**values)


def rectification(world, project_=None, actor=SYSTEM):
    return projects.finding_add(
        actor=actor,
        project=project_ or project(world),
        category=FindingCategory.CONSTRUCTION,
        description="未按合同约定扣回预付工程款",
        basis="《建设工程价款结算暂行办法》第十二条",
        responsible=world.body,
        amount="236000.00",
    )


def commitment(world, actor=SYSTEM, **kw):
    values = dict(
        actor=actor,
        org=world.body,
        category=CommitmentCategory.ARREARS,
        source=CommitmentSource.VISIT,
        counterparty="湖南湘禾建设工程有限公司",
        counterparty_credit_code=CREDIT,
        description="2016年棚改安置房配套工程尾款未支付",
        arose_on=dt.date(2016, 12, 20),
        leader="李振华",
        received_on=dt.date(2019, 4, 8),
        amount_owed="1860000.00",
    )
    values.update(kw)
    return commitments.commitment_register(**values)
