"""依法治区 figures (seed 一(一): the committee, its office and three groups; 制定下发
《芙蓉区依法治区委员会2019年工作要点》), in the kernel registry.

Conventions: a work plan **counts** in the year it was issued (下发日期); a work point in
the year of its plan; a point is **overdue** when its GV-1 clock passed its due date before
it stopped (or is still open past it). ``--org`` narrows a figure to the subtree of the
supervising office (plans: the office sits at the Justice Bureau, under the district
government whose report states the plan) or of the lead body (points).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, Exists, F, OuterRef, Q
from django.db.models.functions import Cast

from fazhi.core import clock, cnformat
from fazhi.core.indicators import Indicator, Period, between, in_subtree, register
from fazhi.core.models import Clock, Organisation

from .models import Body, Duty, PointStatus, WorkPlan, WorkPoint

MODULE = "governance"
SUBJECT = "governance.workpoint"


class Titled(int):
    """A count that also carries the titles of what it counts (the plans' names)."""

    titles: tuple[str, ...] = ()

    def __new__(cls, value: int, titles=()):
        obj = super().__new__(cls, value)
        obj.titles = tuple(titles)
        return obj


@dataclass(frozen=True)
class TitledCount(Indicator):
    """A count written as the names of its records (《芙蓉区依法治区委员会2019年工作要点》),
    as the report speaks of a document rather than of "1份"."""

    def figure(self, org: Organisation | None, period: Period, *, user: Any = None) -> int:
        qs = self.visible(self.records(org, period), user)
        titles = [
            f"《{t}》" for t in qs.order_by("issued_on", "pk").values_list("title", flat=True)
        ]
        return Titled(len(titles), titles)

    def format(self, value) -> str:
        titles = getattr(value, "titles", ())
        return "、".join(titles) if titles else cnformat.fmt_count(int(value), self.unit)


def plans(org, p: Period):
    """By the supervising office's place in the tree (设在区司法局, under the district
    government): the committee itself sits under the party committee, but its plan is the
    district's, reported in the government's annual report."""
    return in_subtree(WorkPlan.objects.all(), org, "office").filter(between("issued_on", p))


def points(org, p: Period):
    return (
        in_subtree(WorkPoint.objects.all(), org)
        .filter(plan__year__gte=p.start.year, plan__year__lte=p.end.year)
        .exclude(status=PointStatus.DRAFT)
    )


def _late():
    today = clock.today()
    return Clock.objects.filter(
        subject_type=SUBJECT, subject_id=Cast(OuterRef("pk"), CharField())
    ).filter(Q(stopped_on__gt=F("due_on")) | Q(stopped_on__isnull=True, due_on__lt=today))


def overdue(org, p: Period):
    return points(org, p).filter(Exists(_late()))


def done(org, p: Period):
    return points(org, p).filter(status=PointStatus.DONE)


def groups(org, p: Period):
    return in_subtree(Body.objects.all(), org).filter(
        role__in=["enforcement", "judicial", "law_abiding"], established_on__lte=p.end
    )


def duties(org, p: Period):
    return in_subtree(Duty.objects.all(), org).filter(year__gte=p.start.year, year__lte=p.end.year)


register(
    TitledCount(
        "GOV-PLANS",
        "下发的依法治区年度工作要点",
        "份",
        "当年下发的依法治区委员会年度工作要点（按下发日期），在报告中写作文件名称。",
        "下发日期",
        MODULE,
        plans,
        org_field="office",
    )
)
register(
    Indicator(
        "GOV-POINTS",
        "工作要点任务数",
        "项",
        "当年工作要点中已下发的任务。",
        "工作要点年度",
        MODULE,
        points,
    )
)
register(
    Indicator(
        "GOV-POINTS-DONE",
        "已确认完成的工作要点任务数",
        "项",
        "当年工作要点中经全面依法治区办公室确认完成的任务。",
        "工作要点年度",
        MODULE,
        done,
    )
)
register(
    Indicator(
        "GOV-POINTS-OVERDUE",
        "超期的工作要点任务数",
        "项",
        "当年工作要点中完成时限（GV-1）届满未报完成、或报完成晚于时限的任务（红牌）。",
        "工作要点年度",
        MODULE,
        overdue,
    )
)
register(
    Indicator(
        "GOV-GROUPS",
        "全面依法治区协调小组数",
        "个",
        "截至年末已成立的执法、司法、守法普法协调小组。",
        "成立日期",
        MODULE,
        groups,
    )
)
register(
    Indicator(
        "GOV-DUTIES",
        "第一责任人述法单位数",
        "个",
        "当年度已登记主要负责人述法（履行推进法治建设第一责任人职责）的单位。",
        "述法年度",
        MODULE,
        duties,
    )
)
