"""行政复议 as the reconsideration body, from the application to the respondent's answer: the
body's settings, receipt, 补正, acceptance (by decision or by silence), refusal, sending the
application to the respondent and the answer. Review and decision are in
``reconsideration_review.py``.

Each function checks the actor's role first (the body's own staff for the body's acts, the
respondent's for the answer), its business dates, moves the case through the kernel's
``transition()``, runs the case's clocks under the text of the law in force on the day each
starts, and records its ledger event — in one transaction, or nothing changes.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clocks, dates, ledger, scoping
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role, User
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from .. import actions, matterref, rules
from ..models import (
    AcceptMode,
    ActKind,
    Channel,
    DocKind,
    Procedure,
    Reconsideration,
    ReconsiderationBody,
    ReconStatus,
)
from .common import SUFFIX, _issue_document, _issue_number, clean, new_check_code, party_problems

S = ReconStatus
REVIEWER, CLERK, LEADER, ADMIN = Role.REVIEWER, Role.CLERK, Role.LEADER, Role.ADMIN
BODY_ROLES = (REVIEWER, CLERK)


def _body_only(actor: Actor, case: Reconsideration, *roles: str, message: str = "") -> None:
    """The body's own staff (by organisation, never as a participant)."""
    require_role(
        actor,
        *(roles or (REVIEWER,)),
        org=case.org,
        message=message or _("只有行政复议机构的工作人员可以办理此事项。"),
    )


def body_save(
    *,
    actor: Actor,
    org: Organisation,
    body: Organisation,
    doc_prefix: str = "芙政复",
    suspension_excludes_time: bool = False,
) -> ReconsiderationBody:
    """The reconsideration office ``org`` acting for the body ``body``; whether suspension
    time is left out of the decision period (⚠ the law does not say; practice leaves it out)."""
    require_role(actor, LEADER, ADMIN, org=org, message=_("只有本机构负责人或系统管理员可以设置。"))
    if not clean(doc_prefix):
        raise ValidationError(_("请填写机关代字。"))
    with transaction.atomic():
        b, created = ReconsiderationBody.objects.update_or_create(
            org=org,
            defaults={
                "body": body,
                "doc_prefix": clean(doc_prefix),
                "suspension_excludes_time": suspension_excludes_time,
            },
        )
        ledger.record(
            actor=actor,
            action=actions.FY_BODY,
            subject=b,
            org=org,
            data={
                "body": body.name,
                "prefix": b.doc_prefix,
                "suspension_excludes_time": suspension_excludes_time,
                "created": created,
            },
        )
    return b


def receive(
    *,
    actor: Actor,
    body: ReconsiderationBody,
    channel: str,
    applicant_kind: str,
    applicant_name: str,
    respondent: Organisation,
    act_kind: str,
    act_description: str,
    act_known_on: dt.date,
    received_on: dt.date,
    applicant_id_number: str = "",
    applicant_credit_code: str = "",
    applicant_phone: str = "",
    applicant_address: str = "",
    act_number: str = "",
    request: str = "",
    handler: User | None = None,
) -> Reconsideration:
    """收到申请 (in writing, online, or orally and recorded on the spot): the case number takes
    the year of receipt; the 5 WD examination (FY-2) and the 补正 notice period (FY-3) start.
    An act named by a number fazhi issued is linked to its matter."""
    require_role(
        actor, *BODY_ROLES, org=body.org, message=_("只有行政复议机构的工作人员可以登记申请。")
    )
    problems = party_problems(
        kind=applicant_kind,
        name=applicant_name,
        id_number=applicant_id_number,
        credit_code=applicant_credit_code,
        who=_("申请人"),
        key="applicant_",
    )
    if channel not in Channel.values:
        problems["channel"] = _("请选择申请方式。")
    if act_kind not in ActKind.values:
        problems["act_kind"] = _("请选择行政行为类别。")
    if not clean(act_description):
        problems["act_description"] = _("请写明申请复议的行政行为。")
    if respondent.pk == body.body_id:
        problems["respondent"] = _("复议机关不能是本案的被申请人。")
    msg = dates.not_future(_("收到申请日期"), received_on) or (
        dates.not_future(_("知道该行政行为之日"), act_known_on)
        or dates.not_before(_("收到申请日期"), received_on, _("知道该行政行为之日"), act_known_on)
    )
    if msg:
        problems["received_on"] = msg
    if problems:
        raise ValidationError(problems)
    ref = matterref.by_number(act_number)
    with transaction.atomic():
        case = Reconsideration.objects.create(
            org=body.org,
            body=body,
            channel=channel,
            applicant_kind=applicant_kind,
            applicant_name=clean(applicant_name),
            applicant_id_number=clean(applicant_id_number).upper(),
            applicant_credit_code=clean(applicant_credit_code).upper(),
            applicant_phone=clean(applicant_phone),
            applicant_address=clean(applicant_address),
            respondent=respondent,
            act_kind=act_kind,
            act_number=clean(act_number),
            act_description=clean(act_description),
            act_known_on=act_known_on,
            request=clean(request),
            received_on=received_on,
            handler=handler or (actor if isinstance(actor, User) else None),
            status=S.RECEIVED,
            check_code=new_check_code(),
            title=_("%(a)s不服%(r)s%(k)s申请行政复议")
            % {
                "a": clean(applicant_name),
                "r": respondent.short_name or respondent.name,
                "k": ActKind(act_kind).label,
            },
            **(ref.as_fields() if ref else {}),
        )
        case.number = _issue_number(
            actor=actor,
            org=body.org,
            kind="dis-fy-case",
            prefix=f"{body.doc_prefix}收",
            year=received_on.year,
            subject=case,
        )
        case.save(update_fields=["number"])
        ledger.record(
            actor=actor,
            action=actions.FY_RECEIVE,
            subject=case,
            data={
                "channel": channel,
                "respondent": respondent.name,
                "act": case.act_number or case.act_description[:60],
                "linked": ref.type if ref else "",
                "on": received_on,
                "late": rules.application_late(case) or "",
            },
        )
        _start_examination(actor, case, received_on)
    return case


