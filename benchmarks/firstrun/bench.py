"""First run: ``fazhi up`` on an empty data directory, until its first page answers and
until the page answers on the whole demo.

For each database the script starts ``fazhi up --port P`` on a fresh FAZHI_HOME (for
PostgreSQL an empty database on a throw-away cluster with durable defaults; ``fazhi up``
then migrates it like the embedded SQLite), reads the command's output line by line with
the time each line appears, and polls the portal home page until it answers 200 and again
until it answers without the notice "演示数据正在后台载入" (on SQLite the first page comes
on the kernel's demo while the whole demo is built beside it, ``fazhi.core.firstrun``).
Reported: the time to the first page, to the whole demo served, and the phases — migrate,
each demo step as ``fazhi up`` prints it, the restart on the built demo.

Usage: python benchmarks/firstrun/bench.py [--no-pg] [--no-sqlite] [--runs 1] [--python PATH]
       [--label TEXT] [--write]
"""

from __future__ import annotations

import argparse
import atexit
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pgcluster import Postgres, free_port

HERE = Path(__file__).resolve().parent
TIMEOUT = 600  # seconds; a first run that takes longer is reported as such


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def first_run(url: str | None, python: str) -> dict:
    home = Path(tempfile.mkdtemp(prefix="fazhi-firstrun."))
    env = {**os.environ, "FAZHI_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    env.pop("FAZHI_DATABASE_URL", None)
    if url:
        env["FAZHI_DATABASE_URL"] = url
    port = free_port()
    lines: list[tuple[float, str]] = []
    start = time.perf_counter()
    proc = subprocess.Popen(
        [python, "-m", "fazhi.cli", "up", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )

    def read() -> None:
        for line in proc.stdout:
            lines.append((time.perf_counter() - start, line.rstrip()))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    first_page = full = None
    notice = "演示数据正在后台载入"

    def page() -> str | None:
        try:
            r = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
        except httpx.HTTPError:
            return None
        return r.text if r.status_code == 200 else None

    try:
        while time.perf_counter() - start < TIMEOUT and proc.poll() is None:
            text = page()
            if text is not None:
                now = time.perf_counter() - start
                first_page = first_page or now
                if notice not in text:  # the whole demo is served
                    full = now
                    break
            time.sleep(0.2)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        reader.join(5)
        shutil.rmtree(home, ignore_errors=True)
    if full is None:
        raise RuntimeError("no page with the whole demo:\n" + "\n".join(t for _s, t in lines[-30:]))
    return {"first_page": first_page, "full": full, "lines": lines}


def phases(run: dict) -> list[tuple[str, float]]:
    """Time between the marks ``fazhi up`` prints: each mark's phase ends at the next. On
    SQLite the steps are the background build's (the first page came before them)."""
    marks = [(0.0, "start, migrate")]
    for at, text in run["lines"]:
        text = text.strip()
        if text.startswith("首次运行"):
            marks.append((at, "demo: organisations, users, code tables"))
        elif text.startswith("fazhi 正在运行") and len(marks) == 2:
            marks.append((at, "server on the kernel's demo, build starts"))
        elif text.startswith("载入演示数据："):
            marks.append((at, "demo step: " + text.split("：", 1)[1]))
        elif text.startswith("演示数据载入完成") or (
            text.startswith("演示账户") and not marks[-1][1].startswith("restart")
        ):
            marks.append((at, "restart on the built demo, logins"))
    out = []
    for (at, name), (nxt, _n) in zip(marks, [*marks[1:], (run["full"], "")], strict=True):
        out.append((name, nxt - at))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--python", default=sys.executable, help="interpreter that runs fazhi")
    ap.add_argument("--label", default="this checkout")
    ap.add_argument("--write", action="store_true", help="write results.md")
    args = ap.parse_args()
    started = time.time()
    results = []
    if not args.no_sqlite:
        for _ in range(args.runs):
            log("SQLite: fazhi up")
            results.append(("SQLite", first_run(None, args.python)))
    if not args.no_pg:
        pg = Postgres(prefix="fazhi-pg-firstrun.")
        atexit.register(pg.stop)
        pg.start(fast=False)
        for n in range(args.runs):
            log("PostgreSQL: fazhi up")
            results.append(("PostgreSQL", first_run(pg.createdb(f"fazhi{n}"), args.python)))
        pg.stop()
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    out = [
        f"- Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {args.label}",
        f"- Machine: {os.cpu_count()} cores, {platform.platform()}, CPython "
        f"{platform.python_version()}; load average at the end {load} (1/5/15 min; shared)",
        f"- Whole run: {time.time() - started:.0f} s",
        "",
        "| database | `fazhi up` to first page (s) | to the whole demo served (s) | phases (s) |",
        "|---|--:|--:|---|",
    ]
    for label, run in results:
        split = "; ".join(f"{name} {took:.1f}" for name, took in phases(run))
        out.append(f"| {label} | {run['first_page']:.1f} | {run['full']:.1f} | {split} |")
    text = "\n".join(out) + "\n"
    print(text)
    if args.write:
        (HERE / "results.md").write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
