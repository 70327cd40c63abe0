"""A district with its rule-of-law committee, the office (at the Justice Bureau), a lead
body, a supporting body and an outsider."""

from __future__ import annotations

import datetime as dt

from fazhi.core import clock
from fazhi.core.models import OrgKind, Role
from fazhi.core.tests.factories import SYSTEM, District, org, user

from ..services import points

D = dt.date


def at(day: dt.date):
    return clock.frozen(dt.datetime(day.year, day.month, day.day, 1, tzinfo=dt.UTC))


class Council:
    def __init__(self) -> None:
        self.d = d = District()
        party = org("中共测试区委员会", kind=OrgKind.PARTY)
        self.committee = org("中共测试区委全面依法治区委员会", kind=OrgKind.COMMITTEE, parent=party)
        self.office = org("测试区委全面依法治区委员会办公室", kind=OrgKind.OFFICE, parent=d.justice)
        self.secretary = user("gov_office", org=self.office, role=Role.CLERK, full_name="督办员")
        self.lead = d.bureau
        self.lead_clerk = d.clerk
        self.support = d.street_a
        self.support_clerk = user("support_clerk", org=d.street_a, role=Role.CLERK)
        self.outsider = user("outsider", org=d.street_b, role=Role.CLERK)
        self.n = 0

    def plan(self, year: int = 2019):
        return points.plan_create(
            actor=self.secretary,
            org=self.committee,
            office=self.office,
            year=year,
            title=f"测试区依法治区委员会{year}年工作要点",
        )

    def point(self, plan=None, **kw):
        self.n += 1
        args = dict(
            actor=self.secretary,
            plan=plan or self.plan(),
            seq=self.n,
            title="推进法治政府建设示范创建",
            text="对照法治政府建设示范指标体系，查找差距，制定创建方案并组织实施。",
            lead=self.lead,
            supporters=[self.support],
            category="法治政府建设",
        )
        args.update(kw)
        return points.point_create(**args)

    def issued(self, on=None):
        on = on or D(2019, 3, 15)
        plan = self.plan()
        self.point(plan=plan, received_on=D(2019, 3, 12))
        with at(on):
            points.plan_issue(actor=SYSTEM, plan=plan, on=on)
        return plan.points.get()
