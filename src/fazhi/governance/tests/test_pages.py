"""The staff pages and the API on factories: the office's list with the red card, the point
page with its moves, the reads of a user of another organisation (404 on pages and the API)
and of a supporting body of another organisation (sees the point, cannot confirm it)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.tests.factories import SYSTEM
from fazhi.core.tests.signin import sign_in

from ..models import PointStatus as S
from ..models import WorkPoint
from ..services import structure
from .world import Council, at

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def c(db, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    with at(D(2019, 3, 12)):
        yield Council()


def _issued(c):
    with at(D(2019, 3, 15)):
        return c.issued()


def test_an_overdue_point_is_red_on_the_offices_list(c, client):
    p = _issued(c)
    sign_in(client, c.secretary)
    with at(D(2019, 12, 17)):
        page = client.get("/workspace/governance/").content.decode()
        assert 'data-red="1"' in page and "超期" in page
        only = client.get("/workspace/governance/?red=true").content.decode()
        assert p.number in only
        api = client.get("/api/v1/governance/points?red=true").json()
        assert [(x["number"], x["red"]) for x in api] == [(p.number, True)]
    with at(D(2019, 12, 13)):
        assert client.get("/api/v1/governance/points?red=true").json() == []


def test_the_lead_body_reports_through_the_page_and_the_office_confirms(c, client):
    p = _issued(c)
    sign_in(client, c.lead_clerk)
    with at(D(2019, 6, 3)):
        page = client.get(f"/workspace/governance/points/{p.pk}/").content.decode()
        assert 'data-move="progress"' in page
        r = client.post(
            f"/workspace/governance/points/{p.pk}/progress/",
            {"org": c.lead.pk, "on": "2019-06-03", "text": "方案已印发"},
        )
        assert r.status_code == 302
        r = client.post(
            f"/workspace/governance/points/{p.pk}/move/",
            {"to": "reported", "on": "2019-06-03", "result": "已完成", "version": 2},
        )
    p = WorkPoint.objects.get(pk=p.pk)
    assert (p.status, p.reported_on, p.progress.count()) == (S.REPORTED, D(2019, 6, 3), 1)
    client.logout()
    sign_in(client, c.secretary)
    with at(D(2019, 6, 5)):
        r = client.post(
            f"/api/v1/governance/points/{p.pk}/transition",
            {"to": "done", "version": p.version},
            content_type="application/json",
        )
    assert r.status_code == 200 and r.json()["status"] == "done"


def test_a_user_of_another_organisation_gets_404(c, client):
    p = _issued(c)
    sign_in(client, c.outsider)
    assert client.get(f"/workspace/governance/points/{p.pk}/").status_code == 404
    assert client.get(f"/api/v1/governance/points/{p.pk}").status_code == 404
    assert client.get(f"/workspace/governance/plans/{p.plan_id}/").status_code == 404
    assert client.get("/api/v1/governance/points").json() == []
    r = client.post(
        f"/api/v1/governance/points/{p.pk}/progress",
        {"org_id": c.d.street_b.pk, "text": "冒报"},
        content_type="application/json",
    )
    assert r.status_code == 404 and p.progress.count() == 0


def test_a_supporting_body_of_another_organisation_sees_but_cannot_confirm(c, client):
    p = _issued(c)
    sign_in(client, c.support_clerk)
    page = client.get(f"/workspace/governance/points/{p.pk}/").content.decode()
    assert p.title in page and 'data-move="reported"' not in page
    assert client.get(f"/workspace/governance/plans/{p.plan_id}/").status_code == 200
    r = client.post(
        f"/api/v1/governance/points/{p.pk}/transition",
        {"to": "reported", "result": "代报完成"},
        content_type="application/json",
    )
    assert r.status_code in (400, 403) and WorkPoint.objects.get(pk=p.pk).status == S.ASSIGNED


def test_the_bodies_and_duty_pages(c, client):
    with at(D(2019, 3, 12)):
        body = structure.body_register(
            actor=c.d.admin,
            org=c.office,
            role="office",
            established_on=D(2019, 1, 18),
            host=c.d.justice,
        )
    sign_in(client, c.secretary)
    with at(D(2019, 3, 20)):
        r = client.post(
            f"/workspace/governance/bodies/{body.pk}/",
            {
                "kind": "detailed",
                "title": "办公室工作细则",
                "adopted_on": "2019-03-08",
                "text": "日常工作",
            },
        )
        assert r.status_code == 302
        bad = client.post(
            f"/workspace/governance/bodies/{body.pk}/",
            {"kind": "rules", "title": "x", "adopted_on": "2019-01-01", "text": "y"},
        ).content.decode()
    assert "审议通过日期2019年1月1日早于成立日期2019年1月18日。" in bad
    page = client.get("/workspace/governance/bodies/").content.decode()
    assert "办公室工作细则（2019-03-08）" in page and "测试区司法局" in page
    client.logout()
    sign_in(client, c.lead_clerk)
    with at(D(2020, 1, 14)):
        r = client.post(
            "/workspace/governance/duties/",
            {
                "org": c.lead.pk,
                "year": 2019,
                "head": "局长",
                "reported_on": "2020-01-14",
                "text": "履职情况",
            },
        )
    assert r.status_code == 302
    assert "局长" in client.get("/workspace/governance/duties/?year=2019").content.decode()


def test_a_plan_entered_and_issued_on_the_pages(c, client):
    with at(D(2019, 3, 12)):
        structure.body_register(
            actor=SYSTEM, org=c.committee, role="committee", established_on=D(2019, 1, 18)
        )
        structure.body_register(
            actor=c.d.admin,
            org=c.office,
            role="office",
            established_on=D(2019, 1, 18),
            host=c.d.justice,
        )
        sign_in(client, c.secretary)
        r = client.post(
            "/workspace/governance/plans/new/", {"year": 2019, "title": "2019年工作要点"}
        )
        plan_url = r["Location"]
        r = client.post(
            plan_url,
            {
                "seq": 1,
                "title": "普法",
                "text": "落实普法责任制",
                "lead": c.lead.pk,
                "supporters": [c.support.pk],
            },
        )
        assert r.status_code == 302
    with at(D(2019, 3, 15)):
        r = client.post(plan_url + "issue/", {"on": "2019-03-15"})
    (p,) = WorkPoint.objects.all()
    assert (p.status, p.issued_on) == (S.ASSIGNED, D(2019, 3, 15))
