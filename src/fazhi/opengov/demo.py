"""The demo year of 依申请公开: 130 requests received in 2019, all answered on time (seed
一(六)3), with realistic outcomes, some 补正 and consultations, a few extensions; and a
live present — requests received in the weeks before today at the window of the district
government office and of the administrative approval bureau, so the demo's clerk has them
on the to-do.

Every request goes through the services, each step at its business date (the clock is
frozen at the step's day, so the ledger event carries it), so the figures, the clocks and
the timelines are the real ones. Names and numbers come from fixed vocabularies with a
fixed seed; ID numbers carry valid check digits (GB 11643), credit codes valid check
characters (GB 32100).
"""

from __future__ import annotations

import datetime as dt
import random

from fazhi.core import clock
from fazhi.core.calendar import get_calendar
from fazhi.core.identity import generate_credit_code, generate_id_number
from fazhi.core.ledger import SystemActor
from fazhi.core.models import Organisation

from . import rules, services
from .models import ApplicantKind, Channel, ConsultationKind, ReplyType

YEAR = 2019
ACTOR = SystemActor("演示数据")
CHINA = clock.CHINA

SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何罗高林谢唐邓彭曾肖田袁蒋"
GIVEN = [
    "建国",
    "丽华",
    "志强",
    "秀英",
    "海燕",
    "振华",
    "晓东",
    "桂兰",
    "文斌",
    "红梅",
    "国庆",
    "小平",
    "春生",
    "玉珍",
    "德明",
    "慧敏",
    "卫东",
    "淑芬",
    "子豪",
    "思雨",
    "佳怡",
    "浩然",
]
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
]
FIRMS = ["湘禾", "芙瑞", "星城", "楚天", "麓山", "湘江", "蓉园", "德润", "华远", "恒信"]
TRADES = ["建设工程", "物业服务", "商贸", "餐饮管理", "房地产开发", "科技", "医药连锁", "环保工程"]
LAW_FIRMS = ["湖南湘楚律师事务所", "湖南芙蓉律师事务所", "湖南麓和律师事务所"]

TOPICS = {
    "区政府办": [
        "{c}片区棚户区改造项目的征收决定及补偿方案",
        "区政府2019年第{n}次常务会议研究{c}片区提质改造的会议纪要",
        "{r}沿线房屋征收的社会稳定风险评估报告",
        "芙蓉区2018年度财政预算执行情况报告",
    ],
    "区住建局": [
        "{c}社区老旧小区改造项目的立项批复和预算",
        "{r}提质改造工程的招标文件和中标通知书",
        "{c}小区物业专项维修资金的使用审批材料",
    ],
    "区行政审批服务局": [
        "{firm}有限公司食品经营许可的审批材料",
        "{c}社区某幼儿园办学许可的审批结果",
        "{r}某建设项目的环境影响评价审批文件",
    ],
    "区市场监管局": [
        "对{firm}有限公司作出的行政处罚决定书",
        "2019年{c}片区农贸市场食品抽检结果",
    ],
    "区人社局": [
        "2019年芙蓉区事业单位公开招聘的成绩和拟聘用人员名单",
        "{firm}有限公司拖欠农民工工资案件的处理结果",
    ],
    "区财政局": ["芙蓉区2019年政府采购预算", "{c}街道2018年度部门决算"],
    "芙蓉生态环境分局": ["{r}某餐饮油烟扰民投诉的监测报告", "{firm}有限公司排污许可材料"],
    "区卫生健康局": ["{c}社区卫生服务中心2018年度收支情况"],
    "区行政执法局": ["{r}违法建设拆除的行政强制决定书", "{c}片区渣土运输违法案件的处理结果"],
}
WEIGHTS = {
    "区政府办": 34,
    "区住建局": 24,
    "区行政审批服务局": 16,
    "区市场监管局": 14,
    "区人社局": 12,
    "区财政局": 9,
    "芙蓉生态环境分局": 9,
    "区卫生健康局": 5,
    "区行政执法局": 7,
}

