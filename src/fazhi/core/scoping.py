"""The one scoping function: what a user may see, and by the same rule what a user may
change. Deny by default.

Every list, detail, export, API answer and report goes through ``scope()`` or ``get_for()``;
every write service starts with ``require_role()``, which applies the same data scopes.
A model opts in by naming the path to its owning organisation in ``scope_org_field``
(``"self"`` for ``Organisation``) and, for the 仅本人 scope, its owner in
``scope_owner_field``. A model without ``scope_org_field`` is invisible to everyone.

A membership covers its organisation's subtree, narrowed by its data scope:

- 全部 (all): everything;
- 本部门及以下 (subtree): the organisation and everything below it;
- 本部门 (org): the organisation itself;
- 仅本人 (self): records in the organisation that the user handles or created.

三权分立: the memberships of the three administrators (system, security, audit:
``ADMIN_ROLES``) count only for the models that name their role in ``scope_admin_roles``
(organisations, users, memberships and notices for all three; the online sessions for the
security administrator; the login log and the ledger for the audit administrator; the grid's
cells, configuration, for the system administrator). Every other model — every business
record, every party — is invisible to them, by default, in ``scope()``, ``get_for()`` and
``has_role()``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models
from django.db.models import Q
from django.http import Http404

from .models import ADMIN_ROLES, DataScope, Membership, Organisation, Role, User

M = TypeVar("M", bound=models.Model)


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


def _counts_for(model: Any, ms: list[Membership]) -> list[Membership]:
    """The memberships that count for ``model``: an administrator's only where the model
    names the role in ``scope_admin_roles`` (deny by default)."""
    allowed = getattr(model, "scope_admin_roles", ())
    return [m for m in ms if m.role not in ADMIN_ROLES or m.role in allowed]


def covers(m: Membership, org: Organisation) -> bool:
    """Whether membership ``m``'s data scope reaches organisation ``org`` — the same rule
    ``scope()`` applies to lists: 全部 everything, 本部门及以下 the subtree, 本部门 and 仅本人
    the organisation itself (仅本人 is narrowed further to the user's own records)."""
    if m.data_scope == DataScope.ALL:
        return True
    if m.data_scope == DataScope.SUBTREE:
        return org.path.startswith(m.org.path)
    return org.pk == m.org_id


def _owns(user: Any, obj: models.Model) -> bool:
    """仅本人: the user handles the record, or takes part in it through the model's hook."""
    owner = getattr(type(obj), "scope_owner_field", None)
    if owner is not None:
        *path, last = owner.split("__")
        value: Any = obj
        for part in path:
            value = getattr(value, part, None)
        if value is not None and getattr(value, f"{last}_id", None) == user.pk:
            return True
    return _participates(user, obj)


def _participates(user: Any, obj: models.Model) -> bool:
    hook = getattr(type(obj), "scope_participants", None)
    if hook is None or obj.pk is None:
        return False
    q = hook(user)
    if q is None:
        return False
    return type(obj)._default_manager.filter(pk=obj.pk).filter(q).exists()


def has_role(
    user: Any, *roles: str, org: Organisation | None = None, obj: models.Model | None = None
) -> bool:
    """Whether the user holds one of ``roles`` with a data scope that reaches ``org`` (or the
    organisation owning ``obj``) — exactly as reads are scoped, so nobody may change what
    they may not see. With neither, whether the user holds the role anywhere.

    With ``obj``, a 仅本人 membership reaches only the user's own records (handler, or a
    participant by the model's ``scope_participants`` hook); a participant who holds the
    role in any organisation may act on the record too (a second officer on a case, a
    co-handling body's staff on a hotline order)."""
    if obj is not None and org is None:
        org = subject_org(obj)
    ms = memberships(user, roles)
    if obj is not None:
        ms = _counts_for(type(obj), ms)
    for m in ms:
        if org is None:
            return True
        if not covers(m, org):
            continue
        if m.data_scope == DataScope.SELF and obj is not None and not _owns(user, obj):
            continue
        return True
    return bool(ms) and obj is not None and _participates(user, obj)


def require_role(
    actor: Any,
    *roles: str,
    org: Organisation | None = None,
    obj: models.Model | None = None,
    message: str = "",
) -> None:
    """Every write service calls this first: ``PermissionDenied`` unless ``actor`` holds one
    of ``roles`` over ``org``/``obj`` (see ``has_role``). Work not done by a signed-in person
    (the CLI, background tasks, the demo) runs as a ``SystemActor`` and passes."""
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    if not isinstance(actor, User):
        return
    if has_role(actor, *roles, org=org, obj=obj):
        return
    if not message:
        names = "、".join(str(Role(r).label) for r in sorted(roles))
        message = _("只有本单位的%(r)s可以执行此操作。") % {"r": names}
    raise PermissionDenied(message)


def require_system(actor: Any, *, message: str = "") -> None:
    """Work only the platform itself does — a background worker recording a crawl's
    outcome, a scheduler marking what it queued: ``PermissionDenied`` for every signed-in
    person, whatever their roles."""
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    if isinstance(actor, User):
        raise PermissionDenied(message or _("此操作只能由系统后台任务执行。"))


def require_admin(actor: Any, *, org: Organisation | None = None, message: str = "") -> None:
    """``require_role(actor, Role.ADMIN, org=org)`` — over ``org``, or anywhere for records
    that belong to no organisation (the calendar, the rule registry, code tables). A Django
    superuser, the installation's own administrator, is one everywhere."""
    from django.utils.translation import gettext as _

    if isinstance(actor, User) and actor.is_superuser and actor.is_active:
        return
    require_role(actor, Role.ADMIN, org=org, message=message or _("只有系统管理员可以执行此操作。"))


def subject_org(obj: models.Model | None) -> Organisation | None:
    """The organisation owning ``obj``, by its ``scope_org_field``."""
    if obj is None:
        return None
    if isinstance(obj, Organisation):
        return obj
    field = getattr(obj, "scope_org_field", None)
    if not field or field == "self":
        return None
    value: Any = obj
    for part in field.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value if isinstance(value, Organisation) else None


def is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False)) or has_role(user, Role.ADMIN)


