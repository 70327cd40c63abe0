"""What the kernel's API guard gives every operation (``fazhi.core.guard``): bad input
refused with a message in the caller's language and nothing changed, ``Idempotency-Key`` on
creating POSTs (a retried or concurrent duplicate makes one record and gets the same answer),
a stale version answered 409. Checked on the enforcement case API, the first that creates
records; the guard is the same for every router."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from fazhi.core import services
from fazhi.core.models import IdempotentRequest, LedgerEvent
from fazhi.core.tests.concurrency import race, workers
from fazhi.enforcement.models import Case
from fazhi.enforcement.tests.casefactories import Bureau

CASES = "/api/v1/enforcement/cases"


@pytest.fixture
def b(db):
    return Bureau()


def _token(user) -> dict:
    _t, key = services.token_create(actor=user, user=user, name="对接系统")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _case(b, **over) -> dict:
    return {
        "body_id": b.body.pk,
        "field_code": "city",
        "item_code": "CG-001",
        "source": "patrol",
        "received_on": "2024-05-08",
        "party_kind": "person",
        "party_name": "王建国",
        **over,
    }


def _post(client, url, data, auth, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **auth, **headers)


def test_a_nul_character_is_refused_in_the_callers_language(b, client):
    auth = _token(b.clerk)
    events = LedgerEvent.objects.count()
    resp = _post(client, CASES, _case(b, party_name="王\x00建国"), auth)
    assert resp.status_code == 400
    assert resp.json() == {"detail": "输入含有不允许的控制字符（NUL），请删除后重试。"}
    assert client.get(f"{CASES}?q=%00", **auth).status_code == 400
    b.clerk.language = "en"
    b.clerk.save(update_fields=["language"])
    resp = _post(client, CASES, _case(b, facts="\x00"), auth)
    assert resp.json() == {
        "detail": "The input contains a character that is not allowed (NUL); remove it and "
        "try again."
    }
    assert Case.objects.count() == 0 and LedgerEvent.objects.count() == events


def test_an_over_long_value_is_refused_not_stored(b, client):
    """SQLite keeps a text longer than its column; PostgreSQL fails (500 before). Through
    the API both refuse it the same way."""
    resp = _post(client, CASES, _case(b, party_name="王" * 201), _token(b.clerk))
    assert resp.status_code == 400
    assert resp.json() == {"detail": "“当事人”最多 200 个字符，现有 201 个。"}
    assert Case.objects.count() == 0


def test_input_outside_the_schema_is_422_with_the_fields_named(b, client):
    auth = _token(b.clerk)
    resp = _post(client, CASES, _case(b, received_on="2024-13-45", body_id="x"), auth)
    assert resp.status_code == 422
    assert resp.json()["detail"] == "请求内容不符合接口说明：data.body_id、data.received_on"
    resp = client.get("/api/v1/indicators?year=100000", **auth)  # was 500 (no such date)
    assert resp.status_code == 422
    assert resp.json()["detail"] == "请求内容不符合接口说明：year"


def test_a_retried_create_makes_one_record_and_gets_the_same_answer(b, client):
    auth = _token(b.clerk)
    first = _post(client, CASES, _case(b), auth, HTTP_IDEMPOTENCY_KEY="case-2024-0001")
    again = _post(client, CASES, _case(b), auth, HTTP_IDEMPOTENCY_KEY="case-2024-0001")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert Case.objects.count() == 1
    # another key, or none: a new record (the key is the caller's promise, not a dedup rule)
    assert (
        _post(client, CASES, _case(b), auth, HTTP_IDEMPOTENCY_KEY="case-2024-0002").json()["id"]
        != first.json()["id"]
    )
    assert Case.objects.count() == 2
    # the same key with another body: refused, nothing made
    resp = _post(
        client, CASES, _case(b, party_name="李红梅"), auth, HTTP_IDEMPOTENCY_KEY="case-2024-0001"
    )
    assert resp.status_code == 422
    assert resp.json() == {"detail": "该 Idempotency-Key 已用于内容不同的另一请求。"}
    # another user's same key is another request
    other = _post(client, CASES, _case(b), _token(b.leader), HTTP_IDEMPOTENCY_KEY="case-2024-0001")
    assert other.status_code == 201 and Case.objects.count() == 3
    assert IdempotentRequest.objects.count() == 3


def test_a_refused_create_keeps_no_claim_on_its_key(b, client):
    auth = _token(b.clerk)
    bad = _post(client, CASES, _case(b, field_code="nope"), auth, HTTP_IDEMPOTENCY_KEY="k-1")
    assert bad.status_code == 400 and Case.objects.count() == 0
    good = _post(client, CASES, _case(b), auth, HTTP_IDEMPOTENCY_KEY="k-1")
    assert good.status_code == 201 and Case.objects.count() == 1
    resp = _post(client, CASES, _case(b), auth, HTTP_IDEMPOTENCY_KEY="x" * 256)
    assert resp.status_code == 400
    assert resp.json() == {"detail": "Idempotency-Key 应为 1 至 255 个可见字符。"}


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_make_one_record():
    b = Bureau()
    auth = _token(b.clerk)
    body = json.dumps(_case(b))

    def send(_i):
        resp = Client().post(
            CASES, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="grid-77", **auth
        )
        return resp.status_code, resp.content

    out = race(send)
    assert [o.error for o in out] == [None] * workers()
    assert {o.value for o in out} == {out[0].value} and out[0].value[0] == 201
    assert Case.objects.count() == 1


def test_a_stale_version_is_409_and_changes_nothing(b, client):
    auth = _token(b.leader)
    case = services_case(b)
    url = f"{CASES}/{case.pk}/transitions"
    move = {"to": "registered", "on": "2024-05-09", "version": case.version + 1}
    resp = _post(client, url, move, auth)
    assert resp.status_code == 409
    assert resp.json() == {"detail": "该事项已被他人修改（当前为第 1 版），请刷新页面后重试。"}
    case.refresh_from_db()
    assert (case.status, case.version) == ("clue", 1)
    resp = _post(client, url, {**move, "version": 1}, auth)
    assert resp.status_code == 200 and resp.json()["status"] == "registered"
    schema = client.get("/api/openapi.json", **auth).json()
    responses = schema["paths"][f"{CASES}/{{case_id}}/transitions"]["post"]["responses"]
    assert "409" in responses


def services_case(b) -> Case:
    from fazhi.enforcement.services import cases as svc

    return svc.case_open(
        actor=b.clerk,
        body=b.body,
        field=b.field,
        item=b.item,
        source="patrol",
        received_on=dt.date(2024, 5, 8),
        party_kind="person",
        party_name="王建国",
    )


def test_the_grid_report_api_answers_a_stale_version_409_too(db, client, settings, tmp_path):
    """The grid-report API (``enforcement/api_grid.py``) catches the refused move itself and
    answers it 400 with its own message; through the project's API the guard turns that
    answer into 409, as for every other router. Nothing is changed."""
    from fazhi.enforcement.tests.test_grid import Grid, at

    settings.ATTACHMENT_ROOT = tmp_path / "att"
    with at(dt.date(2019, 6, 3)):
        g = Grid()
        report = g.file()
        auth = _token(g.centre)
        url = f"/api/v1/enforcement/grid/reports/{report.pk}/transitions"
        resp = _post(client, url, {"to": "dispatched", "version": 1}, auth)
        assert resp.status_code == 200 and resp.json()["version"] == 2
        events = LedgerEvent.objects.count()
        stale = {"to": "handled", "result": "已清运", "version": 1}
        resp = _post(client, url, stale, auth)
    assert resp.status_code == 409
    assert resp.json() == {"detail": "该事项已被他人修改（当前为第 2 版），请刷新页面后重试。"}
    report.refresh_from_db()
    assert (report.status, report.version) == ("dispatched", 2)
    assert LedgerEvent.objects.count() == events
