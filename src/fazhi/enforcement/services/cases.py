"""Every write on an enforcement case, from clue to archive (行政处罚法, general and summary
procedure). Each function is one use case: it validates, moves the case through the kernel's
``transition()`` where the status changes, runs the case's clocks and appends ledger events —
all in one transaction, or changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, clocks, identity, ledger, numbering
from fazhi.core import rules as core_rules
from fazhi.core.attachments import store
from fazhi.core.calendar import get_calendar
from fazhi.core.ledger import Actor
from fazhi.core.models import Role, User
from fazhi.core.scoping import has_role
from fazhi.core.workflow import transition

from .. import actions, rules
from ..models import (
    Case,
    CaseOfficer,
    CaseStatus,
    CourtApplication,
    Decision,
    DiscretionBand,
    Discussion,
    EnforcementBody,
    EnforcementField,
    EnforcementItem,
    Evidence,
    LegalReview,
    Officer,
    Outcome,
    PartyKind,
    Payment,
    PaymentKind,
    Procedure,
    Recording,
    ReviewOpinion,
    Source,
)

S = CaseStatus


def party_problems(kind: str, name: str, id_number: str, credit_code: str) -> dict[str, str]:
    """The party's problems keyed by the field they concern (a form or an import names it)."""
    problems = {}
    if kind not in PartyKind.values:
        problems["party_kind"] = _("当事人类型不正确。")
    if not name.strip():
        problems["party_name"] = _("请填写当事人名称或姓名。")
    if id_number:
        try:
            identity.validate_id_number(id_number)
        except identity.IdentityError as exc:
            problems["party_id_number"] = _("身份证号码：%(m)s") % {"m": exc.message}
    if credit_code:
        try:
            identity.validate_credit_code(credit_code)
        except identity.IdentityError as exc:
            problems["party_credit_code"] = _("统一社会信用代码：%(m)s") % {"m": exc.message}
    return problems


def _case_number(actor: Actor, body: EnforcementBody, year: int, case: Case) -> str:
    series = numbering.series_get_or_create(
        actor=actor,
        org=body.org,
        kind="enf-case",
        year=year,
        prefix=(body.doc_prefix.removesuffix("罚决") or "芙执") + "案",
        pattern="{prefix}〔{year}〕{n}号",
    )
    return numbering.issue(actor=actor, series=series, subject=case).text


def case_open(
    *,
    actor: Actor,
    body: EnforcementBody,
    field: EnforcementField,
    source: str,
    party_kind: str,
    party_name: str,
    received_on: dt.date,
    facts: str = "",
    item: EnforcementItem | None = None,
    procedure: str = Procedure.GENERAL,
    party_id_number: str = "",
    party_credit_code: str = "",
    party_address: str = "",
    party_phone: str = "",
    party_legal_rep: str = "",
    source_ref: str = "",
    campaign=None,
    handler: User | None = None,
    title: str = "",
) -> Case:
    """登记案件线索 (from a patrol, a complaint, a referral, the hotline, the grid…)."""
    if isinstance(actor, User) and not has_role(
        actor, Role.CLERK, Role.OFFICER, Role.LEADER, org=body.org
    ):
        raise PermissionDenied(_("只有本执法主体的工作人员可以登记案件。"))
    problems = list(
        party_problems(party_kind, party_name, party_id_number, party_credit_code).values()
    )
    if source not in Source.values:
        problems.append(_("请选择案件来源。"))
    if procedure not in Procedure.values:
        problems.append(_("程序类型不正确。"))
    if not body.fields.filter(pk=field.pk).exists():
        problems.append(_("%(b)s 不具有“%(f)s”领域的执法权。") % {"b": body, "f": field})
    if item is not None and (item.body_id != body.pk or item.field_id != field.pk):
        problems.append(_("执法事项与执法主体或领域不符。"))
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        case = Case.objects.create(
            org=body.org,
            body=body,
            field=field,
            item=item,
            source=source,
            source_ref=source_ref,
            procedure=procedure,
            party_kind=party_kind,
            party_name=party_name.strip(),
            party_id_number=party_id_number.strip().upper(),
            party_credit_code=party_credit_code.strip().upper(),
            party_address=party_address.strip(),
            party_phone=party_phone.strip(),
            party_legal_rep=party_legal_rep.strip(),
            facts=facts.strip(),
            received_on=received_on,
            handler=handler or (actor if isinstance(actor, User) else None),
            campaign=campaign,
            status=S.CLUE,
            title=title.strip() or _("%(p)s涉嫌违法案") % {"p": party_name.strip()},
        )
        case.number = _case_number(actor, body, received_on.year, case)
        case.save(update_fields=["number"])
        ledger.record(
            actor=actor,
            action=actions.CASE_CREATE,
            subject=case,
            data={"source": source, "procedure": procedure, "field": field.code},
        )
    return case


