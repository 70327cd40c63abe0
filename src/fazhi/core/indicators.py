"""The indicator registry: every figure the annual report, the dashboard, Excel statistics
and the API state is computed here, in one place, and can be opened to its records.

An indicator has a code, a Chinese name, a unit, a definition in words, the date that decides
which period a record counts in, a query giving its records for an organisation subtree and
a period, and a way to turn those records into the figure (count by default, or a sum).
Modules register theirs in their ``indicators.py``; the kernel's own are at the bottom.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum

from . import clock, cnformat
from .models import Clock, Organisation, SupervisionTask


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def __str__(self) -> str:
        if (
            self.start.month == 1
            and self.start.day == 1
            and self.end == dt.date(self.start.year, 12, 31)
        ):
            return f"{self.start.year}年"
        return f"{cnformat.fmt_date(self.start)}至{cnformat.fmt_date(self.end)}"


Records = Callable[[Organisation | None, Period], QuerySet]


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str
    definition: str
    date_basis: str
    module: str
    records: Records
    sum_field: str | None = None  # None: the figure is the count of records
    style: str = "count"  # count | wan_yuan | wan_yuan_approx | percent | wan
    # The field naming the organisation a record counts for (``records`` filters the subtree
    # on it): "org" for most, the respondent for figures that count against a body.
    org_field: str = "org"
    # The record's date field that puts it in a period (the ``date_basis`` in words), where
    # there is one: lets a page count the figure month by month in one grouped query.
    date_field: str | None = None

    def figure(
        self, org: Organisation | None, period: Period, *, user: Any = None
    ) -> int | Decimal:
        """The figure over ``org``'s subtree — or, with ``user``, over the part of it the
        user may see (a 本部门 user gets the figure of their own organisation, never of the
        units below it), the same records the figure's list shows them."""
        qs = self.visible(self.records(org, period), user)
        if self.sum_field is None:
            return _count(qs)
        return _kept(
            ("sum", self.sum_field), qs, lambda: qs.aggregate(v=Sum(self.sum_field))["v"]
        ) or Decimal(0)

    def figures(
        self, orgs: Iterable[Organisation], period: Period, *, user: Any = None
    ) -> dict[int, int | Decimal]:
        """The figure of every organisation in ``orgs`` (by pk), each over its subtree,
        exactly as ``figure`` gives it — in one query grouped by the record's organisation
        when the records allow it (``per_org``), otherwise one ``figure`` per organisation."""
        orgs = list(orgs)
        if type(self).figure is Indicator.figure:
            got = per_org(self.records, orgs, period, user, self.sum_field)
            if got is not None:
                return got
        return {o.pk: self.figure(o, period, user=user) for o in orgs}

    @staticmethod
    def visible(qs: QuerySet, user: Any = None) -> QuerySet:
        """``qs`` narrowed to what ``user`` may see (everything when no user is given: the
        annual report and the CLI speak for the whole district)."""
        if user is None:
            return qs
        from .scoping import scope

        return scope(user, qs)

    def format(self, value: int | Decimal) -> str:
        if self.style == "wan_yuan":
            return cnformat.fmt_wan_yuan(Decimal(value))
        if self.style == "wan_yuan_approx":
            return cnformat.fmt_wan_yuan(Decimal(value), approx=True)
        if self.style == "wan":
            return cnformat.fmt_wan(int(value), places=1, unit=self.unit)
        if self.style == "percent":
            return cnformat.fmt_percent(Decimal(value), places=2)
        return cnformat.fmt_count(int(value), self.unit)


