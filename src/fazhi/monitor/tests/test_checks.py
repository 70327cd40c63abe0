"""Unit tests per check, positive and negative."""

from __future__ import annotations

import datetime as dt

from fazhi.monitor.engine.analyse import PageOutcome
from fazhi.monitor.engine.checks import (
    CheckContext,
    expression,
    k1_lexicon,
    k2_identity,
    k3_hidden,
    k4_scripts,
    privacy,
)
from fazhi.monitor.engine.checks.freshness import freshness_findings, homepage_status
from fazhi.monitor.engine.checks.k5_cloaking import Probe, compare
from fazhi.monitor.engine.config import ColumnRule, default_site
from fazhi.monitor.engine.normalise import normalise
from fazhi.monitor.engine.page import page_from_text, parse_page

SITE = default_site()
CTX = CheckContext(SITE, dt.date(2025, 6, 30))
URL = "http://www.furong.gov.cn/a.html"


def _page(body: str, title: str = "测试", head: str = ""):
    return parse_page(
        f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>", URL
    )


def rules(fs):
    return sorted((f.rule_id, f.severity) for f in fs)


# ---------------------------------------------------------------- normalise / K1


def test_normalise_tricks():
    assert normalise("凯★发✿ღ◈") == "凯发"
    assert normalise("百\u200b家\u200c樂") == "百家乐"
    assert normalise("國務院辦(ban)公廳") == "国务院办公厅"
    assert normalise("(K8)") == "(k8)"  # not a pinyin note of a preceding character
    assert normalise("ＢＥＴ３６５") == "bet365"


def test_k1_positive_and_locations():
    p = _page(
        "<p>正文</p>", title="政务服务-凯发官网", head='<meta name="keywords" content="百家乐">'
    )
    fs = k1_lexicon.check(p, CTX)
    assert rules(fs) == [("K1.lexicon", "high")]
    assert "标题" in fs[0].evidence and "meta" in fs[0].evidence


def test_k1_negatives():
    for text in (
        "实现开户即开业",
        "推进全面依法治区",
        "严厉打击跨境赌博犯罪",
        "银行开户",
        "依法查处娱乐场所",
    ):
        assert k1_lexicon.check(_page(f"<p>{text}</p>"), CTX) == [], text


def test_k1_weak_terms_only_count_with_strong():
    assert k1_lexicon.check(_page("<p>注册送好礼，开户</p>"), CTX) == []
    assert rules(k1_lexicon.check(_page("<p>百家乐开户注册送</p>"), CTX)) == [
        ("K1.lexicon", "high")
    ]


# ---------------------------------------------------------------- K2


def test_k2_seed_title():
    p = _page(
        "<h1>芙蓉区凯发一触即发关于2019年度法治政府建设情况的报告</h1>",
        title="芙蓉区凯发一触即发关于2019年度法治政府建设情况的报告",
    )
    fs = [f for f in k2_identity.check(p, CTX) if f.rule_id == "K2.issuer"]
    assert rules(fs) == [("K2.issuer", "high")]


def test_k2_replacement_without_lexicon_hit():
    p = _page("", title="芙蓉区金玉满堂关于2019年度工作的报告")
    fs = [f for f in k2_identity.check(p, CTX) if f.rule_id == "K2.issuer"]
    assert rules(fs) == [("K2.issuer", "high")]
    assert "疑似机关名被替换" in fs[0].evidence


def test_k2_quiet_for_own_and_forwarded_documents():
    for title in (
        "芙蓉区人民政府关于2019年度法治政府建设情况的报告",
        "长沙市人民政府关于印发《长沙市重大行政决策程序规定》的通知",
        "湖南省人民政府办公厅关于进一步加强行政规范性文件管理的通知",
        "芙蓉区司法局关于开展普法工作的通知",
        "关于2019年度法治政府建设情况的报告",
        "芙蓉区人民政府办公室 芙蓉区司法局关于联合开展检查的通知",
    ):
        p = _page("", title=title)
        assert [f for f in k2_identity.check(p, CTX) if f.rule_id == "K2.issuer"] == [], title


def test_k2_sitename_meta():
    p = _page(
        "",
        head='<meta name="SiteName" content="凯发一触即发"><meta name="SiteIDCode" '
        'content="4301020000">',
    )
    assert rules(k2_identity.check(p, CTX)) == [("K2.sitename", "high")]


# ---------------------------------------------------------------- K3


def test_k3_hidden_external_and_css_class():
    css = {"http://www.furong.gov.cn/s.css": ".q{display:none}"}
    html = (
        '<html><head><link rel="stylesheet" href="/s.css"></head><body>'
        '<div class="q"><a href="http://x.example/">链接</a></div>'
        '<div style="display:none">百家乐</div></body></html>'
    )
    p = parse_page(html, URL, external_css=css)
    fs = k3_hidden.check(p, CTX)
    assert rules(fs) == [("K3.hidden", "high"), ("K3.hidden", "medium")]


def test_k3_benign_quiet():
    html = """<nav><ul style="display:none"><li><a href="/x">菜单</a></li></ul></nav>
    <div role="tabpanel" hidden><a href="/y">标签</a></div>
    <span class="sr-only" style="position:absolute;width:1px;height:1px;overflow:hidden;
    clip:rect(0,0,0,0)">跳到内容</span>
    <div style="display:none"><a href="/same-host">同站</a></div>"""
    assert k3_hidden.check(_page(html), CTX) == []


# ---------------------------------------------------------------- K4


