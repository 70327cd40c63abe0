"""Analyse one fetched document: decode, parse once, run every page check, and return a compact,
serialisable :class:`PageOutcome` (what the crawler stores, resumes from and diffs).

Pure and picklable, so the crawler can run it in a worker process (``checkprocs``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .checks import CheckContext, run_page_checks
from .config import SiteConfig
from .findings import Finding
from .normalise import normalise
from .page import Page, parse_page
from .page import decode_html as decode_html
from .urls import host_of

SOFT404 = re.compile(
    r"页面不存在|页面未找到|找不到(?:该|您要访问的)?页面|页面已(?:被)?删除|已被删除|"
    r"404\s*not\s*found|page\s*not\s*found|访问的页面不存在|信息不存在|文章不存在",
    re.I,
)
BLANK = re.compile(r"暂无信息|暂无数据|暂无内容|没有记录|无相关信息|暂无记录")
_DIGITS = re.compile(r"\d+")


@dataclass
class PageOutcome:
    """The stored result of analysing one page."""

    url: str
    status: int = 200
    is_html: bool = True
    title: str = ""
    doc_title: str = ""
    pub_date: str | None = None
    text_hash: str = ""
    findings: list[Finding] = field(default_factory=list)
    links: list[tuple[str, str, bool]] = field(default_factory=list)
    ext_domains: list[str] = field(default_factory=list)
    hidden_keys: list[str] = field(default_factory=list)
    script_srcs: list[str] = field(default_factory=list)
    list_items: list[tuple[str, str, str | None]] = field(default_factory=list)
    has_list_container: bool = False
    soft404: bool = False
    blank: bool = False
    size: int = 0
    truncated: bool = False
    text_sample: str = ""
    #: title and visible text (clone comparison); kept apart from the stored record
    text: str = field(default="", repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form (written field by field: ``asdict`` deep-copies, and this runs
        once per page)."""
        d = {f: getattr(self, f) for f in _FIELDS}
        d["findings"] = [f.to_dict() for f in self.findings]
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PageOutcome:
        data = dict(d)
        data["findings"] = [Finding.from_dict(f) for f in data.get("findings", [])]
        data["links"] = [tuple(x) for x in data.get("links", [])]
        data["list_items"] = [tuple(x) for x in data.get("list_items", [])]
        data.pop("text", None)
        return cls(**data)


_FIELDS = tuple(f for f in PageOutcome.__dataclass_fields__ if f != "text")
#: Characters of a page's text kept for clone comparison.
MAX_CLONE_TEXT = 100_000


def outcome_from_page(page: Page, site: SiteConfig, as_of: dt.date) -> PageOutcome:
    """Run the page checks on a parsed :class:`Page` and summarise it."""
    ctx = CheckContext(site, as_of)
    head = page.title + " " + page.visible_text[:300]
    soft = page.status == 200 and bool(SOFT404.search(head)) and len(page.visible_text) < 3000
    findings: list[Finding] = [] if soft else run_page_checks(page, ctx)
    if page.charset_note:
        findings.append(
            Finding(
                page.url,
                "CRAWL.charset",
                "47-网页设计规范",
                "info",
                page.charset_note,
                key="charset",
            )
        )
    if page.truncated:
        findings.append(
            Finding(
                page.url,
                "CRAWL.too_large",
                "—",
                "info",
                f"页面超过抓取上限，仅检查前 {page.size // 1024} KB",
                key="too-large",
            )
        )
    links: list[tuple[str, str, bool]] = []
    seen: set[str] = set()
    for ln in page.links:
        if ln.url in seen:
            continue
        seen.add(ln.url)
        links.append((ln.url, ln.kind, ln.hidden is not None))
    if page.meta_refresh and page.meta_refresh not in seen:
        links.append((page.meta_refresh, "page", False))
    ext = sorted({host_of(u) for u, _, _ in links if not site.in_scope(u)} - {""})
    hidden_keys = sorted(
        hashlib.sha1(
            f"{b.reason}|{b.descr}|{','.join(sorted(b.links))}|{normalise(b.text)[:200]}".encode()
        ).hexdigest()[:16]
        for b in page.hidden_blocks
        if not b.benign or b.links and any(not site.in_scope(u) for u in b.links)
    )
    norm_text = _DIGITS.sub("0", normalise(page.visible_text))
    return PageOutcome(
        url=page.url,
        status=page.status,
        is_html=page.is_html,
        title=page.title,
        doc_title=page.doc_title,
        pub_date=page.pub_date.isoformat() if page.pub_date else None,
        text_hash=hashlib.sha1(norm_text.encode()).hexdigest()[:20],
        findings=findings,
        links=links,
        ext_domains=ext,
        hidden_keys=hidden_keys,
        script_srcs=sorted(set(page.script_srcs)),
        list_items=[
            (i.title, i.url, i.date.isoformat() if i.date else None) for i in page.list_items
        ],
        has_list_container=page.has_list_container,
        soft404=soft,
        blank=bool(BLANK.search(page.visible_text[:5000])) and not page.list_items,
        size=page.size,
        truncated=page.truncated,
        text_sample=page.visible_text[:200],
        text=(page.title + "\n" + page.visible_text)[:MAX_CLONE_TEXT],
    )


def analyse_html(
    body: bytes,
    url: str,
    site: SiteConfig,
    *,
    as_of: dt.date,
    content_type: str | None = None,
    status: int = 200,
    css: Mapping[str, str] | None = None,
    truncated: bool = False,
) -> PageOutcome:
    """Decode, parse and check one HTML document."""
    text, enc, note = decode_html(body, content_type, truncated=truncated)
    page = parse_page(
        text,
        url,
        status=status,
        external_css=css,
        encoding=enc,
        charset_note=note,
        size=len(body),
        truncated=truncated,
    )
    return outcome_from_page(page, site, as_of)


def warm_up(site: SiteConfig) -> None:
    """Build everything the checks build lazily (the compiled lexicon with its pinyin forms,
    the expression tables, the converters' dictionaries) before the crawl starts: built on
    first use, they would stall the crawler's event loop for seconds, long enough for requests
    in flight to time out."""
    ctx = CheckContext(site, dt.date(2000, 1, 1))
    ctx.lex.scan(normalise("預熱 warm-up 凯fa"))
    _ = ctx.expr
