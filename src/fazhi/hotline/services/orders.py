"""12345 work orders: intake (受理, 直接办结), 派单 with co-handlers, 签收, 退回 within its limit
and 改派/仲裁, 答复, 审核办结, 合并 and the co-handlers' opinions. Every status change goes
through the kernel's ``transition()`` and ``states.ORDER_TRANSITIONS``.

Clocks (rules RX-1…RX-5, all local configuration ⚠): 派单 starts the body's sign-off clock
(RX-3) and, except for an enquiry, its handling clock (the category's rule, RX-1 by default)
on the assignment day; 签收 stops the first and starts an enquiry's handling clock (RX-4);
答复 stops the handling clock; 退回 stops them all (the body is timed only while it held the
order); 审核办结 starts the office's callback clock (RX-5), which outlives the closing.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import calendar, clock, clocks, dates, ledger, numbering, rules
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from .. import actions
from ..models import Category, Channel, CoHandler, Order, OrderKind, OrderStatus
from .common import check_phone, in_org, require_lead, require_office, stop_open

S = OrderStatus
SIGN_RULE, RETURN_RULE, ENQUIRY_RULE, CALLBACK_RULE = "RX-3", "RX-2", "RX-4", "RX-5"
NUMBER_KIND, NUMBER_PREFIX, NUMBER_PATTERN = "hotline-order", "RX", "{prefix}-{year}-{n}"
MERGE_WINDOW_DAYS = 7  # duplicates: same caller, or same address and category, within a week


def _number(actor: Actor, order: Order) -> str:
    # one series per district (the office's parent): numbers are unique across offices
    series = numbering.series_get_or_create(
        actor=actor,
        org=order.office.parent or order.office,
        kind=NUMBER_KIND,
        year=order.received_on.year,
        prefix=NUMBER_PREFIX,
        pattern=NUMBER_PATTERN,
    )
    return numbering.issue(actor=actor, series=series, subject=order).text


def order_create(
    *,
    actor: Actor,
    office: Organisation,
    kind: str,
    category: Category | None,
    caller_phone: str,
    text: str,
    caller_name: str = "",
    address: str = "",
    street: Organisation | None = None,
    channel: str = Channel.PHONE,
    received_on: dt.date | None = None,
    external_no: str = "",
) -> Order:
    """受理: the agent's form, the public site and the municipal platform. The order is
    numbered in the district's yearly series (RX-2019-123) and gets a six-digit check code the
    caller tracks it with."""
    require_role(
        actor,
        Role.CLERK,
        Role.LEADER,
        org=office,
        message=_("只有12345热线办的工作人员可以受理工单。"),
    )
    errors = {}
    if category is None:
        errors["category"] = _("请选择诉求分类。")
    if kind not in OrderKind.values:
        errors["kind"] = _("请选择诉求类型（投诉、求助、建议、咨询、举报、表扬）。")
    if channel not in Channel.values:
        errors["channel"] = _("来源渠道不正确。")
    text = (text or "").strip()
    if not text:
        errors["text"] = _("请填写诉求内容。")
    try:
        caller_phone = check_phone(caller_phone)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    on = dates.check_new(_("受理日期"), received_on or clock.today())
    title = text.splitlines()[0][:40]
    with transaction.atomic():
        order = Order.objects.create(
            org=office,
            office=office,
            title=title,
            status=S.RECEIVED,
            received_on=on,
            kind=kind,
            channel=channel,
            category=category,
            street=street,
            caller_name=(caller_name or "").strip(),
            caller_phone=caller_phone,
            address=(address or "").strip(),
            text=text,
            check_code=f"{secrets.randbelow(10**6):06d}",
            external_no=(external_no or "").strip(),
        )
        order.number = _number(actor, order)
        order.save(update_fields=["number"])
        ledger.record(
            actor=actor,
            action=actions.ORDER_CREATE,
            subject=order,
            data={"kind": kind, "channel": channel, "category": category.code, "on": on},
        )
    return order


def order_answer(
    *, actor: Actor, order: Order, answer: str, on: dt.date | None = None, version=None
) -> Order:
    """直接办结: an enquiry answered on the spot from the knowledge base; no callback."""
    require_office(actor, order)
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("请填写答复内容（可从知识库选用）。")})
    on = on or clock.today()

    def apply(o: Order) -> None:
        o.reply, o.replied_on, o.direct = answer, on, True

    return transition(
        actor=actor,
        matter=order,
        to=S.CLOSED,
        version=version,
        on=on,
        data={"direct": True, "reply": answer},
        apply=apply,
    )


def order_assign(
    *,
    actor: Actor,
    order: Order,
    body: Organisation | None,
    cohandlers: list[Organisation] = (),
    on: dt.date | None = None,
    version: int | None = None,
    note: str = "",
) -> Order:
    """派单 (and, for a returned order, 改派 or — to the same body — 仲裁): the lead body owns
    the order from now on; its sign-off and handling clocks start on the assignment day."""
    require_office(actor, order)
    if body is None:
        raise ValidationError({"body": _("请选择承办单位。")})
    if body.pk == order.office_id:
        raise ValidationError({"body": _("热线办负责派单和回访，不能作为承办单位。")})
    if not body.is_active:
        raise ValidationError({"body": _("承办单位已停用：%(o)s") % {"o": body.name}})
    on = on or clock.today()
    extra = [o for o in cohandlers if o.pk != body.pk]
    redo = order.status == S.RETURNED
    arbitration = redo and order.returned_from_id == body.pk
    data = {"body": body.pk, "body_name": body.name, "note": (note or "").strip()}
    if redo:
        data["arbitration" if arbitration else "reassign"] = True
        last = order.returned_on
        if last and on < last:
            raise ValidationError({"on": dates.not_before(_("改派日期"), on, _("退回日期"), last)})

    def apply(o: Order) -> None:
        o.org, o.assigned_on, o.signed_on = body, on, None

    with transaction.atomic():
        o = transition(
            actor=actor,
            matter=order,
            to=S.ASSIGNED,
            version=version,
            data=data,
            apply=apply,
            on=on,
        )
        for org in extra:
            _add_cohandler(actor, o, org)
        _start_body_clocks(actor, o, on)
    return o


def _start_body_clocks(actor: Actor, o: Order, on: dt.date) -> None:
    clocks.start(actor=actor, subject=o, rule_code=SIGN_RULE, on=on, org=o.org, label=_("签收时限"))
    if o.kind != OrderKind.ENQUIRY:
        clocks.start(
            actor=actor,
            subject=o,
            rule_code=o.category.rule_code,
            on=on,
            org=o.org,
            label=_("办理答复时限"),
        )


def _add_cohandler(actor: Actor, o: Order, org: Organisation) -> CoHandler:
    ch, created = CoHandler.objects.get_or_create(order=o, org=org)
    if created:
        ledger.record(
            actor=actor,
            action=actions.COHANDLER,
            subject=o,
            also=[ch],
            data={"org": org.pk, "org_name": org.name},
        )
    return ch


def order_sign(
    *, actor: Actor, order: Order, on: dt.date | None = None, version: int | None = None
) -> Order:
    """签收 by the lead body: the sign-off clock stops; an enquiry's handling clock starts."""
    require_lead(actor, order)
    on = on or clock.today()
    with transaction.atomic():
        o = transition(actor=actor, matter=order, to=S.SIGNED, version=version, on=on)
        stop_open(actor, o, on, SIGN_RULE)
        if o.kind == OrderKind.ENQUIRY:
            clocks.start(
                actor=actor,
                subject=o,
                rule_code=ENQUIRY_RULE,
                on=on,
                org=o.org,
                label=_("办理答复时限"),
            )
    return o


