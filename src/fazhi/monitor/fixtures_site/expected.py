"""EXPECTED: the exact findings a full crawl of the fixture site must produce.

Each row is (URL path or absolute URL for other hosts, rule id, severity). The tests compare the
crawl's findings with this table as a multiset — nothing missing, nothing extra. Pages that
must stay quiet are listed in :data:`NEGATIVES`.

The crawl is run with :func:`~fazhi.monitor.fixtures_site.harness.fixture_limits` (timeout 1.5 s
standing in for the indicator's 15 s, three tries, so the 20 s slow route times out without
real waiting beyond about five seconds, while a page merely slowed by a loaded machine gets
two more chances), monitoring time point :data:`~fazhi.monitor.fixtures_site.site.AS_OF`, the
"after" variant and no previous snapshot.
"""

from __future__ import annotations

from collections import Counter

EXPECTED: tuple[tuple[str, str, str], ...] = (
    # --- the seed's pattern (portal-monitoring §7.1): brand in the issuer slot
    ("/seed_report.html", "K1.lexicon", "high"),
    ("/seed_report.html", "K2.issuer", "high"),
    # --- K1 after normalisation
    ("/brand_sprinkle.html", "K1.lexicon", "high"),
    ("/obfuscated.html", "K1.lexicon", "high"),
    ("/title_meta_only.html", "K1.lexicon", "high"),
    ("/orphan_jp.html", "K1.lexicon", "high"),
    # --- K3: one finding per hiding technique (13), K1 on the hidden text, K7 on the target
    ("/hidden_links.html", "K1.lexicon", "high"),
    *(("/hidden_links.html", "K3.hidden", "high"),) * 13,
    ("/hidden_links.html", "K7.external_bad", "high"),
    # --- K4
    *(("/js_write.html", "K4.script", "high"),) * 4,
    ("/js_referrer_redirect.html", "K4.redirect", "high"),
    ("/meta_refresh.html", "K4.redirect", "high"),
    ("/meta_refresh.html", "K7.external_bad", "high"),
    ("/js/jquery.min.js", "K4.script", "high"),
    # --- K5 cloaking (UA and Referer)
    ("/cloak_ua.html", "K5.cloaking", "high"),
    ("/cloak_ref.html", "K5.cloaking", "high"),
    # --- K6 without a previous snapshot: the orphan page only
    ("/orphan_jp.html", "K6.new_page", "medium"),
    # --- K7 and dead links
    ("/old_article.html", "K7.external_bad", "high"),
    ("/links.html", "K7.external_bad", "high"),
    ("/links.html", "K7.raw_ip", "medium"),
    ("/links.html", "K7.non_gov", "low"),
    ("/links.html", "LINK.dead", "medium"),  # /missing.html 404
    ("/links.html", "LINK.dead", "medium"),  # /error500.html 500
    ("/links.html", "LINK.dead", "medium"),  # closed.example refused
    ("/links.html", "LINK.dead", "medium"),  # dead-ext.example 404
    ("/links.html", "LINK.timeout", "medium"),  # /slow.html sleeps 20 s
    ("/links.html", "LINK.redirect", "medium"),  # /loop/a ↔ /loop/b
    ("/links.html", "LINK.soft404", "low"),
    ("/links.html", "LINK.image", "low"),
    ("/links.html", "LINK.attachment", "medium"),
    # --- expression errors (19-V1(1))
    ("/expression.html", "EXPR.variant", "high"),  # 社会注意思想
    ("/expression.html", "EXPR.variant", "high"),  # 扫黑险恶
    ("/expression.html", "EXPR.variant", "high"),  # 人民正府
    ("/expression.html", "EXPR.homophone", "medium"),  # 社会主义核心价值关
    ("/expression.html", "EXPR.one_char", "low"),  # 两个维持
    ("/expression.html", "EXPR.leader_title", "medium"),  # 区长李某某 (placeholder leader)
    ("/gbk.html", "EXPR.variant", "high"),  # GBK page decoded correctly
    ("/gbk_wrong_meta.html", "EXPR.variant", "high"),
    ("/gbk_wrong_meta.html", "CRAWL.charset", "info"),
    # --- privacy (masked)
    ("/privacy.html", "PRIV.id_number", "high"),
    ("/privacy.html", "PRIV.phone", "medium"),
    # --- identifiers
    ("/sitecode.html", "K2.sitename", "medium"),
    # --- freshness: 19-V4(a)/(b) stale columns, 19-V4(c) blank columns
    ("/xwzx/bmdt/", "FRESH.column_stale", "medium"),  # news, 15 days
    ("/zcwj/", "FRESH.column_stale", "medium"),  # policy, 6 months + 1 day
    ("/rsxx/", "FRESH.column_stale", "medium"),  # personnel, 366 days
    ("/ghjh/", "FRESH.column_stale", "medium"),  # plan, items without dates
    ("/kbl1/", "FRESH.column_blank", "medium"),
    ("/kbl2/", "FRESH.column_blank", "medium"),
    ("/kbl3/", "FRESH.column_blank", "medium"),
    ("/kbl4/", "FRESH.column_blank", "medium"),
    ("/kbl5/", "FRESH.column_blank", "medium"),
    # --- bounded, reported
    ("/huge.html", "CRAWL.too_large", "info"),
    ("/trap/calendar", "CRAWL.trap", "info"),
)

#: The 13 hiding techniques K3 must name on /hidden_links.html.
HIDDEN_REASONS: tuple[str, ...] = (
    "display:none",  # inline
    "visibility:hidden",
    "left:-9999px",
    "text-indent:-9999px",
    "font-size:0",
    "color=background",
    "opacity:0",
    "height:0;overflow:hidden",
    "clip:rect(0)",
    "z-index<0",
    "tiny marquee",
    "zero-size iframe",
    "display:none",  # via the external stylesheet class .x
)

#: Pages that must produce no finding at all.
NEGATIVES: tuple[str, ...] = (
    "/",  # homepage: nav menu hidden by CSS, analytics, sr-only link, fresh news (5 days)
    "/seed_clean.html",  # the seed uninjected: 开户即开业, 全面依法治区 stay quiet
    "/benign_hidden.html",  # menus, tab panels, sr-only, print-only, dialog
    "/analytics.html",  # Baidu 统计 + referrer read + same-host mobile redirect
    "/forwarded.html",  # documents of 长沙市人民政府 / 湖南省人民政府办公厅
    "/utf8_bom.html",
    "/tzgg/",  # notice column updated 6 months − 1 day ago
    "/xwzx/frxw/",  # news column updated 13 days ago
    "/soft404.html",  # reported on the linking page, not checked itself
)

#: Same-host URLs that must never be fetched (robots.txt Disallow).
NEVER_FETCHED: tuple[str, ...] = ("/admin/secret.html",)


def expected_counter(base: str) -> Counter[tuple[str, str, str]]:
    """EXPECTED as a multiset of (absolute URL, rule id, severity)."""
    return Counter(
        ((base + path) if path.startswith("/") else path, rule, sev) for path, rule, sev in EXPECTED
    )
