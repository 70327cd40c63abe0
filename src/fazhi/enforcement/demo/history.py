"""Each planned case written with its history (bulk): the case and its records, and one
ledger event per step at the step's business date, with the clocks the services would have
started and stopped.

A general-procedure case goes 登记 → 指派 (two certified officers) → 批准立案 → 证据 →
提出处理意见 → 批准并告知 (the party's statement period, CF-4) → [送法制审核 → 审核意见 →
集体讨论] → 作出决定 (numbered; the publicity clock SZ-1 starts) → 送达 (the party's payment
period, CF-11) → 缴纳 → 公示 → 结案 → 归档; a summary case 登记 → 当场作出决定 → 送达 → 缴纳
→ 结案 → 归档; a clue not filed 登记 → 不予立案. Numbers come from the series the services
use (芙执案〔2019〕N号 for cases, the body's 机关代字 for decisions and notices), issued in
order of their business date, gapless.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from types import SimpleNamespace

from fazhi.core.models import Organisation

from .. import actions, rules
from ..models import (
    Case,
    CaseOfficer,
    Decision,
    Discussion,
    Evidence,
    LegalReview,
    Outcome,
    Payment,
    Publication,
)
from ..models import CaseStatus as S
from ..services import publicity
from ..services.cases import notice_prefix
from .base import Year, _cn, _iso
from .cases import SECTORS, _Plan
from .names import BUSINESS_TRADES, trade_of

SUBJECT = "enforcement.case"
SERVICE_METHODS = ["直接送达", "直接送达", "直接送达", "邮寄送达", "留置送达"]
PARTY_POOL = {"person": 5000, "business": 700, "org": 450}
DROP_REASONS = [
    "经核查，违法事实不能成立，不予立案。",
    "经核查，不属于本机关管辖，已告知举报人向有管辖权的机关反映。",
    "违法行为轻微并及时改正，没有造成危害后果，不予立案。",
]
REVIEW_PASSED = "事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。"
OUTCOMES = {
    "fine": Outcome.PENALTY,
    "warning": Outcome.PENALTY,
    "no_penalty": Outcome.NO_PENALTY,
    "first_offence": Outcome.FIRST_OFFENCE,
    "dropped": Outcome.DROPPED,
}
CLOCK_LABELS = {
    rules.MARKET_DECISION: "作出处罚决定期限",
    rules.HEARING_REQUEST: "当事人陈述申辩和申请听证期限",
    rules.PAYMENT: "当事人缴纳罚款期限",
    rules.PUBLICITY: "执法决定公示期限",
}


def case_prefix(body) -> str:
    """The case series' 机关代字, as ``services.cases`` derives it: 芙执罚决 → 芙执案."""
    return (body.doc_prefix.removesuffix("罚决") or "芙执") + "案"


def party(y: Year, kind: str, trade: str) -> dict[str, str]:
    """A party from a fixed pool per kind and trade, so that some are met more than once
    (repeat offenders), as in real case lists."""
    key = (kind, "" if kind == "person" else trade)
    slot = y.py.randrange(PARTY_POOL[kind])
    hit = y.parties.get((key, slot))
    if hit is None:
        if kind == "person":
            hit = y.names.individual()
        elif kind == "business":
            hit = y.names.shop(trade)
        else:
            hit = y.names.company(trade)
        y.parties[(key, slot)] = hit
    return hit


def write_cases(y: Year) -> None:
    """Per body, all sectors together: case numbers in order of receipt, decision and
    notice numbers in order of their dates, each series per year."""
    y.parties = {}
    bodies: dict[str, list[_Plan]] = defaultdict(list)
    for sector in SECTORS:
        bodies[sector.body] += y.by_sector[sector.key]
    for short, plans in bodies.items():
        order = {id(p): k for k, p in enumerate(plans)}
        plans.sort(key=lambda p: (p.received, order[id(p)]))
        body = y.bodies[short]
        for p in sorted((p for p in plans if p.decided), key=lambda p: (p.decided, order[id(p)])):
            p.decision_no = y.next_number(
                body.org, "enf-decision", p.decided.year, body.doc_prefix or "芙执罚决"
            )
        for p in sorted((p for p in plans if p.notified), key=lambda p: (p.notified, order[id(p)])):
            p.notice_no = y.next_number(
                body.org, "enf-notice", p.notified.year, notice_prefix(body.doc_prefix)
            )
        _Writer(y, short).write_all(plans)


