"""Every monitor write service × every role, inside and outside the organisation that owns
the monitored site.

Portal monitoring is supervision: the supervisors (and administrators) register sites, keep
their configuration and the lexicon, and issue bulletins and rectification tasks; the site
owner's leader may also start crawls and confirm or dismiss findings on their own site.
What only the background worker does — storing a crawl's outcome, recording probes,
marking the probe schedule — is refused to every signed-in person.
"""

from __future__ import annotations

import datetime as dt
import pkgutil

import pytest

from fazhi.core import clock
from fazhi.core.models import Role
from fazhi.core.tests.harness import Expect, MatrixWorld, ServiceMatrixTests
from fazhi.monitor import configtext
from fazhi.monitor import services as monitor_services
from fazhi.monitor.engine.uptime import ProbeResult
from fazhi.monitor.models import Finding, FindingStatus

from .factories import JUNE, SYSTEM, fixture_config_text, fixture_site, stored_run

LEADER, SUPERVISOR, ADMIN = Role.LEADER, Role.SUPERVISOR, Role.ADMIN
CONFIG = monitor_services.CONFIG_ROLES
MANAGE = monitor_services.MANAGE_ROLES
M = "fazhi.monitor.services."
svc = monitor_services


class MonitorWorld(MatrixWorld):
    result = None  # the fixture portal's crawl, set by the test

    def site(self):
        return self.once("site", lambda: fixture_site(self.org))

    def idle_site(self):
        """A second site with a queued run (to stop)."""

        def build():
            site = fixture_site(self.org, code="fixture-furong-2")
            return svc.crawl_start(actor=SYSTEM, site=site)

        return self.once("queued", build)

    def run(self):
        return self.once("run", lambda: stored_run(self.site(), self.result, at=JUNE))

    def open_run(self):
        """A run started and not finished, of a third site (the worker's to store)."""

        def build():
            site = fixture_site(self.org, code="fixture-furong-3")
            return svc.crawl_start(actor=SYSTEM, site=site)

        return self.once("open-run", build)

    def finding(self, status: str = FindingStatus.OPEN):
        def build():
            f = Finding.objects.filter(run=self.run()).order_by("pk").first()
            if status == FindingStatus.DISMISSED:
                f = svc.finding_dismiss(actor=SYSTEM, finding=f, reason="误报：引用的是法规原文")
            return f

        return self.once(f"finding:{status}", build)

    def bulletin(self):
        def build():
            self.run()
            with clock.frozen(JUNE + dt.timedelta(days=2)):
                return svc.bulletin_generate(actor=SYSTEM, site=self.site(), month="2025-06")

        return self.once("bulletin", build)


def _fingerprint(w):
    b = w.bulletin()
    return b, b.snapshot["bulletin"]["rectification"][0]["fingerprint"]


def _scheduled(w):
    def build():
        return svc.schedule_set(actor=SYSTEM, site=w.site(), day=1, hour=2)

    return w.once("scheduled", build)


