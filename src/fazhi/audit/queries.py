"""Every read of audit rectification and the commitments ledger, scoped by the user."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

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
    return rollup_of(projects(user), year)


def rollup_of(base, year: int) -> list[dict]:
    """``rollup`` over the projects ``base`` (a user's scope, or an audit body's own)."""
    from django.db.models import Count, Q, Sum

    from .models import AuditKind

    rows = (
        base.filter(reported_on__year=year)
        .values("kind")
        .annotate(
            n=Count("id", distinct=True),
            submitted=Sum("submitted_amount"),
            approved=Sum("approved_amount"),
            cut=Sum("cut_amount"),
        )
    )
    findings = (
        base.filter(reported_on__year=year)
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


#: Ageing buckets of open findings, in days since the audit report (upper bounds inclusive).
BUCKETS = (
    (30, _("30天以内")),
    (90, _("31至90天")),
    (180, _("91至180天")),
    (365, _("181天至1年")),
    (None, _("1年以上")),
)


def ageing_of(rects, today) -> list[dict]:
    """Open findings (rectification not 销号) by age since their audit report: per bucket
    the findings, the amount involved and how many are past their SJ-1 due date."""
    from decimal import Decimal

    from fazhi.core.models import Clock

    from .models import RectificationStatus

    open_ = list(
        rects.exclude(status=RectificationStatus.CLOSED).select_related("finding__project")
    )
    due = {
        c.subject_id: c.due_on
        for c in Clock.objects.filter(
            subject_type="audit.rectification",
            subject_id__in=[str(r.pk) for r in open_],
            rule__code="SJ-1",
        )
    }
    out = [
        {"label": str(label), "n": 0, "amount": Decimal(0), "overdue": 0} for _b, label in BUCKETS
    ]
    for r in open_:
        since = r.finding.project.reported_on or r.received_on
        age = (today - since).days
        i = next(i for i, (bound, _l) in enumerate(BUCKETS) if bound is None or age <= bound)
        out[i]["n"] += 1
        out[i]["amount"] += r.finding.amount
        d = due.get(str(r.pk))
        if d is not None and today > d:
            out[i]["overdue"] += 1
    return out


def ageing(user, today) -> list[dict]:
    return ageing_of(rectifications(user), today)


def rollup_reports(user):
    from .models import RollupReport

    return scoping.scope(user, RollupReport).select_related("org")
