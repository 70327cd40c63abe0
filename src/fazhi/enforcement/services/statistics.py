"""Annual enforcement statistics (上一年度行政执法总体情况数据): prepared from the indicators,
published by 31 January under SZ-4 (国办发〔2018〕118号), with the clock on the record.

``statistics_prepare`` opens the year's release for a body — a draft holding the figures as
they stand — and starts the SZ-4 clock (start day: 31 December of the data year, as the rule's
start event says; due 31 January next). ``statistics_publish`` takes the figures again at that
moment, freezes them as the published snapshot and stops the clock: publishing late is
allowed (the data still have to be public) and shows as late on the clock card and in
``ENF-STATS-ON-TIME``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clocks, cnformat, ledger
from fazhi.core.actions import register
from fazhi.core.indicators import Period, evaluate
from fazhi.core.ledger import Actor
from fazhi.core.models import Role
from fazhi.core.scoping import require_role

from .. import indicators
from ..models import AnnualStatistics, EnforcementBody

RULE = "SZ-4"
STATS_PREPARE = register("enf.stats.prepare", gettext_lazy("编制年度执法数据"))
STATS_PUBLISH = register("enf.stats.publish", gettext_lazy("公开年度执法数据"))

# The figures every body publishes, in this order.
FIGURES = (
    "ENF-CASES-RECEIVED",
    "ENF-CASES-CLOSED",
    "ENF-FINES",
    "ENF-CASES-SUMMARY",
    "ENF-INSPECTIONS",
    "ENF-MAJOR-DECISIONS",
    "ENF-REVIEW-COVERAGE",
    "ENF-PUBLISHED",
    "ENF-PUBLICITY-ON-TIME",
    "ENF-CERT-COVERAGE",
)


def figures_of(body: EnforcementBody, year: int) -> tuple[list[dict], list[list[Any]]]:
    """The body's figures for the year, and closed cases and fines by field."""
    figures = []
    period = Period.year(year)
    for code in FIGURES:
        f = evaluate(code, year=year, org=body.org)
        text = f.text
        if (
            isinstance(f.indicator, indicators.Ratio)
            and not f.indicator.records(body.org, period).exists()
        ):
            text = _("—（无此类事项）")  # a share of nothing is not 0%
        elif f.indicator.sum_field:
            text = cnformat.fmt_yuan(f.value)  # exact yuan, as in the table by field
        figures.append(
            {
                "code": code,
                "name": str(f.indicator.name),
                "unit": str(f.indicator.unit),
                "value": str(f.value),
                "text": text,
            }
        )
    cases = dict(indicators.breakdown("ENF-CASES-CLOSED", year=year, org=body.org, by="field"))
    fines = dict(indicators.breakdown("ENF-FINES", year=year, org=body.org, by="field"))
    cent = Decimal("0.01")
    by_field = [
        [name, n, str(Decimal(fines.get(name) or 0).quantize(cent))] for name, n in cases.items()
    ]
    return figures, by_field


def _publishers(actor: Actor, body: EnforcementBody) -> None:
    require_role(
        actor,
        Role.LEADER,
        Role.ADMIN,
        org=body.org,
        message=_("只有本执法主体负责人或系统管理员可以编制和公开年度执法数据。"),
    )


def statistics_prepare(
    *, actor: Actor, body: EnforcementBody, year: int, on: dt.date
) -> AnnualStatistics:
    """Open (or refresh) the body's draft for ``year`` — only once the year has ended."""
    _publishers(actor, body)
    if on <= dt.date(year, 12, 31):
        raise ValidationError(_("%(y)s年尚未结束，不能编制该年度的执法数据。") % {"y": year})
    figures, by_field = figures_of(body, year)
    with transaction.atomic():
        stats, created = AnnualStatistics.objects.select_for_update().get_or_create(
            body=body, year=year, defaults={"prepared_on": on}
        )
        if stats.published_on:
            raise ValidationError(
                _("%(s)s已于 %(d)s 公开。") % {"s": stats, "d": stats.published_on.isoformat()}
            )
        stats.figures, stats.by_field, stats.prepared_on = figures, by_field, on
        stats.save()
        if created:
            clocks.start(
                actor=actor,
                subject=stats,
                rule_code=RULE,
                on=dt.date(year, 12, 31),
                org=body.org,
                label=_("公开%(y)s年度行政执法数据") % {"y": year},
            )
        ledger.record(
            actor=actor,
            action=STATS_PREPARE,
            subject=stats,
            org=body.org,
            data={"year": year, "figures": {f["code"]: f["value"] for f in figures}},
        )
    return stats


def statistics_publish(
    *, actor: Actor, stats: AnnualStatistics, on: dt.date, summary: str = ""
) -> AnnualStatistics:
    """Publish the release: the figures are taken again now and frozen; the clock stops."""
    _publishers(actor, stats.body)
    if on <= dt.date(stats.year, 12, 31):
        raise ValidationError(_("公开日期须在数据年度结束之后。"))
    figures, by_field = figures_of(stats.body, stats.year)
    with transaction.atomic():
        s = AnnualStatistics.objects.select_for_update().get(pk=stats.pk)
        if s.published_on:
            raise ValidationError(
                _("%(s)s已于 %(d)s 公开。") % {"s": s, "d": s.published_on.isoformat()}
            )
        s.figures, s.by_field, s.published_on = figures, by_field, on
        s.summary = summary.strip()
        s.save()
        for c in clocks.for_subject(s).filter(rule__code=RULE, stopped_on__isnull=True):
            clocks.stop(actor=actor, clock=c, on=on)
        ledger.record(
            actor=actor,
            action=STATS_PUBLISH,
            subject=s,
            org=s.body.org,
            data={
                "year": s.year,
                "on": on,
                "figures": {f["code"]: f["value"] for f in figures},
                "by_field": by_field,
            },
        )
    return s
