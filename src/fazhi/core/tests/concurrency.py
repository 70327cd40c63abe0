"""Racing a service against itself: the test helper of every "two at once" test.

``race(fn)`` runs ``fn`` in several threads that start together (a barrier), each on its own
database connection, and returns what each got — the result or the exception. Use it in a
``django_db(transaction=True)`` test, so the threads see what the test set up and each
other's commits. On PostgreSQL the writers really overlap (read committed: a check-then-create
without a lock lets two through, and the second insert fails on the unique constraint); on
SQLite ``transaction_mode=IMMEDIATE`` queues them, so the same test checks that the queue
gives the same answers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, connections

TIMEOUT = 60  # seconds: a thread that hangs fails the test, never the run


@dataclass(frozen=True)
class Outcome:
    value: Any = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def message(self) -> str:
        """The refusal as staff see it (a ValidationError's messages, an InvalidTransition's
        message), or the exception's repr for anything else."""
        exc = self.error
        if exc is None:
            return ""
        if hasattr(exc, "messages"):
            return "；".join(exc.messages)
        return getattr(exc, "message", None) or repr(exc)


def workers() -> int:
    """8 writers on PostgreSQL; 4 on SQLite, where they queue for one write lock."""
    return 8 if connection.vendor == "postgresql" else 4


def race(fn: Callable[[int], Any], n: int | None = None) -> list[Outcome]:
    """Call ``fn(i)`` for i in 0..n-1, all at once; the outcomes in order."""
    n = n or workers()
    barrier = threading.Barrier(n)
    out: list[Outcome | None] = [None] * n

    def work(i: int) -> None:
        try:
            barrier.wait(TIMEOUT)
            out[i] = Outcome(value=fn(i))
        except BaseException as exc:  # reported to the test, whatever it is
            out[i] = Outcome(error=exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIMEOUT)
    assert all(not t.is_alive() for t in threads), "a racing writer did not finish"
    return [o for o in out if o is not None]


def refusals(outcomes: list[Outcome]) -> list[str]:
    """The messages of the calls that did not succeed."""
    return [o.message for o in outcomes if not o.ok]