def _start_examination(actor: Actor, case: Reconsideration, on: dt.date) -> None:
    clocks.start(actor=actor, subject=case, rule_code=rules.ACCEPT, on=on, label=_("受理审查期限"))
    clocks.start(
        actor=actor, subject=case, rule_code=rules.CORRECTION, on=on, label=_("补正通知期限")
    )


def request_correction(
    *,
    actor: Actor,
    case: Reconsideration,
    on: dt.date,
    items: str,
    due_on: dt.date | None = None,
    version: int | None = None,
) -> Reconsideration:
    """通知补正, once, in writing, listing every item. Under the 2017 rules the notice sets a
    reasonable period (``due_on``); from 2024 the applicant has 10 WD (FY-3b). The
    examination clocks stop; they start again when the materials arrive."""
    _body_only(actor, case)
    if not clean(items):
        raise ValidationError(_("请逐项写明需要补正的材料。"))
    rule_period = not rules.backdated_acceptance(case.received_on)
    if not rule_period:
        if due_on is None:
            raise ValidationError(_("请写明补正通知载明的补正期限。"))
        if due_on <= on:
            raise ValidationError(_("补正期限应晚于通知日期。"))
    with transaction.atomic():
        case = transition(
            actor=actor,
            matter=case,
            to=S.CORRECTING,
            on=on,
            version=version,
            data={"items": clean(items)},
            apply=lambda c: setattr(c, "correction_due_on", due_on),
        )
        doc = _issue_document(
            actor=actor,
            matter=case,
            kind=DocKind.FY_CORRECTION,
            prefix=case.body.doc_prefix + SUFFIX[DocKind.FY_CORRECTION],
            on=on,
        )
        for code in (rules.CORRECTION, rules.ACCEPT):
            rules.stop(actor, case, code, on)
        if rule_period:
            c = clocks.start(
                actor=actor,
                subject=case,
                rule_code=rules.CORRECTION_PARTY,
                on=on,
                label=_("申请人补正期限"),
                party=True,
            )
            case.correction_due_on = c.due_on
            case.save(update_fields=["correction_due_on"])
        ledger.record(
            actor=actor,
            action=actions.FY_CORRECTION,
            subject=case,
            data={"items": clean(items), "due": case.correction_due_on, "number": doc.number},
        )
    return case


def receive_correction(
    *, actor: Actor, case: Reconsideration, on: dt.date, version: int | None = None
) -> Reconsideration:
    """收到补正材料: the application is complete on ``on``; the examination starts again
    (the registry sets no restart rule: a new 5 WD from the complete application, the
    stricter reading — ⚠ FY-3)."""
    _body_only(actor, case, REVIEWER, CLERK)
    with transaction.atomic():
        case = transition(actor=actor, matter=case, to=S.RECEIVED, on=on, version=version)
        rules.stop(actor, case, rules.CORRECTION_PARTY, on)
        clocks.start(
            actor=actor, subject=case, rule_code=rules.ACCEPT, on=on, label=_("受理审查期限")
        )
    return case


