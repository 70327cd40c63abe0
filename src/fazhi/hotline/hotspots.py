"""热点 (hot spots): the categories, addresses and streets orders came in for most in a period,
each with the count of the period just before (of the same length: week on week for a week)
and a rise flagged; each row links to the list of its orders. Counts are of orders received
(a merged duplicate is a call too), within what the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from . import queries

TOP = 10


@dataclass(frozen=True)
class Spot:
    label: str
    count: int
    previous: int
    filters: dict[str, str]

    @property
    def rising(self) -> bool:
        return self.count > self.previous

    @property
    def url(self) -> str:
        return f"{reverse('hotline:orders')}?{urlencode(self.filters)}"


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    days = (end - start).days + 1
    return start - dt.timedelta(days=days), start - dt.timedelta(days=1)


def _spots(user, start, end, fields, label, limit, **exclude) -> list[Spot]:
    qs = queries.orders(user).exclude(**exclude) if exclude else queries.orders(user)
    now = (
        qs.filter(received_on__range=(start, end))
        .values(*fields)
        .annotate(n=Count("id", distinct=True))
        .order_by("-n", *fields)[:limit]
    )
    rows = list(now)
    if not rows:
        return []
    p_start, p_end = previous_period(start, end)
    before: dict[tuple, int] = {}
    for r in (
        qs.filter(received_on__range=(p_start, p_end))
        .values(*fields)
        .annotate(n=Count("id", distinct=True))
    ):
        before[tuple(r[f] for f in fields)] = r["n"]
    period = {"from": start.isoformat(), "to": end.isoformat()}
    out = []
    for r in rows:
        key = tuple(r[f] for f in fields)
        named = zip(fields, key, strict=True)
        filters = {**period, **{f: str(v or "") for f, v in named if "__" not in f}}
        out.append(Spot(label(r), r["n"], before.get(key, 0), filters))
    return out


def categories(user, start: dt.date, end: dt.date, limit: int = TOP) -> list[Spot]:
    return _spots(
        user,
        start,
        end,
        ("category", "category__major", "category__name"),
        lambda r: f"{r['category__major']}·{r['category__name']}",
        limit,
    )


def addresses(user, start: dt.date, end: dt.date, limit: int = TOP) -> list[Spot]:
    """The same address (as the agent typed it) in the same street; orders with no address
    are left out."""

    def label(r):
        return f"{r['street__name'] or ''} {r['address']}".strip()

    fields = ("street", "street__name", "address")
    return _spots(user, start, end, fields, label, limit, address="")


def streets(user, start: dt.date, end: dt.date) -> list[Spot]:
    fields = ("street", "street__name")
    return _spots(user, start, end, fields, lambda r: r["street__name"], 100, street=None)


def chart(spots: list[Spot]) -> dict:
    """The ECharts data of a table of spots: this period and the one before, each bar
    carrying the link to its orders (read by ``static/hotline/hot_spots.js``)."""
    return {
        "names": [s.label for s in spots],
        "now": [{"value": s.count, "url": s.url} for s in spots],
        "before": [s.previous for s in spots],
        "now_label": str(_("本期")),
        "before_label": str(_("上期")),
    }
