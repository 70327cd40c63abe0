"""The public handling report (办理情况公开) of the year's suggestions and proposals: the
counts by class and evaluation, and each replied item — number, kind, title, lead body,
class, reply date. Nothing personal: the titles pass the kernel's redaction (the author's
name masked wherever it appears), the deputies' names and the texts are not shown."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import path

from fazhi.core import clock

from . import queries
from .models import ResultClass


def report(request):
    years = queries.public_years()
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = years[0] if years else clock.today().year
    rows = queries.public_report(year)
    counts = {c: sum(1 for r in rows if r["result_class"] == c) for c in ResultClass.values}
    return render(
        request,
        "suggestions/portal/report.html",
        {
            "year": year,
            "years": years,
            "rows": rows,
            "counts": [(label, counts[c]) for c, label in ResultClass.choices],
            "on_time": sum(1 for r in rows if r["on_time"]),
        },
    )


app_name = "suggestions_public"
urlpatterns = [path("", report, name="report")]
