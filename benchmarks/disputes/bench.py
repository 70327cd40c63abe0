"""The disputes demo step and the lists it fills: how long the step takes, whether every seed
figure of 一(七) comes out exact, and how fast the pages that read the year are — on SQLite
and on PostgreSQL.

For each database the script starts a child process on a fresh FAZHI_HOME (and, for
PostgreSQL, a throw-away cluster on 127.0.0.1, as scripts/test starts it), which

1. migrates, loads the kernel's district and then only the disputes step
   (``fazhi.disputes.demo.load``), timing each phase;
2. checks the 14 seed figures through the indicator registry and times all ``DIS-*``
   indicators for 2019, ``ledger.verify()`` and ``ledgerstate.verify_state()``;
3. times, median / p95 of ``--repeat`` runs after warm-up, with the SQL queries of each:
   the supervisor's dispute list (everything: scope 全部) first page and page 41 by key set,
   the 定王台 mediator's list (scope 本部门), the reviewer's to-do (``todo.waiting_for``),
   the reconsideration case page's data (clocks, timeline, documents) and the year's hot
   spots.

There is no floor in issue 17; the comparison is the enforcement step (same kernel, same
bulk path) in docs/benchmarks.md.

Usage: python benchmarks/disputes/bench.py [--no-pg] [--no-sqlite] [--repeat 20] [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pgcluster import Postgres

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SEED = {
    "DIS-FY-ACCEPTED": "115件",
    "DIS-YS-LAWSUITS": "173件",
    "DIS-YS-RECONSIDERATIONS": "44件",
    "DIS-TJ-SETTLED": "3611件",
    "DIS-TJ-AMOUNT": "6309.11万元",
    "DIS-TJ-MAJOR": "88件",
    "DIS-TJ-MAJOR-PERFORMED": "88件",
    "DIS-XF-BACKLOG": "10件",
    "DIS-XF-BACKLOG-PERSONS": "11人",
    "DIS-XF-DISPUTES": "75起",
    "DIS-XF-PROV-ITEMS": "54件",
    "DIS-XF-PROV-BATCHES": "4批",
    "DIS-XF-CENTRAL-ITEMS": "143件",
    "DIS-XF-CENTRAL-BATCHES": "35批",
}


def _ms(samples: list[float]) -> str:
    s = sorted(samples)
    p95 = s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]
    return f"{statistics.median(s) * 1000:.2f} / {p95 * 1000:.2f}"


def child(repeat: int) -> dict:
    """Runs in the child process, on the database of its environment."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from fazhi.core import demo as core_demo
    from fazhi.core import ledger, ledgerstate, todo
    from fazhi.core.indicators import REGISTRY, evaluate
    from fazhi.core.models import LedgerEvent, User
    from fazhi.disputes import crossref, queries
    from fazhi.disputes import demo as disputes_demo
    from fazhi.disputes.views.common import clock_rows
    from fazhi.ui.paging import Page

    call_command("migrate", verbosity=0)
    out: dict = {"vendor": connection.vendor}
    t0 = time.perf_counter()
    orgs = core_demo.load_orgs()
    core_demo.load_users(orgs)
    out["kernel"] = round(time.perf_counter() - t0, 2)
    timings: dict = {}
    t0 = time.perf_counter()
    disputes_demo.load(timings=timings)
    out["step"] = round(time.perf_counter() - t0, 2)
    out["phases"] = timings
    out["events"] = LedgerEvent.objects.count()
    out["seed"] = {c: evaluate(c, year=2019).text for c in SEED}
    codes = sorted(c for c in REGISTRY if c.startswith("DIS-"))
    t0 = time.perf_counter()
    for c in codes:
        evaluate(c, year=2019)
    out["indicators"] = (len(codes), round(time.perf_counter() - t0, 3))
    t0 = time.perf_counter()
    assert ledger.verify().ok
    out["verify"] = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    checked, problems = ledgerstate.verify_state()
    out["verify_state"] = (checked, len(problems), round(time.perf_counter() - t0, 2))

    users = {u.username: u for u in User.objects.all()}

    def page_of(qs, after=None, size=50):
        if after is not None:
            qs = qs.filter(id__lt=after)
        rows = list(qs.order_by("-id")[: size + 1])
        return Page(rows=rows[:size], next_after=rows[size - 1].pk if len(rows) > size else None)

    def deep(qs, n):
        p = page_of(qs)
        for _i in range(n - 1):
            p = page_of(qs, p.next_after)
        return p

    case = queries.reconsiderations(users["reviewer"]).filter(status="closed").first()
    probes = {
        "supervisor: dispute list, first page": lambda: [
            (d.number, d.committee.name, d.street) for d in page_of(queries.disputes(users["supervisor"])).rows
        ],
        "supervisor: dispute list, page 41": lambda: deep(queries.disputes(users["supervisor"]), 41),
        "mediator: dispute list, first page": lambda: [
            (d.number, d.committee.name) for d in page_of(queries.disputes(users["mediator"])).rows
        ],
        "reviewer: to-do (waiting_for)": lambda: todo.waiting_for(users["reviewer"]),
        "leader: to-do (waiting_for)": lambda: todo.waiting_for(users["leader"]),
        "reconsideration page data": lambda: (
            clock_rows(case), list(ledger.timeline(case)), list(queries.documents(case))
        ),
        "hot spots 2019 (supervisor)": lambda: crossref.hot_spots(
            users["supervisor"], __import__("datetime").date(2019, 1, 1),
            __import__("datetime").date(2019, 12, 31), threshold=100,
        ),
    }  # fmt: skip
    out["probes"] = {}
    out["visible"] = {
        "supervisor disputes": queries.disputes(users["supervisor"]).count(),
        "mediator disputes": queries.disputes(users["mediator"]).count(),
    }
    for name, fn in probes.items():
        for _i in range(3):
            fn()
        samples = []
        connection.queries_log.clear()  # a full log (maxlen) would hide what is captured
        with CaptureQueriesContext(connection) as cq:
            fn()
        # captured_queries reads the log when asked: count now, before reset_queries() below
        n_queries = len(cq.captured_queries)
        for _i in range(repeat):
            reset_queries()
            t0 = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - t0)
        out["probes"][name] = (_ms(samples), n_queries)
    return out


