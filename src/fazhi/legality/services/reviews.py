"""Legality review (合法性审查) of normative documents, documents in the government's name,
contracts and major decisions: the request, assignment to a reviewer (or an adviser), the
opinion within the limit of its kind (HS-1/2/3), re-submission rounds, and legal
involvement in major matters logged against the matter."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clocks, dates, identity, ledger, scoping
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role, User
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from .. import actions, rules, uploads
from ..models import (
    Adviser,
    DocStatus,
    Involvement,
    InvolvementArea,
    InvolvementKind,
    Opinion,
    ReviewKind,
    ReviewRequest,
    ReviewRound,
    ReviewStatus,
)
from .common import matter_number

R = ReviewStatus
CLERK, LEADER, REVIEWER = Role.CLERK, Role.LEADER, Role.REVIEWER
OPINION_STATUS = {Opinion.PASS: R.PASSED, Opinion.CHANGES: R.CONDITIONAL, Opinion.FAIL: R.RETURNED}


def _contract_problems(kind, counterparty, credit_code, amount, term_start, term_end) -> list[str]:
    problems = []
    if kind != ReviewKind.CONTRACT:
        return problems
    if not counterparty.strip():
        problems.append(_("请填写合同相对方。"))
    if credit_code:
        try:
            identity.validate_credit_code(credit_code)
        except identity.IdentityError as exc:
            problems.append(_("相对方统一社会信用代码：%(m)s") % {"m": exc.message})
    if amount is not None and amount < 0:
        problems.append(_("合同金额不能为负数。"))
    if term_start and term_end and term_end < term_start:
        problems.append(_("合同期限的终止日期早于起始日期。"))
    return problems


def _start_clock(actor, req: ReviewRequest, on: dt.date) -> None:
    clocks.start(
        actor=actor,
        subject=req,
        rule_code=rules.REVIEW_RULES[req.kind],
        on=on,
        org=req.review_org,
        handler=req.reviewer,
        label=_("出具合法性审查意见（第%(n)d轮）") % {"n": req.rounds},
    )


def open_request(
    *,
    actor: Actor,
    org: Organisation,
    review_org: Organisation,
    kind: str,
    title: str,
    received_on: dt.date,
    text: str = "",
    content: bytes | None = None,
    filename: str = "",
    description: str = "",
    counterparty: str = "",
    counterparty_credit_code: str = "",
    amount: Decimal | None = None,
    term_start: dt.date | None = None,
    term_end: dt.date | None = None,
    document=None,
    decision=None,
    handler: User | None = None,
) -> ReviewRequest:
    """送请合法性审查: a department sends a text (a draft document, a contract, a decision)
    to the reviewing body; the limit of its kind starts on the day it arrives."""
    require_role(
        actor, CLERK, LEADER, org=org, message=_("只有送审单位的工作人员可以送请合法性审查。")
    )
    problems = []
    if kind not in ReviewKind.values:
        problems.append(_("请选择送审类别。"))
    if not title.strip():
        problems.append(_("请填写送审事项名称。"))
    credit_code = counterparty_credit_code.strip().upper()
    problems += _contract_problems(kind, counterparty, credit_code, amount, term_start, term_end)
    msg = dates.not_future(_("送审日期"), received_on)
    if msg:
        problems.append(msg)
    if problems:
        raise ValidationError(problems)
    if content is not None:
        uploads.check(content, filename)
    body = uploads.text_of(text, content, filename)
    with transaction.atomic():
        req = ReviewRequest.objects.create(
            org=org,
            review_org=review_org,
            kind=kind,
            title=title.strip(),
            received_on=received_on,
            description=description.strip(),
            counterparty=counterparty.strip(),
            counterparty_credit_code=credit_code,
            amount=amount,
            term_start=term_start,
            term_end=term_end,
            document=document,
            decision=decision,
            handler=handler or (actor if isinstance(actor, User) else None),
            status=R.SUBMITTED,
        )
        req.number = matter_number(actor, review_org, "leg-review", "合审", received_on.year, req)
        req.save(update_fields=["number"])
        att = uploads.keep(actor, content, filename, req)
        ReviewRound.objects.create(
            request=req, n=1, submitted_on=received_on, text=body, sha256=uploads.sha(body),
            attachment=att,
        )  # fmt: skip
        ledger.record(
            actor=actor,
            action=actions.REVIEW_SUBMIT,
            subject=req,
            data={"kind": kind, "on": received_on, "sha256": uploads.sha(body)},
        )
        _start_clock(actor, req, received_on)
    return req


def _reviewer_problem(req, reviewer: User | None, adviser: Adviser | None) -> str | None:
    if reviewer is None:
        return _("请指定审查人员。")
    if not scoping.has_role(reviewer, REVIEWER, org=req.review_org):
        return _("%(u)s 不是%(o)s的法制审核人员。") % {"u": reviewer, "o": req.review_org.name}
    if adviser is not None and not adviser.is_active:
        return _("法律顾问 %(a)s 已不在册。") % {"a": adviser}
    return None


def assign(
    *,
    actor: Actor,
    request: ReviewRequest,
    reviewer: User,
    on: dt.date,
    adviser: Adviser | None = None,
    version: int | None = None,
) -> ReviewRequest:
    """分派: a reviewer of the reviewing body takes the request (an adviser may give the
    opinion, which the reviewer records)."""
    require_role(
        actor,
        LEADER,
        REVIEWER,
        org=request.review_org,
        message=_("只有审查机构的负责人或法制审核人员可以分派审查。"),
    )
    problem = _reviewer_problem(request, reviewer, adviser)
    if problem:
        raise ValidationError(problem)

    def fill(r):
        r.reviewer, r.adviser = reviewer, adviser

    with transaction.atomic():
        req = transition(
            actor=actor,
            matter=request,
            to=R.ASSIGNED,
            on=on,
            version=version,
            apply=fill,
            data={"reviewer": reviewer.display_name, "adviser": adviser.name if adviser else ""},
        )
        for c in clocks.for_subject(req).filter(stopped_on__isnull=True):
            c.handler = reviewer
            c.save(update_fields=["handler"])
    return req


def give_opinion(
    *,
    actor: Actor,
    request: ReviewRequest,
    opinion: str,
    on: dt.date,
    reasons: str = "",
    version: int | None = None,
) -> ReviewRequest:
    """出具审查意见: pass, pass after changes, or not pass — the last two with reasons. The
    round's clock stops; a document or decision under review moves with the opinion."""
    require_role(
        actor,
        REVIEWER,
        org=request.review_org,
        message=_("只有审查机构的法制审核人员可以出具意见。"),
    )
    if opinion not in Opinion.values:
        raise ValidationError(_("请选择审查意见：通过、修改后通过或不予通过。"))
    if opinion != Opinion.PASS and not reasons.strip():
        raise ValidationError(_("修改后通过或不予通过的，请写明理由和修改意见。"))
    if isinstance(actor, User) and request.reviewer_id and request.reviewer_id != actor.pk:
        raise ValidationError(_("本件已分派给 %(u)s，由其出具意见。") % {"u": request.reviewer})

    def fill(r):
        r.opinion, r.reasons = opinion, reasons.strip()

    with transaction.atomic():
        req = transition(
            actor=actor,
            matter=request,
            to=OPINION_STATUS[opinion],
            on=on,
            reason=reasons,
            version=version,
            apply=fill,
            data={"opinion": opinion},
        )
        rnd = req.round_set.order_by("-n").first()
        rnd.opinion, rnd.reasons, rnd.decided_on = opinion, reasons.strip(), on
        rnd.reviewer = actor if isinstance(actor, User) else req.reviewer
        rnd.save(update_fields=["opinion", "reasons", "decided_on", "reviewer"])
        for c in clocks.for_subject(req).filter(stopped_on__isnull=True):
            clocks.stop(actor=actor, clock=c, on=on)
        ledger.record(
            actor=actor,
            action=actions.REVIEW_OPINION,
            subject=req,
            data={"opinion": opinion, "on": on, "round": rnd.n, "reasons": reasons.strip()},
        )
        if req.document_id:
            _move_document(actor, req, opinion, on, reasons)
    return req