@dataclass(frozen=True)
class Ratio(Indicator):
    """A share: ``numerator`` records over ``records`` (the denominator); 0 without records.
    Both sides are narrowed to what ``user`` may see, like every figure."""

    numerator: Callable[[Organisation | None, Period], QuerySet] | None = None
    style: str = "percent"

    def figure(self, org: Organisation | None, period: Period, *, user: Any = None) -> Decimal:
        whole = _count(self.visible(self.records(org, period), user))
        if not whole:
            return Decimal(0)
        if self.numerator is None:
            raise ValueError(f"indicator {self.code}: a ratio needs its numerator")
        part = _count(self.visible(self.numerator(org, period), user))
        return Decimal(part) / Decimal(whole)

    def figures(
        self, orgs: Iterable[Organisation], period: Period, *, user: Any = None
    ) -> dict[int, Decimal]:
        orgs = list(orgs)
        if type(self).figure is Ratio.figure and self.numerator is not None:
            whole = per_org(self.records, orgs, period, user, None)
            part = per_org(self.numerator, orgs, period, user, None) if whole is not None else None
            if whole is not None and part is not None:
                return {
                    o.pk: Decimal(part[o.pk]) / Decimal(whole[o.pk]) if whole[o.pk] else Decimal(0)
                    for o in orgs
                }
        return {o.pk: self.figure(o, period, user=user) for o in orgs}


REGISTRY: dict[str, Indicator] = {}


def register(ind: Indicator) -> Indicator:
    if ind.code in REGISTRY and REGISTRY[ind.code] is not ind:
        raise ValueError(f"indicator {ind.code} registered twice")
    REGISTRY[ind.code] = ind
    return ind


def get(code: str) -> Indicator:
    try:
        return REGISTRY[code.strip().upper()]
    except KeyError:
        raise LookupError(f"未知的指标代码：{code}（fazhi indicators list 列出全部指标）") from None


# Within ``batch()`` (an annual report, the dashboard, a province's table): the subtrees'
# organisation ids, asked once. Outside it nothing is kept: an organisation added between two
# figures is never missed.
_BATCH: ContextVar[dict | None] = ContextVar("fazhi_indicators_batch", default=None)
# While ``per_org`` builds an indicator's records: the (model, field) each ``in_subtree`` saw.
_WATCH: ContextVar[list | None] = ContextVar("fazhi_indicators_watch", default=None)


@contextmanager
def batch() -> Iterator[None]:
    """Many figures in a row (a report, a page, a table): what does not change while they are
    computed — the organisations of a subtree — is asked once, and every record query is
    narrowed by those ids (``org_id IN (…)``), which the indexes on the records' organisation
    reach directly, instead of by a join on the organisation's path, which reads the records
    of every subtree. The figures are the same."""
    if _BATCH.get() is not None:
        yield
        return
    token = _BATCH.set({})
    try:
        yield
    finally:
        _BATCH.reset(token)


