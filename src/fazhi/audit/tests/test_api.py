"""The audit API: the responsible body registers evidence and reports through it; a report
without evidence is 400 with the message; another organisation sees nothing."""

import pytest

from fazhi.core.tests.signin import sign_in

from . import factories


@pytest.fixture
def w(db):
    return factories.World()


def test_evidence_and_report_through_the_api(w, client):
    rect = factories.rectification(w)
    base = f"/api/v1/audit/rectifications/{rect.pk}"
    sign_in(client, w.clerk)
    body = {"measures": "已整改", "on": "2019-07-16"}
    resp = client.post(f"{base}/submit", body, content_type="application/json")
    assert (resp.status_code, resp.json()["detail"]) == (
        400,
        "请先登记整改佐证材料：没有佐证材料的问题不能报送或销号。",
    )
    resp = client.post(
        f"{base}/evidence",
        {"description": "整改报告", "dated_on": "2019-07-15"},
        content_type="application/json",
    )
    assert resp.status_code == 201
    resp = client.post(f"{base}/submit", body, content_type="application/json")
    assert resp.status_code == 200 and resp.json()["status"] == "submitted"
    assert [p["cut_amount"] for p in client.get("/api/v1/audit/projects").json()] == []
    sign_in(client, w.auditor)
    assert [p["cut_amount"] for p in client.get("/api/v1/audit/projects").json()] == ["1180000.00"]
    sign_in(client, w.stranger)
    assert client.get("/api/v1/audit/rectifications").json() == []
    assert client.post(f"{base}/submit", body, content_type="application/json").status_code == 404