def _move_document(actor, req, opinion, on, reasons) -> None:
    doc = req.document
    if doc.status != DocStatus.REVIEWING:
        return
    if opinion == Opinion.FAIL:
        transition(actor=actor, matter=doc, to=DocStatus.DRAFTING, on=on, reason=reasons)
    else:
        transition(actor=actor, matter=doc, to=DocStatus.REVIEWED, on=on)


def next_round(*, actor: Actor, request: ReviewRequest, text: str, on: dt.date):
    """The next round of a returned request with the revised text (from the draft's own
    page: ``normative.submit_review``)."""
    require_role(
        actor, CLERK, LEADER, org=request.org, message=_("只有送审单位的工作人员可以重新送审。")
    )
    req = ReviewRequest.objects.select_for_update().get(pk=request.pk)
    dates.check_new(_("重新送审日期"), on, (_("上一轮出具意见日期"), req.opinion_on))

    def fill(r):
        r.rounds += 1
        r.opinion, r.reasons = "", ""

    req = transition(actor=actor, matter=req, to=R.ASSIGNED, on=on, apply=fill)
    ReviewRound.objects.create(
        request=req, n=req.rounds, submitted_on=on, text=text, sha256=uploads.sha(text)
    )
    ledger.record(
        actor=actor,
        action=actions.REVIEW_RESUBMIT,
        subject=req,
        data={"round": req.rounds, "on": on, "sha256": uploads.sha(text)},
    )
    _start_clock(actor, req, on)
    return req


