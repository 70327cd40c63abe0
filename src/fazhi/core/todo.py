"""我的待办: the open clocks of the matters a user handles, soonest first."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from . import clocks, matterlinks, scoping
from .models import Clock


@dataclass(frozen=True)
class TodoItem:
    clock: Clock
    card: clocks.Card
    url: str


def for_user(user, limit: int = 200) -> list[TodoItem]:
    """Open clocks whose matter the user handles, or that wait on one of the user's own
    organisations with no handler yet; within the user's scope; soonest due first, paused
    ones last."""
    org_ids = [m.org_id for m in scoping.memberships(user)]
    qs = (
        scoping.scope(user, Clock)
        .filter(stopped_on__isnull=True)
        .filter(Q(handler=user) | Q(handler__isnull=True, org_id__in=org_ids))
        .select_related("rule", "org")
        .order_by("paused", "due_on", "id")[:limit]
    )
    return [
        TodoItem(c, clocks.card(c), matterlinks.url_for(c.subject_type, c.subject_id)) for c in qs
    ]
