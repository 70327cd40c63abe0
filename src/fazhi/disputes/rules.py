"""The disputes domain's statutory rules: which clocks each matter runs, which text of the law
applies to it, and the checks its steps need.

The limits themselves live in the kernel's registry (``core/data/time_rules.toml``; FY-* from
legal-rules.md §1.5 and laws-2019.md §2, SS-* §1.6, XF-* §1.7 and laws-2019.md §3, TJ-* §1.10).
A matter runs under the version in force on the day each clock starts, so a 2019
reconsideration is judged by the 2017 text of the 行政复议法 and a 2019 petition by the 2005
信访条例. Where a step exists only in a later text (the simplified procedure, the objection to
a misrouted petition, the 5 WD hearing notice) it is refused for a matter that predates it,
with the law in force named (``version_or_refuse``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clock, clocks, dates
from fazhi.core import rules as core_rules
from fazhi.core.calendar import get_calendar
from fazhi.core.models import Clock, TimeRuleVersion
from fazhi.core.workcal import Pause

# -- rule codes (kernel registry) ------------------------------------------------------------
APPLICATION = "FY-1"  # apply within 60 days of knowing the act
ACCEPT = "FY-2"  # examine for acceptance within 5 WD; silence = accepted
CORRECTION = "FY-3"  # 补正 notice within 5 days (2017: 实施条例 Art.29) / 5 WD (2023)
CORRECTION_PARTY = "FY-3b"  # the applicant's period to supplement (2023: 10 WD)
SEND = "FY-5"  # send the application to the respondent within 7 WD (ordinary)
ANSWER = "FY-5b"  # the respondent answers within 10 days (2017 CD) / 10 WD (2023)
SEND_SIMPLE = "FY-7"  # simplified procedure (2023 only): send within 3 WD
ANSWER_SIMPLE = "FY-7b"  # simplified procedure: answer within 5 WD
HEARING_NOTICE = "FY-8"  # notice 5 WD before the hearing (2023 only)
DECISION = "FY-9"  # decide within 60 days (+30 approved)
DECISION_SIMPLE = "FY-10"  # simplified: 30 days, no extension
SIMPLIFIED = "FY-6"  # simplified procedure eligibility (2023 only)
INCIDENTAL = "FY-11"  # incidental review of a normative document: 30 days
INCIDENTAL_FORWARD = "FY-11b"  # not competent: forward within 7 WD
LONG_SUSPENSION = "FY-12b"  # suspended 60 days on grounds (1)-(3) → terminate
OPINION = "FY-13"  # 意见书: report the correction within 60 days
LAWSUIT_ANSWER = "SS-2"  # defendant's answer and evidence within 15 days
DIRECT_SUIT = "SS-3"  # 6 months to sue
APPEAL_JUDGMENT = "SS-6"  # appeal a judgment within 15 days
APPEAL_RULING = "SS-6b"  # appeal a ruling within 10 days
NOTICE_DIRECT = "XF-2"  # directly received petition: written notice within 15 days
NOTICE_ASSIGNED = "XF-3"  # transferred or assigned petition: notice within 15 days
OBJECTION = "XF-4"  # object to a misrouted petition within 5 WD (2022 only)
HANDLING = "XF-5"  # handle within 60 days (+30 approved)
REVIEW_REQUEST = "XF-6"  # the petitioner asks for 复查 within 30 days
REVIEW_OPINION = "XF-6b"  # 复查意见 within 30 days
RECHECK_REQUEST = "XF-7"  # the petitioner asks for 复核 within 30 days
RECHECK_OPINION = "XF-7b"  # 复核意见 within 30 days (hearing time excluded)
MEDIATION = "TJ-1"  # people's mediation: generally within one month (⚠)
CONFIRMATION = "TJ-2"  # apply jointly for 司法确认 within 30 days of the agreement

#: SS-2 is a hard clock: the answer card turns red on the 12th day, three days before the
#: 15 days run out (issue 17; the court does not wait).
ANSWER_RED_DAY = 12

#: The 2017 行政复议法 Art.17: unless refused, an application counts as accepted from the day
#: the body's legal office received it (laws-2019.md §2 FY-2) — the decision period (FY-9)
#: runs from receipt. The 2023 text (Art.30) counts a silent acceptance from the end of the
#: 5 WD examination. The first day of the 2023 text:
RECON_2023 = dt.date(2024, 1, 1)


def version_or_refuse(code: str, on: dt.date, what: str) -> TimeRuleVersion:
    """The version of rule ``code`` in force on ``on``; a ValidationError naming the text in
    force then when the rule did not exist yet or sets no period."""
    try:
        rule = core_rules.resolve(code)
    except LookupError as exc:
        raise ValidationError(str(exc)) from exc
    try:
        v = core_rules.version_on(rule, on)
    except LookupError:
        first = rule.versions.order_by("valid_from").first()
        raise ValidationError(
            _(
                "%(w)s（%(c)s）自%(f)s起施行；本事项的日期是%(d)s，适用当时施行的规定，"
                "不能按后来的法律办理。"
            )
            % {
                "w": what,
                "c": code,
                "f": dates.fmt(first.valid_from) if first else "?",
                "d": dates.fmt(on),
            }
        ) from None
    if v.unit == "NONE":
        raise ValidationError(
            _("%(d)s施行的%(l)s%(a)s对%(w)s没有规定期限（%(c)s）。")
            % {"d": dates.fmt(on), "l": v.law, "a": v.article, "w": what, "c": code}
        )
    return v


def law_of(code: str, on: dt.date) -> str:
    """The law and article of ``code`` in force on ``on``, for messages and documents."""
    v = core_rules.version_on(core_rules.resolve(code), on)
    return f"《{v.law}》{v.article}"


def due(code: str, start: dt.date) -> dt.date:
    """The due date of ``code`` for an event on ``start`` (the kernel's computation)."""
    return core_rules.compute(get_calendar(), code, start).due.due


def open_clock(subject, code: str) -> Clock | None:
    return clocks.for_subject(subject).filter(rule__code=code, stopped_on__isnull=True).first()


def last_clock(subject, code: str) -> Clock | None:
    return clocks.for_subject(subject).filter(rule__code=code).order_by("-id").first()


def stop(actor, subject, code: str, on: dt.date) -> Clock | None:
    """Stop the subject's open clock of ``code`` on ``on`` (if it runs)."""
    c = open_clock(subject, code)
    if c is not None:
        c = clocks.stop(actor=actor, clock=c, on=max(on, c.restarted_on or c.started_on))
    return c


# -- reconsideration -------------------------------------------------------------------------


def backdated_acceptance(received: dt.date) -> bool:
    """Whether acceptance counts from receipt (2017 text) for an application received on
    ``received``."""
    return received < RECON_2023


def acceptance_date(case, on: dt.date, deemed: bool) -> dt.date:
    """The legal acceptance date (受理日期) of ``case`` accepted by an act on ``on`` (or by
    silence, ``deemed``): from the 2017 text, the day the complete application was received
    (after a 补正, the day the materials came in); from the 2023 text, the day of the
    decision to accept, or for silence the last day of the examination period."""
    complete = case.corrected_on or case.received_on
    if backdated_acceptance(complete):
        return complete
    if deemed:
        c = last_clock(case, ACCEPT)
        return c.due_on if c is not None and c.due_on else on
    return on


def application_late(case) -> str | None:
    """FY-1: the application came in after the 60 days from knowing the act (a ground for
    refusing it, unless the delay had a good cause) — the message, or None."""
    limit = due(APPLICATION, case.act_known_on)
    if case.received_on > limit:
        return _(
            "申请期限（%(c)s，知道该行政行为之日起六十日）已于%(d)s届满；"
            "无正当理由逾期的，可以决定不予受理。"
        ) % {"c": APPLICATION, "d": dates.fmt(limit)}
    return None


def simplified_problem(case) -> str | None:
    """FY-6: the simplified procedure exists only from the 2023 text; a 2019 case is refused
    it with the law named."""
    try:
        core_rules.version_on(core_rules.resolve(SIMPLIFIED), case.received_on)
    except LookupError:
        return _(
            "%(d)s收到的复议申请适用当时施行的《行政复议法》（2017年修正），"
            "该法没有简易程序（%(c)s 自2024年1月1日起施行）。"
        ) % {"d": dates.fmt(case.received_on), "c": SIMPLIFIED}
    return None


#: FY-6 (2023 Art.53): the grounds on which the simplified procedure applies — clear facts and
#: a minor dispute, and one of these; otherwise only with every party's consent
SIMPLIFIED_GROUNDS = {
    "on_the_spot": gettext_lazy("当场作出的行政行为"),
    "warning": gettext_lazy("警告或者通报批评"),
    "small_amount": gettext_lazy("案件涉及款额三千元以下"),
    "disclosure": gettext_lazy("政府信息公开案件"),
    "consent": gettext_lazy("当事人各方同意适用简易程序"),
}


def simplified_ground_problem(case, ground: str) -> str | None:
    """From 2024 the simplified procedure needs one of FY-6's grounds (a disclosure case is
    one by its kind)."""
    if case.act_kind == "disclosure" or ground in SIMPLIFIED_GROUNDS:
        return None
    return _("适用简易程序须符合%(c)s规定的情形（%(g)s），请选择适用情形。") % {
        "c": SIMPLIFIED,
        "g": "、".join(str(g) for g in SIMPLIFIED_GROUNDS.values()),
    }


def decision_code(case) -> str:
    return DECISION_SIMPLE if case.procedure == "simplified" else DECISION


def decision_clock(case) -> Clock | None:
    return last_clock(case, decision_code(case))


def excluded_suspensions(case) -> list[Pause]:
    """The suspensions the body's setting leaves out of the decision period (⚠), ended ones
    only: the day of suspension to the day of resumption, as the kernel counts a pause."""
    return [
        Pause(s.start, s.end, "中止")
        for s in case.suspensions.filter(excludes_time=True, end__isnull=False).order_by("start")
    ]


def decision_due(case) -> dt.date | None:
    """The last day for the decision: the registry's clock (FY-9 / FY-10, with any approved
    extension) — and, where the body's setting leaves suspension time out (⚠ the law does not
    say so; practice does), the same period with the suspensions not counted. The kernel's
    clock keeps the strict reading; this is the body's own (shown with its ⚠)."""
    c = decision_clock(case)
    if c is None or c.due_on is None:
        return None
    pauses = excluded_suspensions(case)
    if not pauses:
        return c.due_on
    spec = dataclasses.replace(core_rules.spec_of(c.version), pauses_allowed=None)
    result, _years = core_rules.due_or_provisional(
        get_calendar(), spec, c.started_on, pauses=tuple(pauses), extension=c.extension
    )
    return result.due


def decision_period_problem(case, on: dt.date | None) -> str | None:
    """No decision after the decision period (FY-9 60 days, +30 when the head of the body
    approved an extension; FY-10 30 days) — the extension must be approved first, before the
    period ends."""
    c = decision_clock(case)
    last = decision_due(case)
    if c is None or on is None or last is None:
        return None
    if on > last:
        if c.extension:
            return _("审理期限（%(c)s，已批准延长%(e)d日）已于%(d)s届满，不能再作出决定。") % {
                "c": c.rule.code,
                "e": c.extension,
                "d": dates.fmt(last),
            }
        return _(
            "审理期限（%(c)s）已于%(d)s届满，且未经批准延长，不能作出复议决定；"
            "情况复杂的，应在期限届满前由%(a)s批准延长。"
        ) % {
            "c": c.rule.code,
            "d": dates.fmt(last),
            "a": c.version.extension_approver or _("复议机关负责人"),
        }
    return None


def refusal_problem(case, on: dt.date | None) -> str | None:
    """A refusal must come within the 5 WD of examination (FY-2): after them the application
    is deemed accepted, and the refusal is refused."""
    c = open_clock(case, ACCEPT)
    if c is None or on is None or c.due_on is None:
        return None
    if on > c.due_on:
        return _(
            "受理审查期限（%(c)s，五个工作日）已于%(d)s届满，未决定不予受理的，"
            "依法视为受理（%(l)s），不能再决定不予受理。"
        ) % {"c": ACCEPT, "d": dates.fmt(c.due_on), "l": law_of(ACCEPT, case.received_on)}
    return None


def correction_problem(case, on: dt.date | None) -> str | None:
    """The 补正 notice must go out within its own period (FY-3) and before the application
    is deemed accepted (FY-2)."""
    if on is None:
        return None
    for code in (CORRECTION, ACCEPT):
        c = open_clock(case, code)
        if c is not None and c.due_on is not None and on > c.due_on:
            return _("补正通知应在%(c)s规定的期限内发出（已于%(d)s届满）。") % {
                "c": code,
                "d": dates.fmt(c.due_on),
            }
    return None


def correction_over(case, on: dt.date | None) -> str | None:
    """视为放弃 only once the applicant's period to supplement has ended."""
    on = on or clock.today()
    if case.correction_due_on and on <= case.correction_due_on:
        return _("补正期限至%(d)s，期限届满前不能视为放弃申请。") % {
            "d": dates.fmt(case.correction_due_on)
        }
    return None


def answer_over(case, on: dt.date | None) -> str | None:
    """The body may go on without an answer only once the respondent's period ended."""
    c = last_clock(case, ANSWER_SIMPLE if case.procedure == "simplified" else ANSWER)
    on = on or clock.today()
    if c is not None and c.due_on is not None and on <= c.due_on:
        return _("被申请人的答复期限至%(d)s，届满前不能认定其未答复。") % {"d": dates.fmt(c.due_on)}
    return None


def hearing_notice_problem(case, notified_on: dt.date, held_on: dt.date) -> str | None:
    """FY-8 (2023 Art.51): notice at least 5 WD before the hearing. The 2017 rules set no
    notice period (laws-2019.md §2 FY-8)."""
    v = core_rules.version_on(core_rules.resolve(HEARING_NOTICE), case.received_on)
    if v.unit == "NONE":
        return None
    latest = due(HEARING_NOTICE, held_on)
    if notified_on > latest:
        return _("听证通知应在听证五个工作日前送达（%(c)s），听证日为%(h)s的，最迟%(d)s通知。") % {
            "c": HEARING_NOTICE,
            "h": dates.fmt(held_on),
            "d": dates.fmt(latest),
        }
    return None


def long_suspension_problem(case, on: dt.date | None) -> str | None:
    """终止 for a suspension that lasted: only once it has lasted 60 days (FY-12b)."""
    s = case.suspensions.filter(end__isnull=True).order_by("-start").first()
    on = on or clock.today()
    if s is None:
        return _("本案未中止，不能以中止满六十日为由终止。")
    earliest = due(LONG_SUSPENSION, s.start)
    if on < earliest:
        return _("中止满六十日（%(c)s）方可终止，最早为%(d)s。") % {
            "c": LONG_SUSPENSION,
            "d": dates.fmt(earliest),
        }
    return None


# -- litigation --------------------------------------------------------------------------------


def answer_code(kind: str) -> str:
    return LAWSUIT_ANSWER if kind == "lawsuit" else ANSWER


def answer_card(c: Clock, today: dt.date | None = None) -> clocks.Card:
    """SS-2 as a hard clock: red from the 12th day (``ANSWER_RED_DAY``), whatever the
    working days left; otherwise the kernel's card."""
    today = today or clock.today()
    card = clocks.card(c, today)
    if c.rule.code != LAWSUIT_ANSWER or c.stopped_on is not None or c.due_on is None:
        return card
    day = (today - c.started_on).days
    if day >= ANSWER_RED_DAY and card.status in ("ok", "yellow"):
        return clocks.Card(
            "red",
            _("答辩期第%(n)d日（%(d)s届满）") % {"n": day, "d": dates.fmt(c.due_on)},
            card.days_left,
            card.provisional,
        )
    return card


def appeal_code(ruling: str) -> str:
    return APPEAL_RULING if ruling == "ruling" else APPEAL_JUDGMENT


def appeal_over(case, on: dt.date | None) -> str | None:
    """A judgment becomes final once nobody appealed within SS-6 (15 days) / SS-6b (10)."""
    c = last_clock(case, appeal_code(case.ruling))
    on = on or clock.today()
    if c is not None and c.due_on is not None and on <= c.due_on:
        return _("上诉期限至%(d)s，期满未上诉的裁判方才生效。") % {"d": dates.fmt(c.due_on)}
    return None


# -- mediation ---------------------------------------------------------------------------------


def performance_problem(dispute) -> str | None:
    """An agreement is performed when what it promised was delivered: its amount paid in full
    (a money agreement), or at least one act of performance recorded."""
    agreement = getattr(dispute, "agreement", None)
    if agreement is None:
        return _("请先登记调解协议。")
    rows = list(agreement.performances.all())
    if not rows:
        return _("尚未登记协议履行情况。")
    paid = sum((r.amount for r in rows), start=0)
    if agreement.amount and paid < agreement.amount:
        return _("协议金额%(a)s元，已履行%(p)s元，尚未履行完毕。") % {
            "a": f"{agreement.amount:.2f}",
            "p": f"{paid:.2f}",
        }
    return None


# -- petitions ---------------------------------------------------------------------------------


def notice_code(source: str) -> str:
    return NOTICE_DIRECT if source == "direct" else NOTICE_ASSIGNED


def request_over(petition, on: dt.date | None) -> str | None:
    """A petition is closed after a reply once the petitioner's 30 days to ask for 复查
    (XF-6) or 复核 (XF-7) ran out, or after the 复核 (nothing further is accepted)."""
    if petition.stage == "recheck":
        return None
    code = REVIEW_REQUEST if petition.stage == "first" else RECHECK_REQUEST
    c = last_clock(petition, code)
    on = on or clock.today()
    if c is not None and c.due_on is not None and c.stopped_on is None and on <= c.due_on:
        return _("信访人可在%(d)s前请求%(w)s，期满后方可办结（信访人书面表示满意的除外）。") % {
            "d": dates.fmt(c.due_on),
            "w": _("复查") if petition.stage == "first" else _("复核"),
        }
    return None
