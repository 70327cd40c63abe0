"""The grid-report API: a grid app files and follows reports; bad input is a Chinese 400,
another unit's report a 404."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import include, path
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from fazhi.core import guard
from fazhi.core import services as core_services
from fazhi.core.models import LedgerEvent, Role
from fazhi.core.tests.factories import user
from fazhi.core.tests.signin import sign_in

from ..api import router as case_router
from ..api_grid import router
from ..models import GridReport, GridStatus
from ..services import grid_flow
from .test_grid import PNG, Grid, at

D = dt.date


class _Token(HttpBearer):
    def authenticate(self, request, token):
        u = core_services.token_user(token)
        if u is not None:
            request.user = u
        return u


# The router as the lead mounts it (/api/v1/enforcement/), on an API of its own so these
# tests do not depend on the project's API assembly — but with the kernel's guard, which
# every operation of the project's API gets (a stale version is 409, core/guard.py).
_api = NinjaAPI(urls_namespace="grid_api_test", auth=[_Token(), django_auth])
guard.install(_api)
_api.add_router("/v1/enforcement/", case_router)  # the module's other router, same prefix
_api.add_router("/v1/enforcement/", router)
urlpatterns = [path("api/", _api.urls), path("", include(settings.ROOT_URLCONF))]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

URL = "/api/v1/enforcement/grid/reports"


@pytest.fixture(autouse=True)
def _attachments(settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path / "att"


@pytest.fixture
def g(db):
    with at(D(2019, 6, 3)):
        yield Grid()


@pytest.fixture
def app(g):
    """The grid app's system account: a clerk of the district command centre, with a token."""
    account = user("grid_app", org=g.d.gov, role=Role.CLERK, scope="subtree")
    _token, key = core_services.token_create(actor=account, user=account, name="网格通")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _body(**kw):
    body = {
        "category": "SJ0102",
        "cell": "430102-01",
        "location": "五一大道与芙蓉路交叉口",
        "description": "垃圾堆放",
        "reporter_kind": "public",
        "received_on": "2019-06-03",
    }
    body.update(kw)
    return body


def _post(client, headers, body, url=URL):
    with at(D(2019, 6, 3)):
        return client.post(url, body, content_type="application/json", **headers)


def test_file_a_report_with_a_base64_photo(client, app):
    photo = base64.b64encode(PNG).decode()
    resp = _post(client, app, _body(photo_base64=photo, photo_name="a.png", external_ref="WG-1"))
    assert resp.status_code == 201, resp.content
    data = resp.json()
    assert data["number"] == "SZCG-2019-1" and data["status"] == "reported"
    assert data["category"]["code"] == "SJ0102" and data["category"]["confirmed"] is False
    assert data["cell"]["code"] == "430102-01" and data["org"]["name"] == "甲街道"
    assert data["photo_sha256"] and data["clock"] is None
    assert {m["to"] for m in data["moves"]} == {"dispatched"}  # a clerk of the district
    ev = LedgerEvent.objects.get(action="enf.grid.report", subject_id=str(data["id"]))
    assert ev.data["external_ref"] == "WG-1" and ev.attachments == [data["photo_sha256"]]


def test_file_a_report_as_multipart_with_the_photo_file(client, app):
    with at(D(2019, 6, 3)):
        resp = client.post(
            URL,
            {**_body(), "photo": SimpleUploadedFile("scene.png", PNG, "image/png")},
            **app,
        )
    assert resp.status_code == 201, resp.content
    assert GridReport.objects.get().photo.original_name == "scene.png"


@pytest.mark.parametrize(
    ("missing", "message"),
    [("location", "请填写问题位置"), ("category", "请选择问题类别")],
)
def test_a_report_without_location_or_category_is_a_400_and_changes_nothing(
    client, app, missing, message
):
    events = LedgerEvent.objects.count()
    body = _body()
    del body[missing]
    resp = _post(client, app, body)
    assert resp.status_code == 400
    assert message in resp.json()["detail"]
    assert GridReport.objects.count() == 0 and LedgerEvent.objects.count() == events


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (_body(category="ZZ99"), "问题类别编码不存在：ZZ99"),
        (_body(cell="999"), "网格编码不存在：999"),
        (_body(received_on="2019-13-01"), "请求数据格式不正确"),
        (_body(photo_base64="not base64!"), "照片不是有效的 Base64 编码"),
    ],
)
def test_other_bad_input_is_a_chinese_400(client, app, body, message):
    resp = _post(client, app, body)
    assert resp.status_code == 400 and message in resp.json()["detail"]
    assert GridReport.objects.count() == 0


def test_a_body_that_is_not_json_is_a_400(client, app):
    with at(D(2019, 6, 3)):
        resp = client.post(URL, "{oops", content_type="application/json", **app)
    assert resp.status_code == 400 and "JSON" in resp.json()["detail"]


def test_a_caller_without_a_role_in_the_cell_gets_403(client, g):
    sign_in(client, g.clerk_b)
    resp = _post(client, {}, _body())
    assert resp.status_code == 403 and "没有岗位角色" in resp.json()["detail"]