# outcomes of the 130 (国办公开办函〔2021〕30号 rows): a county body's typical mix
OUTCOMES = (
    [(ReplyType.DISCLOSED, "", "")] * 68
    + [(ReplyType.PARTLY, "", "")] * 12
    + [
        (
            ReplyType.NOT_DISCLOSED,
            "third_party",
            "涉及第三方个人隐私，第三方不同意公开（政府信息公开条例第十五条）。",
        )
    ]
    * 3
    + [
        (
            ReplyType.NOT_DISCLOSED,
            "process",
            "属于行政机关在履行职责过程中形成的讨论记录、过程稿，不属于应当公开的政府信息（政府信息公开条例第十六条第二款）。",
        )
    ]
    * 3
    + [
        (
            ReplyType.NOT_DISCLOSED,
            "internal",
            "属于行政机关的内部事务信息（政府信息公开条例第十六条第一款）。",
        )
    ]
    * 2
    + [
        (
            ReplyType.CANNOT_PROVIDE,
            "not_held",
            "经检索查找，本机关未制作或者获取该政府信息（政府信息公开条例第三十六条）。",
        )
    ]
    * 20
    + [
        (
            ReplyType.CANNOT_PROVIDE,
            "needs_making",
            "申请的信息需要对现有政府信息进行加工、分析，本机关可以不予提供（政府信息公开条例第三十八条）。",
        )
    ]
    * 6
    + [
        (
            ReplyType.CANNOT_PROVIDE,
            "unclear",
            "补正后申请内容仍不明确，无法确定所需信息（政府信息公开条例第三十六条）。",
        )
    ]
    * 2
    + [
        (
            ReplyType.NOT_HANDLED,
            "petition",
            "申请人以政府信息公开申请的形式进行投诉、举报，告知通过相应渠道办理（政府信息公开条例第三十九条）。",
        )
    ]
    * 7
    + [
        (
            ReplyType.NOT_HANDLED,
            "repeat",
            "申请人重复申请公开相同政府信息，本机关已作出答复（政府信息公开条例第三十六条）。",
        )
    ]
    * 3
    + [(ReplyType.OTHER, "other", "申请人要求查阅档案原件，告知按照档案管理规定到区档案馆办理。")]
    * 4
)
KINDS = (
    [ApplicantKind.PERSON] * 112
    + [ApplicantKind.COMMERCIAL] * 10
    + [ApplicantKind.LEGAL_SERVICE] * 5
    + [ApplicantKind.RESEARCH, ApplicantKind.PUBLIC_WELFARE, ApplicantKind.OTHER]
)
CHANNELS = (
    [Channel.ONLINE] * 78
    + [Channel.IN_PERSON] * 22
    + [Channel.REGISTERED_POST] * 24
    + [Channel.ORDINARY_POST] * 4
    + [Channel.FAX] * 2
)
WITHHELD = [
    ("合同单价和报价明细", "涉及第三方商业秘密，第三方不同意公开（政府信息公开条例第十五条）"),
    ("被征收人的身份证号码和联系电话", "涉及个人隐私（政府信息公开条例第十五条）"),
    ("评审专家的个人信息", "涉及个人隐私（政府信息公开条例第十五条）"),
    ("内部讨论意见", "属于过程性信息（政府信息公开条例第十六条第二款）"),
]


class _Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # nosec B311 — demo data from a fixed seed
        self.cal = get_calendar()
        self.orgs = {o.short_name: o for o in Organisation.objects.exclude(short_name="")}
        self.n = 0

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)

    def firm(self) -> str:
        return self.rng.choice(FIRMS) + self.rng.choice(TRADES)

    def credit(self) -> str:
        body = "".join(self.rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(5))
        return generate_credit_code(f"91430102MA4{body}"[:16])

    def id_number(self) -> str:
        self.n += 1
        birth = dt.date(
            self.rng.randint(1955, 1998), self.rng.randint(1, 12), self.rng.randint(1, 28)
        )
        return generate_id_number("430102", birth, self.rng.randint(0, 999))

    def phone(self) -> str:
        return f"1{self.rng.choice('3589')}{self.rng.randint(0, 9)}{self.rng.randint(10**7, 10**8 - 1)}"

    def workday_in(self, lo: dt.date, hi: dt.date) -> dt.date:
        return self.cal.next_workday(lo + dt.timedelta(days=self.rng.randint(0, (hi - lo).days)))

    def wd(self, day: dt.date, n: int) -> dt.date:
        return self.cal.add_workdays(day, n)

    def applicant(self, kind):
        if kind == ApplicantKind.PERSON:
            return {"applicant_name": self.name(), "applicant_id_number": self.id_number()}
        if kind == ApplicantKind.LEGAL_SERVICE:
            return {"applicant_name": self.rng.choice(LAW_FIRMS), "applicant_credit_code": ""}
        if kind == ApplicantKind.COMMERCIAL:
            return {
                "applicant_name": f"湖南{self.firm()}有限公司",
                "applicant_credit_code": self.credit(),
            }
        names = {
            ApplicantKind.RESEARCH: "湖南省社会科学院法学研究所",
            ApplicantKind.PUBLIC_WELFARE: "长沙市绿色潇湘环保科普中心",
            ApplicantKind.OTHER: "芙蓉区东湖社区业主委员会",
        }
        return {"applicant_name": names[kind]}

    def description(self, short: str) -> str:
        return self.rng.choice(TOPICS[short]).format(
            c=self.rng.choice(COMMUNITIES),
            r=self.rng.choice(ROADS),
            n=self.rng.randint(3, 28),
            firm=self.firm(),
        )


