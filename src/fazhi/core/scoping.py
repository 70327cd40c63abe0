"""The one scoping function: what a user may see and change. Deny by default.

Every list, detail, export, API answer and report goes through ``scope()`` or ``get_for()``.
A model opts in by naming the path to its owning organisation in ``scope_org_field``
(``"self"`` for ``Organisation``) and, for the 仅本人 scope, its owner in
``scope_owner_field``. A model without ``scope_org_field`` is invisible to everyone.

A membership covers its organisation's subtree, narrowed by its data scope:

- 全部 (all): everything;
- 本部门及以下 (subtree): the organisation and everything below it;
- 本部门 (org): the organisation itself;
- 仅本人 (self): records in the organisation that the user handles or created.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models
from django.db.models import Q
from django.http import Http404

from .models import DataScope, Membership, Organisation, Role, User

M = TypeVar("M", bound=models.Model)

READ_ONLY_ROLES: frozenset[str] = frozenset()


def memberships(user: Any, roles: Iterable[str] | None = None) -> list[Membership]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cache = getattr(user, "_fazhi_memberships", None)
    if cache is None:
        cache = list(
            Membership.objects.filter(
                user=user, is_active=True, org__is_active=True
            ).select_related("org")
        )
        user._fazhi_memberships = cache
    if roles is None:
        return cache
    wanted = set(roles)
    return [m for m in cache if m.role in wanted]


def has_role(user: Any, *roles: str, org: Organisation | None = None) -> bool:
    """Whether the user holds one of ``roles`` in ``org`` — through a membership in it or an
    organisation above it, or one whose data scope is 全部 (which covers every organisation)."""
    for m in memberships(user, roles):
        if org is None or m.data_scope == DataScope.ALL or org.path.startswith(m.org.path):
            return True
    return False


def is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False)) or has_role(user, Role.ADMIN)


def _org_q(prefix: str, m: Membership) -> Q:
    if m.data_scope == DataScope.ALL:
        return Q()
    if prefix == "self":
        path_field, pk_field = "path", "pk"
    else:
        path_field, pk_field = f"{prefix}__path", prefix
    if m.data_scope == DataScope.SUBTREE:
        return Q(**{f"{path_field}__startswith": m.org.path})
    return Q(**{pk_field: m.org_id})


def scope(
    user: Any, qs: models.QuerySet[M] | type[M], *, roles: Iterable[str] | None = None
) -> models.QuerySet[M]:
    """Narrow ``qs`` to what ``user`` may see (or, with ``roles``, act on in those roles)."""
    if isinstance(qs, type):
        qs = qs._default_manager.all()
    model = qs.model
    field = getattr(model, "scope_org_field", None)
    ms = memberships(user, roles)
    if field is None or not ms:
        return qs.none()
    owner = getattr(model, "scope_owner_field", None)
    cond = Q(pk__in=[])
    for m in ms:
        if m.data_scope == DataScope.ALL:
            return qs
        if m.data_scope == DataScope.SELF:
            if owner is None:
                # A model with no owner falls back to the organisation itself.
                cond |= _org_q(field, Membership(org=m.org, data_scope=DataScope.ORG))
            else:
                org_cond = _org_q(field, Membership(org=m.org, data_scope=DataScope.ORG))
                cond |= org_cond & Q(**{owner: user})
        else:
            cond |= _org_q(field, m)
    return qs.filter(cond)


def get_for(
    user: Any,
    qs: models.QuerySet[M] | type[M],
    pk: Any,
    *,
    write: bool = False,
    roles: Iterable[str] | None = None,
) -> M:
    """Fetch one object the user may see, or raise Http404 — never a 403 that leaks existence.

    ``write=True`` also requires a role that may change it: ``roles`` if given, else the
    model's ``scope_write_roles`` (default: any role but supervisor-only read access is not
    distinguished here; domain transitions check roles themselves).
    """
    if isinstance(qs, type):
        qs = qs._default_manager.all()
    if write and roles is None:
        roles = getattr(qs.model, "scope_write_roles", None)
    try:
        return scope(user, qs, roles=roles).get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def visible_orgs(user: User) -> models.QuerySet[Organisation]:
    return scope(user, Organisation)
