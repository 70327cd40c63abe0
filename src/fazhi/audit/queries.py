"""Every read of audit rectification and the commitments ledger, scoped by the user."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import scoping

from .models import AuditProject, Commitment, Rectification


def projects(user) -> QuerySet[AuditProject]:
    return scoping.scope(user, AuditProject).select_related("org", "audited")


def rectifications(user) -> QuerySet[Rectification]:
    return scoping.scope(user, Rectification).select_related("org", "finding__project")


def commitments(user) -> QuerySet[Commitment]:
    return scoping.scope(user, Commitment).select_related("org")


def rollup(user, year: int) -> list[dict]:
    """The roll-up for the report to the People's Congress standing committee: per kind of
    audit, the projects completed, 送审/审定/审减, findings and findings closed."""
    from django.db.models import Count, Q, Sum

    from .models import AuditKind

    rows = (
        projects(user)
        .filter(reported_on__year=year)
        .values("kind")
        .annotate(
            n=Count("id", distinct=True),
            submitted=Sum("submitted_amount"),
            approved=Sum("approved_amount"),
            cut=Sum("cut_amount"),
        )
    )
    findings = (
        projects(user)
        .filter(reported_on__year=year)
        .values("kind")
        .annotate(
            f=Count("findings"),
            closed=Count("findings", filter=Q(findings__rectification__status="closed")),
        )
    )
    extra = {r["kind"]: r for r in findings}
    labels = dict(AuditKind.choices)
    return [
        {
            **r,
            "label": labels[r["kind"]],
            "findings": extra[r["kind"]]["f"],
            "closed": extra[r["kind"]]["closed"],
        }
        for r in sorted(rows, key=lambda r: list(labels).index(r["kind"]))
    ]


def visits(user):
    from .models import CompanyVisit

    return scoping.scope(user, CompanyVisit).select_related("org")
