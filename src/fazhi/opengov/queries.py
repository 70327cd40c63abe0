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
    from django.db.models import Count, Exists, OuterRef

    from .models import DisclosureItem

    adopted = DisclosureItem.objects.filter(org=OuterRef("org"), title=OuterRef("description"))
    return (
        requests(user)
        .values("org", "org__name", "description")
        .annotate(n=Count("id"), adopted=Exists(adopted))
        .filter(n__gte=min_count)
        .order_by("-n", "description")
    )


def public_bodies():
    """The bodies a request can be addressed to: the district's offices, bureaus and streets."""
    from fazhi.core.models import Organisation, OrgKind

    return Organisation.objects.filter(
        kind__in=[OrgKind.OFFICE, OrgKind.BUREAU, OrgKind.STREET, OrgKind.DISTRICT]
    ).order_by("path")


def categories(user):
    """The 主动公开目录 categories of the bodies the user may see."""
    from .models import CatalogueCategory

    return scoping.scope(user, CatalogueCategory).select_related("org", "responsible")


def item_clocks(item_ids) -> dict[int, object]:
    """The GK-1 clock of each item (one query), for the list's cards."""
    from fazhi.core.models import Clock

    return {
        int(c.subject_id): c
        for c in Clock.objects.filter(
            subject_type="opengov.disclosureitem",
            subject_id__in=[str(i) for i in item_ids],
            rule__code="GK-1",
        )
    }


def items_coming_due(user, today, window: int, roles):
    """Unpublished items the user may act on whose GK-1 due date is within ``window`` days
    of ``today`` or past, with their clocks."""
    from fazhi.core.models import Clock

    from .models import DisclosureItem

    open_items = {
        str(i.pk): i
        for i in scoping.scope(user, DisclosureItem, roles=roles)
        .filter(published_on__isnull=True)
        .select_related("org")
    }
    if not open_items:
        return []
    import datetime as dt

    clocks_ = Clock.objects.filter(
        subject_type="opengov.disclosureitem",
        subject_id__in=list(open_items),
        rule__code="GK-1",
        stopped_on__isnull=True,
        due_on__lte=today + dt.timedelta(days=window),
    ).order_by("due_on", "id")
    return [(open_items[c.subject_id], c) for c in clocks_]


def late_items(qs, today):
    """Items red-carded under GK-1: published after their period, or still unpublished with
    the period past ``today``."""
    from django.db.models import CharField, Exists, OuterRef, Q
    from django.db.models.functions import Cast

    from fazhi.core.models import Clock

    overdue = Clock.objects.filter(
        subject_type="opengov.disclosureitem",
        subject_id=Cast(OuterRef("pk"), CharField()),
        rule__code="GK-1",
        stopped_on__isnull=True,
        due_on__lt=today,
    )
    return qs.filter(Q(on_time=False) | Q(Exists(overdue), published_on__isnull=True))


def duties(user):
    """The content duties of the departments the user may see."""
    from .models import ContentDuty

    return scoping.scope(user, ContentDuty).select_related("org")


def duty_checks(user):
    from .models import DutyCheck

    return scoping.scope(user, DutyCheck).select_related("duty", "duty__org")


def duties_unchecked(user, month: str, month_end, roles):
    """Active duties the user may act on with no check for ``month``."""
    from .models import ContentDuty

    return (
        scoping.scope(user, ContentDuty, roles=roles)
        .filter(active=True, effective_from__lte=month_end)
        .exclude(checks__month=month)
        .select_related("org")
    )


def applicant_month_count(req) -> int:
    """Requests the same applicant (ID number or credit code, else the name) made to the same
    body in the calendar month of ``req`` — the hint of GK-7 (109号 第四条 counts a month)."""
    qs = DisclosureRequest.objects.filter(
        org_id=req.org_id,
        received_on__year=req.received_on.year,
        received_on__month=req.received_on.month,
    )
    if req.applicant_id_number:
        qs = qs.filter(applicant_id_number=req.applicant_id_number)
    elif req.applicant_credit_code:
        qs = qs.filter(applicant_credit_code=req.applicant_credit_code)
    else:
        qs = qs.filter(applicant_name=req.applicant_name)
    return qs.count()
