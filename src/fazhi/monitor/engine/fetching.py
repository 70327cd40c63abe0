"""Fetching for the crawler: politeness (per-host concurrency, delay with jitter, Retry-After
and back-off), GET/HEAD with manual redirects bounded in time and size, retries of timeouts and
resets, robots.txt and sitemaps. A mixin of :class:`~fazhi.monitor.engine.crawler.Crawler`,
which supplies ``site``, ``limits``, ``state``, ``progress``, ``robots``, ``slots``, ``rng``
and the pacer (``now``/``sleep``).
"""

from __future__ import annotations

import asyncio
import gzip
import json
import re
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from protego import Protego

from fazhi.core import clock as _clock

from .http import FetchError, HttpClient
from .urls import host_of, is_ip_host, normalise_url

_LOC = re.compile(r"<loc>\s*(.*?)\s*</loc>", re.S | re.I)


@dataclass
class _Fetched:
    url: str
    final_url: str
    status: int | None
    headers: dict[str, str]
    body: bytes
    truncated: bool
    error: str
    elapsed: float
    chain: list[str]
    tries: int = 1


#: Errors worth another try: the server may only have been slow or reset a busy connection.
RETRIABLE = frozenset({"timeout", "reset"})


class _HostSlot:
    def __init__(self, concurrency: int):
        self.sem = asyncio.Semaphore(concurrency)
        self.next_time = 0.0
        self.lock = asyncio.Lock()