EXPECT = {
    M + "sites:site_create": Expect.of(
        *CONFIG,
        call=lambda w, a, s: svc.site_create(
            actor=a,
            org=w.org,
            code="matrix-site",
            name="测试区行政执法局网站",
            config_text=fixture_config_text(),
        ),
    ),
    M + "sites:site_update": Expect.of(
        *CONFIG,
        setup=lambda w: w.site(),
        call=lambda w, a, s: svc.site_update(actor=a, site=s, name="测试区人民政府门户网站"),
    ),
    M + "sites:site_edit": Expect.of(
        *CONFIG,
        setup=lambda w: w.site(),
        call=lambda w, a, s: svc.site_edit(
            actor=a,
            site=s,
            name=s.name,
            org=w.org,
            is_active=True,
            config_text=fixture_config_text(),
            note="核对栏目",
        ),
    ),
    M + "sites:config_save": Expect.of(
        *CONFIG,
        setup=lambda w: w.site(),
        call=lambda w, a, s: svc.config_save(
            actor=a,
            site=s,
            config_text=fixture_config_text(),
            thresholds_text=configtext.shipped_text("thresholds.toml"),
        ),
    ),
    M + "sites:lexicon_save": Expect.of(
        *CONFIG,
        setup=lambda w: w.site(),
        call=lambda w, a, s: svc.lexicon_save(
            actor=a, org=w.org, text=configtext.shipped_text("lexicon.toml"), note="复核"
        ),
    ),
    M + "crawls:crawl_start": Expect.of(
        *MANAGE,
        setup=lambda w: w.run() and w.site(),
        call=lambda w, a, s: svc.crawl_start(actor=a, site=s),
    ),
    M + "crawls:crawl_request": Expect.of(
        *MANAGE,
        setup=lambda w: w.run() and w.site(),
        call=lambda w, a, s: svc.crawl_request(actor=a, site=s),
    ),
    M + "crawls:crawl_stop": Expect.of(
        *MANAGE,
        setup=lambda w: w.idle_site(),
        call=lambda w, a, s: svc.crawl_stop(actor=a, run=s),
    ),
    # the background worker's: nobody signed in
    M + "crawls:crawl_finish": Expect.of(
        setup=lambda w: w.open_run(),
        call=lambda w, a, s: svc.crawl_finish(actor=a, run=s, result=w.result),
    ),
    M + "crawls:crawl_fail": Expect.of(
        setup=lambda w: w.open_run(),
        call=lambda w, a, s: svc.crawl_fail(actor=a, run=s, error="ConnectError: 连接被拒绝"),
    ),
    M + "crawls:probe_record": Expect.of(
        setup=lambda w: w.site(),
        call=lambda w, a, s: svc.probe_record(
            actor=a, site=s, result=ProbeResult(at=clock.now(), ok=True, status=200, latency=0.2)
        ),
    ),
    M + "crawls:probe_schedule_mark": Expect.of(
        setup=lambda w: w.site(),
        call=lambda w, a, s: svc.probe_schedule_mark(
            actor=a, site=s, day=clock.today(), times=[clock.now()]
        ),
    ),
    M + "findings:finding_confirm": Expect.of(
        *MANAGE,
        setup=lambda w: w.finding(),
        call=lambda w, a, s: svc.finding_confirm(actor=a, finding=s, note="人工核实属实"),
    ),
    M + "findings:finding_dismiss": Expect.of(
        *MANAGE,
        setup=lambda w: w.finding(),
        call=lambda w, a, s: svc.finding_dismiss(actor=a, finding=s, reason="误报"),
    ),
    M + "findings:finding_reopen": Expect.of(
        *MANAGE,
        setup=lambda w: w.finding(FindingStatus.DISMISSED),
        call=lambda w, a, s: svc.finding_reopen(actor=a, finding=s, reason="复核后仍存在"),
    ),
    M + "reports:bulletin_generate": Expect.of(
        SUPERVISOR,
        ADMIN,
        setup=lambda w: w.run() and w.site(),
        call=lambda w, a, s: svc.bulletin_generate(actor=a, site=s, month="2025-06"),
    ),
    M + "reports:rectification_create": Expect.of(
        SUPERVISOR,
        setup=_fingerprint,
        call=lambda w, a, s: svc.rectification_create(actor=a, bulletin=s[0], fingerprints=[s[1]]),
    ),
    M + "clones:clone_record": Expect.of(
        *MANAGE,
        setup=lambda w: w.run(),
        call=lambda w, a, s: svc.clone_record(
            actor=a,
            run=s,
            suspect="http://furong-gov.example.net/index.html",
            original="http://www.furong.gov.cn/",
            similarity=0.93,
            added=2,
            injected=[],
        ),
    ),
    M + "district:district_bulletin_generate": Expect.of(
        SUPERVISOR,
        ADMIN,
        setup=lambda w: w.run(),
        call=lambda w, a, s: svc.district_bulletin_generate(actor=a, org=w.org, month="2025-06"),
    ),
    M + "schedule:schedule_set": Expect.of(
        *MANAGE,
        setup=lambda w: w.site(),
        call=lambda w, a, s: svc.schedule_set(actor=a, site=s, day=1, hour=2),
    ),
    # the scheduler's: nobody signed in
    M + "schedule:schedule_advance": Expect.of(
        setup=_scheduled,
        call=lambda w, a, s: svc.schedule_advance(actor=a, site=s, due=s.next_crawl_at),
    ),
}


class TestMonitorServiceMatrix(ServiceMatrixTests):
    MODULES = tuple(
        f"fazhi.monitor.services.{m.name}" for m in pkgutil.iter_modules(monitor_services.__path__)
    )
    EXPECT = EXPECT

    @pytest.fixture(autouse=True)
    def _crawled(self, fixture_crawl, settings, tmp_path):
        settings.MONITOR_STATE_DIR = tmp_path / "monitor"
        self.result = fixture_crawl[0]

    def world(self) -> MonitorWorld:
        w = MonitorWorld.create()
        w.result = self.result
        return w