def run(label: str, url: str | None, repeat: int) -> dict:
    home = tempfile.mkdtemp(prefix="fazhi-dis-bench.")
    env = {**os.environ, "FAZHI_HOME": home, "DJANGO_SETTINGS_MODULE": "fazhi.settings"}
    if url:
        env["FAZHI_DATABASE_URL"] = url
    t0 = time.perf_counter()
    res = subprocess.run(
        [sys.executable, __file__, "--child", "--repeat", str(repeat)],
        env=env, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    if res.returncode != 0:
        raise SystemExit(f"{label} failed:\n{res.stdout[-3000:]}{res.stderr[-3000:]}")
    out = json.loads(res.stdout.strip().splitlines()[-1])
    out["label"] = label
    out["wall"] = round(time.perf_counter() - t0, 1)
    return out


def report(results: list[dict], started: float) -> str:
    import django

    lines = [
        "## Disputes demo step and lists (`benchmarks/disputes/`)",
        "",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"- Machine: {os.cpu_count()} cores, {platform.platform()}; load average at the end "
        + " / ".join(f"{x:.2f}" for x in os.getloadavg())
        + " (shared with other jobs)",
        f"- Versions: CPython {platform.python_version()}, Django {django.get_version()}",
        f"- Whole run: {time.perf_counter() - started:.0f} s",
        "",
        "| database | disputes step (s) | kernel district (s) | rows | ledger events | "
        "`ledger.verify()` (s) | state check (records, s) | seed figures |",
        "|---|--:|--:|--:|--:|--:|--:|---|",
    ]
    for r in results:
        exact = sum(r["seed"][c] == t for c, t in SEED.items())
        lines.append(
            f"| {r['label']} | {r['step']} | {r['kernel']} | {r['phases']['rows']:,} | "
            f"{r['events']:,} | {r['verify']} | {r['verify_state'][0]:,}, "
            f"{r['verify_state'][2]} | {exact} of {len(SEED)} exact |"
        )
    lines += ["", "Phases of the step (s):", "", "| phase | " + " | ".join(r["label"] for r in results) + " |",
              "|---|" + "--:|" * len(results)]  # fmt: skip
    for phase in results[0]["phases"]:
        if phase != "rows":
            lines.append(
                f"| {phase} | " + " | ".join(str(r["phases"][phase]) for r in results) + " |"
            )
    lines += ["", "Reads on the loaded year, median / p95 (ms), SQL queries per call:", "",
              "| read | " + " | ".join(r["label"] for r in results) + " |",
              "|---|" + "--:|" * len(results)]  # fmt: skip
    for name in results[0]["probes"]:
        cells = [f"{r['probes'][name][0]} ({r['probes'][name][1]} q)" for r in results]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    for r in results:
        n, s = r["indicators"]
        lines.append("")
        lines.append(f"- {r['label']}: all {n} `DIS-*` indicators for 2019 in {s} s; visible "
                     f"disputes: supervisor {r['visible']['supervisor disputes']:,}, mediator "
                     f"{r['visible']['mediator disputes']:,}")  # fmt: skip
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child", action="store_true")
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT / "src"))
        print(json.dumps(child(args.repeat), ensure_ascii=False, default=str))
        return 0
    started = time.perf_counter()
    results = []
    if not args.no_sqlite:
        results.append(run("SQLite", None, args.repeat))
    if not args.no_pg:
        pg = Postgres()
        try:
            pg.start(fast=False)
            results.append(run("PostgreSQL", pg.createdb("fazhi"), args.repeat))
        finally:
            pg.stop()
    text = report(results, started)
    print(text)
    if args.write:
        (HERE / "results.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
