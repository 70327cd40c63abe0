"""Creating a record that must be unique, when two people do it at the same moment.

A service checks first (``exists()``) so the usual case gets its message at once; two
writers on PostgreSQL can still both pass the check before either commits, and the second
insert then fails on the database's unique constraint. ``conflict_as`` turns that
``IntegrityError`` into the same clear message — never a 500 — and, because it wraps the
insert in a savepoint, leaves the caller's transaction usable. Where a parent row exists,
a service locks it instead (``select_for_update``) so the second writer waits and then sees
the first one's record; see ``docs/new-domain.md`` (Races).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


@contextmanager
def conflict_as(message: Any) -> Iterator[None]:
    """Run the block in a savepoint; a unique-constraint conflict becomes
    ``ValidationError(message)`` (a string, a list or a dict keyed by field)."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise ValidationError(message) from None
