"""A polite, bounded, resumable crawler of one government site (asyncio + libcurl).

* Politeness: per-host concurrency and a delay with jitter between requests to one host,
  ``Retry-After`` and exponential back-off on 429/503, robots.txt (protego), a descriptive
  User-Agent naming fazhi-monitor with a contact URL. Only GET and HEAD are ever sent; forms are
  never submitted.
* Scope: the configured hosts are crawled; every other URL is checked once (never crawled).
  Raw-IP links are reported, never fetched.
* Bounds: pages, depth, bytes per response (streamed, never materialised beyond the cap), total
  time, redirects (each hop logged; loops detected), query variants per path (calendar traps),
  a 15 s timeout per request.
* Re-crawls send ``If-None-Match``/``If-Modified-Since``; a 304 reuses the stored analysis.
* State lives in one SQLite file: every finished URL is committed, so an interrupted crawl
  resumes without fetching finished URLs again.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import random
import re
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from protego import Protego

from fazhi.core import clock as _clock

from . import attachments
from .analyse import PageOutcome, analyse_html, warm_up
from .checkprocs import CheckProcesses, PageDone, WorkerDied, page_done
from .checks import CheckContext, k5_cloaking, k6_diff
from .checks.freshness import ColumnStatus, HomepageStatus, freshness_findings
from .checks.k1_lexicon import hits_in
from .checks.k4_scripts import check_script
from .checks.k7_links import LinkStatus, link_findings
from .checkthread import CheckThread
from .config import SiteConfig, today_cn
from .crawlstate import CrawlState
from .fetching import Fetching, _Fetched, _HostSlot
from .findings import Finding
from .http import CurlClient, HttpClient, as_http_client
from .page import decode_html
from .urls import host_of, is_ip_host, looks_like_trap, normalise_url, path_key

_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
_CSS_LINK = re.compile(rb"""<link\b[^>]*?rel\s*=\s*["']?[^"'>]*stylesheet[^>]*>""", re.I | re.S)
_HREF = re.compile(rb"""href\s*=\s*["']?([^"'\s>]+)""", re.I)


#: Threads running the page checks (they hold the GIL, but several keep the checks fed while
#: the event loop waits for it; measured on the benchmark site, issue 19).
CHECK_THREADS = 4


class StopCrawl(Exception):
    """Raise from ``on_progress`` to stop gracefully (in-flight URLs finish and are saved)."""


@dataclass
class Limits:
    """Caps and politeness. Defaults follow the indicator (15 s) and portal-monitoring §6."""

    max_pages: int = 20_000
    max_depth: int = 30
    max_bytes: int = 5 * 1024 * 1024
    max_external_bytes: int = 64 * 1024
    max_time: float = 6 * 3600.0
    max_redirects: int = 5
    timeout: float = 15.0
    per_host_concurrency: int = 2
    workers: int = 8
    delay: float = 1.0
    jitter: float = 0.5
    polite: bool = True
    retries: int = 2
    max_retry_after: float = 120.0
    #: A timeout or a connection reset is tried again this many times, after
    #: ``retry_backoff`` × 2^n seconds, before it counts (a loaded machine or a busy server
    #: must not produce a false LINK.timeout).
    timeout_retries: int = 2
    retry_backoff: float = 2.0
    max_query_variants: int = 20
    check_external: bool = True
    max_external: int = 5_000
    obey_robots: bool = True
    max_sitemaps: int = 50
    max_sitemap_urls: int = 50_000
    k5_max_pages: int = 20
    commit_every: int = 25
    #: Page and attachment checks in this many worker processes (``checkprocs``: faster when
    #: two cores are free, more CPU when they are not); 0 — the default — keeps them in
    #: threads of the crawler's process (benchmarks/monitor/results.md §4).
    check_workers: int = 0
    conditional_get: bool = True
    #: DOCX, XLSX and PDF attachments are downloaded (up to this size) and their text checked.
    read_attachments: bool = True
    max_attachment_bytes: int = 20 * 1024 * 1024


@dataclass
class Progress:
    """Reported to ``on_progress`` after every finished URL."""

    pages_done: int = 0
    urls_done: int = 0
    queued: int = 0
    errors: int = 0
    external_checked: int = 0
    not_modified: int = 0
    bytes: int = 0
    elapsed: float = 0.0


@dataclass(repr=False)
class CrawlResult:
    """Everything a crawl produced; the bulletin and the Django layer read this."""

    site_id: str
    as_of: dt.date
    started: str
    finished: str
    complete: bool
    interrupted: bool
    stop_reason: str
    pages: dict[str, PageOutcome]
    links: dict[str, LinkStatus]
    findings: list[Finding]
    snapshot: k6_diff.Snapshot
    previous_snapshot: k6_diff.Snapshot | None
    columns: list[ColumnStatus]
    homepage: HomepageStatus
    stats: dict[str, Any]
    sitemap_urls: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    cloaking_checked: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        # a summary: the generated repr walks every page, link and finding (seconds on a large
        # crawl), and asyncio.run formats the finished task's result when it restores SIGINT
        return (
            f"<CrawlResult {self.site_id} {self.as_of} pages={len(self.pages)} "
            f"links={len(self.links)} findings={len(self.findings)} complete={self.complete}>"
        )


ClientFactory = Callable[[], Any]
Pacer = tuple[Callable[[], float], Callable[[float], Awaitable[Any]]]
ProgressCb = Callable[[Progress], Any]


def default_client_factory() -> HttpClient:
    """libcurl on the real network — production use; tests pass a factory with a host map."""
    return CurlClient()


# --------------------------------------------------------------------------- crawler


class Crawler(Fetching):
    """One crawl run. Use :func:`crawl` unless you need the object."""

    def __init__(
        self,
        site: SiteConfig,
        *,
        client_factory: ClientFactory,
        limits: Limits,
        state_path: str | Path | None,
        on_progress: ProgressCb | None,
        as_of: dt.date,
        previous_snapshot: k6_diff.Snapshot | None,
        pacer: Pacer | None = None,
    ):
        self.site = site
        # politeness waits and retry back-off read this clock and sleep this way (tests pass a
        # virtual clock so that spacing is asserted without depending on the machine's speed)
        self.now, self.sleep = pacer or (time.monotonic, asyncio.sleep)
        self.limits = limits
        self.client_factory = client_factory
        self.on_progress = on_progress
        self.as_of = as_of
        self.state = CrawlState(state_path)
        self.prev_snapshot_arg = previous_snapshot
        self.ctx = CheckContext(site, as_of)
        self.progress = Progress()
        self.slots: dict[str, _HostSlot] = {}
        self.robots: dict[str, Protego | None] = {}
        self.pages: dict[str, PageOutcome] = {}
        self.depths: dict[str, int] = {}
        self.links: dict[str, LinkStatus] = {}
        self.scripts: dict[str, str] = {}
        self.script_findings: dict[str, list[Finding]] = {}
        self.css: dict[str, str] = {}
        self.css_tasks: dict[str, asyncio.Task] = {}
        self.attachment_findings: dict[str, list[Finding]] = {}
        self.seen: set[str] = set()
        self.queue: asyncio.Queue = asyncio.Queue()
        self.variants: dict[str, set[str]] = defaultdict(set)
        self.trap_findings: dict[str, Finding] = {}
        self.validators: dict[str, tuple[str | None, str | None, str]] = {}
        self.sitemap_urls: list[str] = []
        self.linked: set[str] = set()
        self.external_count = 0
        self.stop_reason = ""
        self.stopping = False
        self.started = time.monotonic()
        self.pool: CheckProcesses | None = None
        self.checker: CheckThread | None = None
        self.rng = random.Random()
        self.uncommitted = 0
        self.run = 0

    # ---------------------------------------------------------------- queue
    def enqueue(self, url: str, depth: int, kind: str, source: str | None) -> None:
        """Add a URL unless seen; classify as page/asset (in scope) or external."""
        if url in self.seen:
            return
        external = not self.site.in_scope(url)
        if external:
            if is_ip_host(host_of(url)):
                self.seen.add(url)
                return
            if not self.limits.check_external:
                return
            if self.external_count >= self.limits.max_external:
                return
            self.external_count += 1
            self.seen.add(url)
            self.queue.put_nowait((url, depth, "external"))
            return
        if kind == "page":
            trap = looks_like_trap(url)
            pk = path_key(url)
            if "?" in url and trap is None:
                variants = self.variants[pk]
                if url not in variants and len(variants) >= self.limits.max_query_variants:
                    trap = f"同一路径查询参数变体超过 {self.limits.max_query_variants} 个"
                else:
                    variants.add(url)
            if trap:
                if pk not in self.trap_findings:
                    self.trap_findings[pk] = Finding(
                        pk,
                        "CRAWL.trap",
                        "—",
                        "info",
                        f"疑似爬虫陷阱：{trap}，已停止继续抓取",
                        key="trap",
                    )
                return
            if depth > self.limits.max_depth:
                return
        self.seen.add(url)
        if not self.allowed(url):
            self.links[url] = LinkStatus(url, kind, error="robots")
            return
        self.queue.put_nowait((url, depth, kind))

    # ---------------------------------------------------------------- workers
    async def _worker(self, client: HttpClient) -> None:
        while True:
            item = await self.queue.get()
            try:
                if item is None:
                    return
                if self.stopping:
                    continue
                url, depth, kind = item
                if time.monotonic() - self.started > self.limits.max_time:
                    self._stop("时间上限")
                    continue
                if kind == "page" and self.progress.pages_done >= self.limits.max_pages:
                    self._stop("页面数上限")
                    continue
                if kind == "external":
                    await self._do_external(client, url)
                elif kind in ("script", "css"):
                    await self._do_resource(client, url, kind)
                elif kind in ("image", "attachment", "frame", "other"):
                    await self._do_asset(client, url, kind)
                else:
                    await self._do_page(client, url, depth)
                self.progress.urls_done += 1
                self._maybe_commit()
                self._report()
            except StopCrawl:
                self._stop("已中断（on_progress）")
            finally:
                self.queue.task_done()

    def _stop(self, reason: str) -> None:
        if not self.stopping:
            self.stopping = True
            self.stop_reason = reason

    def _report(self) -> None:
        self.progress.queued = self.queue.qsize()
        self.progress.elapsed = time.monotonic() - self.started
        if self.on_progress is not None:
            self.on_progress(self.progress)

    def _maybe_commit(self, force: bool = False) -> None:
        self.uncommitted += 1
        if force or self.uncommitted >= self.limits.commit_every:
            self.state.commit()
            self.uncommitted = 0

    def _save_link(self, st: LinkStatus) -> None:
        self.links[st.url] = st
        self.state.add("links", (st.url, self.run, json.dumps(st.to_dict(), ensure_ascii=False)))

    def _status_of(self, f: _Fetched, kind: str, external: bool) -> LinkStatus:
        return LinkStatus(
            url=f.url,
            kind=kind,
            status=f.status,
            final_url=f.final_url,
            error=f.error,
            elapsed=round(f.elapsed, 3),
            chain=f.chain[1:],
            external=external,
            tries=f.tries,
        )

    async def _do_external(self, client: HttpClient, url: str) -> None:
        f = await self.fetch(client, url, max_bytes=self.limits.max_external_bytes)
        st = self._status_of(f, "external", True)
        if f.status == 200 and f.body:
            ctype = f.headers.get("content-type", "")
            if "html" in ctype or f.body.lstrip()[:1] == b"<":
                text, _, _ = decode_html(f.body, ctype, truncated=f.truncated)
                m = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
                st.title = " ".join(m.group(1).split())[:200] if m else ""
                plain = re.sub(r"<[^>]+>", " ", text[:65536])
                st.bad_terms = hits_in(st.title + " " + plain, self.ctx, min_weight=8)
        self.progress.external_checked += 1
        self._save_link(st)

    async def _do_asset(self, client: HttpClient, url: str, kind: str) -> None:
        akind = attachments.kind_of(url) if kind == "attachment" else None
        if akind and self.limits.read_attachments:
            cap = self.limits.max_attachment_bytes
            f = await self.fetch(client, url, max_bytes=cap)
            self._save_link(self._status_of(f, kind, False))
            if f.status == 200 and not f.error:
                ctype = f.headers.get("content-type", "")
                await self._check_attachment(f, attachments.kind_of(url, ctype) or akind, cap)
            return
        f = await self.fetch(client, url, method="HEAD", max_bytes=0)
        if f.error == "" and f.status in (400, 403, 405, 501):
            f = await self.fetch(client, url, headers={"Range": "bytes=0-1023"}, max_bytes=1024)
        self._save_link(self._status_of(f, kind, False))

    async def _check_attachment(self, f: _Fetched, kind: str, cap: int) -> None:
        fs: list[Finding] | None = None
        if self.pool is not None and self.pool.alive():
            try:
                fs = await self.pool.attachment(
                    url=f.url,
                    body=f.body,
                    as_of=self.as_of,
                    kind=kind,
                    truncated=f.truncated,
                    cap=cap,
                )
            except WorkerDied:
                fs = None  # a worker was killed (out of memory?): check it here instead
        if fs is None:
            args = (f.body, f.url, self.as_of, kind, f.truncated, cap)
            fs = await self._in_thread(_attachment_findings, self.site, *args)
        self.attachment_findings[f.url] = fs
        self.state.add(
            "attachments",
            (f.url, self.run, json.dumps([x.to_dict() for x in fs], ensure_ascii=False)),
        )

    async def _do_resource(self, client: HttpClient, url: str, kind: str) -> None:
        if kind == "css":
            await self._get_css(client, url)
            return
        f = await self.fetch(client, url, max_bytes=2 * 1024 * 1024)
        self._save_link(self._status_of(f, kind, False))
        if f.status == 200 and f.body:
            js = f.body.decode("utf-8", "replace")
            h = hashlib.sha1(f.body).hexdigest()[:20]
            self.scripts[url] = h
            fs = check_script(url, js, self.ctx, "脚本文件")
            self.script_findings[url] = fs
            self.state.db.execute(
                "INSERT OR REPLACE INTO scripts VALUES(?,?,?,?)",
                (url, self.run, h, json.dumps([x.to_dict() for x in fs], ensure_ascii=False)),
            )

    async def _get_css(self, client: HttpClient, url: str) -> str:
        if url in self.css:
            return self.css[url]
        task = self.css_tasks.get(url)
        if task is None:
            task = asyncio.ensure_future(self._fetch_css(client, url))
            self.css_tasks[url] = task
        return await asyncio.shield(task)

    async def _fetch_css(self, client: HttpClient, url: str) -> str:
        self.seen.add(url)
        if not self.allowed(url):
            self.css[url] = ""
            return ""
        f = await self.fetch(client, url, max_bytes=1024 * 1024)
        self._save_link(self._status_of(f, "css", False))
        text = f.body.decode("utf-8", "replace") if f.status == 200 else ""
        self.css[url] = text
        self.state.db.execute("INSERT OR REPLACE INTO css VALUES(?,?,?)", (url, self.run, text))
        return text

    async def _do_page(self, client: HttpClient, url: str, depth: int) -> None:
        headers: dict[str, str] = {}
        prev = self.validators.get(url)
        if prev and self.limits.conditional_get:
            etag, lm, _ = prev
            if etag:
                headers["If-None-Match"] = etag
            if lm:
                headers["If-Modified-Since"] = lm
        f = await self.fetch(client, url, headers=headers)
        st = self._status_of(f, "page", False)
        final_external = f.final_url and not self.site.in_scope(f.final_url)
        rec: PageOutcome | None = None
        done: PageDone | None = None
        if f.status == 304 and prev:
            rec = PageOutcome.from_dict(json.loads(prev[2]))
            self.state.flush()
            self.state.db.execute("UPDATE texts SET run=? WHERE url=?", (self.run, url))
            st.status = rec.status
            st.soft404 = rec.soft404
            self.progress.not_modified += 1
        elif f.status == 200 and not f.error and not final_external:
            ctype = f.headers.get("content-type", "")
            if _is_html(ctype, f.body):
                css = {}
                for href in _css_hrefs(f.body, f.final_url):
                    if self.site.in_scope(href):
                        css[href] = await self._get_css(client, href)
                done = await self._analyse(url, f, ctype, css)
                rec = done.outcome
                st.soft404 = rec.soft404
            elif akind := attachments.kind_of(url, ctype):
                await self._check_attachment(f, akind, self.limits.max_bytes)
        if rec is not None:
            rec.url = url
            if done is None:
                done = page_done(rec)
            self.pages[url] = rec
            self.depths[url] = depth
            self.progress.pages_done += 1
            self.state.add(
                "pages",
                (
                    url,
                    self.run,
                    depth,
                    f.headers.get("etag") or (prev[0] if prev else None),
                    f.headers.get("last-modified") or (prev[1] if prev else None),
                    done.record,
                ),
            )
            if done.packed_text is not None:
                self.state.add("texts", (url, self.run, done.packed_text))
            self._enqueue_links(rec, depth)
        self._save_link(st)

    def _enqueue_links(self, rec: PageOutcome, depth: int) -> None:
        if rec.soft404:
            return
        for target, kind, _hidden in rec.links:
            if self.site.in_scope(target) and kind == "page":
                self.linked.add(target)
            self.enqueue(target, depth + 1, kind, rec.url)

    async def _analyse(self, url: str, f: _Fetched, ctype: str, css: dict[str, str]) -> PageDone:
        if self.pool is not None and self.pool.alive():
            try:
                return await self.pool.page(
                    url=url,
                    final_url=f.final_url,
                    body=f.body,
                    as_of=self.as_of,
                    content_type=ctype,
                    status=f.status or 200,
                    css=css,
                    truncated=f.truncated,
                )
            except WorkerDied:
                pass  # a worker was killed (out of memory?): analyse the page here instead
        # a worker thread keeps the event loop responsive while a large page is analysed
        return await self._in_thread(_analyse_page, self.site, url, f, self.as_of, ctype, css)

    async def _in_thread(self, fn, *args, **kwargs):
        if self.checker is None:
            self.checker = CheckThread(asyncio.get_running_loop(), CHECK_THREADS)
        return await self.checker.run(fn, *args, **kwargs)

    # ---------------------------------------------------------------- resume
    def _load_state(self) -> bool:
        """Prepare the run; return True when resuming an unfinished run."""
        st = self.state
        site_key = f"{self.site.site_id}|{self.site.lexicon.version}|{self.as_of.isoformat()}"
        status = st.get("status")
        run = int(st.get("run", "0") or 0)
        resuming = status == "running" and st.get("site_key") == site_key
        if not resuming:
            # new run: keep validators of the previous run (only if the lexicon is unchanged)
            if st.get("lexicon") == self.site.lexicon.version:
                for url, etag, lm, record in st.db.execute(
                    "SELECT url, etag, last_modified, record FROM pages"
                ):
                    self.validators[url] = (etag, lm, record)
            run += 1
            for k in ("sitemap_urls",):
                st.db.execute("DELETE FROM meta WHERE key=?", (k,))
            st.db.execute("DELETE FROM meta WHERE key LIKE 'robots:%'")
            st.db.execute("DELETE FROM links")
            st.db.execute("DELETE FROM scripts")
            st.db.execute("DELETE FROM css")
            st.db.execute("DELETE FROM attachments")
            st.set("run", str(run))
            st.set("site_key", site_key)
            st.set("status", "running")
            st.set("lexicon", self.site.lexicon.version)
            st.set("started", _clock.now().isoformat(timespec="seconds"))
            st.commit()
        self.run = run
        if resuming:
            for url, depth, record in st.db.execute(
                "SELECT url, depth, record FROM pages WHERE run=?", (run,)
            ):
                rec = PageOutcome.from_dict(json.loads(record))
                self.pages[url] = rec
                self.depths[url] = depth
                self.seen.add(url)
            for (data,) in st.db.execute("SELECT status FROM links WHERE run=?", (run,)):
                ls = LinkStatus.from_dict(json.loads(data))
                self.links[ls.url] = ls
                self.seen.add(ls.url)
                if ls.external:
                    self.external_count += 1
            for url, h, fs in st.db.execute(
                "SELECT url, hash, findings FROM scripts WHERE run=?", (run,)
            ):
                self.scripts[url] = h
                self.script_findings[url] = [Finding.from_dict(x) for x in json.loads(fs)]
            for url, body in st.db.execute("SELECT url, body FROM css WHERE run=?", (run,)):
                self.css[url] = body
            for url, fs in st.db.execute(
                "SELECT url, findings FROM attachments WHERE run=?", (run,)
            ):
                self.attachment_findings[url] = [Finding.from_dict(x) for x in json.loads(fs)]
            # pages of the previous run are validators for this one too
            if st.get("lexicon") == self.site.lexicon.version:
                for url, etag, lm, record in st.db.execute(
                    "SELECT url, etag, last_modified, record FROM pages WHERE run<?", (run,)
                ):
                    self.validators[url] = (etag, lm, record)
            self.progress.pages_done = len(self.pages)
        return resuming

    def _requeue_from_state(self) -> None:
        for rec in list(self.pages.values()):
            for target, kind, _ in rec.links:
                if self.site.in_scope(target) and kind == "page":
                    self.linked.add(target)
        for url, rec in sorted(self.pages.items(), key=lambda kv: self.depths.get(kv[0], 0)):
            self._enqueue_links(rec, self.depths.get(url, 0))

    # ---------------------------------------------------------------- run
    async def run_crawl(self) -> CrawlResult:
        started = _clock.now().isoformat(timespec="seconds")
        resuming = self._load_state()
        await asyncio.to_thread(warm_up, self.site)
        if self.limits.check_workers > 0:
            self.pool = CheckProcesses(
                asyncio.get_running_loop(), self.limits.check_workers, self.site
            )
        client = as_http_client(self.client_factory())
        interrupted = False
        try:
            hosts = []
            for u in self.site.start_urls:
                h = host_of(u)
                if h and h not in hosts:
                    hosts.append(h)
            for h in hosts:
                scheme = (
                    "https"
                    if any(
                        u.startswith("https://") and host_of(u) == h for u in self.site.start_urls
                    )
                    else "http"
                )
                await self._load_robots(client, h, scheme)
            self.sitemap_urls = await self._load_sitemaps(client)
            self.state.commit()
            if resuming:
                self._requeue_from_state()
            for u in self.site.start_urls:
                n = normalise_url(u)
                if n:
                    self.enqueue(n, 0, "page", None)
            for u in self.sitemap_urls:
                self.enqueue(u, 1, "page", None)
            if self.queue.empty() and not self.pages:
                self.stop_reason = "站点无法访问"
            workers = [
                asyncio.create_task(self._worker(client))
                for _ in range(max(1, self.limits.workers))
            ]
            try:
                await self.queue.join()
            finally:
                for _ in workers:
                    self.queue.put_nowait(None)
                await asyncio.gather(*workers, return_exceptions=True)
            interrupted = self.stopping and self.stop_reason.startswith("已中断")
            complete = not self.stopping
            cloaked: list[str] = []
            k5: list[Finding] = []
            if complete and self.site.k5_authorized and self.limits.k5_max_pages > 0:
                cloaked, k5 = await self._k5(client)
        finally:
            await client.aclose()
            if self.pool is not None:
                self.pool.close()
                self.pool = None
            if self.checker is not None:
                self.checker.close()
                self.checker = None
            self.state.commit()
        result = self._result(started, complete, interrupted, k5, cloaked)
        if complete:
            self.state.set("status", "complete")
            self.state.set("snapshot", json.dumps(result.snapshot.to_dict(), ensure_ascii=False))
            self.state.db.execute("DELETE FROM pages WHERE run<?", (self.run,))
            self.state.db.execute("DELETE FROM texts WHERE run<?", (self.run,))
        self.state.close()
        return result

    async def _k5(self, client: HttpClient) -> tuple[list[str], list[Finding]]:
        home = normalise_url(self.site.homepage) or ""
        orphans = self._orphans()
        flagged = {
            f.url
            for r in self.pages.values()
            for f in r.findings
            if f.rule_id.startswith(("K1", "K2", "K3", "K4"))
        }
        order = sorted(
            (
                u
                for u, r in self.pages.items()
                if r.is_html and r.status == 200 and not r.soft404 and not r.truncated
            ),
            key=lambda u: (
                u != home,
                u not in orphans,
                u not in flagged,
                self.depths.get(u, 99),
                u,
            ),
        )
        candidates = order[: self.limits.k5_max_pages]

        async def probe_fetch(url: str, headers: dict[str, str]):
            f = await self.fetch(
                client, url, headers=headers, follow=False, max_bytes=self.limits.max_bytes
            )
            if f.error:
                raise RuntimeError(f.error)
            return f.status or 0, f.headers, f.body

        out: list[Finding] = []
        for u in candidates:
            out += await k5_cloaking.probe_page(u, probe_fetch, self.site)
        return candidates, out

    def _attachment_findings(self) -> list[Finding]:
        """Attachment findings, each naming a page that links the attachment."""
        source: dict[str, str] = {}
        for page in sorted(self.pages):
            for target, _kind, _hidden in self.pages[page].links:
                source.setdefault(target, page)
        out = []
        for url in sorted(self.attachment_findings):
            src = source.get(url, "")
            for f in self.attachment_findings[url]:
                ev = f.evidence + (f"（链接页面：{src}）" if src else "")
                out.append(replace(f, evidence=ev, detail={**f.detail, "linked_from": src}))
        return out

    def _orphans(self) -> list[str]:
        return sorted(
            u
            for u in self.sitemap_urls
            if u in self.pages
            and u not in self.linked
            and u != (normalise_url(self.site.homepage) or "")
        )

    def _previous_snapshot(self) -> k6_diff.Snapshot | None:
        if self.prev_snapshot_arg is not None:
            return self.prev_snapshot_arg
        raw = self.state.get("snapshot")
        return k6_diff.Snapshot.from_dict(json.loads(raw)) if raw else None

    def _result(
        self, started: str, complete: bool, interrupted: bool, k5: list[Finding], cloaked: list[str]
    ) -> CrawlResult:
        findings: list[Finding] = []
        for url in sorted(self.pages):
            findings += self.pages[url].findings
        for url in sorted(self.script_findings):
            findings += self.script_findings[url]
        findings += self._attachment_findings()
        outgoing = {u: r.links for u, r in self.pages.items()}
        timeout_s = self.limits.timeout
        findings += link_findings(outgoing, self.links, self.site, timeout_s=timeout_s)
        fresh, cols, hp = freshness_findings(self.site, self.pages, self.as_of)
        if complete:
            findings += fresh
        findings += list(self.trap_findings.values())
        findings += k5
        orphans = self._orphans()
        snap = k6_diff.build_snapshot(
            self.site.site_id, self.as_of, self.pages, self.scripts, orphans
        )
        prev = self._previous_snapshot()
        bad_hosts = {host_of(s.url) for s in self.links.values() if s.bad_terms}
        if complete:
            findings += k6_diff.diff(prev, snap, self.site, as_of=self.as_of, bad_hosts=bad_hosts)
        if not self.pages and complete:
            home = normalise_url(self.site.homepage) or self.site.homepage
            st = self.links.get(home)
            why = (st.error or f"HTTP {st.status}") if st else "未获取"
            findings.append(
                Finding(
                    home,
                    "CRAWL.unreachable",
                    "19-V2",
                    "high",
                    f"首页无法访问：{why}",
                    key="unreachable",
                )
            )
        stats = {
            "pages": len(self.pages),
            "urls_checked": len(self.links),
            "external_checked": sum(1 for s in self.links.values() if s.external),
            "errors": self.progress.errors,
            "not_modified": self.progress.not_modified,
            "bytes": self.progress.bytes,
            "elapsed_s": round(time.monotonic() - self.started, 3),
            "sitemap_urls": len(self.sitemap_urls),
            "robots_disallowed": sum(1 for s in self.links.values() if s.error == "robots"),
            "traps": len(self.trap_findings),
            "k5_pages": len(cloaked),
        }
        return CrawlResult(
            site_id=self.site.site_id,
            as_of=self.as_of,
            started=started,
            finished=_clock.now().isoformat(timespec="seconds"),
            complete=complete,
            interrupted=interrupted,
            stop_reason=self.stop_reason,
            pages=dict(self.pages),
            links=dict(self.links),
            findings=findings,
            snapshot=snap,
            previous_snapshot=prev,
            columns=cols,
            homepage=hp,
            stats=stats,
            sitemap_urls=list(self.sitemap_urls),
            orphans=orphans,
            cloaking_checked=cloaked,
        )


def _analyse_page(
    site: SiteConfig, url: str, f: _Fetched, as_of: dt.date, ctype: str, css: dict[str, str]
) -> PageDone:
    rec = analyse_html(
        f.body,
        f.final_url,
        site,
        as_of=as_of,
        content_type=ctype,
        status=f.status or 200,
        css=css,
        truncated=f.truncated,
    )
    rec.url = url
    return page_done(rec)


def _attachment_findings(site, body, url, as_of, kind, truncated, cap) -> list[Finding]:
    return attachments.check_attachment(
        body, url, site, as_of=as_of, kind=kind, truncated=truncated, cap=cap
    )


def _is_html(ctype: str, body: bytes) -> bool:
    c = ctype.lower()
    if "html" in c or "xml+xhtml" in c:
        return True
    if c and not c.startswith("text/plain") and "octet-stream" not in c:
        return False
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"\xef\xbb\xbf<"))


