"""Campaigns and the records around cases: the seed's campaigns and rectifications
(services), and the year's operations, inspections and sample batches (bulk, one ledger
event each at its business date).

Seed figures reproduced here: 蓝天保卫战 121,947 person-times and 1,202 joint operations;
22 market rectifications run 310 times; 13,051 sample batches; 8,132 units inspected for
work safety; 260 medical institutions verified.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from ..models import Campaign, CampaignKind, Inspection, Operation, SamplingBatch
from ..services import campaigns as campaign_services
from .base import ACTOR, DEC31, JAN1, YEAR, Year, _d, _iso
from .cases import _fit

ENV_PERSON_TIMES, ENV_JOINT, ENV_SINGLE = 121_947, 1_202, 1_680
MARKET_OPERATIONS = 310
SAMPLES = 13_051
SAFETY_INSPECTIONS = 8_132
HEALTH_VERIFIED, HEALTH_ROUTINE = 260, 140

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
SAFETY_TRADES = ["industry", "construction", "retail", "food", "property", "chemicals"]
PLACES = ["建筑工地", "散煤经营点", "农贸市场周边", "餐饮集中区", "主次干道", "城中村"]
MARKETS = [
    "马王堆蔬菜批发市场",
    "东屯渡农贸市场",
    "五里牌农贸市场",
    "韭菜园农贸市场",
    "火星农贸市场",
    "荷花园农贸市场",
    "定王台农贸市场",
    "湘湖农贸市场",
]


def campaigns(y: Year) -> None:
    b = y.bodies
    env = campaign_services.campaign_create(
        actor=ACTOR,
        name="蓝天保卫战",
        kind=CampaignKind.CAMPAIGN,
        field=y.fields["ecology-environment"],
        lead=b["芙蓉生态环境分局"],
        starts_on=JAN1,
        ends_on=DEC31,
        bodies=[b["区行政执法局"], b["区市场监管局"], b["区应急管理局"]],
        description="禁燃区散煤、建筑工地扬尘、露天焚烧、餐饮油烟等大气污染防治联合执法。",
    )
    y.campaign_by_name: dict[str, Campaign] = {env.name: env}
    y.market_campaigns: list[Campaign] = []
    for i, (name, field) in enumerate(MARKET_RECTIFICATIONS):
        start = dt.date(YEAR, 1 + i % 9, 1 + (i * 7) % 20)
        c = campaign_services.campaign_create(
            actor=ACTOR,
            name=name,
            kind=CampaignKind.RECTIFICATION,
            field=y.fields[field],
            lead=b["区市场监管局"],
            bodies=[b["区行政执法局"]],
            starts_on=start,
            ends_on=min(DEC31, start + dt.timedelta(days=120 + 11 * i)),
            description="演示数据" if i > 3 else "见2019年度法治政府建设情况报告一(五)1",
        )
        y.market_campaigns.append(c)
        y.campaign_by_name[name] = c
    y.bureau_campaigns = []
    for i, name in enumerate(BUREAU_RECTIFICATIONS):
        c = campaign_services.campaign_create(
            actor=ACTOR,
            name=name,
            kind=CampaignKind.RECTIFICATION,
            field=y.fields["urban-management"],
            lead=b["区行政执法局"],
            starts_on=dt.date(YEAR, 3 + 3 * i, 1),
            ends_on=dt.date(YEAR, 5 + 3 * i, 30),
            bodies=[b["区市场监管局"]],
            description="演示数据",
        )
        y.bureau_campaigns.append(c)
    y.safety_campaigns = [
        campaign_services.campaign_create(
            actor=ACTOR,
            name=name,
            kind=CampaignKind.RECTIFICATION,
            field=y.fields["work-safety"],
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
    y.verification = campaign_services.campaign_create(
        actor=ACTOR,
        name="2019年度医疗机构校验",
        kind=CampaignKind.CAMPAIGN,
        field=y.fields["medical-verification"],
        lead=b["区卫生健康局"],
        starts_on=dt.date(YEAR, 1, 2),
        ends_on=dt.date(YEAR, 6, 28),
        description="医疗机构执业许可证校验（医疗机构管理条例第二十二条 ⚠）。",
    )
    y.health_check = campaign_services.campaign_create(
        actor=ACTOR,
        name="医疗机构依法执业专项检查",
        kind=CampaignKind.CAMPAIGN,
        field=y.fields["medical-care"],
        lead=b["区卫生健康局"],
        starts_on=dt.date(YEAR, 4, 1),
        ends_on=dt.date(YEAR, 10, 31),
        description="演示数据",
    )


# -- officers and certificates (bulk) -----------------------------------------------------


def operations(y: Year) -> None:
    env = y.campaign_by_name["蓝天保卫战"]
    n = ENV_JOINT + ENV_SINGLE
    joint = np.zeros(n, dtype=bool)
    joint[y.rng.choice(n, ENV_JOINT, replace=False)] = True
    lo = np.where(joint, 30, 6)
    hi = np.where(joint, 160, 80)
    start = np.where(joint, y.rng.integers(50, 110, n), y.rng.integers(12, 45, n))
    pt = _fit(lo, hi, ENV_PERSON_TIMES, y.rng, start=start, step=1)
    days = np.sort(y.rng.choice(y.days, n))
    _ops(y, env, _d(days), pt, joint)
    # the 22 market rectifications: 310 operations, each at least 5
    counts = [5] * len(y.market_campaigns)
    for k in y.rng.choice(len(counts), MARKET_OPERATIONS - 5 * len(counts)):
        counts[k] += 1
    for c, k in zip(y.market_campaigns, counts, strict=True):
        _campaign_ops(y, c, k, (4, 30), 0.3)
    for c in y.bureau_campaigns:
        _campaign_ops(y, c, 14, (8, 40), 0.5)
    for c, k in zip(y.safety_campaigns, (60, 50), strict=True):
        _campaign_ops(y, c, k, (4, 20), 0.0)


def _campaign_ops(y: Year, c: Campaign, k: int, span: tuple[int, int], joint_share: float):
    days = np.arange(np.datetime64(c.starts_on), np.datetime64(c.ends_on) + 1)
    on = np.sort(y.rng.choice(days, k))
    pt = y.rng.integers(span[0], span[1] + 1, k)
    joint = y.rng.random(k) < joint_share
    _ops(y, c, _d(on), pt, joint)


def _ops(y: Year, c: Campaign, days, person_times, joint) -> None:
    org = y.org_by_id[c.lead.org_id]
    for day, pt, j in zip(days, person_times, joint, strict=True):
        street = y.py.choice(y.streets).short_name
        place = f"{street}{y.py.choice(PLACES)}"
        op = y.loader.add(
            Operation, campaign_id=c.pk, on=day, person_times=int(pt), joint=bool(j),
            place=place,
        )  # fmt: skip
        y.loader.event(
            subject_type="enforcement.campaign",
            subject_id=c.pk,
            subject_label=c.name,
            org_id=org.pk,
            org_name=org.name,
            data={"operation": op, "on": _iso(day), "person_times": int(pt),
                  "joint": bool(j), "place": place},
            plain=True,
        )  # fmt: skip


def inspections(y: Year) -> None:
    """8,132 safety inspections (2,400 in 打非治违, 2,000 in 百日行动, the rest routine),
    186 of them leading to the safety cases; 260 verifications and 140 routine checks of
    medical institutions."""
    safety = y.bodies["区应急管理局"]
    y.safety_units = {}
    daf, bai = y.safety_campaigns
    groups = [(daf, 2400), (bai, 2000), (None, SAFETY_INSPECTIONS - 4400)]
    rows: list[tuple[Campaign | None, dt.date]] = []
    for c, k in groups:
        first, last = (c.starts_on, c.ends_on) if c else (JAN1, DEC31)
        rows += [(c, day) for day in _d(y.workdays_between(first, last, k))]
    order = y.rng.permutation(len(rows))
    cases = [p for p in y.by_sector["safety"] if p.counted]
    led_to = {int(order[k]): p for k, p in enumerate(cases)}
    for i, (c, day) in enumerate(rows):
        p = led_to.get(i)
        if p is not None:
            day = p.received
            if c is not None and not c.starts_on <= day <= c.ends_on:
                c = None
            result, findings = "case", y.acts[p.item]
        elif y.py.random() < 0.36:
            result, findings = "issues", y.py.choice(FINDINGS_SAFETY)
        else:
            result, findings = "clean", ""
        _inspection(y, safety, c, day, result, findings, p, "org")
    health = y.bodies["区卫生健康局"]
    for c, k in ((y.verification, HEALTH_VERIFIED), (y.health_check, HEALTH_ROUTINE)):
        for day in _d(y.workdays_between(c.starts_on, c.ends_on, k)):
            issues = y.py.random() < 0.12
            _inspection(
                y,
                health,
                c,
                day,
                "issues" if issues else "clean",
                y.py.choice(FINDINGS_HEALTH) if issues else "",
                None,
                "clinic",
            )


def _unit(y: Year, kind: str) -> dict[str, str]:
    """An inspected unit: a company met again on later inspections now and then, or —
    verified once a year — a clinic."""
    if kind == "clinic":
        return y.names.shop("clinic") if y.py.random() < 0.6 else y.names.company("clinic")
    slot = y.py.randrange(3000)
    hit = y.safety_units.get(slot)
    if hit is None:
        trade = y.py.choice(SAFETY_TRADES)
        hit = y.safety_units[slot] = y.names.company(trade)
    return hit


def _inspection(y: Year, body, campaign, day, result, findings, case, kind) -> None:
    unit = case.who if case is not None else _unit(y, kind)
    name, code = unit["party_name"], unit["party_credit_code"]
    case_id = case.case_id if case is not None else None
    iid = y.loader.add(
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
    y.loader.event(
        subject_type="enforcement.inspection",
        subject_id=iid,
        subject_label=f"{name} {day.isoformat()}",
        org_id=body.org.pk,
        org_name=body.org.name,
        data={"unit": name, "credit_code": code, "on": _iso(day), "result": result,
              "campaign": campaign.pk if campaign else None, "case": case_id},
        plain=True,
    )  # fmt: skip


def sampling(y: Year) -> None:
    body = y.bodies["区市场监管局"]
    org = body.org
    food_cases = [p for p in y.by_sector["food"] if p.case_id and not p.tail]
    sampled_cases = [p for p in food_cases if p.counted][:40]
    products = y.pick(SAMPLED_PRODUCTS, SAMPLES)
    days = _d(y.workdays_between(JAN1, DEC31, SAMPLES))
    fails = set(y.rng.choice(SAMPLES, 290, replace=False).tolist())
    by_case = dict(zip(sorted(fails)[: len(sampled_cases)], sampled_cases, strict=False))
    market = [c for c in y.market_campaigns if c.field_id == y.fields["food-safety"].pk]
    shops = [y.names.supermarket() for _ in range(90)]
    for i, (product, day) in enumerate(zip(products, days, strict=True)):
        p = by_case.get(i)
        if p is not None:
            day = p.received
        campaign = None
        if i % 3 == 0:
            c = market[i % len(market)]
            if c.starts_on <= day <= c.ends_on:
                campaign = c
        unit = f"{MARKETS[i % len(MARKETS)]}{i % 120 + 1}号摊位" if i % 2 else shops[i % len(shops)]
        result = "fail" if i in fails else "pass"
        sid = y.loader.add(
            SamplingBatch,
            body_id=body.pk,
            campaign_id=campaign.pk if campaign else None,
            product=product,
            unit_name=unit,
            sampled_on=day,
            result=result,
            case_id=p.case_id if p else None,
        )
        y.loader.event(
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
