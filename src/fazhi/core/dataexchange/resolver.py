"""Looking up what a row names, within the importer's scope — and, when the import is for
one organisation (``--org``), within that organisation's subtree. Lookups are cached for
the run: a 100,000-row file naming one body asks the database once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from .. import scoping
from ..models import Organisation, User


class Resolver:
    def __init__(self, actor: Any, org: Organisation | None = None):
        self.actor = actor
        self.org = org
        self._cache: dict[tuple[str, Any], Any] = {}

    def scoped(self, model: type[models.Model] | models.QuerySet) -> models.QuerySet:
        """``model``'s rows the importer may see (a system actor sees all), narrowed to the
        import's organisation when there is one."""
        qs = model if isinstance(model, models.QuerySet) else model._default_manager.all()
        if isinstance(self.actor, User):
            qs = scoping.scope(self.actor, qs)
        field = getattr(qs.model, "scope_org_field", None)
        if self.org is not None and field:
            path = "path" if field == "self" else f"{field}__path"
            qs = qs.filter(**{f"{path}__startswith": self.org.path})
        return qs

    def cached(self, what: str, key: Any, fn: Callable[[], Any]) -> Any:
        """``fn()`` once per (what, key) for this run; a ValueError is cached too."""
        k = (what, key)
        if k not in self._cache:
            try:
                self._cache[k] = fn()
            except ValueError as exc:
                self._cache[k] = exc
        value = self._cache[k]
        if isinstance(value, ValueError):
            raise value
        return value

    def org_named(self, name: str) -> Organisation:
        """An organisation by its name or short name, within scope."""

        def find():
            qs = self.scoped(Organisation)
            found = list(qs.filter(name=name)) or list(qs.filter(short_name=name))
            if len(found) != 1:
                raise ValueError(_("单位“%(n)s”不存在或不在您的数据范围内。") % {"n": name})
            return found[0]

        return self.cached("org", name, find)
