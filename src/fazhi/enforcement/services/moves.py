"""One entry for the generic move endpoint (``POST /api/v1/enforcement/cases/{id}/transitions``)
and the case page's simple buttons: the move picks its service. Only moves whose data is a
business date and, where the table asks, a reason go through here; a move that needs more —
the proposal, the decision, the service of the decision — has its own service and endpoint,
so no face can make it without the data it needs."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from fazhi.core import clock
from fazhi.core.ledger import Actor
from fazhi.core.workflow import InvalidTransition, status_label

from ..models import Case, CaseStatus
from . import cases, decisions

S = CaseStatus

#: moves that need more than a date and a reason, and where to make them
NEEDS_DATA = {
    S.PROPOSED: _("提出处理意见（罚款金额、裁量档次）"),
    S.DECIDED: _("作出决定（处理结果、依据、金额）"),
    S.SERVED: _("登记送达（送达方式）"),
}


def case_move(
    *,
    actor: Actor,
    case: Case,
    to: str,
    on: dt.date | None = None,
    reason: str = "",
    version: int | None = None,
) -> Case:
    """Make the move from ``case.status`` to ``to`` through its service."""
    on = on or clock.today()
    common = {"actor": actor, "case": case, "version": version}
    frm = case.status
    if to in NEEDS_DATA:
        raise InvalidTransition(
            _("“%(t)s”需要填写更多内容，请使用对应的办理接口：%(w)s。")
            % {"t": status_label(Case, to), "w": NEEDS_DATA[to]}
        )
    if frm == S.CLUE and to == S.REGISTERED:
        return cases.register(on=on, **common)
    if to == S.REGISTERED:  # back from a proposal or a review that did not pass
        return cases.send_back(reason=reason, on=on, **common)
    if to == S.NOTIFIED:
        return cases.notify(on=on, **common)
    if to == S.HEARING:
        return cases.open_hearing(on=on, **common)
    if to == S.REVIEW:
        return cases.submit_review(on=on, **common)
    if to == S.DISCUSSION:
        return cases.to_discussion(on=on, **common)
    if to == S.DROPPED:
        return cases.drop(reason=reason, on=on, **common)
    if to == S.EXECUTING:
        return decisions.execute(on=on, **common)
    if to == S.CLOSED:
        return decisions.close(on=on, **common)
    if to == S.ARCHIVED:
        return decisions.archive(on=on, **common)
    raise InvalidTransition(
        _("当前状态“%(a)s”不能变更为“%(b)s”。")
        % {"a": status_label(Case, frm), "b": status_label(Case, to)}
    )