class Fetching:
    """The crawler's network side (see the module docstring)."""

    # ---------------------------------------------------------------- politeness
    def _slot(self, host: str) -> _HostSlot:
        s = self.slots.get(host)
        if s is None:
            s = self.slots[host] = _HostSlot(max(1, self.limits.per_host_concurrency))
        return s

    async def _wait_turn(self, slot: _HostSlot) -> None:
        if not self.limits.polite or self.limits.delay <= 0:
            if slot.next_time > self.now():
                await self.sleep(slot.next_time - self.now())
            return
        async with slot.lock:
            now = self.now()
            if slot.next_time > now:
                await self.sleep(slot.next_time - now)
            j = self.limits.jitter
            gap = self.limits.delay * (1 + self.rng.uniform(-j, j))
            slot.next_time = self.now() + max(0.0, gap)

    def _retry_after(self, headers: dict[str, str], attempt: int) -> float:
        ra = headers.get("retry-after", "")
        wait = None
        if ra:
            try:
                wait = float(ra)
            except ValueError:
                try:
                    wait = (parsedate_to_datetime(ra) - _clock.now()).total_seconds()
                except (TypeError, ValueError):
                    wait = None
        if wait is None:
            wait = (2**attempt) * max(self.limits.delay, 0.5)
        return max(0.0, min(wait, self.limits.max_retry_after))

    # ---------------------------------------------------------------- fetching
    async def _request(
        self,
        client: HttpClient,
        method: str,
        url: str,
        headers: dict[str, str],
        max_bytes: int,
    ) -> tuple[int, dict[str, str], bytes, bool]:
        host = host_of(url)
        slot = self._slot(host)
        attempt = 0
        while True:
            async with slot.sem:
                await self._wait_turn(slot)
                # the timeout covers this request only, not the wait for a politeness slot
                resp = await client.request(method, url, headers, max_bytes, self.limits.timeout)
            if resp.status in (429, 503) and attempt < self.limits.retries:
                attempt += 1
                slot.next_time = self.now() + self._retry_after(resp.headers, attempt)
                continue
            return resp.status, resp.headers, resp.body, resp.truncated

    async def fetch(
        self,
        client: HttpClient,
        url: str,
        *,
        method: str = "GET",
        headers: dict[str, str] | None = None,
        max_bytes: int | None = None,
        follow: bool = True,
    ) -> _Fetched:
        """GET/HEAD with manual redirects (each hop polite and logged), bounded in time and
        size. Never raises for network problems: they come back as ``error``. A timeout or a
        connection reset is retried ``limits.timeout_retries`` times with exponential back-off
        first; ``tries`` says how many attempts were made."""
        tries = 0
        while True:
            tries += 1
            f = await self._fetch_once(client, url, method, headers, max_bytes, follow)
            f.tries = tries
            if f.error not in RETRIABLE or tries > self.limits.timeout_retries:
                return f
            await self.sleep(self.limits.retry_backoff * 2 ** (tries - 1))

    async def _fetch_once(
        self,
        client: HttpClient,
        url: str,
        method: str,
        headers: dict[str, str] | None,
        max_bytes: int | None,
        follow: bool,
    ) -> _Fetched:
        t0 = time.monotonic()
        base_headers = {
            "User-Agent": self.site.user_agent,
            "Accept-Language": "zh-CN,zh;q=0.9",
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
        }
        if headers:
            base_headers.update(headers)
        cap = max_bytes if max_bytes is not None else self.limits.max_bytes
        chain = [url]
        current = url
        try:
            if True:  # each hop is bounded by limits.timeout inside _request
                while True:
                    if is_ip_host(host_of(current)):
                        return _Fetched(
                            url,
                            current,
                            None,
                            {},
                            b"",
                            False,
                            "not-fetched",
                            time.monotonic() - t0,
                            chain,
                        )
                    status, hdrs, body, trunc = await self._request(
                        client, method, current, base_headers, cap
                    )
                    self.progress.bytes += len(body)
                    if follow and 300 <= status < 400 and status != 304 and "location" in hdrs:
                        nxt = normalise_url(hdrs["location"], current)
                        if nxt is None:
                            return _Fetched(
                                url,
                                current,
                                status,
                                hdrs,
                                body,
                                trunc,
                                "",
                                time.monotonic() - t0,
                                chain,
                            )
                        if nxt in chain:
                            chain.append(nxt)
                            return _Fetched(
                                url,
                                current,
                                status,
                                hdrs,
                                b"",
                                False,
                                "redirect-loop",
                                time.monotonic() - t0,
                                chain,
                            )
                        chain.append(nxt)
                        if len(chain) - 1 > self.limits.max_redirects:
                            return _Fetched(
                                url,
                                current,
                                status,
                                hdrs,
                                b"",
                                False,
                                "too-many-redirects",
                                time.monotonic() - t0,
                                chain,
                            )
                        current = nxt
                        continue
                    return _Fetched(
                        url, current, status, hdrs, body, trunc, "", time.monotonic() - t0, chain
                    )
        except FetchError as exc:
            err = exc.kind if exc.kind != "other" else (str(exc) or "other")
        except TimeoutError:
            err = "timeout"
        except (OSError, ValueError) as exc:
            err = type(exc).__name__
        self.progress.errors += 1
        return _Fetched(url, current, None, {}, b"", False, err, time.monotonic() - t0, chain)

    # ---------------------------------------------------------------- robots & sitemaps
    async def _load_robots(self, client: HttpClient, host: str, scheme: str) -> None:
        key = f"robots:{host}"
        text = self.state.get(key)
        if text is None:
            f = await self.fetch(client, f"{scheme}://{host}/robots.txt", max_bytes=512 * 1024)
            text = f.body.decode("utf-8", "replace") if f.status == 200 else ""
            self.state.set(key, text)
        self.robots[host] = Protego.parse(text) if text.strip() else None

    def allowed(self, url: str) -> bool:
        """robots.txt verdict for our User-Agent (True when robots is off or absent)."""
        if not self.limits.obey_robots:
            return True
        rp = self.robots.get(host_of(url))
        return True if rp is None else rp.can_fetch(url, self.site.user_agent)

    async def _load_sitemaps(self, client: HttpClient) -> list[str]:
        stored = self.state.get("sitemap_urls")
        if stored is not None:
            return json.loads(stored)
        todo: list[str] = []
        for rp in self.robots.values():
            if rp is not None:
                todo += [u for u in rp.sitemaps]
        if not todo:
            todo = [normalise_url("/sitemap.xml", self.site.homepage) or ""]
        done: set[str] = set()
        urls: list[str] = []
        while todo and len(done) < self.limits.max_sitemaps:
            sm = normalise_url(todo.pop(0))
            if not sm or sm in done or not self.site.in_scope(sm):
                continue
            done.add(sm)
            f = await self.fetch(client, sm, max_bytes=50 * 1024 * 1024)
            if f.status != 200 or not f.body:
                continue
            body = f.body
            if body[:2] == b"\x1f\x8b":
                try:
                    body = gzip.decompress(body)[: 50 * 1024 * 1024]
                except (OSError, EOFError):
                    continue
            text = body.decode("utf-8", "replace")
            locs = [html_unescape(x) for x in _LOC.findall(text)]
            if "<sitemapindex" in text[:2000].lower():
                todo += locs
            else:
                urls += locs
            if len(urls) >= self.limits.max_sitemap_urls:
                break
        out = []
        for u in urls[: self.limits.max_sitemap_urls]:
            n = normalise_url(u)
            if n and self.site.in_scope(n):
                out.append(n)
        self.state.set("sitemap_urls", json.dumps(out))
        return out


def html_unescape(s: str) -> str:
    """Unescape the XML entities allowed in sitemap <loc>."""
    return (
        s.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
    )
