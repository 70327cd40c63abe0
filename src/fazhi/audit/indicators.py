"""Audit and legacy-commitment figures (seed 一(六)1: 全年完成审计项目268个，审减金额
2.6亿元; 一(六)2: 所有问题全部建立台账), one indicator per figure, each able to list its
records.

An audit project counts as **completed** (完成) in the year of its report date, for the
organisation of its audit body — and, when an audit body outside the district (the
provincial audit department) carried it out, for the audited body's; its
**审减** is 送审金额 − 审定金额 of that project. A rectification is **on time** when it was
closed (销号) by the audit body on or before its SJ-1 due date.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q

from fazhi.core import cnformat
from fazhi.core.indicators import Indicator, between, in_subtree, register
from fazhi.core.models import Clock

from .models import (
    AuditProject,
    Commitment,
    CommitmentProgress,
    CommitmentStatus,
    Finding,
    Rectification,
    RectificationStatus,
)

MODULE = "audit"


@dataclass(frozen=True)
class YiYuanIndicator(Indicator):
    """An amount stated in 亿元 (the seed's 审减金额2.6亿元). The kernel's indicator styles
    stop at 万元; this belongs there (``style="yi_yuan"``) — see the branch report."""

    def format(self, value: int | Decimal) -> str:
        return cnformat.fmt_yi_yuan(Decimal(value))


def completed(org, period):
    """The projects of the audit bodies of ``org``'s subtree, and those an audit body outside
    the district (an upper audit body: 配合省审计厅对区委、区政府主要领导开展了经济责任审计…)
    carried out on a body of the subtree — the seed's 268个 counts both."""
    qs = AuditProject.objects.filter(between("reported_on", period))
    if org is None:
        return qs
    root = "/" + org.path.strip("/").split("/")[0] + "/"
    upper = Q(audited__path__startswith=org.path) & ~Q(org__path__startswith=root)
    return qs.filter(Q(org__path__startswith=org.path) | upper)


def findings(org, period):
    return in_subtree(Finding.objects.all(), org, "project__org").filter(
        between("project__reported_on", period)
    )


def rect_closed(org, period):
    return in_subtree(Rectification.objects.all(), org).filter(
        status=RectificationStatus.CLOSED,
        **{"closed_on__gte": period.start, "closed_on__lte": period.end},
    )


def rect_on_time(org, period):
    ids = Clock.objects.filter(
        subject_type="audit.rectification", rule__code="SJ-1", stopped_on__lte=F("due_on")
    ).values_list("subject_id", flat=True)
    return rect_closed(org, period).filter(pk__in=[int(i) for i in ids])


def ledger(org, period):
    return in_subtree(Commitment.objects.all(), org).filter(between("received_on", period))


def resolved(org, period):
    return (
        in_subtree(Commitment.objects.all(), org)
        .filter(status__in=[CommitmentStatus.RESOLVED, CommitmentStatus.CLOSED])
        .filter(between("resolved_on", period))
    )


def settled(org, period):
    return in_subtree(CommitmentProgress.objects.all(), org, "commitment__org").filter(
        between("on", period), settled__gt=0
    )


register(
    Indicator(
        "AUD-PROJECTS",
        "完成审计项目数",
        "个",
        "当年出具审计报告的审计项目（区审计局及上级审计机关在本区实施的）。",
        "审计报告日期",
        MODULE,
        completed,
    )
)
register(
    YiYuanIndicator(
        "AUD-CUT",
        "审减金额",
        "元",
        "当年完成的审计项目中，送审金额减审定金额之和（政府投资项目结算审计的审减）。",
        "审计报告日期",
        MODULE,
        completed,
        sum_field="cut_amount",
        style="yi_yuan",
    )
)
register(
    Indicator(
        "AUD-FINDINGS",
        "审计发现问题数",
        "个",
        "当年完成的审计项目的审计报告所列问题。",
        "审计报告日期",
        MODULE,
        findings,
    )
)
register(
    Indicator(
        "AUD-RECT-CLOSED",
        "审计整改销号问题数",
        "个",
        "当年经审计机关确认销号的审计发现问题。",
        "销号日期",
        MODULE,
        rect_closed,
    )
)
register(
    Indicator(
        "AUD-RECT-ON-TIME",
        "按期整改销号问题数",
        "个",
        "当年销号、且销号日期不晚于整改期限（SJ-1）的审计发现问题。",
        "销号日期",
        MODULE,
        rect_on_time,
    )
)
register(
    Indicator(
        "COM-LEDGER",
        "新官不理旧账问题入账数",
        "个",
        "当年登记入账的新官不理旧账问题（政策承诺不兑现、合同协议不履行、拖欠企业账款、"
        "生效判决不执行、产权纠纷、历史遗留问题）。",
        "登记日期",
        MODULE,
        ledger,
    )
)
register(
    Indicator(
        "COM-RESOLVED",
        "新官不理旧账问题化解数",
        "个",
        "当年认定已化解（含其后销号的）的问题。",
        "化解日期",
        MODULE,
        resolved,
    )
)
register(
    Indicator(
        "COM-SETTLED",
        "新官不理旧账兑现金额",
        "元",
        "当年各进展记录中兑现（支付、履行）的金额之和。",
        "进展日期",
        MODULE,
        settled,
        sum_field="settled",
        style="wan_yuan",
    )
)
