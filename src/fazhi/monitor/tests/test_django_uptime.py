"""The V2 uptime prober on the Tasks framework, driven through a simulated week with the
kernel clock frozen at each task's ``run_after`` — never with real waiting."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django_tasks_db.models import DBTaskResult

from fazhi.core import clock
from fazhi.core.tests.factories import District
from fazhi.monitor import queries, runner, services, tasks
from fazhi.monitor.fixtures_site.harness import fixture_server
from fazhi.monitor.models import Probe

from .factories import SYSTEM, fazhi, fixture_site, map_args, stored_run

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2025, 6, 23, 0, 0, tzinfo=clock.CHINA)
END = T0 + dt.timedelta(days=7)


def _run_due_tasks(until: dt.datetime) -> int:
    """A worker on the simulated clock: run every due task in ``run_after`` order."""
    done: set = set()
    while True:
        due = (
            DBTaskResult.objects.exclude(id__in=done)
            .filter(run_after__lt=until)
            .order_by("run_after", "enqueued_at")
            .first()
        )
        if due is None:
            return len(done)
        with clock.frozen(due.run_after):
            due.task.call(*due.args_kwargs["args"], **due.args_kwargs["kwargs"])
        done.add(due.id)


def test_a_simulated_week_of_probes_triggers_the_veto(monkeypatch, fixture_crawl):
    district = District()
    with clock.frozen(T0):
        site = fixture_site(district.gov)
    n = itertools.count()
    failing = {3, 40, 77, 100, 101, 120, 139, 150, 160}  # 9 of 168 = 5.4 %

    async def fetch(url, timeout):
        i = next(n)
        return (None, timeout, "timeout") if i in failing else (200, 0.2, "")

    monkeypatch.setattr(runner, "probe_fetcher", lambda site, host_map=None: fetch)
    with clock.frozen(T0):
        first = tasks.schedule_probes.call()
    assert first == {"day": "2025-06-23", "sites": 1, "probes": 24, "chain": True}
    executed = _run_due_tasks(END)
    assert executed == 7 * 24 + 6  # the probes and the next six days' schedulers
    probes = list(Probe.objects.filter(site=site).order_by("at"))
    assert len(probes) == 168
    for day in range(7):
        times = [p.at for p in probes if (p.at - T0).days == day]
        assert len(times) >= 20
        gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(times)]
        assert min(gaps) >= 86400 / 24 / 2 - 1  # spaced through the day
    stats = queries.uptime(site, END)
    assert (stats.probes, stats.failures, stats.status, stats.enough) == (168, 9, "触发", True)
    # a second scheduler chain for a day already scheduled ends instead of doubling probes
    with clock.frozen(T0):
        again = tasks.schedule_probes.call("2025-06-23")
    assert again["chain"] is False and again["probes"] == 0
    # the month's bulletin reads the same window (monitoring time point 2025-06-29)
    result, _log, _cfg = fixture_crawl
    stored_run(site, result, at=END - dt.timedelta(hours=12))
    with clock.frozen(END):
        b = services.bulletin_generate(actor=SYSTEM, site=site, month="2025-06")
    v2 = next(v for v in b.snapshot["bulletin"]["vetoes"] if v["code"] == "V2")
    assert v2["status"] == "触发" and v2["measured"].startswith("9/168")


def test_warning_line_at_three_percent(monkeypatch):
    district = District()
    with clock.frozen(T0):
        site = fixture_site(district.gov)
    n = itertools.count()

    async def fetch(url, timeout):
        return (503, 0.1, "") if next(n) in {10, 60, 110, 150, 160, 165} else (200, 0.1, "")

    monkeypatch.setattr(runner, "probe_fetcher", lambda site, host_map=None: fetch)
    for day in range(7):
        for at in runner.day_schedule(site, (T0 + dt.timedelta(days=day)).date()):
            with clock.frozen(at):
                tasks.probe_site.call(site.pk)
    stats = queries.uptime(site, END)
    assert stats.failures == 6 and stats.status == "预警"  # 6/168 = 3.6 %


def test_probe_cli_against_the_fixture_homepage(tmp_path, capsys):
    # Frozen at 08:00 so that the day's schedule has 16 slots still ahead (08–23 h, each
    # jittered inside its own hour) whatever the hour the suite runs at.
    with clock.frozen(T0 + dt.timedelta(hours=8)):
        district = District()
        site = fixture_site(district.gov)
        with fixture_server() as (_srv, hmap):
            assert fazhi("monitor", "probe", site.code, *map_args(hmap)) == 0
        p = Probe.objects.get(site=site)
        assert p.ok and p.status == 200 and p.elapsed_ms is not None
        assert capsys.readouterr().out.startswith(f"{site.code}\t正常\t200")
        with fixture_server() as (_srv, hmap):
            hmap = {k: v for k, v in hmap.items() if k != "www.furong.gov.cn"}
            assert fazhi("monitor", "probe", site.code, *map_args(hmap)) == 1  # refused
        assert Probe.objects.filter(site=site, ok=False).count() == 1
        capsys.readouterr()
        assert fazhi("monitor", "probe", "--schedule") == 0
    assert capsys.readouterr().out.strip() == "已安排 2025-06-23：1 个网站，16 次探测"
    assert DBTaskResult.objects.filter(task_path="fazhi.monitor.tasks.probe_site").count() == 16
