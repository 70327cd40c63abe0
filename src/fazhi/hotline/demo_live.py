"""The hotline's present in the demo: three dozen open orders of the four weeks before today,
taken through the services with the clock set to each step's business day (the ledger event
of each step carries that day), spread over the office and the bodies the demo logins work
in, so each login finds hotline work on its to-do at the first sign-in:

- 演示话务员 ``agent`` (the 12345 office): orders to assign, returned orders to re-assign,
  replies to check and close, closed orders to call back;
- 演示窗口人员 ``clerk`` (区行政审批服务局) and 演示负责人 ``leader`` (区行政执法局): orders to
  sign off and to reply to, some past their limit;
- the streets and the other bureaus: orders assigned, in progress, with co-handlers.

Callers, phone numbers and addresses come from the same vocabularies as the year, with their
own fixed seed.
"""

from __future__ import annotations

import datetime as dt
import random

from fazhi.core import clock
from fazhi.core.calendar import get_calendar
from fazhi.core.demo import ACTOR, DEMO_PASSWORD, register_login
from fazhi.core.models import DataScope, Membership, Organisation, Role
from fazhi.core.services import membership_grant, user_create

from .services import orders

AGENT = ("agent", "演示话务员")
WEEKS = 4

# (status reached, category code, body short name or "street", kind, workdays ago received)
PLAN = [
    ("received", "CS01", "street", "complaint", 0),
    ("received", "JS01", "区住建局", "help", 0),
    ("received", "SC01", "区市场监管局", "complaint", 1),
    ("received", "HJ01", "区行政执法局", "complaint", 1),
    ("received", "RS01", "区人社局", "help", 2),
    ("received", "ZC01", "区行政审批服务局", "enquiry", 0),
    ("returned", "HJ02", "区行政执法局", "complaint", 4),
    ("returned", "JS02", "区行政审批服务局", "help", 6),
    ("returned", "CS02", "street", "complaint", 8),
    ("assigned", "CS02", "区行政执法局", "complaint", 1),
    ("assigned", "HJ01", "区行政执法局", "complaint", 2),
    ("assigned", "ZC01", "区行政审批服务局", "help", 1),
    ("assigned", "ZC01", "区行政审批服务局", "suggestion", 3),
    ("assigned", "CS01", "street", "complaint", 2),
    ("assigned", "SC02", "区市场监管局", "report", 1),
    ("assigned", "JS01", "区住建局", "help", 3),
    ("signed", "HJ01", "区行政执法局", "complaint", 3),
    ("signed", "CS02", "区行政执法局", "report", 9),
    ("signed", "HJ01", "区行政执法局", "complaint", 12),
    ("signed", "ZC01", "区行政审批服务局", "help", 4),
    ("signed", "ZC01", "区行政审批服务局", "complaint", 10),
    ("signed", "CS01", "street", "complaint", 5),
    ("signed", "CS01", "street", "help", 7),
    ("signed", "RS02", "区人社局", "help", 6),
    ("signed", "WS01", "区卫生健康局", "complaint", 11),
    ("signed", "SC01", "区市场监管局", "complaint", 14),
    ("replied", "HJ01", "区行政执法局", "complaint", 6),
    ("replied", "ZC01", "区行政审批服务局", "help", 7),
    ("replied", "CS01", "street", "complaint", 8),
    ("replied", "JS01", "区住建局", "help", 9),
    ("replied", "SC02", "区市场监管局", "complaint", 12),
    ("closed", "CS02", "区行政执法局", "complaint", 10),
    ("closed", "JS02", "区住建局", "help", 13),
    ("closed", "RS01", "区人社局", "help", 15),
    ("closed", "ZC01", "区行政审批服务局", "complaint", 16),
    ("closed", "CS01", "street", "complaint", 18),
]
REPLIES = {
    "HJ01": "已到现场核查，责令施工单位夜间22时后停止作业。",
    "HJ02": "已督促餐馆加装油烟净化设施，一周后复查。",
    "CS01": "已安排城管队员劝离占道摊贩，并纳入日常巡查。",
    "CS02": "经核查属违章搭建，已下达限期拆除通知。",
    "JS01": "已约谈物业公司，电梯维修于本周内完成。",
    "JS02": "已组织双方调解，楼上住户同意修复防水层。",
    "SC01": "已约谈商家，商家同意退还预付卡余额。",
    "SC02": "已对该餐馆进行检查，责令整改并立案调查。",
    "RS01": "已责令用工单位限期支付拖欠工资。",
    "RS02": "已电话告知灵活就业人员医保缴费办法。",
    "WS01": "已对服务中心相关人员进行批评教育。",
    "ZC01": "已告知营业执照办理流程和所需材料。",
}


