"""The same person and the same place across mechanisms: repeat petitioners recognised by
their identity number across petitions, mediation, backlog cases, reconsideration and
litigation — and hot spots, the streets where petitions and disputes gather.

Other domains (the 12345 hotline) hold people and places too, but a domain may not import
another: they add their records through ``register_source`` (a kernel facility in waiting:
a person index every domain feeds). Every read is scoped to what the user may see.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from fazhi.core import matterlinks, scoping

from .models import BacklogPerson, Dispute, DisputeParty, Petition, PetitionPerson


@dataclass(frozen=True)
class Appearance:
    kind: str  # 信访事项, 矛盾纠纷 …
    label: str
    url: str
    on: dt.date
    status: str


Source = Callable[[object, str], Iterable[Appearance]]
_sources: dict[str, Source] = {}


def register_source(key: str, fn: Source) -> None:
    """Add the records of another domain where a person appears (``fn(user, id_number)``)."""
    _sources[key] = fn


def _rows(user, model, matter_field: str, id_number: str, kind) -> list[Appearance]:
    """The rows of ``model`` (people of a matter) with ``id_number`` whose matter the user
    may see (a participant unit sees the people of the petitions assigned to it)."""
    matter_model = model._meta.get_field(matter_field).related_model
    visible = model.objects.filter(
        id_number=id_number, **{f"{matter_field}__in": scoping.scope(user, matter_model)}
    )
    out = []
    for row in visible.select_related(matter_field)[:50]:
        m = getattr(row, matter_field)
        url = matterlinks.url_for(m._meta.label_lower, str(m.pk))
        out.append(Appearance(str(kind), str(m), url, m.received_on, m.get_status_display()))
    return out


def appearances(user, id_number: str, *, exclude=None) -> list[Appearance]:
    """Everything the user may see where ``id_number`` appears, newest first (``exclude``:
    the matter being looked at)."""
    id_number = (id_number or "").strip().upper()
    if not id_number:
        return []
    found = [
        *_rows(user, PetitionPerson, "petition", id_number, _("信访事项")),
        *_rows(user, DisputeParty, "dispute", id_number, _("矛盾纠纷")),
        *_rows(user, BacklogPerson, "case", id_number, _("信访积案")),
    ]
    for fn in _sources.values():
        found.extend(fn(user, id_number))
    if exclude is not None:
        skip = matterlinks.url_for(exclude._meta.label_lower, str(exclude.pk))
        found = [a for a in found if a.url != skip]
    return sorted(found, key=lambda a: a.on, reverse=True)


def repeat_people(user, matter) -> list[tuple[str, list[Appearance]]]:
    """For each person of ``matter`` (a petition or a dispute) with an identity number, the
    other records they appear in — what the handler should know before answering."""
    if isinstance(matter, Petition):
        people = matter.persons.all()
    elif isinstance(matter, Dispute):
        people = matter.parties.all()
    else:
        return []
    out = []
    for p in people:
        if p.id_number:
            seen = appearances(user, p.id_number, exclude=matter)
            if seen:
                out.append((p.name, seen))
    return out


@dataclass(frozen=True)
class HotSpot:
    street: str
    petitions: int
    disputes: int

    @property
    def total(self) -> int:
        return self.petitions + self.disputes


def hot_spots(user, since: dt.date, until: dt.date, *, threshold: int = 20) -> list[HotSpot]:
    """Streets where at least ``threshold`` petitions and disputes arose between the dates
    (early warning), most first — only what the user may see is counted."""
    pet = Counter(
        dict(
            scoping.scope(user, Petition)
            .filter(received_on__gte=since, received_on__lte=until, street__isnull=False)
            .values_list("street__name")
            .annotate(n=Count("pk"))
            .values_list("street__name", "n")
        )
    )
    dis = Counter(
        dict(
            scoping.scope(user, Dispute)
            .filter(received_on__gte=since, received_on__lte=until, street__isnull=False)
            .values_list("street__name")
            .annotate(n=Count("pk"))
            .values_list("street__name", "n")
        )
    )
    spots = [HotSpot(s, pet[s], dis[s]) for s in set(pet) | set(dis)]
    return sorted((h for h in spots if h.total >= threshold), key=lambda h: (-h.total, h.street))