def abandon(
    *, actor: Actor, case: Reconsideration, on: dt.date, version: int | None = None
) -> Reconsideration:
    """逾期未补正: the application is treated as withdrawn (视为放弃)."""
    _body_only(actor, case)
    return transition(actor=actor, matter=case, to=S.ABANDONED, on=on, version=version)


def accept(
    *,
    actor: Actor,
    case: Reconsideration,
    on: dt.date,
    procedure: str = Procedure.ORDINARY,
    simplified_ground: str = "",
    version: int | None = None,
) -> Reconsideration:
    """受理 — by decision within the 5 WD, or, once they have passed in silence, 视为受理.
    The acceptance date follows the text in force (``rules.acceptance_date``); the decision
    period (FY-9 / FY-10) and the period to send the application to the respondent (FY-5 /
    FY-7) run from it."""
    _body_only(actor, case)
    if procedure not in Procedure.values:
        raise ValidationError(_("审理程序不正确。"))
    dates.check_new(_("受理日期"), on, (_("收到申请日期"), case.received_on))
    exam = rules.open_clock(case, rules.ACCEPT)
    deemed = bool(exam and exam.due_on and on > exam.due_on)
    if procedure == Procedure.SIMPLIFIED:
        msg = rules.simplified_problem(case) or rules.simplified_ground_problem(
            case, simplified_ground
        )
        if msg:
            raise ValidationError(msg)
        if not simplified_ground and case.act_kind == "disclosure":
            simplified_ground = "disclosure"  # a disclosure case is one of FY-6's grounds
    accepted_on = rules.acceptance_date(case, on, deemed)
    mode = AcceptMode.DEEMED if deemed else AcceptMode.EXPLICIT
    with transaction.atomic():
        case = transition(
            actor=actor,
            matter=case,
            to=S.ACCEPTED,
            on=accepted_on,
            version=version,
            data={"mode": mode, "act_on": on, "procedure": procedure},
            apply=lambda c: (setattr(c, "accept_mode", mode), setattr(c, "procedure", procedure)),
        )
        if exam is not None:
            clocks.stop(actor=actor, clock=exam, on=min(on, exam.due_on) if exam.due_on else on)
        rules.stop(actor, case, rules.CORRECTION, on)
        if not deemed:
            _issue_document(
                actor=actor,
                matter=case,
                kind=DocKind.FY_ACCEPT,
                prefix=case.body.doc_prefix + SUFFIX[DocKind.FY_ACCEPT],
                on=on,
            )
        simple = procedure == Procedure.SIMPLIFIED
        clocks.start(
            actor=actor,
            subject=case,
            rule_code=rules.SEND_SIMPLE if simple else rules.SEND,
            on=accepted_on,
            label=_("发送申请书副本期限"),
        )
        clocks.start(
            actor=actor,
            subject=case,
            rule_code=rules.decision_code(case),
            on=accepted_on,
            label=_("复议审理期限"),
        )
        ledger.record(
            actor=actor,
            action=actions.FY_ACCEPT,
            subject=case,
            data={
                "mode": mode,
                "accepted_on": accepted_on,
                "act_on": on,
                "procedure": procedure,
                "simplified_ground": simplified_ground,
            },
        )
    return case


def refuse(
    *,
    actor: Actor,
    case: Reconsideration,
    on: dt.date,
    reason: str,
    version: int | None = None,
) -> Reconsideration:
    """决定不予受理, with reasons (and, when another body is competent, that body named in
    the reason) — only within the 5 WD; after them the application is deemed accepted and
    the refusal is refused (``rules.refusal_problem``)."""
    _body_only(actor, case)
    with transaction.atomic():
        case = transition(
            actor=actor, matter=case, to=S.REFUSED, on=on, reason=reason, version=version
        )
        _issue_document(
            actor=actor,
            matter=case,
            kind=DocKind.FY_REFUSAL,
            prefix=case.body.doc_prefix + SUFFIX[DocKind.FY_REFUSAL],
            on=on,
        )
    return case


def send(
    *, actor: Actor, case: Reconsideration, on: dt.date, version: int | None = None
) -> Reconsideration:
    """发送申请书副本 to the respondent with the notice to answer: the respondent's period
    (FY-5b, 10 days in 2017; FY-7b simplified) starts — a clock of the respondent's
    organisation, on its to-do."""
    _body_only(actor, case, REVIEWER, CLERK)
    with transaction.atomic():
        case = transition(actor=actor, matter=case, to=S.SENT, on=on, version=version)
        simple = case.procedure == Procedure.SIMPLIFIED
        rules.stop(actor, case, rules.SEND_SIMPLE if simple else rules.SEND, on)
        doc = _issue_document(
            actor=actor,
            matter=case,
            kind=DocKind.FY_ANSWER,
            prefix=case.body.doc_prefix + SUFFIX[DocKind.FY_ANSWER],
            on=on,
        )
        clocks.start(
            actor=actor,
            subject=case,
            rule_code=rules.ANSWER_SIMPLE if simple else rules.ANSWER,
            on=on,
            org=case.respondent,
            handler=None,
            label=_("被申请人答复期限"),
        )
        ledger.record(
            actor=actor,
            action=actions.FY_ANSWER,
            subject=case,
            data={"sent": on, "notice": doc.number},
        )
    return case