def _at(day: dt.date):
    return clock.frozen(dt.datetime.combine(day, dt.time(10, 0), tzinfo=CHINA))


def _receive(g: _Gen, org: Organisation, short: str, on: dt.date, kind, channel):
    with _at(on):
        return services.request_receive(
            actor=ACTOR,
            org=org,
            channel=channel,
            applicant_kind=kind,
            description=g.description(short),
            received_on=on,
            applicant_phone=g.phone(),
            applicant_address=f"长沙市芙蓉区{g.rng.choice(ROADS)}{g.rng.randint(1, 300)}号",
            **g.applicant(kind),
        )


def _step(day, fn, **kw):
    with _at(day):
        return fn(actor=ACTOR, on=day, **kw)


def load_year() -> None:
    g = _Gen(YEAR)
    shorts = [s for s in WEIGHTS for _ in range(WEIGHTS[s])]
    if len(shorts) != 130:
        raise RuntimeError("the demo's bodies must add up to the seed's 130 requests")
    g.rng.shuffle(shorts)
    outcomes, kinds, channels = list(OUTCOMES), list(KINDS), list(CHANNELS)
    if not len(outcomes) == len(kinds) == len(channels) == 130:
        raise RuntimeError("the demo's outcomes, kinds and channels must each count 130")
    for x in (outcomes, kinds, channels):
        g.rng.shuffle(x)
    pool = [
        d
        for d in (dt.date(YEAR, 1, 2) + dt.timedelta(days=i) for i in range(338))
        if g.cal.is_workday(d)
    ]
    days = sorted(g.rng.sample(pool, 130))
    for i, on in enumerate(days):
        short = shorts[i]
        req = _receive(g, g.orgs[short], short, on, kinds[i], channels[i])
        kind, subtype, ground = outcomes[i]
        last = on
        early = on <= dt.date(YEAR, 11, 15)
        if early and (subtype == "unclear" or i % 9 == 4):  # 补正, once
            t = g.wd(last, g.rng.randint(1, 5))
            req = _step(
                t,
                services.request_notify_correction,
                request=req,
                items="请明确所需信息的名称、文号或者形成时间，并于10个工作日内补正。",
            )
            last = g.wd(t, g.rng.randint(2, 6))
            req = _step(last, services.request_correction_received, request=req)
        third = kind in (ReplyType.PARTLY,) or subtype == "third_party"
        agency = early and on >= dt.date(YEAR, 5, 15) and i % 17 == 6 and not third
        if early and (third or agency):
            t = g.wd(last, g.rng.randint(1, 3))
            ck = ConsultationKind.THIRD_PARTY if third else ConsultationKind.AGENCY
            who = f"湖南{g.firm()}有限公司" if third else "长沙市芙蓉区财政局"
            _step(t, services.request_consult, request=req, kind=ck, consulted=who)
            last = g.wd(t, g.rng.randint(4, 12))
            req = _step(
                last,
                services.request_consult_answered,
                request=req,
                opinion="不同意公开涉及本单位商业秘密的部分" if third else "同意公开",
            )
        due = rules.reply_clock(req).due_on
        extend = early and i % 26 == 11
        if extend:
            t = g.cal.previous_workday(due - dt.timedelta(days=1))
            days_ = 15 if on < dt.date(YEAR, 5, 15) else 20
            with _at(t):
                services.request_extend(
                    actor=ACTOR,
                    request=req,
                    days=days_,
                    reason="申请内容涉及多个年度的档案，需调档核查",
                    on=t,
                )
            old_due, due = due, rules.reply_clock(req).due_on
            reply = min(g.wd(old_due, g.rng.randint(2, 8)), due)
        else:
            reply = min(g.wd(last, g.rng.randint(2, 14)), due)
        reply = max(min(reply, dt.date(YEAR, 12, 31)), last)
        withheld = [g.rng.choice(WITHHELD)] if kind == ReplyType.PARTLY else []
        _step(
            reply,
            services.request_answer,
            request=req,
            reply_type=kind,
            subtype=subtype,
            ground=ground,
            withheld=withheld,
        )


