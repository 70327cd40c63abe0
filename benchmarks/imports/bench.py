"""Imports: how fast and how big a 100,000-row import is, against a plain openpyxl read +
bulk_create floor in the same run; and how long another writer waits during a 10,000-row
import when the import commits in batches versus in one transaction — SQLite and PostgreSQL.

For each database the script

1. makes a fresh FAZHI_HOME (PostgreSQL: a throw-away cluster, ``benchmarks/pgcluster.py``),
   runs ``fazhi migrate`` and ``fazhi demo`` (the imports land in a loaded district);
2. **import** — writes an .xlsx of ``--rows`` inspections of the demo bureau and runs
   ``fazhi import inspections FILE --user leader`` in its own process: wall time, rows/s,
   peak memory of the importing process and of the reading child (``ru_maxrss``);
3. **floor** — the same file read with openpyxl (read-only mode, row by row) and written
   with ``Inspection.objects.bulk_create`` in batches of 1,000 inside one transaction: no
   checks, no services, no ledger — what the database and the reader cost alone;
4. **wait** — a second process appends a ledger event (a service-sized write: the database
   write lock and the chain head) every 50 ms while a ``--wait-rows`` import runs: with this
   tree's importer (batches of ``IMPORT_BATCH_ROWS``), and, with ``--before REV``, with the
   importer of revision REV (its ``src`` unpacked by ``git archive`` into a temporary
   directory, its own freshly migrated demo database: every row in one transaction); per
   importer: the writer's longest wait, p50/p99, and writes that failed
   (``database is locked``).

Usage: python benchmarks/imports/bench.py [--rows 100000] [--wait-rows 10000] [--no-pg]
       [--no-sqlite] [--before REV] [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
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
BODY = "长沙市芙蓉区行政执法局"
HEADERS = ["执法主体", "被检查单位", "统一社会信用代码", "检查日期", "检查结果", "发现的问题"]


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def environment(home: Path, url: str | None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAZHI_")}
    env.update(FAZHI_HOME=str(home), DJANGO_SETTINGS_MODULE="fazhi.settings", **extra)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    if url:
        env["FAZHI_DATABASE_URL"] = url
    return env


def fazhi(env: dict[str, str], *args: str) -> float:
    t = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "fazhi.cli", *args], env=env, capture_output=True)
    if res.returncode != 0:
        raise RuntimeError(f"fazhi {' '.join(args)}: {res.stderr.decode()[-3000:]}")
    return time.perf_counter() - t


def child(env: dict[str, str], *args: str) -> dict:
    res = subprocess.run([sys.executable, __file__, *args], env=env, capture_output=True)
    if res.returncode != 0:
        raise RuntimeError(res.stderr.decode()[-3000:])
    return json.loads(res.stdout.decode().strip().splitlines()[-1])


def make_file(path: Path, rows: int, prefix: str) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = book.add_worksheet()
    ws.write_row(0, 0, HEADERS)
    for r in range(1, rows + 1):
        ws.write_row(
            r,
            0,
            [BODY, f"{prefix}{r}号", "", f"2019-{r % 12 + 1:02d}-{r % 28 + 1:02d}", "未发现问题"],
        )
    book.close()


# -- inside one database ------------------------------------------------------------------------


def _setup() -> None:
    import django

    django.setup()


def run_import(path: str) -> dict:
    """``fazhi import`` in this process, as a user runs it; peak memory of this process and
    of the reading child."""
    _setup()
    from fazhi.cli import main
    from fazhi.enforcement.models import Inspection

    before = Inspection.objects.count()
    t = time.perf_counter()
    code = main(["import", "inspections", path, "--user", "leader"])
    seconds = time.perf_counter() - t
    added = Inspection.objects.count() - before
    return {
        "exit": code,
        "rows": added,
        "seconds": round(seconds, 1),
        "rows_per_s": round(added / seconds, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "reader_peak_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


def run_floor(path: str) -> dict:
    """openpyxl (read-only) + bulk_create, one transaction, no checks, no ledger."""
    _setup()
    import openpyxl
    from django.db import transaction

    from fazhi.enforcement.models import EnforcementBody, Inspection

    body = EnforcementBody.objects.get(org__name=BODY)
    t = time.perf_counter()
    book = openpyxl.load_workbook(path, read_only=True)
    rows = book.worksheets[0].iter_rows(min_row=2, values_only=True)
    n = 0
    with transaction.atomic():
        batch = []
        for _body, unit, code, day, _result, *_rest in rows:
            batch.append(
                Inspection(
                    body=body,
                    unit_name=f"floor-{unit}",
                    unit_credit_code=code or "",
                    inspected_on=day,
                    result="clean",
                )
            )
            if len(batch) >= 1000:
                Inspection.objects.bulk_create(batch)
                n += len(batch)
                batch = []
        Inspection.objects.bulk_create(batch)
        n += len(batch)
    seconds = time.perf_counter() - t
    return {
        "rows": n,
        "seconds": round(seconds, 1),
        "rows_per_s": round(n / seconds, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def run_writer(stop_file: str, out_file: str) -> None:
    """Append one ledger event every 50 ms until ``stop_file`` exists; record each wait."""
    _setup()
    from django.db import transaction

    from fazhi.core import ledger
    from fazhi.core.ledger import SystemActor

    actor = SystemActor("benchmark writer")
    waits, errors = [], []
    while not os.path.exists(stop_file):
        t = time.perf_counter()
        try:
            with transaction.atomic():
                ledger.record(actor=actor, action="demo.load", data={"bench": "writer"})
            waits.append(time.perf_counter() - t)
        except Exception as exc:  # the finding: a writer refused while an import holds the lock
            errors.append(f"{exc.__class__.__name__}: {exc}"[:120])
            waits.append(time.perf_counter() - t)
        time.sleep(0.05)
    Path(out_file).write_text(json.dumps({"waits": waits, "errors": errors}))


def run_wait(path: str, mode: str) -> dict:
    """One import of ``path`` while a writer process writes; the writer's waits. ``before``
    runs the importer of the revision given to ``--before`` (this process then imports that
    revision's code): all rows in one transaction."""
    _setup()
    from fazhi.core.models import User

    tmp = Path(tempfile.mkdtemp(prefix="fazhi-wait."))
    stop, out = tmp / "stop", tmp / "out.json"
    writer = subprocess.Popen(
        [sys.executable, __file__, "--child=writer", str(stop), str(out)], env=os.environ.copy()
    )
    time.sleep(5)  # the writer's Django start-up
    leader = User.objects.get(username="leader")
    data = Path(path).read_bytes()
    t = time.perf_counter()
    if mode == "before":
        from fazhi.enforcement import imports

        result = imports.run(actor=leader, kind="inspections", data=data, filename="wait.xlsx")
        rows, batch = len(result.created), "whole file"
    else:
        from django.conf import settings

        from fazhi.core.dataexchange import runner

        result = runner.run("inspections", actor=leader, data=data, filename="wait.xlsx")
        rows, batch = result.added, settings.IMPORT_BATCH_ROWS
    seconds = time.perf_counter() - t
    time.sleep(1)
    stop.write_text("stop")
    writer.wait(timeout=120)
    found = json.loads(out.read_text())
    shutil.rmtree(tmp, ignore_errors=True)
    waits = sorted(found["waits"])
    return {
        "mode": mode,
        "batch_rows": batch,
        "import_ok": result.ok,
        "import_rows": rows,
        "import_s": round(seconds, 1),
        "writes": len(waits),
        "failed_writes": len(found["errors"]),
        "errors": sorted(set(found["errors"]))[:3],
        "wait_p50_ms": round(statistics.median(waits) * 1000, 1) if waits else None,
        "wait_p99_ms": round(waits[max(0, int(len(waits) * 0.99) - 1)] * 1000, 1)
        if waits
        else None,
        "wait_max_s": round(waits[-1], 2) if waits else None,
    }


# -- one database, all parts --------------------------------------------------------------------


def old_source(rev: str) -> Path:
    """The ``src`` tree of revision ``rev`` in a temporary directory (git archive)."""
    where = Path(tempfile.mkdtemp(prefix="fazhi-before."))
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "src"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(where)], input=archive, check=True)
    return where / "src"


