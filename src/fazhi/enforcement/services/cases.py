"""Every write on an enforcement case from clue to the decision stage (行政处罚法, general and
summary procedure): intake, officers, registration, evidence and recordings, the proposal,
the prior notice and the party's rights, the hearing, legality review, collective
discussion, and dropping a case. The decision and what follows it are in ``decisions.py``.

Each function is one use case: it checks the actor's role over the case first
(``require_role``, which applies the data scopes exactly as reads do), checks its business
dates (never in the future, never before the step they follow), moves the case through the
kernel's ``transition()`` where the status changes, runs the case's clocks and appends
ledger events — all in one transaction, or changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, clocks, dates, identity, ledger, numbering
from fazhi.core.attachments import store
from fazhi.core.ledger import Actor
from fazhi.core.models import Role, User
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from .. import actions, rules
from ..models import (
    Case,
    CaseOfficer,
    CaseStatus,
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
    Procedure,
    Recording,
    ReviewOpinion,
    Source,
)

S = CaseStatus
OFFICER, LEADER, CLERK, REVIEWER = Role.OFFICER, Role.LEADER, Role.CLERK, Role.REVIEWER


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
    """登记案件线索 (from a patrol, a complaint, a referral, the hotline, the grid…). The case
    number takes its year from the date the clue was received, once that date is valid."""
    require_role(
        actor,
        CLERK,
        OFFICER,
        LEADER,
        org=body.org,
        message=_("只有本执法主体的工作人员可以登记案件。"),
    )
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
    date_problem = dates.not_future(_("收到线索日期"), received_on)
    if date_problem:
        problems.append(date_problem)
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
            data={
                "source": source,
                "procedure": procedure,
                "field": field.code,
                "on": received_on,
            },
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
    """Only an officer of the case's body holding a valid certificate for its field on the
    day can be assigned."""
    require_role(
        actor,
        LEADER,
        OFFICER,
        obj=case,
        message=_("只有本执法主体的负责人或执法人员可以指派办案人员。"),
    )
    on = dates.check_new(_("指派日期"), on or clock.today())
    if officer.body_id != case.body_id:
        raise ValidationError(_("%(o)s 不是本案执法主体的执法人员。") % {"o": officer.name})
    cert = _valid_certificate(officer, case.field, on)
    if cert is None:
        raise ValidationError(
            _("%(o)s 没有“%(f)s”领域的有效行政执法证，不能办理本案。")
            % {"o": officer, "f": case.field}
        )
    with transaction.atomic():
        c = Case.objects.select_for_update().get(pk=case.pk)
        if c.status in Case.CLOSED_STATUSES:
            raise ValidationError(_("案件已办结，不能再指派办案人员。"))
        link, _c = CaseOfficer.objects.update_or_create(
            case=c, officer=officer, defaults={"certificate": cert, "is_lead": lead}
        )
        ledger.record(
            actor=actor,
            action=actions.CASE_ASSIGN,
            subject=c,
            data={"officer": officer.name, "certificate": cert.number, "lead": lead, "on": on},
        )
    return link


def register(*, actor: Actor, case: Case, on: dt.date, version: int | None = None) -> Case:
    """批准立案 on ``on`` (not before the clue was received); the decision clock starts where a
    rule in force sets one (CF-2, or CF-2b for market supervision: ``rules.decision_rule``)."""
    require_role(actor, LEADER, obj=case, message=_("只有本执法主体的负责人可以批准立案。"))
    with transaction.atomic():
        case = transition(actor=actor, matter=case, to=S.REGISTERED, version=version, on=on)
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
    """登记证据 (not after today, not before the clue was received); an attached file is
    stored content-addressed and its hash goes to the ledger."""
    require_role(
        actor, OFFICER, LEADER, obj=case, message=_("只有本案的执法人员或负责人可以登记证据。")
    )
    if not title.strip():
        raise ValidationError(_("请填写证据名称。"))
    dates.check_new(_("证据收集日期"), collected_on, (_("收到线索日期"), case.received_on))
    with transaction.atomic():
        c = Case.objects.select_for_update().get(pk=case.pk)
        if c.status not in (S.CLUE, S.REGISTERED, S.PROPOSED, S.HEARING):
            raise ValidationError(
                _("案件已进入 %(s)s 阶段，不能再补充证据。") % {"s": c.get_status_display()}
            )
        if not c.officers.filter(officer=officer).exists():
            raise ValidationError(_("%(o)s 不是本案的办案人员。") % {"o": officer})
        att = store(actor=actor, source=content, name=filename, subject=c) if content else None
        ev = Evidence.objects.create(
            case=c,
            kind=kind,
            title=title.strip(),
            attachment=att,
            collected_on=collected_on,
            collected_by=officer,
        )
        ledger.record(
            actor=actor,
            action=actions.EVIDENCE_ADD,
            subject=c,
            data={"evidence": ev.pk, "kind": kind, "title": ev.title, "on": collected_on},
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
    if case is not None:
        require_role(
            actor,
            OFFICER,
            LEADER,
            obj=case,
            message=_("只有本执法主体的执法人员或负责人可以登记音像记录。"),
        )
    else:
        require_role(
            actor,
            OFFICER,
            LEADER,
            org=officer.body.org,
            message=_("只有本执法主体的执法人员或负责人可以登记音像记录。"),
        )
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
    require_role(actor, OFFICER, obj=case, message=_("只有本案的执法人员可以提出处理意见。"))
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


def send_back(
    *, actor: Actor, case: Case, reason: str, on: dt.date | None = None, version=None
) -> Case:
    """退回补充调查: a leader returns a proposal, or a review that did not pass sends the case
    back (the reviewer or the leader), with the reason."""
    require_role(
        actor, LEADER, REVIEWER, obj=case, message=_("只有负责人或法制审核人员可以退回补充调查。")
    )
    return transition(
        actor=actor,
        matter=case,
        to=S.REGISTERED,
        reason=reason,
        version=version,
        on=on or clock.today(),
    )


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


def notify(*, actor: Actor, case: Case, on: dt.date, version: int | None = None) -> Case:
    """告知: the proposed penalty and the rights to state, defend and request a hearing. The
    party's period to state and to ask for a hearing (CF-4) starts — the party's, not the
    agency's."""
    require_role(actor, LEADER, obj=case, message=_("只有本执法主体的负责人可以批准告知。"))
    with transaction.atomic():
        case = transition(actor=actor, matter=case, to=S.NOTIFIED, version=version, on=on)
        case.notice_number = _notice_number(actor, case, on)
        case.save(update_fields=["notice_number"])
        clocks.start(
            actor=actor,
            subject=case,
            rule_code=rules.HEARING_REQUEST,
            on=on,
            label=_("当事人陈述申辩和申请听证期限"),
            party=True,
        )
        ledger.record(
            actor=actor,
            action=actions.NOTICE,
            subject=case,
            data={"on": on, "number": case.notice_number},
        )
    return case


