"""Uptime prober for veto V2 (站点无法访问).

≥20 spaced probes a day with a 15 s timeout; a probe fails when the homepage has not opened
within the timeout (connection error, timeout or HTTP ≥ 400). The rolling 7-day failure ratio
is compared with the warning line (3 %) and the veto line (5 %).

Clock, sleep and fetch are injected, so tests drive a simulated week without real waiting.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from .config import Thresholds, default_thresholds


@dataclass(frozen=True)
class ProbeResult:
    """One probe."""

    at: dt.datetime
    ok: bool
    status: int | None = None
    latency: float | None = None
    error: str = ""


@dataclass
class UptimeStats:
    """Rolling-window statistics for the bulletin's V2 row."""

    window_start: dt.datetime
    window_end: dt.datetime
    probes: int
    failures: int
    ratio: float | None
    status: str  # OK / 预警 / 触发 / 未检测
    min_probes_per_day: int
    days_covered: int
    enough: bool
    evidence: list[str] = field(default_factory=list)


#: fetch(url, timeout) → (status or None, latency seconds, error text)
FetchFn = Callable[[str, float], Awaitable[tuple[int | None, float, str]]]


class UptimeProber:
    """Schedules and records probes of one URL."""

    def __init__(
        self,
        url: str,
        *,
        fetch: FetchFn,
        clock: Callable[[], dt.datetime],
        sleep: Callable[[float], Awaitable[None]],
        probes_per_day: int = 24,
        thresholds: Thresholds | None = None,
        rng: random.Random | None = None,
    ):
        self.url = url
        self.fetch = fetch
        self.clock = clock
        self.sleep = sleep
        self.thresholds = thresholds or default_thresholds()
        minimum = int(self.thresholds.value("V2.probes_per_day"))
        self.probes_per_day = max(probes_per_day, minimum)
        self.timeout = self.thresholds.value("V2.timeout_s")
        self.rng = rng or random.Random()
        self.results: list[ProbeResult] = []

    def schedule_for_day(self, day: dt.date, tz: dt.tzinfo | None = None) -> list[dt.datetime]:
        """``probes_per_day`` times spread over the day: one per equal slot, jittered inside
        the middle half of its slot (so consecutive probes are never closer than half a slot)."""
        slot = 86400 / self.probes_per_day
        start = dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz)
        return [
            start + dt.timedelta(seconds=i * slot + slot * self.rng.uniform(0.25, 0.75))
            for i in range(self.probes_per_day)
        ]

    async def probe_once(self) -> ProbeResult:
        """Probe now and record the result."""
        at = self.clock()
        try:
            status, latency, error = await self.fetch(self.url, self.timeout)
        except Exception as exc:
            status, latency, error = None, None, type(exc).__name__
        ok = (
            status is not None
            and status < 400
            and not error
            and (latency is None or latency < self.timeout)
        )
        if status is not None and latency is not None and latency >= self.timeout:
            error = error or "timeout"
        r = ProbeResult(at, ok, status, latency, error)
        self.results.append(r)
        return r

    async def run(self, until: dt.datetime) -> None:
        """Probe on schedule until ``until`` (using the injected clock and sleep)."""
        now = self.clock()
        day = now.date()
        while now < until:
            for t in self.schedule_for_day(day, now.tzinfo):
                if t < now:
                    continue
                if t >= until:
                    return
                await self.sleep((t - self.clock()).total_seconds())
                await self.probe_once()
                now = self.clock()
            day = day + dt.timedelta(days=1)
            now = self.clock()

    def stats(self, as_of: dt.datetime, window_days: int | None = None) -> UptimeStats:
        """Failure ratio over the window ending at ``as_of`` (default 7 days)."""
        return uptime_stats(self.results, as_of, self.thresholds, window_days)


def uptime_stats(
    results: list[ProbeResult],
    as_of: dt.datetime,
    thresholds: Thresholds | None = None,
    window_days: int | None = None,
) -> UptimeStats:
    """Rolling-window statistics from recorded probes."""
    th = thresholds or default_thresholds()
    days = int(window_days or th.value("V2.window_days"))
    start = as_of - dt.timedelta(days=days)
    window = [r for r in results if start <= r.at < as_of]
    per_day: dict[dt.date, int] = {}
    for r in window:
        per_day[r.at.date()] = per_day.get(r.at.date(), 0) + 1
    need = int(th.value("V2.probes_per_day"))
    fails = [r for r in window if not r.ok]
    enough = len(per_day) >= days and all(v >= need for v in per_day.values())
    if not window:
        return UptimeStats(start, as_of, 0, 0, None, "未检测", 0, 0, False)
    ratio = len(fails) / len(window)
    status = th["V2.failure_ratio"].status(ratio)
    evidence = [
        f"{r.at.isoformat(timespec='minutes')} {r.error or ('HTTP ' + str(r.status))}"
        for r in fails[:10]
    ]
    return UptimeStats(
        start,
        as_of,
        len(window),
        len(fails),
        ratio,
        status,
        min(per_day.values()) if per_day else 0,
        len(per_day),
        enough,
        evidence,
    )


class FakeClock:
    """A settable clock plus an async sleep that advances it (for tests and simulations)."""

    def __init__(self, start: dt.datetime):
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    async def sleep(self, seconds: float) -> None:
        """Advance the clock instead of waiting."""
        self.now += dt.timedelta(seconds=max(0.0, seconds))


def httpx_fetch(client_factory: Callable[[], object], user_agent: str) -> FetchFn:
    """A real fetch function for :class:`UptimeProber` built on an httpx client factory."""
    import time

    import httpx

    async def fetch(url: str, timeout: float) -> tuple[int | None, float, str]:
        t0 = time.monotonic()
        async with client_factory() as client:  # type: ignore[attr-defined]
            try:
                r = await client.get(url, headers={"User-Agent": user_agent}, timeout=timeout)
                return r.status_code, time.monotonic() - t0, ""
            except httpx.TimeoutException:
                return None, time.monotonic() - t0, "timeout"
            except httpx.HTTPError as exc:
                return None, time.monotonic() - t0, type(exc).__name__

    return fetch
