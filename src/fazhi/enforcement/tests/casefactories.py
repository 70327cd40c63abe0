"""Factories for enforcement tests: a bureau with one field, an item with two bands, officers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.core import services as core_services
from fazhi.core.models import Role
from fazhi.core.tests.factories import SYSTEM, District, user

from ..services import catalogue


class Bureau:
    def __init__(self) -> None:
        self.d = District()
        org = self.d.bureau
        self.field = catalogue.field_save(actor=SYSTEM, code="city", name="城市管理")
        self.other_field = catalogue.field_save(actor=SYSTEM, code="env", name="生态环境")
        self.body = catalogue.body_save(
            actor=SYSTEM,
            org=org,
            kind="centralised",
            fields=[self.field, self.other_field],
            doc_prefix="芙执罚决",
        )
        self.item = catalogue.item_save(
            actor=SYSTEM,
            body=self.body,
            code="CG-001",
            name="擅自占道经营",
            field=self.field,
            kind="penalty",
            legal_basis="《城市市容和环境卫生管理条例》第三十六条",
            penalty_basis="《城市市容和环境卫生管理条例》第三十六条",
        )
        self.light = catalogue.band_save(
            actor=SYSTEM,
            item=self.item,
            code="A",
            facts="初次违法、及时改正",
            fine_min=0,
            fine_max=200,
        )
        self.heavy = catalogue.band_save(
            actor=SYSTEM, item=self.item, code="B", facts="拒不改正", fine_min=200, fine_max=50000
        )
        catalogue.major_rule_save(actor=SYSTEM, name="罚款一万元以上", fine_at_least=Decimal(10000))
        self.officer1 = self._officer("执法人员甲", "湘执01001", [self.field])
        self.officer2 = self._officer("执法人员乙", "湘执01002", [self.field])
        self.uncertified = self._officer("执法人员丙", "湘执01003", [self.other_field])
        self.clerk, self.leader = self.d.clerk, self.d.leader
        self.officer_user = self.d.officer
        self.reviewer = user("enf_reviewer", org=org, role=Role.REVIEWER)
        core_services.membership_grant(
            actor=SYSTEM, user=self.d.officer, org=org, role=Role.OFFICER, data_scope="subtree"
        )

    def _officer(self, name, number, fields):
        o = catalogue.officer_save(actor=SYSTEM, body=self.body, name=name)
        catalogue.certificate_issue(
            actor=SYSTEM,
            officer=o,
            number=number,
            fields=fields,
            issuer="长沙市人民政府",
            valid_from=dt.date(2018, 1, 1),
            valid_to=dt.date(2030, 12, 31),
        )
        return o
