"""Homepage and column freshness (19-V3, 19-V4) and blank columns (19-V4(c)).

Items without a date count as not updated (2015 普查 footnote). A homepage with no dated items
(a navigation hub) is judged by the newest item on its second-level pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..config import COLUMN_CATEGORIES, SiteConfig
from ..findings import Finding
from ..urls import normalise_url

CATEGORY_ZH = {
    "news": "动态要闻类",
    "notice": "通知公告类",
    "policy": "政策文件类",
    "personnel": "人事类",
    "plan": "规划计划类",
    "other": "其他",
}


@dataclass
class ColumnStatus:
    """Freshness of one configured column."""

    name: str
    url: str
    category: str
    found: bool
    latest: dt.date | None
    items: int
    undated: int
    blank: bool
    days_since: int | None
    limit: str
    stale: bool


@dataclass
class HomepageStatus:
    """Freshness of the homepage."""

    latest: dt.date | None
    days_since: int | None
    status: str  # OK / 预警 / 触发 / 未检测
    via: str  # "首页" or "二级页面"


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (clamped to month end)."""
    y, m = day.year, day.month - months
    while m <= 0:
        y, m = y - 1, m + 12
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(y, m, d)
        except ValueError:
            continue
    raise ValueError(day)


def _dates(items: Iterable[tuple[str, str, str | None]]) -> list[dt.date]:
    return [dt.date.fromisoformat(d) for _, _, d in items if d]


def column_statuses(site: SiteConfig, records: Mapping, as_of: dt.date) -> list[ColumnStatus]:
    """Status of each configured column from page records (url → PageOutcome)."""
    th = site.thresholds
    out = []
    for col in site.columns:
        url = normalise_url(col.url, site.homepage) or col.url
        rec = records.get(url)
        tid = COLUMN_CATEGORIES.get(col.category, "")
        limit = ""
        if tid:
            t = th[tid]
            limit = f"{t.veto:g} {t.unit}"
        if rec is None or rec.status >= 400 or not rec.is_html:
            out.append(
                ColumnStatus(
                    col.name, url, col.category, False, None, 0, 0, False, None, limit, False
                )
            )
            continue
        items = rec.list_items
        dates = _dates(items)
        undated = sum(1 for _, _, d in items if not d)
        blank = not items or rec.blank
        latest = max(dates) if dates else None
        days = (as_of - latest).days if latest else None
        stale = False
        if tid and not blank:
            if latest is None:
                stale = True
            elif th[tid].unit == "月":
                stale = latest < months_before(as_of, int(th[tid].veto or 6))
            else:
                stale = days is not None and days > (th[tid].veto or 0)
        out.append(
            ColumnStatus(
                col.name,
                url,
                col.category,
                True,
                latest,
                len(items),
                undated,
                blank,
                days,
                limit,
                stale,
            )
        )
    return out


def homepage_status(site: SiteConfig, records: Mapping, as_of: dt.date) -> HomepageStatus:
    """Newest dated item on the homepage (or on second-level pages for a navigation hub)."""
    home = normalise_url(site.homepage) or site.homepage
    rec = records.get(home)
    if rec is None:
        return HomepageStatus(None, None, "未检测", "首页")
    dates = [d for d in _dates(rec.list_items) if d <= as_of]
    via = "首页"
    if not dates:
        via = "二级页面"
        for target, kind, _ in rec.links:
            r2 = records.get(target)
            if r2 is not None and kind == "page" and site.in_scope(target):
                dates += [d for d in _dates(r2.list_items) if d <= as_of]
    if not dates:
        return HomepageStatus(None, None, "未检测", via)
    latest = max(dates)
    days = (as_of - latest).days
    t = site.thresholds["V3.homepage_days"]
    if days > (t.veto or 14):
        status = "触发"
    elif t.warn is not None and days > t.warn:
        status = "预警"
    else:
        status = "OK"
    return HomepageStatus(latest, days, status, via)


def freshness_findings(
    site: SiteConfig, records: Mapping, as_of: dt.date
) -> tuple[list[Finding], list[ColumnStatus], HomepageStatus]:
    """Findings plus the column and homepage tables for the bulletin."""
    out: list[Finding] = []
    cols = column_statuses(site, records, as_of)
    for c in cols:
        if c.blank:
            out.append(
                Finding(
                    c.url,
                    "FRESH.column_blank",
                    "19-V4(c)",
                    "medium",
                    f"栏目「{c.name}」为空白栏目（无信息条目）",
                    key=c.url,
                    detail={"column": c.name},
                )
            )
        elif c.stale:
            a = c.category in ("news", "notice", "policy")
            when = (
                f"最新 {c.latest.isoformat()}，已 {c.days_since} 天"
                if c.latest
                else "条目无发布日期（视为未更新）"
            )
            out.append(
                Finding(
                    c.url,
                    "FRESH.column_stale",
                    "19-V4(a)" if a else "19-V4(b)",
                    "medium",
                    f"栏目「{c.name}」（{CATEGORY_ZH.get(c.category, c.category)}，期限 {c.limit}）"
                    f"未按期更新：{when}",
                    key=c.url,
                    detail={"column": c.name},
                )
            )
    hp = homepage_status(site, records, as_of)
    if hp.status in ("触发", "预警"):
        home = normalise_url(site.homepage) or site.homepage
        out.append(
            Finding(
                home,
                "FRESH.homepage",
                "19-V3",
                "high" if hp.status == "触发" else "medium",
                f"{hp.via}最新信息 {hp.latest.isoformat() if hp.latest else '—'}，"
                f"已 {hp.days_since} 天未更新（{hp.status}）",
                key="homepage",
            )
        )
    return out, cols, hp
