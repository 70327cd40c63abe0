"""Reads of the portal monitor, every one through the kernel's scoping (deny by default).

A user sees the sites of the organisations in their scope, and everything hanging off those
sites (versions, runs, findings, probes, bulletins); an object outside it is a 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet

from fazhi.core import clock, matterlinks, scoping

from . import bulletins
from .engine.uptime import UptimeStats
from .models import (
    Bulletin,
    CrawlRun,
    DistrictBulletin,
    Finding,
    FindingStatus,
    LexiconVersion,
    Probe,
    RunStatus,
    Site,
    SiteConfigVersion,
)
from .services import MANAGE_ROLES


def sites(user) -> QuerySet[Site]:
    return scoping.scope(user, Site).select_related("org")


def site_for(user, pk: Any, *, write: bool = False) -> Site:
    roles = MANAGE_ROLES if write else None
    return scoping.get_for(user, sites(user), pk, roles=roles)


def versions(user, site: Site) -> QuerySet[SiteConfigVersion]:
    return scoping.scope(user, SiteConfigVersion).filter(site=site).order_by("-number")


def lexicon_versions(user) -> QuerySet[LexiconVersion]:
    return scoping.scope(user, LexiconVersion).select_related("org")


def runs(user, site: Site | None = None) -> QuerySet[CrawlRun]:
    qs = scoping.scope(user, CrawlRun).select_related("site", "config_version", "lexicon_version")
    return qs.filter(site=site) if site is not None else qs


COLUMN_RULES = ("FRESH.column_stale", "FRESH.column_blank")


def column_findings(user, *, column: str, month: str) -> list[matterlinks.Offer]:
    """The month's findings on a column named ``column`` (stale or blank), not dismissed, in
    the user's scope: offered to open government's monthly content-duty check through the
    kernel (``matterlinks.offers("website.column", ...)``)."""
    qs = (
        findings(user, {"month": month})
        .filter(rule_id__in=COLUMN_RULES, detail__column=column)
        .exclude(status=FindingStatus.DISMISSED)
        .order_by("id")
    )
    return [
        matterlinks.Offer(
            Finding._meta.label_lower, str(f.pk), f"{f.site.name}：{f.evidence}"[:300]
        )
        for f in qs
    ]


def run_for(user, pk: Any) -> CrawlRun:
    return scoping.get_for(user, runs(user), pk)


def findings(user, params: Any = None) -> QuerySet[Finding]:
    """Findings in the user's scope, filtered by ``params`` (a GET QueryDict or dict):
    finding (one finding, as a link from another domain opens it), site, run, month, rule,
    severity, status, confirm=1 (needs confirmation only)."""
    qs = scoping.scope(user, Finding).select_related("site", "run")
    p = params or {}
    if str(p.get("finding", "")).isdigit():
        qs = qs.filter(pk=int(p["finding"]))
    if p.get("site"):
        qs = qs.filter(site__code=p["site"])
    if str(p.get("run", "")).isdigit():
        qs = qs.filter(run_id=int(p["run"]))
    if p.get("month"):
        qs = qs.filter(run__month=p["month"])
    if p.get("rule"):
        qs = qs.filter(rule_id__startswith=p["rule"])
    if p.get("severity"):
        qs = qs.filter(severity=p["severity"])
    if p.get("status") in FindingStatus.values:
        qs = qs.filter(status=p["status"])
    if p.get("confirm") == "1":
        qs = qs.filter(needs_confirmation=True)
    return qs


def finding_for(user, pk: Any, *, write: bool = False) -> Finding:
    roles = MANAGE_ROLES if write else None
    return scoping.get_for(
        user, scoping.scope(user, Finding).select_related("site"), pk, roles=roles
    )


def run_counts(run: CrawlRun) -> dict[str, int]:
    """Findings of a run by severity (dismissed ones apart) and the ones awaiting a decision."""
    agg = run.findings.aggregate(
        total=Count("id"),
        high=Count("id", filter=Q(severity="high") & ~Q(status=FindingStatus.DISMISSED)),
        medium=Count("id", filter=Q(severity="medium") & ~Q(status=FindingStatus.DISMISSED)),
        low=Count("id", filter=Q(severity="low") & ~Q(status=FindingStatus.DISMISSED)),
        dismissed=Count("id", filter=Q(status=FindingStatus.DISMISSED)),
        pending=Count("id", filter=Q(needs_confirmation=True, status=FindingStatus.OPEN)),
    )
    return {k: int(v or 0) for k, v in agg.items()}


def bulletins_for(user) -> QuerySet[Bulletin]:
    return scoping.scope(user, Bulletin).select_related("site", "run")


def bulletin_for(user, pk: Any) -> Bulletin:
    return scoping.get_for(user, bulletins_for(user), pk)


def district_bulletins(user) -> QuerySet[DistrictBulletin]:
    return scoping.scope(user, DistrictBulletin).select_related("org")


def district_bulletin_for(user, pk: Any) -> DistrictBulletin:
    return scoping.get_for(user, district_bulletins(user), pk)


def probes(user, site: Site) -> QuerySet[Probe]:
    return scoping.scope(user, Probe).filter(site=site)


def uptime(site: Site, at: dt.datetime | None = None) -> UptimeStats | None:
    """19-V2 over the 7 days up to ``at`` (default now) with the site's current thresholds;
    None when the site has no configuration."""
    version = site.versions.order_by("-number").first()
    if version is None:
        return None
    from . import configtext

    th = configtext.validate_thresholds(version.thresholds_text)
    return bulletins.uptime_for(site, at or clock.now(), th)


def latest_runs(site_ids: list[int]) -> dict[int, CrawlRun]:
    """The newest run of each site (for the overview)."""
    out: dict[int, CrawlRun] = {}
    for run in CrawlRun.objects.filter(site_id__in=site_ids).order_by("site_id", "-id"):
        out.setdefault(run.site_id, run)
    return out


def months(user) -> list[str]:
    """Months that have a finished run in the user's scope, newest first."""
    qs = runs(user).filter(status=RunStatus.DONE).values_list("month", flat=True).distinct()
    return sorted(set(qs), reverse=True)
