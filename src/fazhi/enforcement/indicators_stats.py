"""Figures of the annual enforcement statistics (SZ-4), registered with the others when
``indicators`` is imported (kept apart to keep that module small)."""

from __future__ import annotations

from django.db.models import F, QuerySet

from fazhi.core.indicators import Period, in_subtree, register
from fazhi.core.models import Clock, Organisation

from .indicators_records import clock_subject_ids
from .models import AnnualStatistics

STATS_SUBJECT = "enforcement.annualstatistics"
RULE = "SZ-4"


def releases(org: Organisation | None, p: Period) -> QuerySet[AnnualStatistics]:
    """Bodies' releases of the years in the period (the data year decides, not the day of
    publication, which falls in the next January)."""
    return in_subtree(AnnualStatistics.objects.all(), org, "body__org").filter(
        year__gte=p.start.year, year__lte=p.end.year
    )


def published_releases(org: Organisation | None, p: Period) -> QuerySet[AnnualStatistics]:
    return releases(org, p).filter(published_on__isnull=False)


def releases_on_time(org: Organisation | None, p: Period) -> QuerySet[AnnualStatistics]:
    kept = Clock.objects.filter(
        subject_type=STATS_SUBJECT, rule__code=RULE, stopped_on__lte=F("due_on")
    )
    return releases(org, p).filter(pk__in=clock_subject_ids(kept))


def register_all(indicator_cls, ratio_cls, module: str) -> None:
    register(
        indicator_cls(
            "ENF-STATS-PUBLISHED",
            "公开年度执法数据的执法主体数",
            "个",
            "已公开该年度行政执法总体情况数据（SZ-4）的执法主体。",
            "数据所属年度",
            module,
            published_releases,
        )
    )
    register(
        ratio_cls(
            "ENF-STATS-ON-TIME",
            "年度执法数据按期公开率",
            "%",
            "已编制该年度执法数据的执法主体中，在次年1月31日前（SZ-4）公开的比例。",
            "数据所属年度",
            module,
            releases,
            numerator=releases_on_time,
        )
    )