def load_present() -> None:
    """Open requests received in the last four weeks at two windows (the demo clerk's)."""
    g = _Gen(YEAR + 1)
    today = clock.today()
    for i in range(14):
        short = "区行政审批服务局" if i % 2 == 0 else "区政府办"
        on = g.cal.previous_workday(today - dt.timedelta(days=2 + i * 2))
        req = _receive(
            g,
            g.orgs[short],
            short,
            on,
            ApplicantKind.PERSON if i % 4 else ApplicantKind.COMMERCIAL,
            Channel.ONLINE,
        )
        if i % 5 == 3:
            t = g.cal.next_workday(on + dt.timedelta(days=1))
            if t <= today:
                _step(
                    t,
                    services.request_notify_correction,
                    request=req,
                    items="请补充所需信息的具体名称或文号。",
                )


def load_reports() -> None:
    """The 2019 annual reports: each department that received requests by 31 January
    (GK-8), the district government by 31 March (GK-9), generated from the records."""
    from . import reports
    from .models import ReportKind

    orgs = {o.short_name: o for o in Organisation.objects.exclude(short_name="")}
    for short in WEIGHTS:
        with _at(dt.date(YEAR + 1, 1, 15)):
            rep = reports.report_generate(
                actor=ACTOR,
                org=orgs[short],
                year=YEAR,
                kind=ReportKind.DEPARTMENT,
                on=dt.date(YEAR + 1, 1, 15),
            )
        with _at(dt.date(YEAR + 1, 1, 20)):
            reports.report_publish(actor=ACTOR, report=rep, on=dt.date(YEAR + 1, 1, 20))
    gov = Organisation.objects.get(parent__isnull=True, short_name="区政府")
    with _at(dt.date(YEAR + 1, 3, 20)):
        rep = reports.report_generate(
            actor=ACTOR, org=gov, year=YEAR, kind=ReportKind.GOVERNMENT, on=dt.date(YEAR + 1, 3, 20)
        )
    with _at(dt.date(YEAR + 1, 3, 25)):
        reports.report_publish(actor=ACTOR, report=rep, on=dt.date(YEAR + 1, 3, 25))


#: 主动公开目录 per body (条例第二十条): the categories the items below are filed under, what
#: each holds; every body keeps its own and is responsible for it (the bodies have no units)
CATALOGUE = [
    ("functions", "机构职能", "机构设置、职能、内设机构、负责人及分工调整"),
    ("policy", "政策文件", "本机关制发的规范性文件和其他政策文件及其解读"),
    ("plans", "规划计划", "发展规划、年度工作计划和总结"),
    ("budget", "财政预决算", "部门预算、决算及“三公”经费说明"),
    ("procurement", "政府采购", "采购意向、采购项目的结果公告"),
    ("projects", "重大建设项目", "项目批准、招标投标、征收补偿和实施情况"),
    ("services", "办事服务", "办事指南、服务事项目录和表格下载"),
    ("personnel", "人事信息", "公开招聘、人事任免和公务员考录"),
]
#: the district government's own catalogue, kept by the departments responsible for each part
GOVERNMENT_CATALOGUE = [
    ("政府文件", "区政府及区政府办公室文件、政策解读", "区政府办"),
    ("政府常务会议", "常务会议研究的重要事项及会议纪要", "区政府办"),
    ("财政预决算", "区本级预算、决算和政府债务信息", "区财政局"),
    ("重大建设项目", "重大建设项目批准和实施情况", "区住建局"),
    ("政务服务", "政务服务事项目录和办事指南", "区行政审批服务局"),
    ("人事信息", "区政府任免的工作人员和公开招聘", "区人社局"),
]
#: the bodies' 统一社会信用代码 (GB 32100: 11 机关, division 430102, 8-character body + the two
#: check characters), the prefix of their 索引号 (``{代码}/{年度}-{五位顺序号}``)
BODY_CODES = {
    "区政府": "00618490",
    "区政府办": "00618491",
    "区住建局": "00618523",
    "区行政审批服务局": "MB1C4352",
    "区市场监管局": "MB1C3024",
    "区人社局": "00618558",
    "区财政局": "00618507",
    "芙蓉生态环境分局": "MB1D2861",
    "区卫生健康局": "MB1C3814",
    "区行政执法局": "00618574",
}


