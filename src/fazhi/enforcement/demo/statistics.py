"""Demo step after the enforcement year: every body prepares its 2019 figures in the first
week of January 2020 and publishes them by the SZ-4 day (31 January), through the services —
so the public statistics page, the clocks and ``ENF-STATS-ON-TIME`` have their records."""

from __future__ import annotations

import datetime as dt

from fazhi.core import demo as core_demo

from ..models import EnforcementBody
from ..services import statistics

YEAR = 2019
PREPARED = dt.date(2020, 1, 6)
PUBLISHED = dt.date(2020, 1, 20)


def load() -> None:
    for body in EnforcementBody.objects.select_related("org").order_by("org__name"):
        stats = statistics.statistics_prepare(
            actor=core_demo.ACTOR, body=body, year=YEAR, on=PREPARED
        )
        statistics.statistics_publish(
            actor=core_demo.ACTOR,
            stats=stats,
            on=PUBLISHED,
            summary=(
                f"{body.org.name}{YEAR}年度行政执法总体情况数据如下，"
                "数据取自本平台的办案记录，按国办发〔2018〕118号要求公开。"
            ),
        )
