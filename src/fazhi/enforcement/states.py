"""Case and grid-report statuses and their transition tables.

The conditions here are the mandatory steps of the 行政处罚法: two certified officers on the
investigation (2021 Art.42), prior notice of the proposed penalty with the rights to state,
defend and request a hearing (Arts.44, 62, 63–64), 法制审核 before a major decision (Art.58),
collective discussion where required (Art.57 para 2), and the summary procedure's caps
(Arts.51–52). Each returns the message a member of staff sees, or None.

A grid report's verification (核查) is independent of its handling: the unit that did the
work never closes its own report (``grid_verifier_problem``), and a unit that was sent a
report outside its responsibility sends it back to the command centre with the reason.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from fazhi.core import scoping
from fazhi.core.dates import DatedStep
from fazhi.core.models import Organisation, Role, User
from fazhi.core.workflow import Transition

from . import rules
from .models import Case, GridReport, Procedure, ReviewOpinion
from .models import CaseStatus as S
from .models import GridStatus as G


def _has_item(case, actor, ctx) -> str | None:
    return None if case.item_id else _("请先选定执法事项（执法事项清单中的一项）。")


def _two_certified_officers(case, actor, ctx) -> str | None:
    n = rules.certified_officer_count(case)
    if n < 2:
        return _(
            "调查取证须有两名以上持有本领域有效执法证的执法人员（行政处罚法第四十二条），"
            "本案目前有 %(n)d 名。"
        ) % {"n": n}
    return None


def _has_evidence(case, actor, ctx) -> str | None:
    return None if case.evidence.exists() else _("请先登记至少一份证据。")


def _fine_in_band(case, actor, ctx) -> str | None:
    return rules.fine_problem(case, case.proposed_fine, case.proposed_band)


def _statement_period_over(case, actor, ctx) -> str | None:
    return rules.statement_period_problem(case, ctx.get("data", {}).get("on"))


def _hearing_requested_in_time(case, actor, ctx) -> str | None:
    return rules.hearing_request_problem(case)


def _hearing_held(case, actor, ctx) -> str | None:
    return None if case.hearing_held_on else _("请先登记听证日期和听证笔录。")


def _is_major(case, actor, ctx) -> str | None:
    return None if case.is_major else _("本案不属于重大执法决定，无需法制审核。")


def _not_major(case, actor, ctx) -> str | None:
    if case.is_major:
        return _(
            "本案属于重大执法决定（%(r)s），须经法制审核通过后才能作出决定"
            "（行政处罚法第五十八条）。"
        ) % {"r": "、".join(case.major_reasons)}
    if case.hearing_requested_on:
        return _("当事人已申请听证，须先组织听证。")
    return None


def _review_passed(case, actor, ctx) -> str | None:
    last = case.reviews.order_by("-id").first()
    if last is None or last.opinion != ReviewOpinion.PASS:
        return _("法制审核尚未通过，不能作出决定（行政处罚法第五十八条）。")
    return None


def _review_not_passed(case, actor, ctx) -> str | None:
    last = case.reviews.order_by("-id").first()
    if last is None or last.opinion == ReviewOpinion.PASS or not last.opinion:
        return _("只有法制审核退回或不同意的案件才能退回补充调查。")
    return None


def _discussion_needed(case, actor, ctx) -> str | None:
    return None if case.needs_discussion else _("本案无需集体讨论。")


def _no_discussion_needed(case, actor, ctx) -> str | None:
    if case.needs_discussion and not case.discussions.exists():
        return _("本案情节复杂或者重大违法，须经负责人集体讨论决定（行政处罚法第五十七条）。")
    return None


def _discussed(case, actor, ctx) -> str | None:
    return None if case.discussions.exists() else _("请先登记集体讨论记录。")


def _summary_allowed(case, actor, ctx) -> str | None:
    if case.procedure != Procedure.SUMMARY:
        return _("只有简易程序案件可以当场作出决定。")
    if rules.certified_officer_count(case) < 1:
        return _(
            "当场作出行政处罚决定须由持有本领域有效执法证的执法人员作出（行政处罚法第五十二条），"
            "请先指派办案执法人员。"
        )
    return rules.summary_problem(case, ctx.get("data", {}).get("fine"))


def _paid_or_nothing_to_pay(case, actor, ctx) -> str | None:
    return rules.execution_problem(case)


def _execution_ended(case, actor, ctx) -> str | None:
    return rules.execution_problem(case, court_counts=True)


OFFICER, LEADER, CLERK, REVIEWER, SUPERVISOR = (
    Role.OFFICER,
    Role.LEADER,
    Role.CLERK,
    Role.REVIEWER,
    Role.SUPERVISOR,
)
T = Transition.of

CASE_TRANSITIONS = {
    S.CLUE: {
        S.REGISTERED: T(
            LEADER, conditions=[_has_item], label=gettext_lazy("批准立案"), date="registered"
        ),
        S.DROPPED: T(LEADER, label=pgettext_lazy("transition", "不予立案"), needs_reason=True),
        S.DECIDED: T(
            OFFICER,
            conditions=[_has_item, _summary_allowed],
            label=gettext_lazy("当场作出决定"),
            date="decided",
        ),
    },
    S.REGISTERED: {
        S.PROPOSED: T(
            OFFICER,
            conditions=[_two_certified_officers, _has_evidence, _fine_in_band],
            label=gettext_lazy("提出处理意见"),
        ),
        S.DROPPED: T(LEADER, label=gettext_lazy("撤销立案"), needs_reason=True),
    },
    S.PROPOSED: {
        S.NOTIFIED: T(LEADER, label=gettext_lazy("批准并告知当事人"), date="notified"),
        S.REGISTERED: T(LEADER, label=gettext_lazy("退回补充调查"), needs_reason=True),
    },
    S.NOTIFIED: {
        # the party asked for a hearing: accepting it is the next step for the officer
        S.HEARING: T(
            OFFICER,
            LEADER,
            conditions=[_hearing_requested_in_time],
            label=gettext_lazy("受理听证申请"),
        ),
        S.REVIEW: T(
            OFFICER,
            conditions=[_statement_period_over, _is_major],
            label=gettext_lazy("送法制审核"),
        ),
        S.DECIDED: T(
            LEADER,
            conditions=[_statement_period_over, _not_major, _no_discussion_needed],
            label=gettext_lazy("作出决定"),
            date="decided",
        ),
    },
    S.HEARING: {
        S.REVIEW: T(
            OFFICER, conditions=[_hearing_held, _is_major], label=gettext_lazy("听证后送法制审核")
        ),
    },
    S.REVIEW: {
        S.DISCUSSION: T(
            LEADER,
            conditions=[_review_passed, _discussion_needed],
            label=gettext_lazy("提交集体讨论"),
        ),
        S.DECIDED: T(
            LEADER,
            conditions=[_review_passed, _no_discussion_needed],
            label=gettext_lazy("作出决定"),
            date="decided",
        ),
        S.REGISTERED: T(
            REVIEWER,
            LEADER,
            conditions=[_review_not_passed],
            label=gettext_lazy("退回补充调查"),
            needs_reason=True,
        ),
    },
    S.DISCUSSION: {
        S.DECIDED: T(
            LEADER,
            conditions=[_discussed],
            label=gettext_lazy("按集体讨论作出决定"),
            date="decided",
        ),
    },
    S.DECIDED: {
        # the service (decisions.serve) records the date and the method of service
        S.SERVED: T(OFFICER, CLERK, label=gettext_lazy("登记送达"), date="served"),
    },
    S.SERVED: {
        S.EXECUTING: T(OFFICER, CLERK, label=gettext_lazy("进入执行"), todo=False),
        S.CLOSED: T(
            OFFICER, LEADER, conditions=[_paid_or_nothing_to_pay], label=gettext_lazy("结案")
        ),
    },
    S.EXECUTING: {
        S.CLOSED: T(LEADER, conditions=[_execution_ended], label=gettext_lazy("结案")),
    },
    S.CLOSED: {
        S.ARCHIVED: T(OFFICER, CLERK, label=gettext_lazy("归档"), date="archived"),
    },
}
CASE_CLOSED = frozenset({S.CLOSED, S.ARCHIVED, S.DROPPED})
CASE_DATED_STEPS = (
    DatedStep("received", gettext_lazy("收到线索日期"), "received_on"),
    DatedStep("registered", gettext_lazy("立案日期"), "registered_on"),
    DatedStep("notified", gettext_lazy("告知日期"), "notified_on"),
    DatedStep("hearing", gettext_lazy("听证日期"), "hearing_held_on"),
    DatedStep("decided", gettext_lazy("决定日期"), "decision__decided_on"),
    DatedStep("served", gettext_lazy("送达日期"), "decision__served_on"),
    DatedStep("closed", gettext_lazy("结案日期"), "closed_on"),
    DatedStep("archived", gettext_lazy("归档日期"), "archived_on"),
)


# -- 数字城管: who dispatches, and who may verify and close -------------------------------------

GRID_CENTRE_ROLES = (CLERK, LEADER, SUPERVISOR)


def command_centre(report: GridReport) -> Organisation:
    """The report's command centre (指挥中心): the unit responsible for the district-level grid
    cell above the report's cell. It dispatches, takes back what a unit sends back, and —
    after verification — closes; it is never the unit that does the work."""
    cell = report.cell
    while cell.parent_id is not None:  # community → street → district: at most two steps
        cell = cell.parent
    return cell.org


def grid_verifier_problem(report: GridReport, actor) -> str | None:
    """Why ``actor`` may not verify (核查) and close or return ``report``, or None.

    Verification must be independent of the handling: nobody holding a post in the unit that
    handled the report (or in a unit inside it) may verify it. Of the others, the command
    centre's staff (clerk, leader or supervisor at the centre or above it) may, and so may the
    grid officer who filed the report. The kernel still requires a role of the table over the
    handling unit."""
    if not isinstance(actor, User):
        return None
    unit = report.org
    if any(m.org.path.startswith(unit.path) for m in scoping.memberships(actor)):
        return _(
            "处置单位（%(o)s）的人员不能核查本单位处置的案卷；核查结案由指挥中心"
            "或上报该问题的网格员办理。"
        ) % {"o": unit.name}
    if report.reported_by_id is not None and report.reported_by_id == actor.pk:
        return None
    centre = command_centre(report)
    if scoping.has_role(actor, *GRID_CENTRE_ROLES, org=centre):
        return None
    return _("只有指挥中心（%(c)s）的人员或上报该问题的网格员可以核查结案。") % {"c": centre.name}


def _independent_verifier(report, actor, ctx) -> str | None:
    return grid_verifier_problem(report, actor)


GRID_TRANSITIONS = {
    G.REPORTED: {
        G.DISPATCHED: T(CLERK, LEADER, label=gettext_lazy("派遣")),
        G.INVALID: T(LEADER, label=pgettext_lazy("transition", "不予立案"), needs_reason=True),
    },
    G.DISPATCHED: {
        G.HANDLED: T(OFFICER, CLERK, LEADER, label=gettext_lazy("处置完毕")),
        G.REPORTED: T(
            CLERK, LEADER, label=gettext_lazy("非本单位职责，退回改派"), needs_reason=True
        ),
    },
    G.RETURNED: {G.HANDLED: T(OFFICER, CLERK, LEADER, label=gettext_lazy("重新处置"))},
    G.HANDLED: {
        G.CLOSED: T(
            CLERK,
            SUPERVISOR,
            conditions=[_independent_verifier],
            label=gettext_lazy("核查通过结案"),
        ),
        G.RETURNED: T(
            CLERK,
            SUPERVISOR,
            conditions=[_independent_verifier],
            label=gettext_lazy("核查不通过退回"),
            needs_reason=True,
        ),
    },
}
GRID_CLOSED = frozenset({G.CLOSED, G.INVALID})
GRID_DATED_STEPS = (
    DatedStep("received", gettext_lazy("上报日期"), "received_on"),
    DatedStep("dispatched", gettext_lazy("派遣日期"), "dispatched_on"),
    DatedStep("handled", gettext_lazy("处置日期"), "handled_on"),
    DatedStep("verified", gettext_lazy("核查日期"), "verified_on"),
)


def grid_todo_filter(user, status: str):
    """Verification waits on nobody in the unit that handled the report."""
    if status != G.HANDLED:
        return None
    q = Q()
    for m in scoping.memberships(user):
        q &= ~Q(org__path__startswith=m.org.path)
    return q


Case.TRANSITIONS = CASE_TRANSITIONS
Case.CLOSED_STATUSES = CASE_CLOSED
Case.DATED_STEPS = CASE_DATED_STEPS
# publishing the decision (SZ-1) is owed even once the fine is paid and the case closed
Case.CLOCKS_OUTLIVE_CLOSE = frozenset({rules.PUBLICITY})
GridReport.TRANSITIONS = GRID_TRANSITIONS
GridReport.CLOSED_STATUSES = GRID_CLOSED
GridReport.DATED_STEPS = GRID_DATED_STEPS
GridReport.todo_filter = staticmethod(grid_todo_filter)
