"""The transition tables of the disputes domain: reconsideration cases, respondent cases,
disputes, petitions, inspection batches and their items, backlog cases.

Several matters have participants from another organisation — the respondent answering a
reconsideration, the unit a petition or an inspection item is assigned to. The kernel lets a
participant act in the roles it holds; the moves that belong to the owning body (accept,
decide, close an item) therefore carry ``_owner_staff``, and those that belong to the
participant (report an item's result) ``_unit_staff``. The to-do follows the same split
(``todo_filter``).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from fazhi.core import scoping
from fazhi.core.dates import DatedStep
from fazhi.core.models import Role, User
from fazhi.core.workflow import Transition

from . import rules
from .models import (
    BacklogCase,
    BacklogStatus,
    BatchStatus,
    Dispute,
    DisputeStatus,
    InspectionBatch,
    InspectionItem,
    ItemStatus,
    Petition,
    PetitionStatus,
    Reconsideration,
    ReconStatus,
    RespondentCase,
    RespondentStatus,
)

CLERK, OFFICER, REVIEWER, LEADER, SUPERVISOR = (
    Role.CLERK,
    Role.OFFICER,
    Role.REVIEWER,
    Role.LEADER,
    Role.SUPERVISOR,
)
T = Transition.of


def _covers(actor, org) -> bool:
    return any(scoping.covers(m, org) for m in scoping.memberships(actor))


def _owner_staff(matter, actor, ctx) -> str | None:
    """The owning organisation's own staff, not a participant from elsewhere."""
    if not isinstance(actor, User) or _covers(actor, matter.org):
        return None
    return _("此操作由%(o)s办理。") % {"o": matter.org.name}


def _unit_staff(item, actor, ctx) -> str | None:
    """The unit an inspection item is assigned to reports its result."""
    if not isinstance(actor, User) or _covers(actor, item.unit):
        return None
    return _("办理结果由承办单位（%(o)s）报送。") % {"o": item.unit.name}


def _on(ctx):
    return ctx.get("data", {}).get("on")


# -- 行政复议 -----------------------------------------------------------------------------------


def _refusal_in_time(case, actor, ctx):
    return rules.refusal_problem(case, _on(ctx))


def _correction_in_time(case, actor, ctx):
    return rules.correction_problem(case, _on(ctx))


def _correction_over(case, actor, ctx):
    return rules.correction_over(case, _on(ctx))


def _answered_or_over(case, actor, ctx):
    if case.answered_on or ctx.get("data", {}).get("answered"):
        return None
    return rules.answer_over(case, _on(ctx))


def _in_decision_period(case, actor, ctx):
    return rules.decision_period_problem(case, _on(ctx))


def _not_simplified_for_old_law(case, actor, ctx):
    return rules.simplified_problem(case) if case.procedure == "simplified" else None


