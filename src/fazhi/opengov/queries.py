"""Every read of open government, scoped by the user; public reads for the portal."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import scoping

from .models import DisclosureRequest


def requests(user) -> QuerySet[DisclosureRequest]:
    return scoping.scope(user, DisclosureRequest).select_related("org")


def public_request(number: str, check_code: str) -> DisclosureRequest | None:
    """Tracking by number plus check code: both must match (no enumeration by number)."""
    number, check_code = number.strip(), check_code.strip()
    if not number or len(check_code) != 6:
        return None
    return (
        DisclosureRequest.objects.filter(number=number, check_code=check_code)
        .select_related("org")
        .first()
    )


def public_reports():
    """Published annual reports only (frozen)."""
    from .models import AnnualReport

    return AnnualReport.objects.filter(published_on__isnull=False).select_related("org")


def items(user):
    from .models import DisclosureItem

    return scoping.scope(user, DisclosureItem).select_related("org")


def public_items():
    """Published items of the catalogue."""
    from .models import DisclosureItem

    return DisclosureItem.objects.filter(published_on__isnull=False).select_related("org")


def repeat_suggestions(user, min_count: int = 3):
    """依申请公开转主动公开: information asked for by ``min_count`` or more requests to the
    same body is suggested for the proactive catalogue (条例第四十四条)."""
    from django.db.models import Count

    return (
        requests(user)
        .values("org__name", "description")
        .annotate(n=Count("id"))
        .filter(n__gte=min_count)
        .order_by("-n", "description")
    )


def public_bodies():
    """The bodies a request can be addressed to: the district's offices, bureaus and streets."""
    from fazhi.core.models import Organisation, OrgKind

    return Organisation.objects.filter(
        kind__in=[OrgKind.OFFICE, OrgKind.BUREAU, OrgKind.STREET, OrgKind.DISTRICT]
    ).order_by("path")
