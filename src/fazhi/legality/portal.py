"""Public pages of the legality domain: the library of the district's normative documents
with full-text search in Chinese, and each document's page (numbers, dates, status history,
text and interpretation; a repealed or lapsed document says so at the top). Only through
``queries.public_*``; every text shown passes ``core.redaction``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import clock
from fazhi.core.ledger import SystemActor
from fazhi.core.redaction import redact_text
from fazhi.ui.paging import keyset
from fazhi.ui.ratelimit import limit

from . import forms, queries
from .models import CommentStatus, Issuer
from .services import consultation as consult_services

ONLINE = SystemActor("网上征求意见")


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


def document_docx(request, pk):
    """The published document as issued, for download, with the text its page shows
    (redacted)."""
    from . import documents as printed
    from .views import download

    doc = queries.public_document(pk)
    return download(
        printed.normative_docx(doc, redact_text(doc.body_text)),
        f"{doc.doc_number}-{doc.title}.docx",
    )


def consultations(request):
    return render(
        request,
        "legality/portal/consultations.html",
        {"page": keyset(queries.public_consultations(), request, key="id", size=30),
         "today": clock.today()},
    )  # fmt: skip


@limit("public_form", method="POST")
def consultation(request, pk):
    """The draft article by article with the published comments on each, the comment form
    while the consultation is open, and the summary once it is published. A comment files
    through the service as the online channel; it is public only after moderation."""
    c = queries.public_consultation(pk)
    today = clock.today()
    articles = list(c.articles.all())
    form = forms.CommentForm(request.POST or None, articles=articles)
    if request.method == "POST" and form.is_valid() and c.is_open(today):
        d = form.cleaned_data
        article = next((a for a in articles if str(a.pk) == d["article"]), None)
        try:
            consult_services.comment_submit(
                actor=ONLINE, consultation=c, text=d["text"], on=today, article=article,
                name=d["name"], contact=d["contact"],
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            return redirect(f"{request.path}?sent=1#comment-sent")
    published = {}
    for cm in c.comments.filter(status=CommentStatus.PUBLISHED).order_by("id"):
        published.setdefault(cm.article_id, []).append(cm)
    return render(
        request,
        "legality/portal/consultation.html",
        {
            "c": c,
            "articles": [(a, published.get(a.pk, [])) for a in articles],
            "general": published.get(None, []),
            "form": form,
            "open": c.is_open(today),
            "sent": request.GET.get("sent") == "1",
            "summary": redact_text(c.summary) if c.summary_on else "",
            "explanation": redact_text(c.explanation),
        },
    )


def decisions(request):
    """重大行政决策事项目录: the year's published catalogue, each item with its lead
    department, basis and planned time, and — once published — the decision with its
    explanation."""
    year = request.GET.get("year", "").strip()[:4]
    years = sorted({c.year for c in queries.public_catalogues()}, reverse=True)
    if not year and years:
        year = str(years[0])
    rows = []
    for cat in queries.public_catalogues(year):
        done = {}
        for d in queries.public_decisions(cat):
            done.setdefault(d.item_id, []).append((d, redact_text(d.explanation)))
        items = cat.items.select_related("lead_org").order_by("seq")
        rows.append((cat, [(it, done.get(it.pk, [])) for it in items]))
    return render(
        request,
        "legality/portal/decisions.html",
        {"rows": rows, "year": year, "years": years},
    )


app_name = "legality_public"
urlpatterns = [
    path("", library, name="home"),
    path("documents/<int:pk>/", document, name="document"),
    path("documents/<int:pk>/document.docx", document_docx, name="document_docx"),
    path("consultations/", consultations, name="consultations"),
    path("consultations/<int:pk>/", consultation, name="consultation"),
    path("decisions/", decisions, name="decisions"),
]
