"""API answers carry Chinese as characters (UTF-8), not ``\\uXXXX`` escapes."""

import json

import pytest

from fazhi.core.tests.signin import sign_in


@pytest.mark.django_db
def test_api_answers_are_utf8_with_chinese_as_characters(client, district):
    sign_in(client, district.leader)
    resp = client.get("/api/v1/orgs")
    assert resp["Content-Type"] == "application/json; charset=utf-8"
    raw = resp.content
    assert "测试区行政执法局".encode() in raw and b"\\u" not in raw
    assert json.loads(raw.decode("utf-8")) == resp.json()
    # an error answer too
    bad = client.get("/api/v1/deadlines/XK-3", {"start": "2019-02-30"})
    assert bad.status_code == 400 and b"\\u" not in bad.content
    assert "日期" in bad.content.decode("utf-8")
