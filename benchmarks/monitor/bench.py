"""Portal-monitor benchmark: our crawler (politeness off, every content check on) vs LinkChecker
(dead-link part only), on the same generated local site served from 127.0.0.1.

    python benchmarks/monitor/bench.py [--workdir /tmp/fazhi-bench] [--lc-full]

Prints a Markdown table; see README.md. Nothing leaves 127.0.0.1: our crawler's transport maps
the site's host name to the loopback port and refuses anything else; LinkChecker is pointed at
http://127.0.0.1:PORT/ and the site contains no external links.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_site import generate  # noqa: E402

from fazhi.monitor.engine.analyse import analyse_html  # noqa: E402
from fazhi.monitor.engine.config import default_site  # noqa: E402
from fazhi.monitor.engine.crawler import Limits, crawl  # noqa: E402
from fazhi.monitor.engine.http import curl_client_factory  # noqa: E402

HOST = "bench.furong.gov.cn"


def start_server(root: Path) -> tuple[subprocess.Popen, int]:
    """The Python server (serve.py) in its own process."""
    p = subprocess.Popen(
        [sys.executable, str(HERE / "serve.py"), str(root)], stdout=subprocess.PIPE, text=True
    )
    port = int(p.stdout.readline())
    return p, port


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


NGINX_CONF = """daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  tcp_nodelay on;
  keepalive_requests 1000000;
  keepalive_timeout 120;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  types {{
    text/html html; text/css css; application/javascript js; image/png png;
    application/pdf pdf; text/plain txt;
    application/vnd.openxmlformats-officedocument.wordprocessingml.document docx;
    application/vnd.openxmlformats-officedocument.spreadsheetml.sheet xlsx;
  }}
  default_type application/octet-stream;
  charset utf-8;
  charset_types text/css application/javascript text/plain;
  server {{
    listen 127.0.0.1:{port};
    root {root};
    index index.html;
    # LinkChecker honours maxrequestspersecond > 10 only when the server sends this header
    # (linkcheckerrc(5)): it lifts LinkChecker's per-host rate cap for a fair comparison.
    add_header LinkChecker fazhi-bench always;
  }}
}}
"""


def start_nginx(root: Path) -> tuple[subprocess.Popen, int]:
    """nginx (Debian package) serving ``root`` on a free loopback port, in the foreground of
    its own process, one worker, its files under a temporary directory."""
    import shutil

    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    tmp = Path(tempfile.mkdtemp(prefix="fazhi-nginx-"))
    os.chmod(tmp, 0o755)
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, root=root.resolve()), encoding="utf-8")
    p = subprocess.Popen([nginx, "-c", str(conf), "-p", str(tmp)])
    import socket

    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    return p, port


def site_config():
    s = default_site()
    return replace(
        s, site_id="bench", start_urls=(f"http://{HOST}/index.html",), hosts=(HOST,), columns=()
    )


def per_page_times(root: Path, n: int = 400) -> list[float]:
    site = site_config()
    files = sorted(root.glob("col*/a*.html"))[:: max(1, len(list(root.glob("col*/a*.html"))) // n)]
    as_of = dt.date(2025, 6, 30)
    analyse_html(files[0].read_bytes(), f"http://{HOST}/x.html", site, as_of=as_of)  # warm-up
    out = []
    css = {f"http://{HOST}/css/site.css": (root / "css/site.css").read_text()}
    for f in files[:n]:
        body = f.read_bytes()
        t0 = time.perf_counter()
        analyse_html(
            body, f"http://{HOST}/{f.relative_to(root).as_posix()}", site, as_of=as_of, css=css
        )
        out.append(time.perf_counter() - t0)
    return out


def run_ours(port: int, workers: int, check_workers: int) -> dict:
    lim = Limits(
        polite=False,
        delay=0.0,
        per_host_concurrency=workers,
        workers=workers,
        k5_max_pages=0,
        max_pages=50_000,
        timeout=15.0,
        check_workers=check_workers,
    )
    t0 = time.perf_counter()
    res = asyncio.run(
        crawl(
            site_config(),
            client_factory=curl_client_factory({HOST: port}),
            limits=lim,
            as_of=dt.date(2025, 6, 30),
        )
    )
    wall = time.perf_counter() - t0
    dead = sum(1 for s in res.links.values() if s.broken)
    return {
        "wall": wall,
        "pages": len(res.pages),
        "urls": len(res.links),
        "dead": dead,
        "findings": len(res.findings),
        "requests": len(res.links) + 3,
    }


def run_linkchecker(port: int, threads: int = 2) -> dict:
    with tempfile.TemporaryDirectory() as d:
        rc = Path(d) / "linkcheckerrc"
        rc.write_text(
            f"[checking]\nthreads={threads}\nmaxrequestspersecond=100000\n"
            "timeout=15\n[output]\nstatus=0\n",
            encoding="utf-8",
        )
        os.chmod(d, 0o755)
        os.chmod(rc, 0o644)
        t0 = time.perf_counter()
        p = subprocess.run(
            [
                "linkchecker",
                "-f",
                str(rc),
                "--no-status",
                "-o",
                "text",
                f"http://127.0.0.1:{port}/index.html",
            ],
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - t0
    tail = [
        ln for ln in p.stdout.splitlines() if "link" in ln and ("checked" in ln or "error" in ln)
    ]
    return {"wall": wall, "summary": " | ".join(tail[-3:]), "rc": p.returncode}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workdir", default="/tmp/fazhi-bench")
    ap.add_argument("--lc-full", action="store_true", help="LinkChecker on the full site too")
    ap.add_argument("--workers", type=int, default=16)
    ap.add_argument("--check-workers", type=int, default=0)
    a = ap.parse_args()
    wd = Path(a.workdir)
    full, sub = wd / "full", wd / "subset"
    counts_full = generate(full) if not (full / "index.html").exists() else None
    counts_sub = generate(sub, columns=19) if not (sub / "index.html").exists() else None
    n_full = len(list(full.rglob("*.html")))
    n_sub = len(list(sub.rglob("*.html")))
    print(f"site: full {n_full} pages, subset {n_sub} pages", counts_full, counts_sub, flush=True)

    times = per_page_times(full)
    med = statistics.median(times) * 1000
    p95 = sorted(times)[int(len(times) * 0.95)] * 1000
    print(f"per-page full check: median {med:.1f} ms, p95 {p95:.1f} ms", flush=True)

    rows = []
    for name, root, n in (("subset", sub, n_sub), ("full", full, n_full)):
        srv, port = start_server(root)
        try:
            ours = run_ours(port, a.workers, a.check_workers)
            print(name, "ours", ours, flush=True)
            lc = None
            if name == "subset" or a.lc_full:
                lc = run_linkchecker(port)
                print(name, "linkchecker", lc, flush=True)
        finally:
            srv.terminate()
            srv.wait()
        rows.append((name, n, ours, lc))

    print("\n| site | HTML pages | tool | wall s | pages/s | notes |")
    print("|---|---|---|---|---|---|")
    for name, n, ours, lc in rows:
        print(
            f"| {name} | {n} | fazhi-monitor (all checks, politeness off) | {ours['wall']:.1f} "
            f"| {ours['pages'] / ours['wall']:.0f} | {ours['urls']} URLs, {ours['dead']} dead, "
            f"{ours['findings']} findings |"
        )
        if lc:
            print(
                f"| {name} | {n} | LinkChecker 10.6 (2 threads, rate cap lifted) | "
                f"{lc['wall']:.1f} | {n / lc['wall']:.0f} | {lc['summary'][:120]} |"
            )
    full_ours = rows[-1][2]
    polite = full_ours["requests"] * 1.0
    print(
        f"\npolite crawl (1 s ±50 % per request per host) extrapolated: "
        f"{full_ours['requests']} requests ≈ {polite / 3600:.1f} h"
    )
    print(
        f"per-page check median {med:.1f} ms (p95 {p95:.1f} ms); machine: "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}"
    )


if __name__ == "__main__":
    main()
