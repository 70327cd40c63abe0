"""A district with a 12345 hotline office, its agents, two bodies and a category."""

from __future__ import annotations

import datetime as dt

from fazhi.core import clock
from fazhi.core.models import OrgKind, Role
from fazhi.core.tests.factories import SYSTEM, District, org, user

from ..services import catalogue, orders

D = dt.date


def at(day: dt.date):
    """Freeze the wall clock at 09:00 Beijing time on ``day``."""
    return clock.frozen(dt.datetime(day.year, day.month, day.day, 1, tzinfo=dt.UTC))


class Hotline:
    def __init__(self) -> None:
        self.d = d = District()
        self.office = org("测试区12345市民热线办公室", kind=OrgKind.OFFICE, parent=d.gov)
        self.agent = user("agent", org=self.office, role=Role.CLERK, full_name="话务员甲")
        self.chief = user("hotline_chief", org=self.office, role=Role.LEADER)
        self.body = d.bureau  # 测试区行政执法局
        self.other = d.street_a  # 甲街道
        self.body_clerk = d.clerk
        self.body_leader = d.leader
        self.body_officer = user("hl_officer", org=d.bureau, role=Role.OFFICER, scope="org")
        self.street_clerk = user("street_clerk", org=d.street_a, role=Role.CLERK)
        self.outsider = user("outsider", org=d.street_b, role=Role.CLERK)
        self.noise = catalogue.category_save(
            actor=SYSTEM, code="HJ01", major="环境保护", name="噪声扰民", rule_code="RX-1"
        )
        self.policy = catalogue.category_save(
            actor=SYSTEM, code="ZC01", major="政策咨询", name="社保医保", rule_code="RX-1"
        )
        catalogue.dispatch_save(actor=SYSTEM, category=self.noise, body=self.body)
        catalogue.dispatch_save(
            actor=SYSTEM, category=self.noise, body=self.other, street=d.street_a
        )

    def take(self, **kw):
        args = dict(
            actor=self.agent,
            office=self.office,
            kind="complaint",
            category=self.noise,
            caller_name="刘建华",
            caller_phone="13807318826",
            address="芙蓉中路二段98号",
            text="夜间施工噪声扰民，晚上十一点后仍在作业",
            received_on=D(2019, 6, 3),
        )
        args.update(kw)
        return orders.order_create(**args)
