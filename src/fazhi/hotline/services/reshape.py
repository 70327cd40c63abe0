"""Reshaping orders before dispatch and asking for time while handling: 拆分 (one call with
several unrelated requests becomes several orders), and 延期申请 — the lead body asks, a
leader of the hotline office approves (the handling clock is extended) or refuses."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, clocks, dates, ledger
from fazhi.core.ledger import Actor
from fazhi.core.models import Role, User

from .. import actions
from ..models import Category, Extension, Order, OrderStatus
from .common import open_clock, require_lead, require_office
from .orders import order_create

S = OrderStatus
MAX_PARTS = 9


def order_split(
    *, actor: Actor, order: Order, parts: list[tuple[Category | None, str]]
) -> list[Order]:
    """拆分: the order keeps its first request; each of ``parts`` (category, text) becomes a new
    order of the same caller, address and day, numbered in the series, ``split_from`` the
    original. Only before dispatch (受理待派单)."""
    require_office(actor, order)
    if order.status != S.RECEIVED:
        raise ValidationError(
            _("只有待派单的工单可以拆分（当前状态：%(s)s）。") % {"s": order.get_status_display()}
        )
    parts = [(c, (t or "").strip()) for c, t in parts if c is not None or (t or "").strip()]
    if not parts:
        raise ValidationError({"parts": _("请至少填写一项拆出的诉求（分类和内容）。")})
    if len(parts) > MAX_PARTS:
        raise ValidationError({"parts": _("一次最多拆出%(n)d张工单。") % {"n": MAX_PARTS}})
    for i, (cat, text) in enumerate(parts, 1):
        if cat is None or not text:
            raise ValidationError({"parts": _("第%(i)d项拆出的诉求须有分类和内容。") % {"i": i}})
    with transaction.atomic():
        made = []
        for cat, text in parts:
            new = order_create(
                actor=actor,
                office=order.office,
                kind=order.kind,
                category=cat,
                caller_phone=order.caller_phone,
                caller_name=order.caller_name,
                address=order.address,
                street=order.street,
                channel=order.channel,
                text=text,
                received_on=order.received_on,
                external_no=order.external_no,
            )
            Order.objects.filter(pk=new.pk).update(split_from=order)
            new.split_from = order
            made.append(new)
        ledger.record(
            actor=actor,
            action=actions.SPLIT,
            subject=order,
            also=made,
            data={"parts": [o.number for o in made]},
        )
    return made


def extension_ask(
    *, actor: Actor, order: Order, days: int, reason: str, on: dt.date | None = None
) -> Extension:
    """延期申请 by the lead body while its handling clock runs; one pending request at a
    time."""
    require_lead(actor, order)
    if order.status not in (S.ASSIGNED, S.SIGNED):
        raise ValidationError(_("只有办理中的工单可以申请延期。"))
    if open_clock(order, order.category.rule_code, "RX-4") is None:
        raise ValidationError(_("该工单没有正在计算的办理时限。"))
    try:
        days = int(days)
    except (TypeError, ValueError):
        days = 0
    if days <= 0:
        raise ValidationError({"days": _("申请延长的工作日数应为正整数。")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请写明申请延期的理由。")})
    if order.extensions.filter(decision=Extension.PENDING).exists():
        raise ValidationError(_("该工单已有待审批的延期申请。"))
    on = dates.check_new(_("申请日期"), on or clock.today(), (_("派单日期"), order.assigned_on))
    with transaction.atomic():
        ext = Extension.objects.create(
            order=order, org=order.org, days=days, reason=reason, asked_on=on
        )
        ledger.record(
            actor=actor,
            action=actions.EXTEND_ASK,
            subject=order,
            also=[ext],
            data={"days": days, "reason": reason, "on": on},
        )
    return ext


def extension_decide(
    *,
    actor: Actor,
    extension: Extension,
    approve: bool,
    note: str = "",
    on: dt.date | None = None,
) -> Extension:
    """A leader of the hotline office approves (the handling clock is extended by the days
    asked, within the rule's limit) or refuses (with the reason) a pending request."""
    order = extension.order
    require_office(actor, order, Role.LEADER)
    if extension.decision != Extension.PENDING:
        raise ValidationError(_("该延期申请已审批。"))
    note = (note or "").strip()
    if not approve and not note:
        raise ValidationError({"note": _("不予批准延期时须写明理由。")})
    on = dates.check_new(_("审批日期"), on or clock.today(), (_("申请日期"), extension.asked_on))
    with transaction.atomic():
        if approve:
            c = open_clock(order, order.category.rule_code, "RX-4")
            if c is None:
                raise ValidationError(_("该工单没有正在计算的办理时限。"))
            approver = (
                (actor.full_name or actor.username) if isinstance(actor, User) else str(actor)
            )
            clocks.extend(
                actor=actor, clock=c, by=extension.days, approver=approver, reason=extension.reason
            )
        extension.decision = Extension.APPROVED if approve else Extension.REFUSED
        extension.decided_on, extension.note = on, note
        extension.save(update_fields=["decision", "decided_on", "note"])
        ledger.record(
            actor=actor,
            action=actions.EXTEND_DECIDE,
            subject=order,
            also=[extension],
            data={"days": extension.days, "approve": approve, "note": note, "on": on},
        )
    return extension