def resubmit(
    *,
    actor: Actor,
    request: ReviewRequest,
    on: dt.date,
    text: str = "",
    content: bytes | None = None,
    filename: str = "",
) -> ReviewRequest:
    """修改后重新送审: the department sends the revised text; the limit starts again. A draft
    normative document is re-submitted from its own page (``normative.submit_review``)."""
    require_role(
        actor, CLERK, LEADER, org=request.org, message=_("只有送审单位的工作人员可以重新送审。")
    )
    if request.document_id:
        raise ValidationError(_("规范性文件请登记修改稿后在文件页面重新送审。"))
    if content is not None:
        uploads.check(content, filename)
    body = uploads.text_of(text, content, filename)
    with transaction.atomic():
        req = next_round(actor=actor, request=request, text=body, on=on)
        att = uploads.keep(actor, content, filename, req)
        if att is not None:
            req.round_set.filter(n=req.rounds).update(attachment=att)
    return req


def withdraw(
    *, actor: Actor, request: ReviewRequest, on: dt.date, reason: str, version: int | None = None
) -> ReviewRequest:
    require_role(
        actor, CLERK, LEADER, org=request.org, message=_("只有送审单位的工作人员可以撤回送审。")
    )
    with transaction.atomic():
        req = transition(
            actor=actor, matter=request, to=R.WITHDRAWN, on=on, reason=reason, version=version
        )
        ledger.record(
            actor=actor,
            action=actions.REVIEW_WITHDRAW,
            subject=req,
            data={"on": on, "reason": reason.strip()},
        )
    return req


def parse_amount(value) -> Decimal | None:
    """A contract amount as typed (元), or None when empty."""
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).replace(",", "").strip()).quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise ValidationError(_("合同金额不是数字：%(v)s") % {"v": value}) from exc


def involvement_log(
    *,
    actor: Actor,
    org: Organisation,
    area: str,
    kind: str,
    title: str,
    on: dt.date,
    summary: str,
    matter=None,
    adviser: Adviser | None = None,
) -> Involvement:
    """法律参与: a consultation, an opinion or participation in a major matter, logged against
    the matter it concerns (any registered record, or a title alone)."""
    require_role(
        actor,
        REVIEWER,
        LEADER,
        CLERK,
        org=org,
        message=_("只有该单位或其上级的工作人员可以登记法律参与。"),
    )
    problems = []
    if area not in InvolvementArea.values:
        problems.append(_("请选择领域。"))
    if kind not in InvolvementKind.values:
        problems.append(_("请选择参与方式。"))
    if not title.strip() or not summary.strip():
        problems.append(_("请填写事项和内容。"))
    msg = dates.not_future(_("日期"), on)
    if msg:
        problems.append(msg)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        inv = Involvement.objects.create(
            org=org,
            area=area,
            kind=kind,
            title=title.strip(),
            matter_type=matter._meta.label_lower if matter is not None else "",
            matter_id=str(matter.pk) if matter is not None else "",
            on=on,
            adviser=adviser,
            by=actor if isinstance(actor, User) else None,
            summary=summary.strip(),
        )
        ledger.record(
            actor=actor,
            action=actions.INVOLVEMENT,
            subject=matter or inv,
            org=org,
            data={"area": area, "kind": kind, "title": inv.title, "on": on},
        )
    return inv
