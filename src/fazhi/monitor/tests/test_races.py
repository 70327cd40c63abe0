"""Two at once on the monitor's records: the same site registered twice, a bulletin generated
twice, two schedulers marking the same day's probes, two crawls started — one record, and a
clear message (or the same record) for the others; never a 500."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import clock
from fazhi.core.tests.concurrency import race, refusals, workers
from fazhi.core.tests.factories import District
from fazhi.monitor import configtext, services
from fazhi.monitor.models import Bulletin, CrawlRun, LexiconVersion, Site

from .factories import JUNE, SYSTEM, fixture_config_text, fixture_site, stored_run

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def d(settings, tmp_path):
    settings.MONITOR_STATE_DIR = tmp_path / "monitor"
    return District()


def test_one_site_of_a_code(d):
    services.lexicon_save(actor=SYSTEM, org=d.gov, text=configtext.shipped_text("lexicon.toml"))
    out = race(
        lambda i: services.site_create(
            actor=d.supervisor,
            org=d.bureau,
            code="furong-zfj",
            name="测试区行政执法局网站",
            config_text=fixture_config_text(),
        )
    )
    assert Site.objects.filter(code="furong-zfj").count() == 1
    assert refusals(out) == ["已有代号为 furong-zfj 的网站。"] * (workers() - 1)


def test_the_first_lexicon_saved_twice_at_once(d):
    text = configtext.shipped_text("lexicon.toml")
    out = race(lambda i: services.lexicon_save(actor=d.supervisor, org=d.gov, text=text))
    assert LexiconVersion.objects.count() == 1
    assert set(refusals(out)) <= {"词库刚被他人修改，请刷新后重试。"}


def test_a_month_has_one_bulletin_and_one_number(d, fixture_crawl):
    site = fixture_site(d.bureau)
    stored_run(site, fixture_crawl[0], at=JUNE)
    with clock.frozen(JUNE + dt.timedelta(days=2)):
        out = race(
            lambda i: services.bulletin_generate(actor=d.supervisor, site=site, month="2025-06")
        )
    assert refusals(out) == []
    b = Bulletin.objects.get(site=site, month="2025-06")
    assert {o.value.number for o in out} == {b.number} and b.revision == workers()


def test_two_schedulers_mark_a_day_once(d):
    site = fixture_site(d.bureau)
    day = clock.today()
    out = race(
        lambda i: services.probe_schedule_mark(
            actor=SYSTEM, site=site, day=day, times=[clock.now()]
        )
    )
    assert refusals(out) == []
    assert sorted(o.value for o in out) == [False] * (workers() - 1) + [True]


def test_one_crawl_of_a_site_at_a_time(d):
    site = fixture_site(d.bureau)
    out = race(lambda i: services.crawl_start(actor=d.supervisor, site=site, resume=False))
    run = CrawlRun.objects.get(site=site)
    assert refusals(out) == [f"网站 {site.code} 已有抓取在进行（批次 {run.pk}）。"] * (
        workers() - 1
    )
