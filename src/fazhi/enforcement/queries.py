"""Enforcement reads: scoped for staff, ``public_*`` for the portal."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from fazhi.core import clock, scoping
from fazhi.core.models import Role

from .models import (
    AnnualStatistics,
    Case,
    CaseOfficer,
    Certificate,
    CertificateStatus,
    Decision,
    EnforcementBody,
    EnforcementItem,
    LegalReview,
    Officer,
    Publication,
    ReviewOpinion,
)


def bodies(user) -> QuerySet[EnforcementBody]:
    """The enforcement bodies the user may see."""
    return scoping.scope(user, EnforcementBody).select_related("org")


def editable_bodies(user) -> list[EnforcementBody]:
    """The bodies whose power list the user keeps (their leader or an administrator)."""
    return [b for b in bodies(user) if scoping.has_role(user, Role.ADMIN, Role.LEADER, org=b.org)]


def cases(user) -> QuerySet[Case]:
    return scoping.scope(user, Case).select_related("body__org", "field", "item")


def public_publications() -> QuerySet[Publication]:
    """Published decisions still on view (withdrawn ones disappear from the portal)."""
    return (
        Publication.objects.filter(withdrawn_on__isnull=True)
        .select_related("decision__case__body__org")
        .order_by("-published_on", "-id")
    )


def public_decision_search(params) -> QuerySet[Publication]:
    """Published decisions narrowed by what the public may ask (``filters.DecisionSearchFilter``:
    number, body, field, decision dates, a name as published); what does not parse is
    ignored."""
    from .filters import DecisionSearchFilter

    qs = public_publications().select_related("decision__case__field")
    return DecisionSearchFilter(params, queryset=qs).qs


def public_statistics() -> QuerySet[AnnualStatistics]:
    """Published annual enforcement statistics, newest year first."""
    return (
        AnnualStatistics.objects.filter(published_on__isnull=False)
        .select_related("body__org")
        .order_by("-year", "body__org__name")
    )


def public_bodies() -> QuerySet[EnforcementBody]:
    return EnforcementBody.objects.select_related("org").prefetch_related("fields")


def public_officers() -> QuerySet[Officer]:
    """Officers on duty with the certificates they hold today (a lapsed or replaced
    certificate is history, shown on the staff pages only)."""
    current = Certificate.objects.filter(
        status=CertificateStatus.VALID, valid_to__gte=clock.today()
    ).prefetch_related("fields")
    return (
        Officer.objects.filter(is_active=True)
        .select_related("body__org")
        .prefetch_related(Prefetch("certificates", queryset=current))
    )


def public_items() -> QuerySet[EnforcementItem]:
    return EnforcementItem.objects.filter(is_active=True).select_related("body__org", "field")


def certificates(user) -> QuerySet[Certificate]:
    return scoping.scope(user, Certificate).select_related("officer__body__org")


# --- officers and their certificates ---------------------------------------------------------


def officers(user) -> QuerySet[Officer]:
    return scoping.scope(user, Officer).select_related("body__org")


def officer_certificates(
    user, *, field: str = "", status: str = "", expiring_by: dt.date | None = None
) -> QuerySet[Certificate]:
    """The user's certificates narrowed by the officer list's certificate filters: a field
    the certificate covers, its status, or still valid but lapsing by ``expiring_by`` (which
    takes in those already past their date and not yet marked)."""
    qs = certificates(user)
    if field:
        qs = qs.filter(fields__code=field)
    if status in CertificateStatus.values:
        qs = qs.filter(status=status)
    if expiring_by is not None:
        qs = qs.filter(status=CertificateStatus.VALID, valid_to__lte=expiring_by)
    return qs


def officer_list(
    user,
    *,
    body: int | None = None,
    field: str = "",
    status: str = "",
    expiring_by: dt.date | None = None,
    q: str = "",
    active: bool | None = None,
) -> tuple[QuerySet[Officer], QuerySet[Certificate]]:
    """The officer list's rows and the certificates to show with them: with a certificate
    filter, an officer is listed when one of their certificates passes it, and only those
    certificates are shown; without one, every officer and every certificate."""
    rows = officers(user)
    if body:
        rows = rows.filter(body_id=body)
    if active is not None:
        rows = rows.filter(is_active=active)
    if q:
        numbered = Certificate.objects.filter(officer=OuterRef("pk"), number__icontains=q)
        rows = rows.filter(Q(name__icontains=q) | Q(Exists(numbered)))
    certs = officer_certificates(user, field=field, status=status, expiring_by=expiring_by)
    if field or status in CertificateStatus.values or expiring_by is not None:
        rows = rows.filter(Exists(certs.filter(officer=OuterRef("pk"))))
    return rows, certs


def officer_cases(user, officer: Officer) -> QuerySet[CaseOfficer]:
    """The cases ``officer`` is assigned to, as far as the user may see those cases."""
    return (
        CaseOfficer.objects.filter(officer=officer, case__in=cases(user).values("pk"))
        .select_related("case__body__org", "certificate")
        .order_by("-case__received_on", "-case_id")
    )


def expiring_certificates(user, *, today: dt.date, days: int = 30) -> QuerySet[Certificate]:
    """Certificates of officers on duty that are still ``valid`` but lapse within ``days``
    of ``today`` (or have lapsed already without being marked) — for the supervisors, within
    their scope, and for the leaders of the holder's own body. A certificate already
    replaced by a newer valid one of the same officer (湖南's provincial certificates by the
    national one in 2022) is no longer anyone's to-do."""
    renewed = Certificate.objects.filter(
        officer=OuterRef("officer"),
        status=CertificateStatus.VALID,
        valid_to__gt=OuterRef("valid_to"),
    )
    due = (
        scoping.scope(user, Certificate)
        .filter(
            status=CertificateStatus.VALID,
            officer__is_active=True,
            valid_to__lte=today + dt.timedelta(days=days),
        )
        .exclude(Exists(renewed))
        .select_related("officer__body__org")
        .order_by("valid_to", "number")
    )
    supervised = Q(pk__in=scoping.scope(user, Certificate, roles=[Role.SUPERVISOR]).values("pk"))
    led_orgs = [m.org_id for m in scoping.memberships(user, [Role.LEADER])]
    return due.filter(supervised | Q(officer__body__org_id__in=led_orgs))


