"""The enforcement world of the service × role matrix: a body in the organisation, its power
list, two certified officers (the first is the organisation's 执法人员 account, so a 仅本人
officer reaches the cases they handle), cases at every stage, a grid, a campaign, an
evaluation round — each built once, through the services, as the system."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.core import clocks
from fazhi.core.models import OrgKind, Role
from fazhi.core.tests.factories import SYSTEM
from fazhi.core.tests.harness import MatrixWorld

from ..models import Case, Decision, GridCategory
from ..services import (
    campaigns,
    case_clocks,
    cases,
    catalogue,
    decisions,
    evaluation,
    grid,
    grid_flow,
    officers,
    publicity,
    statistics,
)

D = dt.date
RECEIVED = D(2024, 3, 4)
STAGES = (
    "clue",
    "registered",
    "proposed",
    "notified",
    "hearing_requested",
    "hearing",
    "decided",
    "served",
    "executing",
    "paid",
    "closed",
    "archived",
)


class EnforcementWorld(MatrixWorld):
    def __init__(self, org, other) -> None:
        super().__init__(org, other)
        self.city = catalogue.field_save(actor=SYSTEM, code="city", name="城市管理")
        self.food = catalogue.field_save(actor=SYSTEM, code="food-safety", name="食品安全")
        self.body = catalogue.body_save(
            actor=SYSTEM,
            org=org,
            kind="centralised",
            fields=[self.city, self.food],
            doc_prefix="芙执罚决",
        )
        self.item = catalogue.item_save(
            actor=SYSTEM,
            body=self.body,
            code="CG-001",
            name="擅自占道经营",
            field=self.city,
            kind="penalty",
            legal_basis="《城市市容和环境卫生管理条例》第三十六条",
        )
        self.food_item = catalogue.item_save(
            actor=SYSTEM,
            body=self.body,
            code="SP-001",
            name="经营超过保质期的食品",
            field=self.food,
            kind="penalty",
            legal_basis="《食品安全法》第一百二十四条",
        )
        self.light = catalogue.band_save(
            actor=SYSTEM, item=self.item, code="A", facts="初次违法", fine_min=0, fine_max=200
        )
        self.heavy = catalogue.band_save(
            actor=SYSTEM, item=self.item, code="B", facts="拒不改正", fine_min=200, fine_max=50000
        )
        catalogue.major_rule_save(actor=SYSTEM, name="罚款一万元以上", fine_at_least=Decimal(10000))
        self.officer = self._officer("执法人员甲", "湘执M1001", user=self.actor(Role.OFFICER))
        self.officer2 = self._officer("执法人员乙", "湘执M1002")

    def _officer(self, name: str, number: str, user=None):
        o = catalogue.officer_save(actor=SYSTEM, body=self.body, name=name, user=user)
        catalogue.certificate_issue(
            actor=SYSTEM,
            officer=o,
            number=number,
            fields=[self.city, self.food],
            issuer="长沙市人民政府",
            valid_from=D(2018, 1, 1),
            valid_to=D(2030, 12, 31),
        )
        return o

    # ---- cases

    def case(self, stage: str, *, major: bool = False, discussion: bool = False) -> Case:
        key = f"case:{stage}:{major}:{discussion}"
        return self.once(key, lambda: self._case(stage, major, discussion))

    def _case(self, stage: str, major: bool, discussion: bool) -> Case:
        c = cases.case_open(
            actor=SYSTEM,
            body=self.body,
            field=self.city,
            item=self.item,
            source="complaint",
            party_kind="person",
            party_name="王某某",
            party_id_number="430102198001010011",
            received_on=RECEIVED,
            handler=self.actor(Role.OFFICER),
        )
        if stage == "clue":
            return c
        c = cases.register(actor=SYSTEM, case=c, on=D(2024, 3, 5))
        cases.assign_officer(actor=SYSTEM, case=c, officer=self.officer, lead=True, on=RECEIVED)
        cases.assign_officer(actor=SYSTEM, case=c, officer=self.officer2, on=RECEIVED)
        cases.evidence_add(
            actor=SYSTEM,
            case=c,
            kind="document",
            title="现场检查笔录",
            collected_on=D(2024, 3, 6),
            officer=self.officer,
        )
        if stage == "registered":
            return c
        fine, band = (Decimal(20000), self.heavy) if major else (Decimal(150), self.light)
        c = cases.propose(
            actor=SYSTEM, case=c, fine=fine, band=band, kinds=["fine"], needs_discussion=discussion
        )
        if stage == "proposed":
            return c
        c = cases.notify(actor=SYSTEM, case=c, on=D(2024, 3, 8))
        if stage == "notified":
            return c
        if stage in ("hearing_requested", "hearing"):
            c = cases.request_hearing(actor=SYSTEM, case=c, on=D(2024, 3, 11))
            if stage == "hearing":
                c = cases.open_hearing(actor=SYSTEM, case=c, on=D(2024, 3, 12))
            return c
        if major:  # review, review_passed, discussion
            c = cases.submit_review(actor=SYSTEM, case=c, on=D(2024, 3, 18))
            if stage == "review":
                return c
            cases.review_opinion(
                actor=SYSTEM, case=c, opinion="pass", reasons="", on=D(2024, 3, 19)
            )
            c = Case.objects.get(pk=c.pk)
            if stage == "review_passed":
                return c
            return cases.to_discussion(actor=SYSTEM, case=c, on=D(2024, 3, 20))
        decisions.decide(
            actor=SYSTEM,
            case=c,
            on=D(2024, 3, 18),
            outcome="penalty",
            basis="《城市市容和环境卫生管理条例》第三十六条",
            fine=Decimal(150),
            band=self.light,
            kinds=["fine"],
        )
        c = Case.objects.get(pk=c.pk)
        if stage == "decided":
            return c
        c = decisions.serve(actor=SYSTEM, case=c, on=D(2024, 3, 19), method="直接送达")
        if stage == "served":
            return c
        if stage == "executing":
            return decisions.execute(actor=SYSTEM, case=c, on=D(2024, 4, 10))
        decisions.pay(actor=SYSTEM, case=c, on=D(2024, 3, 25), amount=Decimal(150), receipt="R1")
        c = Case.objects.get(pk=c.pk)
        if stage == "paid":
            return c
        c = decisions.close(actor=SYSTEM, case=c, on=D(2024, 3, 26))
        if stage == "closed":
            return c
        return decisions.archive(actor=SYSTEM, case=c, on=D(2024, 3, 27))

    def decision(self, stage: str = "decided") -> Decision:
        return Decision.objects.get(case=self.case(stage))

    def publication(self):
        return self.once(
            "publication",
            lambda: publicity.publish(actor=SYSTEM, decision=self.decision(), on=D(2024, 3, 20)),
        )

    def food_case(self, paused: bool = False):
        """A food-safety case under CF-2b (pauses for appraisal, extension by 30 days), with
        its decision clock."""

        def build():
            c = cases.case_open(
                actor=SYSTEM,
                body=self.body,
                field=self.food,
                item=self.food_item,
                source="patrol",
                party_kind="person",
                party_name="李某某",
                received_on=D(2024, 6, 3),
                handler=self.actor(Role.OFFICER),
            )
            c = cases.register(actor=SYSTEM, case=c, on=D(2024, 6, 3))
            clk = clocks.for_subject(c).get(label="作出处罚决定期限")
            if paused:
                clk = case_clocks.clock_pause(
                    actor=SYSTEM, case=c, clock=clk, on=D(2024, 6, 10), reason="鉴定"
                )
            return c, clk

        return self.once(f"food:{paused}", build)

    # ---- officers

    def spare_officer(self, active: bool = True):
        def build():
            o = self._officer("执法人员丙", "湘执M1003" if active else "湘执M1004")
            if not active:
                officers.officer_deactivate(actor=SYSTEM, officer=o, reason="调离执法岗位")
            return o

        return self.once(f"spare:{active}", build)

    # ---- campaigns

    def campaign(self):
        return self.once(
            "campaign",
            lambda: campaigns.campaign_create(
                actor=SYSTEM,
                name="占道经营专项整治",
                kind="rectification",
                field=self.city,
                lead=self.body,
                starts_on=D(2024, 4, 1),
                ends_on=D(2024, 6, 30),
            ),
        )

    def inspection(self):
        return self.once(
            "inspection",
            lambda: campaigns.inspection_create(
                actor=SYSTEM,
                body=self.body,
                unit_name="长沙市芙蓉区某某餐饮店",
                inspected_on=D(2024, 4, 2),
                result="issues",
                findings="店外占道经营",
            ),
        )

    # ---- the grid: a district cell (the command centre, the root's) and a street cell of
    # the organisation, which owns the reports filed in it

    def cell(self):
        def build():
            grid.categories_load(actor=SYSTEM)
            top = grid.cell_save(
                actor=SYSTEM, code="M-430102", name="测试区", level="district", org=self.org.parent
            )
            return grid.cell_save(
                actor=SYSTEM,
                code="M-430102-01",
                name="甲街道网格",
                level="street",
                org=self.org,
                parent=top,
            )

        return self.once("cell", build)

    def report(self, stage: str = "reported"):
        def build():
            r = grid.report_file(
                actor=SYSTEM,
                cell=self.cell(),
                category=GridCategory.objects.get(code="SJ0102"),
                location="五一大道与芙蓉路交叉口东北角",
                description="路边堆放生活垃圾约两立方米",
                received_on=D(2024, 6, 3),
            )
            if stage == "reported":
                return r
            r = grid_flow.report_dispatch(actor=SYSTEM, report=r, on=D(2024, 6, 3))
            if stage == "dispatched":
                return r
            return grid_flow.report_handle(
                actor=SYSTEM, report=r, result="已清运", on=D(2024, 6, 4)
            )

        return self.once(f"report:{stage}", build)

    # ---- evaluation: a round of the organisation over its cases closed in 2024

    def round(self, stage: str = "created"):
        def build():
            self.case("closed")
            rnd = evaluation.round_create(
                actor=SYSTEM, org=self.org, name="2024年度行政执法案卷评查", year=2024, seed=7
            )
            if stage == "created":
                return rnd
            sheets = evaluation.round_draw(actor=SYSTEM, round=rnd)
            if stage == "drawn":
                return rnd
            for s in sheets:
                evaluation.sheet_score(
                    actor=SYSTEM,
                    sheet=s,
                    deductions=[
                        {"dimension": "procedure", "points": "25", "reason": "未告知听证权利"}
                    ],
                )
            return rnd

        return self.once(f"round:{stage}", build)

    def sheet(self):
        return self.round("drawn").sheets.get()

    # ---- statistics

    def stats(self):
        return self.once(
            "stats",
            lambda: statistics.statistics_prepare(
                actor=SYSTEM, body=self.body, year=2025, on=D(2026, 1, 5)
            ),
        )

    @classmethod
    def create(cls) -> EnforcementWorld:
        from fazhi.core.tests.factories import org

        root = org("矩阵测试区人民政府", kind=OrgKind.DISTRICT)
        return cls(
            org("矩阵测试区行政执法局", parent=root), org("矩阵测试区市场监督管理局", parent=root)
        )
