"""Enforcement reads: scoped for staff, ``public_*`` for the portal."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import scoping

from .models import Case, Certificate, EnforcementBody, EnforcementItem, Officer, Publication


def cases(user) -> QuerySet[Case]:
    return scoping.scope(user, Case).select_related("body__org", "field", "item")


def public_publications() -> QuerySet[Publication]:
    """Published decisions still on view (withdrawn ones disappear from the portal)."""
    return (
        Publication.objects.filter(withdrawn_on__isnull=True)
        .select_related("decision__case__body__org")
        .order_by("-published_on", "-id")
    )


def public_bodies() -> QuerySet[EnforcementBody]:
    return EnforcementBody.objects.select_related("org").prefetch_related("fields")


def public_officers() -> QuerySet[Officer]:
    return (
        Officer.objects.filter(is_active=True)
        .select_related("body__org")
        .prefetch_related("certificates__fields")
    )


def public_items() -> QuerySet[EnforcementItem]:
    return EnforcementItem.objects.filter(is_active=True).select_related("body__org", "field")


def certificates(user) -> QuerySet[Certificate]:
    return scoping.scope(user, Certificate).select_related("officer__body__org")