# --- 法制审核登记 -------------------------------------------------------------------------------


def reviews(user) -> QuerySet[LegalReview]:
    """Legal reviews of the cases the user may see."""
    return LegalReview.objects.filter(case__in=cases(user).values("pk")).select_related(
        "case__body__org", "reviewer"
    )


def review_list(
    user,
    *,
    body: int | None = None,
    opinion: str = "",
    pending: bool | None = None,
    year: int | None = None,
) -> QuerySet[LegalReview]:
    """The register's rows: by the case's body, the opinion, pending or decided, and the
    year the case was submitted for review."""
    rows = reviews(user)
    if body:
        rows = rows.filter(case__body_id=body)
    if opinion in ReviewOpinion.values:
        rows = rows.filter(opinion=opinion)
    if pending is True:
        rows = rows.filter(opinion="")
    elif pending is False:
        rows = rows.exclude(opinion="")
    if year:
        rows = rows.filter(submitted_on__year=year)
    return rows


def major_decisions(
    user, *, body: int | None = None, year: int | None = None
) -> QuerySet[Decision]:
    """Decisions on major cases (重大执法决定) the user may see, by body and decision year."""
    rows = Decision.objects.filter(case__in=cases(user).values("pk"), case__is_major=True)
    if body:
        rows = rows.filter(case__body_id=body)
    if year:
        rows = rows.filter(decided_on__year=year)
    return rows


def review_coverage(user, *, body: int | None = None, year: int | None = None) -> tuple[int, int]:
    """(reviewed, all) major decisions: those whose case had a review passed on or before the
    decision date (行政处罚法 2021 Art.58), as indicator ENF-REVIEW-COVERAGE counts them."""
    majors = major_decisions(user, body=body, year=year)
    passed = LegalReview.objects.filter(
        case=OuterRef("case"), opinion=ReviewOpinion.PASS, decided_on__lte=OuterRef("decided_on")
    )
    return majors.filter(Exists(passed)).count(), majors.count()
