"""The API: the public catalogue and status (wrong code answers as an unknown number does,
rate-limited), and a one-network platform filing and following an application with a token;
another body's user gets 404."""

import pytest
from django.core.cache import cache

from fazhi.core import services as core_services

from ..models import Application
from ..services import applications as svc
from .factories import PERSON_ID, SYSTEM, World, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    cache.clear()
    return World()


def _token(user):
    _t, key = core_services.token_create(actor=SYSTEM, user=user, name="省一网通办平台")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_public_catalogue_and_guide(client, w):
    items = client.get("/api/v1/govservices/items?q=qysl").json()
    assert [i["name"] for i in items] == ["企业设立登记"]
    guide = client.get(f"/api/v1/govservices/items/{w.licence.pk}").json()
    assert [m["name"] for m in guide["materials"]][:2] == ["食品经营许可申请书", "营业执照复印件"]
    assert guide["entries"][0]["promised_days"] == "5.00"
    assert client.get("/api/v1/govservices/items/999999").status_code == 404


def test_status_by_number_and_code(client, w):
    app = svc.receive(
        actor=w.clerk, entry=w.entry, channel="window", at=at(2019, 11, 4), **w.person()
    )
    ok = client.post(
        "/api/v1/govservices/status",
        {"number": app.number, "code": app.check_code},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["status"] == "已收件（待受理）"
    wrong = "000000" if app.check_code != "000000" else "111111"
    bad = client.post(
        "/api/v1/govservices/status",
        {"number": app.number, "code": wrong},
        content_type="application/json",
    )
    unknown = client.post(
        "/api/v1/govservices/status",
        {"number": "430102-2019-999", "code": wrong},
        content_type="application/json",
    )
    assert bad.status_code == unknown.status_code == 404 and bad.json() == unknown.json()
    for _i in range(8):
        client.post(
            "/api/v1/govservices/status",
            {"number": app.number, "code": wrong},
            content_type="application/json",
        )
    assert (
        client.post(
            "/api/v1/govservices/status",
            {"number": app.number, "code": app.check_code},
            content_type="application/json",
        ).status_code
        == 429
    )


def test_a_platform_files_and_follows_an_application(client, w):
    h = _token(w.clerk)
    mats = list(w.licence.materials.values_list("pk", flat=True))
    resp = client.post(
        "/api/v1/govservices/applications",
        {
            "entry_id": w.entry.pk,
            "external_ref": "HN-YWTB-2019-0001",
            "at": "2019-11-04T10:00:00+08:00",
            "applicant_kind": "person",
            "applicant_name": "刘志强",
            "applicant_id_number": PERSON_ID,
            "received_material_ids": mats[:2],
        },
        content_type="application/json",
        **h,
    )
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["missing"] == ["法定代表人身份证明", "场所平面图"]
    app_id = body["id"]
    # accepting with materials missing: 409 with the reason, nothing changed
    resp = client.post(
        f"/api/v1/govservices/applications/{app_id}/accept",
        {"at": "2019-11-04T10:05:00+08:00"},
        content_type="application/json",
        **h,
    )
    assert (
        resp.status_code == 409 and "缺少：法定代表人身份证明、场所平面图" in resp.json()["detail"]
    )
    resp = client.post(
        f"/api/v1/govservices/applications/{app_id}/notify",
        {"on": "2019-11-05"},
        content_type="application/json",
        **h,
    )
    assert resp.status_code == 200 and resp.json()["status"] == "supplement"
    listed = client.get(
        "/api/v1/govservices/applications?external_ref=HN-YWTB-2019-0001", **h
    ).json()
    assert [a["id"] for a in listed] == [app_id]
    # a bad ID number: 400 with the message
    resp = client.post(
        "/api/v1/govservices/applications",
        {
            "entry_id": w.entry.pk,
            "at": "2019-11-04T10:00:00+08:00",
            "applicant_kind": "person",
            "applicant_name": "王敏",
            "applicant_id_number": "430102198605171230",
        },
        content_type="application/json",
        **h,
    )
    assert resp.status_code == 400 and "申请人身份证号码" in resp.json()["detail"]
    assert Application.objects.count() == 1


def test_another_bodys_user_gets_404(client, w):
    app = svc.receive(
        actor=w.clerk, entry=w.entry, channel="window", at=at(2019, 11, 4), **w.person()
    )
    h = _token(w.other_clerk)
    assert client.get(f"/api/v1/govservices/applications/{app.pk}", **h).status_code == 404
    resp = client.post(
        f"/api/v1/govservices/applications/{app.pk}/accept",
        {"at": "2019-11-04T10:05:00+08:00"},
        content_type="application/json",
        **h,
    )
    assert resp.status_code == 404
    assert client.get("/api/v1/govservices/applications", **h).json() == []
    # receiving for a body the user does not belong to: refused
    resp = client.post(
        "/api/v1/govservices/applications",
        {
            "entry_id": w.entry.pk,
            "at": "2019-11-04T10:00:00+08:00",
            "applicant_kind": "person",
            "applicant_name": "王敏",
            "applicant_id_number": PERSON_ID,
        },
        content_type="application/json",
        **h,
    )
    assert resp.status_code == 403