def _valid_certificate(officer: Officer, field: EnforcementField, on: dt.date):
    return (
        officer.certificates.filter(
            status="valid", valid_from__lte=on, valid_to__gte=on, fields=field
        )
        .order_by("-valid_to")
        .first()
    )


def assign_officer(
    *, actor: Actor, case: Case, officer: Officer, lead: bool = False, on: dt.date | None = None
) -> CaseOfficer:
    """Only an officer holding a valid certificate for the case's field can be assigned."""
    from fazhi.core import clock

    on = on or clock.today()
    if isinstance(actor, User) and not has_role(actor, Role.LEADER, Role.OFFICER, org=case.org):
        raise PermissionDenied(_("只有本执法主体的负责人或执法人员可以指派办案人员。"))
    cert = _valid_certificate(officer, case.field, on)
    if cert is None:
        raise ValidationError(
            _("%(o)s 没有“%(f)s”领域的有效行政执法证，不能办理本案。")
            % {"o": officer, "f": case.field}
        )
    with transaction.atomic():
        link, _c = CaseOfficer.objects.update_or_create(
            case=case, officer=officer, defaults={"certificate": cert, "is_lead": lead}
        )
        ledger.record(
            actor=actor,
            action=actions.CASE_ASSIGN,
            subject=case,
            data={"officer": officer.name, "certificate": cert.number, "lead": lead},
        )
    return link


def register(*, actor: Actor, case: Case, on: dt.date, version: int | None = None) -> Case:
    """批准立案; the decision clock starts where a rule in force sets one (CF-2, or CF-2b for
    market supervision: ``rules.decision_rule``)."""

    def apply(c):
        c.registered_on = on

    with transaction.atomic():
        case = transition(
            actor=actor, matter=case, to=S.REGISTERED, version=version, apply=apply, data={"on": on}
        )
        code = rules.decision_rule(case, on)
        if code:
            clocks.start(
                actor=actor, subject=case, rule_code=code, on=on, label=_("作出处罚决定期限")
            )
    return case


def evidence_add(
    *,
    actor: Actor,
    case: Case,
    kind: str,
    title: str,
    collected_on: dt.date,
    officer: Officer,
    content: bytes | None = None,
    filename: str = "",
) -> Evidence:
    """登记证据; an attached file is stored content-addressed and its hash goes to the ledger."""
    if case.status not in (S.CLUE, S.REGISTERED, S.PROPOSED, S.HEARING):
        raise ValidationError(
            _("案件已进入 %(s)s 阶段，不能再补充证据。") % {"s": case.get_status_display()}
        )
    if not title.strip():
        raise ValidationError(_("请填写证据名称。"))
    if not case.officers.filter(officer=officer).exists():
        raise ValidationError(_("%(o)s 不是本案的办案人员。") % {"o": officer})
    with transaction.atomic():
        att = store(actor=actor, source=content, name=filename, subject=case) if content else None
        ev = Evidence.objects.create(
            case=case,
            kind=kind,
            title=title.strip(),
            attachment=att,
            collected_on=collected_on,
            collected_by=officer,
        )
        ledger.record(
            actor=actor,
            action=actions.EVIDENCE_ADD,
            subject=case,
            data={"evidence": ev.pk, "kind": kind, "title": ev.title},
            attachments=[att.sha256] if att else [],
        )
    return ev


