"""Statuses and transition tables of the legality matters.

The conditions are the mandatory steps: a draft goes to legality review only with a text
and after its consultation (or a stated reason for none); it is published only after a
passed review and the collective deliberation (the table itself: publication is reachable
only from 待登记发布); a major decision goes to the meeting only when every step the
regulation requires is complete (国务院令第713号 Arts.14–28) and is decided only with the
Justice Bureau's head at the meeting (seed 一(三)1). Each condition returns the message a
member of staff sees, or None.

The to-do queues are narrowed per status to the body that acts (``todo_filter``): the
drafting department while drafting, the reviewing body while under review, the government
office at the meeting and for publication.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import scoping
from fazhi.core.dates import DatedStep
from fazhi.core.models import Role
from fazhi.core.workflow import Transition

from .models import (
    CommentStatus,
    DecisionStatus,
    DocStatus,
    FiledDocument,
    FilingStatus,
    MajorDecision,
    NormativeDocument,
    Opinion,
    ReviewRequest,
    ReviewStatus,
    StepKind,
)

CLERK, LEADER, REVIEWER = Role.CLERK, Role.LEADER, Role.REVIEWER
T = Transition.of
D = DocStatus


# -- normative documents -------------------------------------------------------------------


def _has_version(doc, actor, ctx) -> str | None:
    return None if doc.versions.exists() else _("请先登记文件草案文本（第一稿）。")


def consultation_problem(subject, required: bool, waiver: str) -> str | None:
    """Why ``subject`` (a document or a decision) cannot move past public participation:
    the consultation must be over and its summary published, or the reason for none given."""
    if not required:
        return None
    cons = list(subject.consultations.all())
    if not cons:
        if waiver.strip():
            return None
        return _("本件须向社会公开征求意见，或写明不公开征求意见的理由。")
    open_ones = [c for c in cons if c.closed_on is None]
    if open_ones:
        return _("公开征求意见尚未结束（截止日期%(d)s）。") % {"d": open_ones[0].closes_on}
    if not any(c.summary_on for c in cons):
        return _("请先公布意见采纳情况说明（采纳情况及不予采纳的理由）。")
    pending = sum(
        c.comments.filter(status=CommentStatus.PUBLISHED, disposition="").count() for c in cons
    )
    if pending:
        return _("还有 %(n)d 条公众意见未作处理。") % {"n": pending}
    return None


def _consulted(doc, actor, ctx) -> str | None:
    return consultation_problem(doc, doc.needs_consultation, doc.consultation_waiver)


def _consultation_over(doc, actor, ctx) -> str | None:
    if doc.consultations.filter(closed_on__isnull=True).exists():
        return _("公开征求意见尚未结束。")
    return None


def _last_review(subject):
    return subject.reviews.order_by("-id").first()


def _review_passed(subject, actor, ctx) -> str | None:
    r = _last_review(subject)
    if r is None or r.opinion not in (Opinion.PASS, Opinion.CHANGES):
        return _("合法性审查尚未通过（未经审查或者审查不合法的，不得提交审议）。")
    return None


def _review_failed(subject, actor, ctx) -> str | None:
    r = _last_review(subject)
    if r is None or r.opinion != Opinion.FAIL:
        return _("只有合法性审查不予通过的文件才退回修改。")
    return None


DOC_TRANSITIONS = {
    D.DRAFTING: {
        D.CONSULTING: T(
            CLERK, LEADER, conditions=[_has_version], label=gettext_lazy("公开征求意见"), todo=False
        ),
        D.REVIEWING: T(
            CLERK,
            LEADER,
            conditions=[_has_version, _consulted],
            label=gettext_lazy("送合法性审核"),
        ),
        D.ABANDONED: T(LEADER, label=gettext_lazy("终止制定"), needs_reason=True),
    },
    D.CONSULTING: {
        D.DRAFTING: T(
            CLERK, LEADER, conditions=[_consultation_over], label=gettext_lazy("征求意见结束")
        ),
    },
    D.REVIEWING: {
        D.REVIEWED: T(
            REVIEWER,
            conditions=[_review_passed],
            label=gettext_lazy("合法性审核通过"),
            date="reviewed",
            todo=False,  # the review request carries the reviewer's to-do
        ),
        D.DRAFTING: T(
            REVIEWER,
            conditions=[_review_failed],
            label=gettext_lazy("审核不予通过，退回修改"),
            needs_reason=True,
        ),
    },
    D.REVIEWED: {
        D.DELIBERATED: T(
            CLERK,
            LEADER,
            conditions=[_review_passed],
            label=gettext_lazy("集体审议通过"),
            date="deliberated",
        ),
        D.DRAFTING: T(CLERK, LEADER, label=gettext_lazy("审议未通过，退回修改"), needs_reason=True),
    },
    D.DELIBERATED: {
        D.ISSUED: T(CLERK, LEADER, label=gettext_lazy("统一登记、编号、发布"), date="published"),
    },
    D.ISSUED: {
        D.REPEALED: T(
            CLERK, LEADER, REVIEWER, label=gettext_lazy("废止"), needs_reason=True, date="ended"
        ),
        D.INVALID: T(
            CLERK,
            LEADER,
            REVIEWER,
            label=gettext_lazy("宣布失效"),
            needs_reason=True,
            date="ended",
        ),
        D.EXPIRED: T(
            CLERK,
            LEADER,
            label=gettext_lazy("有效期届满失效"),
            needs_reason=True,
            date="ended",
        ),
    },
}
DOC_CLOSED = frozenset({D.REPEALED, D.INVALID, D.EXPIRED, D.ABANDONED})
DOC_DATED_STEPS = (
    DatedStep("received", gettext_lazy("立项日期"), "received_on"),
    DatedStep("reviewed", gettext_lazy("审核通过日期"), "reviewed_on"),
    DatedStep("deliberated", gettext_lazy("审议日期"), "deliberated_on"),
    DatedStep("published", gettext_lazy("发布日期"), "published_on"),
    DatedStep("ended", gettext_lazy("废止或失效日期"), "ended_on"),
)


def _orgs(user) -> list[int]:
    return [m.org_id for m in scoping.memberships(user)]


def _subtree(user) -> Q:
    q = Q(pk__in=[])
    for m in scoping.memberships(user):
        q |= Q(org__path__startswith=m.org.path)
    return q


def doc_todo_filter(user, status: str):
    if status in (D.DRAFTING, D.CONSULTING):
        return _subtree(user)
    if status in (D.REVIEWED, D.DELIBERATED):
        return Q(registrar_org_id__in=_orgs(user))
    return None


# -- legality review requests -------------------------------------------------------------

R = ReviewStatus


def _has_reviewer(req, actor, ctx) -> str | None:
    return None if req.reviewer_id else _("请先指定审查人员。")


REVIEW_TRANSITIONS = {
    R.SUBMITTED: {
        R.ASSIGNED: T(LEADER, REVIEWER, label=gettext_lazy("分派审查人员"), date="assigned"),
        R.WITHDRAWN: T(CLERK, LEADER, label=gettext_lazy("撤回送审"), needs_reason=True),
    },
    R.ASSIGNED: {
        R.PASSED: T(
            REVIEWER, conditions=[_has_reviewer], label=gettext_lazy("审查通过"), date="opinion"
        ),
        R.CONDITIONAL: T(
            REVIEWER,
            conditions=[_has_reviewer],
            label=gettext_lazy("修改后通过"),
            date="opinion",
        ),
        R.RETURNED: T(
            REVIEWER,
            conditions=[_has_reviewer],
            label=gettext_lazy("不予通过，退回修改"),
            needs_reason=True,
            date="opinion",
            todo=True,
        ),
    },
    R.RETURNED: {
        R.ASSIGNED: T(CLERK, LEADER, label=gettext_lazy("修改后重新送审"), date="resubmitted"),
        R.WITHDRAWN: T(CLERK, LEADER, label=gettext_lazy("撤回送审"), needs_reason=True),
    },
}
REVIEW_CLOSED = frozenset({R.PASSED, R.CONDITIONAL, R.WITHDRAWN})
REVIEW_DATED_STEPS = (
    DatedStep("received", gettext_lazy("送审日期"), "received_on"),
    DatedStep("assigned", gettext_lazy("分派日期"), "assigned_on"),
    DatedStep("resubmitted", gettext_lazy("重新送审日期"), "resubmitted_on"),
    DatedStep("opinion", gettext_lazy("出具意见日期"), "opinion_on"),
)


def review_todo_filter(user, status: str):
    """Assignment and opinions wait on the reviewing body (an opinion on the assigned
    reviewer alone); a returned request on the department that sent it."""
    if status == R.SUBMITTED:
        return Q(review_org_id__in=_orgs(user))
    if status == R.ASSIGNED:
        return Q(reviewer=user)
    if status == R.RETURNED:
        return _subtree(user)
    return None


# -- major decisions ------------------------------------------------------------------------

M = DecisionStatus


def _step_done(decision, kind) -> bool:
    return any(s.kind == kind for s in decision.steps.all())


def _participation(dec, actor, ctx) -> str | None:
    problem = consultation_problem(dec, True, dec.no_consultation_reason)
    if problem:
        return _("公众参与：%(p)s") % {"p": problem}
    return None


def _expert(dec, actor, ctx) -> str | None:
    if dec.needs_expert and not _step_done(dec, StepKind.EXPERT):
        return _("专业性、技术性较强的决策事项须组织专家论证，请先登记专家论证意见。")
    return None


def _risk(dec, actor, ctx) -> str | None:
    if dec.needs_risk and not _step_done(dec, StepKind.RISK):
        return _("决策实施可能对社会稳定、公共安全等方面造成不利影响，须先登记风险评估报告。")
    return None


def _legality(dec, actor, ctx) -> str | None:
    problem = _review_passed(dec, actor, ctx)
    if problem:
        return _("合法性审查：未经合法性审查或者经审查不合法的，不得提交决策机关讨论。")
    return None


def _meeting(dec, actor, ctx) -> str | None:
    if not dec.meeting_on or not dec.meeting.strip():
        return _("请先登记集体讨论的会议、日期和结论。")
    if not dec.justice_head_present:
        return _(
            "提交区政府常务会议审议的议题，司法行政机关负责人须全程参与；会议记录未载明其列席。"
        )
    return None


DECISION_TRANSITIONS = {
    M.PREPARING: {
        M.DISCUSSION: T(
            CLERK,
            LEADER,
            conditions=[_participation, _expert, _risk, _legality],
            label=gettext_lazy("提交集体讨论"),
        ),
        M.WITHDRAWN: T(LEADER, label=gettext_lazy("撤回决策事项"), needs_reason=True),
    },
    M.DISCUSSION: {
        M.DECIDED: T(LEADER, conditions=[_meeting], label=gettext_lazy("作出决定"), date="decided"),
        M.PREPARING: T(LEADER, label=gettext_lazy("暂缓决定，退回补充"), needs_reason=True),
        M.REJECTED: T(LEADER, label=gettext_lazy("不予通过"), needs_reason=True),
    },
    M.DECIDED: {
        M.PUBLISHED: T(CLERK, LEADER, label=gettext_lazy("公布决策"), date="published"),
    },
    M.PUBLISHED: {
        M.ARCHIVED: T(CLERK, LEADER, label=gettext_lazy("归档"), date="archived"),
    },
}
DECISION_CLOSED = frozenset({M.ARCHIVED, M.REJECTED, M.WITHDRAWN})
DECISION_DATED_STEPS = (
    DatedStep("received", gettext_lazy("启动日期"), "received_on"),
    DatedStep("meeting", gettext_lazy("会议日期"), "meeting_on"),
    DatedStep("decided", gettext_lazy("决定日期"), "decided_on"),
    DatedStep("published", gettext_lazy("公布日期"), "published_on"),
    DatedStep("archived", gettext_lazy("归档日期"), "archived_on"),
)


def decision_todo_filter(user, status: str):
    if status == M.PREPARING:
        return _subtree(user)
    if status in (M.DISCUSSION, M.DECIDED, M.PUBLISHED):
        return Q(registrar_org_id__in=_orgs(user))
    return None


# -- filing review of lower bodies' documents ----------------------------------------------

F = FilingStatus


def _has_problems(f, actor, ctx) -> str | None:
    return None if f.problems.exists() else _("请先登记审查发现的问题和纠正要求。")


def _no_problems(f, actor, ctx) -> str | None:
    return _("已登记问题的文件须通知纠正。") if f.problems.exists() else None


def _all_corrected(f, actor, ctx) -> str | None:
    n = f.problems.filter(corrected_on__isnull=True).count()
    return _("还有 %(n)d 个问题未纠正。") % {"n": n} if n else None


FILED_TRANSITIONS = {
    F.RECEIVED: {
        F.ACCEPTED: T(
            REVIEWER,
            LEADER,
            conditions=[_no_problems],
            label=gettext_lazy("审查通过，予以备案"),
            date="reviewed",
        ),
        F.CORRECTING: T(
            REVIEWER,
            LEADER,
            conditions=[_has_problems],
            label=gettext_lazy("发现问题，通知纠正"),
            date="reviewed",
        ),
    },
    F.CORRECTING: {
        F.CORRECTED: T(
            REVIEWER, LEADER, conditions=[_all_corrected], label=gettext_lazy("确认纠正完毕")
        ),
    },
}
FILED_CLOSED = frozenset({F.ACCEPTED, F.CORRECTED})
FILED_DATED_STEPS = (
    DatedStep("received", gettext_lazy("报备日期"), "received_on"),
    DatedStep("reviewed", gettext_lazy("审查日期"), "reviewed_on"),
    DatedStep("closed", gettext_lazy("办结日期"), "closed_on"),
)


def filed_todo_filter(user, status: str):
    return Q(review_org_id__in=_orgs(user))


NormativeDocument.TRANSITIONS = DOC_TRANSITIONS
NormativeDocument.CLOSED_STATUSES = DOC_CLOSED
NormativeDocument.DATED_STEPS = DOC_DATED_STEPS
# filing with the bodies above is owed even if the document is repealed meanwhile
NormativeDocument.CLOCKS_OUTLIVE_CLOSE = frozenset({"BA-1"})
NormativeDocument.todo_filter = staticmethod(doc_todo_filter)
ReviewRequest.TRANSITIONS = REVIEW_TRANSITIONS
ReviewRequest.CLOSED_STATUSES = REVIEW_CLOSED
ReviewRequest.DATED_STEPS = REVIEW_DATED_STEPS
ReviewRequest.todo_filter = staticmethod(review_todo_filter)
MajorDecision.TRANSITIONS = DECISION_TRANSITIONS
MajorDecision.CLOSED_STATUSES = DECISION_CLOSED
MajorDecision.DATED_STEPS = DECISION_DATED_STEPS
MajorDecision.todo_filter = staticmethod(decision_todo_filter)
FiledDocument.TRANSITIONS = FILED_TRANSITIONS
FiledDocument.CLOSED_STATUSES = FILED_CLOSED
FiledDocument.DATED_STEPS = FILED_DATED_STEPS
FiledDocument.todo_filter = staticmethod(filed_todo_filter)
