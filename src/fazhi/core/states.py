"""The kernel's own matter, 督办整改任务: statuses and the transition table."""

from django.db import models
from django.utils.translation import gettext_lazy as _

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
        S.RECTIFYING: Transition.of(Role.LEADER, Role.CLERK, Role.OFFICER, label="签收"),
        S.CANCELLED: Transition.of(Role.SUPERVISOR, label="撤销", needs_reason=True),
    },
    S.RECTIFYING: {
        S.SUBMITTED: Transition.of(Role.LEADER, conditions=[_has_result], label="报送整改情况"),
        S.CANCELLED: Transition.of(Role.SUPERVISOR, label="撤销", needs_reason=True),
    },
    S.SUBMITTED: {
        S.CLOSED: Transition.of(Role.SUPERVISOR, label="验收通过"),
        S.RECTIFYING: Transition.of(Role.SUPERVISOR, label="退回重改", needs_reason=True),
    },
}
TASK_CLOSED = frozenset({S.CLOSED, S.CANCELLED})