R = ReconStatus
BODY = [_owner_staff]
RECON_TRANSITIONS = {
    R.RECEIVED: {
        R.ACCEPTED: T(
            REVIEWER,
            conditions=[*BODY, _not_simplified_for_old_law],
            label=gettext_lazy("受理"),
            date="accepted",
        ),
        R.CORRECTING: T(
            REVIEWER,
            conditions=[*BODY, _correction_in_time],
            label=gettext_lazy("通知补正"),
            date="correction",
            todo=False,
        ),
        R.REFUSED: T(
            REVIEWER,
            conditions=[*BODY, _refusal_in_time],
            label=gettext_lazy("决定不予受理"),
            needs_reason=True,
        ),
    },
    R.CORRECTING: {
        R.RECEIVED: T(
            REVIEWER, CLERK, conditions=BODY, label=gettext_lazy("收到补正材料"), date="corrected"
        ),
        R.ABANDONED: T(
            REVIEWER,
            conditions=[*BODY, _correction_over],
            label=gettext_lazy("逾期未补正，视为放弃"),
        ),
    },
    R.ACCEPTED: {
        R.SENT: T(
            REVIEWER, CLERK, conditions=BODY, label=gettext_lazy("发送答复通知"), date="sent"
        ),
        R.TERMINATED: T(
            REVIEWER, conditions=BODY, label=gettext_lazy("终止审理"), needs_reason=True
        ),
    },
    R.SENT: {
        # the respondent's answer (its staff take part), or the body once the period ran out
        R.REVIEWING: T(
            LEADER,
            CLERK,
            REVIEWER,
            conditions=[_answered_or_over],
            label=gettext_lazy("书面答复，进入审理"),
        ),
        R.TERMINATED: T(
            REVIEWER, conditions=BODY, label=gettext_lazy("终止审理"), needs_reason=True
        ),
    },
    R.REVIEWING: {
        R.DECIDED: T(
            REVIEWER,
            LEADER,
            conditions=[*BODY, _in_decision_period],
            label=gettext_lazy("作出复议决定"),
            date="decided",
        ),
        R.SUSPENDED: T(
            REVIEWER,
            conditions=BODY,
            label=gettext_lazy("中止审理"),
            needs_reason=True,
            date="suspended",
        ),
        R.TERMINATED: T(
            REVIEWER, conditions=BODY, label=gettext_lazy("终止审理"), needs_reason=True
        ),
    },
    R.SUSPENDED: {
        R.REVIEWING: T(REVIEWER, conditions=BODY, label=gettext_lazy("恢复审理"), date="resumed"),
        R.TERMINATED: T(
            REVIEWER, conditions=BODY, label=gettext_lazy("终止审理"), needs_reason=True
        ),
    },
    R.DECIDED: {
        R.CLOSED: T(
            REVIEWER, CLERK, conditions=BODY, label=gettext_lazy("送达复议决定书"), date="served"
        ),
    },
}
RECON_CLOSED = frozenset({R.CLOSED, R.REFUSED, R.ABANDONED, R.TERMINATED})
RECON_DATED_STEPS = (
    DatedStep("received", gettext_lazy("收到申请日期"), "received_on"),
    DatedStep("correction", gettext_lazy("补正通知日期"), "correction_requested_on"),
    DatedStep("corrected", gettext_lazy("收到补正材料日期"), "corrected_on"),
    DatedStep("accepted", gettext_lazy("受理日期"), "accepted_on"),
    DatedStep("sent", gettext_lazy("发送答复通知日期"), "sent_on"),
    DatedStep("answered", gettext_lazy("被申请人答复日期"), "answered_on"),
    DatedStep("suspended", gettext_lazy("中止日期"), "suspended_on"),
    DatedStep("resumed", gettext_lazy("恢复审理日期"), "resumed_on"),
    DatedStep("decided", gettext_lazy("决定日期"), "decided_on"),
    DatedStep("served", gettext_lazy("送达日期"), "served_on"),
    DatedStep("closed", gettext_lazy("办结日期"), "closed_on"),
)


def recon_todo_filter(user, status: str):
    """The respondent's staff wait only on their answer; the body's staff on the rest."""
    orgs = [m.org for m in scoping.memberships(user)]
    mine = Q(pk__in=[])
    theirs = Q(pk__in=[])
    for o in orgs:
        mine |= Q(org__path__startswith=o.path)
        theirs |= Q(respondent__path__startswith=o.path)
    if status == R.SENT:
        return theirs
    return mine


# -- 行政应诉 -----------------------------------------------------------------------------------


def _appeal_over(case, actor, ctx):
    if case.appealed_on:
        return _("已有上诉，生效裁判为二审裁判。")
    return rules.appeal_over(case, _on(ctx))


def _performed(case, actor, ctx):
    if case.final_outcome in ("withdrawn", "mediated"):
        return None
    text = (case.performance or ctx.get("data", {}).get("performance", "")).strip()
    return None if text else _("请填写生效裁判的履行情况。")


