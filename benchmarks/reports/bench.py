"""The annual report on the demo year: how long composing the 2019 district report takes
(every registered part, every indicator over the whole year's records), and writing it as
DOCX (GB/T 9704) and HTML — the issue's goal is the whole report under 2 s.

The script makes a fresh FAZHI_HOME on SQLite, runs ``fazhi migrate`` and ``fazhi demo``
(which generates, signs and publishes the 2019 report), then in this process times, after
one warm-up, ``--repeat`` runs of: ``compose.compose`` (the figures), ``docx.render`` and
the HTML of ``fazhi report`` (``commands.html``); median and max, and the SQL queries of
one composition.

Usage: python benchmarks/reports/bench.py [--repeat 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    home = tempfile.mkdtemp(prefix="fazhi-bench-reports-")
    env = {**os.environ, "FAZHI_HOME": home, "DJANGO_SETTINGS_MODULE": "fazhi.settings"}
    for cmd in (["migrate"], ["demo"]):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "fazhi.cli", *cmd], env=env, check=True, capture_output=True
        )
        print(f"fazhi {' '.join(cmd)}: {time.perf_counter() - t:.1f} s", flush=True)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.reports import commands, compose, docx
    from fazhi.reports.models import AnnualReport

    r = AnnualReport.objects.get(org__name="长沙市芙蓉区人民政府", year=2019)
    with CaptureQueriesContext(connection) as q:
        compose.compose(r.org, 2019)
    times: dict[str, list[float]] = {"compose": [], "docx": [], "html": [], "whole": []}
    for _ in range(args.repeat + 1):
        t0 = time.perf_counter()
        compose.compose(r.org, 2019)
        t1 = time.perf_counter()
        docx.render(r)
        t2 = time.perf_counter()
        commands.html(r)
        t3 = time.perf_counter()
        for k, v in (
            ("compose", t1 - t0),
            ("docx", t2 - t1),
            ("html", t3 - t2),
            ("whole", t3 - t0),
        ):
            times[k].append(v)
    for k, v in times.items():
        v = v[1:]  # after the warm-up
        print(f"{k}: median {statistics.median(v) * 1000:.0f} ms, max {max(v) * 1000:.0f} ms")
    print(f"SQL queries per composition: {len(q.captured_queries)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