def test_k4_signals():
    cases = {
        "document.write('<a href=\"http://k8.example/\">x</a>')": "K4.script",
        "if(document.referrer.indexOf('baidu')>-1){window.location.href='http://k8.example/'}": "K4.redirect",
        "eval(function(p,a,c,k,e,d){return p}('x',1,1,'',0,{}))": "K4.script",
        "location.replace('http://k8.example/go')": "K4.redirect",
    }
    for js, rule in cases.items():
        fs = k4_scripts.check(_page(f"<script>{js}</script>"), CTX)
        assert rules(fs) == [(rule, "high")], js


def test_k4_analytics_and_gov_redirect_quiet():
    for js in (
        'var _hmt=_hmt||[];(function(){var hm=document.createElement("script");'
        'hm.src="https://hm.baidu.com/hm.js?abc";})();',
        "var r=document.referrer;new Image().src='https://hm.baidu.com/hm.gif?r='+r;",
        "if(/iPhone/.test(navigator.userAgent)){location.href='/m/'}",
        "location.href='http://www.hunan.gov.cn/'",
    ):
        assert k4_scripts.check(_page(f"<script>{js}</script>"), CTX) == [], js


# ---------------------------------------------------------------- expression


def test_expression_positive_and_negative():
    p = page_from_text("标题\n深入开展扫黑险恶专项斗争，践行社会主义核心价值关。", URL)
    assert rules(expression.check(p, CTX)) == [
        ("EXPR.homophone", "medium"),
        ("EXPR.variant", "high"),
    ]
    clean = page_from_text(
        "标题\n坚持以习近平新时代中国特色社会主义思想为指导，推进全面依法治区、依法治市，"
        "坚持依法执政，扫黑除恶专项斗争取得成效，芙蓉区人民政府。",
        URL,
    )
    assert expression.check(clean, CTX) == []


def test_expression_findings_need_confirmation():
    p = page_from_text("标题\n坚决做到两个维持", URL)
    fs = expression.check(p, CTX)
    assert rules(fs) == [("EXPR.one_char", "low")]
    assert fs[0].needs_confirmation and "疑似" in fs[0].evidence


# ---------------------------------------------------------------- privacy


def test_privacy_valid_id_and_mobile_only():
    p = page_from_text(
        "公示\n王某 430102198506151231 13912345678\n陈某 430102198506151230 0731-84567890\n"
        "芙政发〔2019〕3号",
        URL,
    )
    fs = privacy.check(p, CTX)
    assert rules(fs) == [("PRIV.id_number", "high"), ("PRIV.phone", "medium")]
    text = " ".join(f.evidence for f in fs)
    assert "430102198506151231" not in text and "13912345678" not in text
    assert "430102198506151230" not in text


# ---------------------------------------------------------------- freshness


def _rec(url, dates, links=()):
    return PageOutcome(url=url, list_items=[("t", url + "x", d) for d in dates], links=list(links))


def test_homepage_freshness_twins():
    home = "http://www.furong.gov.cn/"
    as_of = dt.date(2025, 6, 30)
    # portal-monitoring §7.15 calls the 13-day twin "OK": it is not a veto, but it is past the
    # 10-day early-warning line, so it shows as 预警 (as the 11-day twin does).
    for days, status in ((15, "触发"), (14, "预警"), (13, "预警"), (11, "预警"), (10, "OK")):
        recs = {home: _rec(home, [(as_of - dt.timedelta(days=days)).isoformat()])}
        assert homepage_status(SITE, recs, as_of).status == status, days


def test_navigation_hub_uses_second_level_pages():
    home = "http://www.furong.gov.cn/"
    sub = "http://www.furong.gov.cn/xwzx/"
    as_of = dt.date(2025, 6, 30)
    recs = {
        home: _rec(home, [], links=[(sub, "page", False)]),
        sub: _rec(sub, [(as_of - dt.timedelta(days=3)).isoformat()]),
    }
    hp = homepage_status(SITE, recs, as_of)
    assert hp.status == "OK" and hp.via == "二级页面"


def test_blank_columns_four_is_not_veto():
    from dataclasses import replace

    from fazhi.monitor.engine.bulletin import _status_count

    cols = tuple(ColumnRule(f"空{i}", f"/k{i}/", "other") for i in range(4))
    site = replace(SITE, columns=cols)
    recs = {f"http://www.furong.gov.cn/k{i}/": PageOutcome(url="", blank=True) for i in range(4)}
    fs, statuses, _ = freshness_findings(site, recs, dt.date(2025, 6, 30))
    assert len([f for f in fs if f.rule_id == "FRESH.column_blank"]) == 4
    t = SITE.thresholds["V4.blank_columns"]
    assert _status_count(4, t.veto, t.warn) == "预警"
    assert _status_count(5, t.veto, t.warn) == "触发"


# ---------------------------------------------------------------- K5


def test_k5_compare():
    base = Probe("浏览器", 200, "", "芙蓉区概况", frozenset({"芙蓉区", "蓉区概"}), frozenset(), ())
    same = Probe("Baiduspider UA", 200, "", "芙蓉区概况", base.shingles, frozenset(), ())
    cloaked = Probe(
        "Baiduspider UA",
        200,
        "",
        "凯发k8官网",
        frozenset({"凯发k"}),
        frozenset({"k8.example"}),
        ("凯发k8",),
    )
    redirected = Probe(
        "百度来源 Referer", 302, "http://k8.example/", "", frozenset(), frozenset(), ()
    )
    assert compare(base, same, SITE, 0.8) is None
    assert "凯发k8" in compare(base, cloaked, SITE, 0.8)
    assert "重定向" in compare(base, redirected, SITE, 0.8)
