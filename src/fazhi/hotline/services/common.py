"""What the order services share: which organisation may act, the open clocks."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from fazhi.core import clocks, scoping
from fazhi.core.ledger import Actor
from fazhi.core.models import Clock, Organisation, Role, User

from ..models import Order

# 手机 11 digits from 13–19; a landline with its area code (0731-84123456 or 073184123456);
# a local 8-digit number (84123456).
PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|[2-9]\d{6,7})$")


def check_phone(phone: str) -> str:
    phone = (phone or "").strip().replace(" ", "")
    if not PHONE.match(phone):
        raise ValidationError(
            {
                "caller_phone": _(
                    "联系电话格式不正确：%(p)s（手机11位，或带区号的固定电话，如0731-84123456）。"
                )
                % {"p": phone or "—"}
            }
        )
    return phone


def in_org(actor: Actor, org: Organisation, *roles: str) -> bool:
    """The actor holds one of ``roles`` over ``org`` itself (taking part in an order through
    the visibility hook does not count here)."""
    return not isinstance(actor, User) or scoping.has_role(actor, *roles, org=org)


def require_office(actor: Actor, order: Order, *roles: str) -> None:
    scoping.require_role(
        actor,
        *(roles or (Role.CLERK, Role.LEADER)),
        obj=order,
        message=_("只有12345热线办的工作人员可以办理此环节。"),
    )
    if not in_org(actor, order.office, *(roles or (Role.CLERK, Role.LEADER))):
        raise PermissionDenied(_("只有12345热线办的工作人员可以办理此环节。"))


def require_lead(actor: Actor, order: Order, *roles: str) -> None:
    roles = roles or (Role.CLERK, Role.LEADER)
    scoping.require_role(
        actor, *roles, obj=order, message=_("只有承办单位（主办）的工作人员可以办理此环节。")
    )
    if not in_org(actor, order.org, *roles):
        raise PermissionDenied(_("只有承办单位（主办）的工作人员可以办理此环节。"))


def open_clocks(order: Order):
    return clocks.for_subject(order).filter(stopped_on__isnull=True).select_related("rule")


def open_clock(order: Order, *codes: str) -> Clock | None:
    return open_clocks(order).filter(rule__code__in=codes).order_by("id").first()


def stop_open(actor: Actor, order: Order, on, *codes: str) -> None:
    for c in open_clocks(order):
        if not codes or c.rule.code in codes:
            clocks.stop(actor=actor, clock=c, on=max(on, c.restarted_on or c.started_on))
