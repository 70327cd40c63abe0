"""The monitor API (/api/v1/monitor/): sites, crawls and findings scoped by the kernel, filters,
and dismissing a finding — without a reason it is refused and nothing changes."""

from __future__ import annotations

from collections import Counter

import pytest

from fazhi.core import clock
from fazhi.core import services as core_services
from fazhi.core.models import LedgerEvent
from fazhi.core.tests.factories import District
from fazhi.core.tests.signin import sign_in
from fazhi.monitor.fixtures_site.expected import EXPECTED
from fazhi.monitor.models import Dismissal, FindingStatus

from .factories import JUNE, fixture_site, stored_run

pytestmark = pytest.mark.django_db
API = "/api/v1/monitor"


@pytest.fixture
def world(fixture_crawl):
    result, _log, _site = fixture_crawl
    district = District()
    with clock.frozen(JUNE):
        site = fixture_site(district.gov)
    run = stored_run(site, result)
    return district, site, run


def _login(client, user):
    sign_in(client, user)
    return client


def test_sites_crawls_findings_with_filters(client, world):
    district, site, run = world
    c = _login(client, district.supervisor)
    (s,) = c.get(f"{API}/sites").json()
    assert (s["code"], s["last_run_id"], s["last_run_status"]) == (site.code, run.pk, "done")
    (r,) = c.get(f"{API}/crawls", {"month": "2025-06"}).json()
    assert (r["id"], r["pages"], r["complete"]) == (run.pk, run.pages_done, True)
    assert c.get(f"{API}/crawls", {"month": "2025-05"}).json() == []
    every = c.get(f"{API}/findings", {"limit": 500}).json()
    assert len(every) == len(EXPECTED)
    high = c.get(f"{API}/findings", {"severity": "high", "limit": 500}).json()
    assert len(high) == sum(1 for _, _, sev in EXPECTED if sev == "high")
    k3 = c.get(f"{API}/findings", {"rule": "K3.", "site": site.code, "month": "2025-06"}).json()
    assert Counter(f["rule_id"] for f in k3) == {"K3.hidden": 13}
    # paging by key, newest first
    first = c.get(f"{API}/findings", {"limit": 10}).json()
    more = c.get(f"{API}/findings", {"limit": 10, "before_id": first[-1]["id"]}).json()
    assert [f["id"] for f in first + more] == sorted((f["id"] for f in every), reverse=True)[:20]


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("findings", {"month": "2025-6"}, "month 应写作 YYYY-MM"),
        ("findings", {"severity": "urgent"}, "severity 应为"),
        ("findings", {"status": "closed"}, "status 应为"),
        ("crawls", {"status": "finished"}, "status 应为"),
    ],
)
def test_bad_filters_are_refused_in_chinese(client, world, path, params, message):
    district, _site, _run = world
    resp = _login(client, district.supervisor).get(f"{API}/{path}", params)
    assert resp.status_code == 400 and message in resp.json()["detail"]


def test_scoped_to_the_callers_organisations(client, world):
    district, _site, run = world
    c = _login(client, district.street_a_leader)  # a street: the district's site is not theirs
    assert c.get(f"{API}/sites").json() == []
    assert c.get(f"{API}/findings").json() == []
    some = run.findings.first()
    assert (
        c.post(f"{API}/findings/{some.pk}/dismiss", {"reason": "x"}, "application/json").status_code
        == 404
    )


def test_dismiss_needs_a_reason_and_changes_nothing_without_one(client, world):
    district, _site, run = world
    f = run.findings.get(rule_id="EXPR.one_char")
    events = LedgerEvent.objects.count()
    c = _login(client, district.supervisor)
    resp = c.post(f"{API}/findings/{f.pk}/dismiss", {"reason": "  "}, "application/json")
    assert resp.status_code == 400 and resp.json() == {"detail": "排除问题须说明理由。"}
    f.refresh_from_db()
    assert f.status == FindingStatus.OPEN and not Dismissal.objects.exists()
    assert LedgerEvent.objects.count() == events
    ok = c.post(f"{API}/findings/{f.pk}/dismiss", {"reason": "本地固定表述"}, "application/json")
    assert ok.status_code == 200
    assert (ok.json()["status"], ok.json()["decision_note"]) == ("dismissed", "本地固定表述")
    again = c.post(f"{API}/findings/{f.pk}/dismiss", {"reason": "再次"}, "application/json")
    assert again.status_code == 400 and again.json()["detail"] == "该问题已被排除。"


def test_token_for_systems(client, world):
    district, site, _run = world
    _token, key = core_services.token_create(
        actor=district.supervisor, user=district.supervisor, name="督办系统"
    )
    resp = client.get(f"{API}/sites", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert resp.status_code == 200 and resp.json()[0]["code"] == site.code
