"""Disclosure-request statuses and their transition table (依申请公开).

RECEIVED (办理中) → CORRECTION (待补正, once: 条例第三十条) → RECEIVED (补正到达: the reply
period restarts under the 2019 text) → CONSULTING (征求第三方或其他机关意见: the reply clock
pauses) → RECEIVED → ANSWERED (答复, within the period). Withdrawal or abandonment (逾期未
补正视为放弃) is the escape move.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dates import DatedStep
from fazhi.core.models import Role
from fazhi.core.workflow import Transition

from . import rules
from .models import SUBTYPES, DisclosureRequest, ReplyType
from .models import RequestStatus as S

T = Transition.of
STAFF = (Role.CLERK, Role.LEADER)


def _correction_once_in_time(req, actor, ctx) -> str | None:
    return rules.correction_problem(req, ctx.get("data", {}).get("on"))


def _reply_in_time(req, actor, ctx) -> str | None:
    return rules.reply_problem(req, ctx.get("data", {}).get("on"))


def _reply_complete(req, actor, ctx) -> str | None:
    data = ctx.get("data", {})
    kind = data.get("reply_type", "")
    if kind not in ReplyType.values:
        return _("请选择答复类型。")
    if kind == ReplyType.PARTLY:
        parts = data.get("withheld") or []
        if not parts:
            return _("部分公开的，须逐项登记不予公开的部分及其理由和依据。")
        for part, ground in parts:
            if not str(part).strip() or not str(ground).strip():
                return _("部分公开的，每一项不予公开的部分都须写明理由和依据（“%(p)s”未写）。") % {
                    "p": str(part).strip() or _("未命名的部分")
                }
    elif kind != ReplyType.DISCLOSED and not str(data.get("ground", "")).strip():
        return _("%(k)s的，须写明理由和依据。") % {"k": ReplyType(kind).label}
    rows = [code for code, _label in SUBTYPES.get(kind, [])]
    if rows and data.get("subtype", "") not in rows:
        return _("%(k)s的，请选择具体情形（年度报告表格的分项）。") % {"k": ReplyType(kind).label}
    return None


REQUEST_TRANSITIONS = {
    S.RECEIVED: {
        S.CORRECTION: T(
            *STAFF,
            conditions=[_correction_once_in_time],
            label=gettext_lazy("告知补正"),
            date="correction_notified",
            todo=False,
        ),
        S.CONSULTING: T(*STAFF, label=gettext_lazy("征求意见"), todo=False),
        S.ANSWERED: T(
            *STAFF,
            conditions=[_reply_complete, _reply_in_time],
            label=gettext_lazy("答复"),
            date="replied",
        ),
        S.WITHDRAWN: T(*STAFF, label=gettext_lazy("申请人撤回"), needs_reason=True),
    },
    S.CORRECTION: {
        S.RECEIVED: T(*STAFF, label=gettext_lazy("收到补正"), date="correction_received"),
        S.WITHDRAWN: T(*STAFF, label=gettext_lazy("逾期未补正，视为放弃"), needs_reason=True),
    },
    S.CONSULTING: {
        S.RECEIVED: T(*STAFF, label=gettext_lazy("收到意见")),
    },
}
REQUEST_DATED_STEPS = (
    DatedStep("received", gettext_lazy("收到申请日期"), "received_on"),
    DatedStep("correction_notified", gettext_lazy("补正告知日期"), "correction_notified_on"),
    DatedStep("correction_received", gettext_lazy("收到补正日期"), "correction_received_on"),
    DatedStep("replied", gettext_lazy("答复日期"), "replied_on"),
)
REQUEST_CLOSED = frozenset({S.ANSWERED, S.WITHDRAWN})

DisclosureRequest.TRANSITIONS = REQUEST_TRANSITIONS
DisclosureRequest.DATED_STEPS = REQUEST_DATED_STEPS
DisclosureRequest.CLOSED_STATUSES = REQUEST_CLOSED
