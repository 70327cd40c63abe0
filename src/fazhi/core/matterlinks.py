"""The registry of matters: which models are matters, and where each one's page is.

The kernel cannot import the domains or the faces (layering), yet the to-do, the timeline,
the indicators' record lists and the ledger's state check all reach every kind of matter.
Each domain registers its matter models from its ``AppConfig.ready()``:

    matterlinks.register_matter(Case, lambda pk: reverse("enforcement:case", args=[pk]))

A model registered here with a ``TRANSITIONS`` table takes part in 我的待办 (the table says
who acts next); every registered model can be opened from a ledger event or a figure.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

_makers: dict[str, Callable[[str], str]] = {}
_models: dict[str, type[models.Model]] = {}


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
