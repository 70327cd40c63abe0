"""The demo year and the case list: how long `fazhi demo` takes, and how fast a bureau
leader's case list is with the whole 2019 year loaded — on SQLite and on PostgreSQL.

For each database the script

1. creates a fresh FAZHI_HOME (and, for PostgreSQL, a throw-away cluster on 127.0.0.1 in a
   temporary directory, started as scripts/test starts it and stopped whatever happens),
   runs ``fazhi migrate``, then times ``fazhi demo`` as a user runs it (wall clock of the
   command, start-up included);
2. in a second process on the loaded database: checks every seed figure through the
   indicator registry, times ``ledger.verify()``, and times the case list of the demo user
   ``leader`` (负责人 of 区行政执法局, data scope 本部门及以下): the scoped ``Case`` list
   (``enforcement.queries.cases``) newest first, the first page of 50, the next page by key
   set (received_on, id), page 101 by key set, and the count; median and p95 of ``--repeat``
   runs after warm-up, with the number of SQL queries per page and the query plan;
3. with ``--phases`` (the default), loads the demo once more into another fresh database in
   one process to split the enforcement step into its phases.

Usage: python benchmarks/enforcement/bench.py [--no-pg] [--no-sqlite] [--no-phases]
       [--repeat 30] [--pg-fast] [--write]
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import platform
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pgcluster import Postgres

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SEED = {
    "ENF-BUREAU-CASES": "8130起",
    "ENF-BUREAU-FINES": "259万余元",
    "ENF-ENV-PERSON-TIMES": "121947人次",
    "ENF-ENV-JOINT-OPS": "1202次",
    "ENF-ENV-CASES": "5810起",
    "ENF-ENV-FINES": "767.8821万元",
    "ENF-MARKET-RECTIFICATIONS": "22个方面",
    "ENF-MARKET-RECT-OPS": "310次",
    "ENF-FOOD-DRUG-CASES": "295起",
    "ENF-MARKET-SAMPLES": "13051批次",
    "ENF-GRID-RECEIVED": "74669条",
    "ENF-GRID-SUPERVISED": "5000余条",
    "ENF-SAFETY-INSPECTIONS": "8132家",
    "ENF-SAFETY-FINES": "533.03万元",
    "ENF-HEALTH-VERIFIED": "260家",
    "ENF-HEALTH-CASES": "80起",
    "ENF-HEALTH-FINES": "25.35万元",
}


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# -- the runs ------------------------------------------------------------------------------------


def fazhi(env: dict[str, str], *args: str) -> float:
    """Run the ``fazhi`` command; its wall time in seconds."""
    return fazhi_timed(env, *args)[0]


def fazhi_timed(env: dict[str, str], *args: str) -> tuple[float, float]:
    """Run the ``fazhi`` command; its wall time and the CPU time (user + system) it used, in
    seconds — on a shared machine the CPU time says more than the wall clock."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "fazhi.cli", *args], env=env, capture_output=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if res.returncode != 0:
        raise RuntimeError(f"fazhi {' '.join(args)}: {res.stderr.decode()[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def child(env: dict[str, str], mode: str, repeat: int) -> dict:
    res = subprocess.run(
        [sys.executable, __file__, f"--child={mode}", f"--repeat={repeat}"],
        env=env,
        capture_output=True,
    )
    if res.returncode != 0:
        raise RuntimeError(res.stderr.decode()[-3000:])
    return json.loads(res.stdout.decode().strip().splitlines()[-1])


def environment(home: Path, url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAZHI_")}
    env.update(FAZHI_HOME=str(home), DJANGO_SETTINGS_MODULE="fazhi.settings")
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    if url:
        env["FAZHI_DATABASE_URL"] = url
    return env


def bench_db(label: str, make_url, args) -> dict:
    out: dict = {"db": label}
    home = Path(tempfile.mkdtemp(prefix="fazhi-enf-bench."))
    try:
        env = environment(home, make_url("demo"))
        out["migrate_s"] = fazhi(env, "migrate")
        log(f"{label}: fazhi demo …")
        out["demo_s"], out["demo_cpu_s"] = fazhi_timed(env, "demo")
        log(f"{label}: fazhi demo took {out['demo_s']:.1f} s; measuring the loaded year …")
        out.update(child(env, "inspect", args.repeat))
        if args.phases:
            home2 = Path(tempfile.mkdtemp(prefix="fazhi-enf-bench."))
            try:
                env2 = environment(home2, make_url("phases"))
                fazhi(env2, "migrate")
                log(f"{label}: phases …")
                out["phases"] = child(env2, "phases", args.repeat)
            finally:
                shutil.rmtree(home2, ignore_errors=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return out


# -- inside the loaded database ------------------------------------------------------------------


def _setup() -> None:
    import django

    django.setup()


def _ms(samples: list[float]) -> dict:
    s = sorted(samples)
    return {
        "median_ms": round(statistics.median(s) * 1000, 2),
        "p95_ms": round(s[max(0, int(len(s) * 0.95) - 1)] * 1000, 2),
    }


def _timed(fn, repeat: int) -> tuple[object, dict, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        fn()
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - t)
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return result, _ms(samples), len(ctx.captured_queries)


def run_inspect(repeat: int) -> dict:
    _setup()
    from django.db import connection
    from django.test import RequestFactory

    from fazhi.core import indicators, ledger
    from fazhi.core.models import LedgerEvent, User
    from fazhi.enforcement import queries
    from fazhi.ui.paging import keyset

    out: dict = {}
    t = time.perf_counter()
    figures = {c: indicators.evaluate(c, year=2019).text for c in SEED}
    out["seed_figures_s"] = round(time.perf_counter() - t, 3)
    out["seed_mismatches"] = {c: v for c, v in figures.items() if v != SEED[c]}
    t = time.perf_counter()
    every = [c for c in indicators.REGISTRY if c.startswith("ENF-")]
    for c in every:
        indicators.evaluate(c, year=2019)
    out["all_enf_indicators"] = len(every)
    out["all_enf_indicators_s"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    result = ledger.verify()
    out["verify_s"] = round(time.perf_counter() - t, 2)
    out["verify_ok"] = result.ok
    out["events"] = LedgerEvent.objects.count()

    leader = User.objects.get(username="leader")
    rf = RequestFactory()

    def shown(rows):
        return [  # what the list shows: one query for the page, no N+1
            (r.number, r.title, r.body.org.name, r.field.name, r.item and r.item.name) for r in rows
        ]

    # (a) the case list page as the view pages it: fazhi.ui.paging.keyset, key id, newest first
    def view_page(after=None):
        req = rf.get("/", {"after": after} if after else {})
        page = keyset(queries.cases(leader), req, key="id")
        shown(page.rows)
        return page

    # (b) newest by date received: key (received_on, id), written so that an index range on
    # received_on can start at the key (received_on <= d, minus the ties already shown)
    def by_date():
        return queries.cases(leader).order_by("-received_on", "-id")

    def date_page(last=None):
        qs = by_date()
        if last is not None:
            qs = qs.filter(received_on__lte=last.received_on).exclude(
                received_on=last.received_on, id__gte=last.id
            )
        rows = list(qs[:50])
        shown(rows)
        return rows

    lists: dict = {}
    first, t1, q1 = _timed(view_page, repeat)
    _p, t2, _q = _timed(lambda: view_page(first.next_after), repeat)
    cur = first
    for _ in range(99):
        cur = view_page(cur.next_after)
    deep = cur.next_after
    _p, t3, _q = _timed(lambda: view_page(deep), repeat)
    lists["by id (the case list view)"] = {"first": t1, "next": t2, "page_101": t3, "queries": q1}
    rows, t1, q1 = _timed(date_page, repeat)
    _p, t2, _q = _timed(lambda: date_page(rows[-1]), repeat)
    cur = rows
    for _ in range(99):
        cur = date_page(cur[-1])
    last = cur[-1]
    _p, t3, _q = _timed(lambda: date_page(last), repeat)
    lists["by date received, id"] = {"first": t1, "next": t2, "page_101": t3, "queries": q1}
    out["lists"] = lists
    n, out["count"], out["count_queries"] = _timed(lambda: queries.cases(leader).count(), repeat)
    out["visible_cases"] = n
    out["plan_first_page"] = queries.cases(leader).order_by("-id")[:50].explain()
    out["plan_date_page"] = by_date()[:50].explain()
    if connection.vendor == "sqlite":
        path = Path(connection.settings_dict["NAME"])
        out["db_size_mb"] = round(path.stat().st_size / 2**20, 1)
    else:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_database_size(current_database())")
            out["db_size_mb"] = round(cur.fetchone()[0] / 2**20, 1)
    return out


def run_phases(repeat: int) -> dict:
    _setup()
    from fazhi.core import demo as core_demo
    from fazhi.enforcement import demo as enf_demo

    timings: dict = {}

    def timed(name, fn):
        def run():
            t = time.perf_counter()
            fn()
            timings[name] = round(time.perf_counter() - t, 3)

        return run

    for i, (name, fn) in enumerate(core_demo._steps):
        if name == "行政执法（2019年度）":
            core_demo._steps[i] = (name, lambda: enf_demo.load(timings=timings))
        elif name.startswith(("行政执法", "年度执法")):
            core_demo._steps[i] = (name, timed(f"step: {name}", fn))
    t = time.perf_counter()
    core_demo.load()
    timings["whole demo.load() (s)"] = round(time.perf_counter() - t, 2)
    return timings


# -- the report ----------------------------------------------------------------------------------


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def report(results: list[dict], args, pg_version: str, started: float) -> str:
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [
        "# Enforcement demo year and case list — results",
        "",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"- Machine: {os.cpu_count()} cores ({cpu_model()}), {platform.system()} "
        f"{platform.release()}; load average at the end {load} (1/5/15 min; the machine is "
        "shared with other jobs)",
        f"- Versions: CPython {platform.python_version()}, Django {version('Django')}, "
        f"SQLite {sqlite3.sqlite_version}, PostgreSQL {pg_version or '—'}, "
        f"psycopg {version('psycopg')}, numpy {version('numpy')}",
        f"- PostgreSQL settings: {'scripts/test (fsync off)' if args.pg_fast else 'durable defaults'}",
        f"- Whole run: {time.perf_counter() - started:.0f} s",
        "",
        "## `fazhi demo` (fresh database, after `fazhi migrate`)",
        "",
        "| database | `fazhi demo` wall (s) | its CPU (s) | rows written by the enforcement "
        "step | ledger events | `ledger.verify()` (s) | database size (MB) | seed figures |",
        "|---|--:|--:|--:|--:|--:|--:|---|",
    ]
    for r in results:
        rows = r.get("phases", {}).get("rows", "—")
        rows = f"{rows:,}" if isinstance(rows, int) else rows
        ok = "all 17 exact" if not r["seed_mismatches"] else f"MISMATCH {r['seed_mismatches']}"
        lines.append(
            f"| {r['db']} | {r['demo_s']:.1f} | {r['demo_cpu_s']:.1f} | {rows} | {r['events']:,} "
            f"| {r['verify_s']} | {r['db_size_mb']} | {ok} |"
        )
    phased = [r for r in results if "phases" in r]
    if phased:
        names = [k for k in phased[0]["phases"] if k not in ("rows",)]
        lines += [
            "",
            "Phases of the enforcement step (a second load, in one process; seconds):",
            "",
            "| phase | " + " | ".join(r["db"] for r in phased) + " |",
            "|---|" + "--:|" * len(phased),
        ]
        for k in names:
            lines.append(
                f"| {k} | " + " | ".join(str(r["phases"].get(k, "")) for r in phased) + " |"
            )
    lines += [
        "",
        "## Case list of 区行政执法局's leader, whole year loaded",
        "",
        "Scoped `Case` list (`enforcement.queries.cases(leader)`), pages of 50 by key set, "
        "newest first: (a) as the case list view pages it (`fazhi.ui.paging.keyset`, key "
        "`id`), (b) by date received (key `received_on, id`). Median / p95 (ms) of "
        f"{args.repeat} runs after 3 warm-ups; each page includes reading what the list shows "
        "(number, title, body, field, item); page 101 is reached by walking 100 pages.",
        "",
        "| database | list order | visible cases | first page (ms) | next page (ms) "
        "| page 101 (ms) | count (ms) | SQL per page |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        for name, t in r["lists"].items():
            lines.append(
                f"| {r['db']} | {name} | {r['visible_cases']:,} | {t['first']['median_ms']} / "
                f"{t['first']['p95_ms']} | {t['next']['median_ms']} / {t['next']['p95_ms']} "
                f"| {t['page_101']['median_ms']} / {t['page_101']['p95_ms']} "
                f"| {r['count']['median_ms']} / {r['count']['p95_ms']} | {t['queries']} |"
            )
    lines += ["", "All `ENF-*` indicators for 2019, evaluated one after another:", ""]
    for r in results:
        lines.append(
            f"- {r['db']}: {r['all_enf_indicators']} indicators in {r['all_enf_indicators_s']} s "
            f"(the 17 seed figures: {r['seed_figures_s']} s)"
        )
    lines += ["", "## Query plans (first page)", ""]
    for r in results:
        lines += [f"{r['db']}, by id:", "", "```", r["plan_first_page"].strip(), "```", ""]
        lines += [f"{r['db']}, by date received:", "", "```", r["plan_date_page"].strip(), "```"]
        lines.append("")
    lines += ["Re-run: `python benchmarks/enforcement/bench.py --write` (see README.md).", ""]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--no-phases", dest="phases", action="store_false")
    ap.add_argument("--pg-fast", action="store_true", help="fsync off, as scripts/test")
    ap.add_argument("--write", action="store_true", help="write results.md")
    args = ap.parse_args()
    if args.child == "inspect":
        print(json.dumps(run_inspect(args.repeat), ensure_ascii=False))
        return 0
    if args.child == "phases":
        print(json.dumps(run_phases(args.repeat), ensure_ascii=False))
        return 0

    started = time.perf_counter()
    results: list[dict] = []
    pg_version = ""
    if not args.no_sqlite:
        results.append(bench_db("SQLite", lambda name: None, args))
    if not args.no_pg:
        pg = Postgres("fazhi-pg-enf.")
        atexit.register(pg.stop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: sys.exit(130))
        try:
            log(f"starting PostgreSQL on 127.0.0.1:{pg.port} in {pg.dir}")
            pg.start(args.pg_fast)
            pg_version = pg.version()
            results.append(bench_db("PostgreSQL", pg.createdb, args))
        finally:
            pg.stop()
    text = report(results, args, pg_version, started)
    print(text)
    if args.write:
        (HERE / "results.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