def _kept(what: tuple, qs: QuerySet, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept for the ``batch()`` under the query's SQL: shares with the same
    denominator, a figure that two pages' sections both show, are counted once."""
    kept = _BATCH.get()
    if kept is None:
        return compute()
    try:
        sql, params = qs.query.sql_with_params()
    except Exception:  # an empty result (``pk__in=[]``) and the like: nothing to share
        return compute()
    key = (*what, qs.db, sql, tuple(map(repr, params)))
    if key not in kept:
        kept[key] = compute()
    return kept[key]


def _count(qs: QuerySet) -> int:
    return _kept(("count",), qs, qs.count)


def subtree_ids(org: Organisation) -> list[int]:
    """The ids of ``org`` and every organisation below it (kept for the ``batch()``)."""
    kept = _BATCH.get()
    key = (org.pk, org.path)
    if kept is not None and key in kept:
        return kept[key]
    ids = list(
        Organisation.objects.filter(path__startswith=org.path)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if kept is not None:
        kept[key] = ids
    return ids


def in_subtree(qs: QuerySet, org: Organisation | None, field: str = "org") -> QuerySet:
    """Records of ``org`` and everything below it (all records when ``org`` is None)."""
    watch = _WATCH.get()
    if watch is not None:
        watch.append((qs.model, field))
    if org is None:
        return qs
    if _BATCH.get() is not None:
        return qs.filter(**{f"{field}__in": subtree_ids(org)})
    return qs.filter(**{f"{field}__path__startswith": org.path})


def _to_one_org(model: type, field: str) -> bool:
    """``field`` leads from ``model`` to one organisation per record (forward relations only:
    a record counted once per organisation it belongs to, never twice)."""
    for name in field.split("__"):
        try:
            f = model._meta.get_field(name)
        except Exception:
            return False
        if not f.is_relation or f.many_to_many or f.one_to_many:
            return False
        model = f.related_model
    return model is Organisation


#: above this many organisations in all, ``per_org`` reads every record and keeps the asked
#: ones (a province's districts) instead of naming them all in the query
_NAMED_IDS = 2000


def per_org(
    records: Records,
    orgs: list[Organisation],
    period: Period,
    user: Any,
    sum_field: str | None,
) -> dict[int, int | Decimal] | None:
    """The count (or sum) of ``records`` for each organisation in ``orgs`` over its subtree,
    in one query grouped by the record's organisation, the groups added up per subtree in
    Python — the same figure as one query per organisation. None when the records cannot be
    grouped so: they are narrowed (``in_subtree``) on other than exactly one organisation
    field of their own model, or are already grouped, sliced, or distinct with a sum."""
    seen: list = []
    token = _WATCH.set(seen)
    try:
        qs = records(None, period)
    finally:
        _WATCH.reset(token)
    if len(seen) != 1 or seen[0][0] is not qs.model or not _to_one_org(qs.model, seen[0][1]):
        return None
    field = seen[0][1]
    q = qs.query
    if (
        q.is_sliced
        or q.group_by is not None
        or q.combinator
        or any(getattr(a, "contains_aggregate", False) for a in q.annotations.values())
        or (q.distinct and sum_field is not None)
    ):
        return None
    owners: dict[int, list[int]] = {}
    for o in orgs:
        for i in subtree_ids(o):
            owners.setdefault(i, []).append(o.pk)
    qs = Indicator.visible(qs, user).order_by()
    if len(owners) <= _NAMED_IDS:
        qs = qs.filter(**{f"{field}__in": sorted(owners)})
    agg = Count("pk", distinct=bool(q.distinct)) if sum_field is None else Sum(sum_field)
    totals: dict[int, Any] = {o.pk: None for o in orgs}
    for oid, v in qs.values(field).annotate(v=agg).values_list(field, "v"):
        if v is None:
            continue
        for pk in owners.get(oid, ()):
            totals[pk] = v if totals[pk] is None else totals[pk] + v
    if sum_field is None:
        return {pk: v or 0 for pk, v in totals.items()}
    return {pk: v or Decimal(0) for pk, v in totals.items()}


def between(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


@dataclass(frozen=True)
class Figure:
    indicator: Indicator
    org: Organisation | None
    period: Period
    value: int | Decimal
    text: str

    def as_dict(self) -> dict[str, Any]:
        i = self.indicator
        return {
            "code": i.code,
            "name": i.name,
            "unit": i.unit,
            "definition": i.definition,
            "date_basis": i.date_basis,
            "period": str(self.period),
            "org": self.org.name if self.org else None,
            "value": str(self.value),
            "text": self.text,
        }


def evaluate(code: str, *, year: int, org: Organisation | None = None, user: Any = None) -> Figure:
    """The figure ``code`` for ``year`` over ``org``'s subtree; with ``user``, over what the
    user may see of it (pages and the API pass the user; reports and the CLI do not)."""
    ind = get(code)
    period = Period.year(year)
    value = ind.figure(org, period, user=user)
    return Figure(ind, org, period, value, ind.format(value))


def evaluate_many(
    code: str, *, year: int, orgs: Iterable[Organisation], user: Any = None
) -> list[Figure]:
    """``evaluate`` for every organisation in ``orgs`` (a province's districts, a district's
    bodies), in their order: one query grouped by organisation per indicator where its
    records allow it (``Indicator.figures``), the same figures as one ``evaluate`` each."""
    ind = get(code)
    period = Period.year(year)
    orgs = list(orgs)
    with batch():
        values = ind.figures(orgs, period, user=user)
    return [Figure(ind, o, period, values[o.pk], ind.format(values[o.pk])) for o in orgs]


# --- the kernel's own indicators: clocks and supervision tasks ------------------------------


def _clocks(org, period):
    """The agency's clocks: a period that belongs to the party (to state, to pay, to
    appeal) is never the agency on time or late (``Clock.party``)."""
    return in_subtree(Clock.objects.filter(party=False), org)


register(
    Indicator(
        "K-CLOCK-STARTED",
        "期限起算数",
        "件",
        "当年起算的法定期限（每个事项的每个期限计一件；不含当事人期限）。",
        "起算日",
        "core",
        lambda org, p: _clocks(org, p).filter(between("started_on", p)),
        date_field="started_on",
    )
)
register(
    Indicator(
        "K-CLOCK-STOPPED",
        "期限内办结与超期办结合计",
        "件",
        "当年停止（事项办结）的法定期限（不含当事人期限）。",
        "停止日",
        "core",
        lambda org, p: _clocks(org, p).filter(between("stopped_on", p)),
        date_field="stopped_on",
    )
)
register(
    Indicator(
        "K-CLOCK-ON-TIME",
        "按期办结数",
        "件",
        "当年停止且停止日不晚于到期日的法定期限（不含当事人期限）。",
        "停止日",
        "core",
        lambda org, p: (
            _clocks(org, p).filter(between("stopped_on", p)).filter(stopped_on__lte=F("due_on"))
        ),
        date_field="stopped_on",
    )
)
register(
    Indicator(
        "K-CLOCK-LATE",
        "超期办结数",
        "件",
        "当年停止且停止日晚于到期日的法定期限（不含当事人期限）。",
        "停止日",
        "core",
        lambda org, p: (
            _clocks(org, p).filter(between("stopped_on", p)).filter(stopped_on__gt=F("due_on"))
        ),
        date_field="stopped_on",
    )
)
register(
    Indicator(
        "K-CLOCK-OVERDUE-NOW",
        "当前超期未办结数",
        "件",
        "截至今日仍未停止且到期日已过的法定期限（不含当事人期限；不按年度，按今日计）。",
        "今日",
        "core",
        lambda org, p: _clocks(org, p).filter(
            stopped_on__isnull=True, paused=False, due_on__lt=clock.today()
        ),
    )
)
register(
    Indicator(
        "K-TASK-OPENED",
        "下达督办整改任务数",
        "件",
        "当年下达的督办整改任务。",
        "下达日期",
        "core",
        lambda org, p: in_subtree(SupervisionTask.objects.all(), org).filter(
            between("received_on", p)
        ),
        date_field="received_on",
    )
)
register(
    Indicator(
        "K-TASK-CLOSED",
        "督办整改任务办结数",
        "件",
        "当年验收办结的督办整改任务。",
        "办结日期",
        "core",
        lambda org, p: in_subtree(SupervisionTask.objects.all(), org).filter(
            between("closed_on", p), status="closed"
        ),
        date_field="closed_on",
    )
)


def matters_per_year(user) -> dict[int, int]:
    """The matters the user may see, by the year they were received (every matter model;
    grouped by the day in the database — a few thousand groups — and by the year here: no
    per-row date function, which SQLite runs in Python)."""
    from django.db.models import Count

    from . import matterlinks, scoping

    per_year: dict[int, int] = {}
    for model in matterlinks.matter_models():
        rows = (
            scoping.scope(user, model)
            .filter(received_on__isnull=False)
            .values("received_on")
            .annotate(n=Count("pk"))
            .values_list("received_on", "n")
            .order_by()
        )
        for day, n in rows:
            per_year[day.year] = per_year.get(day.year, 0) + n
    return per_year


def last_complete_year(user, per_year: dict[int, int] | None = None) -> int:
    """The year the indicator pages open on: the last complete calendar year in which the
    matters the user may see were received in earnest — at least a tenth of the busiest
    complete year's — so a district that loaded its past shows that year, not the current
    one's zeros, nor a year holding only a few stragglers (a reconsideration received in
    January about last year's decision); with nothing received before this year, last year."""
    this_year = clock.today().year
    if per_year is None:
        per_year = matters_per_year(user)
    past = {y: n for y, n in per_year.items() if y < this_year}
    if not past:
        return this_year - 1
    busiest = max(past.values())
    return max(y for y, n in past.items() if n * 10 >= busiest)