L = RespondentStatus
DESK = (CLERK, REVIEWER, LEADER)
RESPONDENT_TRANSITIONS = {
    L.RECEIVED: {
        L.ANSWERED: T(*DESK, label=gettext_lazy("提交答辩状、证据和依据"), date="answered"),
        L.WITHDRAWN: T(*DESK, label=gettext_lazy("撤诉结案"), needs_reason=True),
    },
    L.ANSWERED: {
        L.JUDGED: T(*DESK, label=gettext_lazy("登记裁判结果"), date="judged"),
        L.FINAL: T(*DESK, label=gettext_lazy("登记生效决定"), date="final", todo=False),
        L.WITHDRAWN: T(*DESK, label=gettext_lazy("撤诉结案"), needs_reason=True),
    },
    L.JUDGED: {
        L.APPEAL: T(*DESK, label=gettext_lazy("登记上诉"), date="appealed", todo=False),
        L.FINAL: T(*DESK, conditions=[_appeal_over], label=gettext_lazy("裁判生效"), date="final"),
    },
    L.APPEAL: {
        L.FINAL: T(*DESK, label=gettext_lazy("登记二审裁判"), date="final"),
    },
    L.FINAL: {
        L.CLOSED: T(
            *DESK, conditions=[_performed], label=gettext_lazy("履行完毕结案"), date="performed"
        ),
    },
}
RESPONDENT_CLOSED = frozenset({L.CLOSED, L.WITHDRAWN})
RESPONDENT_DATED_STEPS = (
    DatedStep("received", gettext_lazy("收到副本日期"), "received_on"),
    DatedStep("answered", gettext_lazy("答辩日期"), "answered_on"),
    DatedStep("judged", gettext_lazy("裁判日期"), "judged_on"),
    DatedStep("appealed", gettext_lazy("上诉日期"), "appealed_on"),
    DatedStep("final", gettext_lazy("生效日期"), "final_on"),
    DatedStep("performed", gettext_lazy("履行日期"), "performed_on"),
    DatedStep("closed", gettext_lazy("结案日期"), "closed_on"),
)


# -- 人民调解 -----------------------------------------------------------------------------------


def _has_agreement(d, actor, ctx):
    if hasattr(d, "agreement") or ctx.get("data", {}).get("agreement"):
        return None
    return _("请先登记调解协议。")


def _fully_performed(d, actor, ctx):
    return rules.performance_problem(d)


D = DisputeStatus
MEDIATORS = (CLERK, LEADER)
DISPUTE_TRANSITIONS = {
    D.RECEIVED: {
        D.MEDIATING: T(*MEDIATORS, label=gettext_lazy("开始调解"), date="started"),
        D.REFUSED: T(*MEDIATORS, label=pgettext_lazy("mediation", "不予受理"), needs_reason=True),
    },
    D.MEDIATING: {
        D.AGREED: T(
            *MEDIATORS,
            conditions=[_has_agreement],
            label=gettext_lazy("达成调解协议"),
            date="agreed",
        ),
        D.FAILED: T(*MEDIATORS, label=gettext_lazy("调解不成"), needs_reason=True),
    },
    D.AGREED: {
        D.PERFORMED: T(
            *MEDIATORS,
            conditions=[_fully_performed],
            label=gettext_lazy("履行完毕"),
            date="performed",
        ),
        D.BREACHED: T(*MEDIATORS, label=gettext_lazy("协议未履行"), needs_reason=True),
    },
}
DISPUTE_CLOSED = frozenset({D.PERFORMED, D.FAILED, D.BREACHED, D.REFUSED})
DISPUTE_DATED_STEPS = (
    DatedStep("received", gettext_lazy("受理日期"), "received_on"),
    DatedStep("escalated", gettext_lazy("上报日期"), "escalated_on"),
    DatedStep("started", gettext_lazy("首次调解日期"), "started_on"),
    DatedStep("agreed", gettext_lazy("达成协议日期"), "agreed_on"),
    DatedStep("performed", gettext_lazy("履行完毕日期"), "performed_on"),
    DatedStep("closed", gettext_lazy("办结日期"), "closed_on"),
)


