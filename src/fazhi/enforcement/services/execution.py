"""Execution of a decision beyond the plain payment (``decisions.pay``): 暂缓或者分期缴纳 approved
by the body for a party in real financial difficulty (行政处罚法 2017 Art.52; 2021 Art.66
para 2).

The approved plan replaces the 15-day payment period (CF-11): the payment clock stops on the
day of approval, and the 3%-a-day surcharge (``rules.late_surcharge``) runs from each
instalment's own due day on what is still unpaid of it. The plan is the body's decision, so
its dates are recorded as approved, not computed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clocks, ledger
from fazhi.core.actions import register
from fazhi.core.ledger import Actor
from fazhi.core.models import Role
from fazhi.core.scoping import require_role

from .. import rules
from ..models import ArrangementKind, Case, CaseStatus, Decision, PaymentArrangement

ARRANGEMENT = register("enf.payment.arrangement", gettext_lazy("批准暂缓或分期缴纳"))


def outstanding(d: Decision) -> Decimal:
    return d.fine + d.confiscated - rules.paid(d)


def arrangement_approve(
    *,
    actor: Actor,
    case: Case,
    kind: str,
    applied_on: dt.date,
    approved_on: dt.date,
    reason: str,
    schedule: list[tuple[dt.date, Decimal]],
) -> PaymentArrangement:
    """Record the approved deferral (one date for everything owed) or instalments (two or
    more dates, increasing, amounts adding up to what is owed)."""
    require_role(actor, Role.LEADER, obj=case, message=_("暂缓或分期缴纳须经本机关负责人批准。"))
    problems: list[str] = []
    if kind not in ArrangementKind.values:
        problems.append(_("请选择延期缴纳或分期缴纳。"))
    if not reason.strip():
        problems.append(_("请写明当事人的经济困难情况。"))
    if approved_on < applied_on:
        problems.append(_("批准日期不能早于申请日期。"))
    with transaction.atomic():
        c = Case.objects.select_for_update().get(pk=case.pk)
        d = Decision.objects.select_for_update().filter(case=c).first()
        if c.status not in (CaseStatus.SERVED, CaseStatus.EXECUTING) or d is None:
            raise ValidationError(_("只有已送达、尚在执行的处罚决定可以暂缓或分期缴纳。"))
        if PaymentArrangement.objects.filter(decision=d).exists():
            raise ValidationError(_("决定书 %(n)s 已批准过暂缓或分期缴纳。") % {"n": d.number})
        owed = outstanding(d)
        if owed <= 0:
            raise ValidationError(_("决定书 %(n)s 的罚没款已缴清。") % {"n": d.number})
        if d.served_on and applied_on < d.served_on:
            problems.append(_("申请日期不能早于决定书送达日期。"))
        problems += _schedule_problems(kind, schedule, approved_on, owed)
        if problems:
            raise ValidationError(problems)
        arrangement = PaymentArrangement.objects.create(
            decision=d,
            kind=kind,
            applied_on=applied_on,
            approved_on=approved_on,
            reason=reason.strip(),
            schedule=[
                {"due": due.isoformat(), "amount": f"{amount:.2f}"} for due, amount in schedule
            ],
        )
        for clk in clocks.for_subject(c).filter(rule__code=rules.PAYMENT, stopped_on__isnull=True):
            clocks.stop(actor=actor, clock=clk, on=max(approved_on, clk.started_on))
        ledger.record(
            actor=actor,
            action=ARRANGEMENT,
            subject=c,
            data={
                "number": d.number,
                "kind": kind,
                "applied_on": applied_on,
                "approved_on": approved_on,
                "schedule": arrangement.schedule,
                "owed": owed,
            },
        )
    return arrangement


def _schedule_problems(
    kind: str, schedule: list[tuple[dt.date, Decimal]], approved_on: dt.date, owed: Decimal
) -> list[str]:
    if not schedule:
        return [_("请填写缴纳计划（每行一个日期和金额）。")]
    problems = []
    if kind == ArrangementKind.DEFER and len(schedule) != 1:
        problems.append(_("延期缴纳只有一个缴纳日期。"))
    if kind == ArrangementKind.INSTALMENTS and len(schedule) < 2:
        problems.append(_("分期缴纳至少分两期。"))
    dates = [due for due, _a in schedule]
    if dates != sorted(set(dates)):
        problems.append(_("各期缴纳日期须逐期推后。"))
    if dates[0] < approved_on:
        problems.append(_("第一期缴纳日期不能早于批准日期。"))
    if any(a <= 0 for _d, a in schedule):
        problems.append(_("每期金额应大于零。"))
    total = sum((a for _d, a in schedule), Decimal(0))
    if total != owed:
        problems.append(
            _("缴纳计划合计 %(t)s 元，与尚欠的 %(o)s 元不符。")
            % {"t": f"{total:.2f}", "o": f"{owed:.2f}"}
        )
    return problems