def return_due(order: Order) -> dt.date:
    """The last day the lead body may return the order (RX-2 from the assignment day)."""
    return rules.compute(calendar.get_calendar(), RETURN_RULE, order.assigned_on).due.due


def order_return(
    *,
    actor: Actor,
    order: Order,
    reason: str,
    on: dt.date | None = None,
    version: int | None = None,
) -> Order:
    """退回: not the body's responsibility — with the reason, within RX-2 of the assignment.
    The order goes back to the office (its owner again) and the body's clocks stop; an order
    bounced three times becomes a 问题工单 for the 会商 meeting."""
    require_lead(actor, order)
    reason = (reason or "").strip()
    on = on or clock.today()
    if not reason:
        raise ValidationError({"reason": _("请写明退回理由（为什么不属于本单位职责）。")})
    if order.status in (S.ASSIGNED, S.SIGNED) and order.assigned_on:
        due = return_due(order)
        if on > due:
            raise ValidationError(
                {
                    "on": _(
                        "退回期限已过：派单日期为%(a)s，应在%(d)s前退回；请按时办理，"
                        "或由热线办协调。"
                    )
                    % {"a": dates.fmt(order.assigned_on), "d": dates.fmt(due)}
                }
            )
    with transaction.atomic():
        body = Order.objects.select_for_update().select_related("org").get(pk=order.pk).org

        def apply(o: Order) -> None:
            o.org = o.office
            o.returned_from, o.returned_on = body, on
            o.returns += 1
            if o.returns >= 3:
                o.problem = True

        o = transition(
            actor=actor,
            matter=order,
            to=S.RETURNED,
            version=version,
            reason=reason,
            data={"from_org": body.pk, "from_org_name": body.name},
            apply=apply,
            on=on,
        )
        stop_open(actor, o, on)
    return o


