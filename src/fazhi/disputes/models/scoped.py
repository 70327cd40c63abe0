"""The participants hook the dispute models share: the staff of a named organisation (the
respondent of a reconsideration or a lawsuit, the unit a petition or an inspection item is
assigned to) see the record, each by their own data scope."""

from __future__ import annotations

from django.db.models import Q

from fazhi.core import scoping
from fazhi.core.models import DataScope


def respondent_q(user, field: str) -> Q | None:
    """Rows whose ``field`` (an organisation) lies within one of the user's memberships —
    the subtree for 全部 and 本部门及以下, the organisation itself for 本部门 (仅本人 adds nothing)."""
    if not getattr(user, "is_authenticated", False):
        return None
    q = Q(pk__in=[])
    found = False
    for m in scoping.memberships(user):
        if m.data_scope == DataScope.SELF:
            continue  # 仅本人: only what the user handles
        found = True
        if m.data_scope == DataScope.ALL:
            return Q()
        if m.data_scope == DataScope.SUBTREE:
            q |= Q(**{f"{field}__path__startswith": m.org.path})
        else:
            q |= Q(**{field: m.org_id})
    return q if found else None
