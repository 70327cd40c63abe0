"""State verification: does every tracked record still read what the ledger says it was?

The hash chain proves the *events* were not touched. A business row changed behind the
ledger's back — ``UPDATE enforcement_decision SET fine = 1`` — leaves the chain intact. So each
event carries the state of the records it changed (``ledger.record(..., also=…)`` and the
subject; ``data["_state"]``), and ``verify_state()`` compares every tracked row today with the
state its last event recorded, naming the record and the fields that differ.

A model is tracked when it declares ``LEDGER_STATE_FIELDS`` (the fields whose values are
legally relevant: numbers, dates, amounts, status). Every write of such a record must be
followed, in the same transaction, by an event carrying its state — which services do by
recording the event after saving.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models

from . import cryptofield
from .ledger import _state_columns, state_from
from .models import LedgerEvent


@dataclass(frozen=True)
class StateProblem:
    key: str  # app.model:pk
    label: str  # the record's name
    problem: str
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # name: (ledger, now)

    def line(self) -> str:
        diffs = "；".join(f"{k}：台账为 {a!r}，现为 {b!r}" for k, (a, b) in self.fields.items())
        return f"{self.key} {self.label}：{self.problem}" + (f"（{diffs}）" if diffs else "")


def tracked_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if getattr(m, "LEDGER_STATE_FIELDS", None)]


def recorded_states(batch: int = 5000) -> dict[str, dict[str, Any]]:
    """The last recorded state of every tracked record, walking the events in order."""
    last: dict[str, dict[str, Any]] = {}
    qs = (
        LedgerEvent.objects.filter(data__has_key="_state")
        .order_by("seq")
        .values_list("seq", "data")
    )
    after = 0
    while True:
        chunk = list(qs.filter(seq__gt=after)[:batch])
        if not chunk:
            return last
        for seq, data in chunk:
            last.update(data["_state"])
            after = seq


def _same(recorded: Any, now: Any) -> bool:
    """Equal — or an event written before encryption at rest recorded the plaintext of a
    field that is now recorded by its digest (old events are never rewritten)."""
    if recorded == now:
        return True
    return (
        isinstance(now, str)
        and now.startswith("h1:")
        and isinstance(recorded, str)
        and cryptofield.digest(recorded) == now
    )


def verify_state() -> tuple[int, list[StateProblem]]:
    """Compare every tracked record with its last recorded state. Returns (checked, problems)."""
    recorded = recorded_states()
    problems: list[StateProblem] = []
    checked = 0
    for model in tracked_models():
        # the state columns as rows (``state_from``), not model instances: ≈230,000 records
        # in the demo year; an instance is built only to name a record that differs
        label = model._meta.label_lower
        attnames = [attname for _name, attname, _places in _state_columns(model)]
        manager = model._default_manager
        rows = manager.values_list(model._meta.pk.attname, *attnames).iterator(chunk_size=2000)
        for pk, *values in rows:
            checked += 1
            key = f"{label}:{pk}"
            snap = recorded.get(key)
            if snap is None:
                name = str(manager.get(pk=pk))[:80]
                problems.append(StateProblem(key, name, "全过程记录中没有该记录的状态"))
                continue
            now = state_from(model, dict(zip(attnames, values, strict=True)).__getitem__)
            diff = {k: (snap.get(k), v) for k, v in now.items() if not _same(snap.get(k), v)}
            if diff:
                name = str(manager.get(pk=pk))[:80]
                problems.append(
                    StateProblem(key, name, "记录与全过程记录不一致（被绕过系统修改）", diff)
                )
    return checked, problems
