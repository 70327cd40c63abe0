"""督导看板: what the rule-of-law office supervises, from the kernel only — the reports module
never imports a domain.

- *Cards*, as of today: the open clocks of every domain (``core.models.Clock``) by their card
  — 超期 (red), 临期 (yellow), 中止, 正常 — exactly as ``core.clocks.card`` derives them; a
  party's period is never the agency's lateness and is left out.
- *Bodies and kinds*, as of today: per organisation and kind of matter (every model
  registered in ``core.matterlinks``), the open matters, and the matters with a red or a
  yellow clock.
- *Rates and scores* over the period: every registered indicator that is a share or a score
  (on-time rates, legality-review coverage, publicity timeliness, evaluation scores, reversal
  rates — whatever the domains registered), each counted over what the user may see.
- *Trends by month*: the kernel's clock indicators (and one indicator the user picks), month
  by month over the period.

Every figure carries the link to its records: an indicator over a whole year opens the
workspace's own list (``web:indicator``), over another period this module's list; the cards
and the body table open the clocks or matters behind them. The organisation is a subtree the
user may see (``scoping.get_for``); every query is narrowed by ``scoping.scope``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock, clocks, cnformat, indicators, matterlinks, scoping
from fazhi.core.indicators import Period
from fazhi.core.models import Clock, Organisation

from .compose import figure_url

#: the kernel's clock figures every trend shows (counts by month)
TREND_CODES = ("K-CLOCK-STARTED", "K-CLOCK-ON-TIME", "K-CLOCK-LATE")
MAX_MONTHS = 24
#: how far ahead a yellow card can reach, in calendar days (the search is bounded)
_YELLOW_HORIZON = 60


@dataclass(frozen=True)
class Cell:
    """One figure on the page: its text, its exact value and the link to its records."""

    text: str
    value: int | Decimal
    url: str


@dataclass
class BodyRow:
    org_id: int
    org_name: str
    kind: str
    kind_label: str
    open: Cell | None = None
    red: Cell | None = None
    yellow: Cell | None = None


@dataclass
class Board:
    org: Organisation | None
    period: Period
    today: dt.date
    cards: list[tuple[str, Any, Cell]] = field(default_factory=list)
    bodies: list[BodyRow] = field(default_factory=list)
    rates: list[tuple[indicators.Indicator, Cell]] = field(default_factory=list)
    months: list[Period] = field(default_factory=list)
    trends: list[tuple[indicators.Indicator, list[Cell]]] = field(default_factory=list)


# --- period and organisation ------------------------------------------------------------------


def default_year(user: Any = None, today: dt.date | None = None) -> int:
    """The running year when the user's matters are received in it in earnest — at least a
    tenth of the busiest complete year's, the indicator pages' rule — (the office watches the
    year as it runs; any other is one field away); otherwise the year the indicator pages
    open on (``indicators.last_complete_year``), so a district that has loaded its past
    opens on it, not on a year of a few matters."""
    today = today or clock.today()
    if user is None:
        return today.year
    per_year = indicators.matters_per_year(user)
    busiest = max((n for y, n in per_year.items() if y < today.year), default=0)
    if per_year.get(today.year, 0) and per_year[today.year] * 10 >= busiest:
        return today.year
    return indicators.last_complete_year(user, per_year)


def parse_period(params: Any, user: Any) -> tuple[Period, str]:
    """``year`` (default: ``default_year``), or ``from``/``to`` (ISO dates, both inclusive).
    Returns the period and a message when the input was refused (the year is used then)."""
    y = str(params.get("year") or "")
    year = int(y) if y.isdigit() and 1990 <= int(y) <= 2100 else default_year(user)
    start, end = str(params.get("from") or ""), str(params.get("to") or "")
    if not start and not end:
        return Period.year(year), ""
    try:
        p = Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    except ValueError:
        return Period.year(year), str(_("统计期间的日期格式应为 2019-01-01。"))
    if p.start > p.end:
        return Period.year(year), str(_("统计期间的开始日期不能晚于结束日期。"))
    return p, ""


def months_of(period: Period) -> list[Period]:
    """The calendar months of ``period`` (cut to it), at most ``MAX_MONTHS``."""
    out: list[Period] = []
    first = period.start
    while first <= period.end and len(out) < MAX_MONTHS:
        nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        out.append(Period(first, min(nxt - dt.timedelta(days=1), period.end)))
        first = nxt
    return out


def is_year(period: Period) -> bool:
    return period.start == dt.date(period.start.year, 1, 1) and period.end == dt.date(
        period.start.year, 12, 31
    )


# --- links ------------------------------------------------------------------------------------


def _query(org: Organisation | None, **kw: Any) -> str:
    params = {k: v for k, v in kw.items() if v not in (None, "")}
    if org is not None:
        params["org"] = org.pk
    return urlencode(params)


def indicator_url(code: str, period: Period, org: Organisation | None) -> str:
    """A whole year opens the workspace's list of the indicator; any other period, ours."""
    if is_year(period):
        return figure_url(code, period.start.year, org)
    url = reverse("reports:dashboard_records", args=[code])
    return (
        f"{url}?{_query(org, **{'from': period.start.isoformat(), 'to': period.end.isoformat()})}"
    )


