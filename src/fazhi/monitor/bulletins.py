"""From stored records to the engine's bulletin, and the frozen snapshot a Bulletin keeps.

The engine's ``build_bulletin`` takes a crawl result; here the result is rebuilt from a stored
run: its findings as staff decided them (dismissed ones left out, confirmed ones counted as
confirmed), its column and homepage freshness, and the uptime probes of the 7 days before the
monitoring time point (V2). The snapshot adds what the engine does not know: the document
number and date, the issuer, every finding of the run with its status, and the month-over-month
comparison with the previous month's run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from types import SimpleNamespace
from typing import Any

from fazhi.core import clock, cnformat

from . import configtext
from .engine.bulletin import Bulletin as EngineBulletin
from .engine.bulletin import DeductionRow, RectItem, VetoRow, build_bulletin
from .engine.checks.freshness import ColumnStatus, HomepageStatus
from .engine.config import Thresholds
from .engine.findings import SEVERITY_ORDER
from .engine.findings import Finding as EngineFinding
from .engine.uptime import ProbeResult, UptimeStats, uptime_stats
from .models import CrawlRun, Finding, FindingStatus, Probe, RunStatus, Site

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_month(text: str) -> tuple[int, int]:
    """``"2026-11"`` → (2026, 11); ValueError otherwise."""
    m = MONTH.match(text or "")
    if not m:
        raise ValueError(f"月份应写作 YYYY-MM，如 2026-11：{text!r}")
    return int(m.group(1)), int(m.group(2))


def previous_month(month: str) -> str:
    y, m = parse_month(month)
    y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return f"{y:04d}-{m:02d}"


def run_for_month(site: Site, month: str) -> CrawlRun | None:
    """The site's last finished run of ``month``."""
    return (
        CrawlRun.objects.filter(site=site, month=month, status=RunStatus.DONE)
        .order_by("-as_of", "-id")
        .first()
    )


def plain(value: Any) -> Any:
    """JSON-ready copy: dates and datetimes as ISO strings, tuples and sets as lists, numbers
    kept as numbers (unlike the ledger's hashing form)."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return plain(dataclasses.asdict(value))
    return value


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def engine_finding(f: Finding) -> EngineFinding:
    """The engine's Finding for a stored one; a confirmed finding no longer needs confirming."""
    return EngineFinding(
        url=f.url,
        rule_id=f.rule_id,
        indicator=f.indicator,
        severity=f.severity,  # type: ignore[arg-type]
        evidence=f.evidence,
        needs_confirmation=f.needs_confirmation and f.status != FindingStatus.CONFIRMED,
        key=f.key,
        detail=dict(f.detail or {}),
    )


def thresholds_of(run: CrawlRun) -> Thresholds:
    return Thresholds.from_mapping(configtext.parse(run.config_version.thresholds_text, "阈值"))


def as_of_end(as_of: dt.date) -> dt.datetime:
    """The end of the monitoring day in China time (the V2 window closes there)."""
    return dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time(0, 0), tzinfo=clock.CHINA)


def uptime_for(site: Site, end: dt.datetime, thresholds: Thresholds) -> UptimeStats:
    """Rolling-window availability (19-V2) from the stored probes up to ``end``."""
    days = int(thresholds.value("V2.window_days"))
    rows = Probe.objects.filter(site=site, at__gte=end - dt.timedelta(days=days), at__lt=end)
    results = [
        ProbeResult(
            p.at.astimezone(clock.CHINA),
            p.ok,
            p.status,
            p.elapsed_ms / 1000 if p.elapsed_ms is not None else None,
            p.error,
        )
        for p in rows.order_by("at")
    ]
    return uptime_stats(results, end, thresholds)


def build(site: Site, run: CrawlRun) -> tuple[EngineBulletin, dict[str, str], list[Finding]]:
    """The engine's bulletin for a stored run, a map from the rebuilt findings' fingerprints to
    the stored ones (they differ only if redaction changed an evidence text), and the run's
    stored findings."""
    version = run.config_version
    cfg = configtext.engine_site(
        code=site.code,
        version_no=version.number,
        text=version.text,
        thresholds_text=version.thresholds_text,
        lexicon_text=run.lexicon_version.text,
        lexicon_no=run.lexicon_version.number,
    )
    stored = list(run.findings.order_by("id"))
    live = [f for f in stored if f.status != FindingStatus.DISMISSED]
    rebuilt = [engine_finding(f) for f in live]
    fpmap = {e.fingerprint: f.fingerprint for e, f in zip(rebuilt, live, strict=True)}
    hp = dict(run.homepage or {})
    homepage = (
        HomepageStatus(**{**hp, "latest": _date(hp.get("latest"))})
        if hp
        else HomepageStatus(None, None, "未检测", "首页")
    )
    columns = [ColumnStatus(**{**c, "latest": _date(c.get("latest"))}) for c in run.columns or []]
    result = SimpleNamespace(
        findings=rebuilt,
        as_of=run.as_of,
        homepage=homepage,
        columns=columns,
        stats=run.stats or {},
        complete=run.complete,
        stop_reason=run.stop_reason,
        cloaking_checked=[None] * run.cloaking_checked,
    )
    y, m = parse_month(run.month)
    uptime = uptime_for(site, as_of_end(run.as_of), cfg.thresholds)
    b = build_bulletin(result, site=cfg, uptime=uptime, period=cnformat.fmt_month(y, m))
    for item in b.rectification:
        item.fingerprint = fpmap.get(item.fingerprint, item.fingerprint)
    return b, fpmap, stored


# --------------------------------------------------------------------------- snapshot


def _finding_dict(f: EngineFinding, fpmap: dict[str, str]) -> dict[str, Any]:
    d = f.to_dict()
    d["fingerprint"] = fpmap.get(f.fingerprint, f.fingerprint)
    d["label"] = f.label
    return d


