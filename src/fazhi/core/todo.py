"""我的待办: the open clocks of the matters a user handles, soonest first — and the reminders
domains add through providers (a certificate about to lapse is not a clock, yet someone has
to act before a date).

The kernel imports no domain, so domains register a provider at start-up (in their
``AppConfig.ready``): ``todo.register_provider("enforcement.certificates", fn)`` where
``fn(user, today)`` returns the user's ``Reminder``s, already narrowed to what the user may see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from . import clock, clocks, matterlinks, scoping
from .models import Clock


@dataclass(frozen=True)
class TodoItem:
    clock: Clock
    card: clocks.Card
    url: str


@dataclass(frozen=True)
class Reminder:
    """One thing coming due that a domain puts on a user's to-do; ``days_left`` is negative
    once ``due_on`` has passed."""

    title: str
    detail: str
    url: str
    due_on: dt.date
    days_left: int

    @property
    def status(self) -> str:
        """The card colour, as for clocks: red once past, yellow while coming due."""
        return "red" if self.days_left < 0 else "yellow"

    @property
    def label(self) -> str:
        if self.days_left < 0:
            return _("已过期 %(n)s 天") % {"n": -self.days_left}
        if self.days_left == 0:
            return _("今天到期")
        return _("距今还有 %(n)s 天") % {"n": self.days_left}


Provider = Callable[[Any, dt.date], Iterable[Reminder]]
_providers: dict[str, Provider] = {}


def register_provider(key: str, provider: Provider) -> None:
    """Add (or, under the same key, replace) a domain's reminder provider."""
    _providers[key] = provider


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


def reminders_for(user, limit: int = 200) -> list[Reminder]:
    """Every provider's reminders for ``user``, soonest due first."""
    if not scoping.memberships(user):
        return []
    today = clock.today()
    items = [r for provider in _providers.values() for r in provider(user, today)]
    items.sort(key=lambda r: (r.due_on, r.title))
    return items[:limit]