def bench_db(label: str, make_url, args, before_src: Path | None) -> dict:
    out: dict = {"db": label}
    home = Path(tempfile.mkdtemp(prefix="fazhi-import-bench."))
    try:
        env = environment(home, make_url("imports"))
        fazhi(env, "migrate")
        log(f"{label}: fazhi demo …")
        out["demo_s"] = round(fazhi(env, "demo"), 1)
        big = home / "big.xlsx"
        make_file(big, args.rows, "芙蓉区测试商户")
        out["file_mb"] = round(big.stat().st_size / 1e6, 1)
        log(f"{label}: importing {args.rows} rows …")
        out["import"] = child(env, "--child=import", str(big))
        log(f"{label}: floor …")
        out["floor"] = child(env, "--child=floor", str(big))
        small = home / "wait.xlsx"
        make_file(small, args.wait_rows, "并发测试商户")
        log(f"{label}: the writer's wait, batches …")
        out["wait"] = [child(env, "--child=wait", str(small), "batches")]
        if before_src is not None:
            home2 = Path(tempfile.mkdtemp(prefix="fazhi-import-bench."))
            try:
                env2 = environment(home2, make_url("before"))
                env2["PYTHONPATH"] = str(before_src) + os.pathsep + env2["PYTHONPATH"]
                fazhi(env2, "migrate")
                log(f"{label}: fazhi demo (before) …")
                fazhi(env2, "demo")
                log(f"{label}: the writer's wait, before ({args.before}) …")
                out["wait"].insert(0, child(env2, "--child=wait", str(small), "before"))
            finally:
                shutil.rmtree(home2, ignore_errors=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return out


def machine() -> dict:
    return {
        "date": time.strftime("%Y-%m-%d"),
        "cpus": os.cpu_count(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "django": metadata.version("django"),
        "python-calamine": metadata.version("python-calamine"),
        "openpyxl": metadata.version("openpyxl"),
    }


def report(results: list[dict], info: dict, args) -> str:
    lines = [
        "# Imports: 100,000 rows, and another writer's wait",
        "",
        f"Date: {info['date']}. Machine: {info['cpus']} CPUs, load average {info['load']} at the "
        f"end. Python {info['python']}, Django {info['django']}, python-calamine "
        f"{info['python-calamine']}, openpyxl {info['openpyxl']}. Rows: {args.rows:,} "
        f"(file {results[0].get('file_mb', '?')} MB); wait test: {args.wait_rows:,} rows.",
        "",
        "| database | path | rows | seconds | rows/s | peak memory (MB) | reader child (MB) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        i, f = r["import"], r["floor"]
        lines.append(
            f"| {r['db']} | `fazhi import` (checks, services, ledger, batches) | {i['rows']:,} "
            f"| {i['seconds']} | {i['rows_per_s']} | {i['peak_mb']} | {i['reader_peak_mb']} |"
        )
        lines.append(
            f"| {r['db']} | floor: openpyxl read-only + bulk_create | {f['rows']:,} "
            f"| {f['seconds']} | {f['rows_per_s']} | {f['peak_mb']} | — |"
        )
    lines += [
        "",
        "| database | import commits | import (s) | writer's writes | failed | p50 (ms) | "
        "p99 (ms) | longest wait (s) |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for w in r["wait"]:
            lines.append(
                f"| {r['db']} | {w['mode']} ({w['batch_rows']}) | {w['import_s']} | "
                f"{w['writes']} | {w['failed_writes']} | {w['wait_p50_ms']} | "
                f"{w['wait_p99_ms']} | {w['wait_max_s']} |"
            )
            if w["errors"]:
                lines.append(f"|  | errors: {'; '.join(w['errors'])} | | | | | | |")
    return "\n".join(lines) + "\n"


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--wait-rows", type=int, default=10_000)
    p.add_argument("--no-pg", action="store_true")
    p.add_argument("--no-sqlite", action="store_true")
    p.add_argument("--write", action="store_true")
    p.add_argument("--before", default="", help="revision whose importer is 'before' (git)")
    p.add_argument("--child")
    args, rest = p.parse_known_args()
    if args.child == "import":
        print(json.dumps(run_import(rest[0])))
        return 0
    if args.child == "floor":
        print(json.dumps(run_floor(rest[0])))
        return 0
    if args.child == "writer":
        run_writer(rest[0], rest[1])
        return 0
    if args.child == "wait":
        print(json.dumps(run_wait(rest[0], rest[1])))
        return 0
    results = []
    before_src = old_source(args.before) if args.before else None
    try:
        if not args.no_sqlite:
            results.append(bench_db("SQLite", lambda name: None, args, before_src))
        if not args.no_pg:
            pg = Postgres()
            try:
                pg.start(fast=False)
                results.append(
                    bench_db(f"PostgreSQL {pg.version()}", pg.createdb, args, before_src)
                )
            finally:
                pg.stop()
    finally:
        if before_src is not None:
            shutil.rmtree(before_src.parent, ignore_errors=True)
    text = report(results, machine(), args)
    print(text)
    print(json.dumps(results, ensure_ascii=False), file=sys.stderr)
    if args.write:
        (HERE / "results.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
