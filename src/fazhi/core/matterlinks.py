"""The registry of matters: which models are matters, and where each one's page is.

The kernel cannot import the domains or the faces (layering), yet the to-do, the timeline,
the indicators' record lists and the ledger's state check all reach every kind of matter.
Each domain registers its matter models from its ``AppConfig.ready()``:

    matterlinks.register_matter(Case, lambda pk: reverse("enforcement:case", args=[pk]))

A model registered here with a ``TRANSITIONS`` table takes part in 我的待办 (the table says
who acts next); every registered model can be opened from a ledger event or a figure.

A domain can also *offer* its records to another domain's form without either importing the
other: the website monitor offers its findings on a column to the month's content-duty check
(open government). The offering domain registers a provider for a topic; the asking face calls
``offers(topic, user, **about)`` and gets the records the user may see, each with its page:

    matterlinks.register_offer("website.column", column_findings)
    matterlinks.offers("website.column", user, column="通知公告", month="2019-10")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

_makers: dict[str, Callable[[str], str]] = {}
_models: dict[str, type[models.Model]] = {}
_offers: dict[str, list[Callable[..., list[Offer]]]] = {}


@dataclass(frozen=True)
class Offer:
    """A record one domain offers to another's form: what it is, which, what it says."""

    subject_type: str  # app.model
    subject_id: str
    label: str

    @property
    def key(self) -> str:
        """The value a form posts back for it."""
        return f"{self.subject_type}:{self.subject_id}"

    @property
    def url(self) -> str:
        return url_for(self.subject_type, self.subject_id)


def register(label_lower: str, maker: Callable[[str], str]) -> None:
    """Where records of ``label_lower`` (``app.model``) are shown, for a record that is not a
    matter (a grid cell, a campaign record)."""
    _makers[label_lower] = maker


def register_matter(model: type[models.Model], maker: Callable[[str], str]) -> None:
    """Register a matter model and its page."""
    label = model._meta.label_lower
    _models[label] = model
    _makers[label] = maker


def matter_models() -> list[type[models.Model]]:
    """Every registered matter model, in registration order."""
    return list(_models.values())


def url_for(subject_type: str, subject_id: str) -> str:
    maker = _makers.get(subject_type)
    return maker(subject_id) if maker else ""


def register_offer(topic: str, provider: Callable[..., list[Offer]]) -> None:
    """``provider(user, **about)`` returns the records of ``topic`` the user may see (it reads
    through the scoping function, as every read does)."""
    _offers.setdefault(topic, []).append(provider)


def offers(topic: str, user: Any, **about: Any) -> list[Offer]:
    """Every registered provider's offers on ``topic``, in registration order; none when no
    domain offers anything on it (the form then takes references typed by hand)."""
    return [o for provider in _offers.get(topic, []) for o in provider(user, **about)]
