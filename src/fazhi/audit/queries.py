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
