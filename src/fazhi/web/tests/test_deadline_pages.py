"""The calculator gives the same answer on the staff page, the public page and the API."""

import pytest

from fazhi.core.tests.signin import sign_in

pytestmark = pytest.mark.django_db

Q = "?code=GK-4&start=2019-09-27"


def test_public_page_answers_without_login(client, db):
    body = client.get("/deadlines/" + Q).content.decode()
    assert '<strong id="deadline-due">2019-10-30</strong>' in body
    assert "经过国庆节放假（2019年10月1日至2019年10月7日，共7天）" in body
    assert 'href="/deadlines/rules/GK-4/"' in body


def test_staff_page_gives_the_same_answer(client, district):
    sign_in(client, "clerk")
    body = client.get("/workspace/deadlines/" + Q).content.decode()
    assert '<strong id="deadline-due">2019-10-30</strong>' in body


def test_api_gives_the_same_answer(client, db):
    data = client.get("/api/v1/deadlines/GK-4?start=2019-09-27").json()
    assert data["due"] == "2019-10-30"
    assert data["article"] == "第三十三条第二款、第三款"
    assert data["explanation"][-1] == "期限届满日：2019年10月30日（星期三）"


def test_api_with_pause_extension_restart(client, db):
    url = (
        "/api/v1/deadlines/GK-4?start=2019-09-27&pause=2019-10-08..2019-10-10"
        "&extend=5&restart=2019-09-30"
    )
    data = client.get(url).json()
    # Restart 09-30 (Mon, not counted). 10/1-7 国庆; 10/8-10 paused (3 WD not counted);
    # 10/11=1, 10/12 Sat make-up=2, 10/14-18=3..7, 10/21-25=8..12, 10/28-11/1=13..17,
    # 11/4=18, 11/5=19, 11/6=20; +5 WD: 11/7=21, 11/8=22, 11/11=23, 11/12=24, 11/13=25.
    assert client.get(url).status_code == 200 and data["due"] == "2019-11-13"


@pytest.mark.parametrize(
    "url,detail",
    [
        (
            "/api/v1/deadlines/ZZ-1?start=2019-01-01",
            "未知的期限规则代码：ZZ-1（fazhi deadline --list 列出全部代码）",
        ),
        (
            "/api/v1/deadlines/GK-4?start=2019-02-30",
            "起算日不是有效日期（应为 YYYY-MM-DD）：2019-02-30",
        ),
        (
            "/api/v1/deadlines/GK-4?start=2030-03-01",
            "工作日历未收录 2030 年（国务院办公厅尚未发布或尚未录入该年放假安排），无法计算。",
        ),
    ],
)
def test_api_bad_input_is_400(client, db, url, detail):
    resp = client.get(url)
    assert resp.status_code == 400 and resp.json() == {"detail": detail}


def test_public_page_bad_input_shows_the_message(client, db):
    body = client.get("/deadlines/?code=GK-4&start=2030-03-01").content.decode()
    assert "工作日历未收录 2030 年" in body and 'id="deadline-due"' not in body


def test_into_an_unannounced_year_the_answer_is_provisional_everywhere(client, db):
    """2027's holidays are not announced: the same provisional date, marked 待公布, on the
    API, the public page and the staff page (the CLI is tested with the table)."""
    data = client.get("/api/v1/deadlines/GK-4?start=2026-12-10").json()
    assert (data["due"], data["provisional"], data["provisional_years"]) == (
        "2027-01-07",
        True,
        [2027],
    )
    assert data["provisional_note"] == (
        "2027年放假安排尚未公布，暂按周末推算，公布后自动重新计算（待公布）"
    )
    body = client.get("/deadlines/?code=GK-4&start=2026-12-10").content.decode()
    assert 'id="deadline-due">2027-01-07</strong>' in body
    assert 'id="deadline-provisional"' in body and "待公布" in body


def test_unconfirmed_rule_is_flagged(client, db):
    body = client.get("/deadlines/?code=BA-1&start=2019-09-27").content.decode()
    assert 'id="deadline-unconfirmed"' in body


def test_public_page_is_rate_limited(client, db, monkeypatch):
    """30 look-ups a minute per address, counted in the shared (database) cache."""
    import types

    import django_ratelimit.core

    # One fixed window: django-ratelimit reads the wall clock through its own ``time``.
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: 1.8e9))
    codes = [client.get("/deadlines/").status_code for _ in range(31)]
    assert codes[:30] == [200] * 30 and codes[30] == 429
    # Another address is counted on its own.
    assert client.get("/deadlines/", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_rule_page_shows_both_versions(client, db):
    body = client.get("/deadlines/rules/GK-4/").content.decode()
    assert "第二十四条" in body and "第三十三条第二款、第三款" in body


def test_openapi_documents_the_endpoint(client, district):
    sign_in(client, district.clerk)
    spec = client.get("/api/openapi.json").json()
    assert "/api/v1/deadlines/{code}" in spec["paths"]
