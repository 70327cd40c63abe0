"""Every read of 人大建议/政协提案, scoped by the user (``fazhi.core.scoping``)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from fazhi.core import scoping
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
