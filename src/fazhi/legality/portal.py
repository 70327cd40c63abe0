"""Public pages of the legality domain: the library of the district's normative documents
with full-text search in Chinese, and each document's page (numbers, dates, status history,
text and interpretation; a repealed or lapsed document says so at the top). Only through
``queries.public_*``; every text shown passes ``core.redaction``."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import path

from fazhi.core.redaction import redact_text
from fazhi.ui.paging import keyset

from . import queries
from .models import Issuer


def library(request):
    f = {k: request.GET.get(k, "").strip()[:100] for k in ("q", "issuer", "year", "status")}
    qs = queries.public_documents(**f)
    return render(
        request,
        "legality/portal/library.html",
        {
            "page": keyset(qs, request, key="id", size=30),
            "f": f,
            "issuers": Issuer.objects.select_related("org").order_by("org__name"),
        },
    )


def document(request, pk):
    doc = queries.public_document(pk)
    return render(
        request,
        "legality/portal/document.html",
        {
            "d": doc,
            "text": redact_text(doc.body_text),
            "interpretation": redact_text(doc.interpretation),
            "events": doc.events.all(),
            "ended": doc.status != "issued",
        },
    )


app_name = "legality_public"
urlpatterns = [
    path("", library, name="home"),
    path("documents/<int:pk>/", document, name="document"),
]