def recording_add(
    *,
    actor: Actor,
    case: Case | None,
    officer: Officer,
    device: str,
    recorded_at: dt.datetime,
    content: bytes,
    filename: str,
    place: str = "",
) -> Recording:
    """执法记录仪 audio/video, registered with hash, device, officer and time."""
    org = case.org if case is not None else officer.body.org
    if isinstance(actor, User) and not has_role(actor, Role.OFFICER, Role.LEADER, org=org):
        raise PermissionDenied(_("只有本执法主体的执法人员或负责人可以登记音像记录。"))
    problems = []
    if not device.strip():
        problems.append(_("请填写执法记录仪编号。"))
    if case is not None and officer.body_id != case.body_id:
        problems.append(_("%(o)s 不是本案执法主体的执法人员。") % {"o": officer.name})
    if recorded_at > clock.now():
        problems.append(_("录制时间不能晚于现在。"))
    if not content:
        problems.append(_("请上传音像文件。"))
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        att = store(actor=actor, source=content, name=filename, subject=case)
        rec = Recording.objects.create(
            case=case,
            attachment=att,
            device=device.strip(),
            officer=officer,
            recorded_at=recorded_at,
            place=place,
        )
        ledger.record(
            actor=actor,
            action=actions.RECORDING_ADD,
            subject=case or rec,
            data={"device": rec.device, "officer": officer.name, "at": recorded_at},
            attachments=[att.sha256],
        )
    return rec


def propose(
    *,
    actor: Actor,
    case: Case,
    fine: Decimal | None,
    band: DiscretionBand | None,
    kinds: list[str],
    needs_discussion: bool = False,
    version: int | None = None,
) -> Case:
    """拟处理意见: the proposed penalty, checked against the discretion band; whether the
    decision will be major (法制审核) is decided here from the configured rule set."""
    problem = rules.fine_problem(case, fine, band)
    if problem:
        raise ValidationError(problem)

    def apply(c):
        c.proposed_fine, c.proposed_band, c.proposed_kinds = fine, band, list(kinds)
        c.needs_discussion = needs_discussion
        c.major_reasons = rules.classify_major(c, fine=fine, kinds=list(kinds))
        c.is_major = bool(c.major_reasons)

    with transaction.atomic():
        # the kernel re-checks the band and the officers against the saved values
        Case.objects.filter(pk=case.pk).update(proposed_fine=fine, proposed_band=band)
        case.proposed_fine, case.proposed_band = fine, band
        case = transition(
            actor=actor,
            matter=case,
            to=S.PROPOSED,
            version=version,
            apply=apply,
            data={"fine": fine, "kinds": list(kinds)},
        )
        ledger.record(
            actor=actor,
            action=actions.PROPOSAL,
            subject=case,
            data={"fine": fine, "band": band.code if band else "", "major": case.major_reasons},
        )
    return case


def notify(*, actor: Actor, case: Case, on: dt.date, version: int | None = None) -> Case:
    """告知: the proposed penalty and the rights to state, defend and request a hearing;
    the hearing-request clock (CF-4) starts."""

    def apply(c):
        c.notified_on = on

    with transaction.atomic():
        case = transition(
            actor=actor, matter=case, to=S.NOTIFIED, version=version, apply=apply, data={"on": on}
        )
        case.notice_number = _notice_number(actor, case, on)
        case.save(update_fields=["notice_number"])
        clocks.start(
            actor=actor,
            subject=case,
            rule_code=rules.HEARING_REQUEST,
            on=on,
            label=_("陈述申辩和申请听证期限"),
        )
        ledger.record(
            actor=actor,
            action=actions.NOTICE,
            subject=case,
            data={"on": on, "number": case.notice_number},
        )
    return case


def request_hearing(*, actor: Actor, case: Case, on: dt.date) -> Case:
    with transaction.atomic():
        c = Case.objects.select_for_update().get(pk=case.pk)
        if c.status != S.NOTIFIED:
            raise ValidationError(_("只有已告知的案件可以登记听证申请。"))
        c.hearing_requested_on = on
        c.save(update_fields=["hearing_requested_on"])
        ledger.record(actor=actor, action=actions.HEARING, subject=c, data={"requested_on": on})
    return c


