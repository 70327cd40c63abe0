"""Pages at the framework's speed: the main staff lists and public pages under ``fazhi serve``
(2 workers) and 32 concurrent clients, each beside a floor view that does the same database
work, in one run, on SQLite and on PostgreSQL.

For each database the script

1. makes a fresh FAZHI_HOME (PostgreSQL: a throw-away cluster, durable defaults, as
   ``benchmarks/pgcluster.py`` starts it), runs ``fazhi migrate`` and ``fazhi demo`` (timed);
2. starts ``fazhi serve --workers 2`` with ``DJANGO_SETTINGS_MODULE=benchsettings``: the
   project's settings plus the floor URL and a capture middleware (``benchsite.py``);
3. signs the demo users in through the login page (session cookies, as a browser does);
4. for each page: checks it answers 200 with its marker text, warms it up, records the SQL
   it runs (one request with ``X-Bench-Capture``), then runs ``wrk -t2 -c32 --latency``
   against the page and against its floor, alternating, ``--rounds`` times;
5. measures ``/api/v1/health`` the same way, as the server's ceiling.

Reported per page: requests/s and latency percentiles (medians over the rounds), the number
of SQL statements (reads / writes) and the page's speed as a share of its floor's.

Usage: python benchmarks/pages/bench.py [--no-pg] [--no-sqlite] [--duration 8] [--rounds 3]
       [--python PATH] [--label TEXT] [--write]
``--python`` runs fazhi from another interpreter (another checkout's venv) to measure a
before/after pair with the same harness; ``--write`` stores results.md.
Needs ``wrk`` (apt install wrk).
"""

from __future__ import annotations

import argparse
import atexit
import base64
import hashlib
import hmac
import json
import os
import platform
import re
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pgcluster import Postgres, free_port

HERE = Path(__file__).resolve().parent
PASSWORD = "Furong@2019"
CLIENTS, THREADS, WORKERS = 32, 2, 2

# name, user (None: the public), path, text the page must contain
PAGES = [
    ("workspace-home", "leader", "/workspace/", "我的待办"),
    ("case-list", "leader", "/workspace/enforcement/cases/", "执法案件"),
    ("grid-list", "leader", "/workspace/enforcement/grid/", "城市管理"),
    ("officer-list", "leader", "/workspace/enforcement/officers/", "执法人员"),
    ("portal-home", None, "/", "芙蓉区"),
    ("public-enforcement", None, "/enforcement/", "行政执法"),
    ("public-decisions", None, "/enforcement/decisions/", "处罚决定"),
]
HEALTH = "/api/v1/health"


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# -- the server ----------------------------------------------------------------------------


