"""The state one load of the demo year shares, and the helpers every part uses: the random
sources (fixed seeds), the calendar, number series continued exactly as the services
continue them, the kernel's deadline computation, the bulk loader, and the two ways a
record's history is written — a step's ledger event and a clock started and stopped.

A step's event is the event the service of that step writes (``matter.transition`` with the
table's label as ``step`` for a status move, or the module's own action), with the business
date as ``on`` in its data. What the service records in further events of the same act — the
number issued, the clock started or stopped — goes into the step's data (``number``,
``clock``, ``stopped``), so a case's timeline reads step by step and stays one event per
step; the ``Clock`` rows themselves are written as the services write them.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

import numpy as np
from django.conf import settings
from django.utils import translation

from fazhi.core import demo as core_demo
from fazhi.core import numbering
from fazhi.core import rules as core_rules
from fazhi.core.bulk import BulkLoader
from fazhi.core.calendar import get_calendar
from fazhi.core.clock import CHINA
from fazhi.core.models import Clock, IssuedNumber, NumberSeries, Organisation, OrgKind, User
from fazhi.core.workflow import MATTER_TRANSITION

from .names import Names

YEAR = 2019
ACTOR = core_demo.ACTOR
JAN1, DEC31 = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)


class Year:
    """One load of the demo year: what the parts share."""

    def __init__(self) -> None:
        self.rng = np.random.default_rng(YEAR)
        self.py = random.Random(YEAR)  # nosec B311 — seeded demo data, not a secret
        self.names = Names(YEAR)
        self.cal = get_calendar()
        days = np.arange(np.datetime64(f"{YEAR}-01-01"), np.datetime64(f"{YEAR + 1}-01-01"))
        self.days = days
        self.workdays = days[self.cal.is_workday_vec(days)]
        orgs = Organisation.objects.all()
        self.orgs = {o.short_name: o for o in orgs if o.short_name}
        self.org_by_id = {o.pk: o for o in orgs}
        self.streets = list(
            Organisation.objects.filter(kind=OrgKind.STREET).order_by("sort_order", "pk")
        )
        self.users = {u.username: u for u in User.objects.all()}
        self._deadlines: dict[tuple[str, dt.date], tuple[int, int, dt.date]] = {}
        self._rules: dict[str, tuple[Any, list[Any]]] = {}
        self._specs: dict[int, Any] = {}
        self.number_values: dict[tuple[int, str, int], int] = defaultdict(int)
        self.series: dict[tuple[int, str, int], NumberSeries] = {}
        self.loader: BulkLoader
        self._labels: dict[tuple[type, str, str], str] = {}

    # -- random helpers -------------------------------------------------------------------

    def pick(self, weights: dict[str, float], n: int) -> list[str]:
        keys = list(weights)
        p = np.array([weights[k] for k in keys], dtype=float)
        return [keys[i] for i in self.rng.choice(len(keys), size=n, p=p / p.sum())]

    def wd_add(self, dates: np.ndarray, n: Any) -> np.ndarray:
        n = np.broadcast_to(np.asarray(n, dtype=np.int64), dates.shape)
        return self.cal.add_workdays_vec(dates, n)

    def wd(self, lo: int, hi: int, size: int) -> np.ndarray:
        return self.rng.integers(lo, hi + 1, size=size)

    def workdays_between(self, a: dt.date, b: dt.date, size: int) -> np.ndarray:
        pool = self.workdays[
            (self.workdays >= np.datetime64(a)) & (self.workdays <= np.datetime64(b))
        ]
        if not len(pool):
            pool = self.cal.add_workdays_vec(np.array([np.datetime64(a)]), np.array([1]))
        return np.sort(self.rng.choice(pool, size=size))

    def at(self, day: dt.date, hour: int = 10) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=CHINA)

    # -- numbers and deadlines ------------------------------------------------------------

    def next_number(
        self,
        org: Organisation,
        kind: str,
        year: int,
        prefix: str,
        pattern: str = "{prefix}〔{year}〕{n}号",
    ):
        """The next number of the series the service would use (same org, kind, year,
        prefix and pattern), so the live services continue it without a gap."""
        key = (org.pk, kind, year)
        if key not in self.series:
            self.series[key] = numbering.series_get_or_create(
                actor=ACTOR, org=org, kind=kind, year=year, prefix=prefix, pattern=pattern
            )
            self.number_values[key] = self.series[key].last_value
        s = self.series[key]
        self.number_values[key] += 1
        n = self.number_values[key]
        return s, n, s.pattern.format(prefix=s.prefix, year=s.year, n=n)

    def issued(self, series, value, text, day, subject_type, subject_id) -> None:
        self.loader.add(
            IssuedNumber,
            series_id=series.pk,
            value=value,
            text=text,
            subject_type=subject_type,
            subject_id=str(subject_id),
            issued_at=self.at(day),
            issued_by_id=None,
        )

    def finish_numbers(self) -> None:
        """The series now stand at the last number the bulk path issued."""
        for key, series in self.series.items():
            NumberSeries.objects.filter(pk=series.pk).update(last_value=self.number_values[key])

    def deadline(self, code: str, start: dt.date) -> tuple[int, int, dt.date]:
        """(rule id, version id, due date) of a clock of rule ``code`` started on ``start`` —
        the kernel's own computation (``core.rules.compute``: the version in force that day,
        ``due_or_provisional``), with the rules read once and the result cached per day."""
        key = (code, start)
        hit = self._deadlines.get(key)
        if hit is None:
            rule, versions = self._rule(code)
            version = next(
                v
                for v in versions
                if v.valid_from <= start and (v.valid_to is None or v.valid_to >= start)
            )
            spec = self._specs.get(version.pk)
            if spec is None:
                spec = self._specs[version.pk] = core_rules.spec_of(version)
            due, _guessed = core_rules.due_or_provisional(self.cal, spec, start)
            hit = self._deadlines[key] = (rule.pk, version.pk, due.due)
        return hit

    def _rule(self, code: str):
        """A rule and its versions, newest first (``core.rules.version_on``'s order), read
        once per load."""
        hit = self._rules.get(code)
        if hit is None:
            rule = core_rules.resolve(code)
            hit = self._rules[code] = (rule, list(rule.versions.order_by("-valid_from")))
        return hit

    # -- history: clocks and step events --------------------------------------------------

    def clock(
        self,
        *,
        subject_type: str,
        subject_id: int,
        subject_label: str,
        org_id: int,
        code: str,
        label: str,
        start: dt.date,
        stop: dt.date | None,
        party: bool = False,
    ) -> dict[str, Any]:
        """A clock as ``core.clocks.start`` writes it (and ``stop`` stops it); returns what
        the step's event records of it."""
        rule_id, version_id, due = self.deadline(code, start)
        self.loader.add(
            Clock,
            subject_type=subject_type,
            subject_id=str(subject_id),
            subject_label=subject_label[:300],
            org_id=org_id,
            handler_id=None,
            rule_id=rule_id,
            version_id=version_id,
            label=label,
            started_on=start,
            due_on=due,
            stopped_on=stop,
            paused=False,
            party=party,
        )
        out: dict[str, Any] = {"rule": code, "label": label, "start": _iso(start), "due": _iso(due)}
        if party:
            out["party"] = True
        return out

    def step_label(self, model: type, frm: str, to: str) -> str:
        """The table's name for a move (``Transition.label``), as ``transition()`` writes it
        into the event's ``step``, in the installation's language."""
        key = (model, frm, to)
        label = self._labels.get(key)
        if label is None:
            t = model.TRANSITIONS[frm][to]
            with translation.override(settings.LANGUAGE_CODE):
                label = str(t.label)
            self._labels[key] = label
        return label

    def event(
        self,
        subject: tuple[str, int, str, Organisation],
        action: str,
        data: dict[str, Any],
    ) -> None:
        """One step's ledger event about ``subject`` (type, id, label, org)."""
        stype, sid, label, org = subject
        self.loader.event(
            subject_type=stype,
            subject_id=sid,
            subject_label=label,
            org_id=org.pk,
            org_name=org.name,
            data=data,
            action=action,
            plain=True,
        )

    def move(
        self,
        subject: tuple[str, int, str, Organisation],
        model: type,
        frm: str,
        to: str,
        on: dt.date | None,
        **data: Any,
    ) -> None:
        """A status move's event, as ``core.workflow.transition`` writes it."""
        self.event(
            subject,
            MATTER_TRANSITION,
            {
                "from": frm,
                "to": to,
                "step": self.step_label(model, frm, to),
                "on": _iso(on),
                "reason": data.pop("reason", ""),
                **{k: v for k, v in data.items() if v is not None},
            },
        )


def _d(arr: np.ndarray) -> list[dt.date]:
    return arr.astype("datetime64[D]").astype(object).tolist()


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
