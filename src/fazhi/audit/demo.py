"""The demo year of audit and the legacy-commitments ledger.

2019: 268 audit projects completed with 2.6亿元 cut (seed 一(六)1) — mostly settlement
audits of government investment projects, where the cuts arise, plus budget-execution and
economic-responsibility audits, and the two audits of the district's principal leaders by
the provincial audit office (经济责任审计、自然资源资产责任审计); findings rectified and
closed with evidence. The 新官不理旧账 campaign: company visits and 政企 meetings, every
problem they raised on the ledger (seed 一(六)2), most resolved within the year.

A live present: findings reported in the weeks before today with their rectification open
at the approval bureau (the demo clerk's) and others submitted for the audit body's
confirmation (the demo supervisor's), and resolved commitments awaiting 销号.

All through the services, each step at its business date (the clock frozen at that day).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from fazhi.core import clock
from fazhi.core.calendar import get_calendar
from fazhi.core.identity import generate_credit_code
from fazhi.core.ledger import SystemActor
from fazhi.core.models import Organisation, OrgKind
from fazhi.core.services import org_create

from .models import AuditKind, CommitmentCategory, CommitmentSource, FindingCategory, VisitKind
from .services import commitments as cs
from .services import projects as ps

YEAR = 2019
ACTOR = SystemActor("演示数据")
TOTAL_CUT = Decimal("260000000.00")
N_PROJECTS = 268

ROADS = [
    "五一大道",
    "韶山北路",
    "人民东路",
    "浏城桥",
    "马王堆路",
    "远大路",
    "车站北路",
    "晚报大道",
    "八一路",
    "蔡锷中路",
    "荷花路",
    "东二环",
    "古汉路",
    "识字岭路",
    "朝阳路",
]
COMMUNITIES = [
    "东湖",
    "马坡岭",
    "火星",
    "朝阳",
    "文艺路",
    "韭菜园",
    "湘湖",
    "东屯渡",
    "五里牌",
    "定王台",
    "鸿铭",
    "荷花园",
    "杉木",
    "隆平",
]
WORKS = [
    "提质改造工程",
    "老旧小区改造工程",
    "雨污分流改造工程",
    "背街小巷提质工程",
    "道路维修工程",
    "排水管网改造工程",
    "路灯照明改造工程",
    "农贸市场提质改造工程",
    "社区服务中心装修工程",
    "公园绿化提质工程",
    "学校校舍维修工程",
    "消防通道整治工程",
]
FIRMS = [
    "湘禾",
    "芙瑞",
    "星城",
    "楚天",
    "麓山",
    "湘江",
    "蓉园",
    "德润",
    "华远",
    "恒信",
    "长青",
    "金桥",
]
TRADES = ["建设工程", "市政工程", "园林绿化", "建材", "装饰工程", "物业服务", "商贸", "科技"]
LEADERS = ["李振华", "张卫东", "刘志强", "陈建国", "周文斌", "黄晓东", "彭德明", "曾国庆"]
FINDINGS = [
    (
        FindingCategory.BUDGET,
        "部分项目支出未按预算执行，年底突击支出",
        "《中华人民共和国预算法》第十三条",
    ),
    (FindingCategory.FINANCE, "以拨代支，资金滞留在下属单位", "《中华人民共和国预算法》第五十七条"),
    (FindingCategory.ASSETS, "固定资产未及时入账，账实不符", "《行政事业单位国有资产管理办法》"),
    (FindingCategory.PROCUREMENT, "部分采购项目未执行政府采购程序", "《中华人民共和国政府采购法》"),
    (FindingCategory.CONSTRUCTION, "未按合同约定扣回预付工程款", "建设工程施工合同专用条款"),
    (FindingCategory.POLICY, "减税降费政策落实不到位，多收企业费用", "减税降费有关政策规定"),
]


class _Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # nosec B311 — demo data from a fixed seed
        self.cal = get_calendar()
        self.orgs = {o.short_name: o for o in Organisation.objects.exclude(short_name="")}

    def firm(self) -> str:
        return f"湖南{self.rng.choice(FIRMS)}{self.rng.choice(TRADES)}有限公司"

    def credit(self) -> str:
        body = "".join(self.rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(5))
        return generate_credit_code(f"91430102MA4{body}"[:16])

    def wd(self, day: dt.date, n: int) -> dt.date:
        return self.cal.add_workdays(day, n)

    def workday(self, lo: dt.date, hi: dt.date) -> dt.date:
        d = lo + dt.timedelta(days=self.rng.randint(0, (hi - lo).days))
        return self.cal.next_workday(d)


def _weekday(day: dt.date) -> dt.date:
    """Back to a Monday–Friday (the calendar starts in 2019; an audit may start in 2018)."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def _at(day: dt.date):
    return clock.frozen(dt.datetime.combine(day, dt.time(10, 0), tzinfo=clock.CHINA))


