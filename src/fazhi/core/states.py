"""The kernel's own matter, 督办整改任务: statuses and the transition table."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .dates import DatedStep
from .models import Role
from .workflow import Transition


class TaskStatus(models.TextChoices):
    ASSIGNED = "assigned", _("待签收")
    RECTIFYING = "rectifying", _("整改中")
    SUBMITTED = "submitted", _("待验收")
    CLOSED = "closed", _("已办结")
    CANCELLED = "cancelled", _("已撤销")


def _has_result(task, actor, ctx) -> str | None:
    if not (task.result or ctx.get("data", {}).get("result", "")).strip():
        return str(_("请先填写整改情况。"))
    return None


S = TaskStatus
TASK_TRANSITIONS = {
    S.ASSIGNED: {
        S.RECTIFYING: Transition.of(
            Role.LEADER, Role.CLERK, Role.OFFICER, label=_("签收"), date="signed"
        ),
        S.CANCELLED: Transition.of(Role.SUPERVISOR, label=_("撤销"), needs_reason=True),
    },
    S.RECTIFYING: {
        S.SUBMITTED: Transition.of(
            Role.LEADER, conditions=[_has_result], label=_("报送整改情况"), date="reported"
        ),
        S.CANCELLED: Transition.of(Role.SUPERVISOR, label=_("撤销"), needs_reason=True),
    },
    S.SUBMITTED: {
        S.CLOSED: Transition.of(Role.SUPERVISOR, label=_("验收通过")),
        S.RECTIFYING: Transition.of(Role.SUPERVISOR, label=_("退回重改"), needs_reason=True),
    },
}
TASK_DATED_STEPS = (
    DatedStep("received", _("下达日期"), "received_on"),
    DatedStep("signed", _("签收日期"), "signed_on"),
    DatedStep("reported", _("报送日期"), "reported_on"),
    DatedStep("closed", _("办结日期"), "closed_on"),
)
TASK_CLOSED = frozenset({S.CLOSED, S.CANCELLED})
