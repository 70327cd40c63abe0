"""2019 mediation under the “1+X” mechanism (seed: 成功调处各类民间矛盾纠纷3611件，协议涉及金额
6309.11万元，其中重大疑难复杂纠纷88件，全部履行到位): the settled disputes across community,
street, district, specialist and court-connected committees, with their parties, sessions,
agreements (whose amounts add up to the seed's exactly), performance; around them the
disputes that failed, were refused, or were settled only in 2020."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from .. import actions
from ..models import (
    Agreement,
    Category,
    Committee,
    Dispute,
    DisputeParty,
    Performance,
    Session,
)
from .base import YEAR, Year
from .setup import Offices

SETTLED, AMOUNT_YUAN, MAJOR = 3611, 63_091_100, 88  # seed
FAILED, REFUSED, INTO_2020 = 380, 40, 25
ESCALATED = 30  # of the major ones
GENERAL = {
    "family": 16, "neighbour": 30, "housing": 12, "contract": 8, "damage": 14, "property": 8,
    "labour": 4, "demolition": 3, "consumer": 3, "other": 2,
}  # fmt: skip
COURT = {"contract": 40, "damage": 30, "housing": 20, "family": 10}
SECTOR_CATEGORY = {
    "traffic": "traffic", "medical": "medical", "labour": "labour", "property": "property",
    "family": "family", "consumer": "consumer",
}  # fmt: skip
MEDIAN = {
    "traffic": 12000, "medical": 30000, "labour": 15000, "contract": 20000, "damage": 6000,
    "property": 3000, "housing": 20000, "demolition": 80000, "consumer": 2000, "family": 10000,
    "neighbour": 2000, "other": 3000,
}  # fmt: skip
MONEY_SHARE = {"family": 0.3, "neighbour": 0.3, "other": 0.4}
FACTS = {
    "family": "夫妻因家庭琐事及子女抚养问题发生矛盾，要求调解。",
    "neighbour": "楼上住户装修漏水致楼下墙面、吊顶受损，双方就修复和赔偿发生争执。",
    "housing": "房屋租赁合同到期后押金退还及房屋损坏赔偿发生纠纷。",
    "contract": "装修合同履行中就工程款结算发生争议。",
    "damage": "饲养的宠物犬咬伤他人，双方就医疗费用赔偿发生争议。",
    "property": "业主以物业服务不到位为由拒交物业费，物业公司要求补缴。",
    "labour": "劳动者离职后要求支付拖欠工资和经济补偿，用人单位有异议。",
    "demolition": "征收范围内房屋补偿安置方案有异议，涉及多户家庭。",
    "consumer": "购买的商品存在质量问题，消费者要求退货赔偿，商家不同意。",
    "traffic": "电动车与小型汽车发生碰撞致人受伤，双方就责任和赔偿发生争议。",
    "medical": "患者在诊疗后出现并发症，家属认为医疗机构存在过错要求赔偿。",
    "other": "因共用通道堆放杂物引发争执。",
}
TERMS = {
    0: "双方互相谅解，被申请方当面赔礼道歉并于七日内恢复原状，双方不再就此事发生争执。",
    1: "被申请方一次性支付申请方{a}元，于协议签订之日履行完毕，双方再无其他纠纷。",
    2: "被申请方分期支付申请方{a}元，按约定时间履行，双方再无其他纠纷。",
}
SOURCES = {"walk_in": 45, "screening": 20, "hotline": 10, "police": 10, "grid": 8, "court": 7}


@dataclass
class Plan:
    committee: Committee
    category: str
    received: dt.date
    fate: str  # agreed | failed | refused | agreed2020
    major: bool = False
    escalate_from: Committee | None = None
    amount: int = 0
    source: str = "walk_in"
    ref: tuple[str, str, str] | None = None
    street: object = None  # where it arose (else the committee's street)
    applicant: dict | None = None  # a known person (a petitioner) as the applicant


def load(y: Year, o: Offices) -> None:
    plans = _plans(y, o)
    _amounts(y, [p for p in plans if p.fate == "agreed" and p.received.year <= YEAR])
    for p in sorted(plans, key=lambda p: p.received):
        write(y, o, p)


def _committee_for(y: Year, o: Offices, major: bool) -> Committee:
    r = y.r
    if major:
        where = y.pick({"street": 30, "district": 25, "specialist": 25, "court": 8})
    else:
        where = y.pick({"community": 45, "street": 30, "specialist": 18, "district": 4, "court": 3})
    if where == "community":
        return r.choice(list(o.communities.values()))
    if where == "street":
        return r.choice(list(o.streets.values()))
    if where == "specialist":
        return o.specialist[y.pick({"traffic": 6, "medical": 3, "labour": 4, "property": 3,
                                    "family": 1, "consumer": 1})]  # fmt: skip
    return o.district if where == "district" else o.court_room


def _category(y: Year, c: Committee) -> str:
    if c.kind == "specialist":
        return SECTOR_CATEGORY[c.sector]
    if c.kind == "judicial":
        return y.pick(COURT)
    return y.pick(GENERAL)


def _plans(y: Year, o: Offices) -> list[Plan]:
    plans = []
    majors = set(y.r.sample(range(SETTLED), MAJOR))
    escalated = set(y.r.sample(sorted(majors), ESCALATED))
    for i in range(SETTLED):
        major = i in majors
        c = _committee_for(y, o, major)
        last = dt.date(YEAR, 10, 31) if major else dt.date(YEAR, 12, 6)  # settled within 2019
        received = y.workday(dt.date(YEAR, 1, 2), last)
        p = Plan(c, _category(y, c), received, "agreed", major, source=y.pick(SOURCES))
        if i in escalated and c.level in ("street", "district"):
            lower = [k for k in o.communities.values() if k.org.parent_id == c.org_id]
            p.escalate_from = (
                y.r.choice(lower) if c.level == "street" and lower
                else y.r.choice(list(o.streets.values()))
            )  # fmt: skip
        plans.append(p)
    for fate, n in (("failed", FAILED), ("refused", REFUSED), ("agreed2020", INTO_2020)):
        for _i in range(n):
            c = _committee_for(y, o, False)
            lo, hi = (dt.date(YEAR, 12, 9), dt.date(YEAR, 12, 27)) if fate == "agreed2020" else (
                dt.date(YEAR, 1, 2), dt.date(YEAR, 12, 13))  # fmt: skip
            plans.append(Plan(c, _category(y, c), y.workday(lo, hi), fate, source=y.pick(SOURCES)))
    return plans


def _amounts(y: Year, plans: list[Plan]) -> None:
    """Draw each agreement's amount (a share of them carry none: an apology, a repair), scale
    to the seed's total and round to 100 yuan; the remainder goes to the largest agreement so
    the sum is the seed's exactly."""
    r = y.r
    raw = []
    for p in plans:
        money = r.random() < MONEY_SHARE.get(p.category, 0.88) or p.major
        if not money:
            raw.append(0.0)
            continue
        v = MEDIAN[p.category] * math.exp(r.gauss(0, 0.9)) * (18 if p.major else 1)
        raw.append(v)
    factor = AMOUNT_YUAN / sum(raw)
    amounts = [int(round(v * factor / 100.0)) * 100 if v else 0 for v in raw]
    largest = max(range(len(amounts)), key=lambda i: amounts[i])
    amounts[largest] += AMOUNT_YUAN - sum(amounts)
    for p, a in zip(plans, amounts, strict=True):
        p.amount = a