class _Writer:
    """Writes one body's cases."""

    def __init__(self, y: Year, short: str):
        self.y = y
        self.body = y.bodies[short]
        self.org: Organisation = self.body.org
        self.pool = y.pool[short]
        self.reviewer = y.users["reviewer"] if short == "区行政执法局" else None
        self.demo = y.demo_officers if short == "区行政执法局" else []
        self.market = {f.pk for code, f in y.fields.items() if code in rules.MARKET_FIELDS}
        self.field_codes = {f.pk: code for code, f in y.fields.items()}
        self._market_period: dict[dt.date, bool] = {}  # has_period(CF-2b) by day, read once

    def market_period(self, day: dt.date) -> bool:
        try:
            return self._market_period[day]
        except KeyError:
            out = self._market_period[day] = rules.has_period(rules.MARKET_DECISION, day)
            return out

    def write_all(self, plans: list[_Plan]) -> None:
        for i, p in enumerate(plans):
            self.write(i, p)

    def team(self, i: int, p: _Plan):
        """(lead, second, handler id): the demo users lead about one bureau case in a
        hundred; the others are drawn from the body's officers on duty."""
        y = self.y
        if self.demo and p.procedure == "general" and i % 97 == 5:
            lead_o, lead_c, user = self.demo[(i // 97) % 2]
            other_o, other_c, _u = self.demo[1 - (i // 97) % 2]
            return (
                (lead_o.pk, lead_c.pk, lead_o.name, lead_c.number),
                (
                    other_o.pk,
                    other_c.pk,
                    other_o.name,
                    other_c.number,
                ),
                user.pk,
            )
        a, b = y.py.sample(range(len(self.pool)), 2)
        return self.pool[a], self.pool[b], None

    def write(self, i: int, p: _Plan) -> None:
        y, L, org, body = self.y, self.y.loader, self.org, self.body
        item = y.items[p.item]
        trade = trade_of(p.item)
        if p.procedure == "general" and p.party == "person" and trade in BUSINESS_TRADES:
            p.party = "business"  # a building site or a 网吧 is a business's
        who = p.who = party(y, p.party, trade)
        act = y.acts[p.item]
        street = y.streets[i % len(y.streets)].short_name
        lead, second, handler_id = self.team(i, p)
        team = [lead] if p.procedure == "summary" else [lead, second]
        s_case, n_case, case_no = y.next_number(org, "enf-case", p.received.year, case_prefix(body))
        outcome = OUTCOMES[p.outcome]
        kinds = ["fine"] if p.fine else (["warning"] if p.outcome == "warning" else [])
        fine = Decimal(p.fine)
        title = f"{who['party_name']}{act}案"[:300]
        facts = (
            f"{_cn(p.received)}，执法人员在芙蓉区{street}辖区{y.names.road()}检查发现，"
            f"当事人{act}。"
        )
        steps: list[tuple[dt.date, int, Callable[[], None]]] = []
        case_id = p.case_id = L.reserve(Case)
        method = "当场交付" if p.procedure == "summary" else y.py.choice(SERVICE_METHODS)
        subject = (SUBJECT, case_id, f"{case_no} {title}", org)
        moves = 0

        def move(frm, to, on, k, **data):
            nonlocal moves
            moves += 1
            steps.append((on, k, lambda: y.move(subject, Case, frm, to, on, **data)))

        def event(action, on, k, **data):
            steps.append((on, k, lambda: y.event(subject, action, {**data, "on": _iso(on)})))

        def clock(code, start, stop, party=False):
            return y.clock(
                subject_type=SUBJECT,
                subject_id=case_id,
                subject_label=f"{case_no} {title}",
                org_id=org.pk,
                code=code,
                label=CLOCK_LABELS[code],
                start=start,
                stop=stop,
                party=party,
            )

        event(
            actions.CASE_CREATE,
            p.received,
            0,
            source=p.source,
            procedure=p.procedure,
            field=self.field_codes[item.field_id],
            number=case_no,
        )
        assigned = p.registered or p.received
        for j, (oid, cid, name, cert_no) in enumerate(team):
            L.add(CaseOfficer, case_id=case_id, officer_id=oid, certificate_id=cid, is_lead=j == 0)
            event(actions.CASE_ASSIGN, assigned, 2, officer=name, certificate=cert_no, lead=j == 0)
        if p.outcome == "dropped":
            move(S.CLUE, S.DROPPED, p.closed, 9, reason=y.py.choice(DROP_REASONS))
        elif p.procedure == "summary":
            self.summary_steps(p, move, event, clock, kinds, fine, outcome)
        else:
            self.general_steps(p, lead, second, method, move, event, clock, kinds, fine, outcome)
        if p.archived:
            move(S.CLOSED, S.ARCHIVED, p.archived, 9)
        status = S.DROPPED if p.outcome == "dropped" else S.ARCHIVED if p.archived else S.CLOSED
        L.add(
            Case,
            id=case_id,
            number=case_no,
            org_id=org.pk,
            title=title,
            status=status,
            received_on=p.received,
            closed_on=p.closed,
            handler_id=handler_id,
            version=1 + moves,
            body_id=body.pk,
            field_id=item.field_id,
            item_id=item.pk,
            campaign_id=self.campaign_id(p),
            source=p.source,
            source_ref="",
            procedure=p.procedure,
            party_kind=p.party,
            party_name=who["party_name"],
            party_id_number=who.get("party_id_number", ""),
            party_credit_code=who.get("party_credit_code", ""),
            party_legal_rep=who.get("party_legal_rep", ""),
            party_address=who["party_address"],
            party_phone="",
            facts=facts,
            registered_on=p.registered,
            proposed_fine=fine if p.procedure == "general" and p.decided else None,
            proposed_band_id=p.band.pk if p.band and p.procedure == "general" else None,
            proposed_kinds=kinds if p.procedure == "general" else [],
            is_major=p.major,
            major_reasons=[y.major_name] if p.major else [],
            needs_discussion=p.discussion,
            notified_on=p.notified,
            notice_number=p.notice_no[2] if p.notice_no else "",
            statements_waived=False,
            outcome=outcome,
            archived_on=p.archived,
        )
        y.issued(s_case, n_case, case_no, p.received, SUBJECT, case_id)
        if p.notice_no:
            s_not, n_not, notice_no = p.notice_no
            y.issued(s_not, n_not, notice_no, p.notified, SUBJECT, case_id)
        if p.decided:
            self.decision(p, who, facts, kinds, fine, outcome, method)
        for _on, _k, emit in sorted(steps, key=lambda s: (s[0], s[1])):
            emit()

    def campaign_id(self, p: _Plan) -> int | None:
        c = self.y.campaign_by_name.get(p.sector.campaign)
        return c.pk if c else None

    def summary_steps(self, p, move, event, clock, kinds, fine, outcome) -> None:
        """当场处罚: the decision is made and handed over on the spot by the officer."""
        number = p.decision_no[2]
        move(
            S.CLUE, S.DECIDED, p.decided, 3, number=number, outcome=str(outcome),
            fine=str(fine), kinds=kinds,
        )  # fmt: skip
        paying = clock(rules.PAYMENT, p.served, p.paid, party=True) if p.fine else None
        move(S.DECIDED, S.SERVED, p.served, 4, method="当场交付", clock=paying)
        if p.paid:
            event(actions.PAYMENT, p.paid, 5, amount=str(fine), receipt=self.receipt(p),
                  stopped=[rules.PAYMENT])  # fmt: skip
        move(S.SERVED, S.CLOSED, p.closed, 8)

    def general_steps(self, p, lead, second, method, move, event, clock, kinds, fine, outcome):
        y, L, case_id = self.y, self.y.loader, p.case_id
        market = (
            self.y.items[p.item].field_id in self.market
            and p.registered
            and self.market_period(p.registered)
        )
        stop_decision = p.decided
        decision_clock = (
            clock(rules.MARKET_DECISION, p.registered, stop_decision) if market else None
        )
        move(S.CLUE, S.REGISTERED, p.registered, 1, clock=decision_clock)
        inquiry = p.registered + (p.notified - p.registered) / 2 if p.notified else p.registered
        L.add(Evidence, case_id=case_id, kind="scene", title="现场检查（勘验）笔录",
              collected_on=p.registered, collected_by_id=lead[0])  # fmt: skip
        event(actions.EVIDENCE_ADD, p.registered, 3, kind="scene", title="现场检查（勘验）笔录")
        L.add(Evidence, case_id=case_id, kind="inquiry", title="询问笔录",
              collected_on=inquiry, collected_by_id=second[0])  # fmt: skip
        event(actions.EVIDENCE_ADD, inquiry, 3, kind="inquiry", title="询问笔录")
        band = p.band.code if p.band else ""
        move(S.REGISTERED, S.PROPOSED, p.notified, 4, fine=str(fine), band=band, kinds=kinds,
             major=[y.major_name] if p.major else [])  # fmt: skip
        statement = clock(rules.HEARING_REQUEST, p.notified, p.decided, party=True)
        move(S.PROPOSED, S.NOTIFIED, p.notified, 5, number=p.notice_no[2], clock=statement)
        stopped = [rules.HEARING_REQUEST] + ([rules.MARKET_DECISION] if market else [])
        before = S.NOTIFIED
        if p.major:
            move(S.NOTIFIED, S.REVIEW, p.submitted, 6)
            L.add(LegalReview, case_id=case_id, submitted_on=p.submitted,
                  reviewer_id=self.reviewer.pk if self.reviewer else None,
                  decided_on=p.reviewed, opinion="pass", reasons=REVIEW_PASSED)  # fmt: skip
            event(actions.REVIEW_OPINION, p.reviewed, 6, opinion="pass", reasons=REVIEW_PASSED)
            before = S.REVIEW
            if p.discussion:
                move(S.REVIEW, S.DISCUSSION, p.discussed, 6)
                L.add(Discussion, case_id=case_id, held_on=p.discussed,
                      attendees="本机关负责人集体讨论", conclusion="同意按拟处理意见作出处罚决定。")  # fmt: skip
                event(
                    actions.DISCUSSION, p.discussed, 6, conclusion="同意按拟处理意见作出处罚决定。"
                )
                before = S.DISCUSSION
        publish = _published(p.procedure, outcome)
        publicity = clock(rules.PUBLICITY, p.decided, p.published) if publish else None
        move(
            before, S.DECIDED, p.decided, 7, number=p.decision_no[2], outcome=str(outcome),
            fine=str(fine), band=band, kinds=kinds, stopped=stopped, clock=publicity,
        )  # fmt: skip
        if publish:
            event(actions.PUBLISH, p.published, 8, number=p.decision_no[2],
                  stopped=[rules.PUBLICITY])  # fmt: skip
        paying = clock(rules.PAYMENT, p.served, p.paid, party=True) if p.fine else None
        move(S.DECIDED, S.SERVED, p.served, 8, method=method, clock=paying)
        if p.paid:
            event(actions.PAYMENT, p.paid, 8, amount=str(fine), receipt=self.receipt(p),
                  stopped=[rules.PAYMENT])  # fmt: skip
        move(S.SERVED, S.CLOSED, p.closed, 9)

    def receipt(self, p: _Plan) -> str:
        return f"FK{p.paid.year}{p.case_id:08d}"

    def decision(self, p, who, facts, kinds, fine, outcome, method) -> None:
        y, L, item, case_id = self.y, self.y.loader, self.y.items[p.item], p.case_id
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
            service_method=method,
        )
        y.issued(s_dec, n_dec, dec_no, p.decided, SUBJECT, case_id)
        if p.paid:
            L.add(Payment, decision_id=dec_id, paid_on=p.paid, amount=fine, kind="fine",
                  receipt=self.receipt(p))  # fmt: skip
        if _published(p.procedure, outcome):
            # what decision_text reads, without building model instances (12,000 of them)
            case = SimpleNamespace(
                body=self.body, party_kind=p.party, facts=facts,
                **{"party_phone": "", "party_id_number": "", "party_credit_code": "", **who},
            )  # fmt: skip
            d = SimpleNamespace(case=case, number=dec_no, outcome=outcome, fine=fine,
                                basis=basis, decided_on=p.decided)  # fmt: skip
            title_pub, text = publicity.decision_text(d)
            L.add(Publication, decision_id=dec_id, published_on=p.published, title=title_pub,
                  text=text)  # fmt: skip


def _published(procedure: str, outcome: str) -> bool:
    """Whether the decision goes under the publicity clock, by the services' rule."""
    return rules.must_publish(SimpleNamespace(procedure=procedure), outcome)