def bulletin_dict(b: EngineBulletin, fpmap: dict[str, str]) -> dict[str, Any]:
    """The engine's Bulletin as plain JSON (inverse: :func:`engine_bulletin`)."""
    out: dict[str, Any] = {}
    for field in dataclasses.fields(b):
        value = getattr(b, field.name)
        if isinstance(value, list) and value and isinstance(value[0], EngineFinding):
            out[field.name] = [_finding_dict(f, fpmap) for f in value]
        elif dataclasses.is_dataclass(value):
            out[field.name] = dataclasses.asdict(value)
        elif isinstance(value, list):
            out[field.name] = [
                dataclasses.asdict(x) if dataclasses.is_dataclass(x) else x for x in value
            ]
        else:
            out[field.name] = value
    return plain(out)


def engine_bulletin(d: dict[str, Any]) -> EngineBulletin:
    """Rebuild the engine's Bulletin from :func:`bulletin_dict` (for its HTML renderer)."""

    def fs(rows):
        return [EngineFinding.from_dict({k: v for k, v in r.items() if k != "label"}) for r in rows]

    up = d.get("uptime")
    uptime = None
    if up:
        uptime = UptimeStats(
            **{
                **up,
                "window_start": dt.datetime.fromisoformat(up["window_start"]),
                "window_end": dt.datetime.fromisoformat(up["window_end"]),
            }
        )
    hp = d["homepage"]
    return EngineBulletin(
        title=d["title"],
        site_name=d["site_name"],
        site_id=d["site_id"],
        owner=d["owner"],
        period=d["period"],
        as_of=dt.date.fromisoformat(d["as_of"]),
        scope=d["scope"],
        method=d["method"],
        conclusion=d["conclusion"],
        vetoes=[VetoRow(**v) for v in d["vetoes"]],
        score=d["score"],
        deductions=[DeductionRow(**x) for x in d["deductions"]],
        injection=fs(d["injection"]),
        homepage=HomepageStatus(**{**hp, "latest": _date(hp.get("latest"))}),
        columns=[ColumnStatus(**{**c, "latest": _date(c.get("latest"))}) for c in d["columns"]],
        broken_links=fs(d["broken_links"]),
        expression=fs(d["expression"]),
        privacy=fs(d["privacy"]),
        changes=fs(d["changes"]),
        identifiers=fs(d["identifiers"]),
        rectification=[RectItem(**r) for r in d["rectification"]],
        notes=list(d["notes"]),
        uptime=uptime,
    )


def _tally(findings: list[Finding]) -> dict[str, Any]:
    live = [f for f in findings if f.status != FindingStatus.DISMISSED]
    by = {s: sum(1 for f in live if f.severity == s) for s in SEVERITY_ORDER}
    return {"total": len(live), "by_severity": by, "fingerprints": {f.fingerprint for f in live}}


def month_over_month(site: Site, run: CrawlRun, findings: list[Finding]) -> dict[str, Any]:
    """环比: counts by severity this month and last, and how many problems are new or gone."""
    now = _tally(findings)
    prev_month = previous_month(run.month)
    prev_run = run_for_month(site, prev_month)
    out: dict[str, Any] = {
        "month": run.month,
        "previous_month": prev_month,
        "total": now["total"],
        "by_severity": now["by_severity"],
        "has_previous": prev_run is not None,
    }
    if prev_run is not None:
        before = _tally(list(prev_run.findings.all()))
        out.update(
            previous_total=before["total"],
            previous_by_severity=before["by_severity"],
            new=len(now["fingerprints"] - before["fingerprints"]),
            resolved=len(before["fingerprints"] - now["fingerprints"]),
        )
    return out


def snapshot(*, site: Site, run: CrawlRun, number: str, issued_on: dt.date) -> dict[str, Any]:
    """Everything a generated bulletin shows, frozen as JSON."""
    b, fpmap, stored = build(site, run)
    issuer = configtext.bulletin_settings(run.config_version.text)["issuer"] or site.org.name
    return plain(
        {
            "number": number,
            "issued_on": issued_on,
            "issued_on_text": cnformat.fmt_date(issued_on),
            "issuer": issuer,
            "month": run.month,
            "site": {"code": site.code, "name": site.name, "org": site.org.name},
            "run": {
                "id": run.pk,
                "as_of": run.as_of,
                "as_of_text": cnformat.fmt_date(run.as_of),
                "complete": run.complete,
                "stop_reason": run.stop_reason,
                "config_version": run.config_version.number,
                "lexicon_version": run.lexicon_version.number,
            },
            "bulletin": bulletin_dict(b, fpmap),
            "findings": [
                {
                    "url": f.url,
                    "rule_id": f.rule_id,
                    "label": engine_finding(f).label,
                    "indicator": f.indicator,
                    "severity": f.severity,
                    "evidence": f.evidence,
                    "needs_confirmation": f.needs_confirmation,
                    "status": f.status,
                    "decision_note": f.decision_note,
                    "fingerprint": f.fingerprint,
                }
                for f in stored
            ],
            "mom": month_over_month(site, run, stored),
        }
    )


def standalone_html(snap: dict[str, Any]) -> str:
    """The engine's standalone HTML page of a bulletin snapshot, with its number and date."""
    from html import escape

    from .engine.bulletin import render_html

    page = render_html(engine_bulletin(snap["bulletin"]))
    head = (
        f'</h1>\n<p style="text-align:center">{escape(snap["number"])}</p>\n'
        f'<p style="text-align:right">{escape(snap["issuer"])}<br>'
        f"{escape(snap['issued_on_text'])}</p>"
    )
    return page.replace("</h1>", head, 1)
