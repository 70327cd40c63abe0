"""The only place fazhi reads the wall clock, so tests and demo data can move it.

Use ``now()`` and ``today()`` everywhere; the project lint refuses ``datetime.now()`` and
``date.today()`` outside this module.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from django.core.exceptions import ImproperlyConfigured

_frozen: dt.datetime | None = None
CHINA = ZoneInfo("Asia/Shanghai")


def now() -> dt.datetime:
    """Aware current time (or the frozen time set by ``frozen``).

    Works without Django settings too (pure modules such as ``identity`` call it)."""
    if _frozen is not None:
        return _frozen
    return dt.datetime.now(tz=dt.UTC)


def today() -> dt.date:
    """Today's date in the configured time zone (Asia/Shanghai by default)."""
    return now().astimezone(_zone()).date()


def _zone() -> dt.tzinfo:
    try:
        from django.conf import settings

        return ZoneInfo(settings.TIME_ZONE)
    except (ImproperlyConfigured, ImportError):
        return CHINA


@contextlib.contextmanager
def frozen(at: dt.datetime) -> Iterator[None]:
    """Freeze the clock at ``at`` (aware) for the duration of the block."""
    global _frozen
    previous, _frozen = _frozen, at
    try:
        yield
    finally:
        _frozen = previous
