"""Business dates: the date an act happened, as the record will state it.

A matter's dates go into official documents and the public record (立案日期, 决定日期,
送达日期 …), so they must make sense: never after today, and never before the step they
follow. Each workflow declares its dated steps in order, next to its transition table
(``Model.DATED_STEPS``); ``check()`` refuses a date that breaks the order, naming both dates
in plain words ("立案日期2026年11月1日早于收到线索日期2026年12月1日。"), and nothing changes.

A step names the attribute path where its date lives on the matter (``registered_on``,
``decision__decided_on``). Steps that did not happen (no hearing, say) are skipped: a date
must not precede any *earlier* step that has a date.

Numbers take their year from the business date (芙执案〔2019〕12号), so the date is checked
before a number is issued.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from . import clock


@dataclass(frozen=True)
class DatedStep:
    """One dated step of a workflow: its key, its name in messages, where its date lives."""

    key: str
    label: str | Promise
    path: str


def fmt(day: dt.date) -> str:
    """A date in a message, in the user's language: 2026年12月1日 / 1 December 2026."""
    from django.utils.translation import get_language

    if (get_language() or "").startswith("en"):
        return f"{day.day} {day:%B} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def value_at(obj: Any, path: str) -> dt.date | None:
    """The date at ``path`` (``a__b``) on ``obj``, or None where a link is missing."""
    value = obj
    for part in path.split("__"):
        try:
            value = getattr(value, part, None)
        except ObjectDoesNotExist:
            return None
        if value is None:
            return None
    return value if isinstance(value, dt.date) else None


def not_future(label: str | Promise, day: dt.date | None) -> str | None:
    """The message for a date after today, or None."""
    if day is None:
        return _("请填写%(l)s。") % {"l": label}
    today = clock.today()
    if day > today:
        return _("%(l)s%(d)s晚于今天（%(t)s），业务日期不能是将来的日期。") % {
            "l": label,
            "d": fmt(day),
            "t": fmt(today),
        }
    return None


def not_before(
    label: str | Promise, day: dt.date, other_label: str | Promise, other: dt.date | None
) -> str | None:
    """The message for ``day`` earlier than ``other`` (the step it follows), or None."""
    if other is not None and day < other:
        return _("%(l)s%(d)s早于%(ol)s%(od)s。") % {
            "l": label,
            "d": fmt(day),
            "ol": other_label,
            "od": fmt(other),
        }
    return None


def step_of(steps: Iterable[DatedStep], key: str) -> DatedStep:
    for s in steps:
        if s.key == key:
            return s
    raise KeyError(key)


def problem(matter: Any, key: str, day: dt.date | None) -> str | None:
    """Why ``day`` cannot be the date of step ``key`` of ``matter``, or None.

    The step's own current value is ignored (re-dating a step is checked like a first
    dating); later steps are not consulted — a step is dated when it happens."""
    steps = list(getattr(type(matter), "DATED_STEPS", ()))
    step = step_of(steps, key)
    msg = not_future(step.label, day)
    if msg or day is None:
        return msg
    for earlier in steps[: steps.index(step)]:
        msg = not_before(step.label, day, earlier.label, value_at(matter, earlier.path))
        if msg:
            return msg
    return None


def check(matter: Any, key: str, day: dt.date | None) -> dt.date:
    """``problem()`` as a ``ValidationError``; returns the date when it is valid."""
    msg = problem(matter, key, day)
    if msg:
        raise ValidationError(msg)
    assert day is not None
    return day


def check_new(label: str | Promise, day: dt.date | None, *after: tuple[Any, dt.date | None]):
    """For a record that is not a matter's step (a piece of evidence, a payment, a
    hearing record): not after today, and not before each ``(label, date)`` in ``after``."""
    msg = not_future(label, day)
    if msg:
        raise ValidationError(msg)
    assert day is not None
    for other_label, other in after:
        msg = not_before(label, day, other_label, other)
        if msg:
            raise ValidationError(msg)
    return day
