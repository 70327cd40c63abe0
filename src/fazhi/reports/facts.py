"""Facts offered to the people who write 二、存在的问题 and 三、下一步工作思路: which bodies
closed most matters late in the year, which have the lowest on-time rate, which have matters
overdue today — from the kernel's clocks of every domain, within the report's organisation
subtree. Each fact links to the records behind it (the kernel's clock indicators for that
body)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clock, cnformat, indicators
from fazhi.core.models import Clock, Organisation

from .compose import figure_url

LIMIT = 5


@dataclass(frozen=True)
class Fact:
    org: str
    text: str
    url: str


def _late_by_body(org: Organisation, year: int):
    period = indicators.Period.year(year)
    return (
        indicators.in_subtree(Clock.objects.all(), org)
        .filter(indicators.between("stopped_on", period), party=False)
        .values("org", "org__name")
        .annotate(stopped=Count("id"), late=Count("id", filter=Q(stopped_on__gt=F("due_on"))))
    )


def most_late(org: Organisation, year: int) -> list[Fact]:
    rows = sorted(
        (r for r in _late_by_body(org, year) if r["late"]),
        key=lambda r: (-r["late"], r["org__name"]),
    )[:LIMIT]
    return [
        Fact(
            r["org__name"],
            _("超期办结%(late)d件（办结%(n)d件）") % {"late": r["late"], "n": r["stopped"]},
            figure_url("K-CLOCK-LATE", year, Organisation(pk=r["org"])),
        )
        for r in rows
    ]


def lowest_on_time(org: Organisation, year: int) -> list[Fact]:
    rows = [r for r in _late_by_body(org, year) if r["stopped"]]
    rows.sort(key=lambda r: (Decimal(r["stopped"] - r["late"]) / r["stopped"], r["org__name"]))
    return [
        Fact(
            r["org__name"],
            _("按期办结率%(rate)s")
            % {"rate": cnformat.fmt_percent(Decimal(r["stopped"] - r["late"]) / r["stopped"])},
            figure_url("K-CLOCK-ON-TIME", year, Organisation(pk=r["org"])),
        )
        for r in rows[:LIMIT]
        if r["late"]
    ]


def overdue_now(org: Organisation, year: int) -> list[Fact]:
    rows = (
        indicators.in_subtree(Clock.objects.all(), org)
        .filter(stopped_on__isnull=True, paused=False, party=False, due_on__lt=clock.today())
        .values("org", "org__name")
        .annotate(n=Count("id"))
        .order_by("-n", "org__name")[:LIMIT]
    )
    return [
        Fact(
            r["org__name"],
            _("当前超期未办结%(n)d件") % {"n": r["n"]},
            figure_url("K-CLOCK-OVERDUE-NOW", year, Organisation(pk=r["org"])),
        )
        for r in rows
    ]


def offered(org: Organisation, year: int) -> list[tuple[str, list[Fact]]]:
    return [
        (gettext_lazy("超期办结最多的单位"), most_late(org, year)),
        (gettext_lazy("按期办结率最低的单位"), lowest_on_time(org, year)),
        (gettext_lazy("当前超期未办结的单位"), overdue_now(org, year)),
    ]
