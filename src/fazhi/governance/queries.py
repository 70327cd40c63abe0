"""Every read of 依法治区, scoped by the user (``fazhi.core.scoping``)."""

from __future__ import annotations

from django.db.models import CharField, Exists, OuterRef, QuerySet
from django.db.models.functions import Cast

from fazhi.core import clock, scoping
from fazhi.core.models import Clock, Organisation

from .models import Body, Duty, PointStatus, WorkPlan, WorkPoint

SUBJECT = "governance.workpoint"


def _open_late():
    return Clock.objects.filter(
        subject_type=SUBJECT,
        subject_id=Cast(OuterRef("pk"), CharField()),
        stopped_on__isnull=True,
        due_on__lt=clock.today(),
    )


def work_points(user) -> QuerySet[WorkPoint]:
    """The points the user may see (lead body, supporting bodies, the office), each marked
    ``red`` when its clock is open past its due date (the red card)."""
    return (
        scoping.scope(user, WorkPoint)
        .select_related("org", "plan", "office")
        .annotate(red=Exists(_open_late()))
    )


def work_point(user, pk) -> WorkPoint:
    return scoping.get_for(user, work_points(user), pk)


def overdue(user) -> QuerySet[WorkPoint]:
    return work_points(user).filter(red=True).exclude(status=PointStatus.DONE)


def plans(user) -> QuerySet[WorkPlan]:
    return scoping.scope(user, WorkPlan).select_related("org", "office")


def plan(user, pk) -> WorkPlan:
    return scoping.get_for(user, plans(user), pk)


def bodies(user) -> QuerySet[Body]:
    """The committee and its bodies: their names and rules of work are known to every body of
    the district (the committee directs them all), read without ``scoping`` like the list of
    bodies a point may be given to."""
    return Body.objects.select_related("org", "host").prefetch_related("work_rules")


def body(user, pk) -> Body:
    return scoping.get_for(user, Body.objects.select_related("org", "host"), pk)


def duties(user) -> QuerySet[Duty]:
    return scoping.scope(user, Duty).select_related("org", "attachment")


def lead_bodies() -> QuerySet[Organisation]:
    """The bodies a point may be led or supported by: the government bodies and streets,
    whose names are public (as the suggestions' list)."""
    return Organisation.objects.filter(is_active=True).exclude(
        kind__in=["party", "committee", "external", "community", "village"]
    )
