"""Crawl runs (start, progress, stop, finish, resume) and uptime probes."""

import datetime as dt
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, ledger
from fazhi.core.ledger import Actor
from fazhi.core.redaction import redact_text
from fazhi.core.scoping import require_role, require_system

from .. import actions
from ..bulletins import plain
from ..engine.crawler import CrawlResult, Progress
from ..engine.uptime import ProbeResult
from ..models import (
    CrawlRun,
    Dismissal,
    Finding,
    FindingStatus,
    Probe,
    RunStatus,
    Site,
)
from .common import (
    MANAGE_ROLES,
    STALE_AFTER,
    _name,
)
from .sites import current_config, current_lexicon


def state_dir() -> Path:
    """Where the engine's resumable crawl state lives (one SQLite file per site)."""
    return Path(getattr(settings, "MONITOR_STATE_DIR", None) or settings.HOME / "monitor")


def crawl_start(*, actor: Actor, site: Site, resume: bool = True) -> CrawlRun:
    """开始抓取: a new run for today's monitoring time point — or, with ``resume``, the
    site's unfinished run of this month (interrupted, failed, or running with no heartbeat
    for five minutes), which continues from its saved state."""
    require_role(actor, *MANAGE_ROLES, org=site.org, message=_("无权对该网站发起抓取。"))
    if not site.is_active:
        raise ValidationError(_("网站 %(c)s 已停用监测。") % {"c": site.code})
    today = clock.today()
    month = f"{today.year:04d}-{today.month:02d}"
    stale = clock.now() - STALE_AFTER
    with transaction.atomic():
        Site.objects.select_for_update().get(pk=site.pk)
        last = site.runs.order_by("-id").first()
        alive = last is not None and (
            last.status == RunStatus.QUEUED
            or (last.status == RunStatus.RUNNING and (last.heartbeat_at or last.created_at) > stale)
        )
        if alive:
            raise ValidationError(
                _("网站 %(c)s 已有抓取在进行（批次 %(n)s）。") % {"c": site.code, "n": last.pk}
            )
        unfinished = last is not None and last.status in (
            RunStatus.INTERRUPTED,
            RunStatus.FAILED,
            RunStatus.RUNNING,
        )
        if resume and unfinished and last.month == month:
            last.status = RunStatus.QUEUED
            last.stop_requested = False
            last.error = ""
            last.save(update_fields=["status", "stop_requested", "error"])
            ledger.record(
                actor=actor,
                action=actions.CRAWL_RESUME,
                subject=last,
                data={"run": last.pk, "as_of": last.as_of},
            )
            return last
        state_dir().mkdir(parents=True, exist_ok=True)
        run = CrawlRun.objects.create(
            site=site,
            config_version=current_config(site),
            lexicon_version=current_lexicon(),
            month=month,
            as_of=today,
            created_at=clock.now(),
            created_by_name=_name(actor),
            state_path=str(state_dir() / f"{site.code}.sqlite3"),
        )
        ledger.record(
            actor=actor,
            action=actions.CRAWL_START,
            subject=run,
            data={
                "as_of": today,
                "config_version": run.config_version.number,
                "lexicon_version": run.lexicon_version.number,
            },
        )
    return run


def crawl_mark_running(*, run: CrawlRun) -> CrawlRun:
    """The worker took the run (its start event was recorded by ``crawl_start``)."""
    now = clock.now()
    CrawlRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=now, heartbeat_at=now
    )
    run.refresh_from_db()
    return run


def crawl_progress(*, run: CrawlRun, progress: Progress) -> bool:
    """Store the counters of a running crawl (no ledger event: telemetry). Returns whether
    someone asked the crawl to stop."""
    CrawlRun.objects.filter(pk=run.pk).update(
        pages_done=progress.pages_done,
        urls_done=progress.urls_done,
        queued=progress.queued,
        errors=progress.errors,
        bytes_fetched=progress.bytes,
        heartbeat_at=clock.now(),
    )
    return CrawlRun.objects.filter(pk=run.pk, stop_requested=True).exists()


def crawl_stop(*, actor: Actor, run: CrawlRun) -> CrawlRun:
    """请求停止: the crawl finishes the URLs in flight, saves its state and can be resumed."""
    require_role(actor, *MANAGE_ROLES, org=run.site.org, message=_("无权停止该抓取。"))
    with transaction.atomic():
        run = CrawlRun.objects.select_for_update().get(pk=run.pk)
        if run.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
            raise ValidationError(_("该批次已结束，无需停止。"))
        run.stop_requested = True
        if run.status == RunStatus.QUEUED:
            run.status = RunStatus.INTERRUPTED
            run.stop_reason = _("发起后未开始即停止")
        run.save(update_fields=["stop_requested", "status", "stop_reason"])
        ledger.record(actor=actor, action=actions.CRAWL_STOP, subject=run, data={"run": run.pk})
    return run


def previous_snapshot(run: CrawlRun) -> dict | None:
    """The snapshot of the site's last complete run before ``run`` (K6 compares with it)."""
    prev = (
        CrawlRun.objects.filter(
            site_id=run.site_id, status=RunStatus.DONE, complete=True, as_of__lt=run.as_of
        )
        .exclude(snapshot=None)
        .order_by("-as_of", "-id")
        .first()
    )
    return prev.snapshot if prev else None


