"""The work point's statuses and its transition table.

The **office** (``WorkPoint.office``, 全面依法治区办公室) issues the points (下发, with the
plan), confirms a completion or sends it back; the **lead body** (``WorkPoint.org``,
牵头单位) reports it complete. Supporting bodies see the point and report progress, but the
moves are the lead body's and the office's (``todo_filter``).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import scoping
from fazhi.core.dates import DatedStep
from fazhi.core.models import Role
from fazhi.core.workflow import Transition

from .models import PointStatus as S
from .models import WorkPoint


def _has_progress(p, actor, ctx) -> str | None:
    if not p.progress.exists():
        return _("报完成前须至少报送一次工作进展（附佐证材料）。")
    return None


CLERK, LEADER = Role.CLERK, Role.LEADER
T = Transition.of

POINT_TRANSITIONS = {
    S.DRAFT: {
        S.ASSIGNED: T(CLERK, LEADER, label=gettext_lazy("下发"), date="issued"),
    },
    S.ASSIGNED: {
        S.REPORTED: T(
            CLERK,
            LEADER,
            conditions=[_has_progress],
            label=gettext_lazy("报完成"),
            date="reported",
        ),
    },
    S.REPORTED: {
        S.DONE: T(CLERK, LEADER, label=gettext_lazy("确认完成")),
        S.ASSIGNED: T(CLERK, LEADER, label=gettext_lazy("退回继续推进"), needs_reason=True),
    },
}
POINT_DATED_STEPS = (
    DatedStep("received", gettext_lazy("登记日期"), "received_on"),
    DatedStep("issued", gettext_lazy("下发日期"), "issued_on"),
    DatedStep("reported", gettext_lazy("报完成日期"), "reported_on"),
    DatedStep("closed", gettext_lazy("确认完成日期"), "closed_on"),
)
OFFICE_STATUSES = frozenset({S.DRAFT, S.REPORTED})


def point_todo_filter(user, status: str):
    """The office waits on points to issue and completions to confirm; the lead body on the
    points it carries (supporting bodies see them, but the moves are not theirs)."""
    orgs = [m.org_id for m in scoping.memberships(user)]
    if status in OFFICE_STATUSES:
        return Q(office__in=orgs)
    return Q(org__in=orgs)


WorkPoint.TRANSITIONS = POINT_TRANSITIONS
WorkPoint.CLOSED_STATUSES = frozenset({S.DONE})
WorkPoint.DATED_STEPS = POINT_DATED_STEPS
WorkPoint.todo_filter = staticmethod(point_todo_filter)
