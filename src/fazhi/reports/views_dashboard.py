"""督导看板 pages: the board (tables first; ECharts draws over them when JavaScript runs), each
table as Excel through the kernel's writer, and the records behind every figure — the clocks
of a card, the open matters of a body and kind, an indicator over any period."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from fazhi.core import clock, clocks, indicators, matterlinks, scoping
from fazhi.core.models import DataScope, Organisation
from fazhi.ui.excel import excel_response

from . import dashboard

LIMIT = 500


def _org(request) -> Organisation | None:
    """The subtree asked for, within the user's scope (404 otherwise); None = everything,
    which only a user with the 全部 scope may ask for."""
    pk = request.GET.get("org", "")
    if pk:
        return scoping.get_for(request.user, Organisation, pk)
    ms = scoping.memberships(request.user)
    if any(m.data_scope == DataScope.ALL for m in ms):
        return None
    if not ms:
        raise Http404
    return ms[0].org


def _body(request, org: Organisation | None) -> Organisation | None:
    """One organisation of the body table (exactly that one, not its subtree)."""
    pk = request.GET.get("body", "")
    if not pk:
        return None
    body = scoping.get_for(request.user, Organisation, pk)
    if org is not None and not body.path.startswith(org.path):
        raise Http404
    return body


@login_required
def board(request):
    """The first paint computes today's clocks and open matters; the rates and the trends
    follow, each its own request (``part``), fetched by the page — or, without JavaScript,
    on the page itself (``full``)."""
    org = _org(request)
    period, error = dashboard.parse_period(request.GET, request.user)
    trend = request.GET.get("trend", "")
    name = request.GET.get("export", "")
    if name:
        if name not in dashboard.TABLES:
            raise Http404
        b = dashboard.board(request.user, org, period, trend=trend, parts=(name,))
        title, headers, rows = dashboard.table(b, name)
        who = org.name if org else str(_all())
        return excel_response(f"{who}{period}{title}", headers, rows)
    query = request.GET.copy()
    for key in ("export", "part", "full"):
        query.pop(key, None)
    part = request.GET.get("part", "")
    full = bool(request.GET.get("full"))
    if part:
        if part not in dashboard.LATER:
            raise Http404
        parts: tuple[str, ...] = (part,)
    else:
        parts = dashboard.FIRST + (dashboard.LATER if full else ())
    b = dashboard.board(request.user, org, period, trend=trend, parts=parts)
    context = {
        "b": b,
        "year": period.start.year,
        "query": query.urlencode(),
        "trend_chart": dashboard.trend_chart(b),
        "full": full,
    }
    if part:
        return render(request, f"reports/_dashboard_{part}.html", context)
    if error:
        messages.error(request, error)
    return render(
        request,
        "reports/dashboard.html",
        {
            **context,
            "red_chart": dashboard.red_chart(b),
            "orgs": scoping.scope(request.user, Organisation).order_by("path")[:300],
            "custom": not dashboard.is_year(period),
            "trend_choices": sorted(indicators.REGISTRY),
            "trend": trend,
            "active": "dashboard",
        },
    )


def _all():
    return _("全部机构")


@login_required
def clock_records(request):
    """The open clocks behind a card or a cell of the body table, one line per matter."""
    org = _org(request)
    body = _body(request, org)
    card = request.GET.get("card", "open")
    today = clock.today()
    try:
        cond = dashboard.card_filter(card, today)
    except ValueError:
        raise Http404 from None
    qs = dashboard.open_clocks(request.user, body or org).filter(cond)
    if body is not None:
        qs = qs.filter(org=body)
    kind = request.GET.get("kind", "")
    if kind:
        qs = qs.filter(subject_type=kind)
    matters: dict[tuple[str, str], list] = {}
    for c in qs.select_related("org").order_by("due_on", "id")[:LIMIT]:
        matters.setdefault((c.subject_type, c.subject_id), []).append((c, clocks.card(c, today)))
    rows = [
        (cs[0][0].subject_label, matterlinks.url_for(t, sid), cs)
        for (t, sid), cs in matters.items()
    ]
    if request.GET.get("export") == "xlsx":
        return excel_response(
            str(dict(dashboard.CARDS).get(card, "")),
            [_("事项"), _("单位"), _("期限"), _("到期日"), _("状态")],
            [
                [title, c.org.name, c.label, c.due_on, str(k.label)]
                for title, _url, cs in rows
                for c, k in cs
            ],
        )
    return render(
        request,
        "reports/dashboard_clocks.html",
        {
            "rows": rows,
            "clock_count": qs.count(),
            "matter_count": qs.values("subject_type", "subject_id").distinct().count(),
            "label": dict(dashboard.CARDS).get(card, ""),
            "org": body or org,
            "kind": dashboard.kind_label(kind) if kind else "",
            "active": "dashboard",
        },
    )


@login_required
def matter_records(request):
    """The open matters of one kind behind a cell of the body table."""
    org = _org(request)
    body = _body(request, org)
    kind = request.GET.get("kind", "")
    models = {m._meta.label_lower: m for m in matterlinks.matter_models()}
    if kind not in models:
        raise Http404
    model = models[kind]
    qs = dashboard.open_matters(request.user, model, body or org)
    if body is not None:
        qs = qs.filter(**{getattr(model, "scope_org_field", "org"): body})
    rows = [(m, matterlinks.url_for(kind, str(m.pk))) for m in qs.order_by("received_on")[:LIMIT]]
    if request.GET.get("export") == "xlsx":
        return excel_response(
            dashboard.kind_label(kind),
            [_("事项"), _("收到日期"), _("状态")],
            [[str(m), m.received_on, m.get_status_display()] for m, _url in rows],
        )
    return render(
        request,
        "reports/dashboard_matters.html",
        {
            "rows": rows,
            "count": qs.count(),
            "org": body or org,
            "kind": dashboard.kind_label(kind),
            "active": "dashboard",
        },
    )


@login_required
def indicator_records(request, code: str):
    """An indicator over any period (a month of a trend), its records the user may see."""
    try:
        ind = indicators.get(code)
    except LookupError:
        raise Http404 from None
    org = _org(request)
    period, error = dashboard.parse_period(request.GET, request.user)
    if error:
        raise Http404
    qs = scoping.scope(request.user, ind.records(org, period))
    value = ind.figure(org, period, user=request.user)
    rows = [(obj, matterlinks.url_for(obj._meta.label_lower, str(obj.pk))) for obj in qs[:LIMIT]]
    return render(
        request,
        "reports/dashboard_records.html",
        {
            "ind": ind,
            "text": ind.format(value),
            "period": period,
            "rows": rows,
            "org": org,
            "visible": qs.count(),
            "shown": len(rows),
            "active": "dashboard",
        },
    )