def order_reply(
    *,
    actor: Actor,
    order: Order,
    reply: str,
    on: dt.date | None = None,
    version: int | None = None,
) -> Order:
    """答复: the lead body's answer to the caller (the co-handlers' opinions come to it
    first); the handling clock stops on the reply day."""
    require_lead(actor, order, Role.OFFICER, Role.CLERK, Role.LEADER)
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": _("请填写答复来电人的内容。")})
    on = on or clock.today()

    def apply(o: Order) -> None:
        o.reply = reply

    with transaction.atomic():
        o = transition(
            actor=actor,
            matter=order,
            to=S.REPLIED,
            version=version,
            on=on,
            data={"reply": reply},
            apply=apply,
        )
        stop_open(actor, o, on)
    return o


def order_close(
    *, actor: Actor, order: Order, on: dt.date | None = None, version: int | None = None
) -> Order:
    """审核办结 by the office; the callback clock (RX-5) starts on the closing day."""
    require_office(actor, order)
    on = on or clock.today()
    with transaction.atomic():
        o = transition(actor=actor, matter=order, to=S.CLOSED, version=version, on=on)
        clocks.start(
            actor=actor,
            subject=o,
            rule_code=CALLBACK_RULE,
            on=on,
            org=o.office,
            label=_("回访时限"),
        )
    return o


def order_send_back(
    *,
    actor: Actor,
    order: Order,
    reason: str,
    on: dt.date | None = None,
    version: int | None = None,
) -> Order:
    """退回重新答复: the office finds the reply does not answer the caller."""
    require_office(actor, order)

    def apply(o: Order) -> None:
        o.replied_on = None

    return transition(
        actor=actor,
        matter=order,
        to=S.SIGNED,
        version=version,
        reason=(reason or "").strip(),
        on=on or clock.today(),
        apply=apply,
    )


def order_merge(
    *,
    actor: Actor,
    order: Order,
    into: Order,
    confirm: bool = False,
    on: dt.date | None = None,
    version: int | None = None,
) -> Order:
    """合并 a duplicate into an earlier order: the same caller, or the same address and
    category, within a week. Orders of different callers are merged only when the agent
    confirms (``confirm``)."""
    require_office(actor, order)
    if into.pk == order.pk or into.merged_into_id or into.status == S.MERGED:
        raise ValidationError({"into": _("请选择另一张未被合并的工单。")})
    if into.office_id != order.office_id:
        raise ValidationError({"into": _("只能合并本热线办受理的工单。")})
    if abs((order.received_on - into.received_on).days) > MERGE_WINDOW_DAYS:
        raise ValidationError(
            {
                "into": _("两张工单受理日期相差超过%(n)d天，不作为重复工单合并。")
                % {"n": MERGE_WINDOW_DAYS}
            }
        )
    same_caller = order.caller_phone == into.caller_phone
    same_place = (
        order.category_id == into.category_id
        and order.address.strip() != ""
        and order.address.strip() == into.address.strip()
    )
    if not same_caller and not (same_place and confirm):
        raise ValidationError(
            {
                "confirm": _(
                    "两张工单的来电人不同（%(a)s、%(b)s），须确认是同一地址同一事项的重复诉求后才能合并。"
                )
                % {"a": order.number, "b": into.number}
            }
        )

    def apply(o: Order) -> None:
        o.merged_into = into

    return transition(
        actor=actor,
        matter=order,
        to=S.MERGED,
        version=version,
        reason=_("与%(n)s重复") % {"n": into.number},
        on=on or clock.today(),
        data={"into": into.pk, "into_number": into.number},
        apply=apply,
    )


def order_opinion(
    *,
    actor: Actor,
    order: Order,
    org: Organisation,
    opinion: str,
    on: dt.date | None = None,
) -> CoHandler:
    """A co-handling body's opinion, to the lead body before it replies."""
    require_role(
        actor,
        Role.OFFICER,
        Role.CLERK,
        Role.LEADER,
        obj=order,
        message=_("只有协办单位的工作人员可以提出协办意见。"),
    )
    ch = CoHandler.objects.filter(order=order, org=org).first()
    if ch is None or not in_org(actor, org, Role.OFFICER, Role.CLERK, Role.LEADER):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("只有协办单位的工作人员可以提出协办意见。"))
    if order.status != S.SIGNED:
        raise ValidationError(_("工单在办理中时才能提出协办意见。"))
    opinion = (opinion or "").strip()
    if not opinion:
        raise ValidationError({"opinion": _("请填写协办意见。")})
    on = dates.check_new(_("意见日期"), on or clock.today(), (_("签收日期"), order.signed_on))
    with transaction.atomic():
        ch.opinion, ch.opinion_on = opinion, on
        ch.save(update_fields=["opinion", "opinion_on"])
        ledger.record(
            actor=actor,
            action=actions.OPINION,
            subject=order,
            also=[ch],
            data={"org": org.pk, "org_name": org.name, "on": on},
        )
    return ch