def test_follow_a_report_through_its_transitions(client, app, g):
    rid = _post(client, app, _body()).json()["id"]
    url = f"{URL}/{rid}/transitions"
    with at(D(2019, 6, 3)):
        resp = client.post(
            url, {"to": "dispatched", "version": 1}, content_type="application/json", **app
        )
    assert resp.status_code == 200, resp.content
    data = resp.json()
    assert data["status"] == "dispatched" and data["version"] == 2
    assert data["clock"]["rule"] == "CG-2" and data["clock"]["due_on"] == "2019-06-04"
    # stale version
    resp = client.post(
        url,
        {"to": "handled", "result": "已清运", "version": 1},
        content_type="application/json",
        **app,
    )
    assert resp.status_code == 409, resp.content
    assert "已被他人修改" in resp.json()["detail"]
    # a move the table does not list
    resp = client.post(url, {"to": "closed"}, content_type="application/json", **app)
    assert resp.status_code == 400 and "不能变更为" in resp.json()["detail"]
    # handled without saying what was done
    resp = client.post(url, {"to": "handled"}, content_type="application/json", **app)
    assert resp.status_code == 400 and "请填写处置情况" in resp.json()["detail"]
    with at(D(2019, 6, 4)):
        resp = client.post(
            url, {"to": "handled", "result": "已清运"}, content_type="application/json", **app
        )
        assert resp.json()["status"] == "handled"
        resp = client.post(url, {"to": "closed"}, content_type="application/json", **app)
    data = resp.json()
    assert data["status"] == "closed" and data["closed_on"] == "2019-06-04"
    assert data["clock"]["stopped_on"] == "2019-06-04" and data["clock"]["status"] == "done"


def test_send_back_re_dispatch_and_independent_verification(client, app, g):
    rid = _post(client, app, _body()).json()["id"]
    url = f"{URL}/{rid}/transitions"
    with at(D(2019, 6, 3)):
        resp = client.post(
            url,
            {"to": "dispatched", "org_id": g.d.bureau.pk},
            content_type="application/json",
            **app,
        )
    assert resp.json()["sent_back"] == 0
    sign_in(client, g.d.clerk)  # the bureau: not its responsibility
    with at(D(2019, 6, 4)):
        assert "reported" in {m["to"] for m in client.get(f"{URL}/{rid}").json()["moves"]}
        resp = client.post(url, {"to": "reported"}, content_type="application/json")
        assert resp.status_code == 400 and "请写明退回理由" in resp.json()["detail"]
        resp = client.post(
            url, {"to": "reported", "reason": "属街道职责"}, content_type="application/json"
        )
    assert resp.status_code == 200, resp.content
    data = resp.json()
    assert (data["status"], data["org"]["name"], data["sent_back"]) == (
        "reported",
        "测试区人民政府",
        1,
    )
    assert data["clock"]["stopped_on"] == "2019-06-04"
    client.logout()
    with at(D(2019, 6, 5)):
        resp = client.post(url, {"to": "dispatched"}, content_type="application/json", **app)
        assert resp.status_code == 400 and "请选择新的责任单位" in resp.json()["detail"]
        resp = client.post(
            url,
            {"to": "dispatched", "org_id": g.d.street_a.pk},
            content_type="application/json",
            **app,
        )
    data = resp.json()
    assert (data["status"], data["org"]["name"]) == ("dispatched", "甲街道")
    assert data["clock"]["started_on"] == "2019-06-05" and data["clock"]["stopped_on"] is None
    sign_in(client, g.officer_a)
    with at(D(2019, 6, 5)):
        resp = client.post(
            url, {"to": "handled", "result": "已清运"}, content_type="application/json"
        )
    assert resp.json()["status"] == "handled"
    sign_in(client, g.clerk_a)  # the unit that did the work may not verify it
    with at(D(2019, 6, 5)):
        assert client.get(f"{URL}/{rid}").json()["moves"] == []
        resp = client.post(url, {"to": "closed"}, content_type="application/json")
    assert resp.status_code == 403 and "不能核查本单位处置的案卷" in resp.json()["detail"]
    assert GridReport.objects.get(pk=rid).status == GridStatus.HANDLED
    client.logout()
    with at(D(2019, 6, 5)):
        resp = client.post(url, {"to": "closed"}, content_type="application/json", **app)
    assert resp.json()["status"] == "closed"


def test_unknown_target_and_missing_to_are_400(client, app):
    rid = _post(client, app, _body()).json()["id"]
    url = f"{URL}/{rid}/transitions"
    resp = client.post(url, {"to": "nowhere"}, content_type="application/json", **app)
    assert resp.status_code == 400 and "未知的目标状态" in resp.json()["detail"]
    resp = client.post(url, {"reason": "x"}, content_type="application/json", **app)
    assert resp.status_code == 400 and "to" in resp.json()["detail"]


