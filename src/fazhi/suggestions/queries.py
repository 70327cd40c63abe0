"""Every read of 人大建议/政协提案, scoped by the user (``fazhi.core.scoping``)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from fazhi.core import clocks, redaction, scoping
from fazhi.core.models import Organisation

from .models import Suggestion
from .models import SuggestionStatus as S
from .states import OFFICE_STATUSES


def suggestions(user) -> QuerySet[Suggestion]:
    return scoping.scope(user, Suggestion).select_related("org", "office")


def suggestion(user, pk) -> Suggestion:
    return scoping.get_for(user, suggestions(user), pk)


def inbox(user) -> QuerySet[Suggestion]:
    """Waiting for the user's organisations: to hand out and to evaluate (the office), to
    talk over and reply to (the lead body)."""
    orgs = [m.org_id for m in scoping.memberships(user)]
    q = Q(org__in=orgs, status=S.ASSIGNED) | Q(office__in=orgs, status__in=list(OFFICE_STATUSES))
    return suggestions(user).filter(q).order_by("received_on", "id")


def bodies() -> QuerySet[Organisation]:
    """The bodies a suggestion may be handed to: the government bodies' names are public (the
    portal lists them), read without ``scoping``, as the hotline's dispatch list."""
    return Organisation.objects.filter(is_active=True).exclude(kind__in=["party", "committee"])


def public_years() -> list[int]:
    """The years with replied suggestions, latest first (public: the report's index)."""
    return sorted(
        {
            d.year
            for d in Suggestion.objects.filter(replied_on__isnull=False).values_list(
                "replied_on", flat=True
            )
        },
        reverse=True,
    )


def public_report(year: int) -> list[dict]:
    """The published handling report of ``year`` (replied in the year). Read without
    ``scoping``: the report is public (政务公开); it carries only the fields it shows, the
    title redacted (the author's name and any personal datum masked)."""
    rows = []
    qs = Suggestion.objects.filter(replied_on__year=year).select_related("org")
    for s in qs.order_by("kind", "received_on", "id"):
        due = [c for c in clocks.for_subject(s) if c.due_on]
        rows.append(
            {
                "number": s.number,
                "serial": s.serial,
                "kind": s.get_kind_display(),
                "title": redaction.redact_text(s.title, names=[s.author]),
                "body": s.org.name,
                "result_class": s.result_class,
                "result": s.get_result_class_display(),
                "replied_on": s.replied_on,
                "on_time": bool(due) and all(s.replied_on <= c.due_on for c in due),
                "evaluation": s.get_evaluation_display(),
            }
        )
    return rows