def _cuts(g: _Gen, n: int) -> list[Decimal]:
    """``n`` cuts in yuan (to the fen) summing exactly to TOTAL_CUT."""
    raw = [g.rng.lognormvariate(0, 0.9) for _ in range(n)]
    scale = TOTAL_CUT / Decimal(str(sum(raw)))
    cuts = [(Decimal(str(r)) * scale).quantize(Decimal("0.01")) for r in raw]
    cuts[-1] += TOTAL_CUT - sum(cuts)
    return cuts


def _rectify(g, rect, reported):
    """Evidence, report and 销号 well inside the SJ-1 period (at most 45 WD < 90 days)."""
    t = g.wd(reported, g.rng.randint(10, 30))
    with _at(t):
        ps.evidence_add(
            actor=ACTOR, rectification=rect, description="整改报告及相关凭证", dated_on=t
        )
    t2 = g.wd(t, g.rng.randint(1, 5))
    with _at(t2):
        rect = ps.rectification_submit(
            actor=ACTOR, rectification=rect, measures="已按审计意见整改，建立健全相关制度。", on=t2
        )
    t3 = g.wd(t2, g.rng.randint(3, 10))
    with _at(t3):
        ps.rectification_close(
            actor=ACTOR,
            rectification=rect,
            confirmation="经审计组核查，已整改到位，同意销号。",
            on=t3,
        )


def load_projects() -> None:
    g = _Gen(YEAR)
    audit, province = g.orgs["区审计局"], _province()
    bodies = [
        "区住建局",
        "区行政执法局",
        "区行政审批服务局",
        "区财政局",
        "区卫生健康局",
        "区人社局",
    ]
    streets = [s for s in g.orgs if s.endswith("街道")]
    n_invest = N_PROJECTS - 2 - 22 - 10
    cuts = _cuts(g, n_invest)
    plan = (
        [(AuditKind.INVESTMENT, c) for c in cuts]
        + [(AuditKind.BUDGET, None)] * 22
        + [(AuditKind.RESPONSIBILITY, None)] * 10
    )
    g.rng.shuffle(plan)
    for kind, cut in plan:
        reported = g.workday(dt.date(YEAR, 1, 15), dt.date(YEAR, 12, 20))
        started = _weekday(reported - dt.timedelta(days=g.rng.randint(20, 90)))
        if kind == AuditKind.INVESTMENT:
            where = g.rng.choice(COMMUNITIES + ROADS)
            owner = g.rng.choice(bodies[:2] + streets)
            sub = (cut / Decimal(str(g.rng.uniform(0.04, 0.14)))).quantize(Decimal("0.01"))
            name = f"芙蓉区{where}{g.rng.choice(WORKS)}结算审计"
            audited, audited_name = g.orgs[owner], g.orgs[owner].name
            amounts = {"submitted_amount": sub, "approved_amount": sub - cut}
        else:
            owner = g.rng.choice(bodies + streets)
            audited, audited_name = g.orgs[owner], g.orgs[owner].name
            name = (
                f"{audited_name}{YEAR - 1}年度预算执行情况审计"
                if kind == AuditKind.BUDGET
                else f"{audited_name}原主要负责人任期经济责任审计"
            )
            amounts = {}
        with _at(reported):
            p = ps.project_create(
                actor=ACTOR,
                org=audit,
                name=name,
                kind=kind,
                audited=audited,
                audited_name=audited_name,
                started_on=started,
                reported_on=reported,
                period=f"{YEAR - 1}年度",
                prefix="芙审报",
                **amounts,
            )
            findings = (
                0 if kind == AuditKind.INVESTMENT and g.rng.random() < 0.8 else g.rng.randint(1, 3)
            )
            rects = []
            for _ in range(findings):
                cat, text, basis = g.rng.choice(FINDINGS)
                rects.append(
                    ps.finding_add(
                        actor=ACTOR,
                        project=p,
                        category=cat,
                        description=text,
                        basis=basis,
                        responsible=audited,
                        amount=Decimal(g.rng.randint(2, 300) * 1000),
                    )
                )
        for rect in rects:
            _rectify(g, rect, reported)
    # the provincial audit office's audits of the district's principal leaders (seed 一(六)1)
    for name, kind in [
        ("长沙市芙蓉区区委、区政府主要领导经济责任审计", AuditKind.RESPONSIBILITY),
        ("长沙市芙蓉区区委、区政府主要领导自然资源资产责任审计", AuditKind.NATURAL_RESOURCES),
    ]:
        with _at(dt.date(YEAR, 9, 20)):
            ps.project_create(
                actor=ACTOR,
                org=province,
                name=name,
                kind=kind,
                audited=g.orgs.get("区政府"),
                audited_name="长沙市芙蓉区人民政府",
                started_on=dt.date(YEAR, 6, 10),
                reported_on=dt.date(YEAR, 9, 20),
                period="2016年至2018年",
                prefix="湘审报",
            )