def test_a_report_dispatched_elsewhere_is_404_to_another_street(client, app, g):
    rid = _post(client, app, _body()).json()["id"]
    with at(D(2019, 6, 3)):
        grid_flow.report_dispatch(actor=g.clerk_a, report=GridReport.objects.get(pk=rid))
    sign_in(client, g.clerk_b)
    resp = client.get(f"{URL}/{rid}")
    assert resp.status_code == 404 and "不在您的数据范围内" in resp.json()["detail"]
    resp = client.post(
        f"{URL}/{rid}/transitions",
        {"to": "handled", "result": "x"},
        content_type="application/json",
    )
    assert resp.status_code == 404
    assert GridReport.objects.get(pk=rid).status == GridStatus.DISPATCHED
    sign_in(client, g.clerk_a)
    assert client.get(f"{URL}/{rid}").status_code == 200


def test_dispatch_to_another_unit_and_refusals(client, app, g):
    rid = _post(client, app, _body()).json()["id"]
    url = f"{URL}/{rid}/transitions"
    sign_in(client, g.clerk_b)
    resp = client.get(f"{URL}/{rid}")
    assert resp.status_code == 404
    client.logout()
    with at(D(2019, 6, 3)):
        resp = client.post(
            url, {"to": "dispatched", "org_id": 999999}, content_type="application/json", **app
        )
        assert resp.status_code == 400 and "派遣单位不存在" in resp.json()["detail"]
        resp = client.post(
            url,
            {"to": "dispatched", "org_id": g.d.bureau.pk},
            content_type="application/json",
            **app,
        )
    assert resp.json()["org"]["name"] == "测试区行政执法局"
    sign_in(client, g.officer_a)  # the street's officer may no longer handle it
    resp = client.post(url, {"to": "handled", "result": "x"}, content_type="application/json")
    assert resp.status_code == 404


def test_a_role_the_table_does_not_name_is_403(client, g):
    with at(D(2019, 6, 3)):
        r = g.file()
    sign_in(client, g.officer_a)  # officers handle; they do not dispatch
    resp = client.post(
        f"{URL}/{r.pk}/transitions", {"to": "dispatched"}, content_type="application/json"
    )
    assert resp.status_code == 403
    assert resp.json()["detail"] == "只有指挥中心或责任单位的工作人员可以派遣。"


def test_list_filters_and_pages_by_key(client, app, g):
    ids = [_post(client, app, _body()).json()["id"] for _i in range(3)]
    _post(client, app, _body(category="BJ0101", cell="430102-02"))
    with at(D(2019, 6, 3)):
        grid_flow.report_dispatch(actor=g.clerk_a, report=GridReport.objects.get(pk=ids[0]))
    data = client.get(f"{URL}?limit=2", **app).json()
    assert len(data["items"]) == 2 and data["next_after"] is not None
    rest = client.get(f"{URL}?limit=2&after={data['next_after']}", **app).json()
    assert len(rest["items"]) == 2 and rest["next_after"] is None
    assert [i["id"] for i in client.get(f"{URL}?status=dispatched", **app).json()["items"]] == [
        ids[0]
    ]
    assert len(client.get(f"{URL}?kind=component", **app).json()["items"]) == 1
    assert len(client.get(f"{URL}?cell=430102-01", **app).json()["items"]) == 3
    with at(D(2019, 6, 12)):
        overdue = client.get(f"{URL}?overdue=1", **app).json()["items"]
    assert [i["id"] for i in overdue] == [ids[0]]
    resp = client.get(f"{URL}?received_from=yesterday", **app)
    assert resp.status_code == 400
    sign_in(client, g.clerk_b)
    assert len(client.get(URL).json()["items"]) == 1  # only 乙街道's own


def test_codes_for_the_app(client, app, g):
    cats = client.get("/api/v1/enforcement/grid/categories", **app).json()
    assert {"code": "SJ0102", "kind": "event"}.items() <= cats[
        [c["code"] for c in cats].index("SJ0102")
    ].items()
    sign_in(client, g.member)
    cells = [c["code"] for c in client.get("/api/v1/enforcement/grid/cells").json()]
    assert cells == ["430102", "430102-01", "430102-01-01"]


def test_openapi_documents_both_body_forms_beside_the_case_api(client):
    schema = _api.get_openapi_schema()
    body = schema["paths"][URL]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json", "multipart/form-data"}
    assert any(p.startswith("/api/v1/enforcement/cases") for p in schema["paths"])
    assert "GridReportOut" in schema["components"]["schemas"]


def test_list_queries_do_not_grow_with_rows(client, app):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, **app).status_code == 200
        # The kernel's get_calendar() checks the calendar's revision on every clock card
        # (two queries a row); that is the kernel's to cache, not this list's N+1.
        return sum(1 for q in ctx.captured_queries if "core_calendar" not in q["sql"])

    _post(client, app, _body())
    few = count()
    for _i in range(4):
        _post(client, app, _body(photo_base64=base64.b64encode(PNG).decode()))
    assert count() == few
