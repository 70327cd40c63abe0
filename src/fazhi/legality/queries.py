"""Every staff read of the legality domain, through the one scoping function: the review
register, the normative documents, the major decisions and the filing reviews the user may
see (their own body's, and those their body reviews, registers or decides)."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import scoping
from fazhi.core.models import Organisation

from .models import (
    Adviser,
    Cleanup,
    Consultation,
    Engagement,
    FiledDocument,
    MajorDecision,
    NormativeDocument,
    ReviewRequest,
)


def reviews(user, *, status: str = "", kind: str = "", mine: bool = False) -> QuerySet:
    qs = scoping.scope(user, ReviewRequest).select_related("org", "review_org", "reviewer")
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if mine:
        qs = qs.filter(reviewer=user)
    return qs.order_by("-received_on", "-id")


def review(user, pk) -> ReviewRequest:
    qs = ReviewRequest.objects.select_related("org", "review_org", "reviewer", "document")
    return scoping.get_for(user, qs, pk)


def documents(user, *, status: str = "") -> QuerySet:
    qs = scoping.scope(user, NormativeDocument).select_related("org", "issuer")
    return (qs.filter(status=status) if status else qs).order_by("-received_on", "-id")


def document(user, pk) -> NormativeDocument:
    return scoping.get_for(user, NormativeDocument.objects.select_related("org", "issuer"), pk)


def my_orgs(user, *roles: str) -> QuerySet[Organisation]:
    """The organisations where the user holds one of ``roles`` (to open a draft there)."""
    ids = [m.org_id for m in scoping.memberships(user, roles or None)]
    return Organisation.objects.filter(pk__in=ids).order_by("path")


def consultation(user, pk) -> Consultation:
    qs = Consultation.objects.select_related("org", "document", "decision")
    return scoping.get_for(user, qs, pk)


def decisions(user, *, status: str = "") -> QuerySet:
    qs = scoping.scope(user, MajorDecision).select_related("org", "item")
    return (qs.filter(status=status) if status else qs).order_by("-received_on", "-id")


def decision(user, pk) -> MajorDecision:
    return scoping.get_for(user, MajorDecision.objects.select_related("org"), pk)


def filings(user, *, status: str = "", org: str = "", late: bool = False, q: str = ""):
    """The filings the user may see (their body's own, and those their body reviews),
    filtered by status, filing body, red card (filed after the limit) and a word of the
    title or the document number."""
    from django.db.models import Q

    qs = scoping.scope(user, FiledDocument).select_related("org", "review_org")
    if status:
        qs = qs.filter(status=status)
    if org.isdigit():
        qs = qs.filter(org_id=int(org))
    if late:
        qs = qs.filter(late=True)
    if q.strip():
        qs = qs.filter(Q(title__icontains=q.strip()) | Q(doc_number__icontains=q.strip()))
    return qs.order_by("-received_on", "-id")


def filing_bodies(user) -> QuerySet[Organisation]:
    """The filing bodies of the filings the user may see (the list's filter)."""
    orgs = scoping.scope(user, FiledDocument).values("org_id")
    return Organisation.objects.filter(pk__in=orgs).order_by("path")


def filed(user, pk) -> FiledDocument:
    return scoping.get_for(user, FiledDocument.objects.select_related("org", "review_org"), pk)


def version_diff(user, document_pk, a: int, b: int):
    """The paragraph-by-paragraph comparison of two drafts of one document (by draft
    number); a draft of another document is refused, never compared."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from . import textdiff

    doc = document(user, document_pk)
    found = {v.n: v for v in doc.versions.filter(n__in=[a, b])}
    if a not in found or b not in found:
        raise ValidationError(_("所选稿本不属于本文件，不能比对。"))
    return textdiff.compare(found[a].text, found[b].text)


def round_diffs(req: ReviewRequest) -> list[dict]:
    """The text of each review round compared with the round before it, paragraph by
    paragraph (the request is the one the user may see: ``review(user, pk)``)."""
    from . import textdiff

    rounds = list(req.round_set.order_by("n").only("n", "text"))
    out = []
    for old, new in zip(rounds, rounds[1:], strict=False):
        rows = textdiff.compare(old.text, new.text)
        out.append({"a": old.n, "b": new.n, "rows": rows, "counts": textdiff.summary(rows),
                    "tid": f"round-diff-table-{new.n}"})  # fmt: skip
    return out


def act_orgs(user, *roles: str) -> QuerySet[Organisation]:
    """The organisations the user's memberships in ``roles`` reach, by their data scope
    (a street's desk with 本部门及以下 engages advisers for its communities and villages)."""
    from django.db.models import Q

    from fazhi.core.models import DataScope

    q = Q(pk__in=[])
    for m in scoping.memberships(user, roles or None):
        if m.data_scope == DataScope.ALL:
            return Organisation.objects.order_by("path")
        if m.data_scope == DataScope.SUBTREE:
            q |= Q(path__startswith=m.org.path)
        else:
            q |= Q(pk=m.org_id)
    return Organisation.objects.filter(q).order_by("path")


def advisers(user, *, kind: str = "") -> QuerySet:
    qs = scoping.scope(user, Adviser).select_related("org").distinct()
    return (qs.filter(kind=kind) if kind else qs).order_by("kind", "name", "id")


def adviser(user, pk) -> Adviser:
    return scoping.get_for(user, Adviser.objects.select_related("org"), pk)


def engagements(user, *, org: str = "", adviser=None) -> QuerySet:
    """The engagements the user may see, by the unit served (a unit and what is under it)."""
    qs = scoping.scope(user, Engagement).select_related("adviser", "org")
    if adviser is not None:
        qs = qs.filter(adviser=adviser)
    if org.isdigit():
        unit = Organisation.objects.filter(pk=int(org)).first()
        qs = qs.filter(org__path__startswith=unit.path) if unit else qs.none()
    return qs.order_by("org__path", "-starts_on", "id")


def cleanups(user) -> QuerySet:
    return scoping.scope(user, Cleanup).select_related("org").order_by("-started_on", "-id")


def cleanup(user, pk) -> Cleanup:
    return scoping.get_for(user, Cleanup.objects.select_related("org"), pk)


# -- public reads (the portal) ---------------------------------------------------------------

PUBLIC_STATUSES = ("issued", "repealed", "invalid", "expired")


def public_documents(*, q: str = "", issuer: str = "", year: str = "", status: str = ""):
    """The published normative documents (in force or not), searched by a Chinese phrase
    and filtered by issuer, year and status."""
    from . import search

    qs = NormativeDocument.objects.filter(
        status__in=PUBLIC_STATUSES, published_on__isnull=False
    ).select_related("issuer")
    if issuer.isdigit():
        qs = qs.filter(issuer_id=int(issuer))
    if year.isdigit():
        qs = qs.filter(published_on__year=int(year))
    if status in PUBLIC_STATUSES:
        qs = qs.filter(status=status)
    if q.strip():
        qs = search.filter_documents(qs, q)
    return qs.order_by("-published_on", "-id")


def public_consultations():
    """Every consultation published on the site (open ones first, then the closed ones
    with their summaries)."""
    return Consultation.objects.select_related("org").order_by("-opens_on", "-id")


def public_consultation(pk) -> Consultation:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(public_consultations(), pk=pk)


def public_document(pk) -> NormativeDocument:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(public_documents(), pk=pk)


def public_catalogues(year: str = ""):
    """The published annual catalogues of major decisions (the year's when ``year`` is
    given), newest first, with their items."""
    from .models import DecisionCatalogue

    qs = DecisionCatalogue.objects.filter(published_on__isnull=False).select_related("org")
    if year.isdigit():
        qs = qs.filter(year=int(year))
    return qs.order_by("-year", "org__name")


def public_decisions(catalogue):
    """The decisions of a published catalogue that are public (published or archived): the
    decision, its date and its explanation, by catalogue item."""
    return (
        MajorDecision.objects.filter(
            item__catalogue=catalogue, status__in=("published", "archived")
        )
        .select_related("item")
        .order_by("item__seq", "id")
    )