def _css_hrefs(body: bytes, base: str) -> list[str]:
    out = []
    for m in _CSS_LINK.finditer(body[:200_000]):
        tag = m.group(0)
        if re.search(rb"media\s*=\s*[\"']?print", tag, re.I):
            continue
        h = _HREF.search(tag)
        if h:
            u = normalise_url(h.group(1).decode("utf-8", "replace"), base)
            if u:
                out.append(u)
    return out


async def crawl(
    site: SiteConfig,
    *,
    client_factory: ClientFactory = default_client_factory,
    limits: Limits | None = None,
    state_path: str | Path | None = None,
    on_progress: ProgressCb | None = None,
    as_of: dt.date | None = None,
    previous_snapshot: k6_diff.Snapshot | None = None,
    pacer: Pacer | None = None,
) -> CrawlResult:
    """Crawl ``site`` and run every check. Resumes from ``state_path`` if a run is unfinished.

    ``client_factory`` builds the HTTP client (:mod:`.http`: libcurl by default; tests pass one
    that maps host names to 127.0.0.1). ``on_progress`` receives a :class:`Progress` after each URL and may raise
    :class:`StopCrawl` to stop gracefully.
    """
    crawler = Crawler(
        site,
        client_factory=client_factory,
        limits=limits or Limits(),
        state_path=state_path,
        on_progress=on_progress,
        as_of=as_of or today_cn(),
        previous_snapshot=previous_snapshot,
        pacer=pacer,
    )
    return await crawler.run_crawl()
