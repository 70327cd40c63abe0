"""Staff pages of the annual enforcement statistics (SZ-4): what each body has to publish for
the last year, the draft with its figures and clock, and publishing it."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import calendar, clock, clocks, rules, scoping
from fazhi.core.models import Role

from ..forms import PublishForm
from ..models import AnnualStatistics, EnforcementBody
from ..services import statistics as services
from .common import error_text


def _can(user, body) -> bool:
    return scoping.has_role(user, Role.LEADER, Role.ADMIN, org=body.org)


def _due(year: int) -> dt.date | None:
    """SZ-4's due day for the data year, or None when no version covers it."""
    try:
        return rules.compute(calendar.get_calendar(), services.RULE, dt.date(year, 12, 31)).due.due
    except (LookupError, ValueError):
        return None


@login_required
def statistics_list(request):
    today = clock.today()
    year = today.year - 1
    y = request.GET.get("year", "")
    if y.isdigit() and 2000 <= int(y) < today.year:
        year = int(y)
    rows = {
        s.body_id: s
        for s in scoping.scope(request.user, AnnualStatistics)
        .filter(year=year)
        .select_related("body__org")
    }
    bodies = (
        scoping.scope(request.user, EnforcementBody).select_related("org").order_by("org__name")
    )
    lines = [(b, rows.get(b.pk), _can(request.user, b)) for b in bodies]
    return render(
        request,
        "enforcement/statistics/list.html",
        {
            "year": year,
            "years": list(range(today.year - 1, today.year - 8, -1)),
            "due": _due(year),
            "today": today,
            "lines": lines,
            "active": "enforcement",
        },
    )


@login_required
@require_POST
def statistics_prepare(request, body_pk: int, year: int):
    body = scoping.get_for(request.user, EnforcementBody, pk=body_pk)
    try:
        stats = services.statistics_prepare(
            actor=request.user, body=body, year=year, on=clock.today()
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc))
        return redirect(f"{reverse('enforcement:statistics')}?year={year}")
    messages.success(request, _("已编制 %(s)s，请核对后公开。") % {"s": stats})
    return redirect("enforcement:statistics_detail", pk=stats.pk)


@login_required
def statistics_detail(request, pk: int):
    stats = scoping.get_for(request.user, AnnualStatistics.objects.select_related("body__org"), pk)
    can = _can(request.user, stats.body)
    form = PublishForm(request.POST or None, initial={"summary": stats.summary})
    if request.method == "POST":
        if not can:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.statistics_publish(
                    actor=request.user,
                    stats=stats,
                    on=clock.today(),
                    summary=form.cleaned_data["summary"],
                )
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, _("已公开 %(s)s。") % {"s": stats})
                return redirect("enforcement:statistics_detail", pk=stats.pk)
    clock_cards = [(c, clocks.card(c)) for c in clocks.for_subject(stats)]
    return render(
        request,
        "enforcement/statistics/detail.html",
        {"s": stats, "can": can, "form": form, "clocks": clock_cards, "active": "enforcement"},
    )
