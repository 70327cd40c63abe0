"""After the reply: 回访 with the caller's satisfaction and 重办 when dissatisfied; the
handling clock's 延期 (approved by the office's leader); 催办; the link to what the order
became (a matter of another domain, by kernel reference only)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, clocks, dates, ledger, matterlinks
from fazhi.core.ledger import Actor
from fazhi.core.models import Role, User
from fazhi.core.workflow import transition

from .. import actions
from ..models import Callback, Order, OrderLink, OrderStatus, Satisfaction
from .common import open_clock, require_lead, require_office, stop_open
from .orders import CALLBACK_RULE, _start_body_clocks

S = OrderStatus
PROBLEM_AFTER = 3  # re-handled or bounced three times: a 问题工单 for the 会商 meeting


def order_callback(
    *,
    actor: Actor,
    order: Order,
    result: str,
    reason: str = "",
    on: dt.date | None = None,
    version: int | None = None,
) -> Callback:
    """回访 a closed order. Dissatisfied (with the reason) → 重办: the order goes back to the
    same lead body for a new handling cycle, counted in ``rounds``, with new clocks."""
    require_office(actor, order)
    if order.status != S.CLOSED:
        raise ValidationError(
            _("工单尚未办结，不能回访（当前状态：%(s)s）。") % {"s": order.get_status_display()}
        )
    if order.direct:
        raise ValidationError(_("直接办结的咨询工单不回访。"))
    if result not in Satisfaction.values:
        raise ValidationError({"result": _("请选择回访结果：满意、基本满意或不满意。")})
    reason = (reason or "").strip()
    if result == Satisfaction.DISSATISFIED and not reason:
        raise ValidationError({"reason": _("来电人不满意时须记录不满意的原因。")})
    if Callback.objects.filter(order=order, round=order.rounds).exists():
        raise ValidationError(_("本轮办理已回访。"))
    on = dates.check_new(_("回访日期"), on or clock.today(), (_("办结日期"), order.closed_on))
    with transaction.atomic():
        cb = Callback.objects.create(
            order=order, round=order.rounds, on=on, result=result, reason=reason
        )
        Order.objects.filter(pk=order.pk).update(satisfaction=result)
        order.satisfaction = result
        stop_open(actor, order, on, CALLBACK_RULE)
        ledger.record(
            actor=actor,
            action=actions.CALLBACK,
            subject=order,
            also=[cb],
            data={"result": result, "reason": reason, "round": cb.round, "on": on},
        )
        if result == Satisfaction.DISSATISFIED:
            _rehandle(actor, order, reason, on, version)
    return cb


def _rehandle(actor: Actor, order: Order, reason: str, on: dt.date, version) -> Order:
    def apply(o: Order) -> None:
        o.rounds += 1
        o.closed_on = o.signed_on = o.replied_on = None
        o.reply = ""
        o.satisfaction = ""
        if o.rounds >= PROBLEM_AFTER:
            o.problem = True

    o = transition(
        actor=actor,
        matter=order,
        to=S.ASSIGNED,
        reason=reason,
        on=on,
        data={"rehandle": True, "body": order.org_id, "body_name": order.org.name},
        apply=apply,
    )
    _start_body_clocks(actor, o, on)
    return o


def order_extend(*, actor: Actor, order: Order, days: int, reason: str) -> Order:
    """延期: the handling clock is extended by ``days`` working days within the rule's limit
    (RX-1: at most 10), approved by a leader of the hotline office."""
    require_office(actor, order, Role.LEADER)
    if order.status not in (S.ASSIGNED, S.SIGNED):
        raise ValidationError(_("只有办理中的工单可以延期。"))
    c = open_clock(order, order.category.rule_code, "RX-4")
    if c is None:
        raise ValidationError(_("该工单没有正在计算的办理时限。"))
    approver = actor.full_name or actor.username if isinstance(actor, User) else str(actor)
    clocks.extend(actor=actor, clock=c, by=int(days), approver=approver, reason=reason or "")
    ledger.record(
        actor=actor,
        action=actions.EXTEND,
        subject=order,
        data={"days": int(days), "reason": (reason or "").strip()},
    )
    return order


def order_urge(*, actor: Actor, order: Order, note: str = "") -> Order:
    """催办 by the office: recorded on the order's timeline (the ladder's yellow and red
    steps are the clock's own colours; a supervision order follows at a 会商 meeting)."""
    require_office(actor, order)
    if order.status not in (S.ASSIGNED, S.SIGNED):
        raise ValidationError(_("只有待签收或办理中的工单可以催办。"))
    c = open_clock(order, "RX-3", "RX-4", order.category.rule_code)
    card = clocks.card(c) if c else None
    ledger.record(
        actor=actor,
        action=actions.URGE,
        subject=order,
        data={"note": (note or "").strip(), "level": card.status if card else ""},
    )
    return order


def order_link(
    *, actor: Actor, order: Order, subject_type: str, subject_id: str, label: str
) -> OrderLink:
    """What the order became (an enforcement case, a grid report, a petition…): a kernel
    matter reference, shown with the page the kernel knows for it."""
    require_lead(actor, order, Role.OFFICER, Role.CLERK, Role.LEADER)
    subject_type, subject_id = (subject_type or "").strip(), str(subject_id or "").strip()
    if not matterlinks.url_for(subject_type, subject_id) or not subject_id:
        raise ValidationError(
            {"subject_type": _("未知的事项类型：%(t)s") % {"t": subject_type or "—"}}
        )
    if not (label or "").strip():
        raise ValidationError({"label": _("请填写关联事项的说明（如案件编号）。")})
    with transaction.atomic():
        link = OrderLink.objects.create(
            order=order, subject_type=subject_type, subject_id=subject_id, label=label.strip()
        )
        ledger.record(
            actor=actor,
            action=actions.LINK,
            subject=order,
            data={"type": subject_type, "id": subject_id, "label": link.label},
        )
    return link
