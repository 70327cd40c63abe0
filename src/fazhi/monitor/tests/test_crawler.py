"""Crawler: caps, robots, resume, conditional GET, encodings, huge pages, loops, politeness."""

from __future__ import annotations

from collections import Counter

import pytest

from fazhi.monitor.engine import aio
from fazhi.monitor.engine.crawler import Limits, Progress, StopCrawl, crawl
from fazhi.monitor.engine.page import decode_html
from fazhi.monitor.engine.transport import DestinationRefused, MappedTransport
from fazhi.monitor.fixtures_site.harness import (
    AS_OF,
    client_factory_for,
    fixture_limits,
    fixture_server,
    fixture_site_config,
)
from fazhi.monitor.fixtures_site.server import Response
from fazhi.monitor.fixtures_site.site import BASE, HOST, FixtureSite


def _run(hmap, *, limits=None, state=None, site=None, on_progress=None, prev=None, pacer=None):
    return aio.run(
        crawl(
            site or fixture_site_config(),
            client_factory=client_factory_for(hmap),
            limits=limits or fixture_limits(k5_max_pages=0),
            state_path=state,
            on_progress=on_progress,
            as_of=AS_OF,
            previous_snapshot=prev,
            pacer=pacer,
        )
    )


class VirtualClock:
    """A clock that only moves when the crawler sleeps: politeness and back-off are asserted
    in virtual seconds, whatever the machine's speed."""

    def __init__(self):
        self.t = 0.0
        self.waits: list[float] = []

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        import asyncio

        self.waits.append(seconds)
        self.t += max(0.0, seconds)
        await asyncio.sleep(0)


def _ours(log):
    return [e for e in log if "fazhi-monitor" in e.headers.get("user-agent", "")]


def test_transport_refuses_unmapped_hosts():
    import httpx

    async def go():
        async with httpx.AsyncClient(transport=MappedTransport({"a.example": 1})) as c:
            await c.get("http://www.furong.gov.cn/")

    with pytest.raises(DestinationRefused):
        aio.run(go())


def test_page_cap():
    with fixture_server() as (srv, hmap):
        r = _run(hmap, limits=fixture_limits(k5_max_pages=0, max_pages=5, workers=1))
    assert r.stats["pages"] == 5
    assert not r.complete and "页面数上限" in r.stop_reason


def test_depth_cap():
    with fixture_server() as (srv, hmap):
        r = _run(hmap, limits=fixture_limits(k5_max_pages=0, max_depth=0))
    # depth 0 = homepage; sitemap URLs enter at depth 1 and are dropped as well
    assert set(r.pages) == {BASE + "/"}


def test_resume_without_refetching():
    with fixture_server() as (srv, hmap):
        import tempfile

        with tempfile.TemporaryDirectory() as d:
            state = f"{d}/state.sqlite"

            def stop_after(p: Progress):
                if p.pages_done >= 12:
                    raise StopCrawl

            r1 = _run(
                hmap,
                state=state,
                on_progress=stop_after,
                limits=fixture_limits(k5_max_pages=0, workers=2),
            )
            assert r1.interrupted and not r1.complete
            first = Counter((e.host, e.target, e.method) for e in _ours(srv.log))
            n1 = len(srv.log)
            r2 = _run(hmap, state=state, limits=fixture_limits(k5_max_pages=0, workers=2))
            assert r2.complete
            second = Counter((e.host, e.target, e.method) for e in _ours(srv.log[n1:]))
    both = first + second
    # only the URL that timed out was tried again, within one run (three tries)
    assert {k: n for k, n in both.items() if n > 1} == {(HOST, "/slow.html", "GET"): 3}
    assert len(r2.pages) > len(r1.pages)
    # the resumed run reports the same findings as an uninterrupted run
    with fixture_server() as (_, hmap2):
        full = _run(hmap2)
    key = lambda r: Counter((f.url, f.rule_id, f.severity) for f in r.findings)  # noqa: E731
    assert key(r2) == key(full)