# -- 信访 ---------------------------------------------------------------------------------------


def _request_over(p, actor, ctx):
    if ctx.get("data", {}).get("satisfied"):
        return None
    return rules.request_over(p, _on(ctx))


def _not_after_recheck(p, actor, ctx):
    if p.stage == "recheck":
        return _("复核意见作出后，信访人就同一事项提出的请求不再受理。")
    return None


P = PetitionStatus
PETITION_TRANSITIONS = {
    P.REGISTERED: {
        P.ACCEPTED: T(*MEDIATORS, label=gettext_lazy("受理并书面告知"), date="accepted"),
        P.TRANSFERRED: T(*MEDIATORS, label=gettext_lazy("转送有权处理的机关"), todo=False),
        P.DIVERTED: T(
            *MEDIATORS,
            label=gettext_lazy("诉访分离，告知法定途径"),
            todo=False,
        ),
    },
    P.ACCEPTED: {
        P.REPLIED: T(*MEDIATORS, label=gettext_lazy("出具处理意见书"), date="replied"),
    },
    P.REPLIED: {
        P.REVIEWING: T(
            *MEDIATORS,
            conditions=[_not_after_recheck],
            label=gettext_lazy("登记复查、复核请求"),
            todo=False,
        ),
        P.CLOSED: T(*MEDIATORS, conditions=[_request_over], label=gettext_lazy("办结")),
    },
    P.REVIEWING: {
        P.REPLIED: T(*MEDIATORS, label=gettext_lazy("出具复查、复核意见")),
    },
}
PETITION_CLOSED = frozenset({P.CLOSED, P.TRANSFERRED, P.DIVERTED})
PETITION_DATED_STEPS = (
    DatedStep("received", gettext_lazy("登记日期"), "received_on"),
    DatedStep("notified", gettext_lazy("书面告知日期"), "notified_on"),
    DatedStep("accepted", gettext_lazy("受理日期"), "accepted_on"),
    DatedStep("replied", gettext_lazy("出具意见日期"), "replied_on"),
    DatedStep("closed", gettext_lazy("办结日期"), "closed_on"),
)


def petition_todo_filter(user, status: str):
    """Once a petition is assigned, the unit handling it acts on it; the petitions office
    keeps the unassigned ones."""
    units = Q(pk__in=[])
    for m in scoping.memberships(user):
        units |= Q(handler_org__path__startswith=m.org.path)
    if status == P.REGISTERED:
        return None
    return units | Q(handler_org__isnull=True)


def _all_items_closed(batch, actor, ctx):
    open_items = batch.items.exclude(status=ItemStatus.CLOSED).order_by("seq")
    n = open_items.count()
    if n:
        seqs = "、".join(str(s) for s in open_items.values_list("seq", flat=True)[:10])
        return _("本批次还有 %(n)d 件未办结（序号 %(s)s），不能办结批次。") % {"n": n, "s": seqs}
    return None


B = BatchStatus
BATCH_TRANSITIONS = {
    B.OPEN: {
        B.CLOSED: T(
            LEADER,
            SUPERVISOR,
            conditions=[_all_items_closed],
            label=gettext_lazy("批次办结"),
        ),
    },
}
BATCH_CLOSED = frozenset({B.CLOSED})
BATCH_DATED_STEPS = (
    DatedStep("received", gettext_lazy("交办日期"), "received_on"),
    DatedStep("closed", gettext_lazy("办结日期"), "closed_on"),
)

