"""What a domain contributes to the faces, registered from its ``AppConfig.ready()``.

The faces (workspace, portal, API) may not be imported by a domain, and the faces should not
need editing when a domain lands. So a domain declares here, once:

    registry.register(registry.Domain(
        key="enforcement",                      # the nav / portal placeholder it fills
        label=_("行政执法"),
        workspace_urls="fazhi.enforcement.urls", # mounted at /workspace/enforcement/
        workspace_home="enforcement:home",
        portal_urls="fazhi.enforcement.portal",  # mounted at /enforcement/
        portal_home="enforcement_public:home",
        portal_title=_("行政执法公示"),
        portal_description=_("执法主体、执法人员、权责清单、执法决定。"),
        api=[("enforcement/", "fazhi.enforcement.api:router")],
    ))

``fazhi/urls.py`` mounts the URL modules, ``fazhi/api.py`` adds the routers under
``/api/v1/``, the workspace navigation and the portal home show the entries. A module not
built yet keeps its disabled placeholder.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Domain:
    key: str
    label: Any
    workspace_urls: str = ""
    workspace_home: str = ""
    workspace_prefix: str = ""  # default: the key
    portal_urls: str = ""
    portal_home: str = ""
    portal_prefix: str = ""  # default: the key
    portal_title: Any = ""
    portal_description: Any = ""
    api: list[tuple[str, str]] = field(default_factory=list)  # (prefix, "module:attribute")
    order: int = 100


_domains: dict[str, Domain] = {}


def register(d: Domain) -> None:
    _domains[d.key] = d


def domains() -> list[Domain]:
    return sorted(_domains.values(), key=lambda d: (d.order, d.key))


def get(key: str) -> Domain | None:
    return _domains.get(key)


def resolve(target: str) -> Any:
    """``"module:attribute"`` → the object (an API router)."""
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)
