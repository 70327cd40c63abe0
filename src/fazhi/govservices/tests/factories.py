"""A small district for government-services tests, created through the services like real
data: the approval bureau with a comprehensive window, a department that reports items, a
street that takes delegated items, office hours, items with materials and entries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from fazhi.core import identity
from fazhi.core.models import OrgKind, Role
from fazhi.core.tests import factories as f

from ..models import Category, ItemKind, Level, MaterialKind, WindowKind
from ..services import catalogue as cat

SYSTEM = f.SYSTEM
D = dt.date
CN = ZoneInfo("Asia/Shanghai")
START = D(2019, 1, 2)

# Winter hours and summer hours of the same length (7 h): hand counts stay simple.
WINTER = "09:00-12:00,13:30-17:30"
SUMMER = "09:00-12:00,14:30-18:30"

PERSON_ID = identity.generate_id_number("430102", D(1986, 5, 17), 123)
AGENT_ID = identity.generate_id_number("430104", D(1990, 2, 3), 456)
CREDIT = identity.generate_credit_code("91430102MA4L0B2K")


def at(y, m, d, hh=10, mm=0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=CN)


class World:
    def __init__(self, on: dt.date | None = None) -> None:
        on = on or START
        self.gov = f.org("测试区人民政府", kind=OrgKind.DISTRICT, division_code="430102")
        self.bureau = f.org("测试区行政审批服务局", parent=self.gov, short_name="区行政审批服务局")
        self.dept = f.org("测试区市场监督管理局", parent=self.gov, short_name="区市场监管局")
        self.street = f.org(
            "测试街道办事处", kind=OrgKind.STREET, parent=self.gov, short_name="测试街道"
        )
        self.other = f.org("测试区卫生健康局", parent=self.gov, short_name="区卫健局")
        self.clerk = f.user(org=self.bureau, role=Role.CLERK, full_name="窗口人员甲")
        self.clerk2 = f.user(org=self.bureau, role=Role.CLERK, full_name="窗口人员乙")
        self.leader = f.user(org=self.bureau, role=Role.LEADER, full_name="局负责人")
        self.dept_clerk = f.user(org=self.dept, role=Role.CLERK)
        self.dept_leader = f.user(org=self.dept, role=Role.LEADER)
        self.street_clerk = f.user(org=self.street, role=Role.CLERK)
        self.street_leader = f.user(org=self.street, role=Role.LEADER)
        self.other_clerk = f.user(org=self.other, role=Role.CLERK)
        self.supervisor = f.user(org=self.gov, role=Role.SUPERVISOR)
        self.admin = f.user(org=self.gov, role=Role.ADMIN)
        cat.service_body_save(actor=SYSTEM, org=self.bureau, doc_prefix="芙审服", centralised=True)
        self.hours = cat.hours_save(
            actor=SYSTEM, code="hall", name="政务服务大厅作息", summer=SUMMER, winter=WINTER
        )
        self.window = cat.window_save(
            actor=SYSTEM,
            org=self.bureau,
            name="商事登记综合窗",
            kind=WindowKind.COMPREHENSIVE,
            hours=self.hours,
            opened_on=on,
            phone="0731-84111111",
        )
        self.street_window = cat.window_save(
            actor=SYSTEM,
            org=self.street,
            name="街道便民服务窗口",
            kind=WindowKind.COMPREHENSIVE,
            hours=self.hours,
            opened_on=on,
        )
        self.licence = self.item(
            "LIC-001",
            "食品经营许可",
            materials=[
                ("食品经营许可申请书", MaterialKind.FORM),
                ("营业执照复印件", MaterialKind.COPY),
                ("法定代表人身份证明", MaterialKind.COPY),
                ("场所平面图", MaterialKind.ORIGINAL),
            ],
            on=on,
        )
        self.entry = self.filed(self.licence, statutory=20, promised=Decimal("5"), on=on)
        self.startup = self.item(
            "LIC-002",
            "企业设立登记",
            materials=[("公司登记申请书", MaterialKind.FORM), ("公司章程", MaterialKind.ORIGINAL)],
            on=on,
        )
        self.startup_entry = self.filed(self.startup, statutory=15, promised=Decimal("1.5"), on=on)

    def item(self, code, name, *, materials, on, kind=ItemKind.LICENCE, category=Category.BUSINESS):
        return cat.item_save(
            actor=SYSTEM,
            code=code,
            name=name,
            kind=kind,
            level=Level.DISTRICT,
            category=category,
            basis="《中华人民共和国食品安全法》第三十五条",
            reported_by=self.dept,
            on=on,
            materials=[{"name": n, "kind": k} for n, k in materials],
        )

    def filed(self, item, *, statutory, promised, on, org=None, window="default", **kw):
        org = org or self.bureau
        if window == "default":
            window = self.window if org == self.bureau else None
        return cat.entry_save(
            actor=SYSTEM,
            item=item,
            org=org,
            on=on,
            statutory_days=statutory,
            promised_days=promised,
            window=window,
            place="芙蓉区政务服务中心一楼",
            phone="0731-84111111",
            **kw,
        )

    def person(self, **kw) -> dict:
        base = dict(
            applicant_kind="person",
            applicant_name="刘志强",
            applicant_id_number=PERSON_ID,
            applicant_phone="13974851234",
        )
        base.update(kw)
        return base

    def company(self, **kw) -> dict:
        base = dict(
            applicant_kind="org",
            applicant_name="长沙市芙蓉区湘味轩餐饮有限公司",
            applicant_credit_code=CREDIT,
            applicant_phone="0731-85551234",
        )
        base.update(kw)
        return base