def waive_statements(*, actor: Actor, case: Case, on: dt.date) -> Case:
    """当事人书面放弃陈述、申辩和听证."""
    with transaction.atomic():
        c = Case.objects.select_for_update().get(pk=case.pk)
        c.statements_waived = True
        c.save(update_fields=["statements_waived"])
        ledger.record(actor=actor, action=actions.NOTICE, subject=c, data={"waived_on": on})
    return c


def open_hearing(*, actor: Actor, case: Case, version: int | None = None) -> Case:
    return transition(actor=actor, matter=case, to=S.HEARING, version=version)


def record_hearing(*, actor: Actor, case: Case, held_on: dt.date) -> Case:
    with transaction.atomic():
        c = Case.objects.select_for_update().get(pk=case.pk)
        if c.status != S.HEARING:
            raise ValidationError(_("案件不在听证阶段。"))
        c.hearing_held_on = held_on
        c.major_reasons = rules.classify_major(c, fine=c.proposed_fine, kinds=c.proposed_kinds)
        c.is_major = bool(c.major_reasons)
        c.save(update_fields=["hearing_held_on", "major_reasons", "is_major"])
        ledger.record(actor=actor, action=actions.HEARING, subject=c, data={"held_on": held_on})
    return c


def submit_review(*, actor: Actor, case: Case, on: dt.date, version: int | None = None) -> Case:
    """送法制审核 (a major decision may not be made without it)."""
    with transaction.atomic():
        case = transition(actor=actor, matter=case, to=S.REVIEW, version=version)
        LegalReview.objects.create(case=case, submitted_on=on)
        ledger.record(actor=actor, action=actions.REVIEW_SUBMIT, subject=case, data={"on": on})
    return case


def review_opinion(
    *, actor: User, case: Case, opinion: str, reasons: str, on: dt.date
) -> LegalReview:
    """The legal reviewer's opinion: pass, return with reasons, or not pass."""
    if not has_role(actor, Role.REVIEWER, org=case.org):
        raise PermissionDenied(_("只有法制审核人员可以出具审核意见。"))
    if opinion not in ReviewOpinion.values:
        raise ValidationError(_("审核意见应为同意、退回补充或不同意。"))
    if opinion != ReviewOpinion.PASS and not reasons.strip():
        raise ValidationError(_("退回或不同意的，须写明理由。"))
    with transaction.atomic():
        review = (
            LegalReview.objects.select_for_update()
            .filter(case=case, opinion="")
            .order_by("-id")
            .first()
        )
        if review is None:
            raise ValidationError(_("本案没有待审核的法制审核申请。"))
        review.reviewer, review.opinion, review.reasons, review.decided_on = (
            actor,
            opinion,
            reasons.strip(),
            on,
        )
        review.save()
        ledger.record(
            actor=actor,
            action=actions.REVIEW_OPINION,
            subject=case,
            data={"opinion": opinion, "reasons": review.reasons, "on": on},
        )
    return review


def record_discussion(
    *, actor: Actor, case: Case, held_on: dt.date, attendees: str, conclusion: str
) -> Discussion:
    if not attendees.strip() or not conclusion.strip():
        raise ValidationError(_("请填写参加人员和讨论结论。"))
    with transaction.atomic():
        d = Discussion.objects.create(
            case=case, held_on=held_on, attendees=attendees.strip(), conclusion=conclusion.strip()
        )
        ledger.record(
            actor=actor,
            action=actions.DISCUSSION,
            subject=case,
            data={"held_on": held_on, "conclusion": d.conclusion},
        )
    return d


def notice_prefix(doc_prefix: str) -> str:
    """The 机关代字 of the advance notice from the decision's: 芙执罚决 → 芙执罚告."""
    prefix = doc_prefix or "芙执罚决"
    return prefix[:-1] + "告" if prefix.endswith("决") else prefix + "告"


def _notice_number(actor: Actor, case: Case, on: dt.date) -> str:
    series = numbering.series_get_or_create(
        actor=actor,
        org=case.body.org,
        kind="enf-notice",
        year=on.year,
        prefix=notice_prefix(case.body.doc_prefix),
    )
    return numbering.issue(actor=actor, series=series, subject=case).text