def request_hearing(*, actor: Actor, case: Case, on: dt.date) -> Case:
    """登记当事人的听证申请 (received at the window or by the officer)."""
    require_role(
        actor,
        OFFICER,
        CLERK,
        LEADER,
        obj=case,
        message=_("只有本执法主体的工作人员可以登记听证申请。"),
    )
    with transaction.atomic():
        c = Case.objects.select_for_update().get(pk=case.pk)
        if c.status != S.NOTIFIED:
            raise ValidationError(_("只有已告知的案件可以登记听证申请。"))
        dates.check_new(_("申请听证日期"), on, (_("告知日期"), c.notified_on))
        c.hearing_requested_on = on
        c.save(update_fields=["hearing_requested_on"])
        ledger.record(actor=actor, action=actions.HEARING, subject=c, data={"requested_on": on})
    return c


def waive_statements(*, actor: Actor, case: Case, on: dt.date) -> Case:
    """当事人书面放弃陈述、申辩和听证: only after the notice, before a decision."""
    require_role(
        actor,
        OFFICER,
        CLERK,
        LEADER,
        obj=case,
        message=_("只有本执法主体的工作人员可以登记当事人放弃陈述申辩。"),
    )
    with transaction.atomic():
        c = Case.objects.select_for_update().get(pk=case.pk)
        if c.status != S.NOTIFIED:
            raise ValidationError(_("只有已告知、尚未作出决定的案件可以登记当事人放弃陈述申辩。"))
        if c.hearing_requested_on:
            raise ValidationError(_("当事人已申请听证，不能登记放弃。"))
        dates.check_new(_("放弃日期"), on, (_("告知日期"), c.notified_on))
        c.statements_waived = True
        c.save(update_fields=["statements_waived"])
        ledger.record(actor=actor, action=actions.WAIVER, subject=c, data={"on": on})
    return c


def open_hearing(
    *, actor: Actor, case: Case, on: dt.date | None = None, version: int | None = None
) -> Case:
    """受理听证申请: the case waits for the hearing."""
    require_role(
        actor, OFFICER, LEADER, obj=case, message=_("只有本案的执法人员或负责人可以受理听证。")
    )
    return transition(
        actor=actor, matter=case, to=S.HEARING, version=version, on=on or clock.today()
    )