def is_security_admin(user: Any) -> bool:
    """安全管理员: unlocks, second-factor and password resets, forced sign-outs. Not the
    system administrator, not a superuser as such (三权分立)."""
    return has_role(user, Role.SECURITY)


def is_audit_admin(user: Any) -> bool:
    """审计管理员: reads and exports the ledger, the operation log and the login log."""
    return has_role(user, Role.AUDIT)


def require_security_admin(actor: Any, *, org: Organisation | None = None) -> None:
    """``require_role(actor, Role.SECURITY, org=org)``: only the security administrator (or
    the platform itself: the CLI) unlocks, resets a second factor or a password, forces a
    sign-out."""
    from django.utils.translation import gettext as _

    require_role(actor, Role.SECURITY, org=org, message=_("只有安全管理员可以执行此操作。"))


def _org_q(prefix: str, m: Membership, *, by_ids: bool = False) -> Q:
    if m.data_scope == DataScope.ALL:
        return Q()
    if prefix == "self":
        path_field, pk_field = "path", "pk"
    else:
        path_field, pk_field = f"{prefix}__path", prefix
    if m.data_scope == DataScope.SUBTREE:
        if by_ids and prefix != "self":
            subtree = Organisation.objects.filter(path__startswith=m.org.path).values("pk")
            return Q(**{f"{pk_field}__in": subtree})
        return Q(**{f"{path_field}__startswith": m.org.path})
    return Q(**{pk_field: m.org_id})


def _vendor(qs: models.QuerySet) -> str:
    from django.db import connections

    return connections[qs.db].vendor


def scope(
    user: Any, qs: models.QuerySet[M] | type[M], *, roles: Iterable[str] | None = None
) -> models.QuerySet[M]:
    """Narrow ``qs`` to what ``user`` may see (or, with ``roles``, act on in those roles).

    Besides the organisation rule, a model may name the records a user takes part in
    without owning them — a second officer on a case, a co-handling body on a hotline order,
    a reviewer of another body — with a classmethod ``scope_participants(user) -> Q | None``
    (the visibility hook). Those rows are added to whatever the memberships give."""
    if isinstance(qs, type):
        qs = qs._default_manager.all()
    model = qs.model
    field = getattr(model, "scope_org_field", None)
    ms = _counts_for(model, memberships(user, roles))
    if field is None or not ms:
        return qs.none()
    owner = getattr(model, "scope_owner_field", None)
    hook = getattr(model, "scope_participants", None)
    # PostgreSQL, a subtree OR-ed with the hook's rows: the subtree's ids rather than a join
    # on the organisation, with which the planner checked each row against every
    # organisation (the grid report list: 1.4 s → 0.1 s for a bureau's leader). SQLite
    # plans the join well (it walks the list's order and stops at the page) and keeps it.
    by_ids = hook is not None and _vendor(qs) == "postgresql"
    cond = Q(pk__in=[])
    for m in ms:
        if m.data_scope == DataScope.ALL:
            return qs
        org_cond = _org_q(field, Membership(org=m.org, data_scope=DataScope.ORG))
        if m.data_scope == DataScope.SELF:
            # A model with no owner falls back to the organisation itself.
            cond |= org_cond if owner is None else org_cond & Q(**{owner: user})
        else:
            cond |= _org_q(field, m, by_ids=by_ids)
    extra = hook(user) if hook is not None else None
    if extra is not None:
        cond |= Q(pk__in=model._default_manager.filter(extra).values("pk"))
    return qs.filter(cond)


def get_for(
    user: Any,
    qs: models.QuerySet[M] | type[M],
    pk: Any,
    *,
    roles: Iterable[str] | None = None,
) -> M:
    """Fetch one object the user may see (with ``roles``: may see in one of those roles),
    or raise Http404 — never a 403 that would tell an outsider the object exists. Whether
    the user may *change* it is the service's ``require_role``."""
    if isinstance(qs, type):
        qs = qs._default_manager.all()
    try:
        return scope(user, qs, roles=roles).get(pk=pk)
    except qs.model.DoesNotExist as exc:
        if qs.model._default_manager.filter(pk=pk).exists():  # there, but not for this user
            from . import audittrail

            audittrail.out_of_scope()
        raise Http404 from exc
    except (ValueError, TypeError) as exc:
        raise Http404 from exc
