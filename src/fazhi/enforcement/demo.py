"""The demo district's 2019 enforcement year, loaded by ``fazhi demo`` after the kernel's.

The records reproduce every enforcement figure of the seed report (2019 法治政府建设 report,
一(二)2 and 一(五)1) exactly, through the same models and the indicators in
``fazhi.enforcement.indicators`` — nothing here writes a figure, only records:

=========================  =================================================================
区行政执法局               8130 cases closed, fines 2,591,350.00 yuan (→ 259万余元)
蓝天保卫战 (environment)   121,947 person-times, 1,202 joint operations, 5,810 cases,
                           fines 7,678,821.00 yuan (→ 767.8821万元)
market supervision         22 rectifications run 310 times, 295 food and drug cases,
                           13,051 sample batches
数字城管                   74,669 reports accepted; 5,046 city-appearance reports supervised
                           to rectification (→ 5000余条)
work safety                8,132 units inspected, fines 5,330,300.00 yuan (→ 533.03万元)
health                     260 medical institutions verified, 80 cases,
                           fines 253,500.00 yuan (→ 25.35万元)
=========================  =================================================================

Around them, records that must *not* count, so the definitions are exercised: cases not
filed (不予立案), cases received in December 2019 and closed in 2020, market-order cases,
rectifications of other fields, routine health inspections, cancelled and 2020 supervision
tasks, reports not accepted.

The catalogue (fields, bodies, items, bands, campaigns, grid cells and categories, the demo
users' officers, the case-file evaluation) goes through the module's services; the year's
records (about half a million rows with their ledger events) through the bulk path
(``fazhi.core.bulk``), one event per record. People are role labels (执法人员0001,
当事人00456), companies obviously synthetic (示例餐饮店00123), identity numbers generated
with valid check characters. Random choices use fixed seeds: every load is the same.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
from django.db import transaction

from fazhi.core import demo as core_demo
from fazhi.core import identity, numbering
from fazhi.core import rules as core_rules
from fazhi.core import services as core_services
from fazhi.core.bulk import BulkLoader
from fazhi.core.calendar import get_calendar
from fazhi.core.clock import CHINA
from fazhi.core.models import (
    Clock,
    DataScope,
    IssuedNumber,
    NumberSeries,
    Organisation,
    OrgKind,
    Role,
    SupervisionTask,
    User,
)

from . import actions, rules
from .indicators import APPEARANCE_MAJORS, GRID_SUBJECT, GRID_TASK_SOURCE
from .models import (
    Campaign,
    CampaignKind,
    Case,
    CaseOfficer,
    CaseStatus,
    Certificate,
    Decision,
    Discussion,
    EnforcementBody,
    EnforcementField,
    EnforcementItem,
    Evidence,
    GridCategory,
    GridCell,
    GridLevel,
    GridReport,
    GridStatus,
    Inspection,
    LegalReview,
    Officer,
    Operation,
    Outcome,
    Payment,
    Publication,
    SamplingBatch,
)
from .services import campaigns as campaign_services
from .services import catalogue, publicity
from .services import evaluation as evaluation_services
from .services import grid as grid_services
from .services.cases import notice_prefix

YEAR = 2019
ACTOR = core_demo.ACTOR
DATA = Path(__file__).with_name("data") / "power_list.toml"
UNCONFIRMED = "（⚠ 演示数据：条款未经核对）"
CERT_ISSUER = "湖南省人民政府（演示数据）"
CERT_VALID_TO = dt.date(2028, 12, 31)
JAN1, DEC31 = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)

# The seed's figures and the demo's choices where the seed gives none.
BUREAU_FINES = 2_591_350  # 259万余元: any total in (2,590,000, 2,600,000) reads so
ENV_PERSON_TIMES, ENV_JOINT, ENV_SINGLE = 121_947, 1_202, 1_680
ENV_FINES = 7_678_821
MARKET_OPERATIONS = 310
SAMPLES = 13_051
GRID_ACCEPTED, GRID_INVALID = 74_669, 1_531
GRID_SUPERVISED = 5_046  # 5000余条
SAFETY_INSPECTIONS = 8_132
SAFETY_FINES = 5_330_300
HEALTH_VERIFIED, HEALTH_ROUTINE = 260, 140
HEALTH_FINES = 253_500
OFFICERS = {"区行政执法局": 163, "芙蓉生态环境分局": 70, "区市场监管局": 60, "区应急管理局": 28}
OFFICERS["区卫生健康局"] = 24
RETIRED_PER_BODY = 3


def register() -> None:
    """Called from the app's ``ready()``: ``fazhi demo`` runs this after the kernel's demo."""
    core_demo.register_demo_step("行政执法（2019年度）", load)
    core_demo.register_login("officer2", "演示执法人员二", Role.OFFICER)


# ============================================================================================
# Sectors: who closes how many cases, with which items, fines and outcomes
# ============================================================================================


@dataclass(frozen=True)
class Sector:
    key: str
    body: str  # the demo organisation's short name
    counts: tuple[tuple[str, str, str, int], ...]  # (procedure, outcome, party, n) counted
    general: dict[str, float]  # item code → weight, general procedure
    parties: dict[str, float]  # party kind → weight for general cases
    sources: dict[str, float]
    summary_person: dict[str, float] | None = None
    summary_org: dict[str, float] | None = None
    fines: int | None = None  # the exact total of the counted cases' fines
    dropped: int = 0  # 不予立案, closed in 2019, not counted
    tail: int = 0  # received in December 2019, closed in 2020, not counted
    campaign: str = ""  # every case belongs to this campaign
    bias: tuple[float, ...] = (0.65, 0.28, 0.07)  # choice of discretion band, lowest first


_BUREAU_OTHER = {
    code: 0.05
    for code in [
        "ZF-MZ-001", "ZF-ZJ-001", "ZF-ZJ-002", "ZF-ZY-001", "ZF-RF-001", "ZF-WH-001",
        "ZF-LY-001", "ZF-TY-001", "ZF-JY-001", "ZF-RS-001", "ZF-RS-002", "ZF-MZ-101",
        "ZF-SL-001", "ZF-NY-001", "ZF-SW-001", "ZF-TJ-001", "ZF-FG-001", "ZF-GX-001",
        "ZF-JT-001", "ZF-TY-101", "ZF-DA-001", "ZF-LS-001", "ZF-SF-001", "ZF-CZ-001",
        "ZF-KJ-001",
    ]
}  # fmt: skip

SECTORS = [
    Sector(
        "bureau",
        "区行政执法局",
        counts=(
            ("summary", "fine", "person", 2600),
            ("summary", "fine", "business", 1300),
            ("summary", "fine", "org", 300),
            ("summary", "warning", "person", 150),
            ("general", "fine", "", 2700),
            ("general", "warning", "", 250),
            ("general", "no_penalty", "", 650),
            ("general", "first_offence", "", 180),
        ),
        general={
            "ZF-CG-001": 14, "ZF-CG-003": 8, "ZF-CG-004": 24, "ZF-CG-005": 10, "ZF-CG-006": 8,
            "ZF-CG-007": 4, "ZF-CG-008": 6, "ZF-CG-009": 6, "ZF-CG-010": 2, **_BUREAU_OTHER,
        },
        parties={"person": 0.2, "business": 0.5, "org": 0.3},
        sources={"patrol": 45, "complaint": 20, "grid": 15, "hotline": 15, "referral": 5},
        bias=(0.75, 0.22, 0.03),
        summary_person={"ZF-CG-004": 35, "ZF-CG-001": 20, "ZF-CG-003": 15, "ZF-CG-002": 30},
        summary_org={"ZF-CG-004": 40, "ZF-CG-001": 25, "ZF-CG-003": 15, "ZF-CG-005": 15,
                     "ZF-WH-002": 5},
        fines=BUREAU_FINES,
        dropped=160,
        tail=110,
    ),
    Sector(
        "env",
        "芙蓉生态环境分局",
        counts=(
            ("summary", "warning", "person", 300),
            ("summary", "fine", "business", 280),
            ("summary", "fine", "org", 120),
            ("general", "fine", "", 3150),
            ("general", "warning", "", 900),
            ("general", "no_penalty", "", 1060),
        ),
        general={"HJ-DQ-001": 4, "HJ-DQ-002": 50, "HJ-DQ-003": 22, "HJ-DQ-004": 6,
                 "HJ-ZS-001": 18},
        bias=(0.8, 0.2),
        parties={"person": 0.1, "business": 0.4, "org": 0.5},
        sources={"campaign": 70, "complaint": 15, "hotline": 10, "patrol": 5},
        summary_person={"HJ-DQ-002": 1},
        summary_org={"HJ-DQ-002": 60, "HJ-DQ-003": 40},
        fines=ENV_FINES,
        dropped=90,
        tail=60,
        campaign="蓝天保卫战",
    ),
    Sector(
        "food",
        "区市场监管局",
        counts=(
            ("general", "fine", "", 200),
            ("general", "warning", "", 15),
            ("general", "no_penalty", "", 23),
        ),
        general={"SJ-SP-001": 10, "SJ-SP-002": 10, "SJ-SP-003": 50, "SJ-SP-004": 30},
        parties={"business": 0.7, "org": 0.3},
        sources={"inspection": 40, "sampling": 20, "complaint": 30, "hotline": 10},
        tail=8,
    ),
    Sector(
        "drugs",
        "区市场监管局",
        counts=(
            ("general", "fine", "", 50),
            ("general", "warning", "", 5),
            ("general", "no_penalty", "", 2),
        ),
        general={"SJ-YP-001": 70, "SJ-YP-002": 30},
        parties={"business": 0.6, "org": 0.4},
        sources={"inspection": 60, "complaint": 40},
        tail=2,
    ),
    Sector(
        "market-order",
        "区市场监管局",
        counts=(
            ("summary", "fine", "business", 30),
            ("general", "fine", "", 100),
            ("general", "no_penalty", "", 10),
        ),
        general={"SJ-SC-001": 50, "SJ-SC-002": 50},
        parties={"business": 0.8, "org": 0.2},
        sources={"inspection": 30, "complaint": 50, "hotline": 20},
        summary_org={"SJ-SC-001": 1},
        dropped=6,
    ),
    Sector(
        "safety",
        "区应急管理局",
        counts=(("general", "fine", "", 178), ("general", "no_penalty", "", 8)),
        general={"YJ-AQ-001": 35, "YJ-AQ-002": 30, "YJ-AQ-003": 30, "YJ-WH-001": 5},
        parties={"org": 0.8, "business": 0.2},
        sources={"inspection": 1},
        fines=SAFETY_FINES,
        dropped=5,
        tail=6,
        bias=(0.7, 0.3),
    ),
    Sector(
        "health",
        "区卫生健康局",
        counts=(("general", "fine", "", 76), ("general", "warning", "", 4)),
        general={"WJ-YL-001": 20, "WJ-YL-002": 20, "WJ-YL-003": 20, "WJ-GW-001": 20,
                 "WJ-GW-002": 20},
        parties={"business": 0.5, "org": 0.5},
        sources={"inspection": 60, "complaint": 40},
        fines=HEALTH_FINES,
        tail=3,
    ),
]  # fmt: skip

# The 22 market rectifications (seed: 电取暖器、非洲猪瘟、网络餐饮等22个方面; the seed also
# names 马王堆海鲜市场; the others are illustrative).
MARKET_RECTIFICATIONS = [
    ("马王堆海鲜市场专项整治", "food-safety"),
    ("电取暖器产品质量专项整治", "market-order"),
    ("非洲猪瘟防控专项整治", "food-safety"),
    ("网络餐饮服务专项整治", "food-safety"),
    ("校园及周边食品安全专项整治", "food-safety"),
    ("农贸市场食品安全专项整治", "food-safety"),
    ("保健食品虚假宣传专项整治", "food-safety"),
    ("食用农产品农药残留专项整治", "food-safety"),
    ("餐饮服务明厨亮灶专项整治", "food-safety"),
    ("节日市场食品安全专项整治", "food-safety"),
    ("食品小作坊小餐饮专项整治", "food-safety"),
    ("酒类市场专项整治", "food-safety"),
    ("药品零售企业专项整治", "drugs"),
    ("医疗器械经营使用专项整治", "drugs"),
    ("化妆品市场专项整治", "drugs"),
    ("疫苗流通使用专项整治", "drugs"),
    ("成品油市场专项整治", "market-order"),
    ("电动自行车产品质量专项整治", "market-order"),
    ("儿童用品质量安全专项整治", "market-order"),
    ("价格秩序专项整治", "market-order"),
    ("违法广告专项整治", "market-order"),
    ("无证无照经营专项整治", "market-order"),
]
BUREAU_RECTIFICATIONS = [
    "五一商圈市容环境专项整治",
    "火车站周边环境秩序专项整治",
    "主次干道占道经营专项整治",
]
SAMPLED_PRODUCTS = {
    "蔬菜": 22, "水果": 10, "畜禽肉及副产品": 14, "水产品": 9, "鲜蛋": 4, "粮食加工品": 6,
    "食用油": 4, "调味品": 5, "肉制品": 4, "乳制品": 3, "饮料": 4, "糕点": 5, "酒类": 2,
    "餐饮食品": 8,
}  # fmt: skip
FINDINGS_SAFETY = [
    "消防通道堵塞，责令立即整改",
    "未在危险作业场所设置安全警示标志",
    "安全生产教育培训记录不全",
    "应急预案未组织演练",
    "电气线路私拉乱接",
    "灭火器材过期失效",
]
FINDINGS_HEALTH = ["执业人员信息未及时变更", "消毒隔离制度落实不到位", "医疗废物登记不全"]
# Demo share of each grid category (codes of grid_categories.CATEGORIES); others get 0.5.
GRID_WEIGHTS = {
    "BJ0101": 1.0, "BJ0102": 1.2, "BJ0103": 1.2, "BJ0108": 1.8, "BJ0201": 1.5, "BJ0202": 0.9,
    "BJ0302": 1.8, "BJ0401": 1.4, "BJ0402": 1.0, "SJ0101": 1.0, "SJ0102": 12, "SJ0103": 5,
    "SJ0104": 5, "SJ0107": 0.8, "SJ0201": 8, "SJ0202": 1.2, "SJ0203": 1.5, "SJ0303": 1.4,
    "SJ0304": 1.2, "SJ0501": 12, "SJ0502": 10, "SJ0503": 2, "SJ0504": 1.2, "SJ0505": 5,
    "SJ0506": 3,
}  # fmt: skip
PARTY_POOL = {"person": 5000, "business": 2500, "org": 1500}
SHOPS = ["餐饮店", "便利店", "水果店", "烧烤店", "五金店", "服装店", "小吃店", "美容店"]
COMPANIES = ["建筑工程", "物业管理", "餐饮管理", "商贸", "科技", "置业", "劳务", "文化传媒"]
CLINICS = ["诊所", "口腔门诊部", "中医诊所", "社区卫生服务站", "医疗美容门诊部"]
ID_DIVISIONS = ["430102", "430103", "430104", "430105", "430111", "430121", "430181"]
PLACES = ["建筑工地", "散煤经营点", "农贸市场周边", "餐饮集中区", "主次干道", "城中村"]
SERVICE_METHODS = ["直接送达", "直接送达", "直接送达", "邮寄送达", "留置送达"]


# ============================================================================================
# Entry point
# ============================================================================================


def load(*, timings: dict[str, float] | None = None) -> None:
    """Load the 2019 enforcement year into the demo district (after the kernel's demo).
    ``timings``, when given, receives the seconds each phase took (for the benchmark)."""
    clock_ = time.perf_counter
    last = clock_()

    def phase(name: str) -> None:
        nonlocal last
        if timings is not None:
            now = clock_()
            timings[name] = round(now - last, 3)
            last = now

    with transaction.atomic():
        year = _Year()
        year.catalogue()
        year.people()
        year.campaigns()
        year.grid_setup()
        phase("catalogue (services)")
        year.loader = BulkLoader(actor_name=ACTOR.name, action=actions.DEMO)
        year.officers()
        for sector in SECTORS:
            year.plan_cases(sector)
        year.write_cases()
        phase("cases (build)")
        year.operations()
        year.inspections()
        year.sampling()
        phase("campaigns (build)")
        year.grid()
        phase("grid (build)")
        written = year.loader.flush()
        phase("bulk write")
        year.finish_numbers()
        year.evaluation()
        phase("evaluation (services)")
    phase("commit")
    if timings is not None:
        timings["rows"] = sum(written.values())


class _Year:
    def __init__(self) -> None:
        self.rng = np.random.default_rng(YEAR)
        self.py = random.Random(YEAR)
        self.cal = get_calendar()
        days = np.arange(np.datetime64(f"{YEAR}-01-01"), np.datetime64(f"{YEAR + 1}-01-01"))
        self.days = days
        self.workdays = days[self.cal.is_workday_vec(days)]
        orgs = Organisation.objects.all()
        self.orgs = {o.short_name: o for o in orgs if o.short_name}
        self.org_by_id = {o.pk: o for o in orgs}
        self.streets = list(
            Organisation.objects.filter(kind=OrgKind.STREET).order_by("sort_order", "pk")
        )
        self.users = {u.username: u for u in User.objects.all()}
        self.party_n = 0
        self.parties: dict[tuple, dict[str, str]] = {}
        self._deadlines: dict[tuple[str, dt.date], tuple[int, int, dt.date]] = {}
        self.number_values: dict[tuple[int, str, int], int] = defaultdict(int)
        self.series: dict[tuple[int, str, int], NumberSeries] = {}
        self.by_sector: dict[str, list[_Plan]] = {}
        self.loader: BulkLoader

    # -- helpers ------------------------------------------------------------------------------

    def pick(self, weights: dict[str, float], n: int) -> list[str]:
        keys = list(weights)
        p = np.array([weights[k] for k in keys], dtype=float)
        return [keys[i] for i in self.rng.choice(len(keys), size=n, p=p / p.sum())]

    def wd_add(self, dates: np.ndarray, n: Any) -> np.ndarray:
        n = np.broadcast_to(np.asarray(n, dtype=np.int64), dates.shape)
        return self.cal.add_workdays_vec(dates, n)

    def wd(self, lo: int, hi: int, size: int) -> np.ndarray:
        return self.rng.integers(lo, hi + 1, size=size)

    def workdays_between(self, a: dt.date, b: dt.date, size: int) -> np.ndarray:
        pool = self.workdays[
            (self.workdays >= np.datetime64(a)) & (self.workdays <= np.datetime64(b))
        ]
        if not len(pool):
            pool = self.cal.add_workdays_vec(np.array([np.datetime64(a)]), np.array([1]))
        return np.sort(self.rng.choice(pool, size=size))

    def at(self, day: dt.date, hour: int = 10) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=CHINA)

    def next_number(self, org: Organisation, kind: str, year: int, prefix: str, pattern: str):
        key = (org.pk, kind, year)
        if key not in self.series:
            self.series[key] = numbering.series_get_or_create(
                actor=ACTOR, org=org, kind=kind, year=year, prefix=prefix, pattern=pattern
            )
            self.number_values[key] = self.series[key].last_value
        s = self.series[key]
        self.number_values[key] += 1
        n = self.number_values[key]
        return s, n, s.pattern.format(prefix=s.prefix, year=s.year, n=n)

    def deadline(self, code: str, start: dt.date) -> tuple[int, int, dt.date]:
        """(rule id, version id, due date) of a clock of rule ``code`` started on ``start`` —
        the kernel's own computation (``core.rules.compute``), cached per rule and day."""
        key = (code, start)
        hit = self._deadlines.get(key)
        if hit is None:
            d = core_rules.compute(self.cal, code, start)
            hit = self._deadlines[key] = (d.rule.pk, d.version.pk, d.due.due)
        return hit

    def issued(self, series, value, text, day, subject_type, subject_id) -> None:
        self.loader.add(
            IssuedNumber,
            series_id=series.pk,
            value=value,
            text=text,
            subject_type=subject_type,
            subject_id=str(subject_id),
            issued_at=self.at(day),
            issued_by_id=None,
        )

    def party(self, kind: str, sector: str) -> dict[str, str]:
        """A party from a fixed pool per kind, so that some are met more than once (repeat
        offenders), as in real case lists."""
        key = (kind, sector == "health")
        slot = self.py.randrange(PARTY_POOL[kind])
        cached = self.parties.get((key, slot))
        if cached is None:
            cached = self.parties[(key, slot)] = self._new_party(kind, sector)
        return cached

    def _new_party(self, kind: str, sector: str) -> dict[str, str]:
        self.party_n += 1
        n = self.party_n
        street = self.streets[n % len(self.streets)].short_name
        if kind == "person":
            birth = dt.date(1955, 1, 1) + dt.timedelta(days=self.py.randrange(45 * 365))
            division = ID_DIVISIONS[n % len(ID_DIVISIONS)]
            return {
                "party_name": f"当事人{n:05d}",
                "party_id_number": identity.generate_id_number(
                    division, birth, self.py.randrange(1000)
                ),
                "party_address": f"长沙市芙蓉区{street}示例小区{n % 40 + 1}栋",
            }
        if kind == "business":
            shop = CLINICS[n % len(CLINICS)] if sector == "health" else SHOPS[n % len(SHOPS)]
            return {
                "party_name": f"示例{shop}{n:05d}",
                "party_credit_code": identity.generate_credit_code(f"92430102{n:08d}"),
                "party_address": f"长沙市芙蓉区{street}示例路{n % 300 + 1}号",
            }
        company = COMPANIES[n % len(COMPANIES)]
        return {
            "party_name": f"示例{company}有限公司{n:05d}",
            "party_credit_code": identity.generate_credit_code(f"91430102{n:08d}"),
            "party_legal_rep": f"法定代表人{n:05d}",
            "party_address": f"长沙市芙蓉区{street}示例大道{n % 500 + 1}号",
        }

    # -- catalogue (services) -----------------------------------------------------------------

    def catalogue(self) -> None:
        data = tomllib.loads(DATA.read_text(encoding="utf-8"))
        self.fields: dict[str, EnforcementField] = {}
        for i, f in enumerate(data["field"]):
            self.fields[f["code"]] = catalogue.field_save(
                actor=ACTOR, code=f["code"], name=f["name"], sort_order=i + 1
            )
        self.bodies: dict[str, EnforcementBody] = {}
        for b in data["body"]:
            org = self.orgs[b["org"]]
            body = catalogue.body_save(
                actor=ACTOR,
                org=org,
                kind=b["kind"],
                legal_basis=b["legal_basis"],
                fields=[self.fields[c] for c in b["fields"]],
                doc_prefix=b["doc_prefix"],
            )
            self.bodies[b["org"]] = body
        for r in data["major_rule"]:
            catalogue.major_rule_save(
                actor=ACTOR,
                name=r["name"],
                fine_at_least=r.get("fine_at_least"),
                licence_revocation=r.get("licence_revocation", False),
                closure=r.get("closure", False),
                after_hearing=r.get("after_hearing", False),
                complex_case=r.get("complex_case", False),
            )
        self.major_fine = min(
            Decimal(r["fine_at_least"]) for r in data["major_rule"] if "fine_at_least" in r
        )
        self.major_name = next(r["name"] for r in data["major_rule"] if "fine_at_least" in r)
        self.items: dict[str, EnforcementItem] = {}
        self.bands: dict[str, list] = {}
        self.acts: dict[str, str] = {}
        for it in data["item"]:
            mark = UNCONFIRMED if it.get("confirmed") == "⚠" else ""
            item = catalogue.item_save(
                actor=ACTOR,
                body=self.bodies[it["body"]],
                code=it["code"],
                name=it["name"],
                field=self.fields[it["field"]],
                kind="penalty",
                legal_basis=it["legal_basis"] + mark,
                penalty_basis=it.get("penalty_basis", ""),
            )
            item.body = self.bodies[it["body"]]
            self.items[it["code"]] = item
            self.acts[it["code"]] = it.get("act", it["name"])
            self.bands[it["code"]] = [
                catalogue.band_save(
                    actor=ACTOR,
                    item=item,
                    code=b["code"],
                    facts=b["facts"],
                    fine_min=b["fine_min"],
                    fine_max=b["fine_max"],
                )
                for b in it["band"]
            ]

    # -- demo users (services) ----------------------------------------------------------------

    def people(self) -> None:
        """``officer`` and a second officer user carry cases in the browser; ``reviewer``
        reviews the bureau's major decisions."""
        bureau = self.bodies["区行政执法局"]
        officer2 = self.users.get("officer2") or core_services.user_create(
            actor=ACTOR,
            username="officer2",
            password=core_demo.DEMO_PASSWORD,
            full_name="演示执法人员二",
            primary_org=bureau.org,
        )
        core_services.membership_grant(
            actor=ACTOR, user=officer2, org=bureau.org, role=Role.OFFICER, data_scope=DataScope.SELF
        )
        self.users["officer2"] = officer2
        core_services.membership_grant(
            actor=ACTOR, user=self.users["reviewer"], org=bureau.org, role=Role.REVIEWER
        )
        self.demo_officers: list[tuple[Officer, Certificate, User]] = []
        for i, username in enumerate(["officer", "officer2"], start=1):
            user = self.users[username]
            o = catalogue.officer_save(actor=ACTOR, body=bureau, name=user.full_name, user=user)
            c = catalogue.certificate_issue(
                actor=ACTOR,
                officer=o,
                number=f"演示-430102-D{i:04d}",
                fields=list(bureau.fields.all()),
                issuer=CERT_ISSUER,
                valid_from=dt.date(2018, 6, 1),
                valid_to=CERT_VALID_TO,
            )
            self.demo_officers.append((o, c, user))

    # -- campaigns (services) -----------------------------------------------------------------

    def campaigns(self) -> None:
        b = self.bodies
        env = campaign_services.campaign_create(
            actor=ACTOR,
            name="蓝天保卫战",
            kind=CampaignKind.CAMPAIGN,
            field=self.fields["ecology-environment"],
            lead=b["芙蓉生态环境分局"],
            starts_on=JAN1,
            ends_on=DEC31,
            bodies=[b["区行政执法局"], b["区市场监管局"], b["区应急管理局"]],
            description="禁燃区散煤、建筑工地扬尘、露天焚烧、餐饮油烟等大气污染防治联合执法。",
        )
        self.campaign_by_name: dict[str, Campaign] = {env.name: env}
        self.market_campaigns: list[Campaign] = []
        for i, (name, field) in enumerate(MARKET_RECTIFICATIONS):
            start = dt.date(YEAR, 1 + i % 9, 1 + (i * 7) % 20)
            c = campaign_services.campaign_create(
                actor=ACTOR,
                name=name,
                kind=CampaignKind.RECTIFICATION,
                field=self.fields[field],
                lead=b["区市场监管局"],
                bodies=[b["区行政执法局"]],
                starts_on=start,
                ends_on=min(DEC31, start + dt.timedelta(days=120 + 11 * i)),
                description="演示数据" if i > 3 else "见2019年度法治政府建设情况报告一(五)1",
            )
            self.market_campaigns.append(c)
            self.campaign_by_name[name] = c
        self.bureau_campaigns = []
        for i, name in enumerate(BUREAU_RECTIFICATIONS):
            c = campaign_services.campaign_create(
                actor=ACTOR,
                name=name,
                kind=CampaignKind.RECTIFICATION,
                field=self.fields["urban-management"],
                lead=b["区行政执法局"],
                starts_on=dt.date(YEAR, 3 + 3 * i, 1),
                ends_on=dt.date(YEAR, 5 + 3 * i, 30),
                bodies=[b["区市场监管局"]],
                description="演示数据",
            )
            self.bureau_campaigns.append(c)
        self.safety_campaigns = [
            campaign_services.campaign_create(
                actor=ACTOR,
                name=name,
                kind=CampaignKind.RECTIFICATION,
                field=self.fields["work-safety"],
                lead=b["区应急管理局"],
                starts_on=start,
                ends_on=end,
                description="见2019年度法治政府建设情况报告一(五)1",
            )
            for name, start, end in [
                ("打非治违专项行动", dt.date(YEAR, 3, 1), dt.date(YEAR, 11, 30)),
                ("安全生产百日行动", dt.date(YEAR, 8, 1), dt.date(YEAR, 11, 10)),
            ]
        ]
        self.verification = campaign_services.campaign_create(
            actor=ACTOR,
            name="2019年度医疗机构校验",
            kind=CampaignKind.CAMPAIGN,
            field=self.fields["medical-verification"],
            lead=b["区卫生健康局"],
            starts_on=dt.date(YEAR, 1, 2),
            ends_on=dt.date(YEAR, 6, 28),
            description="医疗机构执业许可证校验（医疗机构管理条例第二十二条 ⚠）。",
        )
        self.health_check = campaign_services.campaign_create(
            actor=ACTOR,
            name="医疗机构依法执业专项检查",
            kind=CampaignKind.CAMPAIGN,
            field=self.fields["medical-care"],
            lead=b["区卫生健康局"],
            starts_on=dt.date(YEAR, 4, 1),
            ends_on=dt.date(YEAR, 10, 31),
            description="演示数据",
        )

    # -- officers and certificates (bulk) -----------------------------------------------------

    def officers(self) -> None:
        L = self.loader
        through = Certificate.fields.through
        self.pool: dict[str, list[tuple[int, int, str]]] = {}
        n = 0
        for short, count in OFFICERS.items():
            body = self.bodies[short]
            field_ids = list(body.fields.values_list("pk", flat=True))
            pool = []
            if short == "区行政执法局":
                pool = [(o.pk, c.pk, o.name) for o, c, _u in self.demo_officers]
            for i in range(count + RETIRED_PER_BODY):
                n += 1
                retired = i >= count
                name = f"执法人员{n:04d}"
                oid = L.add(Officer, name=name, body_id=body.pk, is_active=not retired)
                start = dt.date(2017, 7, 1) + dt.timedelta(days=self.py.randrange(540))
                number = f"演示-430102-{n:05d}"
                cid = L.add(
                    Certificate,
                    officer_id=oid,
                    number=number,
                    issuer=CERT_ISSUER,
                    valid_from=start if not retired else dt.date(2013, 12, 1),
                    valid_to=CERT_VALID_TO if not retired else dt.date(2018, 11, 30),
                    status="valid",
                )
                for fid in field_ids:
                    L.add(through, certificate_id=cid, enforcementfield_id=fid)
                L.event(
                    subject_type="enforcement.officer",
                    subject_id=oid,
                    subject_label=name,
                    org_id=body.org.pk,
                    org_name=body.org.name,
                    data={"name": name, "active": not retired, "certificate": number},
                    plain=True,
                )
                if not retired:
                    pool.append((oid, cid, name))
            self.pool[short] = pool

    # -- cases (bulk) -------------------------------------------------------------------------

    def plan_cases(self, sector: Sector) -> None:
        plans = self._plans(sector)
        self._fit_fines(sector, plans)
        self._dates(sector, plans)
        for p, source in zip(plans, self.pick(sector.sources, len(plans)), strict=True):
            p.sector = sector
            p.source = source
            if p.procedure == "summary":
                p.source = "campaign" if sector.campaign else "patrol"
        self.by_sector[sector.key] = plans

    def write_cases(self) -> None:
        """Per body, all sectors together: case numbers in order of receipt, decision
        numbers in order of decision, each series per year."""
        bodies: dict[str, list[_Plan]] = defaultdict(list)
        for sector in SECTORS:
            bodies[sector.body] += self.by_sector[sector.key]
        for short, plans in bodies.items():
            order = {id(p): k for k, p in enumerate(plans)}
            plans.sort(key=lambda p: (p.received, order[id(p)]))
            body = self.bodies[short]
            decided = sorted(
                (p for p in plans if p.decided), key=lambda p: (p.decided, order[id(p)])
            )
            for p in decided:
                p.decision_no = self.next_number(
                    body.org, "enf-decision", p.decided.year, body.doc_prefix or "芙执罚决",
                    "{prefix}〔{year}〕{n}号",
                )  # fmt: skip
            notified = sorted(
                (p for p in plans if p.notified), key=lambda p: (p.notified, order[id(p)])
            )
            for p in notified:
                p.notice_no = self.next_number(
                    body.org, "enf-notice", p.notified.year, notice_prefix(body.doc_prefix),
                    "{prefix}〔{year}〕{n}号",
                )  # fmt: skip
            self._write_cases(short, plans)

    def _plans(self, s: Sector) -> list[_Plan]:
        plans: list[_Plan] = []
        for procedure, outcome, party, n in s.counts:
            if procedure == "summary":
                weights = s.summary_person if party == "person" else s.summary_org
                assert weights is not None
                for code in self.pick(weights, n):
                    plans.append(_Plan(code, "summary", outcome, party, counted=True))
            else:
                for code, kind in zip(
                    self.pick(s.general, n), self.pick(s.parties, n), strict=True
                ):
                    plans.append(_Plan(code, "general", outcome, kind, counted=True))
        for code, kind in zip(
            self.pick(s.general, s.dropped), self.pick(s.parties, s.dropped), strict=True
        ):
            plans.append(_Plan(code, "general", "dropped", kind))
        for code, kind in zip(
            self.pick(s.general, s.tail), self.pick(s.parties, s.tail), strict=True
        ):
            outcome = "fine" if self.py.random() < 0.8 else "no_penalty"
            plans.append(_Plan(code, "general", outcome, kind, tail=True))
        for p in plans:
            bands = self.bands[p.item]
            if p.outcome != "fine":
                continue
            if p.procedure == "summary":
                cap = 50 if p.party == "person" else 1000
                choices = [20, 50, 50] if cap == 50 else [100, 200, 300, 500, 1000]
                for band in bands:
                    ok = [c for c in choices if band.fine_min <= c <= min(band.fine_max, cap)]
                    if ok:
                        break
                p.band, p.fine = band, self.py.choice(ok)
            else:
                usable = [b for b in bands if b.fine_max > 50]
                w = list(s.bias[: len(usable)]) or [1.0]
                w += [w[-1]] * (len(usable) - len(w))
                p.band = self.py.choices(usable, weights=w)[0]
        return plans

    def _fit_fines(self, s: Sector, plans: list[_Plan]) -> None:
        """General-procedure fines within their bands, summing exactly to the sector's total
        (with the summary fines) where the seed states one."""
        fit = [p for p in plans if p.procedure == "general" and p.outcome == "fine"]
        counted = [p for p in fit if p.counted]
        rest = [p for p in fit if not p.counted]
        fixed = sum(p.fine for p in plans if p.counted and p.procedure == "summary")
        target = None if s.fines is None else s.fines - fixed
        for group, goal in ((counted, target), (rest, None)):
            if not group:
                continue
            lo = np.array([int(p.band.fine_min) for p in group], dtype=np.int64)
            hi = np.array([int(p.band.fine_max) for p in group], dtype=np.int64)
            for p, f in zip(group, _fit(lo, hi, goal, self.rng), strict=True):
                p.fine = int(f)
        for p in plans:
            if p.outcome == "fine" and Decimal(p.fine) >= self.major_fine:
                p.major = True
                p.discussion = p.fine >= 50_000

    def _dates(self, s: Sector, plans: list[_Plan]) -> None:
        general = [p for p in plans if p.procedure == "general" and p.outcome != "dropped"]
        closing = [p for p in general if not p.tail]
        self._general_dates(closing, JAN1, dt.date(YEAR, 11, 22))
        self._general_dates([p for p in general if p.tail], dt.date(YEAR, 12, 2), DEC31)
        summary = [p for p in plans if p.procedure == "summary"]
        if summary:
            recv = self.workdays_between(JAN1, dt.date(YEAR, 12, 27), len(summary))
            for _try in range(20):
                paid = recv + self.rng.integers(0, 4, len(recv)).astype("timedelta64[D]")
                closed = self.wd_add(paid, self.wd(0, 2, len(recv)))
                late = closed > np.datetime64(DEC31)
                if not late.any():
                    break
                recv[late] = self.workdays_between(JAN1, dt.date(YEAR, 12, 20), int(late.sum()))
            for p, r, pd, c in zip(summary, _d(recv), _d(paid), _d(closed), strict=True):
                p.received = p.decided = p.served = r
                p.paid = pd if p.fine else None
                p.closed = c
        dropped = [p for p in plans if p.outcome == "dropped"]
        if dropped:
            recv = self.workdays_between(JAN1, dt.date(YEAR, 12, 20), len(dropped))
            closed = self.wd_add(recv, self.wd(1, 5, len(recv)))
            for p, r, c in zip(dropped, _d(recv), _d(closed), strict=True):
                p.received, p.closed = r, c
        for p in plans:
            if p.closed:
                arch = p.closed + dt.timedelta(days=self.py.randrange(7, 30))
                if arch <= DEC31 or p.tail:
                    p.archived = arch

    def _general_dates(self, plans: list[_Plan], first: dt.date, last: dt.date) -> None:
        if not plans:
            return
        n = len(plans)
        tail = first.month == 12
        recv = self.workdays_between(first, last, n)
        major = np.array([p.major for p in plans])
        disc = np.array([p.discussion for p in plans])
        fine = np.array([p.fine > 0 for p in plans])
        for _try in range(30):
            reg = self.wd_add(recv, self.wd(0, 2, n))
            notified = self.wd_add(reg, self.wd(5, 20, n))
            submitted = self.wd_add(notified, self.wd(4, 5, n))
            reviewed = self.wd_add(submitted, self.wd(1, 3, n))
            discussed = self.wd_add(reviewed, 1)
            decided = self.wd_add(notified, self.wd(4, 8, n))
            decided = np.where(major, self.wd_add(reviewed, self.wd(1, 2, n)), decided)
            decided = np.where(disc, self.wd_add(discussed, 1), decided)
            if tail:
                floor = self.wd_add(np.full(n, np.datetime64(DEC31)), self.wd(1, 12, n))
                decided = np.maximum(decided, floor)
            served = self.wd_add(decided, self.wd(0, 2, n))
            paid = served + self.rng.integers(1, 15, n).astype("timedelta64[D]")
            done = np.where(fine, paid, served)
            closed = self.wd_add(done, self.wd(1, 5, n))
            published = self.wd_add(decided, _publish_delay(self.rng, n))
            if tail:
                break
            late = closed > np.datetime64(DEC31)
            if not late.any():
                break
            recv[late] = self.workdays_between(first, dt.date(YEAR, 9, 30), int(late.sum()))
        cols = [_d(a) for a in (recv, reg, notified, submitted, reviewed, discussed)]
        cols += [_d(a) for a in (decided, served, paid, closed, published)]
        for p, row in zip(plans, zip(*cols, strict=True), strict=True):
            (p.received, p.registered, p.notified, p.submitted, p.reviewed, p.discussed) = row[:6]
            p.decided, p.served, paid_on, p.closed, p.published = row[6:]
            p.paid = paid_on if p.fine else None
            if not p.major:
                p.submitted = p.reviewed = None
            if not p.discussion:
                p.discussed = None

    def _write_cases(self, short: str, plans: list[_Plan]) -> None:
        L = self.loader
        body = self.bodies[short]
        org = body.org
        pool = self.pool[short]
        reviewer = self.users["reviewer"] if short == "区行政执法局" else None
        demo = self.demo_officers if short == "区行政执法局" else []
        for i, p in enumerate(plans):
            campaign = self.campaign_by_name.get(p.sector.campaign)
            item = self.items[p.item]
            party = self.party(p.party, p.sector.key)
            act = self.acts[p.item]
            street = self.streets[i % len(self.streets)].short_name
            # officers: the demo users lead about one bureau case in a hundred
            handler_id = None
            if demo and p.procedure == "general" and i % 97 == 5:
                lead_o, lead_c, user = demo[(i // 97) % 2]
                lead = (lead_o.pk, lead_c.pk, lead_o.name)
                other = demo[1 - (i // 97) % 2][:2]
                second = (other[0].pk, other[1].pk, other[0].name)
                handler_id = user.pk
            else:
                a, b = self.py.sample(range(len(pool)), 2)
                lead, second = pool[a], pool[b]
            team = [lead] if p.procedure == "summary" else [lead, second]
            s_case, n_case, case_no = self.next_number(
                org, "enf-case", p.received.year, (body.doc_prefix or "芙执") + "案",
                "{prefix}〔{year}〕{n}号",
            )  # fmt: skip
            outcome = {
                "fine": Outcome.PENALTY,
                "warning": Outcome.PENALTY,
                "no_penalty": Outcome.NO_PENALTY,
                "first_offence": Outcome.FIRST_OFFENCE,
                "dropped": Outcome.DROPPED,
            }[p.outcome]
            kinds = ["fine"] if p.fine else (["warning"] if p.outcome == "warning" else [])
            if p.outcome == "dropped":
                status = CaseStatus.DROPPED
                version = 2
            else:
                status = CaseStatus.ARCHIVED if p.archived else CaseStatus.CLOSED
                version = (4 if p.procedure == "summary" else 8) + bool(p.archived)
                version += 2 * p.major + p.discussion
            fine = Decimal(p.fine)
            title = f"{party['party_name']}{act}案"
            facts = f"{_cn(p.received)}，当事人在芙蓉区{street}辖区{act}。"
            case_id = L.add(
                Case,
                number=case_no,
                org_id=org.pk,
                title=title[:300],
                status=status,
                received_on=p.received,
                closed_on=p.closed,
                handler_id=handler_id,
                version=version,
                body_id=body.pk,
                field_id=item.field_id,
                item_id=item.pk,
                campaign_id=campaign.pk if campaign else None,
                source=p.source,
                source_ref="",
                procedure=p.procedure,
                party_kind=p.party,
                party_name=party["party_name"],
                party_id_number=party.get("party_id_number", ""),
                party_credit_code=party.get("party_credit_code", ""),
                party_legal_rep=party.get("party_legal_rep", ""),
                party_address=party["party_address"],
                party_phone="",
                facts=facts,
                registered_on=p.registered,
                proposed_fine=fine if p.procedure == "general" and p.decided else None,
                proposed_band_id=p.band.pk if p.band and p.procedure == "general" else None,
                proposed_kinds=kinds if p.procedure == "general" else [],
                is_major=p.major,
                major_reasons=[self.major_name] if p.major else [],
                needs_discussion=p.discussion,
                notified_on=p.notified,
                notice_number=p.notice_no[2] if p.notice_no else "",
                statements_waived=False,
                outcome=outcome,
                archived_on=p.archived,
            )
            p.case_id = case_id
            self.issued(s_case, n_case, case_no, p.received, "enforcement.case", case_id)
            if p.notice_no:
                s_not, n_not, notice_no = p.notice_no
                self.issued(s_not, n_not, notice_no, p.notified, "enforcement.case", case_id)
            for j, (oid, cid, _name) in enumerate(team):
                L.add(CaseOfficer, case_id=case_id, officer_id=oid, certificate_id=cid,
                      is_lead=j == 0)  # fmt: skip
            if p.procedure == "general":
                L.add(Evidence, case_id=case_id, kind="scene", title="现场检查（勘验）笔录",
                      collected_on=p.registered or p.received, collected_by_id=lead[0])  # fmt: skip
                if p.outcome != "dropped":
                    L.add(Evidence, case_id=case_id, kind="inquiry", title="询问笔录",
                          collected_on=p.notified, collected_by_id=second[0])  # fmt: skip
            data: dict[str, Any] = {
                "number": case_no,
                "field": item.field_id,
                "item": item.code,
                "procedure": p.procedure,
                "party": party["party_name"],
                "received_on": _iso(p.received),
                "registered_on": _iso(p.registered),
                "notice": p.notice_no[2] if p.notice_no else "",
                "officers": [t[2] for t in team],
                "status": str(status),
                "closed_on": _iso(p.closed),
            }
            if p.decided:
                s_dec, n_dec, dec_no = p.decision_no
                basis = item.penalty_basis or item.legal_basis
                dec_id = L.add(
                    Decision,
                    case_id=case_id,
                    number=dec_no,
                    decided_on=p.decided,
                    outcome=outcome,
                    kinds=kinds,
                    fine=fine,
                    confiscated=Decimal(0),
                    basis=basis,
                    band_id=p.band.pk if p.band else None,
                    served_on=p.served,
                    service_method="当场交付" if p.procedure == "summary"
                    else self.py.choice(SERVICE_METHODS),
                )  # fmt: skip
                self.issued(s_dec, n_dec, dec_no, p.decided, "enforcement.case", case_id)
                if (
                    p.registered
                    and self._market(item)
                    and rules.has_period(rules.MARKET_DECISION, p.registered)
                ):
                    self._decision_clock(body, case_id, case_no, p)
                if p.paid:
                    L.add(Payment, decision_id=dec_id, paid_on=p.paid, amount=fine, kind="fine",
                          receipt=f"FK{p.paid.year}{case_id:08d}")  # fmt: skip
                if p.major:
                    L.add(
                        LegalReview,
                        case_id=case_id,
                        submitted_on=p.submitted,
                        reviewer_id=reviewer.pk if reviewer else None,
                        decided_on=p.reviewed,
                        opinion="pass",
                        reasons="事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。",
                    )
                if p.discussion:
                    L.add(Discussion, case_id=case_id, held_on=p.discussed,
                          attendees="本机关负责人集体讨论（演示数据）",
                          conclusion="同意按拟处理意见作出处罚决定。")  # fmt: skip
                if p.procedure == "general" and outcome == Outcome.PENALTY:
                    self._publish(body, p, party, facts, dec_id, dec_no, basis, case_id)
                data.update(decision=dec_no, decided_on=_iso(p.decided), outcome=str(outcome))
                data.update(fine=str(fine))
                data.update(band=p.band.code if p.band else "", major=p.major)
            L.event(
                subject_type="enforcement.case",
                subject_id=case_id,
                subject_label=f"{case_no} {title}",
                org_id=org.pk,
                org_name=org.name,
                data=data,
                plain=True,
            )

    def _publish(self, body, p: _Plan, party, facts, dec_id, dec_no, basis, case_id) -> None:
        case = Case(body=body, party_kind=p.party, facts=facts, **party)
        d = Decision(
            case=case,
            number=dec_no,
            outcome=Outcome.PENALTY,
            fine=Decimal(p.fine),
            basis=basis,
            decided_on=p.decided,
        )
        title, text = publicity.decision_text(d)
        self.loader.add(
            Publication, decision_id=dec_id, published_on=p.published, title=title, text=text
        )
        rule_id, version_id, due = self.deadline(rules.PUBLICITY, p.decided)
        self.loader.add(
            Clock,
            subject_type="enforcement.case",
            subject_id=str(case_id),
            subject_label=f"{dec_no} {party['party_name']}"[:300],
            org_id=body.org.pk,
            handler_id=None,
            rule_id=rule_id,
            version_id=version_id,
            label="执法决定公示期限",
            started_on=p.decided,
            due_on=due,
            stopped_on=p.published,
            paused=False,
        )

    def _market(self, item) -> bool:
        codes = getattr(self, "_field_codes", None)
        if codes is None:
            codes = self._field_codes = {f.pk: code for code, f in self.fields.items()}
        return codes.get(item.field_id) in rules.MARKET_FIELDS

    def _decision_clock(self, body, case_id, case_no, p: _Plan) -> None:
        """The CF-2b decision deadline a market-supervision case ran under from 立案 (what
        ``services.cases.register`` starts), stopped by the decision."""
        rule_id, version_id, due = self.deadline(rules.MARKET_DECISION, p.registered)
        self.loader.add(
            Clock,
            subject_type="enforcement.case",
            subject_id=str(case_id),
            subject_label=str(case_no)[:300],
            org_id=body.org.pk,
            handler_id=None,
            rule_id=rule_id,
            version_id=version_id,
            label="作出处罚决定期限",
            started_on=p.registered,
            due_on=due,
            stopped_on=p.decided,
            paused=False,
        )

    # -- operations, inspections, sampling (bulk) --------------------------------------------

    def operations(self) -> None:
        env = self.campaign_by_name["蓝天保卫战"]
        n = ENV_JOINT + ENV_SINGLE
        joint = np.zeros(n, dtype=bool)
        joint[self.rng.choice(n, ENV_JOINT, replace=False)] = True
        lo = np.where(joint, 30, 6)
        hi = np.where(joint, 160, 80)
        start = np.where(joint, self.rng.integers(50, 110, n), self.rng.integers(12, 45, n))
        pt = _fit(lo, hi, ENV_PERSON_TIMES, self.rng, start=start, step=1)
        days = np.sort(self.rng.choice(self.days, n))
        self._ops(env, _d(days), pt, joint)
        # the 22 market rectifications: 310 operations, each at least 5
        counts = [5] * len(self.market_campaigns)
        for k in self.rng.choice(len(counts), MARKET_OPERATIONS - 5 * len(counts)):
            counts[k] += 1
        for c, k in zip(self.market_campaigns, counts, strict=True):
            self._campaign_ops(c, k, (4, 30), 0.3)
        for c in self.bureau_campaigns:
            self._campaign_ops(c, 14, (8, 40), 0.5)
        for c, k in zip(self.safety_campaigns, (60, 50), strict=True):
            self._campaign_ops(c, k, (4, 20), 0.0)

    def _campaign_ops(self, c: Campaign, k: int, span: tuple[int, int], joint_share: float):
        days = np.arange(np.datetime64(c.starts_on), np.datetime64(c.ends_on) + 1)
        on = np.sort(self.rng.choice(days, k))
        pt = self.rng.integers(span[0], span[1] + 1, k)
        joint = self.rng.random(k) < joint_share
        self._ops(c, _d(on), pt, joint)

    def _ops(self, c: Campaign, days, person_times, joint) -> None:
        org = self.org_by_id[c.lead.org_id]
        for day, pt, j in zip(days, person_times, joint, strict=True):
            street = self.py.choice(self.streets).short_name
            place = f"{street}{self.py.choice(PLACES)}"
            op = self.loader.add(
                Operation, campaign_id=c.pk, on=day, person_times=int(pt), joint=bool(j),
                place=place,
            )  # fmt: skip
            self.loader.event(
                subject_type="enforcement.campaign",
                subject_id=c.pk,
                subject_label=c.name,
                org_id=org.pk,
                org_name=org.name,
                data={"operation": op, "on": _iso(day), "person_times": int(pt),
                      "joint": bool(j), "place": place},
                plain=True,
            )  # fmt: skip

    def inspections(self) -> None:
        """8,132 safety inspections (2,400 in 打非治违, 2,000 in 百日行动, the rest routine),
        186 of them leading to the safety cases; 260 verifications and 140 routine checks of
        medical institutions."""
        safety = self.bodies["区应急管理局"]
        daf, bai = self.safety_campaigns
        groups = [(daf, 2400), (bai, 2000), (None, SAFETY_INSPECTIONS - 4400)]
        rows: list[tuple[Campaign | None, dt.date]] = []
        for c, k in groups:
            first, last = (c.starts_on, c.ends_on) if c else (JAN1, DEC31)
            rows += [(c, day) for day in _d(self.workdays_between(first, last, k))]
        order = self.rng.permutation(len(rows))
        cases = [p for p in self.by_sector["safety"] if p.counted]
        led_to = {int(order[k]): p for k, p in enumerate(cases)}
        for i, (c, day) in enumerate(rows):
            p = led_to.get(i)
            if p is not None:
                day = p.received
                if c is not None and not c.starts_on <= day <= c.ends_on:
                    c = None
                result, findings = "case", self.acts[p.item]
            elif self.py.random() < 0.36:
                result, findings = "issues", self.py.choice(FINDINGS_SAFETY)
            else:
                result, findings = "clean", ""
            self._inspection(safety, c, day, result, findings, p.case_id if p else None, "org")
        health = self.bodies["区卫生健康局"]
        for c, k in ((self.verification, HEALTH_VERIFIED), (self.health_check, HEALTH_ROUTINE)):
            for day in _d(self.workdays_between(c.starts_on, c.ends_on, k)):
                issues = self.py.random() < 0.12
                self._inspection(
                    health,
                    c,
                    day,
                    "issues" if issues else "clean",
                    self.py.choice(FINDINGS_HEALTH) if issues else "",
                    None,
                    "clinic",
                )

    def _inspection(self, body, campaign, day, result, findings, case_id, kind) -> None:
        self.party_n += 1
        n = self.party_n
        if kind == "clinic":
            name = f"示例{CLINICS[n % len(CLINICS)]}{n:05d}"
            code = identity.generate_credit_code(f"52430102{n:08d}")
        else:
            name = f"示例{COMPANIES[n % len(COMPANIES)]}有限公司{n:05d}"
            code = identity.generate_credit_code(f"91430102{n:08d}")
        iid = self.loader.add(
            Inspection,
            body_id=body.pk,
            campaign_id=campaign.pk if campaign else None,
            unit_name=name,
            unit_credit_code=code,
            inspected_on=day,
            result=result,
            findings=findings,
            case_id=case_id,
        )
        self.loader.event(
            subject_type="enforcement.inspection",
            subject_id=iid,
            subject_label=f"{name} {day.isoformat()}",
            org_id=body.org.pk,
            org_name=body.org.name,
            data={"unit": name, "credit_code": code, "on": _iso(day), "result": result,
                  "campaign": campaign.pk if campaign else None, "case": case_id},
            plain=True,
        )  # fmt: skip

    def sampling(self) -> None:
        body = self.bodies["区市场监管局"]
        org = body.org
        food_cases = [p for p in self.by_sector["food"] if p.case_id and not p.tail]
        sampled_cases = [p for p in food_cases if p.counted][:40]
        products = self.pick(SAMPLED_PRODUCTS, SAMPLES)
        days = _d(self.workdays_between(JAN1, DEC31, SAMPLES))
        fails = set(self.rng.choice(SAMPLES, 290, replace=False).tolist())
        by_case = dict(zip(sorted(fails)[: len(sampled_cases)], sampled_cases, strict=False))
        market = [c for c in self.market_campaigns if c.field_id == self.fields["food-safety"].pk]
        for i, (product, day) in enumerate(zip(products, days, strict=True)):
            p = by_case.get(i)
            if p is not None:
                day = p.received
            campaign = None
            if i % 3 == 0:
                c = market[i % len(market)]
                if c.starts_on <= day <= c.ends_on:
                    campaign = c
            unit = (
                f"示例农贸市场{i % 37 + 1:02d}号{i % 120 + 1:03d}摊位"
                if i % 2
                else f"示例超市{i % 90 + 1:03d}"
            )
            result = "fail" if i in fails else "pass"
            sid = self.loader.add(
                SamplingBatch,
                body_id=body.pk,
                campaign_id=campaign.pk if campaign else None,
                product=product,
                unit_name=unit,
                sampled_on=day,
                result=result,
                case_id=p.case_id if p else None,
            )
            self.loader.event(
                subject_type="enforcement.samplingbatch",
                subject_id=sid,
                subject_label=f"{product} {day.isoformat()}",
                org_id=org.pk,
                org_name=org.name,
                data={"product": product, "unit": unit, "on": _iso(day), "result": result,
                      "case": p.case_id if p else None},
                plain=True,
            )  # fmt: skip

    # -- the grid (services for cells and categories, bulk for reports) ----------------------

    def grid_setup(self) -> None:
        grid_services.categories_load(actor=ACTOR)
        gov = self.orgs["区政府"]
        district = grid_services.cell_save(
            actor=ACTOR, code="FR", name="芙蓉区", level=GridLevel.DISTRICT, org=gov
        )
        self.cells: list[GridCell] = []
        for i, street in enumerate(self.streets, start=1):
            sc = grid_services.cell_save(
                actor=ACTOR,
                code=f"FR-{i:02d}",
                name=street.short_name,
                level=GridLevel.STREET,
                org=street,
                parent=district,
            )
            communities = Organisation.objects.filter(parent=street).order_by("pk")
            for j, comm in enumerate(communities, start=1):
                self.cells.append(
                    grid_services.cell_save(
                        actor=ACTOR,
                        code=f"FR-{i:02d}-{j:02d}",
                        name=comm.short_name,
                        level=GridLevel.COMMUNITY,
                        org=comm,
                        parent=sc,
                    )
                )
        self.categories = list(GridCategory.objects.order_by("code"))
        self.grid_root = gov

    def grid(self) -> None:
        L = self.loader
        total = GRID_ACCEPTED + GRID_INVALID
        w = np.where(self.cal.is_workday_vec(self.days), 1.0, 0.55)
        received = np.sort(self.rng.choice(self.days, total, p=w / w.sum()))
        invalid = np.zeros(total, dtype=bool)
        invalid[self.rng.choice(total, GRID_INVALID, replace=False)] = True
        # Handling time in steps of the category's own limit (CG-1…CG-4): k fifths of it,
        # so most reports finish inside the limit and about one in ten runs over.
        k = self.rng.choice(9, total, p=[0.18, 0.30, 0.22, 0.12, 0.08, 0.05, 0.025, 0.015, 0.01])
        returns = self.rng.random(total) < 0.03
        cat_w = np.array([GRID_WEIGHTS.get(c.code, 0.5) for c in self.categories])
        cats = self.rng.choice(len(self.categories), total, p=cat_w / cat_w.sum())
        limits = [self._grid_limit(c.rule_code) for c in self.categories]
        length = np.array([n for n, _wd in limits])[cats]
        in_workdays = np.array([wd for _n, wd in limits])[cats]
        steps = np.rint((k + 2 * returns) * length / 5).astype(np.int64)
        handled = np.where(
            in_workdays, self.wd_add(received, steps), received + steps.astype("timedelta64[D]")
        )
        closed = handled + (self.rng.random(total) < 0.3).astype("timedelta64[D]")
        invalid_closed = received + self.rng.integers(0, 2, total).astype("timedelta64[D]")
        cell_w = self.rng.lognormal(0, 0.5, len(self.cells))
        cells = self.rng.choice(len(self.cells), total, p=cell_w / cell_w.sum())
        reporter = self.pick({"grid_officer": 70, "public": 12, "patrol": 10, "hotline": 8}, total)
        supervised = self._supervised(received, closed, invalid, cats)
        days = [_d(a) for a in (received, handled, closed, invalid_closed)]
        labels = {"grid_officer": "网格员", "public": "市民", "patrol": "巡查员", "hotline": "热线"}
        cat_rows = [(c.pk, c.code, c.name, c.rule_code, c) for c in self.categories]
        cell_rows = []
        for c in self.cells:
            org = self.org_by_id[c.org_id]
            cell_rows.append((c.pk, c.code, c.name, org.pk, org.name, org))
        kind, prefix = grid_services.NUMBER_KIND, grid_services.NUMBER_PREFIX
        pattern = grid_services.NUMBER_PATTERN
        add, event, issued = L.add, L.event, self.issued
        for i, (recv, hand, clo, inv_clo) in enumerate(zip(*days, strict=True)):
            cat_id, cat_code, cat_name, rule_code, cat = cat_rows[cats[i]]
            cell_id, cell_code, cell_name, org_id, org_name, org = cell_rows[cells[i]]
            series, n, number = self.next_number(self.grid_root, kind, YEAR, prefix, pattern)
            location = f"{cell_name}辖区示例点位{i % 200 + 1:03d}"
            title = f"{cat_name}：{location}"
            bad = bool(invalid[i])
            back = int(returns[i])
            rid = add(
                GridReport,
                number=number,
                org_id=org_id,
                title=title,
                status=GridStatus.INVALID if bad else GridStatus.CLOSED,
                received_on=recv,
                closed_on=inv_clo if bad else clo,
                version=2 if bad else 4 + 2 * back,
                cell_id=cell_id,
                category_id=cat_id,
                location=location,
                description=f"{labels[reporter[i]]}上报：{location}发现“{cat_name}”问题。",
                reporter_kind=reporter[i],
                dispatched_on=None if bad else recv,
                handled_on=None if bad else hand,
                verified_on=None if bad else clo,
                returns=0 if bad else back,
            )
            issued(series, n, number, recv, GRID_SUBJECT, rid)
            data: dict[str, Any] = {
                "number": number,
                "cell": cell_code,
                "category": cat_code,
                "received_on": recv.isoformat(),
                "status": "invalid" if bad else "closed",
            }
            if not bad:
                rule_id, version_id, due = self.deadline(rule_code, recv)
                add(
                    Clock,
                    subject_type=GRID_SUBJECT,
                    subject_id=str(rid),
                    subject_label=f"{number} {title}"[:300],
                    org_id=org_id,
                    rule_id=rule_id,
                    version_id=version_id,
                    label="处置时限",
                    started_on=recv,
                    due_on=due,
                    stopped_on=clo,
                    paused=False,
                )
                data["dispatched_on"] = data["received_on"]
                data["handled_on"] = hand.isoformat()
                data["closed_on"] = clo.isoformat()
                data["due_on"] = due.isoformat()
                data["on_time"] = clo <= due
                data["returns"] = back
                task = supervised.get(i)
                if task is not None:
                    data["task"] = self._task(task, number, title, org, cat, recv, clo)
            event(
                subject_type=GRID_SUBJECT,
                subject_id=rid,
                subject_label=f"{number} {title}",
                org_id=org_id,
                org_name=org_name,
                data=data,
                plain=True,
            )

    def _grid_limit(self, code: str) -> tuple[int, bool]:
        """(length, counted in working days) of a category's handling rule in the demo year."""
        version = core_rules.version_on(core_rules.resolve(code), dt.date(YEAR, 7, 1))
        if version.unit not in ("WD", "CD"):
            raise ValueError(f"grid rule {code} is not in days")
        return version.length, version.unit == "WD"

    def _supervised(self, received, closed, invalid, cats) -> dict[int, str]:
        """Which reports get a 督办 task: 5,046 closed in 2019 (counted), 24 whose task is
        accepted in January 2020 and 15 cancelled (not counted)."""
        appearance = np.array([c.major in APPEARANCE_MAJORS for c in self.categories])[cats]
        ok = appearance & ~invalid
        early = np.flatnonzero(ok & (closed <= np.datetime64(f"{YEAR}-12-20")))
        late = np.flatnonzero(ok & (received >= np.datetime64(f"{YEAR}-12-23")))
        chosen = self.rng.choice(early, GRID_SUPERVISED + 15, replace=False)
        out = {int(i): "closed" for i in chosen[:GRID_SUPERVISED]}
        out.update({int(i): "cancelled" for i in chosen[GRID_SUPERVISED:]})
        out.update({int(i): "closed-2020" for i in self.rng.choice(late, 24, replace=False)})
        return out

    def _task(self, kind, number, title, org, cat, recv, closed) -> str:
        L = self.loader
        pk = L.reserve(SupervisionTask)
        issued = min(closed, self.cal.add_workdays(recv, 1))
        if kind == "closed-2020":
            closed = max(closed, dt.date(YEAR + 1, 1, 2)) + dt.timedelta(days=self.py.randrange(5))
        status = "cancelled" if kind == "cancelled" else "closed"
        task_no = f"督办-{issued.year}-{pk:05d}"
        rule_id, version_id, due = self.deadline(grid_services.SUPERVISION_RULE, issued)
        L.add(
            SupervisionTask,
            id=pk,
            number=task_no,
            org_id=org.pk,
            title=f"专项督查督办：{number} {title}"[:300],
            status=status,
            received_on=issued,
            closed_on=closed,
            handler_id=None,
            version=2 if status == "cancelled" else 4,
            source=GRID_TASK_SOURCE,
            source_ref=number,
            description=(
                f"重点区域市容市貌专项督查发现：数字城管案卷 {number}（{cat.name}）。"
                "请立即整改并报送整改情况。"
            ),
            result="" if status == "cancelled" else "已整改到位，经核查通过。",
        )
        L.add(
            Clock,
            subject_type="core.supervisiontask",
            subject_id=str(pk),
            subject_label=f"{task_no} 专项督查督办：{number}"[:300],
            org_id=org.pk,
            handler_id=None,
            rule_id=rule_id,
            version_id=version_id,
            label="整改期限",
            started_on=issued,
            due_on=due,
            stopped_on=closed,
            paused=False,
        )
        L.event(
            subject_type="core.supervisiontask",
            subject_id=pk,
            subject_label=f"{task_no} 专项督查督办：{number}",
            org_id=org.pk,
            org_name=org.name,
            data={"number": task_no, "source": GRID_TASK_SOURCE, "ref": number,
                  "received_on": _iso(issued), "status": status, "closed_on": _iso(closed)},
            plain=True,
        )  # fmt: skip
        return task_no

    # -- after the bulk write -----------------------------------------------------------------

    def finish_numbers(self) -> None:
        """The series now stand at the last number the bulk path issued."""
        for key, series in self.series.items():
            NumberSeries.objects.filter(pk=series.pk).update(last_value=self.number_values[key])

    def evaluation(self) -> None:
        """The 2019 case-file evaluation, through its services: five cases per body drawn
        with seed 2019 and scored by the supervisor."""
        office = self.orgs["区委依法治区办"]
        rnd = evaluation_services.round_create(
            actor=ACTOR,
            org=office,
            name="2019年度行政执法案卷评查",
            year=YEAR,
            sample_per_body=5,
            seed=YEAR,
            started_on=dt.date(YEAR, 11, 4),
        )
        sheets = evaluation_services.round_draw(actor=ACTOR, round=rnd)
        reasons = [
            ("documents", "0.5", "文书个别栏目填写不完整"),
            ("procedure", "2", "告知书送达回证日期填写不规范"),
            ("evidence", "1", "现场照片未标注拍摄时间和地点"),
            ("discretion", "1", "裁量理由说明不充分"),
            ("law", "1", "处罚依据未引用到项"),
        ]
        for k, sheet in enumerate(sheets):
            picks = [reasons[(k + j) % len(reasons)] for j in range(k % 4)]
            deductions = [{"dimension": d, "points": pt, "reason": r} for d, pt, r in picks]
            evaluation_services.sheet_score(
                actor=ACTOR, sheet=sheet, deductions=deductions, on=dt.date(YEAR, 12, 6)
            )
        evaluation_services.round_finish(actor=ACTOR, round=rnd, on=dt.date(YEAR, 12, 13))


class _Plan:
    """One case before it is written."""

    __slots__ = (
        "item", "procedure", "outcome", "party", "counted", "tail", "band", "fine", "major",
        "discussion", "received", "registered", "notified", "submitted", "reviewed",
        "discussed", "decided", "served", "paid", "closed", "published", "archived",
        "case_id", "decision_no", "notice_no", "sector", "source",
    )  # fmt: skip

    def __init__(self, item, procedure, outcome, party, *, counted=False, tail=False):
        self.item, self.procedure, self.outcome, self.party = item, procedure, outcome, party
        self.counted, self.tail = counted, tail
        self.band = None
        self.fine = 0
        self.major = self.discussion = False
        self.received = self.registered = self.notified = self.submitted = None
        self.reviewed = self.discussed = self.decided = self.served = self.paid = None
        self.closed = self.published = self.archived = None
        self.case_id = None
        self.decision_no: Any = None
        self.notice_no: Any = None
        self.sector: Any = None
        self.source = ""


# ============================================================================================
# Pure helpers
# ============================================================================================


def _d(arr: np.ndarray) -> list[dt.date]:
    return arr.astype("datetime64[D]").astype(object).tolist()


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _publish_delay(rng: np.random.Generator, n: int) -> np.ndarray:
    """Working days from decision to publication: almost always within SZ-1's 7."""
    return rng.choice(
        np.arange(1, 11), n, p=[0.25, 0.25, 0.2, 0.12, 0.08, 0.05, 0.03, 0.012, 0.005, 0.003]
    )


def _fit(
    lo: np.ndarray,
    hi: np.ndarray,
    target: int | None,
    rng: np.random.Generator,
    *,
    start: np.ndarray | None = None,
    step: int | None = None,
) -> np.ndarray:
    """Integers within [lo, hi] each, skewed towards lo, summing exactly to ``target``
    (``None``: no target). Amounts stay on round steps (10, 50 or 100 yuan by the band's
    width) except the last few yuan, which one record absorbs."""
    lo, hi = lo.astype(np.int64), hi.astype(np.int64)
    n = len(lo)
    if target is not None and not lo.sum() <= target <= hi.sum():
        raise ValueError(f"cannot reach {target} within [{lo.sum()}, {hi.sum()}]")
    steps = (
        np.full(n, step)
        if step
        else np.where(hi - lo >= 5000, 100, np.where(hi - lo >= 500, 50, 10))
    )
    if start is None:
        alpha = 0.2 if target is None else (target - lo.sum()) / max(1, hi.sum() - lo.sum())
        u = np.clip(alpha * rng.exponential(1.0, n), 0, 1)
        start = lo + np.round(u * (hi - lo) / steps).astype(np.int64) * steps
    f = np.clip(start.astype(np.int64), lo, hi)
    if target is None:
        return f
    diff = int(target - f.sum())
    order = rng.permutation(n)
    for cap in (0.1, 0.3, 1.0):
        for i in order:
            if diff == 0:
                break
            s = int(steps[i])
            room = int(hi[i] - f[i]) if diff > 0 else int(f[i] - lo[i])
            room = min(room, max(s, int(cap * (hi[i] - lo[i]))))
            k = min(abs(diff) // s, room // s)
            if k:
                d = k * s if diff > 0 else -k * s
                f[i] += d
                diff -= d
    for i in order:
        if diff == 0:
            break
        room = int(hi[i] - f[i]) if diff > 0 else int(f[i] - lo[i])
        d = min(abs(diff), room)
        f[i] += d if diff > 0 else -d
        diff -= d if diff > 0 else -d
    if diff:
        raise ValueError(f"could not reach {target}: {diff} left")
    return f