def _party(y: Year, side: str, kind: str) -> dict:
    if kind == "person":
        p = y.names.person()
        return dict(side=side, kind="person", name=p.name, id_number=p.id_number, phone=p.phone,
                    address=p.address)  # fmt: skip
    c = y.names.company(kind)
    return dict(side=side, kind=kind, name=c.name, credit_code=c.credit_code, phone=c.phone,
                address=c.address)  # fmt: skip


def _parties(y: Year, category: str, major: bool) -> list[dict]:
    respondent_kind = {"labour": "org", "property": "org", "medical": "business",
                       "consumer": "business", "contract": "business"}.get(category, "person")  # fmt: skip
    if category == "property" and y.r.random() < 0.5:
        out = [_party(y, "applicant", "org"), _party(y, "respondent", "person")]
    else:
        out = [_party(y, "applicant", "person"), _party(y, "respondent", respondent_kind)]
    extra = y.r.randint(2, 6) if major else (1 if y.r.random() < 0.08 else 0)
    out += [_party(y, "applicant", "person") for _i in range(extra)]
    return out


def write(y: Year, o: Offices, p: Plan) -> int:
    """One dispute with its history, as the services would have left it."""
    r = y.r
    T = "disputes.dispute"
    c = p.escalate_from or p.committee
    org = p.committee.org
    pk = y.loader.reserve(Dispute)
    parties = _parties(y, p.category, p.major)
    if p.applicant:
        parties[0] = p.applicant
    applicant = parties[0]["name"]
    respondent = next(x["name"] for x in parties if x["side"] == "respondent")
    more = "等" if len(parties) > 2 else ""
    title = f"{applicant}{more}与{respondent}{Category(p.category).label}"
    number = y.number(c.org, f"dis-tj-{c.pk}", f"{c.doc_prefix}受", p.received, T, pk)
    subject = (T, pk, f"{number} {title}")
    if p.street is not None:
        street = p.street
    elif c.org.kind == "street":
        street = c.org
    elif c.org.kind in ("community", "village"):
        street = c.org.parent
    else:
        street = y.r.choice([k.org for k in o.streets.values()])
    mediators = o.mediators[p.committee.pk]
    claimed = p.amount * r.choice([1, 1, 1.2, 1.5])
    row = dict(
        id=pk, number=number, org_id=org.pk, title=title, received_on=p.received,
        committee_id=p.committee.pk, category=p.category, source=p.source, street_id=street.pk,
        place=f"{street.short_name}{y.r.choice(['某小区', '某路段', '某商铺', '某住户'])}",
        facts=FACTS[p.category], is_major=p.major,
        major_reason="涉及人数多、金额大，基层调解难度大" if p.major else "",
        check_code="".join(r.choice("23456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _i in range(6)),
        mediator_id=mediators[0].pk, amount_claimed=f"{claimed:.2f}" if p.amount else None,
    )  # fmt: skip
    if p.ref:
        row.update(ref_type=p.ref[0], ref_id=p.ref[1], ref_label=p.ref[2][:300])
    y.event(subject, c.org, step="受理", on=p.received, committee=c.name, source=p.source)
    first = y.days(p.received, 0, 5)
    if p.escalate_from is not None:
        up = y.days(p.received, 1, 6)
        first = y.days(up, 0, 4)
        row.update(escalated_on=up, escalated_from_id=p.escalate_from.pk)
        y.event(subject, org, action=actions.TJ_ESCALATE, step="重大疑难纠纷上报", on=up,
                to=p.committee.name)  # fmt: skip
    if p.fate == "refused":
        closed = y.days(p.received, 1, 6)
        y.clock(subject, org, "TJ-1", p.received, closed, "调解期限")
        row.update(status="refused", closed_on=closed)
        y.event(
            subject, org, step="不予受理", on=closed, to="refused", reason="一方当事人明确拒绝调解"
        )
        _add(y, row, parties, None)
        return pk
    sessions = r.randint(2, 5) if p.major else r.randint(1, 3)
    span = r.randint(15, 60) if p.major else r.randint(1, 25)
    held = sorted({y.cal.next_workday(first + dt.timedelta(days=span * k // sessions))
                   for k in range(sessions)})  # fmt: skip
    if p.fate == "agreed":  # settled within its year
        cap = y.cal.previous_workday(dt.date(p.received.year, 12, 27))
        held = sorted({min(d, cap) for d in held})
    for d in held:
        y.loader.add(Session, dispute_id=pk, held_on=d, mediator_id=r.choice(mediators).pk,
                     place=p.committee.name, summary=r.choice(SESSION_NOTES))  # fmt: skip
        y.event(subject, org, action=actions.TJ_SESSION, step="调解", on=d)
    row.update(started_on=held[0])
    if p.fate == "failed":
        closed = y.days(held[-1], 0, 3)
        y.clock(subject, org, "TJ-1", p.received, closed, "调解期限")
        route = y.pick({"litigation": 60, "arbitration": 15, "administrative": 15, "other": 10})
        row.update(status="failed", closed_on=closed, failure_route=route)
        y.event(subject, org, step="调解不成", on=closed, to="failed", route=route)
        _add(y, row, parties, None)
        return pk
    signed = y.cal.next_workday(held[-1] + dt.timedelta(days=r.randint(0, 2)))
    if p.fate == "agreed" and signed.year > p.received.year:
        signed = y.cal.previous_workday(dt.date(p.received.year, 12, 31))
    if p.fate == "agreed2020":
        signed = y.workday(dt.date(YEAR + 1, 1, 2), dt.date(YEAR + 1, 1, 17))
    y.clock(subject, org, "TJ-1", p.received, signed, "调解期限")
    amount = p.amount
    oral = not p.major and amount < 2000 and r.random() < 0.35
    breached = bool(not p.major and not oral and amount and r.random() < 0.02)
    instalments = 1 if (oral or amount == 0 or r.random() < 0.7) else r.randint(2, 3)
    schedule, paid = _schedule(y, signed, amount, instalments, oral)
    if breached:
        paid = paid[:-1]
    applied = not oral and r.random() < (0.3 if p.major else 0.04)
    tj2_due = y.due("TJ-2", signed)[2]
    applied_on = min(y.days(signed, 3, 20), tj2_due) if applied else None
    a_number = y.number(org, f"dis-tj-agreement-{p.committee.pk}", p.committee.doc_prefix,
                        signed, T, pk)  # fmt: skip
    kind = 0 if amount == 0 else (1 if instalments == 1 else 2)
    aid = y.loader.add(
        Agreement, dispute_id=pk, number=a_number, form="oral" if oral else "written",
        signed_on=signed, amount=f"{amount}.00", terms=TERMS[kind].format(a=amount),
        schedule=schedule, confirmation_applied_on=applied_on,
        confirmation_court="长沙市芙蓉区人民法院" if applied else "",
    )  # fmt: skip
    row.update(agreed_on=signed)
    y.event(subject, org, action=actions.TJ_AGREEMENT, step="达成调解协议", on=signed,
            number=a_number, amount=f"{amount}.00", form="oral" if oral else "written")  # fmt: skip
    for d, amt in paid:
        y.loader.add(Performance, agreement_id=aid, performed_on=d, amount=f"{amt}.00",
                     note="已按协议履行" if amt else "已赔礼道歉并恢复原状")  # fmt: skip
        y.event(subject, org, action=actions.TJ_PERFORMANCE, step="履行调解协议", on=d,
                amount=f"{amt}.00")  # fmt: skip
    if breached:
        closed = y.cal.next_workday(
            (paid[-1][0] if paid else signed) + dt.timedelta(days=r.randint(40, 70))
        )
        row.update(status="breached", closed_on=closed)
        y.event(subject, org, step="协议未履行", on=closed, to="breached")
    else:
        done = paid[-1][0]
        row.update(status="performed", performed_on=done, closed_on=done)
        y.event(subject, org, step="履行完毕", on=done, to="performed")
    if not oral:
        stop = applied_on or row["closed_on"]
        y.clock(subject, org, "TJ-2", signed, max(stop, signed), "申请司法确认期限", party=True)
    _add(y, row, parties, None if oral else signed)
    return pk


SESSION_NOTES = [
    "分别听取双方陈述，释法明理",
    "组织双方面对面协商",
    "邀请律师参与调解，讲解相关法律规定",
    "实地查看现场后调解",
]


def _schedule(y: Year, signed: dt.date, amount: int, instalments: int, oral: bool):
    """The agreement's schedule and the performance that followed it: (schedule, [(day,
    amount)])."""
    r = y.r
    if oral:
        return [], [(signed, amount)]
    if instalments == 1:
        return [], [(y.days(signed, 0, 15), amount)]
    part = amount // instalments // 100 * 100
    schedule, paid = [], []
    for k in range(instalments):
        amt = amount - part * (instalments - 1) if k == instalments - 1 else part
        due_k = signed + dt.timedelta(days=30 * (k + 1))
        schedule.append({"due": due_k.isoformat(), "amount": f"{amt}.00"})
        paid.append((y.cal.previous_workday(due_k - dt.timedelta(days=r.randint(0, 5))), amt))
    return schedule, paid


def _add(y: Year, row: dict, parties: list[dict], signed: dt.date | None) -> None:
    y.loader.add(Dispute, **row)
    for party in parties:
        y.loader.add(DisputeParty, dispute_id=row["id"], signed_on=signed, **party)
