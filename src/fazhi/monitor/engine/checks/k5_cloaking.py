"""K5 — cloaking by differential fetch: a browser UA versus a search-spider UA versus a browser
UA arriving from a search-engine result (Referer). Run on a capped set of pages only, and only
for sites whose owner authorised the spider-UA probes (``SiteConfig.k5_authorized``).

Limit (say so in the bulletin): cloaking keyed on real search-engine IP addresses cannot be
reproduced from the monitor's vantage point.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import quote

from ..config import SiteConfig
from ..findings import Finding
from ..normalise import normalise
from ..page import decode_html, parse_page
from ..urls import host_of, normalise_url
from . import compiled

BROWSER_UA = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0 Safari/537.36"
)
SPIDER_UA = "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)"
_DIG = re.compile(r"\d+")

#: (status, headers (lower-case keys), body) for a request without following redirects.
ProbeFetch = Callable[[str, dict[str, str]], Awaitable[tuple[int, dict[str, str], bytes]]]


@dataclass
class Probe:
    """What one variant of a page looked like."""

    variant: str
    status: int
    location: str
    title: str
    shingles: frozenset[str]
    ext_hosts: frozenset[str]
    terms: tuple[str, ...]


def variants(site: SiteConfig) -> list[tuple[str, dict[str, str]]]:
    """The request variants: baseline browser, Baiduspider UA, Baidu-referred browser."""
    wd = quote(site.identity.site_name or site.name)
    return [
        ("浏览器", {"User-Agent": BROWSER_UA}),
        ("Baiduspider UA", {"User-Agent": SPIDER_UA}),
        (
            "百度来源 Referer",
            {
                "User-Agent": BROWSER_UA,
                "Referer": f"https://www.baidu.com/link?url=fazhi-monitor-probe&wd={wd}",
            },
        ),
    ]


def _shingles(text: str, k: int = 3) -> frozenset[str]:
    t = _DIG.sub("0", normalise(text))
    return frozenset(t[i : i + k] for i in range(max(0, len(t) - k + 1)))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two shingle sets (1.0 when both are empty)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def make_probe(
    variant: str, url: str, status: int, headers: dict[str, str], body: bytes, site: SiteConfig
) -> Probe:
    """Parse one probe response."""
    loc = normalise_url(headers.get("location", ""), url) or "" if 300 <= status < 400 else ""
    text, _, _ = decode_html(body[:2_000_000], headers.get("content-type"))
    page = parse_page(text, url, status=status)
    lex = compiled(site.lexicon)
    blob = page.title + " " + page.visible_text + " " + page.link_texts
    terms = tuple(sorted({t.term for t, _ in lex.hits(normalise(blob)) if t.weight >= 5}))
    ext = frozenset(host_of(ln.url) for ln in page.links if not site.in_scope(ln.url))
    return Probe(variant, status, loc, page.title, _shingles(page.visible_text), ext, terms)


def compare(base: Probe, other: Probe, site: SiteConfig, threshold: float) -> str | None:
    """Why ``other`` differs suspiciously from ``base`` (None when it does not)."""
    if other.location and not site.in_scope(other.location) and base.location != other.location:
        return (
            f"{other.variant} 被重定向到外部网站 {other.location}（浏览器直接访问为 {base.status}）"
        )
    sim = similarity(base.shingles, other.shingles)
    new_ext = sorted(other.ext_hosts - base.ext_hosts)
    new_terms = [t for t in other.terms if t not in base.terms]
    title_changed = base.title != other.title
    if sim < threshold and (new_terms or new_ext or title_changed):
        parts = [f"{other.variant} 与浏览器内容相似度 {sim:.2f}"]
        if title_changed:
            parts.append(f"标题「{base.title}」→「{other.title}」")
        if new_terms:
            parts.append("违规词：" + "、".join(new_terms[:5]))
        if new_ext:
            parts.append("新增外链：" + "、".join(new_ext[:5]))
        return "；".join(parts)
    return None


async def probe_page(url: str, fetch: ProbeFetch, site: SiteConfig) -> list[Finding]:
    """Fetch ``url`` as each variant and report the variants that are cloaked."""
    threshold = site.thresholds["K5.similarity"].veto or 0.8
    probes: list[Probe] = []
    for name, headers in variants(site):
        try:
            status, h, body = await fetch(url, headers)
        except Exception:
            return []
        probes.append(make_probe(name, url, status, h, body, site))
    base = probes[0]
    out = []
    for other in probes[1:]:
        why = compare(base, other, site, threshold)
        if why:
            out.append(
                Finding(
                    url=url,
                    rule_id="K5.cloaking",
                    indicator="19-V1(4)",
                    severity="high",
                    evidence=why,
                    key=other.variant,
                )
            )
    return out
