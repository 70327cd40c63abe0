"""Test set-up for open government: a body with its window clerk and its head of the
disclosure office, a sibling body, and requests created through the services."""

from __future__ import annotations

import datetime as dt

from fazhi.core.ledger import SystemActor
from fazhi.core.models import OrgKind, Role
from fazhi.core.tests import factories as f

from .. import services
from ..models import ApplicantKind, Channel

SYSTEM = SystemActor("测试")
ID_NUMBER = "430102198503170023"  # valid check digit (GB 11643)


class World:
    def __init__(self) -> None:
        self.gov = f.org("测试区人民政府", kind=OrgKind.DISTRICT, division_code="430102")
        self.body = f.org("测试区住房和城乡建设局", parent=self.gov, short_name="测试住建局")
        self.other = f.org("测试区财政局", parent=self.gov, short_name="测试财政局")
        self.clerk = f.user(org=self.body, role=Role.CLERK, scope="org", full_name="刘晓燕")
        self.head = f.user(org=self.body, role=Role.LEADER, scope="subtree", full_name="周建国")
        self.stranger = f.user(org=self.other, role=Role.CLERK, scope="org")
        self.other_head = f.user(org=self.other, role=Role.LEADER, scope="subtree")


def request(world, on=dt.date(2019, 9, 2), **kw):
    values = dict(
        actor=SYSTEM,
        org=world.body,
        channel=Channel.ONLINE,
        applicant_kind=ApplicantKind.PERSON,
        applicant_name="王丽华",
        applicant_id_number=ID_NUMBER,
        applicant_phone="13807315521",
        description="申请公开芙蓉区2019年老旧小区改造项目的立项批复文件",
        received_on=on,
    )
    values.update(kw)
    return services.request_receive(**values)
