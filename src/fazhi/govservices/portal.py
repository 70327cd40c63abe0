"""Public pages of government services — only through ``queries.public_*``: the service guide
per item (materials, limits, fees, window and office hours, basis, the commitment text;
printable), search over items in Chinese or pinyin initials, packages, the status of an
application by number and check code, and the applicant's rating.

The status lookup and the rating are rate-limited per client address (``limited``), and a
wrong check code answers exactly as an unknown number does, so nothing tells whether a
number exists.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fazhi.core import clock
from fazhi.core.ledger import SystemActor
from fazhi.ui import ratelimit

from . import forms, queries
from .services import packages as package_services
from .services import reviews

#: the status lookup and the rating guard a six-digit check code: they count as public
#: submissions (settings.RATE_LIMITS["public_form"], 10 a minute per address), not as the
#: looser look-ups (30) — thirty guesses a minute would be too many.
LIMIT_GROUP = "public_form"


def limited(request) -> bool:
    """Count this request; True when the client address is over its limit for the minute
    (the shared limiter: the same address the lockout uses, the shared cache)."""
    return ratelimit.hit(request, LIMIT_GROUP, method="POST")


def home(request):
    q = request.GET.get("q", "").strip()
    page = Paginator(queries.public_search(q), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "govservices/portal/home.html",
        {"page": page, "q": q, "packages": queries.public_packages(), "lookup": forms.LookupForm()},
    )


def guide(request, pk: int):
    item = queries.public_item(pk)
    if item is None:
        raise Http404
    entries = list(item.entries.all())
    return render(
        request,
        "govservices/portal/guide.html",
        {
            "item": item,
            "entries": entries,
            "materials": list(item.materials.all()),
            "print": request.GET.get("print") == "1",
        },
    )


def package(request, pk: int):
    p = queries.public_packages().filter(pk=pk).first()
    if p is None:
        raise Http404
    return render(
        request,
        "govservices/portal/package.html",
        {
            "package": p,
            "items": queries.public_items().filter(packages=p),
            "materials": package_services.material_list(p),
        },
    )


@require_http_methods(["GET", "POST"])
def status(request):
    """办件进度查询: number + check code, rate-limited; the same answer for a wrong code as
    for an unknown number."""
    form = forms.LookupForm(request.POST or None)
    found = None
    if request.method == "POST":
        if limited(request):
            return render(request, "portal/busy.html", status=429)
        if form.is_valid():
            found = queries.public_status(form.cleaned_data["number"], form.cleaned_data["code"])
            if found is None:
                form.add_error(None, _("办件编号或查询码不正确。"))
    rate_form = None
    if found is not None and found.can_rate:
        rate_form = forms.PublicRatingForm(
            initial={"number": found.number, "code": form.cleaned_data["code"]}
        )
    return render(
        request,
        "govservices/portal/status.html",
        {"form": form, "found": found, "rate_form": rate_form},
    )


@require_http_methods(["GET", "POST"])
def rate(request):
    """好差评 online: number, check code and the applicant's ID number or credit code."""
    if request.method == "GET":
        return render(request, "govservices/portal/rate.html", {"form": forms.PublicRatingForm()})
    if limited(request):
        return render(request, "portal/busy.html", status=429)
    form = forms.PublicRatingForm(request.POST)
    done = False
    if form.is_valid():
        d = form.cleaned_data
        app = queries.public_application(d["number"], d["code"])
        if app is None:
            form.add_error(None, _("办件编号或查询码不正确。"))
        else:
            try:
                reviews.rate(
                    actor=SystemActor(_("申请人（网上评价）")),
                    application=app,
                    score=d["score"],
                    channel="online",
                    on=clock.today(),
                    rater_code=d["rater_code"],
                    check_code=d["code"],
                    comment=d["comment"],
                )
                done = True
            except (ValidationError, PermissionDenied) as exc:
                for m in getattr(exc, "messages", [str(exc)]):
                    form.add_error(None, m)
    return render(
        request,
        "govservices/portal/rated.html",
        {"form": form, "done": done},
        status=200 if done or form.errors else 400,
    )


app_name = "govservices_public"
urlpatterns = [
    path("", home, name="home"),
    path("items/<int:pk>/", guide, name="guide"),
    path("packages/<int:pk>/", package, name="package"),
    path("status/", status, name="status"),
    path("rate/", rate, name="rate"),
]
