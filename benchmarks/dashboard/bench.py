"""The supervision dashboard on the demo year: the server time of its first paint (the whole
HTML page, tables and chart data, for the demo's rule-of-law office user, 全部 scope) — the
issue's goal is under 300 ms: today's clocks by card and the open matters by body and kind,
with the red-card chart's data — and, beside it, what the page fetches after its first paint
(the monthly trends, the rates and scores), the whole page as it is served without
JavaScript, one street's subtree and one Excel table.

The script makes a fresh FAZHI_HOME on SQLite, runs ``fazhi migrate`` and ``fazhi demo``
(or reuses ``--home`` where the demo is already loaded), collects the static files as
``fazhi serve`` does, signs the office user in through
the login page (Django's test client, the whole middleware stack), then times ``--repeat``
requests after one warm-up: median and max, and the SQL queries of one request.

Usage: python benchmarks/dashboard/bench.py [--repeat 10] [--home DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def timed(fn, repeat: int) -> tuple[float, float]:
    fn()  # warm-up
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs) * 1000, max(runs) * 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--home")
    ap.add_argument("--year", type=int, default=2019, help="the demo year")
    args = ap.parse_args()
    home = args.home or tempfile.mkdtemp(prefix="fazhi-bench-dashboard-")
    env = {**os.environ, "FAZHI_HOME": home, "DJANGO_SETTINGS_MODULE": "fazhi.settings"}
    if not args.home:
        for cmd in (["migrate"], ["demo"]):
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "fazhi.cli", *cmd], env=env, check=True, capture_output=True
            )
            print(f"fazhi {' '.join(cmd)}: {time.perf_counter() - t:.1f} s", flush=True)
    # as ``fazhi serve`` serves them: the hashed static files (the manifest the pages name)
    subprocess.run(
        [sys.executable, "-m", "django", "collectstatic", "--noinput", "-v0"], env=env, check=True
    )
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from fazhi.core.demo import DEMO_PASSWORD
    from fazhi.core.models import Clock, Organisation, OrgKind, User
    from fazhi.core.tests.signin import sign_in

    office = User.objects.get(username="supervisor")
    client = Client(HTTP_HOST="127.0.0.1")
    sign_in(client, office, DEMO_PASSWORD)
    street = Organisation.objects.filter(kind=OrgKind.STREET).order_by("path").first()
    url = "/workspace/reports/dashboard/"
    print(f"clocks in the database: {Clock.objects.count()}")

    def page(path: str):
        def get():
            resp = client.get(path)
            assert resp.status_code == 200, (path, resp.status_code)

        return get

    with CaptureQueriesContext(connection) as q:
        page(f"{url}?year={args.year}")()
    demo = f"?year={args.year}"
    rows = [
        (f"first paint, whole district ({args.year})", page(f"{url}{demo}")),
        (
            f"first paint, one street ({street.name})",
            page(f"{url}{demo}&org={street.pk}"),
        ),
        ("trends by month (fetched after the first paint)", page(f"{url}{demo}&part=trends")),
        ("rates and scores (fetched after the first paint)", page(f"{url}{demo}&part=rates")),
        ("whole page without JavaScript (full=1)", page(f"{url}{demo}&full=1")),
        ("one table as Excel (bodies)", page(f"{url}{demo}&export=bodies")),
    ]
    print(f"SQL queries of the first paint: {len(q.captured_queries)}")
    for name, fn in rows:
        med, worst = timed(fn, args.repeat)
        print(f"{name}: median {med:.0f} ms, max {worst:.0f} ms", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