def _active_dismissals(site: Site) -> dict[str, Dismissal]:
    rows = Dismissal.objects.filter(site=site, revoked_at__isnull=True).order_by("at")
    return {d.fingerprint: d for d in rows}


def crawl_finish(*, actor: Actor, run: CrawlRun, result: CrawlResult) -> CrawlRun:
    """Store a crawl's outcome. An interrupted crawl stores only its counters (resume it);
    otherwise every finding is stored — evidence masked again by the kernel's redaction, and
    findings dismissed in an earlier month arrive already dismissed."""
    require_system(actor, message=_("抓取和探测结果只能由后台任务记录。"))
    with transaction.atomic():
        run = CrawlRun.objects.select_for_update().select_related("site").get(pk=run.pk)
        now = clock.now()
        run.finished_at = now
        run.heartbeat_at = now
        run.stop_reason = result.stop_reason[:200]
        run.complete = result.complete
        run.pages_done = result.stats.get("pages", 0)
        run.errors = result.stats.get("errors", 0)
        run.queued = 0
        counts: Counter[str] = Counter()
        if result.interrupted:
            run.status = RunStatus.INTERRUPTED
        else:
            run.status = RunStatus.DONE
            run.stats = result.stats
            run.columns = [plain(c) for c in result.columns]
            run.homepage = plain(result.homepage)
            run.snapshot = result.snapshot.to_dict() if result.complete else None
            run.cloaking_checked = len(result.cloaking_checked)
            gone = _active_dismissals(run.site)
            rows = []
            for f in result.findings:
                d = gone.get(f.fingerprint)
                rows.append(
                    Finding(
                        run=run,
                        site=run.site,
                        url=f.url,
                        rule_id=f.rule_id,
                        indicator=f.indicator,
                        severity=f.severity,
                        evidence=redact_text(f.evidence, today=run.as_of),
                        needs_confirmation=f.needs_confirmation,
                        key=f.key,
                        detail=plain(f.detail),
                        fingerprint=f.fingerprint,
                        status=FindingStatus.DISMISSED if d else FindingStatus.OPEN,
                        dismissal=d,
                        decided_at=d.at if d else None,
                        decided_by_name=d.by_name if d else "",
                        decision_note=d.reason if d else "",
                    )
                )
                counts[f.severity] += 1
                counts["dismissed"] += 1 if d else 0
            Finding.objects.bulk_create(rows, batch_size=500)
        run.save()
        ledger.record(
            actor=actor,
            action=actions.CRAWL_FINISH,
            subject=run,
            data={
                "status": run.status,
                "complete": run.complete,
                "stop_reason": run.stop_reason,
                "pages": run.pages_done,
                "findings": dict(counts),
            },
        )
    return run


def crawl_fail(*, actor: Actor, run: CrawlRun, error: str) -> CrawlRun:
    """The crawl stopped on an error; its saved state lets it be resumed."""
    require_system(actor, message=_("抓取和探测结果只能由后台任务记录。"))
    with transaction.atomic():
        run = CrawlRun.objects.select_for_update().get(pk=run.pk)
        run.status = RunStatus.FAILED
        run.error = error[:2000]
        run.finished_at = clock.now()
        run.save(update_fields=["status", "error", "finished_at"])
        ledger.record(actor=actor, action=actions.CRAWL_FAIL, subject=run, data={"error": error})
    return run


def probe_record(*, actor: Actor, site: Site, result: ProbeResult) -> Probe:
    """Record one availability probe of the site's homepage (19-V2)."""
    require_system(actor, message=_("抓取和探测结果只能由后台任务记录。"))
    with transaction.atomic():
        probe = Probe.objects.create(
            site=site,
            at=result.at,
            ok=result.ok,
            status=result.status,
            elapsed_ms=int(result.latency * 1000) if result.latency is not None else None,
            error=(result.error or "")[:200],
        )
        ledger.record(
            actor=actor,
            action=actions.PROBE,
            subject=site,
            data={
                "ok": probe.ok,
                "status": probe.status,
                "ms": probe.elapsed_ms,
                "err": probe.error,
            },
        )
    return probe


def probe_schedule_mark(
    *, actor: Actor, site: Site, day: dt.date, times: list[dt.datetime]
) -> bool:
    """Mark ``day``'s probes of ``site`` as scheduled; False when they already were (so a
    second scheduler chain never doubles the probes)."""
    require_system(actor, message=_("抓取和探测结果只能由后台任务记录。"))
    with transaction.atomic():
        s = Site.objects.select_for_update().get(pk=site.pk)
        if s.probes_scheduled_through and s.probes_scheduled_through >= day:
            return False
        s.probes_scheduled_through = day
        s.save(update_fields=["probes_scheduled_through"])
        ledger.record(
            actor=actor,
            action=actions.PROBE_SCHEDULE,
            subject=s,
            data={"day": day, "probes": len(times), "first": min(times), "last": max(times)},
        )
    return True


def crawl_request(*, actor: Actor, site: Site) -> CrawlRun:
    """发起抓取 from the workspace: the run is queued and a background worker crawls it."""
    from .. import tasks

    require_role(actor, *MANAGE_ROLES, org=site.org, message=_("无权对该网站发起抓取。"))
    with transaction.atomic():
        run = crawl_start(actor=actor, site=site)
        transaction.on_commit(lambda: tasks.crawl_site.enqueue(run.pk))
    return run
