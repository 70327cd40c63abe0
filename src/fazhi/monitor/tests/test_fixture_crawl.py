"""A full crawl of the fixture site must produce EXPECTED exactly, and none of the negatives."""

from __future__ import annotations

import re
from collections import Counter

from fazhi.monitor.engine.bulletin import build_bulletin, render_html
from fazhi.monitor.fixtures_site.expected import (
    EXPECTED,
    HIDDEN_REASONS,
    NEGATIVES,
    NEVER_FETCHED,
    expected_counter,
)
from fazhi.monitor.fixtures_site.site import BASE, EXTERNAL_HOSTS, HOST, SEED_TITLE


def _got(result) -> Counter:
    return Counter((f.url, f.rule_id, f.severity) for f in result.findings)


def test_findings_exactly_as_expected(fixture_crawl):
    result, _, _ = fixture_crawl
    got = _got(result)
    want = expected_counter(BASE)
    missing = want - got
    extra = got - want
    assert not missing and not extra, f"missing={dict(missing)}\nextra={dict(extra)}"
    assert len(result.findings) == len(EXPECTED)


def test_crawl_completed(fixture_crawl):
    result, _, _ = fixture_crawl
    assert result.complete and not result.interrupted
    assert result.stats["sitemap_urls"] == 5
    assert result.stats["robots_disallowed"] == 1


def test_seed_pattern(fixture_crawl):
    result, _, _ = fixture_crawl
    url = BASE + "/seed_report.html"
    k2 = [f for f in result.findings if f.url == url and f.rule_id == "K2.issuer"]
    assert len(k2) == 1
    assert "芙蓉区凯发一触即发" in k2[0].evidence
    assert "长沙市芙蓉区人民政府" in k2[0].evidence
    assert result.pages[url].title == SEED_TITLE
    k1 = [f for f in result.findings if f.url == url and f.rule_id == "K1.lexicon"]
    assert "凯发一触即发" in k1[0].evidence


def test_hidden_reasons(fixture_crawl):
    result, _, _ = fixture_crawl
    url = BASE + "/hidden_links.html"
    reasons = Counter(
        f.detail["reason"] for f in result.findings if f.url == url and f.rule_id == "K3.hidden"
    )
    assert reasons == Counter(HIDDEN_REASONS)


def test_negatives_quiet(fixture_crawl):
    result, _, _ = fixture_crawl
    for path in NEGATIVES:
        url = BASE + path
        assert url in result.pages, path
        noisy = [f for f in result.findings if f.url == url]
        assert noisy == [], (path, noisy)


def test_robots_respected_and_scope(fixture_crawl):
    _, log, _ = fixture_crawl
    targets = {(e.host, e.target) for e in log}
    for path in NEVER_FETCHED:
        assert (HOST, path) not in targets
    assert all(e.method in ("GET", "HEAD") for e in log), "never submits forms"
    hosts = {e.host for e in log}
    assert hosts <= {HOST, *EXTERNAL_HOSTS}
    # external URLs are checked once and never crawled
    ext = Counter((e.host, e.target) for e in log if e.host != HOST)
    k5_probe_targets = {("www.kaifa-k8.example", "/ref")}
    assert all(n == 1 for k, n in ext.items() if k not in k5_probe_targets), ext
    # identifies itself
    ua = {e.headers.get("user-agent", "") for e in log if e.host != HOST}
    assert all("fazhi-monitor" in u for u in ua)


def test_no_crawl_url_fetched_twice_by_the_crawler(fixture_crawl):
    _, log, _ = fixture_crawl
    ours = Counter(
        (e.host, e.target, e.method)
        for e in log
        if "fazhi-monitor" in e.headers.get("user-agent", "")
    )
    # only the URL that timed out was tried again (three tries in all)
    assert {k: n for k, n in ours.items() if n > 1} == {(HOST, "/slow.html", "GET"): 3}


def test_privacy_masked_everywhere(fixture_crawl):
    result, _, site = fixture_crawl
    raw_id, raw_phone = "430102198506151231", "13912345678"
    html = render_html(build_bulletin(result, site=site))
    for f in result.findings:
        assert raw_id not in f.evidence and raw_phone not in f.evidence
    assert raw_id not in html and raw_phone not in html
    assert "430102********1231" in html and "139****5678" in html


def test_bulletin_from_fixture_crawl(fixture_crawl):
    result, _, site = fixture_crawl
    b = build_bulletin(result, site=site)
    panel = {v.code: v.status for v in b.vetoes}
    assert panel == {
        "V1": "触发",
        "V2": "未检测",
        "V3": "OK",
        "V4": "触发",
        "V5": "未检测",
        "V6": "未检测",
    }
    assert b.conclusion.startswith("不合格")
    assert "V1" in b.conclusion and "V4" in b.conclusion
    assert len(b.rectification) == sum(1 for f in result.findings if f.severity != "info")
    assert any(r.kind == "K2.issuer" and "芙蓉区凯发一触即发" in r.problem for r in b.rectification)
    assert {c.name for c in b.columns if c.blank} == {f"空白栏目{n}" for n in "一二三四五"}
    html = render_html(b)
    assert html.startswith("<!DOCTYPE html>")
    for heading in ("一、总体情况", "二、结论", "单项否决", "附件：整改清单", "九、环比变化"):
        assert heading in html
    assert not re.search(r"<script", html)
    assert b.score is not None and 0 <= b.score <= 100
