"""Every write service of audit rectification and the commitments ledger, by every role
inside and outside the owning organisation; both transition tables walked."""

import datetime as dt

import pytest

from fazhi.core.models import OrgKind, Role
from fazhi.core.tests import factories as f
from fazhi.core.tests.harness import Expect, MatrixWorld, ServiceMatrixTests, WorkflowTableTests

from ..models import (
    Commitment,
    CommitmentStatus,
    Rectification,
    RectificationStatus,
    VisitKind,
)
from ..services import commitments as cs
from ..services import projects as ps
from ..services.rollup import rollup_issue
from . import factories
from .factories import SYSTEM

D = dt.date
STAFF = (Role.CLERK, Role.LEADER)
R = RectificationStatus
C = CommitmentStatus


class _W:
    """One organisation as audit body and responsible body alike."""

    def __init__(self, org):
        self.audit = self.body = org


def _rect(world, status=R.RECTIFYING):
    rect = factories.rectification(_W(world.org), factories.project(_W(world.org)))
    if status in (R.SUBMITTED, R.CLOSED):
        ps.evidence_add(
            actor=SYSTEM, rectification=rect, description="整改报告", dated_on=D(2019, 7, 1)
        )
        rect = ps.rectification_submit(
            actor=SYSTEM, rectification=rect, measures="已整改", on=D(2019, 7, 2)
        )
    if status == R.CLOSED:
        rect = ps.rectification_close(
            actor=SYSTEM, rectification=rect, confirmation="同意销号", on=D(2019, 7, 10)
        )
    return rect


def _com(world, status=C.OPEN):
    com = factories.commitment(_W(world.org))
    cs.commitment_progress(actor=SYSTEM, commitment=com, text="已对账", on=D(2019, 5, 6))
    if status in (C.RESOLVED, C.CLOSED):
        com = cs.commitment_resolve(actor=SYSTEM, commitment=com, on=D(2019, 5, 7))
    if status == C.CLOSED:
        com = cs.commitment_close(actor=SYSTEM, commitment=com, reason="已付清", on=D(2019, 5, 8))
    return com


def _world():
    gov = f.org("矩阵区人民政府", kind=OrgKind.DISTRICT)
    return MatrixWorld(
        f.org("矩阵区住建局", parent=gov, short_name="矩阵住建局"),
        f.org("矩阵区财政局", parent=gov, short_name="矩阵财政局"),
    )


P = "fazhi.audit.services.projects:"
CM = "fazhi.audit.services.commitments:"


class TestServiceMatrix(ServiceMatrixTests):
    MODULES = (
        "fazhi.audit.services.projects",
        "fazhi.audit.services.commitments",
        "fazhi.audit.services.rollup",
    )
    EXPECT = {
        "fazhi.audit.services.rollup:rollup_issue": Expect.of(
            Role.SUPERVISOR,
            Role.LEADER,
            call=lambda w, a, s: rollup_issue(
                actor=a,
                org=[factories.project(_W(w.org))][0].org,
                year=2019,
                on=D(2020, 1, 15),
            ),
        ),
        P + "project_create": Expect.of(
            Role.SUPERVISOR, Role.LEADER, call=lambda w, a, s: factories.project(_W(w.org), actor=a)
        ),
        P + "finding_add": Expect.of(
            Role.SUPERVISOR,
            Role.LEADER,
            call=lambda w, a, s: factories.rectification(
                _W(w.org), factories.project(_W(w.org)), actor=a
            ),
        ),
        P + "evidence_add": Expect.of(
            *STAFF,
            call=lambda w, a, s: ps.evidence_add(
                actor=a, rectification=_rect(w), description="整改报告", dated_on=D(2019, 7, 1)
            ),
        ),
        P + "rectification_submit": Expect.of(
            *STAFF,
            call=lambda w, a, s: _submit(w, a),
        ),
        P + "rectification_close": Expect.of(
            Role.SUPERVISOR,
            call=lambda w, a, s: ps.rectification_close(
                actor=a,
                rectification=_rect(w, R.SUBMITTED),
                confirmation="同意销号",
                on=D(2019, 7, 10),
            ),
        ),
        P + "rectification_return": Expect.of(
            Role.SUPERVISOR,
            call=lambda w, a, s: ps.rectification_return(
                actor=a, rectification=_rect(w, R.SUBMITTED), reason="佐证不足", on=D(2019, 7, 10)
            ),
        ),
        CM + "visit_record": Expect.of(
            *STAFF,
            call=lambda w, a, s: cs.visit_record(
                actor=a,
                org=w.org,
                kind=VisitKind.VISIT,
                company="湖南湘禾建设工程有限公司",
                held_on=D(2019, 4, 2),
            ),
        ),
        CM + "commitment_register": Expect.of(
            *STAFF, call=lambda w, a, s: factories.commitment(_W(w.org), actor=a)
        ),
        CM + "commitment_progress": Expect.of(
            *STAFF,
            call=lambda w, a, s: cs.commitment_progress(
                actor=a, commitment=_com(w), text="再次对账", on=D(2019, 5, 7)
            ),
        ),
        CM + "commitment_handover": Expect.of(
            Role.LEADER,
            call=lambda w, a, s: cs.commitment_handover(
                actor=a, commitment=_com(w), new_leader="张卫东", on=D(2019, 6, 3)
            ),
        ),
        CM + "commitment_resolve": Expect.of(
            *STAFF,
            call=lambda w, a, s: cs.commitment_resolve(
                actor=a, commitment=_com(w), on=D(2019, 5, 7)
            ),
        ),
        CM + "commitment_close": Expect.of(
            Role.SUPERVISOR,
            call=lambda w, a, s: cs.commitment_close(
                actor=a, commitment=_com(w, C.RESOLVED), reason="已付清", on=D(2019, 5, 8)
            ),
        ),
        CM + "commitment_reopen": Expect.of(
            Role.SUPERVISOR,
            call=lambda w, a, s: cs.commitment_reopen(
                actor=a, commitment=_com(w, C.RESOLVED), reason="企业未确认", on=D(2019, 5, 8)
            ),
        ),
    }

    def world(self):
        return _world()


def _submit(w, a):
    rect = _rect(w)
    ps.evidence_add(
        actor=SYSTEM, rectification=rect, description="整改报告", dated_on=D(2019, 7, 1)
    )
    return ps.rectification_submit(actor=a, rectification=rect, measures="已整改", on=D(2019, 7, 2))


class _Table(WorkflowTableTests):
    @pytest.fixture(autouse=True)
    def _world(self, db):
        self.w = _world()

    def actor(self, role):
        return self.w.actor(role)


class TestRectificationTable(_Table):
    model = Rectification

    def make(self, status):
        return _rect(self.w, status)

    def satisfy(self, matter, to):
        on = {R.SUBMITTED: D(2019, 7, 2), R.CLOSED: D(2019, 7, 10), R.RECTIFYING: D(2019, 7, 10)}
        if to == R.SUBMITTED:
            ps.evidence_add(
                actor=SYSTEM, rectification=matter, description="整改报告", dated_on=D(2019, 7, 1)
            )
        data = {"measures": "已整改", "confirmation": "同意销号"}
        return {"reason": "佐证不足", "data": data, "on": on[to]}


class TestCommitmentTable(_Table):
    model = Commitment

    def make(self, status):
        return _com(self.w, status)

    def satisfy(self, matter, to):
        return {"reason": "测试理由", "data": {}, "on": D(2019, 5, 9)}