I = ItemStatus  # noqa: E741
OFFICE = [_owner_staff]
ITEM_TRANSITIONS = {
    I.ASSIGNED: {
        I.REPORTED: T(
            CLERK,
            LEADER,
            conditions=[_unit_staff],
            label=gettext_lazy("报送办理结果"),
            date="reported",
        ),
    },
    I.REPORTED: {
        I.CLOSED: T(CLERK, LEADER, SUPERVISOR, conditions=OFFICE, label=gettext_lazy("审核办结")),
        I.ASSIGNED: T(
            CLERK,
            LEADER,
            SUPERVISOR,
            conditions=OFFICE,
            label=gettext_lazy("退回重办"),
            needs_reason=True,
        ),
    },
}
ITEM_CLOSED = frozenset({I.CLOSED})
ITEM_DATED_STEPS = (
    DatedStep("received", gettext_lazy("交办日期"), "received_on"),
    DatedStep("reported", gettext_lazy("报送日期"), "reported_on"),
    DatedStep("closed", gettext_lazy("办结日期"), "closed_on"),
)


def item_todo_filter(user, status: str):
    """An assigned item waits on its unit; a reported one on the petitions office."""
    q = Q(pk__in=[])
    field = "unit" if status == I.ASSIGNED else "org"
    for m in scoping.memberships(user):
        if m.data_scope == "all":
            return None
        q |= Q(**{f"{field}__path__startswith": m.org.path})
    return q


def _has_measures(case, actor, ctx):
    text = (case.measures or ctx.get("data", {}).get("measures", "")).strip()
    return None if text else _("请填写化解措施和结果。")


K = BacklogStatus
BACKLOG_TRANSITIONS = {
    K.LISTED: {
        K.PROPOSED: T(
            LEADER, conditions=[_has_measures], label=gettext_lazy("申请销号"), date="proposed"
        ),
    },
    K.PROPOSED: {
        K.RESOLVED: T(SUPERVISOR, label=gettext_lazy("审核销号")),
        K.LISTED: T(SUPERVISOR, label=gettext_lazy("退回继续化解"), needs_reason=True),
    },
}
BACKLOG_CLOSED = frozenset({K.RESOLVED})
BACKLOG_DATED_STEPS = (
    DatedStep("received", gettext_lazy("列入日期"), "received_on"),
    DatedStep("proposed", gettext_lazy("申请销号日期"), "proposed_on"),
    DatedStep("closed", gettext_lazy("销号日期"), "closed_on"),
)


Reconsideration.TRANSITIONS = RECON_TRANSITIONS
Reconsideration.CLOSED_STATUSES = RECON_CLOSED
Reconsideration.DATED_STEPS = RECON_DATED_STEPS
Reconsideration.todo_filter = staticmethod(recon_todo_filter)
RespondentCase.TRANSITIONS = RESPONDENT_TRANSITIONS
RespondentCase.CLOSED_STATUSES = RESPONDENT_CLOSED
RespondentCase.DATED_STEPS = RESPONDENT_DATED_STEPS
Dispute.TRANSITIONS = DISPUTE_TRANSITIONS
Dispute.CLOSED_STATUSES = DISPUTE_CLOSED
Dispute.DATED_STEPS = DISPUTE_DATED_STEPS
Petition.TRANSITIONS = PETITION_TRANSITIONS
Petition.CLOSED_STATUSES = PETITION_CLOSED
Petition.DATED_STEPS = PETITION_DATED_STEPS
Petition.todo_filter = staticmethod(petition_todo_filter)
# a diverted petitioner's period for the legal route runs on after the petition is closed
Petition.CLOCKS_OUTLIVE_CLOSE = frozenset({rules.APPLICATION, rules.DIRECT_SUIT})
InspectionBatch.TRANSITIONS = BATCH_TRANSITIONS
InspectionBatch.CLOSED_STATUSES = BATCH_CLOSED
InspectionBatch.DATED_STEPS = BATCH_DATED_STEPS
InspectionItem.TRANSITIONS = ITEM_TRANSITIONS
InspectionItem.CLOSED_STATUSES = ITEM_CLOSED
InspectionItem.DATED_STEPS = ITEM_DATED_STEPS
InspectionItem.todo_filter = staticmethod(item_todo_filter)
BacklogCase.TRANSITIONS = BACKLOG_TRANSITIONS
BacklogCase.CLOSED_STATUSES = BACKLOG_CLOSED
BacklogCase.DATED_STEPS = BACKLOG_DATED_STEPS
