"""Where a page's time goes: SQL, templates, the rest (view, ORM, middleware), in one process.

Renders each page of ``bench.py`` ``--n`` times through Django's test client as its user,
against a database with the demo year loaded (``--home DIR``: an existing FAZHI_HOME;
without it the script makes one with ``fazhi migrate`` + ``fazhi demo``), and reports per
request: the wall time, the time inside SQL statements, the time inside template rendering
(without the SQL run lazily from templates), and the rest; then the functions with the
most own time under cProfile.

Usage: python benchmarks/pages/profile_pages.py [--home DIR] [--n 50] [--top 12] [PAGE ...]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench import PAGES, PASSWORD  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--home", help="FAZHI_HOME with the demo loaded (default: make one)")
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("pages", nargs="*", help="page names (default: all)")
    args = ap.parse_args()
    if args.home:
        os.environ["FAZHI_HOME"] = args.home
    else:
        os.environ["FAZHI_HOME"] = tempfile.mkdtemp(prefix="fazhi-profile.")
        for cmd in ("migrate", "demo"):
            subprocess.run(
                [sys.executable, "-m", "fazhi.cli", cmd], check=True, capture_output=True
            )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.template.backends.django import Template
    from django.test import Client

    settings.STORAGES = {  # no collectstatic needed
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    clock = {"sql": 0.0, "tpl": 0.0, "sql_in_tpl": 0.0, "depth": 0}

    def timed_sql(execute, sql, params, many, context):
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = time.perf_counter() - t
            clock["sql"] += took
            if clock["depth"]:
                clock["sql_in_tpl"] += took

    original_render = Template.render

    def timed_render(self, context=None, request=None):
        clock["depth"] += 1
        t = time.perf_counter()
        try:
            return original_render(self, context, request)
        finally:
            clock["depth"] -= 1
            if not clock["depth"]:
                clock["tpl"] += time.perf_counter() - t

    Template.render = timed_render
    clients: dict[str | None, Client] = {}
    print("| page | as | ms/request | SQL | templates | rest (view, ORM, middleware) |")
    print("|---|---|--:|--:|--:|--:|")
    profiles = []
    for name, user, path, _marker in PAGES:
        if args.pages and name not in args.pages:
            continue
        if user not in clients:
            c = clients[user] = Client()
            if user:
                r = c.post("/workspace/login/", {"username": user, "password": PASSWORD})
                assert r.status_code == 302, (user, r.status_code)
        c = clients[user]
        for _ in range(3):
            assert c.get(path).status_code == 200, path
        clock.update(sql=0.0, tpl=0.0, sql_in_tpl=0.0)
        with connection.execute_wrapper(timed_sql):
            t = time.perf_counter()
            for _ in range(args.n):
                c.get(path)
            wall = (time.perf_counter() - t) / args.n * 1000
        sql = clock["sql"] / args.n * 1000
        tpl = (clock["tpl"] - clock["sql_in_tpl"]) / args.n * 1000
        print(
            f"| `{path}` | {user or 'public'} | {wall:.1f} | {sql:.1f} | {tpl:.1f} "
            f"| {wall - sql - tpl:.1f} |"
        )
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(args.n):
            c.get(path)
        prof.disable()
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(args.top)
        profiles.append((path, out.getvalue()))
    for path, text in profiles:
        print(f"\n### {path} — own time under cProfile ({args.n} requests)\n")
        body = text[text.find("ncalls") :].rstrip()
        print("```\n" + body + "\n```")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
