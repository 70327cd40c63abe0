"""B/C promises followed up: a reply of class B (正在解决) or C (列入计划解决) promises
something; when it is fulfilled, the lead body answers the deputy (member) again, and the
suggestion's class becomes the new one (A when solved). The first reply and its class stay on
the record (``FollowUp.from_class`` and the ledger)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, dates, ledger
from fazhi.core.ledger import Actor

from .. import actions
from ..models import FollowUp, ResultClass, Suggestion
from ..models import SuggestionStatus as S
from .common import require_lead

PROMISES = frozenset({ResultClass.B, ResultClass.C})


def suggestion_follow_up(
    *,
    actor: Actor,
    suggestion: Suggestion,
    reply: str,
    result_class: str,
    on: dt.date | None = None,
) -> FollowUp:
    """再次答复 by the lead body after a B or C promise is fulfilled (or moves on: B → A, or
    C → B when it is taken into a plan)."""
    require_lead(actor, suggestion)
    s = suggestion
    if s.status not in (S.REPLIED, S.CLOSED) or s.result_class not in PROMISES:
        raise ValidationError(
            _("只有已答复的B类、C类建议提案可以在承诺落实后再次答复（当前：%(c)s）。")
            % {"c": s.get_result_class_display() or _("未答复")}
        )
    rank = {ResultClass.A: 0, ResultClass.B: 1, ResultClass.C: 2, ResultClass.D: 3}
    if result_class not in ResultClass.values or rank[result_class] >= rank[s.result_class]:
        raise ValidationError(
            {
                "result_class": _(
                    "再次答复的分类须比原答复（%(c)s）更进一步：B类落实后为A类，C类可为A类或B类。"
                )
                % {"c": s.result_class}
            }
        )
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": _("请填写承诺落实的情况。")})
    on = dates.check_new(
        _("再次答复日期"),
        on or clock.today(),
        (_("答复日期"), s.replied_on),
        (_("评价日期"), s.evaluated_on),
    )
    with transaction.atomic():
        f = FollowUp.objects.create(
            suggestion=s, on=on, from_class=s.result_class, result_class=result_class, reply=reply
        )
        Suggestion.objects.filter(pk=s.pk).update(result_class=result_class)
        s.result_class = result_class
        ledger.record(
            actor=actor,
            action=actions.FOLLOW_UP,
            subject=s,
            also=[f],
            data={"from": f.from_class, "to": result_class, "reply": reply, "on": on},
        )
    return f
