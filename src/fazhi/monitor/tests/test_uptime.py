"""Uptime prober (V2) driven by an injected clock — never real waiting."""

from __future__ import annotations

import datetime as dt
import random

from fazhi.monitor.engine import aio
from fazhi.monitor.engine.uptime import FakeClock, ProbeResult, UptimeProber, uptime_stats

T0 = dt.datetime(2025, 6, 23, 0, 0)


def _prober(fail_at: set[int], per_day: int = 20):
    clock = FakeClock(T0)
    n = {"i": 0}

    async def fetch(url, timeout):
        i = n["i"]
        n["i"] += 1
        if i in fail_at:
            return None, timeout, "timeout"
        return 200, 0.2, ""

    p = UptimeProber(
        "http://www.furong.gov.cn/",
        fetch=fetch,
        clock=clock,
        sleep=clock.sleep,
        probes_per_day=per_day,
        rng=random.Random(1),
    )
    return p, clock


def test_schedule_spacing():
    p, _ = _prober(set(), per_day=20)
    times = p.schedule_for_day(T0.date())
    assert len(times) == 20
    gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 86400 / 20 / 2 - 1


def test_minimum_probes_per_day_enforced():
    p, _ = _prober(set(), per_day=5)
    assert p.probes_per_day == 20


def test_week_simulation_veto_at_5_percent():
    p, clock = _prober({3, 77, 100, 101, 102, 120, 139}, per_day=20)
    aio.run(p.run(T0 + dt.timedelta(days=7)))
    assert len(p.results) == 140
    assert clock.now <= T0 + dt.timedelta(days=7)
    s = p.stats(T0 + dt.timedelta(days=7))
    assert s.probes == 140 and s.failures == 7 and s.enough
    assert s.ratio == 0.05 and s.status == "触发"


def test_warning_line_and_ok():
    def stats(fails: int, total: int = 140):
        res = [
            ProbeResult(T0 + dt.timedelta(hours=i * 168 / total), i >= fails) for i in range(total)
        ]
        return uptime_stats(res, T0 + dt.timedelta(days=7))

    assert stats(4).status == "OK"  # 2.86 %
    assert stats(5).status == "预警"  # 3.57 %
    assert stats(6).status == "预警"  # 4.29 %
    assert stats(7).status == "触发"


def test_reference_fixture_two_of_forty():
    res = [ProbeResult(T0 + dt.timedelta(hours=4 * i), i not in (5, 30)) for i in range(40)]
    s = uptime_stats(res, T0 + dt.timedelta(days=7))
    assert s.ratio == 0.05 and s.status == "触发" and not s.enough


def test_no_probes_is_not_measured():
    assert uptime_stats([], T0).status == "未检测"


def test_fetch_exception_counts_as_failure():
    clock = FakeClock(T0)

    async def boom(url, timeout):
        raise OSError("refused")

    p = UptimeProber("http://x/", fetch=boom, clock=clock, sleep=clock.sleep)
    r = aio.run(p.probe_once())
    assert not r.ok and r.error == "OSError"
