"""Background work on the Tasks framework (django-tasks; database backend by default).

* ``crawl_site(run_id)`` — crawl a run queued from the workspace.
* ``probe_site(site_id)`` — one availability probe of a site's homepage (19-V2).
* ``scheduled_crawl(site_id, due)`` — the monthly crawl of a site (``services.schedule_set``
  enqueues it; each run enqueues the next month's first, then crawls).
* ``schedule_probes(day)`` — enqueue every active site's probes for ``day`` as deferred tasks
  (at least 20 spaced times a day, from the engine's schedule), then enqueue itself for the
  next midnight. Start the chain once with ``fazhi monitor probe --schedule``; a second chain
  notices that the day is already scheduled and ends.

The schedule lives in the task table (``run_after``), so tests drive a simulated week by
executing the due tasks under a frozen kernel clock — no real waiting.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django_tasks import task

from fazhi.core import clock
from fazhi.core.ledger import SystemActor

from . import runner, services
from .models import CrawlRun, RunStatus, Site

ACTOR = SystemActor("网站监测（后台任务）")


@task()
def crawl_site(run_id: int) -> dict:
    """Crawl a queued run to the end; a run no longer queued (stopped meanwhile) is skipped."""
    run = CrawlRun.objects.select_related("site", "config_version", "lexicon_version").get(
        pk=run_id
    )
    if run.status != RunStatus.QUEUED:
        return {"run": run_id, "skipped": run.status}
    run = runner.execute(actor=ACTOR, run=run)
    return {"run": run.pk, "status": run.status, "findings": run.findings.count()}


@task()
def scheduled_crawl(site_id: int, due: str) -> dict:
    """The monthly crawl due at ``due`` (ISO datetime); stale tasks end without crawling."""
    site = Site.objects.select_related("org").get(pk=site_id)
    at = dt.datetime.fromisoformat(due)
    if not services.schedule_advance(actor=ACTOR, site=site, due=at):
        return {"site": site_id, "due": due, "skipped": "superseded"}
    try:
        run = services.crawl_start(actor=ACTOR, site=site)
    except ValidationError as exc:
        return {"site": site_id, "due": due, "skipped": "; ".join(exc.messages)}
    run = runner.execute(actor=ACTOR, run=run)
    return {"site": site_id, "due": due, "run": run.pk, "status": run.status}


@task()
def probe_site(site_id: int) -> dict:
    """Probe the site's homepage once, now."""
    site = Site.objects.select_related("org").get(pk=site_id)
    if not site.is_active:
        return {"site": site_id, "skipped": "inactive"}
    p = runner.probe(actor=ACTOR, site=site)
    return {"site": site_id, "ok": p.ok, "status": p.status, "error": p.error}


def next_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0), tzinfo=clock.CHINA)


@task()
def schedule_probes(day: str | None = None) -> dict:
    """Enqueue ``day``'s probes (default: today) for every active site not yet scheduled,
    then the scheduler for the next day."""
    on = dt.date.fromisoformat(day) if day else clock.today()
    now = clock.now()
    active = list(Site.objects.filter(is_active=True).select_related("org"))
    scheduled = probes = 0
    for site in active:
        times = runner.day_schedule(site, on)
        if not services.probe_schedule_mark(actor=ACTOR, site=site, day=on, times=times):
            continue
        scheduled += 1
        for at in times:
            if at >= now:
                probe_site.using(run_after=at).enqueue(site.pk)
                probes += 1
    duplicate = bool(active) and scheduled == 0
    if not duplicate:
        schedule_probes.using(run_after=next_midnight(on)).enqueue(
            (on + dt.timedelta(days=1)).isoformat()
        )
    return {"day": on.isoformat(), "sites": scheduled, "probes": probes, "chain": not duplicate}
