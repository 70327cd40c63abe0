"""The demo district's 依法治区 year (seed 一(一)): the committee (区委书记 主任, 区委副书记、
区长 常务副主任), its office set at the Justice Bureau and the three coordination groups —
the kernel's demo already holds them as organisations — registered as bodies with their
rules of work; 《芙蓉区依法治区委员会2019年工作要点》 issued on 15 March 2019 with 14
points drawn from the seed's year (法治政府建设“十三五”规划, the enforcement reform, the
three enforcement systems, legality review, 法律顾问, 规范性文件, 复议应诉, 普法, 调解,
信访), each with its progress reports and evidence; 13 confirmed on time, and one (the
2019 law-popularisation review of the streets) never reported, overdue since its GV-1 due
date (16 December 2019) — red on the to-do of the 区司法局 and on the office's list. The
heads of the bureaus and streets gave their 述法 at the committee's meeting of 14 January 2020.

Written through the services (a few hundred events), each call at its business day.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import clock
from fazhi.core.demo import ACTOR, DEMO_PASSWORD, register_demo_step, register_login
from fazhi.core.models import DataScope, Organisation, Role
from fazhi.core.services import membership_grant, user_create

from .models import BodyRole
from .services import points, structure

YEAR = 2019
ISSUED = dt.date(2019, 3, 15)
PLAN_TITLE = "芙蓉区依法治区委员会2019年工作要点"
OFFICE_LOGIN = ("yfzq", "演示依法治区办工作人员")
COMMITTEE = "中共长沙市芙蓉区委全面依法治区委员会"
OFFICE = "中共长沙市芙蓉区委全面依法治区委员会办公室"
GROUPS = {
    BodyRole.ENFORCEMENT: "区委全面依法治区委员会执法协调小组",
    BodyRole.JUDICIAL: "区委全面依法治区委员会司法协调小组",
    BodyRole.LAW_ABIDING: "区委全面依法治区委员会守法普法协调小组",
}
FOUNDED = dt.date(2019, 1, 18)
RULES_ADOPTED = dt.date(2019, 3, 8)

# (板块, 任务名称, 任务内容, 牵头单位, 配合单位, 进展日, 报完成日, 确认日)
POINTS = [
    (
        "法治政府建设",
        "推进法治政府建设“十三五”规划落地落细",
        "对照《芙蓉区法治政府建设“十三五”规划》梳理年度任务清单，逐项明确责任单位和完成时限，年中开展中期评估。",
        "区司法局",
        ["区政府办"],
        "2019-06-14",
        "2019-11-22",
        "2019-11-29",
    ),
    (
        "法治政府建设",
        "落实党政主要负责人履行推进法治建设第一责任人职责",
        "各部门、各街道党政主要负责人年内至少专题研究法治建设工作一次，年终向区委全面依法治区委员会述法。",
        "区司法局",
        ["区政府办"],
        "2019-07-05",
        "2019-12-06",
        "2019-12-11",
    ),
    (
        "体制改革",
        "巩固相对集中行政处罚权改革成果",
        "理顺区行政执法局与涉改行政管理部门的职责边界，建立案件移送、信息共享和联合执法机制。",
        "区行政执法局",
        ["区市场监管局", "区住建局"],
        "2019-05-20",
        "2019-10-18",
        "2019-10-25",
    ),
    (
        "体制改革",
        "持续深化相对集中行政许可权改革",
        "优化行政许可事项办理流程，推进“一件事一次办”，压缩审批时限。",
        "区行政审批服务局",
        ["区政府办"],
        "2019-06-21",
        "2019-11-15",
        "2019-11-22",
    ),
    (
        "严格执法",
        "全面推行行政执法“三项制度”",
        "落实行政执法公示、执法全过程记录和重大执法决定法制审核制度，各执法部门制定实施办法。",
        "区司法局",
        ["区行政执法局", "区卫生健康局", "区市场监管局"],
        "2019-05-31",
        "2019-09-27",
        "2019-10-09",
    ),
    (
        "严格执法",
        "开展行政执法案卷评查",
        "按照市政府案卷评查标准，组织各执法部门交叉评查执法案卷，评查结果纳入绩效考核。",
        "区司法局",
        ["区行政执法局", "区应急管理局"],
        "2019-08-16",
        "2019-11-08",
        "2019-11-15",
    ),
    (
        "依法决策",
        "加强重大行政决策合法性审查",
        "严格执行《重大行政决策程序暂行条例》，重大行政决策事项目录化管理，未经合法性审查不得提交讨论。",
        "区司法局",
        ["区政府办", "区财政局"],
        "2019-06-28",
        "2019-12-02",
        "2019-12-09",
    ),
    (
        "依法决策",
        "提高法律顾问和公职律师配备率",
        "推动区直部门、街道外聘法律顾问全覆盖，鼓励符合条件的人员申报公职律师。",
        "区司法局",
        ["区人社局"],
        "2019-07-19",
        "2019-11-29",
        "2019-12-04",
    ),
    (
        "规范性文件",
        "严格规范性文件审查和备案",
        "落实规范性文件统一登记、统一编号、统一发布，做到有件必备、有备必审、有错必纠。",
        "区司法局",
        ["区政府办"],
        "2019-04-26",
        "2019-09-20",
        "2019-09-26",
    ),
    (
        "化解矛盾",
        "加强行政复议和应诉工作",
        "规范行政复议案件办理，落实行政机关负责人出庭应诉制度。",
        "区司法局",
        ["区信访局"],
        "2019-06-07",
        "2019-11-01",
        "2019-11-08",
    ),
    (
        "化解矛盾",
        "深化矛盾纠纷“1+X”大调解工作机制",
        "完善人民调解、行政调解、司法调解衔接联动，重大矛盾纠纷专案调处。",
        "区司法局",
        ["芙蓉区文艺路街道办事处", "芙蓉区定王台街道办事处"],
        "2019-05-24",
        "2019-10-31",
        "2019-11-06",
    ),
    (
        "化解矛盾",
        "推进阳光信访、责任信访、法治信访",
        "开展信访积案化解攻坚，依法分类处理信访诉求。",
        "区信访局",
        ["区司法局"],
        "2019-06-14",
        "2019-11-29",
        "2019-12-05",
    ),
    (
        "监督制约",
        "推进诚信政府建设",
        "开展“新官不理旧账”专项排查，所有问题建立台账、限期整改。",
        "区政府办",
        ["区财政局", "区审计局"],
        "2019-07-12",
        "2019-12-06",
        "2019-12-12",
    ),
    (
        "守法普法",
        "开展街道普法责任制落实情况评估",
        "对13个街道落实“谁执法谁普法”普法责任制情况开展评估，评估结果年底前报区委全面依法治区办公室。",
        "区司法局",
        ["芙蓉区五里牌街道办事处", "芙蓉区火星街道办事处"],
        "2019-09-20",
        None,
        None,
    ),
]

WORK_RULES = [
    (
        COMMITTEE,
        "rules",
        "中共长沙市芙蓉区委全面依法治区委员会工作规则",
        "委员会的组成、职责，全体会议和主任会议制度，议定事项的督办落实。",
    ),
    (
        OFFICE,
        "detailed",
        "中共长沙市芙蓉区委全面依法治区委员会办公室工作细则",
        "办公室设在区司法局，负责委员会日常工作、年度工作要点的分解、督办和考核。",
    ),
    (
        GROUPS[BodyRole.ENFORCEMENT],
        "rules",
        "区委全面依法治区委员会执法协调小组工作规则",
        "统筹协调全区行政执法工作，研究解决执法体制改革和执法监督中的重大问题。",
    ),
    (
        GROUPS[BodyRole.JUDICIAL],
        "rules",
        "区委全面依法治区委员会司法协调小组工作规则",
        "协调推进司法体制改革在本区的落实，支持审判机关、检察机关依法独立公正行使职权。",
    ),
    (
        GROUPS[BodyRole.LAW_ABIDING],
        "rules",
        "区委全面依法治区委员会守法普法协调小组工作规则",
        "统筹全区普法工作，落实“谁执法谁普法”普法责任制，推进法治社会建设。",
    ),
]

DUTY_DAY = dt.date(2020, 1, 14)
HEADS = {"bureau": "局长", "office": "主任", "street": "街道党工委书记"}


def _at(day: dt.date):
    return clock.frozen(dt.datetime(day.year, day.month, day.day, 2, tzinfo=dt.UTC))


def _d(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def _pdf(title: str) -> bytes:
    """A small stand-in for the scanned evidence (the demo keeps its text, not a scan)."""
    return f"%PDF-1.4\n% {title}\n".encode()


def register() -> None:
    register_demo_step("依法治区（2019年度）", load)


def load() -> None:
    with transaction.atomic():
        orgs = {o.name: o for o in Organisation.objects.all()}
        short = {o.short_name: o for o in Organisation.objects.exclude(short_name="")}
        justice = short["区司法局"]
        office = orgs[OFFICE]
        clerk = _office_clerk(office)
        bodies = _bodies(orgs, justice)
        for name, kind, title, text in WORK_RULES:
            with _at(RULES_ADOPTED):
                structure.work_rule_record(
                    actor=ACTOR,
                    body=bodies[name],
                    kind=kind,
                    title=title,
                    adopted_on=RULES_ADOPTED,
                    text=text,
                    file=_pdf(title),
                    file_name=f"{title}.pdf",
                )
        _plan(clerk, orgs, short, office)
        _duties(short)


def _office_clerk(office):
    register_login(*OFFICE_LOGIN, Role.CLERK)
    with _at(FOUNDED):
        u = user_create(
            actor=ACTOR,
            username=OFFICE_LOGIN[0],
            password=DEMO_PASSWORD,
            full_name=OFFICE_LOGIN[1],
            primary_org=office,
        )
        membership_grant(actor=ACTOR, user=u, org=office, role=Role.CLERK, data_scope=DataScope.ORG)
    return u


def _bodies(orgs, justice) -> dict:
    out = {}
    with _at(FOUNDED):
        out[COMMITTEE] = structure.body_register(
            actor=ACTOR,
            org=orgs[COMMITTEE],
            role=BodyRole.COMMITTEE,
            established_on=FOUNDED,
            composition="主任：区委书记；常务副主任：区委副书记、区长；"
            "副主任：区委常委、政法委书记，分管司法行政工作的副区长；成员：区直有关部门主要负责人。",
        )
        out[OFFICE] = structure.body_register(
            actor=ACTOR,
            org=orgs[OFFICE],
            role=BodyRole.OFFICE,
            established_on=FOUNDED,
            host=justice,
            composition="办公室设在区司法局，区司法局局长兼任办公室主任。",
        )
        for role, name in GROUPS.items():
            out[name] = structure.body_register(
                actor=ACTOR, org=orgs[name], role=role, established_on=FOUNDED
            )
    return out


def _plan(clerk, orgs, short, office) -> None:
    with _at(dt.date(2019, 3, 11)):
        plan = points.plan_create(
            actor=clerk,
            org=orgs[COMMITTEE],
            office=office,
            year=YEAR,
            title=PLAN_TITLE,
            number="芙法治委发〔2019〕1号",
        )
        made = []
        for i, (cat, title, text, lead, sups, *_dates) in enumerate(POINTS, start=1):
            made.append(
                points.point_create(
                    actor=clerk,
                    plan=plan,
                    seq=i,
                    title=title,
                    text=text,
                    lead=_body(orgs, short, lead),
                    supporters=[_body(orgs, short, s) for s in sups],
                    category=cat,
                )
            )
    with _at(ISSUED):
        points.plan_issue(actor=clerk, plan=plan, on=ISSUED)
    for p, (_c, title, _t, _l, sups, progress, reported, confirmed) in zip(
        made, POINTS, strict=True
    ):
        p.refresh_from_db()
        day = _d(progress)
        with _at(day):
            points.progress_report(
                actor=ACTOR,
                point=p,
                org=p.org,
                text=f"已制定“{title}”工作方案，明确责任分工和时间节点，正在组织实施。",
                on=day,
                file=_pdf(f"{p.number} 工作方案"),
                file_name=f"{p.number}工作方案.pdf",
            )
        if sups:
            sup = _body(orgs, short, sups[0])
            later = day + dt.timedelta(days=14)
            with _at(later):
                points.progress_report(
                    actor=ACTOR,
                    point=p,
                    org=sup,
                    text="按职责配合推进，已报送本单位落实情况。",
                    on=later,
                )
        if reported is None:
            continue
        with _at(_d(reported)):
            p = points.point_report_done(
                actor=ACTOR,
                point=p,
                result=f"“{title}”已按工作要点要求完成，佐证材料已报送。",
                on=_d(reported),
            )
        with _at(_d(confirmed)):
            points.point_confirm(actor=clerk, point=p, on=_d(confirmed))


def _body(orgs, short, name: str):
    return orgs.get(name) or short[name]


def _duties(short) -> None:
    heads = [o for o in Organisation.objects.filter(kind__in=list(HEADS)).order_by("path")]
    heads = [o for o in heads if o.parent_id == short["区政府"].pk] if "区政府" in short else heads
    with _at(DUTY_DAY):
        for o in heads:
            structure.duty_record(
                actor=ACTOR,
                org=o,
                year=YEAR,
                head=HEADS[o.kind],
                reported_on=DUTY_DAY,
                text=f"{o.name}主要负责人2019年度履行推进法治建设第一责任人职责情况：带头尊法学法守法用法，"
                "专题研究法治建设工作，推动本单位依法决策、严格执法和普法责任制落实。",
            )
