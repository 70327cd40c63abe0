"""The work order's statuses and its transition table.

Who moves an order: the **hotline office** (``Order.office``) takes it, assigns it (派单),
re-assigns or arbitrates a returned order, checks the body's reply and closes it, calls the
caller back and sends it back for 重办; the **lead body** (``Order.org``) signs it off,
returns a misrouted order with its reason, and replies. The table names the roles; the
services add which organisation (office or lead body) — the office and the co-handlers are
participants of every order they take part in, so the table alone would let them act.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import scoping
from fazhi.core.dates import DatedStep
from fazhi.core.models import Role
from fazhi.core.workflow import Transition

from .models import Order, OrderKind
from .models import OrderStatus as S


def _direct_allowed(order, actor, ctx) -> str | None:
    if order.kind != OrderKind.ENQUIRY:
        return _("只有咨询类工单可以直接办结，其他工单须派单办理。")
    return None


def _has_reply(order, actor, ctx) -> str | None:
    if not (order.reply or ctx.get("data", {}).get("reply", "")).strip():
        return _("请填写答复来电人的内容。")
    return None


CLERK, LEADER, OFFICER = Role.CLERK, Role.LEADER, Role.OFFICER
T = Transition.of

ORDER_TRANSITIONS = {
    S.RECEIVED: {
        S.ASSIGNED: T(CLERK, LEADER, label=gettext_lazy("派单"), date="assigned"),
        S.CLOSED: T(CLERK, LEADER, conditions=[_direct_allowed], label=gettext_lazy("直接办结")),
        S.MERGED: T(CLERK, LEADER, label=gettext_lazy("合并重复工单"), needs_reason=True),
    },
    S.ASSIGNED: {
        S.SIGNED: T(CLERK, LEADER, label=gettext_lazy("签收"), date="signed"),
        S.RETURNED: T(CLERK, LEADER, label=gettext_lazy("退回误派工单"), needs_reason=True),
    },
    S.SIGNED: {
        S.REPLIED: T(
            OFFICER,
            CLERK,
            LEADER,
            conditions=[_has_reply],
            label=gettext_lazy("答复来电人"),
            date="replied",
        ),
        S.RETURNED: T(CLERK, LEADER, label=gettext_lazy("退回误派工单"), needs_reason=True),
    },
    S.RETURNED: {
        S.ASSIGNED: T(CLERK, LEADER, label=gettext_lazy("改派或仲裁"), date="assigned"),
    },
    S.REPLIED: {
        S.CLOSED: T(CLERK, LEADER, label=gettext_lazy("审核办结")),
        S.SIGNED: T(CLERK, LEADER, label=gettext_lazy("退回重新答复"), needs_reason=True),
    },
    S.CLOSED: {
        S.ASSIGNED: T(
            CLERK, LEADER, label=gettext_lazy("不满意重办"), needs_reason=True, date="assigned"
        ),
    },
}
ORDER_DATED_STEPS = (
    DatedStep("received", gettext_lazy("受理日期"), "received_on"),
    DatedStep("assigned", gettext_lazy("派单日期"), "assigned_on"),
    DatedStep("signed", gettext_lazy("签收日期"), "signed_on"),
    DatedStep("replied", gettext_lazy("答复日期"), "replied_on"),
    DatedStep("closed", gettext_lazy("办结日期"), "closed_on"),
)
ORDER_CLOSED = frozenset({S.CLOSED, S.MERGED})
OFFICE_STATUSES = frozenset({S.RECEIVED, S.RETURNED, S.REPLIED})


def order_todo_filter(user, status: str):
    """The office waits on received, returned and replied orders; the lead body on assigned
    and signed ones (co-handlers and the office see those, but the move is not theirs)."""
    orgs = [m.org_id for m in scoping.memberships(user)]
    if status in OFFICE_STATUSES:
        return Q(office__in=orgs)
    return Q(org__in=orgs)


Order.TRANSITIONS = ORDER_TRANSITIONS
Order.CLOSED_STATUSES = ORDER_CLOSED
Order.DATED_STEPS = ORDER_DATED_STEPS
Order.CLOCKS_OUTLIVE_CLOSE = frozenset({"RX-5"})
Order.todo_filter = staticmethod(order_todo_filter)
