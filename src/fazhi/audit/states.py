"""Rectification and commitment statuses and their transition tables.

A rectification is closed (销号) only with evidence and the audit body's confirmation; a
commitment is resolved (化解) only after progress is on record, and leaves the ledger only by
销号 with the reasons — never by deletion.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dates import DatedStep
from fazhi.core.models import Role
from fazhi.core.workflow import Transition

from .models import Commitment, Rectification
from .models import CommitmentStatus as C
from .models import RectificationStatus as R

T = Transition.of
STAFF = (Role.CLERK, Role.LEADER)
AUDITORS = (Role.SUPERVISOR,)


def _has_evidence(rect, actor, ctx) -> str | None:
    if not rect.evidence.exists():
        return _("请先登记整改佐证材料：没有佐证材料的问题不能报送或销号。")
    return None


def _has_measures(rect, actor, ctx) -> str | None:
    if not (ctx.get("data", {}).get("measures") or rect.measures).strip():
        return _("请填写整改措施及结果。")
    return None


def _confirmed(rect, actor, ctx) -> str | None:
    if not str(ctx.get("data", {}).get("confirmation", "")).strip():
        return _("销号须有审计机关的确认意见。")
    return None


def _has_progress(com, actor, ctx) -> str | None:
    if not com.progress.filter(kind="progress").exists():
        return _("请先登记化解进展，再认定已化解。")
    return None


RECTIFICATION_TRANSITIONS = {
    R.RECTIFYING: {
        R.SUBMITTED: T(
            *STAFF,
            conditions=[_has_measures, _has_evidence],
            label=gettext_lazy("报送整改情况"),
            date="submitted",
        ),
    },
    R.SUBMITTED: {
        R.CLOSED: T(
            *AUDITORS,
            conditions=[_has_evidence, _confirmed],
            label=gettext_lazy("确认销号"),
        ),
        R.RECTIFYING: T(*AUDITORS, label=gettext_lazy("退回继续整改"), needs_reason=True),
    },
}
RECTIFICATION_DATED_STEPS = (
    DatedStep("received", gettext_lazy("审计报告日期"), "received_on"),
    DatedStep("submitted", gettext_lazy("报送日期"), "submitted_on"),
    DatedStep("closed", gettext_lazy("销号日期"), "closed_on"),
)
Rectification.TRANSITIONS = RECTIFICATION_TRANSITIONS
Rectification.DATED_STEPS = RECTIFICATION_DATED_STEPS
Rectification.CLOSED_STATUSES = frozenset({R.CLOSED})

COMMITMENT_TRANSITIONS = {
    C.OPEN: {
        C.RESOLVED: T(
            *STAFF, conditions=[_has_progress], label=gettext_lazy("认定已化解"), date="resolved"
        ),
        C.CLOSED: T(*AUDITORS, label=gettext_lazy("销号（非政府承诺等）"), needs_reason=True),
    },
    C.RESOLVED: {
        C.CLOSED: T(*AUDITORS, label=gettext_lazy("销号"), needs_reason=True, todo=True),
        C.OPEN: T(*AUDITORS, label=gettext_lazy("退回继续化解"), needs_reason=True),
    },
}
COMMITMENT_DATED_STEPS = (
    DatedStep("received", gettext_lazy("登记日期"), "received_on"),
    DatedStep("resolved", gettext_lazy("化解日期"), "resolved_on"),
    DatedStep("closed", gettext_lazy("销号日期"), "closed_on"),
)
Commitment.TRANSITIONS = COMMITMENT_TRANSITIONS
Commitment.DATED_STEPS = COMMITMENT_DATED_STEPS
Commitment.CLOSED_STATUSES = frozenset({C.CLOSED})
