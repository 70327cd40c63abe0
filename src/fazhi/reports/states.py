"""The annual report's table: drafted by the legal staff or the rule-of-law office, signed by
the body's leader, published by the drafters; a leader may send a draft back with a reason."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from fazhi.core.dates import DatedStep
from fazhi.core.models import Role
from fazhi.core.workflow import Transition

from .models import AnnualReport
from .models import ReportStatus as S

T = Transition.of
DRAFTERS = (Role.REVIEWER, Role.SUPERVISOR)

TRANSITIONS = {
    S.DRAFT: {S.SUBMITTED: T(*DRAFTERS, label=_("提交签发"), date="submitted")},
    S.SUBMITTED: {
        S.APPROVED: T(Role.LEADER, label=_("签发"), date="approved"),
        S.DRAFT: T(Role.LEADER, label=_("退回修改"), needs_reason=True),
    },
    S.APPROVED: {S.PUBLISHED: T(*DRAFTERS, label=_("公开"), date="published")},
}

AnnualReport.TRANSITIONS = TRANSITIONS
AnnualReport.CLOSED_STATUSES = frozenset({S.PUBLISHED})
AnnualReport.DATED_STEPS = (
    DatedStep("drafted", _("起草日期"), "received_on"),
    DatedStep("submitted", _("提交日期"), "submitted_on"),
    DatedStep("approved", _("签发日期"), "approved_on"),
    DatedStep("published", _("公开日期"), "published_on"),
)
