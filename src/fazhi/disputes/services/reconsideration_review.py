"""行政复议 review and decision: hearings, suspension and resumption, the approved extension,
the decision with its type (and the reversal written against the act under review), service,
termination, the 意见书 and 建议书 with their compliance, and the incidental review of a
normative document."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clocks, dates, ledger
from fazhi.core import rules as core_rules
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from .. import actions, matterref, rules
from ..models import (
    REVERSALS,
    DecisionType,
    DocKind,
    Hearing,
    IncidentalReview,
    Letter,
    LetterKind,
    Reconsideration,
    ReconStatus,
    Suspension,
    TerminationGround,
)
from .common import SUFFIX, _issue_document, _issue_number, clean
from .reconsideration import _body_only

S = ReconStatus
REVIEWER, CLERK, LEADER = Role.REVIEWER, Role.CLERK, Role.LEADER
#: decision types a text of the law provides, by the first day of that text
DECISION_SINCE = {DecisionType.VOID: rules.RECON_2023}


def hearing_hold(
    *,
    actor: Actor,
    case: Reconsideration,
    notified_on: dt.date,
    held_on: dt.date,
    place: str,
    attendees: str,
    summary: str = "",
) -> Hearing:
    """听证 (实施条例 Art.33; 2023 Art.50): from 2024 the notice is due 5 WD before (FY-8)."""
    _body_only(actor, case)
    if case.status != S.REVIEWING:
        raise ValidationError(_("只有审理中的案件可以组织听证。"))
    dates.check_new(_("听证通知日期"), notified_on, (_("受理日期"), case.accepted_on))
    dates.check_new(_("听证日期"), held_on, (_("听证通知日期"), notified_on))
    if not clean(place) or not clean(attendees):
        raise ValidationError(_("请填写听证地点和参加人员。"))
    msg = rules.hearing_notice_problem(case, notified_on, held_on)
    if msg:
        raise ValidationError(msg)
    with transaction.atomic():
        h = Hearing.objects.create(
            case=case,
            notified_on=notified_on,
            held_on=held_on,
            place=clean(place),
            attendees=clean(attendees),
            summary=clean(summary),
        )
        ledger.record(
            actor=actor,
            action=actions.FY_HEARING,
            subject=case,
            data={"notified": notified_on, "held": held_on, "place": h.place},
        )
    return h


def suspend(
    *,
    actor: Actor,
    case: Reconsideration,
    on: dt.date,
    ground: str,
    version: int | None = None,
) -> Reconsideration:
    """中止 on a listed ground, notified in writing. Whether the time is left out of the
    decision period is the body's setting (⚠ not stated by the law; practice leaves it out):
    the registry's clock keeps the strict reading, and ``rules.decision_due`` adds the
    suspended days where the setting says so."""
    _body_only(actor, case)
    with transaction.atomic():
        case = transition(
            actor=actor,
            matter=case,
            to=S.SUSPENDED,
            on=on,
            reason=ground,
            version=version,
            apply=lambda c: setattr(c, "suspended_on", on),
        )
        excludes = case.body.suspension_excludes_time
        Suspension.objects.create(case=case, ground=clean(ground), start=on, excludes_time=excludes)
        doc = _issue_document(
            actor=actor,
            matter=case,
            kind=DocKind.FY_SUSPENSION,
            prefix=case.body.doc_prefix + SUFFIX[DocKind.FY_SUSPENSION],
            on=on,
        )
        ledger.record(
            actor=actor,
            action=actions.FY_SUSPEND,
            subject=case,
            data={"suspended": on, "ground": clean(ground), "excludes_time": excludes,
                  "notice": doc.number},
        )  # fmt: skip
    return case


def resume(
    *, actor: Actor, case: Reconsideration, on: dt.date, version: int | None = None
) -> Reconsideration:
    """恢复审理 once the ground is gone."""
    _body_only(actor, case)
    with transaction.atomic():
        case = transition(
            actor=actor,
            matter=case,
            to=S.REVIEWING,
            on=on,
            version=version,
            apply=lambda c: setattr(c, "resumed_on", on),
        )
        s = case.suspensions.filter(end__isnull=True).order_by("-start").first()
        if s is not None:
            s.end = on
            s.save(update_fields=["end"])
        ledger.record(
            actor=actor,
            action=actions.FY_SUSPEND,
            subject=case,
            data={"resumed": on, "decision_due": rules.decision_due(case)},
        )
    return case


def extend(
    *,
    actor: Actor,
    case: Reconsideration,
    on: dt.date,
    days: int,
    approver: str,
    reason: str,
) -> Reconsideration:
    """延长审理期限 (FY-9: at most 30 days, approved by the head of the body in 2019 — of the
    office from 2024), approved before the period ends, and the parties told (延期审理通知书).
    The simplified procedure (FY-10) has no extension."""
    _body_only(actor, case, REVIEWER, LEADER)
    c = rules.open_clock(case, rules.decision_code(case))
    if c is None:
        raise ValidationError(_("本案没有正在计算的审理期限。"))
    dates.check_new(_("批准日期"), on, (_("受理日期"), case.accepted_on))
    if c.due_on is not None and on > c.due_on:
        raise ValidationError(
            _("延长须在审理期限届满前批准，本案审理期限已于%(d)s届满。")
            % {"d": dates.fmt(c.due_on)}
        )
    with transaction.atomic():
        c = clocks.extend(actor=actor, clock=c, by=days, approver=approver, reason=reason)
        doc = _issue_document(
            actor=actor,
            matter=case,
            kind=DocKind.FY_EXTENSION,
            prefix=case.body.doc_prefix + SUFFIX[DocKind.FY_EXTENSION],
            on=on,
        )
        ledger.record(
            actor=actor,
            action=actions.FY_EXTEND,
            subject=case,
            data={"days": days, "approver": approver, "approved": on, "due": c.due_on,
                  "notice": doc.number, "notify": c.version.extension_notify},
        )  # fmt: skip
    return case


def decide(
    *,
    actor: Actor,
    case: Reconsideration,
    on: dt.date,
    decision_type: str,
    summary: str,
    approved_by: str,
    version: int | None = None,
) -> Reconsideration:
    """作出行政复议决定 within the decision period (with any approved extension), of a type the
    law in force provides, approved by the head of the body. The decision is numbered
    (芙政复决〔2019〕N号). A decision that corrects the act (撤销, 变更, 确认违法 …) is written
    against the act under review when it is fazhi's own, so its body's record shows it."""
    _body_only(actor, case, REVIEWER, LEADER)
    if decision_type not in DecisionType.values:
        raise ValidationError(_("请选择决定类型。"))
    since = DECISION_SINCE.get(decision_type)
    if since and case.received_on < since:
        raise ValidationError(
            _("%(d)s收到的申请适用《行政复议法》（2017年修正），该法没有“%(t)s”的决定类型。")
            % {"d": dates.fmt(case.received_on), "t": DecisionType(decision_type).label}
        )
    if not clean(summary) or not clean(approved_by):
        raise ValidationError(_("请填写决定要点和批准的复议机关负责人。"))
    with transaction.atomic():
        case = transition(
            actor=actor,
            matter=case,
            to=S.DECIDED,
            on=on,
            version=version,
            data={"type": decision_type},
            apply=lambda c: (
                setattr(c, "decision_type", decision_type),
                setattr(c, "decision_summary", clean(summary)),
                setattr(c, "approved_by", clean(approved_by)),
            ),
        )
        doc = _issue_document(
            actor=actor,
            matter=case,
            kind=DocKind.FY_DECISION,
            prefix=case.body.doc_prefix + SUFFIX[DocKind.FY_DECISION],
            on=on,
        )
        case.decision_number = doc.number
        case.save(update_fields=["decision_number"])
        rules.stop(actor, case, rules.decision_code(case), on)
        ledger.record(
            actor=actor,
            action=actions.FY_DECIDE,
            subject=case,
            data={"type": decision_type, "number": doc.number, "approved_by": case.approved_by},
        )
        ref = matterref.ref_of(case)
        if ref is not None and decision_type in REVERSALS:
            ledger.record(
                actor=actor,
                action=actions.FY_REVERSAL,
                subject_ref=(ref.type, ref.id, ref.label),
                org=case.respondent,
                data={
                    "reconsideration": case.number,
                    "decision": doc.number,
                    "type": decision_type,
                    "type_label": str(DecisionType(decision_type).label),
                    "decided_on": on,
                    "body": case.body.body.name,
                },
            )
    return case


def serve(
    *, actor: Actor, case: Reconsideration, on: dt.date, version: int | None = None
) -> Reconsideration:
    """送达复议决定书 — the case is closed on the day of service."""
    _body_only(actor, case, REVIEWER, CLERK)
    return transition(actor=actor, matter=case, to=S.CLOSED, on=on, version=version)


def terminate(
    *,
    actor: Actor,
    case: Reconsideration,
    on: dt.date,
    ground: str,
    reason: str,
    version: int | None = None,
) -> Reconsideration:
    """终止 on a ground the law lists (the applicant withdrew, a settlement, a suspension that
    lasted 60 days …), with a numbered decision."""
    _body_only(actor, case)
    if ground not in TerminationGround.values:
        raise ValidationError(_("请选择终止情形。"))
    if ground == TerminationGround.LONG_SUSPENSION:
        msg = rules.long_suspension_problem(case, on)
        if msg:
            raise ValidationError(msg)
    with transaction.atomic():
        case = transition(
            actor=actor,
            matter=case,
            to=S.TERMINATED,
            on=on,
            reason=clean(reason) or str(TerminationGround(ground).label),
            version=version,
            apply=lambda c: setattr(c, "termination_ground", ground),
        )
        s = case.suspensions.filter(end__isnull=True).first()
        if s is not None:
            s.end = on
            s.save(update_fields=["end"])
        _issue_document(
            actor=actor,
            matter=case,
            kind=DocKind.FY_TERMINATION,
            prefix=case.body.doc_prefix + SUFFIX[DocKind.FY_TERMINATION],
            on=on,
        )
    return case


# -- 意见书 and 建议书 -------------------------------------------------------------------------


def letter_issue(
    *,
    actor: Actor,
    case: Reconsideration,
    kind: str,
    to_org: Organisation,
    content: str,
    on: dt.date,
) -> Letter:
    """制发 行政复议意见书 (to the respondent: correct the practice and report within 60 days,
    FY-13 — a clock of the respondent's) or 建议书 (to the body's departments)."""
    _body_only(actor, case, REVIEWER, LEADER)
    if kind not in LetterKind.values:
        raise ValidationError(_("请选择文书类别。"))
    if not clean(content):
        raise ValidationError(_("请写明意见或建议的内容。"))
    dates.check_new(_("制发日期"), on, (_("收到申请日期"), case.received_on))
    with transaction.atomic():
        letter = Letter(
            case=case,
            org=case.org,
            kind=kind,
            issued_on=on,
            to_org=to_org,
            content=clean(content),
        )
        letter.number = _issue_number(
            actor=actor,
            org=case.org,
            kind=f"dis-fy-{kind}",
            prefix=case.body.doc_prefix + ("意" if kind == LetterKind.OPINION else "建"),
            year=on.year,
            subject=case,
        )
        letter.save()
        ledger.record(
            actor=actor,
            action=actions.FY_LETTER,
            subject=letter,
            also=[case],
            data={"kind": kind, "to": to_org.name, "case": case.number},
        )
        if kind == LetterKind.OPINION:
            clocks.start(
                actor=actor,
                subject=letter,
                rule_code=rules.OPINION,
                on=on,
                org=to_org,
                label=_("意见书落实反馈期限"),
            )
    return letter


def letter_report(*, actor: Actor, letter: Letter, on: dt.date, result: str) -> Letter:
    """The addressee reports what it corrected (by its leader or clerk)."""
    require_role(
        actor,
        LEADER,
        CLERK,
        org=letter.to_org,
        message=_("只有主送单位的负责人或工作人员可以反馈落实情况。"),
    )
    if letter.reported_on:
        raise ValidationError(_("已于%(d)s反馈。") % {"d": dates.fmt(letter.reported_on)})
    if not clean(result):
        raise ValidationError(_("请写明整改落实情况。"))
    dates.check_new(_("反馈日期"), on, (_("制发日期"), letter.issued_on))
    with transaction.atomic():
        letter.reported_on = on
        letter.result = clean(result)
        letter.save(update_fields=["reported_on", "result"])
        rules.stop(actor, letter, rules.OPINION, on)
        ledger.record(actor=actor, action=actions.FY_LETTER_REPORT, subject=letter, data={"on": on})
    return letter


# -- 附带审查 -----------------------------------------------------------------------------------


def incidental_raise(
    *,
    actor: Actor,
    case: Reconsideration,
    document_title: str,
    issuer: str,
    on: dt.date,
    competent: bool,
    document_number: str = "",
) -> IncidentalReview:
    """The applicant asks (or the body finds) that a normative document the act relies on be
    reviewed: handled within 30 days (FY-11), or forwarded within 7 WD (FY-11b). A document
    of fazhi's own register (found by its number) gets the request in its timeline."""
    _body_only(actor, case)
    if case.status not in (S.ACCEPTED, S.SENT, S.REVIEWING, S.SUSPENDED):
        raise ValidationError(_("附带审查请求应在复议决定作出前提出。"))
    if not clean(document_title) or not clean(issuer):
        raise ValidationError(_("请填写规范性文件名称和制定机关。"))
    dates.check_new(_("提出日期"), on, (_("收到申请日期"), case.received_on))
    code = rules.INCIDENTAL if competent else rules.INCIDENTAL_FORWARD
    core_rules.version_on(core_rules.resolve(code), on)
    ref = matterref.by_number(document_number)
    with transaction.atomic():
        review = IncidentalReview.objects.create(
            case=case,
            document_title=clean(document_title),
            document_number=clean(document_number),
            issuer=clean(issuer),
            raised_on=on,
            competent=competent,
            **(ref.as_fields() if ref else {}),
        )
        clocks.start(
            actor=actor,
            subject=case,
            rule_code=code,
            on=on,
            label=_("附带审查处理期限") if competent else _("附带审查转送期限"),
        )
        ledger.record(
            actor=actor,
            action=actions.FY_INCIDENTAL,
            subject=case,
            data={"document": review.document_title, "competent": competent, "linked": bool(ref)},
        )
        if ref is not None:
            ledger.record(
                actor=actor,
                action=actions.FY_INCIDENTAL_REF,
                subject_ref=(ref.type, ref.id, ref.label),
                org=ref.org,
                data={"reconsideration": case.number, "raised_on": on},
            )
    return review


def incidental_conclude(
    *,
    actor: Actor,
    review: IncidentalReview,
    on: dt.date,
    conclusion: str = "",
    forwarded_to: str = "",
) -> IncidentalReview:
    """Record the handling (competent: the conclusion) or the forwarding (the body it went
    to)."""
    case = review.case
    _body_only(actor, case)
    if review.concluded_on or review.forwarded_on:
        raise ValidationError(_("该附带审查已办结。"))
    dates.check_new(_("办理日期"), on, (_("提出日期"), review.raised_on))
    if review.competent and not clean(conclusion):
        raise ValidationError(_("请写明处理结论。"))
    if not review.competent and not clean(forwarded_to):
        raise ValidationError(_("请写明转送的有权处理机关。"))
    with transaction.atomic():
        if review.competent:
            review.concluded_on, review.conclusion = on, clean(conclusion)
        else:
            review.forwarded_on, review.forwarded_to = on, clean(forwarded_to)
        review.save()
        rules.stop(
            actor, case, rules.INCIDENTAL if review.competent else rules.INCIDENTAL_FORWARD, on
        )
        ledger.record(
            actor=actor,
            action=actions.FY_INCIDENTAL,
            subject=case,
            data={"document": review.document_title, "done": on},
        )
    return review
