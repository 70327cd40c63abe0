"""12345 hotline figures (seed 一(六)1 and the issue's KPIs), in the kernel registry.

Conventions: an order **counts as closed** (办结) in the year of its ``closed_on`` when its
status is 已办结 — answered on the spot (直接办结) or replied to and closed by the office;
merged duplicates are not orders closed. **Satisfaction** is over the callbacks made in the
year (one per handling cycle): 满意 and 基本满意 over all callbacks. ``--org`` narrows a figure
to the lead body's subtree (the body that replied).
"""

from __future__ import annotations

from django.db.models import CharField, Exists, F, OuterRef, Q
from django.db.models.functions import Cast

from fazhi.core.indicators import Indicator, Period, Ratio, between, in_subtree, register
from fazhi.core.models import Clock

from .models import Callback, Order, OrderStatus, Satisfaction

MODULE = "hotline"
SUBJECT = "hotline.order"
HANDLING = ("RX-1", "RX-4")


def closed(org, p: Period):
    return in_subtree(Order.objects.filter(status=OrderStatus.CLOSED), org).filter(
        between("closed_on", p)
    )


def handled(org, p):
    """Closed after a handling by a body (not answered on the spot)."""
    return closed(org, p).filter(direct=False)


def _clock_late(rule_codes):
    """The order's clocks of ``rule_codes`` stopped after their due date (or never)."""
    return Clock.objects.filter(
        subject_type=SUBJECT,
        subject_id=Cast(OuterRef("pk"), CharField()),
        rule__code__in=rule_codes,
    ).filter(Q(stopped_on__gt=F("due_on")) | Q(stopped_on__isnull=True))


def on_time(org, p):
    return handled(org, p).exclude(Exists(_clock_late(HANDLING)))


def signed_on_time(org, p):
    return handled(org, p).exclude(Exists(_clock_late(("RX-3",))))


def first_time(org, p):
    return handled(org, p).filter(rounds=0)


def rehandled(org, p):
    return handled(org, p).filter(rounds__gt=0)


def returned(org, p):
    return handled(org, p).filter(returns__gt=0)


def callbacks(org, p):
    return in_subtree(Callback.objects.all(), org, "order__org").filter(between("on", p))


def satisfied(org, p):
    return callbacks(org, p).filter(result__in=[Satisfaction.SATISFIED, Satisfaction.BASIC])


register(
    Indicator(
        "HL-CLOSED",
        "办结市民热线工单数",
        "件",
        "当年办结的12345热线工单（直接办结的咨询和承办单位答复后由热线办审核办结的工单；"
        "合并的重复工单不计）。写法按万件保留一位小数。",
        "办结日期",
        MODULE,
        closed,
        style="wan",
    )
)
register(
    Indicator(
        "HL-CLOSED-EXACT",
        "办结市民热线工单数（精确）",
        "件",
        "同 HL-CLOSED，按件计。",
        "办结日期",
        MODULE,
        closed,
    )
)
register(
    Ratio(
        "HL-SATISFACTION",
        "回访满意度",
        "%",
        "当年回访中来电人表示满意或基本满意的次数除以回访总次数（每一办理轮次回访一次）。",
        "回访日期",
        MODULE,
        callbacks,
        numerator=satisfied,
    )
)
for code, name, definition, num in [
    ("HL-SIGN-ON-TIME", "按时签收率", "签收时限（RX-3）均按时停止的工单", signed_on_time),
    (
        "HL-ON-TIME",
        "按时办结率",
        "办理答复时限（RX-1/RX-4，含批准的延期）均按时停止的工单",
        on_time,
    ),
    ("HL-FIRST-TIME", "一次办结率", "未经不满意重办即办结的工单", first_time),
    ("HL-REHANDLE", "重办率", "回访不满意后重办过的工单", rehandled),
    ("HL-RETURN", "退单率", "曾被承办单位退回的工单", returned),
]:
    register(
        Ratio(
            code,
            name,
            "%",
            f"{definition}除以当年经承办单位办理后办结的工单（不含直接办结）。",
            "办结日期",
            MODULE,
            handled,
            numerator=num,
        )
    )