class Server:
    def __init__(self, python: str, env: dict[str, str], port: int) -> None:
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        env = {
            **env,
            "DJANGO_SETTINGS_MODULE": "benchsettings",
            "PYTHONPATH": os.pathsep.join([str(HERE), env.get("PYTHONPATH", "")]),
        }
        self.log = open(Path(env["FAZHI_BENCH_DIR"]) / "serve.log", "wb")
        self.proc = subprocess.Popen(
            [python, "-m", "fazhi.cli", "serve", "--workers", str(WORKERS), "--port", str(port)],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"fazhi serve exited: {self.tail()}")
            try:
                if httpx.get(self.base + HEALTH, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"fazhi serve did not answer within 120 s: {self.tail()}")

    def tail(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.log.close()


def _totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 (SHA-1, 30 s, 6 digits): the code an authenticator shows for ``secret``."""
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def _token(text: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1)


def sign_in(base: str, username: str) -> str:
    """The session cookie of a sign-in through the login page — with the second factor's
    enrolment for the roles that need one (a fresh demo: the key shown on the page, the
    code computed from it, as an authenticator app would)."""
    login = base + "/workspace/login/"
    with httpx.Client(base_url=base, follow_redirects=False, timeout=30) as c:
        page = c.get("/workspace/login/")
        r = c.post(
            "/workspace/login/",
            data={
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": _token(page.text),
            },
            headers={"Referer": login},
        )
        if r.status_code != 302:
            raise RuntimeError(f"sign-in of {username}: HTTP {r.status_code}")
        if r.headers["location"].endswith("/login/enrol/"):
            page = c.get("/workspace/login/enrol/")
            secret = re.search(r'id="otp-secret">([^<]+)<', page.text).group(1)
            r = c.post(
                "/workspace/login/enrol/",
                data={"code": _totp(secret), "csrfmiddlewaretoken": _token(page.text)},
                headers={"Referer": base + "/workspace/login/enrol/"},
            )
            if r.status_code != 302 or "/login/" in r.headers["location"].replace(
                "/login/recovery-codes/", ""
            ):
                raise RuntimeError(f"second factor of {username}: HTTP {r.status_code}")
        return f"sessionid={c.cookies['sessionid']}"


# -- wrk -----------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, duration: int, cookie: str | None) -> dict:
    cmd = ["wrk", f"-t{THREADS}", f"-c{CLIENTS}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    pct = {
        p: float(v) * UNITS[u]
        for p, v, u in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    }
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    if not rps or len(pct) < 4:  # not one answer within the run: a longer run
        if duration < 60:
            return wrk(url, min(60, duration * 4), cookie)
        raise RuntimeError(f"wrk {url} measured nothing in {duration} s:\n{out}")
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps,
        "p50": pct["50"],
        "p90": pct["90"],
        "p99": pct["99"],
        "non2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1).strip() if errors else "",
    }


def median_of(runs: list[dict]) -> dict:
    out = {k: statistics.median(r[k] for r in runs) for k in ("rps", "p50", "p90", "p99")}
    out["non2xx"] = sum(r["non2xx"] for r in runs)
    out["socket_errors"] = "; ".join(r["socket_errors"] for r in runs if r["socket_errors"])
    return out


# -- one database --------------------------------------------------------------------------


def fazhi(python: str, env: dict[str, str], *args: str) -> float:
    t = time.perf_counter()
    res = subprocess.run([python, "-m", "fazhi.cli", *args], env=env, capture_output=True)
    if res.returncode != 0:
        raise RuntimeError(f"fazhi {' '.join(args)}: {res.stderr.decode()[-3000:]}")
    return time.perf_counter() - t


def run_database(label: str, url: str | None, args) -> dict:
    reuse = bool(args.home) and url is None
    home = Path(args.home) if reuse else Path(tempfile.mkdtemp(prefix="fazhi-pages."))
    capture = Path(tempfile.mkdtemp(prefix="fazhi-pages-capture."))
    env = {**os.environ, "FAZHI_HOME": str(home), "FAZHI_BENCH_DIR": str(capture)}
    env.pop("FAZHI_DATABASE_URL", None)
    if url:
        env["FAZHI_DATABASE_URL"] = url
    result: dict = {"database": label, "pages": []}
    server = None
    try:
        if reuse:
            result["demo_s"] = None
        else:
            log(f"{label}: migrate + demo")
            fazhi(args.python, env, "migrate")
            result["demo_s"] = round(fazhi(args.python, env, "demo"), 1)
        server = Server(args.python, env, free_port())
        cookies = {u: sign_in(server.base, u) for u in {p[1] for p in PAGES if p[1]}}
        for name, user, path, marker in [*PAGES, ("health", None, HEALTH, "ok")]:
            cookie = cookies.get(user) if user else None
            headers = {"Cookie": cookie} if cookie else {}
            r = httpx.get(server.base + path, headers=headers, timeout=30)
            if r.status_code != 200 or marker not in r.text:
                raise RuntimeError(f"{path} as {user or 'the public'}: HTTP {r.status_code}")
            wrk(server.base + path, 2, cookie)  # warm both workers
            httpx.get(server.base + path, headers={**headers, "X-Bench-Capture": name}, timeout=30)
            spec = json.loads((capture / f"{name}.json").read_text())
            sqls = spec["sql"]
            reads = sum(
                1 for s in sqls if s.lstrip().split(None, 1)[0].upper() in {"SELECT", "WITH"}
            )
            page_runs, floor_runs = [], []
            for _ in range(args.rounds):
                page_runs.append(wrk(server.base + path, args.duration, cookie))
                if name != "health":
                    floor_runs.append(
                        wrk(f"{server.base}/bench/floor/{name}/", args.duration, None)
                    )
            row = {
                "name": name,
                "user": user or "public",
                "path": path,
                "bytes": spec["size"],
                "reads": reads,
                "writes": len(sqls) - reads,
                "page": median_of(page_runs),
                "floor": median_of(floor_runs) if floor_runs else None,
            }
            if row["floor"]:
                row["share"] = row["page"]["rps"] / row["floor"]["rps"]
            result["pages"].append(row)
            log(f"{label} {name}: {json.dumps(row, ensure_ascii=False)}")
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(capture, ignore_errors=True)
        if not reuse:
            shutil.rmtree(home, ignore_errors=True)
    return result


# -- report --------------------------------------------------------------------------------


def report(results: list[dict], args, started: float) -> str:
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [
        f"- Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {args.label}",
        f"- Machine: {os.cpu_count()} cores, {platform.platform()}, CPython "
        f"{platform.python_version()}; load average at the end {load} (1/5/15 min; shared)",
        f"- Server: `fazhi serve --workers {WORKERS}` (granian, 1 blocking thread per worker); "
        f"load: `wrk -t{THREADS} -c{CLIENTS} -d{args.duration}s`, {args.rounds} rounds per URL "
        "alternating page and floor (medians shown); wrk runs on the same machine",
        f"- Whole run: {time.time() - started:.0f} s",
        "",
        "| database | page | as | SQL reads / writes | page req/s | p50 / p90 / p99 (ms) "
        "| floor req/s | floor p99 (ms) | page ÷ floor |",
        "|---|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for res in results:
        for row in res["pages"]:
            p, f = row["page"], row["floor"]
            bad = f" ({p['non2xx']} non-2xx!)" if p["non2xx"] else ""
            lines.append(
                f"| {res['database']} | `{row['path']}` | {row['user']} "
                f"| {row['reads']} / {row['writes']} | {p['rps']:.0f}{bad} "
                f"| {p['p50']:.0f} / {p['p90']:.0f} / {p['p99']:.0f} "
                + (
                    f"| {f['rps']:.0f} | {f['p99']:.0f} | {row['share']:.2f} |"
                    if f
                    else "| – | – | – |"
                )
            )
    lines.append("")
    for res in results:
        if res["demo_s"]:
            lines.append(f"- {res['database']}: `fazhi demo` took {res['demo_s']} s before the run")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--duration", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--python", default=sys.executable, help="interpreter that runs fazhi")
    ap.add_argument("--label", default="this checkout")
    ap.add_argument("--json", help="also write the raw results here")
    ap.add_argument("--home", help="SQLite only: an existing FAZHI_HOME with the demo loaded")
    ap.add_argument("--write", action="store_true", help="write results.md")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found (apt install wrk)")
    started = time.time()
    results = []
    if not args.no_sqlite:
        results.append(run_database("SQLite", None, args))
    if not args.no_pg:
        pg = Postgres(prefix="fazhi-pg-pages.")
        atexit.register(pg.stop)
        pg.start(fast=False)
        results.append(run_database("PostgreSQL", pg.createdb("fazhi"), args))
        pg.stop()
    text = report(results, args, started)
    print(text)
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1))
    if args.write:
        (HERE / "results.md").write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