def _decision_number(actor: Actor, case: Case, on: dt.date, decision: Decision) -> str:
    series = numbering.series_get_or_create(
        actor=actor,
        org=case.body.org,
        kind="enf-decision",
        year=on.year,
        prefix=case.body.doc_prefix or "芙执罚决",
    )
    return numbering.issue(actor=actor, series=series, subject=case).text


def decide(
    *,
    actor: Actor,
    case: Case,
    on: dt.date,
    outcome: str,
    basis: str,
    fine: Decimal = Decimal(0),
    band: DiscretionBand | None = None,
    kinds: list[str] | None = None,
    confiscated: Decimal = Decimal(0),
    version: int | None = None,
) -> Decision:
    """作出决定: a numbered decision document; the amount must lie within the band."""
    if outcome not in (Outcome.PENALTY, Outcome.NO_PENALTY, Outcome.FIRST_OFFENCE):
        raise ValidationError(_("处理结果应为给予处罚、不予处罚或首违不罚。"))
    if not basis.strip():
        raise ValidationError(_("请写明决定所依据的法律条款。"))
    fine = Decimal(fine or 0)
    if outcome != Outcome.PENALTY and fine:
        raise ValidationError(_("不予处罚的决定不能有罚款。"))
    problem = rules.fine_problem(case, fine, band)
    if problem:
        raise ValidationError(problem)
    data = {"on": on, "fine": fine}
    if case.procedure == Procedure.SUMMARY:
        data["fine"] = fine

    def apply(c):
        c.outcome = outcome

    with transaction.atomic():
        case = transition(
            actor=actor, matter=case, to=S.DECIDED, version=version, apply=apply, data=data
        )
        d = Decision(
            case=case,
            decided_on=on,
            outcome=outcome,
            kinds=kinds or [],
            fine=fine,
            confiscated=confiscated,
            basis=basis.strip(),
            band=band,
        )
        d.number = _decision_number(actor, case, on, d)
        d.save()
        for c in clocks.for_subject(case).filter(stopped_on__isnull=True):
            clocks.stop(actor=actor, clock=c, on=on)
        if rules.must_publish(case, outcome):
            clocks.start(
                actor=actor,
                subject=case,
                rule_code=rules.PUBLICITY,
                on=on,
                label=_("执法决定公示期限"),
            )
        ledger.record(
            actor=actor,
            action=actions.DECISION,
            subject=case,
            data={
                "number": d.number,
                "outcome": outcome,
                "fine": fine,
                "band": band.code if band else "",
                "kinds": d.kinds,
            },
        )
    return d


def serve(
    *, actor: Actor, case: Case, on: dt.date, method: str, version: int | None = None
) -> Case:
    """送达; the payment period (CF-11) starts when a fine is due."""
    if not method.strip():
        raise ValidationError(_("请填写送达方式（直接送达、留置送达、邮寄送达、电子送达等）。"))
    with transaction.atomic():
        d = Decision.objects.select_for_update().get(case=case)
        if on < d.decided_on:
            raise ValidationError(_("送达日期不能早于决定日期。"))
        d.served_on, d.service_method = on, method.strip()
        d.save(update_fields=["served_on", "service_method"])
        case = transition(actor=actor, matter=case, to=S.SERVED, version=version)
        if d.fine + d.confiscated > 0:
            clocks.start(
                actor=actor, subject=case, rule_code=rules.PAYMENT, on=on, label=_("缴纳罚款期限")
            )
        ledger.record(
            actor=actor,
            action=actions.SERVICE,
            subject=case,
            data={"on": on, "method": d.service_method},
        )
    return case


