"""Enforcement's statutory rules: which clocks a case runs and the checks its steps need.

Time limits live in the kernel's registry (codes from legal-rules.md §1.2/§1.13); a case runs
under the version in force on the day each clock starts, so a 2019 case is judged by the
2017 text of the 行政处罚法.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _

from fazhi.core import clock, clocks
from fazhi.core import rules as core_rules

# Clock codes (kernel registry).
DECISION = "CF-2"  # decide within 90 days of 立案 (2021 Art.60); the 2017 text set none
MARKET_DECISION = "CF-2b"  # 市场监管 rules: 90 days + 30 approved, some time not counted
MARKET_FIELDS = frozenset({"food-safety", "drugs", "market-order"})
HEARING_REQUEST = "CF-4"  # party asks for a hearing within 5 WD (2021) / 3 days (2017)
PAYMENT = "CF-11"  # pay within 15 days of receiving the decision
PUBLICITY = "SZ-1"  # publish 行政处罚 decisions within 7 WD (国办发〔2018〕118号)
COURT_WAIT = "QZ-2"  # apply to the court only 10 WD after the reminder (行政强制法 Art.54)
WITHDRAWAL = "SZ-3"  # withdraw a changed or revoked decision within 3 WD

# Summary procedure caps (CF-1): 2017 text Art.33: ≤50 yuan citizen, ≤1,000 yuan organisation;
# 2021 text Art.51: ≤200 / ≤3,000.
SUMMARY_CAPS = [
    (dt.date(2021, 7, 15), Decimal(200), Decimal(3000)),
    (dt.date(1996, 10, 1), Decimal(50), Decimal(1000)),
]
LATE_RATE = Decimal("0.03")  # 加处罚款 3% a day, capped at the fine (2021 Art.72; 2017 Art.51)


def has_period(code: str, on: dt.date) -> bool:
    """Whether rule ``code`` sets a computable period for a clock starting on ``on``."""
    try:
        return core_rules.version_on(core_rules.resolve(code), on).unit != "NONE"
    except LookupError:
        return False


def decision_rule(case, on: dt.date) -> str | None:
    """The rule of the decision deadline a case registered on ``on`` runs under, or None
    when no rule in force sets a period. 处罚法 2021 Art.60 gives way where 规章 say
    otherwise: market-supervision fields run under CF-2b (from 2019-04-01)."""
    if case.field.code in MARKET_FIELDS and has_period(MARKET_DECISION, on):
        return MARKET_DECISION
    return DECISION if has_period(DECISION, on) else None


def must_publish(case, outcome: str) -> bool:
    """Whether the decision falls under SZ-1 (国办发〔2018〕118号: 行政处罚的执法决定信息 within
    7 working days): penalty decisions taken under the general procedure. On-the-spot
    decisions (简易程序) and decisions not to penalise are kept in the file but not put under
    the publicity clock — the same line the demo year draws."""
    return outcome == "penalty" and case.procedure == "general"


def certified_officer_count(case) -> int:
    """Officers on the case whose certificate covers its field and is valid today."""
    today = clock.today()
    n = 0
    for link in case.officers.select_related("certificate"):
        cert = link.certificate
        if (
            cert.status == "valid"
            and cert.valid_from <= today <= cert.valid_to
            and cert.fields.filter(pk=case.field_id).exists()
        ):
            n += 1
    return n


def fine_problem(case, fine: Decimal | None, band) -> str | None:
    """The fine must lie within the discretion band applied (裁量基准)."""
    if fine is None or fine == 0:
        return None
    if band is None:
        return _("罚款须适用执法事项的裁量基准档次。")
    if case.item_id and band.item_id != case.item_id:
        return _("裁量档次 %(b)s 不属于本案的执法事项。") % {"b": band.code}
    if not band.fine_min <= fine <= band.fine_max:
        return _("罚款 %(f)s 元超出裁量档次“%(b)s”的幅度（%(lo)s–%(hi)s 元）。") % {
            "f": f"{fine:.2f}",
            "b": band.facts,
            "lo": f"{band.fine_min:.2f}",
            "hi": f"{band.fine_max:.2f}",
        }
    return None


def summary_caps(on: dt.date) -> tuple[Decimal, Decimal]:
    for since, person, org in SUMMARY_CAPS:
        if on >= since:
            return person, org
    return SUMMARY_CAPS[-1][1], SUMMARY_CAPS[-1][2]


def summary_problem(case, fine) -> str | None:
    fine = Decimal(str(fine or 0))
    person, org = summary_caps(case.received_on)
    cap = person if case.party_kind == "person" else org
    if fine > cap:
        return _(
            "简易程序只适用于对公民处%(p)s元以下、对法人或者其他组织处%(o)s元以下罚款"
            "或者警告，本案拟罚款 %(f)s 元。"
        ) % {"p": person, "o": org, "f": f"{fine:.2f}"}
    return None


def _hearing_clock(case):
    return clocks.for_subject(case).filter(rule__code=HEARING_REQUEST).order_by("-id").first()


def statement_period_problem(case, on: dt.date | None = None) -> str | None:
    """No decision before the party's period to state, defend and ask for a hearing ends
    (the CF-4 clock started at the notice), unless the party waived it in writing."""
    if case.statements_waived:
        return None
    c = _hearing_clock(case)
    if c is None:
        return _("尚未告知当事人拟作出的行政处罚及其陈述、申辩、听证权利（行政处罚法第四十四条）。")
    today = on or clock.today()
    if c.due_on and today <= c.due_on:
        return _("当事人陈述、申辩和申请听证的期限至 %(d)s 届满，届满前不能作出决定。") % {
            "d": c.due_on.isoformat()
        }
    return None


def hearing_request_problem(case) -> str | None:
    if not case.hearing_requested_on:
        return _("当事人没有申请听证。")
    c = _hearing_clock(case)
    if c is not None and c.due_on and case.hearing_requested_on > c.due_on:
        return _("听证申请于 %(a)s 提出，已超过 %(d)s 届满的申请期限。") % {
            "a": case.hearing_requested_on.isoformat(),
            "d": c.due_on.isoformat(),
        }
    return None


def paid(decision) -> Decimal:
    return sum((p.amount for p in decision.payments.all()), Decimal(0))


def execution_problem(case, *, court_counts: bool = False) -> str | None:
    d = getattr(case, "decision", None)
    if d is None or d.fine + d.confiscated == 0:
        return None
    due = d.fine + d.confiscated
    if paid(d) >= due:
        return None
    if court_counts and d.court.filter(applied_on__isnull=False).exists():
        return None
    return _("罚没款 %(d)s 元尚未缴清（已缴 %(p)s 元），不能结案。") % {
        "d": f"{due:.2f}",
        "p": f"{paid(d):.2f}",
    }


def late_surcharge(decision, on: dt.date) -> Decimal:
    """加处罚款: 3% of the fine a day after the payment period, never more than the fine.
    Under an approved deferral or instalment plan, 3% a day of what is unpaid of each
    instalment from its own due day (payments settle the earliest instalment first)."""
    arrangement = getattr(decision, "arrangement", None)
    if arrangement is not None:
        return _instalment_surcharge(decision, arrangement.schedule, on)
    c = clocks.for_subject(decision.case).filter(rule__code=PAYMENT).order_by("-id").first()
    if c is None or c.due_on is None or on <= c.due_on:
        return Decimal(0)
    days = (on - c.due_on).days
    return min(decision.fine, (decision.fine * LATE_RATE * days).quantize(Decimal("0.01")))


def _instalment_surcharge(decision, schedule: list[dict], on: dt.date) -> Decimal:
    settled = sum((p.amount for p in decision.payments.all() if p.kind != "surcharge"), Decimal(0))
    total, cumulative = Decimal(0), Decimal(0)
    for part in schedule:
        due, amount = dt.date.fromisoformat(part["due"]), Decimal(part["amount"])
        cumulative += amount
        unpaid = min(amount, max(Decimal(0), cumulative - settled))
        if on > due and unpaid:
            total += unpaid * LATE_RATE * (on - due).days
    return min(decision.fine, total.quantize(Decimal("0.01")))


def classify_major(case, *, fine: Decimal | None, kinds: list[str]) -> list[str]:
    """Why a decision is major (needs 法制审核), from the configurable rule set."""
    from .models import MajorCaseRule

    reasons: list[str] = []
    rules_q = MajorCaseRule.objects.filter(is_active=True)
    for r in rules_q.filter(body__isnull=True) | rules_q.filter(body=case.body):
        if r.fine_at_least is not None and fine is not None and fine >= r.fine_at_least:
            reasons.append(r.name)
        elif r.licence_revocation and "revoke_licence" in kinds:
            reasons.append(r.name)
        elif r.closure and "closure" in kinds:
            reasons.append(r.name)
        elif r.after_hearing and case.hearing_requested_on:
            reasons.append(r.name)
        elif r.complex_case and case.needs_discussion:
            reasons.append(r.name)
    return sorted(set(reasons))