def record_hearing(*, actor: Actor, case: Case, held_on: dt.date) -> Case:
    """听证已举行 on ``held_on``; whether the decision is major is decided again."""
    require_role(
        actor, OFFICER, LEADER, obj=case, message=_("只有本案的执法人员或负责人可以登记听证。")
    )
    with transaction.atomic():
        c = Case.objects.select_for_update().get(pk=case.pk)
        if c.status != S.HEARING:
            raise ValidationError(_("案件不在听证阶段。"))
        dates.check(c, "hearing", held_on)
        dates.check_new(_("听证日期"), held_on, (_("申请听证日期"), c.hearing_requested_on))
        c.hearing_held_on = held_on
        c.major_reasons = rules.classify_major(c, fine=c.proposed_fine, kinds=c.proposed_kinds)
        c.is_major = bool(c.major_reasons)
        c.save(update_fields=["hearing_held_on", "major_reasons", "is_major"])
        ledger.record(actor=actor, action=actions.HEARING, subject=c, data={"held_on": held_on})
    return c


def submit_review(*, actor: Actor, case: Case, on: dt.date, version: int | None = None) -> Case:
    """送法制审核 (a major decision may not be made without it)."""
    require_role(actor, OFFICER, obj=case, message=_("只有本案的执法人员可以送法制审核。"))
    with transaction.atomic():
        case = transition(actor=actor, matter=case, to=S.REVIEW, version=version, on=on)
        LegalReview.objects.create(case=case, submitted_on=on)
        ledger.record(actor=actor, action=actions.REVIEW_SUBMIT, subject=case, data={"on": on})
    return case


def review_opinion(
    *, actor: Actor, case: Case, opinion: str, reasons: str, on: dt.date
) -> LegalReview:
    """The legal reviewer's opinion: pass, return with reasons, or not pass."""
    require_role(actor, REVIEWER, obj=case, message=_("只有法制审核人员可以出具审核意见。"))
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
        dates.check_new(_("审核日期"), on, (_("送审日期"), review.submitted_on))
        review.reviewer = actor if isinstance(actor, User) else None
        review.opinion, review.reasons, review.decided_on = opinion, reasons.strip(), on
        review.save()
        ledger.record(
            actor=actor,
            action=actions.REVIEW_OPINION,
            subject=case,
            data={"opinion": opinion, "reasons": review.reasons, "on": on},
        )
    return review


def to_discussion(
    *, actor: Actor, case: Case, on: dt.date | None = None, version: int | None = None
) -> Case:
    """提交集体讨论 (the review passed; the case needs the leaders' collective discussion)."""
    require_role(actor, LEADER, obj=case, message=_("只有本执法主体的负责人可以提交集体讨论。"))
    return transition(
        actor=actor, matter=case, to=S.DISCUSSION, version=version, on=on or clock.today()
    )


def record_discussion(
    *, actor: Actor, case: Case, held_on: dt.date, attendees: str, conclusion: str
) -> Discussion:
    """集体讨论记录: by the body's leaders, while the case waits for its decision."""
    require_role(actor, LEADER, obj=case, message=_("只有本执法主体的负责人可以登记集体讨论。"))
    if not attendees.strip() or not conclusion.strip():
        raise ValidationError(_("请填写参加人员和讨论结论。"))
    with transaction.atomic():
        c = Case.objects.select_for_update().get(pk=case.pk)
        if c.status not in (S.NOTIFIED, S.HEARING, S.REVIEW, S.DISCUSSION):
            raise ValidationError(_("只有作出决定前的案件可以登记集体讨论。"))
        dates.check_new(_("讨论日期"), held_on, (_("告知日期"), c.notified_on))
        d = Discussion.objects.create(
            case=c, held_on=held_on, attendees=attendees.strip(), conclusion=conclusion.strip()
        )
        ledger.record(
            actor=actor,
            action=actions.DISCUSSION,
            subject=c,
            data={"held_on": held_on, "conclusion": d.conclusion},
        )
    return d


def drop(*, actor: Actor, case: Case, reason: str, on: dt.date, version: int | None = None) -> Case:
    """不予立案 / 撤销立案, with the reason; the case's clocks stop (the kernel stops them)."""
    require_role(
        actor, LEADER, obj=case, message=_("只有本执法主体的负责人可以不予立案或撤销立案。")
    )

    def apply(c):
        c.outcome = Outcome.DROPPED

    return transition(
        actor=actor, matter=case, to=S.DROPPED, version=version, apply=apply, reason=reason, on=on
    )
