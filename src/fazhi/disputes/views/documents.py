"""Downloads of the numbered documents (DOCX, GB/T 9704): fetched through the scoped reads,
so a user who may not see the matter gets 404; served documents are not redacted, so the
responses are private and not stored."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from fazhi.core import scoping

from .. import documents, queries
from ..models import Document

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(data: bytes, filename: str) -> HttpResponse:
    resp = HttpResponse(data, content_type=DOCX)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    resp["Cache-Control"] = "private, no-store"
    return resp


@login_required
@require_GET
def document(request, pk: int):
    d = scoping.get_for(request.user, Document, pk)
    # the matter must be visible too (a participant sees its documents through it)
    matters = {
        "disputes.reconsideration": queries.reconsiderations,
        "disputes.petition": queries.petitions,
    }
    if d.subject_type not in matters:
        raise Http404
    scoping.get_for(request.user, matters[d.subject_type](request.user), d.subject_id)
    return _download(documents.document_docx(d), f"{d.number}-{d.get_kind_display()}.docx")


@login_required
@require_GET
def agreement(request, pk: int):
    dispute = scoping.get_for(request.user, queries.disputes(request.user), pk)
    a = getattr(dispute, "agreement", None)
    if a is None:
        raise Http404
    return _download(documents.agreement_docx(a), f"{a.number}-人民调解协议书.docx")


@login_required
@require_GET
def letter(request, pk: int):
    obj = scoping.get_for(request.user, queries.letters(request.user), pk)
    return _download(documents.letter_docx(obj), f"{obj.number}-{obj.get_kind_display()}.docx")
