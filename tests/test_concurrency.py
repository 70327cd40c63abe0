"""Concurrency, bounded (issue 20, item 8): 200 attempts at the same payment and at the same
transition on one enforcement case, from several writers at once (threads, each on its own
database connection: 8 on PostgreSQL, 4 on SQLite, where they queue for the one write
lock). Nothing is lost, nothing is done twice, every refusal is a clear message, and the
ledger verifies afterwards. The figures are in docs/security.md.

Not here (docs/security.md says so): writers in separate processes, and ``kill -9`` of a
writer in the middle of an import.
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
