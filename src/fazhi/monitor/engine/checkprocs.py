"""Page and attachment checks in worker processes, fed over sockets by the crawler's event loop.

The checks hold the GIL; in the crawler's own process they share one core with the event loop
and libcurl's callbacks. Here each worker process owns one end of a socket pair: the event loop
writes a job (the response body and a few fields, pickled once, length-prefixed) without
blocking and reads results through ``loop.add_reader`` — no executor thread in the crawler, no
per-call future chaining (what made ``ProcessPoolExecutor`` slower than a thread on the
benchmark site, issue 19). The worker also serialises the page record and compresses the page
text for the crawl state, so the event loop only stores them. Each stylesheet crosses the
socket once per worker, not once per page.

The worker reads in its only thread: a reader thread there would wait for the GIL while the
checks run (up to the 5 ms switch interval per read), and the event loop's writes would stall
on a full socket (measured: 1.9 s of a 10 s crawl). The event loop's end is non-blocking, so a
large job and a large result never wait on each other.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import multiprocessing
import pickle  # nosec B403 - only between this crawler and its own forked workers
import socket
import struct
from dataclasses import dataclass, field
from typing import Any

from . import clone
from .analyse import PageOutcome, analyse_html, warm_up
from .config import SiteConfig
from .findings import Finding


class WorkerDied(RuntimeError):
    """The worker process running a job exited (killed, out of memory): the job did not run;
    the crawler runs it in a thread instead."""


@dataclass
class PageJob:
    """Analyse one HTML document; ``url`` is the record's URL (before redirects)."""

    url: str
    final_url: str
    body: bytes
    as_of: dt.date
    content_type: str
    status: int
    css_urls: tuple[str, ...]
    truncated: bool
    #: stylesheets this worker has not received yet (url → text)
    new_css: dict[str, str] = field(default_factory=dict)


@dataclass
class AttachmentJob:
    url: str
    body: bytes
    as_of: dt.date
    kind: str
    truncated: bool
    cap: int


@dataclass
class PageDone:
    """A page analysed in a worker: the outcome, its JSON record, its compressed text."""

    outcome: PageOutcome
    record: str
    packed_text: bytes | None


def page_done(rec: PageOutcome) -> PageDone:
    """What the crawler stores for a page (also used in-process, so both paths store alike)."""
    return PageDone(
        rec,
        json.dumps(rec.to_dict(), ensure_ascii=False),
        clone.pack(rec.text) if rec.text else None,
    )


def run_job(job: PageJob | AttachmentJob, site: SiteConfig, css: dict[str, str]) -> Any:
    """Run one job (in a worker, or in a thread of the crawler)."""
    if isinstance(job, PageJob):
        css.update(job.new_css)
        rec = analyse_html(
            job.body,
            job.final_url,
            site,
            as_of=job.as_of,
            content_type=job.content_type,
            status=job.status,
            css={u: css[u] for u in job.css_urls if u in css},
            truncated=job.truncated,
        )
        rec.url = job.url
        return page_done(rec)
    from .attachments import check_attachment

    findings: list[Finding] = check_attachment(
        job.body,
        job.url,
        site,
        as_of=job.as_of,
        kind=job.kind,
        truncated=job.truncated,
        cap=job.cap,
    )
    return findings


_HEAD = struct.Struct("!Q")


def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
    buf = bytearray(n)
    view = memoryview(buf)
    got = 0
    while got < n:
        k = sock.recv_into(view[got:])
        if k == 0:
            return None
        got += k
    return bytes(buf)


def _serve(sock: socket.socket, site: SiteConfig) -> None:  # pragma: no cover - worker process
    warm_up(site)
    css: dict[str, str] = {}
    while True:
        head = _recv_exact(sock, _HEAD.size)
        if head is None:
            return
        (n,) = _HEAD.unpack(head)
        raw = _recv_exact(sock, n) if n else None
        if raw is None:
            return
        jid, job = pickle.loads(raw)  # nosec B301 - from the parent's end of our socket pair
        if job is None:
            return
        try:
            out = (jid, run_job(job, site, css), None)
        except Exception as exc:  # handed to the awaiting coroutine
            out = (jid, None, RuntimeError(f"{type(exc).__name__}: {exc}"))
        data = pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
        sock.sendall(_HEAD.pack(len(data)) + data)


