"""The 12345 hotline with its 2019 year loaded (SQLite): the body inbox and the agent's
intake form under 8 concurrent agents, each against a floor measured in the same run.

1. A fresh FAZHI_HOME: migrate, the demo organisations and logins, the hotline step (its
   CPU and wall time).
2. Inbox: ``hotline.queries.inbox`` as rendered (first 200 rows with body and category) for
   the office's agent and for the 区行政执法局 leader; floor: the same rows read unscoped
   (``Order.objects.filter(pk__in=…)`` with the same joins). Median / p95 of ``--repeat``.
3. Intake: 8 threads, each a signed-in agent with its own client and connection, POST the
   intake form ``--posts`` times (each takes an order through the services: number, ledger
   event); floor: the same 8 threads GET the sign-in page. Orders/s and p50/p99 latency.

Usage: python benchmarks/hotline/bench.py [--repeat 30] [--posts 25]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def _ms(xs):
    xs = sorted(xs)
    return f"{statistics.median(xs) * 1000:.2f} / {xs[int(len(xs) * 0.95) - 1] * 1000:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--posts", type=int, default=25)
    args = ap.parse_args()
    os.environ["FAZHI_HOME"] = tempfile.mkdtemp(prefix="hlbench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from fazhi.core import demo as core_demo
    from fazhi.core.models import Organisation, User
    from fazhi.hotline import demo, queries
    from fazhi.hotline.models import Category, Order

    setup_test_environment()
    # no collectstatic in the throw-away home: plain static storage, as the tests use
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    core_demo.load_users(core_demo.load_orgs())
    t, cpu = time.perf_counter(), time.process_time()
    demo.load()
    print(
        f"hotline step: {time.perf_counter() - t:.1f} s wall, {time.process_time() - cpu:.1f} s CPU"
    )
    print(f"orders: {Order.objects.count()}")

    for who in ("agent", "leader"):
        u = User.objects.get(username=who)
        scoped, floor = [], []
        for i in range(args.repeat + 3):
            t = time.perf_counter()
            rows = [(o.number, o.org.name, str(o.category)) for o in queries.inbox(u)[:200]]
            d1 = time.perf_counter() - t
            ids = [r[0] for r in rows]
            t = time.perf_counter()
            [
                (o.number, o.org.name, str(o.category))
                for o in Order.objects.select_related("org", "category").filter(number__in=ids)
            ]
            d2 = time.perf_counter() - t
            if i >= 3:
                scoped.append(d1)
                floor.append(d2)
        print(f"inbox {who}: {len(rows)} rows, scoped {_ms(scoped)} ms, floor {_ms(floor)} ms")

    connection.close()
    office = Organisation.objects.get(short_name="12345热线办")
    cat = Category.objects.get(code="HJ01")
    street = Organisation.objects.filter(kind="street").first()
    agents = []
    from fazhi.core.demo import ACTOR, DEMO_PASSWORD
    from fazhi.core.models import DataScope, Role
    from fazhi.core.services import membership_grant, user_create

    for n in range(8):
        u = user_create(
            actor=ACTOR,
            username=f"bench{n}",
            password=DEMO_PASSWORD,
            full_name=f"话务员{n}",
            primary_org=office,
        )
        membership_grant(actor=ACTOR, user=u, org=office, role=Role.CLERK, data_scope=DataScope.ORG)
        agents.append(u)

    def run(kind):
        lat, lock = [], threading.Lock()

        def worker(u):
            c = Client(REMOTE_ADDR=f"10.0.0.{u.pk % 250}")
            if kind == "intake":
                c.post("/workspace/login/", {"username": u.username, "password": DEMO_PASSWORD})
            for i in range(args.posts):
                t = time.perf_counter()
                if kind == "intake":
                    r = c.post(
                        "/workspace/hotline/intake/",
                        {
                            "caller_phone": "13807318826",
                            "kind": "complaint",
                            "category": cat.pk,
                            "street": street.pk,
                            "address": "五一大道18号",
                            "text": f"夜间施工噪声扰民 {u.pk}-{i}",
                        },
                    )
                    assert r.status_code == 302, r.status_code
                else:
                    assert c.get("/workspace/login/").status_code == 200
                with lock:
                    lat.append(time.perf_counter() - t)
            connection.close()

        ths = [threading.Thread(target=worker, args=(u,)) for u in agents]
        t = time.perf_counter()
        for th in ths:
            th.start()
        for th in ths:
            th.join()
        wall = time.perf_counter() - t
        lat.sort()
        print(
            f"{kind}: {len(lat)} requests in {wall:.1f} s = {len(lat) / wall:.1f}/s, "
            f"p50 {statistics.median(lat) * 1000:.0f} ms, p99 {lat[int(len(lat) * 0.99) - 1] * 1000:.0f} ms"
        )

    run("floor")
    run("intake")


if __name__ == "__main__":
    main()
