"""Every write service of 依法治区, by role, inside and outside the organisation.

``world.org`` plays the part the service checks: the 全面依法治区办公室 for the office's
services (plans, points, issue, confirmation, return), the lead body for the lead body's, the
body itself for its bodies, rules of work and 述法."""

from __future__ import annotations

import datetime as dt
import pkgutil

import pytest

from fazhi.core.models import OrgKind, Role
from fazhi.core.tests.factories import SYSTEM, org
from fazhi.core.tests.harness import Expect, MatrixWorld, ServiceMatrixTests

from .. import services as services_pkg
from ..services import points, structure

C, L, A = Role.CLERK, Role.LEADER, Role.ADMIN
D = dt.date


class World(MatrixWorld):
    def __init__(self) -> None:
        root = org("矩阵区人民政府", kind=OrgKind.DISTRICT)
        super().__init__(org("矩阵甲单位", parent=root), org("矩阵乙单位", parent=root))
        self.committee = org("矩阵区委全面依法治区委员会", kind=OrgKind.COMMITTEE, parent=root)
        self.side = org("矩阵区委依法治区办", kind=OrgKind.OFFICE, parent=root)
        self.body = org("矩阵丙单位", parent=root)
        self.year = 2000

    def plan(self, *, office=None):
        self.year += 1
        return points.plan_create(
            actor=SYSTEM,
            org=self.committee,
            office=office or self.side,
            year=self.year,
            title=f"矩阵区依法治区委员会{self.year}年工作要点",
        )

    def draft(self, *, office=None, lead=None):
        return points.point_create(
            actor=SYSTEM,
            plan=self.plan(office=office),
            seq=1,
            title="推进法治政府建设",
            text="制定方案并组织实施",
            lead=lead or self.org,
        )

    def issued(self, **kw):
        return points.point_issue(actor=SYSTEM, point=self.draft(**kw))

    def progressed(self, **kw):
        p = self.issued(**kw)
        points.progress_report(actor=SYSTEM, point=p, org=p.org, text="方案已印发")
        return p

    def reported(self, **kw):
        p = self.progressed(**kw)
        return points.point_report_done(actor=SYSTEM, point=p, result="已完成")

    def registered_body(self):
        return structure.body_register(
            actor=SYSTEM, org=self.org, role="enforcement", established_on=D(2019, 1, 10)
        )


EXPECT = {
    "fazhi.governance.services.structure:body_register": Expect.of(
        L,
        A,
        call=lambda w, a, s: structure.body_register(
            actor=a, org=w.org, role="judicial", established_on=D(2019, 1, 10)
        ),
    ),
    "fazhi.governance.services.structure:work_rule_record": Expect.of(
        C,
        L,
        setup=lambda w: w.registered_body(),
        call=lambda w, a, s: structure.work_rule_record(
            actor=a,
            body=s,
            kind="rules",
            title="执法协调小组工作规则",
            adopted_on=D(2019, 3, 1),
            text="小组组成、职责和会议制度",
        ),
    ),
    "fazhi.governance.services.structure:duty_record": Expect.of(
        C,
        L,
        call=lambda w, a, s: structure.duty_record(
            actor=a,
            org=w.org,
            year=2019,
            head="局长",
            text="履行推进法治建设第一责任人职责情况",
            reported_on=D(2020, 1, 10),
        ),
    ),
    "fazhi.governance.services.points:plan_create": Expect.of(
        C,
        L,
        call=lambda w, a, s: points.plan_create(
            actor=a, org=w.committee, office=w.org, year=2019, title="矩阵区2019年工作要点"
        ),
    ),
    "fazhi.governance.services.points:point_create": Expect.of(
        C,
        L,
        setup=lambda w: w.plan(office=w.org),
        call=lambda w, a, s: points.point_create(
            actor=a, plan=s, seq=2, title="普法", text="落实普法责任制", lead=w.body
        ),
    ),
    "fazhi.governance.services.points:plan_issue": Expect.of(
        C,
        L,
        setup=lambda w: w.draft(office=w.org, lead=w.body).plan,
        call=lambda w, a, s: points.plan_issue(actor=a, plan=s),
    ),
    "fazhi.governance.services.points:point_issue": Expect.of(
        C,
        L,
        setup=lambda w: w.draft(office=w.org, lead=w.body),
        call=lambda w, a, s: points.point_issue(actor=a, point=s),
    ),
    "fazhi.governance.services.points:progress_report": Expect.of(
        C,
        L,
        setup=lambda w: w.issued(),
        call=lambda w, a, s: points.progress_report(actor=a, point=s, org=w.org, text="进展"),
    ),
    "fazhi.governance.services.points:point_report_done": Expect.of(
        C,
        L,
        setup=lambda w: w.progressed(),
        call=lambda w, a, s: points.point_report_done(actor=a, point=s, result="已完成"),
    ),
    "fazhi.governance.services.points:point_confirm": Expect.of(
        C,
        L,
        setup=lambda w: w.reported(office=w.org, lead=w.body),
        call=lambda w, a, s: points.point_confirm(actor=a, point=s),
    ),
    "fazhi.governance.services.points:point_return": Expect.of(
        C,
        L,
        setup=lambda w: w.reported(office=w.org, lead=w.body),
        call=lambda w, a, s: points.point_return(actor=a, point=s, reason="材料不全"),
    ),
}


@pytest.mark.django_db
class TestGovernanceServices(ServiceMatrixTests):
    MODULES = tuple(
        f"fazhi.governance.services.{m.name}"
        for m in pkgutil.iter_modules(services_pkg.__path__)
        if m.name != "common"
    )
    EXPECT = EXPECT

    def world(self):
        return World()