def load_catalogue() -> None:
    """Before the year's items: each body's code set (its 索引号 prefix), its catalogue, and
    the district government's catalogue with the departments responsible (2019-01-03)."""
    from fazhi.core.identity import generate_credit_code
    from fazhi.core.services import org_update

    from . import proactive

    day = dt.date(YEAR, 1, 3)
    orgs = {o.short_name: o for o in Organisation.objects.exclude(short_name="")}
    gov = Organisation.objects.get(parent__isnull=True, short_name="区政府")
    with _at(day):
        for short, body in BODY_CODES.items():
            org = gov if short == "区政府" else orgs[short]
            if not org.credit_code:
                code = generate_credit_code(f"11430102{body}")
                org_update(actor=ACTOR, org=org, credit_code=code)
        for short in WEIGHTS:
            org = orgs[short]
            for i, (_cat, name, content) in enumerate(CATALOGUE, start=1):
                proactive.category_save(
                    actor=ACTOR, org=org, name=name, content=content, responsible=org, order=i
                )
        for i, (name, content, short) in enumerate(GOVERNMENT_CATALOGUE, start=1):
            proactive.category_save(
                actor=ACTOR, org=gov, name=name, content=content, responsible=orgs[short], order=i
            )


ITEMS = [
    ("budget", "{y}年部门预算"),
    ("budget", "{y1}年部门决算"),
    ("functions", "机构职能及领导分工调整"),
    ("policy", "关于进一步优化营商环境的实施意见"),
    ("plans", "{y}年重点工作计划"),
    ("procurement", "{c}片区提质改造项目政府采购结果公告"),
    ("projects", "{c}老旧小区改造项目批准文件"),
    ("services", "办事指南更新"),
]


def load_items() -> None:
    """The 2019 catalogue: each body's items, published within GK-1's 20 WD — all but two;
    registered in the order they were formed, so each body's 索引号 follow the dates."""
    from . import proactive
    from .models import CatalogueCategory

    g = _Gen(YEAR + 5)
    orgs = {o.short_name: o for o in Organisation.objects.exclude(short_name="")}
    names = {cat: name for cat, name, _c in CATALOGUE}
    filed = {(c.org_id, c.name): c for c in CatalogueCategory.objects.all()}
    planned = []
    k = 0
    for short in WEIGHTS:
        for cat, title in ITEMS:
            k += 1
            formed = g.workday_in(dt.date(YEAR, 1, 7), dt.date(YEAR, 11, 20))
            text = title.format(y=YEAR, y1=YEAR - 1, c=g.rng.choice(COMMUNITIES))
            late = k in (17, 53)
            on = g.wd(formed, 22 if late else g.rng.randint(1, 15))
            planned.append((formed, k, short, cat, text, on))
    for formed, _k, short, cat, text, on in sorted(planned):
        with _at(formed):
            item = proactive.item_register(
                actor=ACTOR,
                org=orgs[short],
                category=cat,
                catalogue_category=filed.get((orgs[short].pk, names[cat])),
                formed_on=formed,
                title=text,
            )
        with _at(on):
            proactive.item_publish(actor=ACTOR, item=item, on=on)


def load() -> None:
    from . import demo_duties

    load_year()
    load_catalogue()
    load_items()
    demo_duties.load()
    load_reports()
    load_present()
