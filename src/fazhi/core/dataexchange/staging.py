"""What an import run changes while it runs: which run the current thread writes for.

An import commits its rows in bounded batches (so no other writer waits for a whole file),
yet users never see half an import. Two things make that so:

- **hidden rows** — a model that imports can create mixes in ``Importable``
  (``core/models/dataexchange.py``): a row saved while a run is active carries that run, and
  the model's default manager hides rows of runs that are not finished from everyone but the
  run itself, until the run is published (one ``UPDATE … SET import_run = NULL`` per model)
  or withdrawn (the rows are deleted);
- **events recorded last** — while a run is active, ``ledger.record`` stages the event it
  would append (``StagedEvent``) instead of taking the chain head; publishing appends the
  staged events in order, in the same transaction that makes the rows visible. A withdrawn
  run leaves nothing in the ledger.

This module only holds the context; it imports no model, so the models can import it.
"""

from __future__ import annotations

import contextvars
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class _Writing:
    run_id: int
    numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))


_run: contextvars.ContextVar[_Writing | None] = contextvars.ContextVar(
    "fazhi_import_run", default=None
)


def current_run_id() -> int | None:
    """The import run the current thread writes for, if any."""
    w = _run.get()
    return w.run_id if w else None


def next_event_number() -> int:
    w = _run.get()
    if not (w is not None):
        raise RuntimeError("no import run is active")
    return next(w.numbers)


@contextmanager
def writing_for(run_id: int, first_number: int = 1) -> Iterator[None]:
    """Rows saved and events recorded in this block belong to the run ``run_id``."""
    token = _run.set(_Writing(run_id, itertools.count(first_number)))
    try:
        yield
    finally:
        _run.reset(token)


@contextmanager
def outside() -> Iterator[None]:
    """Read in this block as a request outside any import run does: a run's rows not yet
    published are hidden (the staff pages of a run read its rows inside it)."""
    token = _run.set(None)
    try:
        yield
    finally:
        _run.reset(token)