def answer(
    *,
    actor: Actor,
    case: Reconsideration,
    on: dt.date,
    evidence: str,
    version: int | None = None,
) -> Reconsideration:
    """被申请人书面答复并提交证据、依据 — by the respondent's leader or clerk, or recorded by
    the office when the answer came in on paper. An answer after the period is taken but
    stays on record as late (the clock is 超期办结)."""
    own = isinstance(actor, User) and any(
        m.role in (LEADER, CLERK) for m in _memberships_over(actor, case.respondent)
    )
    if not own:
        require_role(
            actor,
            REVIEWER,
            CLERK,
            org=case.org,
            message=_("只有被申请人或行政复议机构的工作人员可以登记答复。"),
        )
    if not clean(evidence):
        raise ValidationError(_("请列明答复书和提交的证据、依据。"))
    dates.check(case, "answered", on)
    with transaction.atomic():
        case = transition(
            actor=actor,
            matter=case,
            to=S.REVIEWING,
            on=on,
            version=version,
            data={"answered": True},
            apply=lambda c: setattr(c, "answered_on", on),
        )
        c = rules.stop(actor, case, _answer_code(case), on)
        ledger.record(
            actor=actor,
            action=actions.FY_ANSWER,
            subject=case,
            data={
                "on": on,
                "evidence": clean(evidence),
                "late": bool(c and c.due_on and on > c.due_on),
            },
        )
    return case


def answer_missing(
    *, actor: Actor, case: Reconsideration, on: dt.date, version: int | None = None
) -> Reconsideration:
    """The respondent's period ran out without an answer: the review goes on, and the act is
    treated as having no evidence or basis (2017 Art.28(4); 2023 Art.70)."""
    _body_only(actor, case)
    with transaction.atomic():
        case = transition(
            actor=actor,
            matter=case,
            to=S.REVIEWING,
            on=on,
            version=version,
            apply=lambda c: setattr(c, "answer_missing", True),
        )
        c = rules.open_clock(case, _answer_code(case))
        if c is not None:
            clocks.stop(actor=actor, clock=c, on=on)
    return case


def _answer_code(case: Reconsideration) -> str:
    return rules.ANSWER_SIMPLE if case.procedure == Procedure.SIMPLIFIED else rules.ANSWER


def _memberships_over(user: User, org: Organisation):
    return [m for m in scoping.memberships(user) if scoping.covers(m, org)]


def switch_to_ordinary(
    *, actor: Actor, case: Reconsideration, on: dt.date, approver: str, reason: str
) -> Reconsideration:
    """简易程序转为普通程序, approved by the head of the reconsideration office (2023 Art.55):
    the ordinary decision period (FY-9) replaces FY-10, counted from the acceptance."""
    _body_only(actor, case, REVIEWER, LEADER)
    if case.procedure != Procedure.SIMPLIFIED:
        raise ValidationError(_("本案适用普通程序，无需转换。"))
    if case.status not in (S.ACCEPTED, S.SENT, S.REVIEWING):
        raise ValidationError(_("本案当前状态不能转换审理程序。"))
    if not clean(approver) or not clean(reason):
        raise ValidationError(_("转为普通程序须写明批准的复议机构负责人和理由。"))
    dates.check_new(_("批准日期"), on, (_("受理日期"), case.accepted_on))
    with transaction.atomic():
        c = Reconsideration.objects.select_for_update().get(pk=case.pk)
        rules.stop(actor, c, rules.DECISION_SIMPLE, on)
        c.procedure = Procedure.ORDINARY
        c.version += 1
        c.save(update_fields=["procedure", "version"])
        clocks.start(
            actor=actor, subject=c, rule_code=rules.DECISION, on=c.accepted_on,
            label=_("复议审理期限"),
        )  # fmt: skip
        ledger.record(
            actor=actor,
            action=actions.FY_SWITCH,
            subject=c,
            data={"switched": "ordinary", "approver": clean(approver), "reason": clean(reason),
                  "on": on},
        )  # fmt: skip
    case.__dict__.update({k: v for k, v in c.__dict__.items() if not k.startswith("_")})
    return c