class _Worker:
    """One worker process and the event loop's end of its socket (non-blocking: the loop
    never waits on a full socket, so a large job and a large result cannot block each
    other)."""

    def __init__(self, ctx, site: SiteConfig, loop: asyncio.AbstractEventLoop, pool):
        self.sock, child = socket.socketpair()
        self.proc = ctx.Process(
            target=_serve, args=(child, site), name="fazhi-monitor-checks", daemon=True
        )
        self.proc.start()
        child.close()
        self.sock.setblocking(False)
        self.loop = loop
        self.pool = pool
        self.pending = 0
        self.css: set[str] = set()
        self.inbuf = bytearray()
        self.outbuf = bytearray()
        self.writing = False
        self.dead = False
        loop.add_reader(self.sock.fileno(), self._readable)

    def send(self, data: bytes) -> None:
        if self.dead:
            raise WorkerDied("检查进程已退出")
        self.outbuf += _HEAD.pack(len(data))
        self.outbuf += data
        if not self.writing:
            self._flush()

    def _flush(self) -> None:
        try:
            while self.outbuf:
                n = self.sock.send(self.outbuf)
                del self.outbuf[:n]
        except BlockingIOError:
            if not self.writing:
                self.writing = True
                self.loop.add_writer(self.sock.fileno(), self._flush)
            return
        except OSError:
            self._died()
            return
        if self.writing:
            self.writing = False
            self.loop.remove_writer(self.sock.fileno())

    def _readable(self) -> None:
        try:
            while True:
                chunk = self.sock.recv(1 << 20)
                if not chunk:
                    self._died()
                    return
                self.inbuf += chunk
                if len(chunk) < 1 << 20:
                    break
        except BlockingIOError:
            pass
        except OSError:
            self._died()
            return
        buf, pos, size = self.inbuf, 0, _HEAD.size
        while len(buf) - pos >= size:
            (n,) = _HEAD.unpack_from(buf, pos)
            if len(buf) - pos - size < n:
                break
            frame = memoryview(buf)[pos + size : pos + size + n]
            msg = pickle.loads(frame)  # nosec B301 - our own worker's result
            frame.release()  # (the buffer is cut below: no view of it may stay)
            self.pool._deliver(self, msg)
            pos += size + n
        if pos:
            del buf[:pos]

    def _died(self) -> None:
        if not self.dead:
            self.dead = True
            self.stop_watching()
            self.pool._worker_died(self)

    def stop_watching(self) -> None:
        for remove in (self.loop.remove_reader, self.loop.remove_writer):
            try:
                remove(self.sock.fileno())
            except (ValueError, OSError):
                pass


class CheckProcesses:
    """``n`` worker processes running page and attachment checks for one crawl."""

    def __init__(self, loop: asyncio.AbstractEventLoop, n: int, site: SiteConfig) -> None:
        self.loop = loop
        ctx = multiprocessing.get_context()
        self.workers = [_Worker(ctx, site, loop, self) for _ in range(max(1, n))]
        self.futures: dict[int, tuple[asyncio.Future, _Worker]] = {}
        self.next_id = 0

    async def page(
        self,
        *,
        url: str,
        final_url: str,
        body: bytes,
        as_of: dt.date,
        content_type: str,
        status: int,
        css: dict[str, str],
        truncated: bool,
    ) -> PageDone:
        w = self._pick()
        new = {u: t for u, t in css.items() if u not in w.css}
        w.css.update(new)
        job = PageJob(url, final_url, body, as_of, content_type, status, tuple(css), truncated, new)
        return await self._submit(w, job)

    async def attachment(
        self, *, url: str, body: bytes, as_of: dt.date, kind: str, truncated: bool, cap: int
    ) -> list[Finding]:
        return await self._submit(
            self._pick(), AttachmentJob(url, body, as_of, kind, truncated, cap)
        )

    def alive(self) -> bool:
        """Whether any worker process is still running."""
        return any(not w.dead for w in self.workers)

    def _pick(self) -> _Worker:
        return min(self.workers, key=lambda w: (w.dead, w.pending))

    async def _submit(self, w: _Worker, job: Any) -> Any:
        jid = self.next_id
        self.next_id += 1
        fut = self.loop.create_future()
        data = pickle.dumps((jid, job), protocol=pickle.HIGHEST_PROTOCOL)
        self.futures[jid] = (fut, w)  # before sending: a failed send fails this future too
        w.pending += 1
        try:
            w.send(data)
        except WorkerDied:
            self.futures.pop(jid, None)
            w.pending -= 1
            raise
        return await fut

    def _deliver(self, w: _Worker, msg: tuple) -> None:
        jid, value, exc = msg
        w.pending -= 1
        fut, _ = self.futures.pop(jid, (None, None))
        if fut is None or fut.cancelled():
            return
        if exc is not None:
            fut.set_exception(exc)
        else:
            fut.set_result(value)

    def _worker_died(self, w: _Worker) -> None:
        for jid, (fut, owner) in list(self.futures.items()):
            if owner is w:
                del self.futures[jid]
                if not fut.done():
                    fut.set_exception(WorkerDied("检查进程意外退出"))

    def close(self) -> None:
        for w in self.workers:
            w.stop_watching()
            try:
                w.sock.setblocking(True)
                if w.outbuf:
                    w.sock.sendall(w.outbuf)
                w.sock.sendall(_HEAD.pack(0))
                w.sock.close()
            except OSError:
                pass
        for w in self.workers:
            w.proc.join(5)
            if w.proc.is_alive():
                w.proc.terminate()
                w.proc.join()