def test_conditional_get_second_crawl():
    import tempfile

    with fixture_server() as (srv, hmap), tempfile.TemporaryDirectory() as d:
        state = f"{d}/state.sqlite"
        r1 = _run(hmap, state=state)
        n1 = len(srv.log)
        r2 = _run(hmap, state=state)
        second = srv.log[n1:]
    conditional = [e for e in second if "if-none-match" in e.headers]
    assert conditional, "second crawl must send If-None-Match"
    assert any(e.status == 304 for e in second)
    assert r2.stats["not_modified"] >= 10
    key = lambda r: Counter(  # noqa: E731
        (f.url, f.rule_id, f.severity) for f in r.findings if not f.rule_id.startswith("K6.")
    )
    assert key(r1) == key(r2)
    # the second run diffs against the first (stored snapshot): nothing changed
    assert [f for f in r2.findings if f.rule_id.startswith("K6.")] == []


def test_k6_month_over_month():
    site = FixtureSite(variant="before")
    with fixture_server(site) as (srv, hmap):
        before = _run(hmap)
        site.variant = "after"
        after = _run(hmap, prev=before.snapshot)
    k6 = sorted(
        (f.url.replace(BASE, ""), f.rule_id, f.severity)
        for f in after.findings
        if f.rule_id.startswith("K6.")
    )
    assert k6 == [
        ("/js/jquery.min.js", "K6.script_changed", "medium"),
        ("/old_article.html", "K6.new_external_domain", "high"),
        ("/old_article.html", "K6.tampered", "medium"),
    ]
    assert [f for f in before.findings if f.rule_id.startswith("K6.")] == [
        f for f in before.findings if f.rule_id == "K6.new_page"
    ]


def test_gbk_decoding():
    text = "<html><head><meta charset=gbk></head><body>芙蓉区人民政府</body></html>"
    t, enc, note = decode_html(text.encode("gbk"), "text/html; charset=gbk")
    assert "芙蓉区人民政府" in t and enc == "gb18030" and note == ""
    t, enc, note = decode_html(text.replace("gbk", "utf-8").encode("gb18030"), None)
    assert "芙蓉区人民政府" in t and enc == "gb18030" and "utf-8" in note
    t, enc, _ = decode_html(b"\xef\xbb\xbf" + "法治".encode(), None)
    assert t == "法治"


def test_huge_page_bounded():
    with fixture_server() as (srv, hmap):
        r = _run(
            hmap,
            site=fixture_site_config(start_urls=(BASE + "/huge.html",)),
            limits=fixture_limits(k5_max_pages=0, max_bytes=1024 * 1024),
        )
    rec = r.pages[BASE + "/huge.html"]
    assert rec.truncated and rec.size == 1024 * 1024
    assert r.stats["bytes"] < 3 * 1024 * 1024
    assert any(f.rule_id == "CRAWL.too_large" for f in r.findings)


def test_redirect_loop_and_unreachable():
    with fixture_server() as (srv, hmap):
        r = _run(hmap, site=fixture_site_config(start_urls=(BASE + "/loop/a",)))
    st = r.links[BASE + "/loop/a"]
    assert st.error == "redirect-loop" and len(st.chain) <= 6
    # a site whose host is not reachable at all: bounded, reported, no crash
    from fazhi.monitor.fixtures_site.server import closed_port

    r = _run({HOST: closed_port()})
    assert r.complete
    assert [(f.rule_id, f.severity) for f in r.findings] == [("CRAWL.unreachable", "high")]


def test_broken_html_does_not_crash():
    site = FixtureSite(extra={"/": Response(200, b"<html><body><div><a href='/x'>\x00\xff<<p>")})
    with fixture_server(site) as (srv, hmap):
        r = _run(hmap)
    assert r.complete and BASE + "/" in r.pages


