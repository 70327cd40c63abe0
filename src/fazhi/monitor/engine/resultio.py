"""A crawl result as JSON: a small summary, and the full result written and read back."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .analyse import PageOutcome
from .checks import k6_diff
from .checks.freshness import ColumnStatus, HomepageStatus
from .checks.k7_links import LinkStatus
from .crawler import CrawlResult
from .findings import Finding


def result_summary(result: CrawlResult) -> dict[str, Any]:
    """A small JSON-friendly summary (stats + findings) of a crawl."""
    return {
        "site_id": result.site_id,
        "as_of": result.as_of.isoformat(),
        "complete": result.complete,
        "stop_reason": result.stop_reason,
        "stats": result.stats,
        "findings": [f.to_dict() for f in result.findings],
        "columns": [asdict(c) for c in result.columns],
    }


def save_result(result: CrawlResult, path: str | Path) -> None:
    """Write the full result as JSON (read back with :func:`load_result`)."""
    data = {
        "site_id": result.site_id,
        "as_of": result.as_of.isoformat(),
        "started": result.started,
        "finished": result.finished,
        "complete": result.complete,
        "interrupted": result.interrupted,
        "stop_reason": result.stop_reason,
        "pages": {u: r.to_dict() for u, r in result.pages.items()},
        "links": {u: s.to_dict() for u, s in result.links.items()},
        "findings": [f.to_dict() for f in result.findings],
        "snapshot": result.snapshot.to_dict(),
        "previous_snapshot": result.previous_snapshot.to_dict()
        if result.previous_snapshot
        else None,
        "columns": [
            {**asdict(c), "latest": c.latest.isoformat() if c.latest else None}
            for c in result.columns
        ],
        "homepage": {
            **asdict(result.homepage),
            "latest": result.homepage.latest.isoformat() if result.homepage.latest else None,
        },
        "stats": result.stats,
        "sitemap_urls": result.sitemap_urls,
        "orphans": result.orphans,
        "cloaking_checked": result.cloaking_checked,
    }
    Path(path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def load_result(path: str | Path) -> CrawlResult:
    """Inverse of :func:`save_result`."""
    d = json.loads(Path(path).read_text(encoding="utf-8"))

    def _date(x):
        return dt.date.fromisoformat(x) if x else None

    cols = [ColumnStatus(**{**c, "latest": _date(c["latest"])}) for c in d["columns"]]
    hp = HomepageStatus(**{**d["homepage"], "latest": _date(d["homepage"]["latest"])})
    return CrawlResult(
        site_id=d["site_id"],
        as_of=dt.date.fromisoformat(d["as_of"]),
        started=d["started"],
        finished=d["finished"],
        complete=d["complete"],
        interrupted=d["interrupted"],
        stop_reason=d["stop_reason"],
        pages={u: PageOutcome.from_dict(r) for u, r in d["pages"].items()},
        links={u: LinkStatus.from_dict(s) for u, s in d["links"].items()},
        findings=[Finding.from_dict(f) for f in d["findings"]],
        snapshot=k6_diff.Snapshot.from_dict(d["snapshot"]),
        previous_snapshot=k6_diff.Snapshot.from_dict(d["previous_snapshot"])
        if d.get("previous_snapshot")
        else None,
        columns=cols,
        homepage=hp,
        stats=d["stats"],
        sitemap_urls=d.get("sitemap_urls", []),
        orphans=d.get("orphans", []),
        cloaking_checked=d.get("cloaking_checked", []),
    )