def clocks_url(
    card: str, org: Organisation | None, *, body: int | None = None, kind: str = ""
) -> str:
    return f"{reverse('reports:dashboard_clocks')}?{_query(org, card=card, body=body, kind=kind)}"


def matters_url(kind: str, org: Organisation | None, *, body: int | None = None) -> str:
    return f"{reverse('reports:dashboard_matters')}?{_query(org, kind=kind, body=body)}"


# --- clocks by card ---------------------------------------------------------------------------


def yellow_until(today: dt.date) -> dt.date:
    """The last due date that still gives a yellow card today: the card itself decides
    (``clocks.card`` on an unsaved clock), so the list and the card never disagree."""
    last = today
    for n in range(_YELLOW_HORIZON):
        d = today + dt.timedelta(days=n)
        probe = Clock(due_on=d, stopped_on=None, paused=False, party=False)
        if clocks.card(probe, today).status == "yellow":
            last = d
        elif d > today:
            break
    return last


def open_clocks(user: Any, org: Organisation | None) -> QuerySet:
    """The agency's open clocks (a party's periods left out) the user may see in ``org``."""
    qs = indicators.in_subtree(Clock.objects.all(), org)
    return scoping.scope(user, qs.filter(stopped_on__isnull=True, party=False))


def card_filter(card: str, today: dt.date) -> Q:
    if card == "red":
        return Q(paused=False, due_on__lt=today)
    if card == "yellow":
        return Q(paused=False, due_on__gte=today, due_on__lte=yellow_until(today))
    if card == "paused":
        return Q(paused=True) | Q(due_on__isnull=True)
    if card == "ok":
        return Q(paused=False, due_on__gt=yellow_until(today))
    if card == "open":
        return Q()
    raise ValueError(card)


CARDS = (
    ("open", _("在办期限")),
    ("red", _("超期（红牌）")),
    ("yellow", _("临期（黄牌）")),
    ("paused", _("中止中")),
)


def cards(user: Any, org: Organisation | None, today: dt.date) -> list[tuple[str, Any, Cell]]:
    qs = open_clocks(user, org)
    until = yellow_until(today)
    agg = qs.aggregate(
        open=Count("id"),
        red=Count("id", filter=Q(paused=False, due_on__lt=today)),
        yellow=Count("id", filter=Q(paused=False, due_on__gte=today, due_on__lte=until)),
        paused=Count("id", filter=Q(paused=True) | Q(due_on__isnull=True)),
    )
    return [
        (key, label, Cell(cnformat.fmt_count(agg[key], "件"), agg[key], clocks_url(key, org)))
        for key, label in CARDS
    ]


# --- bodies and kinds -------------------------------------------------------------------------


def kind_label(label_lower: str) -> str:
    for model in matterlinks.matter_models():
        if model._meta.label_lower == label_lower:
            return str(model._meta.verbose_name)
    return label_lower


def open_matters(user: Any, model: type, org: Organisation | None) -> QuerySet:
    """Open matters of ``model`` (no closing date, not in a closed status) in ``org``."""
    org_field = getattr(model, "scope_org_field", "org")
    qs = indicators.in_subtree(model._default_manager.all(), org, org_field)
    qs = qs.filter(closed_on__isnull=True)
    closed = getattr(model, "CLOSED_STATUSES", ())
    if closed:
        qs = qs.exclude(status__in=list(closed))
    return scoping.scope(user, qs)


