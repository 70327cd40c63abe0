"""Portal-monitor benchmark: our crawler (politeness off, every content check on) vs LinkChecker
(dead-link part only), on the same generated local site served from 127.0.0.1.

    python benchmarks/monitor/bench.py [--workdir /tmp/fazhi-bench] [--rounds 3] [--full]
    python benchmarks/monitor/bench.py --before /tmp/main-src [--rounds 5]

``--before DIR`` (a ``src`` directory of another version, e.g. ``git archive main src``) runs
that version's crawler and this one alternately, each crawl in a fresh process of its own
(``--one-crawl``), with LinkChecker and wget in the same rounds.

Prints a Markdown table; see README.md. Nothing leaves 127.0.0.1: our crawler's transport maps
the site's host name to the loopback port and refuses anything else; LinkChecker is pointed at
http://127.0.0.1:PORT/ and the site contains no external links.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
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
        t0 = time.process_time()
        analyse_html(
            body, f"http://{HOST}/{f.relative_to(root).as_posix()}", site, as_of=as_of, css=css
        )
        out.append(time.process_time() - t0)
    return out


def run_ours(port: int, workers: int, check_workers: int) -> dict:
    """Our crawler, politeness off (a benchmark server of our own), every content check on
    (K5 off: the site has no cloaking routes), libcurl, ``check_workers`` processes for the
    page checks (0: a thread)."""
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
    c0 = _cpu()
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
        "cpu": _cpu() - c0,
        "pages": len(res.pages),
        "urls": len(res.links),
        "dead": dead,
        "findings": len(res.findings),
        "requests": len(res.links) + 3,
    }


def run_ours_subprocess(port: int, workers: int, check_workers: int, src: str | None) -> dict:
    """One crawl in a fresh interpreter (cold start: imports excluded from the timing, the
    lexicon warm-up included, as in a real run); ``src`` puts another version's ``fazhi``
    first on the path."""
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    p = subprocess.run(
        [
            sys.executable,
            str(HERE / "bench.py"),
            "--one-crawl",
            str(port),
            "--workers",
            str(workers),
            "--check-workers",
            str(check_workers),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(p.stdout.strip().splitlines()[-1])


def _cpu() -> float:
    """CPU seconds of this process and its finished children (check workers, LinkChecker)."""
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run_linkchecker(port: int, threads: int | None) -> dict:
    """LinkChecker (subprocess) with its default settings except the per-host rate cap;
    ``threads=None`` keeps its default thread count (10)."""
    with tempfile.TemporaryDirectory() as d:
        rc = Path(d) / "linkcheckerrc"
        lines = ["[checking]", "maxrequestspersecond=100000", "timeout=15"]
        if threads is not None:
            lines.append(f"threads={threads}")
        rc.write_text("\n".join(lines) + "\n[output]\nstatus=0\n", encoding="utf-8")
        os.chmod(d, 0o755)
        os.chmod(rc, 0o644)
        t0 = time.perf_counter()
        c0 = _cpu()
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
    return {"wall": wall, "cpu": _cpu() - c0, "summary": " | ".join(tail[-3:]), "rc": p.returncode}


def run_wget(port: int) -> dict:
    """``wget --spider -r`` over the same site (links only, C, no content checks)."""
    with tempfile.TemporaryDirectory() as d:
        t0 = time.perf_counter()
        c0 = _cpu()
        p = subprocess.run(
            [
                "wget",
                "--spider",
                "-r",
                "-l",
                "inf",
                "-nd",
                "-nv",
                "-e",
                "robots=off",
                "-P",
                d,
                f"http://127.0.0.1:{port}/index.html",
            ],
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - t0
    broken = p.stderr.count(f"http://127.0.0.1:{port}/missing/")
    return {"wall": wall, "cpu": _cpu() - c0, "broken": broken, "rc": p.returncode}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workdir", default="/tmp/fazhi-bench")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds on the subset")
    ap.add_argument("--workers", type=int, default=16)
    ap.add_argument("--full", action="store_true", help="our crawler on the full site too")
    ap.add_argument("--server", choices=("nginx", "python"), default="nginx")
    ap.add_argument("--before", help="src directory of the version to compare against")
    ap.add_argument("--lc2", action="store_true", help="with --before: LinkChecker 2 threads too")
    ap.add_argument("--one-crawl", type=int, metavar="PORT", help=argparse.SUPPRESS)
    ap.add_argument("--check-workers", type=int, default=0, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one_crawl:
        import fazhi.monitor.engine.crawler as engine

        out = run_ours(a.one_crawl, a.workers, a.check_workers)
        out["code"] = str(Path(engine.__file__).parents[3])
        print(json.dumps(out))
        return
    wd = Path(a.workdir)
    full, sub = wd / "full", wd / "subset"
    if not (sub / "index.html").exists():
        generate(sub, columns=19)
    if a.full and not (full / "index.html").exists():
        generate(full)
    for root in (sub, full):
        if root.exists():
            subprocess.run(["chmod", "-R", "a+rX", str(wd)], check=False)
    n_sub = len(list(sub.rglob("*.html")))
    print(f"site: subset {n_sub} pages", flush=True)
    times = per_page_times(sub)
    med = statistics.median(times) * 1000
    p95 = sorted(times)[int(len(times) * 0.95)] * 1000
    print(f"per-page full check: median {med:.2f} ms, p95 {p95:.2f} ms", flush=True)
    start = start_nginx if a.server == "nginx" else start_server
    if a.before:
        before = str(Path(a.before).resolve())
        tools = {
            "before-thread": lambda port: run_ours_subprocess(port, a.workers, 0, before),
            "after-thread": lambda port: run_ours_subprocess(port, a.workers, 0, None),
            "after-1proc": lambda port: run_ours_subprocess(port, a.workers, 1, None),
            "after-2proc": lambda port: run_ours_subprocess(port, a.workers, 2, None),
            "linkchecker-default": lambda port: run_linkchecker(port, None),
            "wget": run_wget,
        }
        if a.lc2:
            tools["linkchecker-2"] = lambda port: run_linkchecker(port, 2)
    else:
        tools = {
            "ours-thread": lambda port: run_ours(port, a.workers, 0),
            "ours-2proc": lambda port: run_ours(port, a.workers, 2),
            "linkchecker-default": lambda port: run_linkchecker(port, None),
            "linkchecker-2": lambda port: run_linkchecker(port, 2),
            "wget": run_wget,
        }
    results: dict[str, list[dict]] = {k: [] for k in tools}
    srv, port = start(sub)
    try:
        for r in range(a.rounds):
            for name, fn in tools.items():
                out = fn(port)
                out["load"] = os.getloadavg()[0]
                results[name].append(out)
                print(f"round {r + 1} {name}: {out}", flush=True)
        full_ours = None
        if a.full:
            srv.terminate()
            srv.wait()
            srv, port = start(full)
            full_ours = run_ours(port, a.workers, 2)
            print("full ours-2proc", full_ours, flush=True)
    finally:
        srv.terminate()
        srv.wait()
    report(results, n_sub, med, p95, full_ours, a)


def report(results, n_sub, med, p95, full_ours, a) -> None:
    def median(name, key):
        return statistics.median(x[key] for x in results[name])

    rate = {k: n_sub / median(k, "wall") for k in results}
    lc2 = rate.get("linkchecker-2")
    print(
        f"\n{a.rounds} alternating rounds on the subset ({n_sub} HTML pages), server {a.server};"
        " medians:\n"
    )
    print(
        "| tool | wall s | CPU s | pages/s | vs LinkChecker (default) | vs LinkChecker (2 threads) |"
    )
    print("|---|---|---|---|---|---|")
    for k in results:
        print(
            f"| {k} | {median(k, 'wall'):.2f} | {median(k, 'cpu'):.2f} | {rate[k]:.0f} | "
            f"{rate[k] / rate['linkchecker-default']:.2f}× | "
            + (f"{rate[k] / lc2:.2f}× |" if lc2 else "— |")
        )
    ours = [k for k in results if k.startswith(("ours", "after"))]
    best = max(ours, key=lambda k: rate[k])
    print(f"\nbest of ours: {best}; vs wget --spider: {rate[best] / rate['wget']:.2f}×")
    lc = [x["wall"] for x in results["linkchecker-default"]]
    for k in results:
        if k.startswith(("ours", "after", "before")):
            per = [lw / x["wall"] for lw, x in zip(lc, results[k], strict=True)]
            walls = ", ".join(f"{x['wall']:.1f}" for x in results[k])
            ratios = ", ".join(f"{r:.2f}×" for r in per)
            found = {(x["dead"], x["findings"]) for x in results[k]}
            print(
                f"{k}: wall per round {walls}; vs LinkChecker per round {ratios}; "
                f"(dead, findings) {sorted(found)}"
            )
    print(f"linkchecker-default wall per round: {', '.join(f'{w:.1f}' for w in lc)}")
    loads = [x["load"] for v in results.values() for x in v]
    print(f"load average during the runs: {min(loads):.1f}–{max(loads):.1f} (2 CPUs, shared)")
    print(
        f"per-page check median {med:.2f} ms (p95 {p95:.2f} ms), CPU time; "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs"
    )
    if full_ours:
        print(
            f"full site: {full_ours['pages']} pages in {full_ours['wall']:.1f} s "
            f"({full_ours['pages'] / full_ours['wall']:.0f} pages/s), {full_ours}"
        )
        print(
            f"polite crawl (1 request/s per host) extrapolated: "
            f"{full_ours['requests']} requests ≈ {full_ours['requests'] / 3600:.1f} h"
        )


if __name__ == "__main__":
    main()
