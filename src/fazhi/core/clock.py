"""The only place fazhi reads the wall clock, so tests and demo data can move it.

Use ``now()`` and ``today()`` everywhere; the project lint refuses ``datetime.now()`` and
``date.today()`` outside this module.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """Aware current time (or the frozen time set by ``frozen``)."""
    return _frozen if _frozen is not None else timezone.now()


def today() -> dt.date:
    """Today's date in the configured time zone (Asia/Shanghai)."""
    return timezone.localdate(now())


@contextlib.contextmanager
def frozen(at: dt.datetime) -> Iterator[None]:
    """Freeze the clock at ``at`` (aware) for the duration of the block."""
    global _frozen
    previous, _frozen = _frozen, at
    try:
        yield
    finally:
        _frozen = previous
