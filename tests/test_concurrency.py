"""Concurrency, bounded (issue 20, item 8): 200 attempts at the same payment and at the same
transition on one enforcement case, from several writers at once (threads, each on its own
database connection: 8 on PostgreSQL, 4 on SQLite, where they queue for the one write
lock). Nothing is lost, nothing is done twice, every refusal is a clear message, and the
ledger verifies afterwards. And a writer killed with ``kill -9`` in the middle of its
transaction leaves nothing behind and the chain whole. The figures are in docs/security.md.

The same races from 8 operating-system processes, and ``kill -9`` at 10 points of a large
``fazhi import``, are in tests/test_processes.py.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import ledger
from fazhi.core.models import LedgerEvent, Role
from fazhi.core.tests.concurrency import Outcome, race, workers
from fazhi.core.workflow import InvalidTransition
from fazhi.enforcement import actions
from fazhi.enforcement.models import Case, Payment
from fazhi.enforcement.services import decisions
from fazhi.enforcement.tests.matrixworld import EnforcementWorld

pytestmark = pytest.mark.django_db(transaction=True)
D = dt.date
ATTEMPTS = 200
BUDGET = 120  # seconds for the 200 attempts; a hang fails the test, never the run


@pytest.fixture
def w(settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path / "att"
    return EnforcementWorld.create()


def hammer(attempt) -> tuple[list[Outcome], float]:
    """``ATTEMPTS`` calls of ``attempt()``, shared out over ``workers()`` threads that start
    together; every outcome (a refusal is an outcome, not an error of the test)."""
    n = workers()
    share = [ATTEMPTS // n + (1 if i < ATTEMPTS % n else 0) for i in range(n)]

    def run(i: int) -> list[Outcome]:
        out = []
        for _ in range(share[i]):
            try:
                out.append(Outcome(value=attempt()))
            except (ValidationError, InvalidTransition) as exc:
                out.append(Outcome(error=exc))
        return out

    start = time.monotonic()
    results = race(run, n=n)
    elapsed = time.monotonic() - start
    assert [r.error for r in results] == [None] * n  # no thread died of anything else
    return [o for r in results for o in r.value], elapsed


def test_200_payments_of_one_yuan_on_a_fine_of_150(w):
    case = w.case("served")
    d = case.decision
    clerk = w.actor(Role.CLERK)
    events = LedgerEvent.objects.count()

    def pay():
        return decisions.pay(
            actor=clerk,
            case=Case.objects.get(pk=case.pk),
            on=D(2024, 3, 25),
            amount=Decimal(1),
            receipt="R",
        )

    out, elapsed = hammer(pay)
    assert len(out) == ATTEMPTS and elapsed < BUDGET
    refused = [o.message for o in out if not o.ok]
    assert sum(o.ok for o in out) == 150
    assert refused == [f"决定书 {d.number} 的罚没款已缴清，不能重复缴纳。"] * 50
    assert Payment.objects.filter(decision=d).count() == 150
    assert sum(p.amount for p in Payment.objects.filter(decision=d)) == Decimal(150)
    paid = LedgerEvent.objects.filter(action=actions.PAYMENT, seq__gt=events)
    assert paid.count() == 150
    result = ledger.verify()
    assert result.ok, result.problem
    print(f"\n200 payments: {workers()} writers, {elapsed:.1f} s")


def test_200_attempts_at_the_same_transition(w):
    case = w.case("served")
    officer = w.actor(Role.OFFICER)
    events = LedgerEvent.objects.count()

    def execute():
        return decisions.execute(
            actor=officer, case=Case.objects.get(pk=case.pk), on=D(2024, 4, 10), version=None
        )

    out, elapsed = hammer(execute)
    assert len(out) == ATTEMPTS and elapsed < BUDGET
    assert sum(o.ok for o in out) == 1
    assert [o.message for o in out if not o.ok] == ["该事项已经是“执行中”，无需重复办理。"] * 199
    case.refresh_from_db()
    assert (case.status, case.version) == ("executing", Case.objects.get(pk=case.pk).version)
    assert LedgerEvent.objects.filter(seq__gt=events).count() == 1
    result = ledger.verify()
    assert result.ok, result.problem
    print(f"\n200 transitions: {workers()} writers, {elapsed:.1f} s")


# --- kill -9 in the middle of a transaction ---------------------------------------------------

WRITER = """
import sys
import django

django.setup()
from django.db import transaction

from fazhi.core import services
from fazhi.core.ledger import SystemActor

actor = SystemActor("中断测试")
with transaction.atomic():
    for i in range(100000):
        services.org_create(actor=actor, name=f"中断测试机构{i}", kind="bureau")
        if i == int(sys.argv[1]):
            print("writing", flush=True)
"""
KILL_AFTER = (1, 40, 250)  # organisations (each with its ledger event) written before the kill


def _database_url() -> str:
    import os

    from django.db import connection

    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    return f"{os.environ['FAZHI_DATABASE_URL'].rsplit('/', 1)[0]}/{name}"


def test_a_writer_killed_mid_transaction_leaves_nothing_and_the_ledger_whole():
    """A writer appends organisations (and their ledger events) in one transaction and is
    killed with SIGKILL after 1, 40 and 250 of them: each time 0 organisations and 0 ledger
    events of it remain, the chain verifies, and the next writer writes."""
    import os
    import signal
    import subprocess
    import sys

    from fazhi.core.models import Organisation
    from fazhi.core.tests.factories import org

    env = {**os.environ, "FAZHI_DATABASE_URL": _database_url()}
    env.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    timings = []
    for after in KILL_AFTER:
        events = LedgerEvent.objects.count()
        start = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(after)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            line = child.stdout.readline()  # blocks until the writer is in the middle
            assert line == "writing\n", child.stderr.read()
            os.kill(child.pid, signal.SIGKILL)
            child.wait(BUDGET)
        finally:
            if child.poll() is None:
                child.kill()
        assert child.returncode == -signal.SIGKILL
        timings.append(time.monotonic() - start)
        assert Organisation.objects.filter(name__startswith="中断测试机构").count() == 0
        assert LedgerEvent.objects.count() == events
        result = ledger.verify()
        assert result.ok, result.problem
        org(f"中断之后{after}")  # the next writer is not blocked by a lock the dead one held
        assert LedgerEvent.objects.count() == events + 1
    assert ledger.verify().ok
    print(f"\nkill -9 after {KILL_AFTER}: " + ", ".join(f"{t:.1f} s" for t in timings))
