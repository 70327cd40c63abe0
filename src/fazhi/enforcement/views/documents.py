"""Downloads of a case's documents: the decision and notice as DOCX, the case file as ZIP.

The case is fetched through the scoped read, so a user who may not see it gets 404. The
served documents are not redacted; the responses are marked private and not stored.
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from fazhi.core import scoping

from .. import casefile, documents, queries
from ..models import Case

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _case(request, pk) -> Case:
    return scoping.get_for(request.user, queries.cases(request.user), pk)


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    resp = HttpResponse(data, content_type=content_type)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    resp["Cache-Control"] = "private, no-store"
    return resp


@login_required
@require_GET
def decision_docx(request, pk: int):
    case = _case(request, pk)
    decision = getattr(case, "decision", None)
    if decision is None:
        raise Http404
    name = f"{decision.number}-{documents.decision_title(decision)}.docx"
    return _download(documents.decision_docx(decision), name, DOCX)


@login_required
@require_GET
def notice_docx(request, pk: int):
    case = _case(request, pk)
    if not case.notified_on:
        raise Http404
    name = f"{case.number}-{documents.notice_title()}.docx"
    return _download(documents.notice_docx(case), name, DOCX)


@login_required
@require_GET
def casefile_zip(request, pk: int):
    """导出案卷; the copy is recorded in the ledger."""
    case = _case(request, pk)
    data = casefile.casefile_export(actor=request.user, case=case)
    return _download(data, _("%(n)s-案卷.zip") % {"n": case.number}, "application/zip")
