"""A threaded HTTP/1.1 server on 127.0.0.1 that serves the fixture site by ``Host`` header.

Every request is logged (host, path with query, selected headers) so tests can assert that no
URL was fetched twice, that conditional GETs were sent, and that nothing outside the fixture
hosts was requested. Nothing here listens on anything but 127.0.0.1.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Response:
    """What a route returns. ``body`` may be bytes or an iterator of chunks (streamed)."""

    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"
    length: int | None = None
    delay: float = 0.0


@dataclass
class Request:
    """The parts of a request a route may read."""

    host: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    method: str

    @property
    def target(self) -> str:
        """path + query as requested."""
        return self.path + (
            "?" + "&".join(f"{k}={v[0]}" for k, v in self.query.items()) if self.query else ""
        )


Router = Callable[[Request], Response]


@dataclass
class LogEntry:
    """One served request."""

    host: str
    target: str
    method: str
    headers: dict[str, str]
    status: int


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args) -> None:
        return

    def _serve(self, method: str) -> None:
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        parts = urlsplit(self.path)
        req = Request(
            host=host,
            path=parts.path or "/",
            query=parse_qs(parts.query, keep_blank_values=True),
            headers={k.lower(): v for k, v in self.headers.items()},
            method=method,
        )
        try:
            resp = self.server.router(req)
        except Exception as exc:
            resp = Response(500, f"fixture error: {exc}".encode())
        target = parts.path + ("?" + parts.query if parts.query else "")
        with self.server.lock:
            self.server.log.append(LogEntry(host, target, method, req.headers, resp.status))
        if resp.delay:
            time.sleep(resp.delay)
        try:
            self.send_response(resp.status)
            body = resp.body
            if isinstance(body, bytes | bytearray):
                length = len(body)
            else:
                length = resp.length
            if resp.status != 304:
                self.send_header("Content-Type", resp.content_type)
            for k, v in resp.headers.items():
                self.send_header(k, v)
            if length is not None and resp.status != 304:
                self.send_header("Content-Length", str(length))
            elif resp.status != 304:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if method == "HEAD" or resp.status == 304:
                return
            if isinstance(body, bytes | bytearray):
                self.wfile.write(body)
            else:
                for chunk in body:
                    self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, OSError):
            self.close_connection = True

    def do_GET(self) -> None:
        self._serve("GET")

    def do_HEAD(self) -> None:
        self._serve("HEAD")

    def do_POST(self) -> None:
        self._serve("POST")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, router: Router):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.router = router
        self.log: list[LogEntry] = []
        self.lock = threading.Lock()


class FixtureServer:
    """Run a router on 127.0.0.1 with an ephemeral port, in a daemon thread."""

    def __init__(self, router: Router):
        self._server = _Server(router)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> FixtureServer:
        """Start serving; returns self."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()

    @property
    def log(self) -> list[LogEntry]:
        """Requests served so far."""
        return self._server.log

    def clear_log(self) -> None:
        """Forget logged requests."""
        with self._server.lock:
            self._server.log.clear()

    def counts(self, method: str | None = "GET") -> Counter[tuple[str, str]]:
        """(host, target) → number of requests (GET by default)."""
        return Counter((e.host, e.target) for e in self.log if method is None or e.method == method)


def closed_port() -> int:
    """A loopback port with nothing listening (bind, read the port, close)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


@contextmanager
def serving(router: Router) -> Iterator[FixtureServer]:
    """Context manager: start a FixtureServer, yield it, stop it."""
    srv = FixtureServer(router).start()
    try:
        yield srv
    finally:
        srv.stop()