def bodies(user: Any, org: Organisation | None, today: dt.date) -> list[BodyRow]:
    """Per body and kind of matter: open matters, and matters with a red or yellow clock."""
    rows: dict[tuple[int, str], BodyRow] = {}
    names: dict[int, str] = {}

    def row(org_id: int, kind: str) -> BodyRow:
        if (org_id, kind) not in rows:
            rows[(org_id, kind)] = BodyRow(org_id, "", kind, kind_label(kind))
        return rows[(org_id, kind)]

    for model in matterlinks.matter_models():
        if not hasattr(model, "closed_on"):
            continue
        kind = model._meta.label_lower
        org_field = getattr(model, "scope_org_field", "org")
        for r in (
            open_matters(user, model, org)
            .values(org_field, f"{org_field}__name")
            .annotate(n=Count("pk"))
        ):
            oid, names[r[org_field]] = r[org_field], r[f"{org_field}__name"]
            n = r["n"]
            body = Organisation(pk=oid)
            row(oid, kind).open = Cell(
                cnformat.fmt_count(n, "件"), n, matters_url(kind, org, body=body.pk)
            )
    until = yellow_until(today)
    for r in (
        open_clocks(user, org)
        .filter(paused=False, due_on__isnull=False, due_on__lte=until)
        .values("org", "org__name", "subject_type")
        .annotate(
            red=Count("subject_id", filter=Q(due_on__lt=today), distinct=True),
            yellow=Count("subject_id", filter=Q(due_on__gte=today), distinct=True),
        )
    ):
        oid, kind = r["org"], r["subject_type"]
        names[oid] = r["org__name"]
        for key in ("red", "yellow"):
            if r[key]:
                url = clocks_url(key, org, body=oid, kind=kind)
                setattr(row(oid, kind), key, Cell(cnformat.fmt_count(r[key], "件"), r[key], url))
    for (oid, _kind), r in rows.items():
        r.org_name = names.get(oid, "")
    return sorted(
        rows.values(),
        key=lambda r: (
            -(r.red.value if r.red else 0),
            -(r.yellow.value if r.yellow else 0),
            -(r.open.value if r.open else 0),
            r.org_name,
            r.kind,
        ),
    )


# --- indicators -------------------------------------------------------------------------------


def rate_codes() -> list[str]:
    """The registered shares and scores (percent style, or a figure in 分), by code."""
    return sorted(
        code
        for code, ind in indicators.REGISTRY.items()
        if ind.style == "percent" or ind.unit == "分"
    )


def cell(code: str, period: Period, org: Organisation | None, user: Any) -> Cell:
    ind = indicators.get(code)
    value = ind.figure(org, period, user=user)
    return Cell(ind.format(value), value, indicator_url(ind.code, period, org))


#: the board's sections: the first paint computes the cheap ones (today's clocks and open
#: matters); rates and trends come after it (``PARTS`` asked for one at a time by the page)
FIRST = ("cards", "bodies")
LATER = ("rates", "trends")


def board(
    user: Any,
    org: Organisation | None,
    period: Period,
    *,
    trend: str = "",
    parts: tuple[str, ...] = FIRST + LATER,
    today: dt.date | None = None,
) -> Board:
    today = today or clock.today()
    with indicators.batch():  # the subtree's organisations asked once for every figure
        return _board(user, org, period, trend=trend, parts=parts, today=today)


def _board(
    user: Any,
    org: Organisation | None,
    period: Period,
    *,
    trend: str,
    parts: tuple[str, ...],
    today: dt.date,
) -> Board:
    b = Board(org, period, today, months=months_of(period))
    if "cards" in parts:
        b.cards = cards(user, org, today)
    if "bodies" in parts:
        b.bodies = bodies(user, org, today)
    if "rates" in parts:
        b.rates = [(indicators.get(c), cell(c, period, org, user)) for c in rate_codes()]
    if "trends" in parts:
        codes = list(TREND_CODES)
        if trend and trend.upper() in indicators.REGISTRY and trend.upper() not in codes:
            codes.append(trend.upper())
        b.trends = [(indicators.get(c), monthly(c, b.months, org, user)) for c in codes]
    return b


