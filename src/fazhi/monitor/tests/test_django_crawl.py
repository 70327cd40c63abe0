"""A crawl stopped from the workspace keeps its state and resumes where it stopped."""

from __future__ import annotations

from collections import Counter

import pytest

from fazhi.core import clock
from fazhi.core.models import LedgerEvent
from fazhi.core.tests.factories import District
from fazhi.monitor import runner, services
from fazhi.monitor.fixtures_site.expected import expected_counter
from fazhi.monitor.fixtures_site.harness import fixture_server
from fazhi.monitor.fixtures_site.site import BASE
from fazhi.monitor.models import CrawlRun, RunStatus

from .factories import JUNE, SYSTEM, fazhi, fixture_site, map_args

pytestmark = pytest.mark.django_db


def _crawler_gets(log) -> Counter:
    return Counter(
        (e.host, e.target)
        for e in log
        if e.method == "GET" and "fazhi-monitor" in e.headers.get("user-agent", "")
    )


def test_stop_then_resume(tmp_path, settings, monkeypatch):
    settings.MONITOR_STATE_DIR = str(tmp_path)
    monkeypatch.setattr(runner, "PROGRESS_EVERY", 0.2)
    district = District()
    with clock.frozen(JUNE):
        site = fixture_site(district.gov)
        run = services.crawl_start(actor=district.supervisor, site=site)
    seen = []

    def echo(progress):
        seen.append(progress.pages_done)
        if len(seen) == 1:  # someone presses 停止 on the run page
            services.crawl_stop(actor=district.supervisor, run=run)

    with clock.frozen(JUNE), fixture_server() as (srv, hmap):
        stopped = runner.execute(actor=SYSTEM, run=run, host_map=hmap, echo=echo)
        first = _crawler_gets(srv.log)
    assert stopped.status == RunStatus.INTERRUPTED and not stopped.complete
    assert stopped.findings.count() == 0 and 0 < stopped.pages_done < 71
    with clock.frozen(JUNE), fixture_server() as (srv, hmap):
        assert fazhi("monitor", "crawl", site.code, "--quiet", *map_args(hmap)) == 1
        second = _crawler_gets(srv.log)
    resumed = CrawlRun.objects.get(site=site)  # the same run, continued
    assert resumed.pk == run.pk and resumed.status == RunStatus.DONE and resumed.complete
    got = Counter((f.url, f.rule_id, f.severity) for f in resumed.findings.all())
    assert got == expected_counter(BASE)
    # nothing fetched twice, except the URL that timed out (three tries, within one run)
    assert {url: n for url, n in (first + second).items() if n > 1} == {
        ("www.furong.gov.cn", "/slow.html"): 3
    }
    actions = list(
        LedgerEvent.objects.filter(subject_id=str(run.pk), action__startswith="monitor.crawl")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "monitor.crawl.start",
        "monitor.crawl.stop",
        "monitor.crawl.finish",
        "monitor.crawl.resume",
        "monitor.crawl.finish",
    ]
