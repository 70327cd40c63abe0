"""The report's transition table walked move by move, and every write service called by every
role inside and outside the organisation (``fazhi.core.tests.harness``)."""

from __future__ import annotations

import datetime as dt

from fazhi.core import clock
from fazhi.core.models import Role
from fazhi.core.tests.factories import org, user
from fazhi.core.tests.harness import Expect, MatrixWorld, ServiceMatrixTests, WorkflowTableTests

from .. import services, templates_text
from ..models import AnnualReport
from ..models import ReportStatus as S

D = dt.date


def report(owner, status: str = S.DRAFT) -> AnnualReport:
    return AnnualReport.objects.create(
        org=owner,
        year=2019,
        edition=AnnualReport.objects.filter(org=owner).count() + 1,
        title=f"{owner.name}关于2019年度法治政府建设情况的报告",
        status=status,
        received_on=D(2020, 3, 2),
        signer=owner.name,
        content={"year": 2019, "subsections": [], "pending": [], "empty": []},
        generated_at=clock.now(),
    )


class TestReportTable(WorkflowTableTests):
    model = AnnualReport

    def make(self, status):
        if not hasattr(self, "org"):
            self.org = org("表测试区司法局")
            self.users = {r: user(org=self.org, role=r) for r in Role.values}
        return report(self.org, status)

    def actor(self, role):
        return self.users[role]


def _on(w, actor, fn, status, **kw):
    r = report(w.org, status)
    return fn(actor=actor, report=r, **kw)


class TestReportServices(ServiceMatrixTests):
    MODULES = ("fazhi.reports.services", "fazhi.reports.templates_text")
    DRAFTERS = (Role.REVIEWER, Role.SUPERVISOR)
    EXPECT = {
        "fazhi.reports.services:report_generate": Expect.of(
            *DRAFTERS,
            call=lambda w, a, s: services.report_generate(
                actor=a, org=w.org, year=2019, on=D(2020, 3, 2)
            ),
        ),
        "fazhi.reports.services:report_refresh": Expect.of(
            *DRAFTERS, call=lambda w, a, s: _on(w, a, services.report_refresh, S.DRAFT)
        ),
        "fazhi.reports.services:report_edit": Expect.of(
            *DRAFTERS,
            call=lambda w, a, s: _on(w, a, services.report_edit, S.DRAFT, problems="一是……"),
        ),
        "fazhi.reports.services:report_submit": Expect.of(
            *DRAFTERS,
            call=lambda w, a, s: _on(w, a, services.report_submit, S.DRAFT, on=D(2020, 3, 9)),
        ),
        "fazhi.reports.services:report_return": Expect.of(
            Role.LEADER,
            call=lambda w, a, s: _on(w, a, services.report_return, S.SUBMITTED, reason="补充"),
        ),
        "fazhi.reports.services:report_approve": Expect.of(
            Role.LEADER,
            call=lambda w, a, s: _on(w, a, services.report_approve, S.SUBMITTED, on=D(2020, 3, 17)),
        ),
        "fazhi.reports.services:report_publish": Expect.of(
            *DRAFTERS,
            call=lambda w, a, s: _on(w, a, services.report_publish, S.APPROVED, on=D(2020, 3, 18)),
        ),
        "fazhi.reports.templates_text:part_text_save": Expect.of(
            Role.SUPERVISOR,
            call=lambda w, a, s: templates_text.part_text_save(
                actor=a,
                org=w.org,
                key="一(五)2",
                module="enforcement",
                order=100,
                template="加强执法监督。",
            ),
        ),
    }

    def world(self):
        root = org("矩阵测试区人民政府", kind="district")
        return MatrixWorld(
            org("矩阵测试区司法局", parent=root), org("矩阵测试区审计局", parent=root)
        )
