"""The API: a clerk registers and answers a request; the reply's due date is the clock's;
another organisation's staff get 404; a bad answer is 400 with the message."""

import pytest

from fazhi.core.tests.signin import sign_in

from . import factories

URL = "/api/v1/opengov/requests"


@pytest.fixture
def w(db):
    return factories.World()


def test_receive_answer_and_scope_through_the_api(w, client):
    sign_in(client, w.clerk)
    body = {
        "org_id": w.body.pk,
        "channel": "online",
        "applicant_kind": "person",
        "applicant_name": "王丽华",
        "applicant_id_number": factories.ID_NUMBER,
        "description": "申请公开2019年老旧小区改造项目清单",
        "received_on": "2019-09-02",
    }
    resp = client.post(URL, body, content_type="application/json")
    assert resp.status_code == 201, resp.content
    out = resp.json()
    assert (out["number"], out["due_on"]) == ("测试住建局信公申〔2019〕1号", "2019-09-30")
    answer = f"{URL}/{out['id']}/answer"
    resp = client.post(
        answer, {"reply_type": "not_disclosed", "on": "2019-09-10"}, content_type="application/json"
    )
    assert (resp.status_code, resp.json()["detail"]) == (400, "不予公开的，须写明理由和依据。")
    resp = client.post(
        answer, {"reply_type": "disclosed", "on": "2019-09-10"}, content_type="application/json"
    )
    assert resp.status_code == 200 and resp.json()["status"] == "answered"
    sign_in(client, w.stranger)
    assert client.get(f"{URL}/{out['id']}").status_code == 404
    assert client.get(URL).json() == []