def monthly(code: str, months: list[Period], org: Organisation | None, user: Any) -> list[Cell]:
    """The indicator month by month: one grouped query when the indicator names the date
    field that puts a record in its period (``Indicator.date_field``) and is a count or a
    sum; otherwise one figure per month."""
    ind = indicators.get(code)
    date_field = getattr(ind, "date_field", None)
    if not months or not date_field or isinstance(ind, indicators.Ratio):
        return [cell(code, m, org, user) for m in months]
    whole = Period(months[0].start, months[-1].end)
    qs = ind.visible(ind.records(org, whole), user).order_by()
    agg = Sum if ind.sum_field else Count
    target = ind.sum_field or "pk"
    got: dict[tuple[int, int], Any] = {}
    q = qs.query
    plain = not (q.is_sliced or q.group_by is not None or q.combinator or q.distinct_fields)
    if plain and _is_date(qs.model, date_field) and not (q.distinct and ind.sum_field):
        # one scan grouped by the day (a few hundred groups), the days added up by month
        by_day = agg(target, distinct=True) if q.distinct else agg(target)
        for day, v in qs.values(date_field).annotate(v=by_day).values_list(date_field, "v"):
            if day is not None and v is not None:
                got[(day.year, day.month)] = got.get((day.year, day.month), 0) + v
    else:
        # one scan, a filtered aggregate per month (plain date comparisons)
        row = qs.aggregate(
            **{
                f"m{i}": agg(
                    target,
                    filter=Q(**{f"{date_field}__gte": m.start, f"{date_field}__lte": m.end}),
                )
                for i, m in enumerate(months)
            }
        )
        got = {(m.start.year, m.start.month): row[f"m{i}"] or 0 for i, m in enumerate(months)}
    out = []
    for m in months:
        v = got.get((m.start.year, m.start.month), 0)
        v = Decimal(v) if ind.sum_field else int(v)
        out.append(Cell(ind.format(v), v, indicator_url(code, m, org)))
    return out


def _is_date(model: type, path: str) -> bool:
    """``path`` (``a__b__on``) leads from ``model`` to a date field (not a date and time)."""
    from django.db import models

    *rels, last = path.split("__")
    try:
        for name in rels:
            model = model._meta.get_field(name).related_model
        f = model._meta.get_field(last)
    except Exception:
        return False
    return isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField)


def red_chart(b: Board) -> dict[str, Any]:
    """The bodies with most overdue matters, for the bar chart: every bar with its link."""
    top = [r for r in b.bodies if r.red][:10]
    return {
        "names": [f"{r.org_name} · {r.kind_label}" for r in top],
        "data": [{"value": r.red.value, "url": r.red.url} for r in top if r.red],
    }


def trend_chart(b: Board) -> dict[str, Any]:
    """The monthly lines: every point with its link."""
    return {
        "months": [f"{m.start.year}-{m.start.month:02d}" for m in b.months],
        "series": [
            {"name": ind.name, "data": [{"value": float(c.value), "url": c.url} for c in cells]}
            for ind, cells in b.trends
        ],
    }


# --- tables for Excel -------------------------------------------------------------------------


def table(b: Board, name: str) -> tuple[str, list[str], list[list[Any]]]:
    """One of the page's tables as (title, headers, rows) for the kernel's Excel writer."""
    if name == "cards":
        return (
            str(_("期限状态")),
            [str(_("状态")), str(_("数量"))],
            [[str(label), c.value] for _k, label, c in b.cards],
        )
    if name == "bodies":
        return (
            str(_("单位与事项类别")),
            [
                str(_("单位")),
                str(_("事项类别")),
                str(_("在办事项")),
                str(_("超期事项")),
                str(_("临期事项")),
            ],
            [
                [
                    r.org_name,
                    r.kind_label,
                    r.open.value if r.open else 0,
                    r.red.value if r.red else 0,
                    r.yellow.value if r.yellow else 0,
                ]
                for r in b.bodies
            ],
        )
    if name == "rates":
        return (
            str(_("比率与评分")),
            [
                str(_("指标代码")),
                str(_("指标名称")),
                str(_("数值")),
                str(_("精确值")),
                str(_("口径")),
            ],
            [[i.code, i.name, c.text, str(c.value), i.definition] for i, c in b.rates],
        )
    if name == "trends":
        months = [f"{m.start.year}-{m.start.month:02d}" for m in b.months]
        return (
            str(_("逐月趋势")),
            [str(_("指标代码")), str(_("指标名称")), *months],
            [[i.code, i.name, *[c.value for c in cells]] for i, cells in b.trends],
        )
    raise KeyError(name)


TABLES = ("cards", "bodies", "rates", "trends")
