"""Is this page a copy of one of ours? Fetch (or read) a suspect page, find the crawled page it
copies in the sites' last crawls, and say what was added, removed or changed.

A suspect URL must be http(s) and must not point at this network: a host that is an address in
a private, loopback, link-local or reserved range — or a name resolving to one — is refused
before any connection (the fetch would otherwise let a user probe the intranet). Tests pass a
host map (host → loopback port), which stands in for DNS as everywhere else in the monitor.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import runner
from .engine import aio
from .engine.checks import CheckContext
from .engine.checks.context import spam_categories
from .engine.checks.k1_lexicon import CATEGORY_ZH
from .engine.clone import CloneReport, best_original, diff
from .engine.crawlstate import crawled_texts
from .engine.http import CurlClient, FetchError
from .engine.page import decode_html, parse_page
from .models import CrawlRun, RunStatus, Site

MAX_SUSPECT_BYTES = 5 * 1024 * 1024
TIMEOUT = 15.0


@dataclass
class Comparison:
    """The outcome: the suspect, the page of ours it copies (if any) and the diff."""

    suspect: str
    text: str
    site: Site | None = None
    run: CrawlRun | None = None
    original: str = ""
    similarity: float = 0.0
    report: CloneReport = field(default_factory=CloneReport)

    @property
    def found(self) -> bool:
        return bool(self.original)


def check_url(url: str, host_map: Mapping[str, int] | None = None) -> str:
    """The URL, or ValidationError when it is not http(s) or points at a private address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(_("只能比对 http 或 https 网址：%(u)s") % {"u": url})
    host = parts.hostname.lower()
    if host_map and host in host_map:
        return url
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, parts.port or 80, proto=socket.IPPROTO_TCP)
        except OSError as exc:
            raise ValidationError(_("无法解析网址的主机名：%(h)s") % {"h": host}) from exc
        addresses = [ipaddress.ip_address(i[4][0]) for i in infos]
    for a in addresses:
        if a.is_private or a.is_loopback or a.is_link_local or a.is_reserved or a.is_multicast:
            raise ValidationError(
                _("网址 %(u)s 指向内部网络地址（%(a)s），已拒绝。") % {"u": url, "a": a}
            )
    return url


async def _fetch(url: str, host_map: Mapping[str, int] | None) -> bytes:
    client = CurlClient(host_map=host_map)
    try:
        headers = {"User-Agent": "fazhi-monitor/1.0 (compare)", "Accept": "text/html,*/*"}
        resp = await client.request("GET", url, headers, MAX_SUSPECT_BYTES, TIMEOUT)
    finally:
        await client.aclose()
    if resp.status != 200:
        raise ValidationError(_("获取 %(u)s 失败：HTTP %(s)s") % {"u": url, "s": resp.status})
    return resp.body


def suspect_text(source: str, host_map: Mapping[str, int] | None = None) -> tuple[str, str]:
    """(label, text) of a suspect: a saved file, or a URL fetched once."""
    path = Path(source)
    if "://" not in source and path.is_file():
        body, label = path.read_bytes()[:MAX_SUSPECT_BYTES], path.name
    else:
        url = check_url(source, host_map)
        try:
            body = aio.run(_fetch(url, host_map))
        except FetchError as exc:
            raise ValidationError(_("获取 %(u)s 失败：%(e)s") % {"u": url, "e": exc.kind}) from exc
        label = url
    html, _enc, _note = decode_html(body)
    page = parse_page(html, "http://suspect.invalid/")
    return label, page.title + "\n" + page.visible_text


def last_run(site: Site) -> CrawlRun | None:
    return (
        CrawlRun.objects.filter(site=site, status=RunStatus.DONE, complete=True)
        .exclude(state_path="")
        .order_by("-as_of", "-id")
        .first()
    )


def compare(
    source: str, sites: list[Site], host_map: Mapping[str, int] | None = None
) -> Comparison:
    """Compare a suspect with the last complete crawl of each of ``sites``; the best match
    wins. Injected sentences are those the lexicon or the context model calls spam."""
    label, text = suspect_text(source, host_map)
    result = Comparison(suspect=label, text=text)
    for site in sites:
        run = last_run(site)
        if run is None:
            continue
        texts = crawled_texts(run.state_path)
        found = best_original(texts, text)
        if found and found.jaccard > result.similarity:
            result.site, result.run = site, run
            result.original, result.similarity = found.url, found.jaccard
            ctx = CheckContext(runner.engine_config(run), run.as_of)  # that crawl's lexicon

            def spam_of(sentence: str, ctx=ctx) -> str:
                cats = spam_categories(sentence, ctx)
                return "、".join(CATEGORY_ZH.get(c, c) for c in cats) + "类" if cats else ""

            result.report = diff(texts[found.url], text, spam_of)
    return result
