"""Running the engine for a stored site: the crawl (with live progress) and the uptime probe.

The engine is asyncio; the database is not. A crawl therefore runs its event loop in a worker
thread while this thread — the one with the database connection — copies the progress counters
into the run every second, watches for a stop request (or Ctrl-C) and, at the end, hands the
result to ``services.crawl_finish``. Nothing here writes a model directly.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import datetime as dt
import random
import threading
from collections.abc import Callable, Mapping
from typing import Any

from fazhi.core import clock
from fazhi.core.ledger import Actor
from fazhi.monitor.engine import aio

from . import configtext, services
from .engine.checks.k6_diff import Snapshot
from .engine.config import SiteConfig
from .engine.crawler import Progress, StopCrawl, crawl, default_client_factory
from .engine.http import curl_client_factory
from .engine.transport import mapped_client_factory
from .engine.uptime import FetchFn, UptimeProber, httpx_fetch
from .models import CrawlRun, Probe, Site

PROGRESS_EVERY = 1.0


def httpx_default():
    import httpx

    return httpx.AsyncClient(follow_redirects=False, http2=False, trust_env=False)


def client_factory(host_map: Mapping[str, int] | None):
    """The real network, or — for tests and demos — every host mapped to 127.0.0.1."""
    return curl_client_factory(dict(host_map)) if host_map else default_client_factory


def httpx_factory(host_map: Mapping[str, int] | None):
    """An httpx client (the uptime prober's one request a probe)."""
    return mapped_client_factory(dict(host_map), timeout=30.0) if host_map else httpx_default


def engine_config(run: CrawlRun):
    v, lex = run.config_version, run.lexicon_version
    return configtext.engine_site(
        code=run.site.code,
        version_no=v.number,
        text=v.text,
        thresholds_text=v.thresholds_text,
        lexicon_text=lex.text,
        lexicon_no=lex.number,
    )


def execute(
    *,
    actor: Actor,
    run: CrawlRun,
    host_map: Mapping[str, int] | None = None,
    limits: Mapping[str, Any] | None = None,
    echo: Callable[[Progress], None] | None = None,
) -> CrawlRun:
    """Crawl ``run`` to the end (or until stopped), storing progress and then the result.

    ``limits`` override the site's ``[limits]`` table (CLI flags); ``echo`` receives the
    progress once a second (the CLI prints it). A crash stores the run as failed — its state
    file lets ``crawl_start(resume=True)`` continue it — and re-raises.
    """
    site_cfg = engine_config(run)
    lim = configtext.limits_from(
        configtext.parse(run.config_version.text, "网站配置"), **dict(limits or {})
    )
    prev = services.previous_snapshot(run)
    run = services.crawl_mark_running(run=run)
    latest: dict[str, Progress] = {}
    stop = threading.Event()

    def on_progress(p: Progress) -> None:
        latest["p"] = dataclasses.replace(p)
        if stop.is_set():
            raise StopCrawl

    coro = crawl(
        site_cfg,
        client_factory=client_factory(host_map),
        limits=lim,
        state_path=run.state_path or None,
        on_progress=on_progress,
        as_of=run.as_of,
        previous_snapshot=Snapshot.from_dict(prev) if prev else None,
    )
    pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="fazhi-crawl")
    future = pool.submit(asyncio.run, coro)
    try:
        while True:
            try:
                result = future.result(timeout=PROGRESS_EVERY)
                break
            except concurrent.futures.TimeoutError:
                pass
            except KeyboardInterrupt:
                stop.set()  # finish in-flight URLs, save state, store as interrupted
                continue
            except Exception as exc:
                services.crawl_fail(actor=actor, run=run, error=f"{type(exc).__name__}: {exc}")
                raise
            p = latest.get("p")
            if p is not None:
                if services.crawl_progress(run=run, progress=p):
                    stop.set()
                if echo is not None:
                    echo(p)
    finally:
        pool.shutdown(wait=True)
    return services.crawl_finish(actor=actor, run=run, result=result)


# --------------------------------------------------------------------------- uptime


def probe_fetcher(site: Site, host_map: Mapping[str, int] | None = None) -> FetchFn:
    """The fetch function of a probe: one GET of the homepage with the monitor's User-Agent.
    Tests replace this function to script failures."""
    cfg = configtext.parse(services.current_config(site).text, "网站配置")
    ua = cfg.get("user_agent") or SiteConfig.__dataclass_fields__["user_agent"].default
    return httpx_fetch(httpx_factory(host_map), ua)


def homepage(site: Site) -> str:
    return configtext.parse(services.current_config(site).text, "网站配置")["start_urls"][0]


def thresholds(site: Site):
    return configtext.validate_thresholds(services.current_config(site).thresholds_text)


def probe(*, actor: Actor, site: Site, fetch: FetchFn | None = None, host_map=None) -> Probe:
    """Probe the homepage once now (kernel clock) with the 15 s timeout of 19-V2, and store it."""
    prober = UptimeProber(
        homepage(site),
        fetch=fetch or probe_fetcher(site, host_map),
        clock=clock.now,
        sleep=asyncio.sleep,
        thresholds=thresholds(site),
    )
    result = aio.run(prober.probe_once())
    return services.probe_record(actor=actor, site=site, result=result)


def day_schedule(
    site: Site, day: dt.date, *, per_day: int = 24, rng: random.Random | None = None
) -> list[dt.datetime]:
    """The probe times of ``site`` on ``day`` (China time): at least the 20 a day of 19-V2,
    one per equal slot, jittered inside the middle half of the slot."""

    async def never(url: str, timeout: float):  # the schedule needs no fetch
        raise AssertionError

    prober = UptimeProber(
        homepage(site),
        fetch=never,
        clock=clock.now,
        sleep=asyncio.sleep,
        probes_per_day=per_day,
        thresholds=thresholds(site),
        rng=rng,
    )
    return prober.schedule_for_day(day, clock.CHINA)
