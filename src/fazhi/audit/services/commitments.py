"""新官不理旧账: the ledger of government commitments, and the company visits and 政企
meetings that bring problems onto it.

A commitment belongs to the responsible office, never to a person: a change of the
responsible leader is a handover entry and the commitment stays. Progress is append-only;
a commitment leaves the ledger only by 销号 with the reasons (``Commitment`` refuses
deletion).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import dates, identity, ledger, numbering
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from .. import actions
from .. import states as _states  # noqa: F401
from ..models import (
    Commitment,
    CommitmentCategory,
    CommitmentProgress,
    CommitmentSource,
    CompanyVisit,
    ProgressKind,
    VisitKind,
)
from ..models import CommitmentStatus as C
from .projects import _amount

STAFF = (Role.CLERK, Role.LEADER)


def _credit(code: str) -> str:
    code = (code or "").strip().upper()
    if code:
        try:
            identity.validate_credit_code(code)
        except identity.IdentityError as exc:
            raise ValidationError(_("统一社会信用代码有误：%(e)s") % {"e": exc}) from exc
    return code


def visit_record(
    *,
    actor: Actor,
    org: Organisation,
    kind: str,
    company: str,
    held_on: dt.date,
    credit_code: str = "",
    problems: str = "",
) -> CompanyVisit:
    """走访 / 宣传 / 帮扶 or a 政企 meeting, with the problems raised."""
    require_role(actor, *STAFF, org=org)
    if kind not in VisitKind.values:
        raise ValidationError(_("请选择活动类型。"))
    if not company.strip():
        raise ValidationError(_("请填写企业或参会方。"))
    on = dates.check_new(_("走访日期"), held_on)
    with transaction.atomic():
        v = CompanyVisit.objects.create(
            org=org,
            kind=kind,
            company=company.strip(),
            credit_code=_credit(credit_code),
            held_on=on,
            problems=problems.strip(),
        )
        ledger.record(
            actor=actor,
            action=actions.VISIT_RECORD,
            subject=v,
            org=org,
            data={"kind": kind, "company": v.company, "on": on},
        )
    return v


def commitment_register(
    *,
    actor: Actor,
    org: Organisation,
    category: str,
    source: str,
    counterparty: str,
    description: str,
    arose_on: dt.date,
    leader: str,
    received_on: dt.date,
    counterparty_credit_code: str = "",
    amount_owed=0,
    source_ref: str = "",
    visit: CompanyVisit | None = None,
) -> Commitment:
    """入账: every problem goes on the ledger, numbered in the office's series."""
    require_role(actor, *STAFF, org=org, message=_("只有责任单位可以登记新官不理旧账问题。"))
    if category not in CommitmentCategory.values:
        raise ValidationError(_("请选择问题类别。"))
    if source not in CommitmentSource.values:
        raise ValidationError(_("请选择问题来源。"))
    if not counterparty.strip() or not description.strip() or not leader.strip():
        raise ValidationError(_("请填写企业或当事人、问题描述和责任领导。"))
    arose = dates.check_new(_("问题形成日期"), arose_on)
    on = dates.check_new(_("登记日期"), received_on, (_("问题形成日期"), arose))
    with transaction.atomic():
        com = Commitment.objects.create(
            org=org,
            title=description.strip()[:300],
            status=C.OPEN,
            received_on=on,
            category=category,
            source=source,
            source_ref=source_ref.strip(),
            counterparty=counterparty.strip(),
            counterparty_credit_code=_credit(counterparty_credit_code),
            description=description.strip(),
            arose_on=arose,
            amount_owed=_amount(amount_owed, _("涉及金额")),
            leader=leader.strip(),
            visit=visit,
        )
        series = numbering.series_get_or_create(
            actor=actor,
            org=org,
            kind="legacy-commitment",
            year=on.year,
            prefix=f"{org.short_name or org.name}旧账",
        )
        com.number = numbering.issue(actor=actor, series=series, subject=com).text
        com.save(update_fields=["number"])
        ledger.record(
            actor=actor,
            action=actions.COMMITMENT_REGISTER,
            subject=com,
            data={"category": category, "source": source, "amount": com.amount_owed},
        )
    return com