def _province() -> Organisation:
    org = Organisation.objects.filter(name="湖南省审计厅").first()
    return org or org_create(
        actor=ACTOR,
        name="湖南省审计厅",
        kind=OrgKind.EXTERNAL,
        short_name="省审计厅",
        division_code="430000",
        note="外部机关：上级审计机关",
    )


def load_commitments() -> None:
    g = _Gen(YEAR + 7)
    owners = ["区住建局", "区财政局", "区政府办", "区行政审批服务局", "区人社局"]
    streets = [s for s in g.orgs if s.endswith("街道")]
    cats = list(CommitmentCategory)
    for i in range(64):
        org = g.orgs[g.rng.choice(owners + streets)]
        held = g.workday(dt.date(YEAR, 3, 1), dt.date(YEAR, 10, 31))
        kind = (
            VisitKind.MEETING
            if i % 16 == 0
            else g.rng.choice(
                [VisitKind.VISIT, VisitKind.VISIT, VisitKind.PUBLICITY, VisitKind.HELP]
            )
        )
        company = (
            "芙蓉区政企商协会和非公经济人士代表座谈会" if kind == VisitKind.MEETING else g.firm()
        )
        credit = "" if kind == VisitKind.MEETING else g.credit()
        raises = kind == VisitKind.MEETING or i % 3 == 0
        with _at(held):
            v = cs.visit_record(
                actor=ACTOR,
                org=org,
                kind=kind,
                company=company,
                credit_code=credit,
                held_on=held,
                problems="反映历史欠款和政策兑现问题" if raises else "",
            )
        if not raises:
            continue
        for _ in range(3 if kind == VisitKind.MEETING else 1):
            cat = g.rng.choice(cats)
            party, party_code = (
                (g.firm(), g.credit()) if kind == VisitKind.MEETING else (company, credit)
            )
            owed = (
                Decimal(g.rng.randint(5, 400) * 10000)
                if cat
                in (
                    CommitmentCategory.ARREARS,
                    CommitmentCategory.CONTRACT,
                    CommitmentCategory.POLICY,
                )
                else Decimal(0)
            )
            on = g.wd(held, g.rng.randint(1, 5))
            with _at(on):
                com = cs.commitment_register(
                    actor=ACTOR,
                    org=org,
                    category=cat,
                    source=CommitmentSource.MEETING
                    if kind == VisitKind.MEETING
                    else CommitmentSource.VISIT,
                    counterparty=party,
                    counterparty_credit_code=party_code,
                    description=f"{party}反映的{cat.label}问题",
                    arose_on=dt.date(g.rng.randint(2012, 2018), g.rng.randint(1, 12), 15),
                    leader=g.rng.choice(LEADERS),
                    received_on=on,
                    amount_owed=owed,
                    visit=v,
                )
            t = g.wd(on, g.rng.randint(5, 30))
            with _at(t):
                cs.commitment_progress(
                    actor=ACTOR, commitment=com, text="与企业对账，明确责任和化解时限", on=t
                )
            if g.rng.random() < 0.15:
                t = g.wd(t, 10)
                with _at(t):
                    cs.commitment_handover(
                        actor=ACTOR, commitment=com, new_leader=g.rng.choice(LEADERS), on=t
                    )
            if g.rng.random() < 0.8:
                t = g.wd(t, g.rng.randint(10, 30))
                with _at(t):
                    cs.commitment_progress(
                        actor=ACTOR, commitment=com, text="已兑现", on=t, settled=owed
                    )
                    com = cs.commitment_resolve(actor=ACTOR, commitment=com, on=t)
                if t <= dt.date(YEAR, 11, 30):
                    t = g.wd(t, 5)
                    with _at(t):
                        cs.commitment_close(
                            actor=ACTOR, commitment=com, reason="企业确认问题已解决", on=t
                        )