def test_politeness_delay_and_retry_after():
    calls = {"n": 0}

    class Site(FixtureSite):
        def __call__(self, req):
            if req.host == HOST and req.path == "/busy.html":
                calls["n"] += 1
                if calls["n"] == 1:
                    return Response(429, b"", {"Retry-After": "0.3"})
                return Response(200, b"<html><body>ok</body></html>")
            return super().__call__(req)

    home = Response(
        200,
        b'<html><body><a href="/busy.html">b</a><a href="/tzgg/">t</a>'
        b'<a href="/zcwj/">z</a></body></html>',
    )
    site = Site(extra={"/": home})
    with fixture_server(site) as (srv, hmap):
        lim = fixture_limits(
            k5_max_pages=0,
            polite=True,
            delay=0.1,
            jitter=0.0,
            per_host_concurrency=1,
            check_external=False,
            max_retry_after=1.0,
        )
        cfg = fixture_site_config(columns=())
        vc = VirtualClock()
        r = _run(hmap, site=cfg, limits=lim, pacer=(vc.now, vc.sleep))
    assert r.links[BASE + "/busy.html"].status == 200
    assert calls["n"] == 2
    n = len([e for e in srv.log if e.host == HOST])
    # one request at a time to the host, each after the 0.1 s gap (virtual seconds); the 429's
    # Retry-After of 0.3 s replaces one gap
    assert vc.t == pytest.approx(0.1 * (n - 2) + 0.3)
    assert 0.3 in [round(w, 6) for w in vc.waits]


def _flaky_site(kind: str, failures: int):
    """The fixture site plus /flaky.html, which hangs (or resets the connection) the first
    ``failures`` times and then answers."""
    calls = {"n": 0}

    class Site(FixtureSite):
        def __call__(self, req):
            if req.host == HOST and req.path == "/flaky.html":
                calls["n"] += 1
                if calls["n"] <= failures:
                    if kind == "timeout":
                        return Response(200, b"<html><body>late</body></html>", delay=20)
                    return Response(200, _ResetBody(), length=10_000)
                return Response(200, b"<html><body>ok</body></html>")
            return super().__call__(req)

    home = Response(200, b'<html><body><a href="/flaky.html">f</a></body></html>')
    return Site(extra={"/": home}), calls


class _ResetBody:
    """A body that announces 10,000 bytes and stops after 5: the client sees the connection
    closed early, as with a reset."""

    def __iter__(self):
        yield b"<html"
        raise ConnectionResetError


@pytest.mark.parametrize("kind", ["timeout", "reset"])
def test_timeout_or_reset_retried_before_it_counts(kind):
    site, calls = _flaky_site(kind, failures=1)
    vc = VirtualClock()
    with fixture_server(site) as (srv, hmap):
        r = _run(
            hmap,
            site=fixture_site_config(columns=()),
            limits=fixture_limits(k5_max_pages=0, check_external=False),
            pacer=(vc.now, vc.sleep),
        )
    st = r.links[BASE + "/flaky.html"]
    assert (st.status, st.error, st.tries, calls["n"]) == (200, "", 2, 2)
    assert [f for f in r.findings if f.rule_id.startswith("LINK.")] == []
    assert vc.waits == [0.1]  # back-off before the second try


@pytest.mark.parametrize(
    ("kind", "rule", "what"),
    [
        ("timeout", "LINK.timeout", "超时（1.5 秒内未打开，3 次尝试均失败）"),
        ("reset", "LINK.dead", "连接被重置（3 次尝试均失败）"),
    ],
)
def test_persistent_timeout_or_reset_says_how_many_tries(kind, rule, what):
    site, calls = _flaky_site(kind, failures=99)
    vc = VirtualClock()
    with fixture_server(site) as (srv, hmap):
        r = _run(
            hmap,
            site=fixture_site_config(columns=()),
            limits=fixture_limits(k5_max_pages=0, check_external=False),
            pacer=(vc.now, vc.sleep),
        )
    st = r.links[BASE + "/flaky.html"]
    assert (st.error, st.tries, calls["n"]) == (kind, 3, 3)
    assert vc.waits == [0.1, 0.2]  # exponential back-off
    (f,) = [f for f in r.findings if f.rule_id.startswith("LINK.")]
    assert f.rule_id == rule and f.evidence == f"{BASE}/flaky.html → {what}"


def test_progress_reports():
    seen: list[Progress] = []
    with fixture_server() as (srv, hmap):
        _run(
            hmap,
            on_progress=lambda p: seen.append(
                Progress(**{k: getattr(p, k) for k in Progress.__dataclass_fields__})
            ),
        )
    assert seen and seen[-1].pages_done > 40
    assert any(p.errors for p in seen) and all(p.queued >= 0 for p in seen)


def test_default_limits_follow_indicator():
    lim = Limits()
    assert lim.timeout == 15.0 and lim.max_redirects == 5 and lim.per_host_concurrency == 2
    assert lim.delay >= 1.0 and lim.polite and lim.obey_robots
