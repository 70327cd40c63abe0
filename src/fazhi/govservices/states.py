"""Application, package-application and rectification statuses and their transition tables.

The conditions are the mandatory steps of the 行政许可法: an application is accepted only
with every required material (Art.32(5)), and missing materials are notified once and in
full within 5 working days of receipt (Art.32(4)) — after that the application counts as
accepted on receipt, so the notice is refused and acceptance dates back; a decision after
the 20-working-day limit needs the head of the agency's approved extension first (Art.42).
Each condition returns the message a member of staff sees, or None.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clocks
from fazhi.core.dates import DatedStep, fmt
from fazhi.core.models import Role
from fazhi.core.workflow import Transition

from . import rules
from .models import Application, Outcome, PackageApplication, Rectification
from .models import AppStatus as S
from .models import PackageStatus as P
from .models import RectStatus as R

CLERK, LEADER = Role.CLERK, Role.LEADER
T = Transition.of


def missing_materials(app: Application) -> list[str]:
    """The required materials of the item not yet received for ``app``, in the item's order
    — what a notice to supplement must list, exactly."""
    return [
        m.material.name
        for m in app.materials.select_related("material").order_by("material__sort_order", "id")
        if m.received_on is None and m.material.required and not m.material.cut
    ]


def open_clock(app: Application, code: str):
    return clocks.for_subject(app).filter(rule__code=code, stopped_on__isnull=True).first()


def notice_period_over(app: Application, on) -> str | None:
    """After XK-1's 5 working days the application counts as accepted on receipt."""
    c = open_clock(app, rules.NOTICE)
    if c is not None and c.due_on is not None and on is not None and on > c.due_on:
        return _(
            "补正告知期限已于%(d)s届满：逾期未告知补正的，自收到申请材料之日起即为受理"
            "（行政许可法第三十二条第一款第（四）项），请直接受理。"
        ) % {"d": fmt(c.due_on)}
    return None


def _has_missing(app, actor, ctx) -> str | None:
    if not missing_materials(app):
        return _("申请材料齐全，无需补正，请直接受理。")
    return notice_period_over(app, ctx.get("data", {}).get("on"))


def _materials_complete(app, actor, ctx) -> str | None:
    if app.status == S.RECEIVED and notice_period_over(app, ctx.get("data", {}).get("acted_on")):
        return None  # deemed accepted on receipt, complete or not (Art.32(4))
    missing = missing_materials(app)
    if missing:
        return _("申请材料不齐全，不能受理。缺少：%(m)s。请一次告知申请人需要补正的全部内容。") % {
            "m": "、".join(missing)
        }
    return None


def _decided_in_time(app, actor, ctx) -> str | None:
    """A refusal states its reasons; a decision after XK-3 needs the extension first. When
    the page asks whether to offer the move (no data yet), nothing is judged: the decision
    may be dated back to within the limit, and the clock's red card already tells."""
    data = ctx.get("data", {})
    if "outcome" in data and data["outcome"] not in Outcome.values:
        return _("请选择准予许可或不予许可。")
    if data.get("outcome") == Outcome.REFUSED and not (ctx.get("reason") or "").strip():
        return _("不予许可的，应当说明理由（行政许可法第三十八条第二款）。")
    if data.get("on") is None:
        return None
    c = open_clock(app, rules.DECISION)
    return rules.late_decision_problem(c, data["on"], data.get("late_reason", ""))


def _granted(app, actor, ctx) -> str | None:
    return None if app.outcome == Outcome.GRANTED else _("只有准予许可的办件可以撤销许可。")


APP_TRANSITIONS = {
    S.RECEIVED: {
        S.SUPPLEMENT: T(
            CLERK,
            conditions=[_has_missing],
            label=gettext_lazy("一次告知补正"),
            date="notified",
        ),
        S.ACCEPTED: T(
            CLERK, conditions=[_materials_complete], label=gettext_lazy("受理"), date="accepted"
        ),
        S.REJECTED: T(CLERK, LEADER, label=gettext_lazy("不予受理"), needs_reason=True),
        S.WITHDRAWN: T(CLERK, label=gettext_lazy("申请人撤回"), needs_reason=True),
    },
    S.SUPPLEMENT: {
        # the applicant's turn: it waits on nobody's to-do until the materials come in
        S.ACCEPTED: T(
            CLERK,
            conditions=[_materials_complete],
            label=gettext_lazy("补正后受理"),
            date="accepted",
            todo=False,
        ),
        S.REJECTED: T(CLERK, LEADER, label=gettext_lazy("不予受理"), needs_reason=True),
        S.WITHDRAWN: T(CLERK, label=gettext_lazy("申请人撤回或逾期未补正"), needs_reason=True),
    },
    S.ACCEPTED: {
        S.DECIDED: T(
            CLERK,
            LEADER,
            conditions=[_decided_in_time],
            label=gettext_lazy("作出决定"),
            date="decided",
        ),
        S.WITHDRAWN: T(CLERK, label=gettext_lazy("申请人撤回"), needs_reason=True),
    },
    S.DECIDED: {
        S.CLOSED: T(CLERK, label=gettext_lazy("送达办结"), date="closed"),
    },
    S.CLOSED: {
        S.REVOKED: T(
            LEADER,
            conditions=[_granted],
            label=gettext_lazy("撤销许可"),
            needs_reason=True,
            date="revoked",
        ),
    },
}
APP_CLOSED = frozenset({S.CLOSED, S.REJECTED, S.WITHDRAWN, S.REVOKED})
APP_DATED_STEPS = (
    DatedStep("received", gettext_lazy("收件日期"), "received_on"),
    DatedStep("notified", gettext_lazy("补正告知日期"), "notified_on"),
    DatedStep("accepted", gettext_lazy("受理日期"), "accepted_on"),
    DatedStep("decided", gettext_lazy("决定日期"), "decided_on"),
    DatedStep("closed", gettext_lazy("办结日期"), "closed_on"),
    DatedStep("revoked", gettext_lazy("撤销日期"), "revoked_on"),
)


def _all_done(pkg, actor, ctx) -> str | None:
    left = pkg.applications.exclude(status__in=APP_CLOSED).count()
    if left:
        return _("还有 %(n)d 个事项未办结。") % {"n": left}
    return None


PACKAGE_TRANSITIONS = {
    P.OPEN: {
        # closed by the service that closes its last application, never by hand
        P.CLOSED: T(
            CLERK, LEADER, conditions=[_all_done], label=gettext_lazy("全部办结"), todo=False
        ),
    },
}

RECT_TRANSITIONS = {
    R.OPEN: {
        R.REPLIED: T(CLERK, LEADER, label=gettext_lazy("整改并回复申请人"), date="replied"),
    },
}

Application.TRANSITIONS = APP_TRANSITIONS
Application.CLOSED_STATUSES = APP_CLOSED
Application.DATED_STEPS = APP_DATED_STEPS
PackageApplication.TRANSITIONS = PACKAGE_TRANSITIONS
PackageApplication.CLOSED_STATUSES = frozenset({P.CLOSED})
PackageApplication.DATED_STEPS = (DatedStep("received", gettext_lazy("申请日期"), "received_on"),)
Rectification.TRANSITIONS = RECT_TRANSITIONS
Rectification.CLOSED_STATUSES = frozenset({R.REPLIED})
Rectification.DATED_STEPS = (
    DatedStep("received", gettext_lazy("评价日期"), "received_on"),
    DatedStep("replied", gettext_lazy("回复日期"), "replied_on"),
)
