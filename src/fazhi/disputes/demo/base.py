"""The bulk side of the demo year: one ``BulkLoader`` for every row, with helpers that write a
record the way its services would — its number from the office's series, its clocks with the
kernel's own due dates, one ledger event per step at its business date."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from fazhi.core import numbering
from fazhi.core import rules as core_rules
from fazhi.core.bulk import BulkLoader
from fazhi.core.calendar import get_calendar
from fazhi.core.clock import CHINA
from fazhi.core.demo import ACTOR
from fazhi.core.models import Clock, IssuedNumber, NumberSeries, Organisation

from .. import actions
from ..models import Document
from .names import Names

YEAR = 2019


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


class Year:
    """State shared by the demo's parts: randomness (fixed seeds), the calendar, the loader,
    the number series and the rule versions."""

    def __init__(self) -> None:
        self.r = random.Random(YEAR * 17)  # nosec B311 - seeded demo data, not a secret
        self.names = Names(YEAR)
        self.cal = get_calendar()
        self.loader = BulkLoader(actor_name=ACTOR.name, action=actions.DEMO)
        self.series: dict[tuple[int, str, int], NumberSeries] = {}
        self.values: dict[tuple[int, str, int], int] = defaultdict(int)
        #: series the bulk path creates (written with their last value and their event)
        self.new_series: dict[tuple[int, str, int], Organisation] = {}
        self.existing_series = {(s.org_id, s.kind, s.year): s for s in NumberSeries.objects.all()}
        self._due: dict[tuple[str, dt.date, int], tuple[int, int, dt.date]] = {}
        self._versions: dict[str, list] = {}
        orgs = list(Organisation.objects.all())
        self.org_by_short = {o.short_name: o for o in orgs if o.short_name}
        self.org_by_name = {o.name: o for o in orgs}

    # -- dates ---------------------------------------------------------------------------------

    def workday(self, lo: dt.date, hi: dt.date) -> dt.date:
        """A random working day in [lo, hi] (the next one after ``hi`` if none)."""
        for _i in range(40):
            d = lo + dt.timedelta(days=self.r.randrange((hi - lo).days + 1))
            if self.cal.is_workday(d):
                return d
        return self.cal.next_workday(lo)

    def add_wd(self, day: dt.date, n: int) -> dt.date:
        return self.cal.add_workdays(day, n)

    def days(self, day: dt.date, lo: int, hi: int, *, workday: bool = True) -> dt.date:
        """``day`` + a random number of calendar days, moved to a working day."""
        d = day + dt.timedelta(days=self.r.randint(lo, hi))
        return self.cal.next_workday(d) if workday else d

    def at(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(10, 0), tzinfo=CHINA)

    # -- numbers -------------------------------------------------------------------------------

    def number(
        self,
        org: Organisation,
        kind: str,
        prefix: str,
        day: dt.date,
        subject_type: str,
        subject_id: int,
    ) -> str:
        """The next number of the (org, kind, year) series, registered as issued on ``day``
        for the subject — as ``numbering.issue`` would."""
        key = (org.pk, kind, day.year)
        if key not in self.series:
            s = self.existing_series.get(key)
            if s is None:  # as numbering.series_get_or_create would make it, in the bulk
                s = NumberSeries(pk=self.loader.reserve(NumberSeries), org_id=org.pk, kind=kind,
                                 year=day.year, prefix=prefix.strip())  # fmt: skip
                self.new_series[key] = org
            self.series[key] = s
            self.values[key] = s.last_value
        s = self.series[key]
        self.values[key] += 1
        n = self.values[key]
        text = s.pattern.format(prefix=s.prefix, year=s.year, n=n)
        self.loader.add(
            IssuedNumber,
            series_id=s.pk,
            value=n,
            text=text,
            subject_type=subject_type,
            subject_id=str(subject_id),
            issued_at=self.at(day),
            issued_by_id=None,
        )
        return text

    def document(
        self,
        org: Organisation,
        kind: str,
        prefix: str,
        day: dt.date,
        subject_type: str,
        subject_id: int,
    ) -> str:
        text = self.number(org, f"dis-{kind}", prefix, day, subject_type, subject_id)
        self.loader.add(
            Document,
            org_id=org.pk,
            subject_type=subject_type,
            subject_id=str(subject_id),
            kind=kind,
            number=text,
            issued_on=day,
        )
        return text

    def queue_series(self) -> None:
        """The series this year opened, standing at the last number issued, each with the
        event ``numbering.series_get_or_create`` records (before the flush)."""
        for key, org in self.new_series.items():
            s = self.series[key]
            self.loader.add(NumberSeries, id=s.pk, org_id=org.pk, kind=s.kind, year=s.year,
                            prefix=s.prefix, pattern=s.pattern, last_value=self.values[key])  # fmt: skip
            self.loader.event(
                action=numbering.SERIES_CREATE,
                subject_type=NumberSeries._meta.label_lower,
                subject_id=s.pk,
                subject_label=str(s),
                org_id=org.pk,
                org_name=org.name,
                data={"kind": s.kind, "year": s.year, "prefix": s.prefix},
                plain=True,
            )

    def finish_numbers(self) -> None:
        """The series that were there already now stand at the last number issued."""
        for key, s in self.series.items():
            if key not in self.new_series:
                NumberSeries.objects.filter(pk=s.pk).update(last_value=self.values[key])

    # -- clocks and events ---------------------------------------------------------------------

    def due(self, code: str, start: dt.date, extension: int = 0) -> tuple[int, int, dt.date]:
        """(rule id, version id, due date) of a clock of ``code`` started on ``start`` — the
        kernel's computation (the version in force that day, its spec, the calendar), with the
        rule's versions read once."""
        key = (code, start, extension)
        hit = self._due.get(key)
        if hit is None:
            versions = self._versions.get(code)
            if versions is None:
                rule = core_rules.resolve(code)
                versions = self._versions[code] = [
                    (v, core_rules.spec_of(v)) for v in rule.versions.order_by("valid_from")
                ]
            v, spec = next(
                (v, spec)
                for v, spec in versions
                if v.valid_from <= start and (v.valid_to is None or start <= v.valid_to)
            )
            due, _years = core_rules.due_or_provisional(self.cal, spec, start, extension=extension)
            hit = self._due[key] = (v.rule_id, v.pk, due.due)
        return hit

    def clock(
        self,
        subject: tuple[str, int, str],
        org: Organisation,
        code: str,
        start: dt.date,
        stopped: dt.date | None,
        label: str,
        *,
        party: bool = False,
        extension: int = 0,
        extension_by: str = "",
        handler_id: int | None = None,
    ) -> dt.date:
        """A clock as ``clocks.start`` (+ ``extend``, ``stop``) would leave it; its due date."""
        rule_id, version_id, due = self.due(code, start, extension)
        self.loader.add(
            Clock,
            subject_type=subject[0],
            subject_id=str(subject[1]),
            subject_label=subject[2][:300],
            org_id=org.pk,
            handler_id=handler_id,
            rule_id=rule_id,
            version_id=version_id,
            label=label,
            started_on=start,
            extension=extension,
            extension_by=extension_by,
            extension_reason="案情复杂" if extension else "",
            due_on=due,
            stopped_on=stopped,
            party=party,
        )
        return due

    def event(
        self, subject: tuple[str, int, str], org: Organisation, action: str = "", **data: Any
    ) -> None:
        """One ledger event of a step, its business date in ``on``."""
        self.loader.event(
            action=action or None,
            subject_type=subject[0],
            subject_id=subject[1],
            subject_label=subject[2],
            org_id=org.pk,
            org_name=org.name,
            data={k: iso(v) if isinstance(v, dt.date) else v for k, v in data.items()},
            plain=True,
        )

    def pick(self, weights: dict[Any, float]) -> Any:
        keys = list(weights)
        return self.r.choices(keys, weights=[weights[k] for k in keys])[0]