def _entry(actor, com, kind, on, text, settled=Decimal(0)) -> CommitmentProgress:
    last = com.progress.order_by("-on").values_list("on", flat=True).first()
    day = dates.check_new(
        _("进展日期"), on, (_("登记日期"), com.received_on), (_("上一条进展日期"), last)
    )
    return CommitmentProgress.objects.create(
        commitment=com, kind=kind, on=day, text=text.strip(), settled=settled
    )


def commitment_progress(
    *, actor: Actor, commitment: Commitment, text: str, on: dt.date, settled=0
) -> CommitmentProgress:
    """进展, with the amount paid or honoured this time."""
    require_role(actor, *STAFF, obj=commitment)
    if commitment.status == C.CLOSED:
        raise ValidationError(_("该问题已销号。"))
    if not text.strip():
        raise ValidationError(_("请填写进展情况。"))
    amount = _amount(settled, _("本次兑现金额"))
    with transaction.atomic():
        com = Commitment.objects.select_for_update().get(pk=commitment.pk)
        if com.amount_settled + amount > com.amount_owed:
            raise ValidationError(_("累计兑现金额不能超过涉及金额。"))
        e = _entry(actor, com, ProgressKind.PROGRESS, on, text, amount)
        com.amount_settled += amount
        com.version += 1
        com.save(update_fields=["amount_settled", "version"])
        ledger.record(
            actor=actor,
            action=actions.COMMITMENT_PROGRESS,
            subject=com,
            data={"text": e.text, "on": e.on, "settled": amount},
        )
    commitment.__dict__.update(amount_settled=com.amount_settled, version=com.version)
    return e


def commitment_handover(
    *, actor: Actor, commitment: Commitment, new_leader: str, on: dt.date
) -> CommitmentProgress:
    """The responsible leader changes; the commitment stays with the office."""
    require_role(actor, Role.LEADER, obj=commitment, message=_("只有责任单位负责人可以办理交接。"))
    if commitment.status == C.CLOSED:
        raise ValidationError(_("该问题已销号。"))
    if not new_leader.strip():
        raise ValidationError(_("请填写接任的责任领导。"))
    with transaction.atomic():
        com = Commitment.objects.select_for_update().get(pk=commitment.pk)
        before = com.leader
        e = _entry(
            actor,
            com,
            ProgressKind.HANDOVER,
            on,
            _("责任领导由%(a)s交接给%(b)s，问题仍由本单位负责化解。")
            % {"a": before, "b": new_leader.strip()},
        )
        com.leader = new_leader.strip()
        com.version += 1
        com.save(update_fields=["leader", "version"])
        ledger.record(
            actor=actor,
            action=actions.COMMITMENT_HANDOVER,
            subject=com,
            data={"from": before, "to": com.leader, "on": e.on},
        )
    commitment.__dict__.update(leader=com.leader, version=com.version)
    return e


def commitment_resolve(
    *, actor: Actor, commitment: Commitment, on: dt.date, version: int | None = None
) -> Commitment:
    """化解: after progress is on record."""
    require_role(actor, *STAFF, obj=commitment)
    return transition(actor=actor, matter=commitment, to=C.RESOLVED, version=version, on=on)


def commitment_close(
    *,
    actor: Actor,
    commitment: Commitment,
    reason: str,
    on: dt.date,
    version: int | None = None,
) -> Commitment:
    """销号, with the reasons — the only way off the ledger."""
    require_role(actor, Role.SUPERVISOR, obj=commitment, message=_("只有监督人员可以销号。"))

    def apply(c):
        c.close_reason = reason.strip()

    return transition(
        actor=actor,
        matter=commitment,
        to=C.CLOSED,
        reason=reason,
        version=version,
        apply=apply,
        on=on,
    )


def commitment_reopen(
    *,
    actor: Actor,
    commitment: Commitment,
    reason: str,
    on: dt.date,
    version: int | None = None,
) -> Commitment:
    """退回继续化解: the supervisor does not accept the resolution."""
    require_role(actor, Role.SUPERVISOR, obj=commitment)
    return transition(
        actor=actor, matter=commitment, to=C.OPEN, reason=reason, version=version, on=on
    )
