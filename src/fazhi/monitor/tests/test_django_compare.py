"""``fazhi monitor compare``: a copy of a crawled page of the fixture site, found elsewhere with
spam added, is traced to its original, the injected text shown and recorded; bad suspects are
refused and nothing is recorded."""

from __future__ import annotations

import copy

import pytest

from fazhi.core import clock
from fazhi.core.models import LedgerEvent
from fazhi.core.tests.factories import District
from fazhi.core.tests.signin import sign_in
from fazhi.monitor.fixtures_site.harness import fixture_server
from fazhi.monitor.fixtures_site.server import Request, Response
from fazhi.monitor.fixtures_site.site import BASE, HOST, FixtureSite
from fazhi.monitor.models import Finding

from .factories import JUNE, fazhi, fixture_site, map_args

pytestmark = pytest.mark.django_db
COPY_HOST = "www.copycat.example"
SPAM = "<p>鑫盛国际娱乐平台注册就送88元，提现秒到账，信誉第一。</p>"


def original_html() -> str:
    r = FixtureSite()(Request(HOST, "/seed_clean.html", {}, {}, "GET"))
    return r.body.decode("utf-8")


def cloned_html() -> str:
    html = original_html()
    return html.replace("</body>", SPAM + "</body>", 1)


class WithCopy(FixtureSite):
    """The fixture site, plus another domain serving a copy of one of its pages."""

    def __call__(self, req: Request) -> Response:
        if req.host == COPY_HOST:
            return Response(200, cloned_html().encode("utf-8"))
        return super().__call__(req)


@pytest.fixture
def crawled(crawled_district, db):
    """The fixture portal's site, crawled once for the class (conftest.crawled_district)."""
    return copy.deepcopy(crawled_district.site)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("ftp://www.copycat.example/copy.html", "只能比对 http 或 https 网址"),
        ("http://192.168.1.20/copy.html", "指向内部网络地址（192.168.1.20）"),
        ("http://127.0.0.1:8000/copy.html", "指向内部网络地址（127.0.0.1）"),
        ("http://localhost/copy.html", "指向内部网络地址"),
        ("http://10.0.0.8/", "指向内部网络地址（10.0.0.8）"),
    ],
)
def test_bad_suspects_are_refused(capsys, source, message):
    with clock.frozen(JUNE):
        fixture_site(District().gov)  # refused before any comparison: no crawl needed
    events = LedgerEvent.objects.count()
    with clock.frozen(JUNE):
        assert fazhi("monitor", "compare", source) == 2
    assert message in capsys.readouterr().err
    assert not Finding.objects.filter(rule_id="CLONE.copy").exists()
    assert LedgerEvent.objects.count() == events


class TestOnACrawledPortal:
    """One crawl of the fixture portal for the class; each test in its own savepoint."""

    def test_compare_a_saved_copy(self, crawled, tmp_path, capsys):
        path = tmp_path / "copy.html"
        path.write_text(cloned_html(), encoding="utf-8")
        with clock.frozen(JUNE):
            assert fazhi("monitor", "compare", str(path), "--site", crawled.code) == 1
        out = capsys.readouterr().out
        assert f"原始页面：{BASE}/seed_clean.html" in out
        assert "【鑫盛国际娱乐平台注册就送88元，提现秒到账，信誉第一。】（博彩类）" in out
        (f,) = Finding.objects.filter(rule_id="CLONE.copy")
        assert (f.url, f.severity, f.key) == (f"{BASE}/seed_clean.html", "high", "copy.html")
        assert "鑫盛国际" in f.evidence and f.detail["similarity"] > 0.8
        # the same copy again: the finding exists already
        with clock.frozen(JUNE):
            assert fazhi("monitor", "compare", str(path)) == 1
        assert Finding.objects.filter(rule_id="CLONE.copy").count() == 1

    def test_compare_a_copy_on_another_domain(self, crawled, capsys):
        with clock.frozen(JUNE), fixture_server(WithCopy()) as (_srv, hmap):
            hmap[COPY_HOST] = hmap[HOST]
            url = f"http://{COPY_HOST}/news/copy.html"
            assert fazhi("monitor", "compare", url, *map_args(hmap)) == 1
        out = capsys.readouterr().out
        assert f"可疑页面：{url}" in out and f"原始页面：{BASE}/seed_clean.html" in out
        assert Finding.objects.get(rule_id="CLONE.copy").key == url

    def test_unrelated_page_has_no_original(self, crawled, tmp_path):
        path = tmp_path / "other.html"
        path.write_text(
            "<html><body><p>今日天气晴，气温二十度。</p></body></html>", encoding="utf-8"
        )
        with clock.frozen(JUNE):
            assert fazhi("monitor", "compare", str(path)) == 5
        assert not Finding.objects.filter(rule_id="CLONE.copy").exists()

    def test_compare_page(self, crawled, client):
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.urls import reverse

        from fazhi.core.models import User

        supervisor = User.objects.get(username="supervisor")
        sign_in(client, supervisor)
        url = reverse("monitor:compare")
        assert client.get(url).status_code == 200
        empty = client.post(url, {"url": ""}).content.decode()
        assert "请填写可疑页面的网址" in empty
        upload = SimpleUploadedFile("copy.html", cloned_html().encode("utf-8"), "text/html")
        with clock.frozen(JUNE):
            page = client.post(url, {"file": upload, "site": crawled.pk}).content.decode()
        assert f"{BASE}/seed_clean.html" in page and "<mark>鑫盛国际娱乐平台" in page
        assert "已记录为监测问题" in page
        assert Finding.objects.get(rule_id="CLONE.copy").key == "copy.html"
        refused = client.post(url, {"url": "http://192.168.0.1/a.html"}).content.decode()
        assert "指向内部网络地址" in refused