def _at(day: dt.date):
    """The clock at 10:00 Beijing time on ``day``: the step's ledger event carries that day."""
    return clock.frozen(dt.datetime(day.year, day.month, day.day, 2, tzinfo=dt.UTC))


def _agent(office: Organisation):
    register_login(*AGENT, Role.CLERK)
    u = user_create(
        actor=ACTOR,
        username=AGENT[0],
        password=DEMO_PASSWORD,
        full_name=AGENT[1],
        primary_org=office,
    )
    membership_grant(actor=ACTOR, user=u, org=office, role=Role.CLERK, data_scope=DataScope.ORG)
    return u


def load(office, orgs, streets, cats) -> None:
    """Called inside the hotline step's transaction, after the year."""
    from . import demo as year

    agent = _agent(office)
    rng = random.Random(20190)  # nosec B311 - demo data from a fixed seed
    cal = get_calendar()
    today = clock.today()
    workdays = []
    d = today
    while len(workdays) < WEEKS * 5:
        if cal.is_workday(d):
            workdays.append(d)
        d -= dt.timedelta(days=1)

    def later(day: dt.date, n: int) -> dt.date:
        return min(cal.add_workdays(day, n), today)

    for i, (status, code, body_name, kind, ago) in enumerate(PLAN):
        street = streets[(i * 3) % len(streets)]
        body = street if body_name == "street" else orgs[body_name]
        received = workdays[min(ago, len(workdays) - 1)]
        name = (
            rng.choice(year.SURNAMES) + rng.choice(year.GIVEN[::2]) + rng.choice(year.GIVEN[1::2])
        )
        address = f"{street.short_name}{rng.choice(year.ROADS)}{rng.randrange(1, 400)}号"
        with _at(received):
            o = orders.order_create(
                actor=agent,
                office=office,
                kind=kind,
                category=cats[code],
                caller_phone=f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
                caller_name=name,
                address=address,
                street=street,
                text=year.TEXTS[code].format(a=address),
            )
            if status == "received":
                continue
            co = [orgs["区行政执法局"]] if code == "CS01" and i % 2 else []
            o = orders.order_assign(actor=agent, order=o, body=body, cohandlers=co)
        if status == "assigned":
            continue
        lead = _body_user(body)
        if status == "returned":
            with _at(later(received, 1)):
                orders.order_return(actor=lead, order=o, reason="不属于本单位职责范围，建议改派")
            continue
        signed = later(received, 1 if ago > 2 and i % 3 == 0 else 0)
        with _at(signed):
            o = orders.order_sign(actor=lead, order=o)
        if status == "signed":
            continue
        replied = later(signed, 3)
        with _at(replied):
            o = orders.order_reply(actor=lead, order=o, reply=REPLIES[code])
        if status == "replied":
            continue
        with _at(later(replied, 1)):
            orders.order_close(actor=agent, order=o)


def _body_user(body: Organisation):
    """Who signs and replies for the body: the demo login working there (clerk or leader),
    else the demo loader itself (the kernel's system actor)."""
    m = (
        Membership.objects.filter(org=body, role__in=[Role.CLERK, Role.LEADER])
        .select_related("user")
        .order_by("id")
        .first()
    )
    return m.user if m is not None else ACTOR
