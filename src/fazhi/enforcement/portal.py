"""Public pages of the three enforcement systems' publicity (公示): bodies, officers, the power
list and decisions — only through ``queries.public_*``; decisions only as published
(redacted) and only while not withdrawn."""

import datetime as dt
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from fazhi.core import clock, rules
from fazhi.ui.paging import keyset

from . import queries
from .models import EnforcementField


def home(request):
    return render(
        request,
        "enforcement/portal/home.html",
        {
            "bodies": queries.public_bodies(),
            "decisions": queries.public_publications()[:20],
        },
    )


def officers(request):
    page = Paginator(queries.public_officers(), 50).get_page(request.GET.get("page"))
    return render(request, "enforcement/portal/officers.html", {"page": page})


def items(request):
    page = Paginator(queries.public_items(), 50).get_page(request.GET.get("page"))
    return render(request, "enforcement/portal/items.html", {"page": page})


SEARCH_KEYS = ("number", "body", "field", "from", "to", "party")


def decisions(request):
    """执法决定公示 with search (number, body, field, decision dates, a name as published),
    key-set paging (deep pages stay fast) and the total count."""
    qs = queries.public_decision_search(request.GET)
    page = keyset(qs, request, key="id", size=30)
    params = {k: request.GET.get(k, "").strip() for k in SEARCH_KEYS}
    return render(
        request,
        "enforcement/portal/decisions.html",
        {
            "page": page,
            "total": qs.count(),
            "f": params,
            "query": urlencode({k: v for k, v in params.items() if v}),
            "bodies": queries.public_bodies().order_by("org__name"),
            "fields": EnforcementField.objects.order_by("sort_order", "code"),
        },
    )


def decision(request, pk: int):
    pub = get_object_or_404(queries.public_publications(), pk=pk)
    return render(request, "enforcement/portal/decision.html", {"pub": pub})


def statistics(request):
    rows = queries.public_statistics()
    return render(request, "enforcement/portal/statistics.html", {"rows": rows})


def statistics_one(request, pk: int):
    s = get_object_or_404(queries.public_statistics(), pk=pk)
    return render(request, "enforcement/portal/statistics_one.html", {"s": s})


# 办事程序与服务指南: each step of a penalty case with the rule in force today — its period,
# basis and law come from the rule registry, so the guide changes when the law does.
GUIDE = (
    (_("普通程序"), ("CF-3", "CF-4", "CF-6", "CF-2", "CF-9", "CF-11")),
    (_("简易程序（当场处罚）"), ("CF-1",)),
    (_("公示"), ("SZ-1", "SZ-3", "SZ-4")),
    (_("救济途径"), ("FY-1", "SS-3")),
)


def _guide_steps(day: dt.date) -> list[tuple[str, list[tuple]]]:
    sections = []
    for title, codes in GUIDE:
        steps = []
        for code in codes:
            try:
                rule = rules.resolve(code)
                version = rules.version_on(rule, day)
            except LookupError:
                continue  # not in force on this day: the guide leaves it out
            steps.append((rule, version))
        sections.append((title, steps))
    return sections


def guide(request):
    today = clock.today()
    return render(
        request,
        "enforcement/portal/guide.html",
        {"sections": _guide_steps(today), "today": today, "bodies": queries.public_bodies()},
    )


app_name = "enforcement_public"
urlpatterns = [
    path("", home, name="home"),
    path("officers/", officers, name="officers"),
    path("items/", items, name="items"),
    path("decisions/", decisions, name="decisions"),
    path("decisions/<int:pk>/", decision, name="decision"),
    path("statistics/", statistics, name="statistics"),
    path("statistics/<int:pk>/", statistics_one, name="statistics_one"),
    path("guide/", guide, name="guide"),
]