def pay(
    *,
    actor: Actor,
    case: Case,
    on: dt.date,
    amount: Decimal,
    receipt: str = "",
    kind: str = PaymentKind.FINE,
) -> Payment:
    """缴纳: never more than what is still owed; a second payment on a paid decision is refused."""
    amount = Decimal(amount)
    if amount <= 0:
        raise ValidationError(_("缴纳金额应大于零。"))
    with transaction.atomic():
        d = Decision.objects.select_for_update().get(case=case)
        owed = d.fine + d.confiscated + rules.late_surcharge(d, on) - rules.paid(d)
        if owed <= 0:
            raise ValidationError(
                _("决定书 %(n)s 的罚没款已缴清，不能重复缴纳。") % {"n": d.number}
            )
        if amount > owed:
            raise ValidationError(
                _("缴纳金额 %(a)s 元超过尚欠的 %(o)s 元。")
                % {"a": f"{amount:.2f}", "o": f"{owed:.2f}"}
            )
        p = Payment.objects.create(
            decision=d, paid_on=on, amount=amount, kind=kind, receipt=receipt
        )
        ledger.record(
            actor=actor,
            action=actions.PAYMENT,
            subject=case,
            data={"amount": amount, "on": on, "receipt": receipt},
        )
        if rules.paid(d) >= d.fine + d.confiscated:
            for c in clocks.for_subject(case).filter(
                rule__code=rules.PAYMENT, stopped_on__isnull=True
            ):
                clocks.stop(actor=actor, clock=c, on=on)
    return p


def court_apply(
    *,
    actor: Actor,
    case: Case,
    reminded_on: dt.date,
    applied_on: dt.date | None = None,
    court: str = "",
) -> CourtApplication:
    """催告, then application to the court for compulsory execution (行政强制法 Art.53–54):
    only for a case in execution; the application may not come before the reminder's waiting
    period (QZ-2, ten working days after the reminder) has run."""
    if isinstance(actor, User) and not has_role(actor, Role.OFFICER, Role.LEADER, org=case.org):
        raise PermissionDenied(_("只有本执法主体的执法人员或负责人可以催告和申请强制执行。"))
    with transaction.atomic():
        c = Case.objects.select_for_update().get(pk=case.pk)
        if c.status != S.EXECUTING:
            raise ValidationError(_("只有进入执行阶段的案件可以催告和申请人民法院强制执行。"))
        d = Decision.objects.get(case=c)
        if d.served_on and reminded_on < d.served_on:
            raise ValidationError(_("催告日期不能早于决定书送达日期。"))
        if applied_on is not None:
            if not court.strip():
                raise ValidationError(_("请填写受理申请的人民法院。"))
            wait = core_rules.compute(get_calendar(), rules.COURT_WAIT, reminded_on).due.due
            if applied_on < wait:
                raise ValidationError(
                    _("催告书送达十日后当事人仍未履行的，才可以申请强制执行：%(d)s 以后才能申请。")
                    % {"d": wait.isoformat()}
                )
        app = CourtApplication.objects.create(
            decision=d, reminded_on=reminded_on, applied_on=applied_on, court=court.strip()
        )
        ledger.record(
            actor=actor,
            action=actions.COURT,
            subject=c,
            data={"reminded_on": reminded_on, "applied_on": applied_on, "court": court},
        )
    return app


def close(*, actor: Actor, case: Case, on: dt.date, version: int | None = None) -> Case:
    with transaction.atomic():
        case = transition(actor=actor, matter=case, to=S.CLOSED, version=version, on=on)
        for c in clocks.for_subject(case).filter(stopped_on__isnull=True, rule__code=rules.PAYMENT):
            clocks.stop(actor=actor, clock=c, on=on)
    return case


def archive(*, actor: Actor, case: Case, on: dt.date, version: int | None = None) -> Case:
    def apply(c):
        c.archived_on = on

    return transition(actor=actor, matter=case, to=S.ARCHIVED, version=version, apply=apply)


def drop(*, actor: Actor, case: Case, reason: str, on: dt.date, version: int | None = None) -> Case:
    def apply(c):
        c.outcome = Outcome.DROPPED

    with transaction.atomic():
        case = transition(
            actor=actor,
            matter=case,
            to=S.DROPPED,
            version=version,
            apply=apply,
            reason=reason,
            on=on,
        )
        for c in clocks.for_subject(case).filter(stopped_on__isnull=True):
            clocks.stop(actor=actor, clock=c, on=on)
    return case
