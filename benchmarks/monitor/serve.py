"""Serve a generated site directory on 127.0.0.1 (files cached in memory, HTTP/1.1 keep-alive,
HEAD supported). Runs in its own process so it does not share the crawler's GIL.

    python benchmarks/monitor/serve.py DIR [--port 0]   # prints the port
"""

from __future__ import annotations

import argparse
import mimetypes
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def make_handler(root: Path):
    cache: dict[str, tuple[bytes, str]] = {}
    for p in root.rglob("*"):
        if p.is_file():
            ctype = mimetypes.guess_type(p.name)[0] or "application/octet-stream"
            if ctype == "text/html":
                ctype = "text/html; charset=utf-8"
            cache["/" + p.relative_to(root).as_posix()] = (p.read_bytes(), ctype)
    cache["/"] = cache["/index.html"]

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            return

        def _go(self, head: bool) -> None:
            path = self.path.split("?", 1)[0]
            hit = cache.get(path)
            if hit is None:
                body, ctype, status = b"not found", "text/plain", 404
            else:
                (body, ctype), status = hit, 200
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            # LinkChecker honours maxrequestspersecond > 10 only when the server sends this
            # header (linkcheckerrc(5)); it lifts its per-host rate cap for a fair comparison.
            self.send_header("LinkChecker", "fazhi-bench")
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def do_GET(self):
            self._go(False)

        def do_HEAD(self):
            self._go(True)

    return H


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--port", type=int, default=0)
    a = ap.parse_args()

    class Quiet(ThreadingHTTPServer):
        def handle_error(self, request, client_address):  # clients closing early is normal
            return

    srv = Quiet(("127.0.0.1", a.port), make_handler(Path(a.root)))
    srv.daemon_threads = True
    print(srv.server_address[1], flush=True)
    sys.stdout.flush()
    srv.serve_forever()


if __name__ == "__main__":
    main()
