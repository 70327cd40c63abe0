"""The monthly crawl on the Tasks framework: set on the site page, run on the simulated clock
(each task enqueues next month's before it crawls), edits supersede the queued task."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from fazhi.core import clock
from fazhi.core.models import LedgerEvent
from fazhi.core.tests.factories import District
from fazhi.core.tests.signin import sign_in
from fazhi.monitor import runner, services
from fazhi.monitor.engine.http import curl_client_factory
from fazhi.monitor.fixtures_site.harness import fixture_server
from fazhi.monitor.models import CrawlRun, Site

from .factories import fixture_site

pytestmark = pytest.mark.django_db
MID_JUNE = dt.datetime(2025, 6, 15, 10, 0, tzinfo=clock.CHINA)


def _run_due(until: dt.datetime, capture) -> int:
    """A worker on the simulated clock: each due task runs at its time, and what it enqueues on
    commit is enqueued before the next one is looked for."""
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
        with clock.frozen(due.run_after), capture(execute=True):
            due.task.call(*due.args_kwargs["args"], **due.args_kwargs["kwargs"])
        done.add(due.id)


def at(y, m, d, h=2):
    return dt.datetime(y, m, d, h, 0, tzinfo=clock.CHINA)


def test_next_crawl_time():
    assert services.next_crawl_time(1, 2, MID_JUNE) == at(2025, 7, 1)
    assert services.next_crawl_time(15, 11, MID_JUNE) == at(2025, 6, 15, 11)
    assert services.next_crawl_time(15, 10, MID_JUNE) == at(2025, 7, 15, 10)
    assert services.next_crawl_time(28, 0, at(2025, 12, 28, 1)) == at(2026, 1, 28, 0)


def test_monthly_crawls_run_on_the_simulated_clock(
    settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    settings.MONITOR_STATE_DIR = str(tmp_path)
    district = District()
    with clock.frozen(MID_JUNE):
        site = fixture_site(district.gov)
        with django_capture_on_commit_callbacks(execute=True):
            services.schedule_set(actor=district.supervisor, site=site, day=1, hour=2)
    site.refresh_from_db()
    assert (site.crawl_day, site.crawl_hour, site.next_crawl_at) == (1, 2, at(2025, 7, 1))
    (task,) = DBTaskResult.objects.all()
    assert task.run_after == at(2025, 7, 1) and task.task_path.endswith("scheduled_crawl")
    with fixture_server() as (_srv, hmap):
        monkeypatch.setattr(runner, "client_factory", lambda host_map: curl_client_factory(hmap))
        ran = _run_due(at(2025, 8, 2), django_capture_on_commit_callbacks)
    runs = list(CrawlRun.objects.filter(site=site).order_by("as_of"))
    assert [(r.as_of, r.status, r.complete) for r in runs] == [
        (dt.date(2025, 7, 1), "done", True),
        (dt.date(2025, 8, 1), "done", True),
    ]
    assert ran == 2  # July's task (which queued August's) and August's
    site.refresh_from_db()
    assert site.next_crawl_at == at(2025, 9, 1)
    assert DBTaskResult.objects.filter(run_after=at(2025, 9, 1)).count() == 1
    actions = list(
        LedgerEvent.objects.filter(action__startswith="monitor.schedule")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["monitor.schedule.set", "monitor.schedule.run", "monitor.schedule.run"]


def test_an_edit_supersedes_the_queued_task(django_capture_on_commit_callbacks, monkeypatch):
    district = District()
    with clock.frozen(MID_JUNE):
        site = fixture_site(district.gov)
        with django_capture_on_commit_callbacks(execute=True):
            services.schedule_set(actor=district.supervisor, site=site, day=1)
            services.schedule_set(actor=district.supervisor, site=site, day=20, hour=3)
    monkeypatch.setattr(runner, "execute", lambda **kw: pytest.fail("must not crawl"))
    old = DBTaskResult.objects.get(run_after=at(2025, 7, 1))
    with clock.frozen(old.run_after):
        out = old.task.call(*old.args_kwargs["args"])
    assert out["skipped"] == "superseded"
    site.refresh_from_db()
    assert site.next_crawl_at == at(2025, 6, 20, 3)
    with clock.frozen(MID_JUNE), django_capture_on_commit_callbacks(execute=True):
        services.schedule_set(actor=district.supervisor, site=site, day=None)
    site.refresh_from_db()
    assert (site.crawl_day, site.next_crawl_at) == (None, None)


@pytest.mark.parametrize(
    ("day", "hour", "message"), [(31, 2, "1 至 28 日"), (0, 2, "1 至 28 日"), (5, 24, "0 至 23 时")]
)
def test_bad_schedule_is_refused_and_changes_nothing(day, hour, message):
    district = District()
    with clock.frozen(MID_JUNE):
        site = fixture_site(district.gov)
        events = LedgerEvent.objects.count()
        with pytest.raises(ValidationError) as exc:
            services.schedule_set(actor=district.supervisor, site=site, day=day, hour=hour)
    assert message in str(exc.value)
    site.refresh_from_db()
    assert (site.crawl_day, site.next_crawl_at) == (None, None)
    assert LedgerEvent.objects.count() == events and not DBTaskResult.objects.exists()


def test_schedule_on_the_site_page(client):
    district = District()
    with clock.frozen(MID_JUNE):
        site = fixture_site(district.gov)
    sign_in(client, district.supervisor)
    url = reverse("monitor:site_schedule", args=[site.pk])
    with clock.frozen(MID_JUNE):
        page = client.post(url, {"crawl_day": "5", "crawl_hour": "3"}, follow=True)
    assert "每月 5 日 3 时" in page.content.decode()
    assert Site.objects.get(pk=site.pk).next_crawl_at == at(2025, 7, 5, 3)
    with clock.frozen(MID_JUNE):
        bad = client.post(url, {"crawl_day": "五", "crawl_hour": "3"}, follow=True)
    assert "应为整数" in bad.content.decode()
