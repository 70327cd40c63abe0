"""Public pages: the published annual reports (法治政府建设年度报告), redacted."""

from django.shortcuts import get_object_or_404, render
from django.urls import path

from . import queries


def home(request):
    return render(request, "reports/portal/home.html", {"reports": queries.public_reports()})


def report(request, pk: int):
    r = get_object_or_404(queries.public_reports(), pk=pk)
    return render(
        request,
        "reports/portal/report.html",
        {"r": r, "blocks": queries.public_blocks(r), "links": False},
    )


app_name = "reports_public"
urlpatterns = [
    path("", home, name="home"),
    path("<int:pk>/", report, name="report"),
]
