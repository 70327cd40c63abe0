"""人大建议/政协提案 figures (seed 一(六)1: 受理建议、提案155件，所有建议、意见均在规定时间内办理完毕),
in the kernel registry.

Conventions: a suggestion **counts** in the year it was received (收到日期: the 人代会 and
the 政协 plenary hand them over early in the year). It is **handled on time** when it has been
replied to and every reply clock it ran under (RD-1/RD-2, TA-1/TA-2; one per round) stopped
on or before its due date. ``--org`` narrows a figure to the lead body's subtree.
"""

from __future__ import annotations

from django.db.models import CharField, Exists, F, OuterRef, Q
from django.db.models.functions import Cast

from fazhi.core.indicators import Indicator, Period, between, in_subtree, register
from fazhi.core.models import Clock

from .models import Suggestion, SuggestionKind, SuggestionStatus

MODULE = "suggestions"
SUBJECT = "suggestions.suggestion"


def received(org, p: Period):
    return in_subtree(Suggestion.objects.all(), org).filter(between("received_on", p))


def _late():
    return Clock.objects.filter(
        subject_type=SUBJECT, subject_id=Cast(OuterRef("pk"), CharField())
    ).filter(Q(stopped_on__gt=F("due_on")) | Q(stopped_on__isnull=True))


def on_time(org, p: Period):
    replied = received(org, p).filter(
        status__in=[SuggestionStatus.REPLIED, SuggestionStatus.CLOSED]
    )
    return replied.exclude(Exists(_late()))


def _kind(kind):
    return lambda org, p: received(org, p).filter(kind=kind)


register(
    Indicator(
        "SG-RECEIVED",
        "受理人大代表建议和政协提案数",
        "件",
        "当年收到并登记的人大代表建议和政协提案（按收到日期）。",
        "收到日期",
        MODULE,
        received,
    )
)
register(
    Indicator(
        "SG-NPC",
        "受理人大代表建议数",
        "件",
        "当年收到的人大代表建议。",
        "收到日期",
        MODULE,
        _kind(SuggestionKind.NPC),
    )
)
register(
    Indicator(
        "SG-CPPCC",
        "受理政协提案数",
        "件",
        "当年收到的政协提案。",
        "收到日期",
        MODULE,
        _kind(SuggestionKind.CPPCC),
    )
)
register(
    Indicator(
        "SG-ON-TIME",
        "在规定时间内办理完毕的建议提案数",
        "件",
        "当年收到的建议提案中已答复、且每一轮答复期限（RD-1/RD-2，TA-1/TA-2）均按时停止的件数。",
        "收到日期",
        MODULE,
        on_time,
    )
)
