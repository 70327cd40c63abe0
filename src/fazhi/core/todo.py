"""我的待办: the matters waiting for a move the user may make, the open clocks of the matters
the user handles, and the reminders domains add through providers (a certificate about to
lapse is not a clock, yet someone has to act before a date).

Waiting matters come from the transition tables (``waiting_for``): for each status, the
moves marked ``todo`` name the roles that act next; a matter in that status is waiting for
every user who holds one of those roles with a data scope that reaches it (仅本人: the
matters the user handles or takes part in). A model may narrow its queue further with a
classmethod ``todo_filter(user, status) -> Q | None`` (a grid report is never verified by the
unit that handled it). Conditions are not evaluated for the list (a page of them would cost
a query each); the page says, per matter, whether the move can be made now or what it is
waiting for.

The kernel imports no domain, so domains register a provider at start-up (in their
``AppConfig.ready``): ``todo.register_provider("enforcement.certificates", fn)`` where
``fn(user, today)`` returns the user's ``Reminder``s, already narrowed to what the user may see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from . import clock, clocks, matterlinks, scoping, workflow
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


@dataclass
class Waiting:
    """A matter waiting for a move the user may make, with its open clocks."""

    matter: models.Model
    url: str
    moves: list[workflow.Move]
    clocks: list[tuple[Clock, clocks.Card]]

    @property
    def kind(self) -> str:
        return str(type(self.matter)._meta.verbose_name)

    @property
    def ready(self) -> list[workflow.Move]:
        return [m for m in self.moves if not m.problem]


def _queue(user, model: type[models.Model]) -> models.QuerySet | None:
    """The user's queue for one matter model: every status whose next move the user's roles
    may make, narrowed by scope (one query, however many statuses). The statuses acted on in
    the same roles share one scoped query (``status IN …``, each with the model's own
    narrowing): building the scope is most of the cost, and a model has many statuses but
    few sets of roles."""
    held = {m.role for m in scoping.memberships(user)}
    narrow = getattr(model, "todo_filter", None)
    by_roles: dict[frozenset[str], list[str]] = {}
    extras: dict[frozenset[str], Q] = {}
    for status, moves in model.TRANSITIONS.items():
        roles = frozenset({r for t in moves.values() if t.todo for r in t.roles} & held)
        if not roles:
            continue
        extra = narrow(user, status) if narrow is not None else None
        if extra is None:
            by_roles.setdefault(roles, []).append(status)
        else:
            extras[roles] = extras.get(roles, Q(pk__in=[])) | (Q(status=status) & extra)
    parts = []
    for roles in dict.fromkeys([*by_roles, *extras]):
        cond = extras.get(roles, Q(pk__in=[]))
        if roles in by_roles:
            cond |= Q(status__in=by_roles[roles])
        parts.append(scoping.scope(user, model, roles=roles).filter(cond))
    if not parts:
        return None
    qs = parts[0]
    for p in parts[1:]:
        qs = qs | p
    return qs


def waiting_count(user) -> int:
    """How many matters wait for the user (the number in the navigation)."""
    n = 0
    for model in matterlinks.matter_models():
        qs = _queue(user, model)
        if qs is not None:
            n += qs.count()
    return n


def waiting_for(user, limit: int = 200) -> list[Waiting]:
    """Matters waiting for a move the user may make, oldest first, each with the moves the
    user may make (and why one cannot be made yet) and its open clocks."""
    found: list[models.Model] = []
    for model in matterlinks.matter_models():
        qs = _queue(user, model)
        if qs is not None:
            found.extend(qs.order_by("received_on", "id")[:limit])
    found.sort(key=lambda m: (m.received_on, m._meta.label_lower, m.pk))
    found = found[:limit]
    open_clocks: dict[tuple[str, str], list[Clock]] = {}
    by_type: dict[str, list[str]] = {}
    for m in found:
        by_type.setdefault(m._meta.label_lower, []).append(str(m.pk))
    for label, ids in by_type.items():
        for c in Clock.objects.filter(
            subject_type=label, subject_id__in=ids, stopped_on__isnull=True
        ).select_related("rule"):
            open_clocks.setdefault((label, c.subject_id), []).append(c)
    out = []
    for m in found:
        label = m._meta.label_lower
        moves = [mv for mv in workflow.moves_for(m, user) if mv.transition.todo]
        if not moves:
            continue
        cs = open_clocks.get((label, str(m.pk)), [])
        out.append(
            Waiting(
                m, matterlinks.url_for(label, str(m.pk)), moves, [(c, clocks.card(c)) for c in cs]
            )
        )
    return out


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
