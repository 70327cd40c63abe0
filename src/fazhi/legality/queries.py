"""Every staff read of the legality domain, through the one scoping function: the review
register, the normative documents, the major decisions and the filing reviews the user may
see (their own body's, and those their body reviews, registers or decides)."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import scoping

from .models import FiledDocument, MajorDecision, NormativeDocument, ReviewRequest


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


def decision(user, pk) -> MajorDecision:
    return scoping.get_for(user, MajorDecision.objects.select_related("org"), pk)


def filed(user, pk) -> FiledDocument:
    return scoping.get_for(user, FiledDocument.objects.select_related("org", "review_org"), pk)
