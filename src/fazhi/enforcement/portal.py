"""Public pages of the three enforcement systems' publicity (公示): bodies, officers, the power
list and decisions — only through ``queries.public_*``; decisions only as published
(redacted) and only while not withdrawn."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import path

from . import queries


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


def decisions(request):
    page = Paginator(queries.public_publications(), 30).get_page(request.GET.get("page"))
    return render(request, "enforcement/portal/decisions.html", {"page": page})


def decision(request, pk: int):
    pub = get_object_or_404(queries.public_publications(), pk=pk)
    return render(request, "enforcement/portal/decision.html", {"pub": pub})


app_name = "enforcement_public"
urlpatterns = [
    path("", home, name="home"),
    path("officers/", officers, name="officers"),
    path("items/", items, name="items"),
    path("decisions/", decisions, name="decisions"),
    path("decisions/<int:pk>/", decision, name="decision"),
]
