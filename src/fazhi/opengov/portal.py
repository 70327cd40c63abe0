"""Public pages of 政务公开: the disclosure guide, tracking a request by its number and check
code (rate-limited; nothing about the applicant is shown), and the published annual reports
— only through ``queries.public_*``."""

from django.shortcuts import get_object_or_404, render
from django.urls import path

from fazhi.core import rules as core_rules
from fazhi.ui.ratelimit import limit

from . import queries, rules


def home(request):
    return render(request, "opengov/portal/home.html", {"reports": queries.public_reports()[:20]})


def guide(request):
    """办理程序: the periods as the regulation in force today sets them."""
    from fazhi.core import clock

    today = clock.today()
    steps = []
    for code in (rules.CORRECTION, rules.REPLY, rules.THIRD_PARTY, rules.CO_AGENCY):
        try:
            steps.append(core_rules.version_on(core_rules.resolve(code), today))
        except LookupError:
            continue
    return render(request, "opengov/portal/guide.html", {"steps": steps})


@limit("lookup")
def track(request):
    number = request.GET.get("number", "").strip()
    code = request.GET.get("code", "").strip()
    req = queries.public_request(number, code) if number else None
    return render(
        request,
        "opengov/portal/track.html",
        {"number": number, "searched": bool(number), "r": req},
    )


def catalogue(request):
    from django.core.paginator import Paginator

    page = Paginator(queries.public_items(), 50).get_page(request.GET.get("page"))
    return render(request, "opengov/portal/catalogue.html", {"page": page})


def report(request, pk: int):
    rep = get_object_or_404(queries.public_reports(), pk=pk)
    return render(request, "opengov/portal/report.html", {"rep": rep, "t": rep.table})


app_name = "opengov_public"
urlpatterns = [
    path("", home, name="home"),
    path("guide/", guide, name="guide"),
    path("track/", track, name="track"),
    path("catalogue/", catalogue, name="catalogue"),
    path("reports/<int:pk>/", report, name="report"),
]
