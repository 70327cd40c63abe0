"""人大建议/政协提案 figures (seed 一(六)1: 受理建议、提案155件，所有建议、意见均在规定时间内办理完毕),
in the kernel registry.

Conventions: a suggestion **counts** in the year it was received (收到日期: the 人代会 and
the 政协 plenary hand them over early in the year). It is **handled on time** when it has been
replied to and every reply clock it ran under (RD-1/RD-2, TA-1/TA-2; one per round) stopped
on or before its due date. ``--org`` narrows a figure to the lead body's subtree.

The shares (item 11) count over the same year's suggestions, each listing its denominator's
records: **解决率** (SG-SOLVED) is the share of the answered ones whose class is A (所提问题
已解决或基本解决) — the class they hold now, so a B/C promise re-answered as A counts as
solved; **见面率** (SG-MEETING) the share of all received ones whose lead body met the
deputy or member face to face (a 面商 entry in the contact log; a phone call or a letter is
not a meeting); **满意率** (SG-SATISFACTION) the share of the evaluated ones judged 满意 or
基本满意 (the latest judgement, after any re-handling).
"""

from __future__ import annotations

from django.db.models import CharField, Exists, F, OuterRef, Q
from django.db.models.functions import Cast

from fazhi.core.indicators import Indicator, Period, Ratio, between, in_subtree, register
from fazhi.core.models import Clock

from .models import (
    Contact,
    ContactWay,
    Evaluation,
    ResultClass,
    Suggestion,
    SuggestionKind,
    SuggestionStatus,
)

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


def answered(org, p: Period):
    """The year's suggestions that carry a class (answered at least once)."""
    return received(org, p).exclude(result_class="")


def solved(org, p: Period):
    return answered(org, p).filter(result_class=ResultClass.A)


def met(org, p: Period):
    face = Contact.objects.filter(suggestion=OuterRef("pk"), way=ContactWay.MEETING)
    return received(org, p).filter(Exists(face))


def evaluated(org, p: Period):
    return received(org, p).exclude(evaluation="")


def satisfied(org, p: Period):
    return evaluated(org, p).filter(evaluation__in=[Evaluation.SATISFIED, Evaluation.BASIC])


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
register(
    Ratio(
        "SG-SOLVED",
        "建议提案解决率",
        "%",
        "当年收到并已答复的建议提案中，答复分类（含承诺落实后再次答复的分类）为A类"
        "（所提问题已解决或基本解决）的件数除以已答复件数。",
        "收到日期",
        MODULE,
        answered,
        numerator=solved,
    )
)
register(
    Ratio(
        "SG-MEETING",
        "建议提案见面率",
        "%",
        "当年收到的建议提案中，承办单位与代表（委员）面商（沟通记录中方式为面商）过的件数"
        "除以收到件数；电话、书面沟通和走访调研不计。",
        "收到日期",
        MODULE,
        received,
        numerator=met,
    )
)
register(
    Ratio(
        "SG-SATISFACTION",
        "建议提案满意率",
        "%",
        "当年收到并经代表（委员）评价的建议提案中，最近一次评价为满意或基本满意的件数"
        "除以已评价件数。",
        "收到日期",
        MODULE,
        evaluated,
        numerator=satisfied,
    )
)
