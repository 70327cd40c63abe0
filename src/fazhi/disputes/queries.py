"""Disputes reads: scoped for staff (participants included), ``public_*`` for the portal."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from fazhi.core import scoping
from fazhi.core.models import Organisation, OrgKind, Role

from .models import (
    BacklogCase,
    Committee,
    CourtHearing,
    Dispute,
    Document,
    InspectionBatch,
    InspectionItem,
    Letter,
    Mediator,
    Petition,
    PetitionOffice,
    Reconsideration,
    ReconsiderationBody,
    RespondentCase,
)


def reconsiderations(user) -> QuerySet[Reconsideration]:
    return scoping.scope(user, Reconsideration).select_related("respondent", "body__body", "org")


def respondent_cases(user) -> QuerySet[RespondentCase]:
    return scoping.scope(user, RespondentCase).select_related("respondent", "org")


def hearings(user) -> QuerySet[CourtHearing]:
    return scoping.scope(user, CourtHearing).select_related("case__respondent")


def disputes(user) -> QuerySet[Dispute]:
    return scoping.scope(user, Dispute).select_related("committee", "street", "mediator")


def committees(user) -> QuerySet[Committee]:
    return scoping.scope(user, Committee).select_related("org")


def mediators(user) -> QuerySet[Mediator]:
    return scoping.scope(user, Mediator).select_related("committee")


def petitions(user) -> QuerySet[Petition]:
    return scoping.scope(user, Petition).select_related("handler_org", "street", "org")


def batches(user) -> QuerySet[InspectionBatch]:
    """Batches the user's office owns, and those with an item assigned to the user's unit."""
    own = scoping.scope(user, InspectionBatch)
    items = scoping.scope(user, InspectionItem).values("batch_id")
    return InspectionBatch.objects.filter(Q(pk__in=own.values("pk")) | Q(pk__in=items))


def items(user) -> QuerySet[InspectionItem]:
    return scoping.scope(user, InspectionItem).select_related("batch", "unit")


def backlog(user) -> QuerySet[BacklogCase]:
    return scoping.scope(user, BacklogCase).select_related("org")


def letters(user) -> QuerySet[Letter]:
    return scoping.scope(user, Letter).select_related("to_org", "case")


def documents(matter) -> QuerySet[Document]:
    return Document.objects.filter(
        subject_type=matter._meta.label_lower, subject_id=str(matter.pk)
    ).order_by("issued_on", "id")


def bodies(user) -> QuerySet[ReconsiderationBody]:
    return scoping.scope(user, ReconsiderationBody, roles=[Role.REVIEWER, Role.CLERK])


def offices(user) -> QuerySet[PetitionOffice]:
    return scoping.scope(user, PetitionOffice, roles=[Role.CLERK, Role.LEADER])


def district_orgs() -> QuerySet[Organisation]:
    """The bodies that may be a respondent or a unit handling an item: the district
    government and what sits under it (no outside bodies)."""
    return (
        Organisation.objects.filter(is_active=True).exclude(kind=OrgKind.EXTERNAL).order_by("path")
    )


def streets() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrgKind.STREET, is_active=True).order_by(
        "sort_order", "pk"
    )


def my_orgs(user, *roles: str) -> QuerySet[Organisation]:
    """The organisations where the user holds one of ``roles`` (to open a matter there)."""
    ids = [m.org_id for m in scoping.memberships(user, roles or None)]
    return Organisation.objects.filter(pk__in=ids).order_by("path")


# -- public reads (portal) ---------------------------------------------------------------------


def public_committees() -> QuerySet[Committee]:
    return Committee.objects.filter(is_active=True).select_related("org").order_by("level", "name")


def public_offices() -> QuerySet[PetitionOffice]:
    return PetitionOffice.objects.select_related("org")


def public_bodies() -> QuerySet[ReconsiderationBody]:
    return ReconsiderationBody.objects.select_related("org", "body")


def public_track(kind: str, number: str, code: str):
    """The matter with this number and check code, or None — the public follows its own
    application; nothing is found without both."""
    number, code = (number or "").strip(), (code or "").strip().upper()
    if not number or not code:
        return None
    model = {"petition": Petition, "dispute": Dispute, "reconsideration": Reconsideration}.get(kind)
    if model is None:
        return None
    return model.objects.filter(number=number, check_code=code).first()
