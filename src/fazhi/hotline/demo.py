"""The 2019 hotline year of the demo district (seed 一(六)1).

Figures reproduced exactly (indicators HL-CLOSED and HL-SATISFACTION, tests in
``tests/test_demo.py``):

- **24,136** orders closed in 2019 — the report writes 2.4万件 (HL-CLOSED; HL-CLOSED-EXACT
  gives the count): 151 enquiries answered on the spot (直接办结) and 23,985 orders handled
  by a body, replied to, closed and called back;
- callback satisfaction **97.50%** exactly: 24,600 callbacks, of which 23,985 满意 or 基本满意
  and 615 不满意 — each dissatisfied callback sent its order back for 重办, after which it
  was closed again and called back satisfied (23,985 / 24,600 = 0.975).

Volume goes through ``fazhi.core.bulk.BulkLoader``: the orders, their callbacks and one
ledger event per step at its business date (受理派单, 签收答复, 办结, 回访; a re-handled order
has a second cycle). Callers are generated from vocabularies with a fixed seed; phone
numbers are mobile numbers of the real format, never shown outside the staff pages. Each
handling cycle has its sign-off clock (RX-3) and its handling clock (RX-1), due dates from
the kernel's computation (``core.rules.compute``), stopped on the day signed and replied:
about 2% of the cycles are signed late and about 4% replied late, so the on-time KPIs
(HL-SIGN-ON-TIME, HL-ON-TIME) are real figures. The open orders of the weeks before today
are taken through the services (``demo_live.py``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

from django.db import transaction

from fazhi.core import rules as core_rules
from fazhi.core.bulk import BulkLoader
from fazhi.core.calendar import get_calendar
from fazhi.core.demo import ACTOR, register_demo_step
from fazhi.core.models import Clock, Organisation, OrgKind

from . import actions, demo_live
from .models import Callback, Category, Order, OrderKind, OrderStatus, Satisfaction
from .services import catalogue

YEAR = 2019
CLOSED = 24_136
DIRECT = 151
CALLBACKS_SATISFIED = 23_985  # = CLOSED - DIRECT: every handled order ends satisfied
DISSATISFIED = 615  # 23,985 / (23,985 + 615) = 97.50%
SUBJECT = "hotline.order"
SIGN_RULE, HANDLE_RULE = "RX-3", "RX-1"
# plain strings for the loop (a choices enum member costs an attribute lookup per use)
CLOSED_, ENQUIRY_ = OrderStatus.CLOSED.value, OrderKind.ENQUIRY.value
COMPLAINT_, HELP_ = OrderKind.COMPLAINT.value, OrderKind.HELP.value
YES_, BASIC_ = Satisfaction.SATISFIED.value, Satisfaction.BASIC.value
NO_ = Satisfaction.DISSATISFIED.value

CATEGORIES = [
    # code, major, name, body (short name; "street" = the order's street), weight
    ("CS01", "城市管理", "占道经营", "street", 14),
    ("CS02", "城市管理", "违章搭建", "区行政执法局", 6),
    ("HJ01", "环境保护", "噪声扰民", "区行政执法局", 12),
    ("HJ02", "环境保护", "油烟污染", "芙蓉生态环境分局", 5),
    ("JS01", "住房建设", "物业管理", "区住建局", 15),
    ("JS02", "住房建设", "房屋漏水", "区住建局", 6),
    ("SC01", "市场监管", "消费维权", "区市场监管局", 13),
    ("SC02", "市场监管", "食品安全", "区市场监管局", 5),
    ("RS01", "劳动保障", "欠薪讨薪", "区人社局", 8),
    ("RS02", "劳动保障", "社保医保", "区人社局", 6),
    ("WS01", "卫生健康", "医疗服务", "区卫生健康局", 4),
    ("ZC01", "政策咨询", "办事指南", "区行政审批服务局", 6),
]
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "建华国强志明秀英桂兰海燕丽娟俊杰文静晓东红梅卫东建军玉兰春生秋菊德明小平永刚雪梅振华敏慧思远佳怡子涵浩然"
ROADS = [
    "五一大道",
    "芙蓉中路",
    "人民东路",
    "韶山北路",
    "东二环",
    "车站北路",
    "八一路",
    "解放东路",
    "马王堆路",
    "远大一路",
]
TEXTS = {
    "CS01": "{a}附近夜市摊贩占道经营，影响通行",
    "CS02": "{a}小区楼顶有人违章搭建",
    "HJ01": "{a}工地夜间施工噪声扰民",
    "HJ02": "{a}餐馆油烟直排，气味很大",
    "JS01": "{a}小区物业不作为，电梯长期故障",
    "JS02": "{a}楼上住户漏水，协商无果",
    "SC01": "{a}商家拒不退还预付卡余额",
    "SC02": "{a}一家餐馆食材不新鲜",
    "RS01": "在{a}一工地务工，被拖欠工资三个月",
    "RS02": "咨询灵活就业人员医保缴费办法，住{a}",
    "WS01": "{a}社区卫生服务中心服务态度差",
    "ZC01": "咨询营业执照办理流程，住{a}",
}


def register() -> None:
    register_demo_step("12345市民热线（2019年度）", load)


def _categories() -> list[tuple[Category, str, int]]:
    out = []
    for code, major, name, body, weight in CATEGORIES:
        cat = catalogue.category_save(actor=ACTOR, code=code, major=major, name=name)
        out.append((cat, body, weight))
    return out


def load() -> None:
    with transaction.atomic():
        office = Organisation.objects.get(short_name="12345热线办")
        orgs = {o.short_name: o for o in Organisation.objects.exclude(short_name="")}
        streets = list(Organisation.objects.filter(kind=OrgKind.STREET).order_by("pk"))
        cats = _categories()
        for cat, body, _w in cats:
            if body != "street":
                catalogue.dispatch_save(actor=ACTOR, category=cat, body=orgs[body])
            else:
                for s in streets:
                    catalogue.dispatch_save(actor=ACTOR, category=cat, body=s, street=s)
        _bulk_year(office, orgs, streets, cats)
        demo_live.load(office, orgs, streets, {c.code: c for c, _b, _w in cats})


def _bulk_year(office, orgs, streets, cats) -> None:
    rng = random.Random(YEAR)  # nosec B311 - demo data from a fixed seed
    cal = get_calendar()
    days = [
        dt.date(YEAR, 1, 1) + dt.timedelta(n)
        for n in range(365)
        if cal.is_workday(dt.date(YEAR, 1, 1) + dt.timedelta(n))
    ]
    days = [d for d in days if d <= dt.date(YEAR, 12, 5)]  # closed and called back within the year
    loader = BulkLoader(actor_name=ACTOR.name, action=actions.DEMO)
    due_cache: dict[tuple[str, dt.date], tuple[int, int, dt.date]] = {}

    def deadline(code: str, start: dt.date) -> tuple[int, int, dt.date]:
        hit = due_cache.get((code, start))
        if hit is None:
            d = core_rules.compute(cal, code, start)
            hit = due_cache[(code, start)] = (d.rule.pk, d.version.pk, d.due.due)
        return hit

    weights = list(itertools.accumulate(w for _c, _b, w in cats))
    shift: dict[tuple[dt.date, int], dt.date] = {}

    def wd(day: dt.date, n: int) -> dt.date:
        """``cal.add_workdays`` cached: the year has 240 workdays, the loop 100,000 calls."""
        hit = shift.get((day, n))
        if hit is None:
            hit = shift[(day, n)] = cal.add_workdays(day, n)
        return hit

    enquiry = next(c for c, _b, _w in cats if c.code == "ZC01")
    redo = set(rng.sample(range(DIRECT, CLOSED), DISSATISFIED))
    for i in range(CLOSED):
        street = streets[i % len(streets)]
        received = days[(i * len(days)) // CLOSED]
        if i < DIRECT:
            cat, body = enquiry, office
        else:
            cat, b, _w = rng.choices(cats, cum_weights=weights)[0]
            body = street if b == "street" else orgs[b]
        name = rng.choice(SURNAMES) + rng.choice(GIVEN[::2]) + rng.choice(GIVEN[1::2])
        phone = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
        address = f"{street.short_name}{rng.choice(ROADS)}{rng.randrange(1, 400)}号"
        text = TEXTS[cat.code].format(a=address)
        number = f"RX-{YEAR}-{i + 1}"
        common = dict(
            number=number,
            title=text[:40],
            office_id=office.pk,
            category_id=cat.pk,
            street_id=street.pk,
            caller_name=name,
            caller_phone=phone,
            address=address,
            text=text,
            check_code=f"{rng.randrange(10**6):06d}",
            channel="phone",
            received_on=received,
            status=CLOSED_,
            version=1,
        )
        ev = dict(subject_type=SUBJECT, subject_label=f"{number} {text[:40]}")
        if i < DIRECT:
            pk = loader.add(
                Order,
                org_id=office.pk,
                kind=ENQUIRY_,
                direct=True,
                reply="已按知识库口径答复",
                replied_on=received,
                closed_on=received,
                **common,
            )
            loader.event(
                subject_id=pk,
                org_id=office.pk,
                org_name=office.name,
                **ev,
                data={"step": "受理并直接办结", "on": received.isoformat()},
                plain=True,
            )
            continue
        assigned = received
        late = rng.random()
        signed = wd(assigned, 1) if late < 0.3 else assigned
        if late > 0.98:  # signed late (RX-3: one workday)
            signed = wd(assigned, 2)
        replied = wd(signed, rng.randrange(1, 5))
        if 0.93 < late <= 0.97:  # replied late (RX-1: five workdays)
            replied = wd(assigned, rng.randrange(6, 9))
        closed = wd(replied, 1)
        called = wd(closed, 1)
        rounds = 0
        pk = loader.reserve(Order)
        cycles = [(assigned, signed, replied, closed, called)]
        if i in redo:
            rounds = 1
            a2 = called
            s2 = wd(a2, 1)
            r2 = wd(s2, 2)
            c2 = wd(r2, 1)
            cycles.append((a2, s2, r2, c2, wd(c2, 1)))
        kind = COMPLAINT_ if rng.random() < 0.55 else HELP_
        label = f"{number} {text[:40]}"
        for n, (a, sg, r, c, cb) in enumerate(cycles):
            last = n == len(cycles) - 1
            for code, stop, what in ((SIGN_RULE, sg, "签收时限"), (HANDLE_RULE, r, "办理答复时限")):
                rule_id, version_id, due = deadline(code, a)
                loader.add(
                    Clock,
                    subject_type=SUBJECT,
                    subject_id=str(pk),
                    subject_label=label,
                    org_id=body.pk,
                    handler_id=None,
                    rule_id=rule_id,
                    version_id=version_id,
                    label=what,
                    started_on=a,
                    due_on=due,
                    stopped_on=stop,
                    paused=False,
                )
            result = NO_ if not last else (YES_ if rng.random() < 0.9 else BASIC_)
            loader.add(
                Callback,
                order_id=pk,
                round=n,
                on=cb,
                result=result,
                reason="问题未解决" if not last else "",
            )
            for step, day in (("派单", a), ("签收并答复", r), ("审核办结", c), ("回访", cb)):
                loader.event(
                    subject_id=pk,
                    org_id=body.pk,
                    org_name=body.name,
                    **ev,
                    data={"step": step, "on": day.isoformat(), "round": n},
                    plain=True,
                )
        a, s, r, c, cb = cycles[-1]
        loader.add(
            Order,
            id=pk,
            org_id=body.pk,
            kind=kind,
            direct=False,
            assigned_on=a,
            signed_on=s,
            replied_on=r,
            reply="已核实处理并答复来电人",
            closed_on=c,
            rounds=rounds,
            satisfaction=result,
            **common,
        )
    loader.flush()
