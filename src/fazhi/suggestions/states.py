"""The suggestion's statuses and its transition table.

The **office** (``Suggestion.office``, the 区政府办 that receives the suggestions from the
人大常委会 and the 政协) hands them out (交办), takes back a misrouted one, and records the
deputy's evaluation (which closes it or sends it back for another round); the **lead body**
(``Suggestion.org``) talks with the deputy and replies. The table names the roles; the
services add which organisation (the office and the co-handlers are participants).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import scoping
from fazhi.core.dates import DatedStep
from fazhi.core.models import Role
from fazhi.core.workflow import Transition

from .models import ResultClass, Suggestion
from .models import SuggestionStatus as S


def _reply_ready(s, actor, ctx) -> str | None:
    data = ctx.get("data", {})
    if not (data.get("reply") or s.reply or "").strip():
        return _("请填写答复内容。")
    if (data.get("result_class") or s.result_class) not in ResultClass.values:
        return _("请选择答复分类（A类、B类、C类或D类）。")
    if not s.contacts.filter(on__gte=s.assigned_on).exists():
        return _("答复前须与领衔代表（委员）面商或沟通，并登记沟通情况。")
    return None


CLERK, LEADER = Role.CLERK, Role.LEADER
T = Transition.of

SUGGESTION_TRANSITIONS = {
    S.RECEIVED: {
        S.ASSIGNED: T(CLERK, LEADER, label=gettext_lazy("交办"), date="assigned"),
    },
    S.ASSIGNED: {
        S.REPLIED: T(
            CLERK,
            LEADER,
            conditions=[_reply_ready],
            label=gettext_lazy("答复代表（委员）"),
            date="replied",
        ),
        S.RECEIVED: T(CLERK, LEADER, label=gettext_lazy("申请调整承办单位"), needs_reason=True),
    },
    S.REPLIED: {
        S.CLOSED: T(CLERK, LEADER, label=gettext_lazy("登记评价并办结")),
        S.ASSIGNED: T(
            CLERK,
            LEADER,
            label=gettext_lazy("不满意，重新办理"),
            needs_reason=True,
            date="assigned",
        ),
    },
}
SUGGESTION_DATED_STEPS = (
    DatedStep("received", gettext_lazy("收到日期"), "received_on"),
    DatedStep("assigned", gettext_lazy("交办日期"), "assigned_on"),
    DatedStep("replied", gettext_lazy("答复日期"), "replied_on"),
    DatedStep("closed", gettext_lazy("办结日期"), "closed_on"),
)
OFFICE_STATUSES = frozenset({S.RECEIVED, S.REPLIED})


def suggestion_todo_filter(user, status: str):
    """The office waits on suggestions to hand out and on replies to evaluate; the lead body
    on the ones it handles (co-handlers see them, but the reply is not theirs)."""
    orgs = [m.org_id for m in scoping.memberships(user)]
    if status in OFFICE_STATUSES:
        return Q(office__in=orgs)
    return Q(org__in=orgs)


Suggestion.TRANSITIONS = SUGGESTION_TRANSITIONS
Suggestion.CLOSED_STATUSES = frozenset({S.CLOSED})
Suggestion.DATED_STEPS = SUGGESTION_DATED_STEPS
Suggestion.todo_filter = staticmethod(suggestion_todo_filter)