def load_present() -> None:
    """Findings reported in the weeks before today: open at the approval bureau (the demo
    clerk's to-do) and submitted for confirmation (the demo supervisor's)."""
    g = _Gen(YEAR + 3)
    today = clock.today()
    audit = g.orgs["区审计局"]
    for i, short in enumerate(["区行政审批服务局", "区住建局", "区行政审批服务局", "区财政局"]):
        reported = g.cal.previous_workday(today - dt.timedelta(days=40 - i * 7))
        body = g.orgs[short]
        with _at(reported):
            p = ps.project_create(
                actor=ACTOR,
                org=audit,
                name=f"{body.name}{today.year - 1}年度预算执行情况审计",
                kind=AuditKind.BUDGET,
                audited=body,
                audited_name=body.name,
                started_on=g.cal.previous_workday(reported - dt.timedelta(days=45)),
                reported_on=reported,
                prefix="芙审报",
            )
            rects = [
                ps.finding_add(
                    actor=ACTOR,
                    project=p,
                    category=cat,
                    description=text,
                    basis=basis,
                    responsible=body,
                    amount=Decimal(86000),
                )
                for cat, text, basis in FINDINGS[:3]
            ]
        last = rects[0]
        if g.wd(reported, 12) <= today:
            t = g.wd(reported, 5)
            with _at(t):
                ps.evidence_add(actor=ACTOR, rectification=last, description="整改报告", dated_on=t)
                ps.rectification_submit(actor=ACTOR, rectification=last, measures="已整改", on=t)


def load_rollup() -> None:
    """The audit bureau's 2019 roll-up for the standing committee (审计查出问题整改情况汇总),
    issued once the last 2019 finding is closed and before the committee's spring session:
    numbered 区审计局整改报〔2020〕1号, nothing left open on the day."""
    from django.db.models import Max

    from .models import Rectification
    from .services import rollup

    audit = Organisation.objects.get(short_name="区审计局")
    last = Rectification.objects.filter(finding__project__org=audit).aggregate(m=Max("closed_on"))[
        "m"
    ]
    cal = get_calendar()
    day = cal.next_workday(
        max(dt.date(YEAR + 1, 3, 2), (last or dt.date(YEAR, 12, 31)) + dt.timedelta(days=1))
    )
    with _at(day):
        rollup.rollup_issue(actor=ACTOR, org=audit, year=YEAR, on=day)


def load() -> None:
    load_projects()
    load_commitments()
    load_rollup()
    load_present()
