"""Government services with the demo year loaded: the demo step's time, and four pages each
against the framework floor measured in the same run — on SQLite and on PostgreSQL.

For each database the script creates a fresh FAZHI_HOME (and, for PostgreSQL, a throw-away
cluster on 127.0.0.1, ``benchmarks/pgcluster.py``), runs ``fazhi migrate``, then in one
process loads the kernel's demo district and times the services step by phase (the
enforcement year is not loaded: it is not needed for these pages and has its own benchmark).
Then, in the same process, through Django's request handler (the test client: the same
middleware, templates and database work as a served request, without the network):

* ``floor-constant`` — a view that returns a constant (middleware and URL resolution only);
* ``floor-one-row`` — a view that reads one row through the ORM and renders a small template;
* ``floor-layout`` — the workspace's empty layout for the signed-in clerk and supervisor (the
  sidebar, the menus and the kernel's to-do count that every staff page carries);
* ``clerk list`` — the demo clerk's application list (区行政审批服务局, 本部门), first page and
  a page by key set;
* ``overdue`` — the supervisor's overdue view (全部), first page;
* ``status`` — the public status lookup (POST, number + check code; the rate limiter off);
* ``guide`` — a public service guide.

Each is run ``--repeat`` times after warm-up: median and p95 in milliseconds, SQL statements
per request, and the ratio to the one-row floor (the goal: within 2× of it) and, for staff
pages, to the same user's layout floor (what the page adds to what every staff page costs).

Usage: python benchmarks/govservices/bench.py [--no-pg] [--no-sqlite] [--repeat 30] [--write]
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import platform
import shutil
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


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def run_db(label: str, database_url: str | None, repeat: int) -> dict:
    home = tempfile.mkdtemp(prefix="fazhi-gs-bench.")
    env = {**os.environ, "FAZHI_HOME": home, "DJANGO_SETTINGS_MODULE": "fazhi.settings"}
    if database_url:
        env["FAZHI_DATABASE_URL"] = database_url
    try:
        subprocess.run(
            [sys.executable, "-m", "fazhi.cli", "migrate"], env=env, check=True, capture_output=True
        )
        out = subprocess.run(
            [sys.executable, __file__, "--inner", "--repeat", str(repeat)],
            env=env,
            capture_output=True,
        )
        if out.returncode != 0:
            raise RuntimeError(out.stderr.decode()[-3000:])
        result = json.loads(out.stdout.decode().strip().splitlines()[-1])
        result["database"] = label
        return result
    finally:
        shutil.rmtree(home, ignore_errors=True)


# -- inside the benchmark process ---------------------------------------------------------------


def inner(repeat: int) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.http import HttpResponse
    from django.shortcuts import render
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import include, path

    from fazhi.core import demo as core_demo
    from fazhi.core.models import Organisation, User
    from fazhi.core.tests.signin import sign_in
    from fazhi.govservices import demo as gs_demo
    from fazhi.govservices import portal as gs_portal
    from fazhi.govservices.models import Application, AppStatus

    steps = list(core_demo._steps)
    core_demo._steps[:] = []
    t0 = time.perf_counter()
    core_demo.load()
    kernel = time.perf_counter() - t0
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    gs_demo.load(timings=timings)
    step = time.perf_counter() - t0
    core_demo._steps[:] = steps

    def constant(request):
        return HttpResponse("ok")

    def one_row(request):
        org = Organisation.objects.order_by("pk").first()
        return render(request, "portal/busy.html", {"org": org})

    def layout(request):
        # the workspace's layout and nothing in it: the sidebar, the to-do count, the menus
        return render(request, "web/base.html", {})

    urls = type(sys)("bench_urls")
    urls.urlpatterns = [
        path("floor/constant/", constant),
        path("floor/one-row/", one_row),
        path("floor/layout/", layout),
        path("", include(settings.ROOT_URLCONF)),
    ]
    sys.modules["bench_urls"] = urls
    gs_portal.limited = lambda request: False  # measure the lookup, not 429s

    app = Application.objects.filter(status=AppStatus.CLOSED).order_by("pk").first()
    clerk_page = list(
        Application.objects.filter(org__short_name="区行政审批服务局")
        .order_by("-id")
        .values_list("id", flat=True)[:51]
    )
    cases = {
        "floor-constant": ("get", "/floor/constant/", None, None),
        "floor-one-row": ("get", "/floor/one-row/", None, None),
        "floor-layout, clerk": ("get", "/floor/layout/", "clerk", None),
        "floor-layout, supervisor": ("get", "/floor/layout/", "supervisor", None),
        "clerk list, first page": ("get", "/workspace/govservices/applications/", "clerk", None),
        "clerk list, next page": (
            "get",
            f"/workspace/govservices/applications/?after={clerk_page[-1]}",
            "clerk",
            None,
        ),
        "overdue, first page": (
            "get",
            "/workspace/govservices/supervision/?card=red",
            "supervisor",
            None,
        ),
        "status lookup": (
            "post",
            "/govservices/status/",
            None,
            {"number": app.number, "code": app.check_code},
        ),
        "guide": ("get", f"/govservices/items/{app.item_id}/", None, None),
    }
    rows = []
    plain = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(ROOT_URLCONF="bench_urls", DEBUG=False, STORAGES=plain):
        for name, (method, url, user, data) in cases.items():
            client = Client()
            if user:
                sign_in(client, User.objects.get(username=user), core_demo.DEMO_PASSWORD)
            call = (
                (lambda c=client, u=url: c.get(u))
                if method == "get"
                else (lambda c=client, u=url, d=data: c.post(u, d))
            )
            for _ in range(3):
                resp = call()
                assert resp.status_code == 200, (name, resp.status_code)
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                call()
                times.append((time.perf_counter() - t) * 1000)
            with CaptureQueriesContext(connection) as q:
                call()
            times.sort()
            rows.append(
                {
                    "page": name,
                    "median_ms": round(statistics.median(times), 2),
                    "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
                    "sql": len(q.captured_queries),
                    "user": user,
                }
            )
    floor = next(r for r in rows if r["page"] == "floor-one-row")["median_ms"]
    layout_of = {
        u: next(r for r in rows if r["page"] == f"floor-layout, {u}")["median_ms"]
        for u in ("clerk", "supervisor")
    }
    for r in rows:
        r["x_floor"] = round(r["median_ms"] / floor, 2)
        user = r.pop("user")
        r["x_layout"] = round(r["median_ms"] / layout_of[user], 2) if user else None
    return {
        "kernel_demo_s": round(kernel, 1),
        "step_s": round(step, 1),
        "phases": timings,
        "applications": Application.objects.count(),
        "pages": rows,
    }


def table(results: list[dict]) -> str:
    out = []
    for r in results:
        out.append(f"### {r['database']}\n")
        out.append(
            f"Demo step 政务服务（2019年度）: **{r['step_s']} s** ({r['applications']:,} applications; "
            f"kernel demo before it {r['kernel_demo_s']} s). Phases: "
            + ", ".join(f"{k} {v}" for k, v in r["phases"].items() if k != "rows")
            + f"; {r['phases'].get('rows', 0):,} rows in the bulk write.\n"
        )
        out.append(
            "| page | median ms | p95 ms | SQL | × one-row floor | × layout floor |\n"
            "|---|---|---|---|---|---|"
        )
        for p in r["pages"]:
            out.append(
                f"| {p['page']} | {p['median_ms']} | {p['p95_ms']} | {p['sql']} | {p['x_floor']} "
                f"| {p['x_layout'] if p['x_layout'] is not None else '—'} |"
            )
        out.append("")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--inner", action="store_true")
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    if args.inner:
        print(json.dumps(inner(args.repeat)))
        return 0
    results = []
    if not args.no_sqlite:
        log("SQLite")
        results.append(run_db("SQLite", None, args.repeat))
    if not args.no_pg:
        pg = Postgres("fazhi-pg-gs.")
        atexit.register(pg.stop)
        pg.start(False)
        log(f"PostgreSQL {pg.version()} on 127.0.0.1:{pg.port}")
        try:
            results.append(run_db(f"PostgreSQL {pg.version()}", pg.createdb("fazhi"), args.repeat))
        finally:
            pg.stop()
    text = (
        f"Machine: {platform.platform()}, Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}.\n\n"
        + table(results)
    )
    print(text)
    if args.write:
        (HERE / "results.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
