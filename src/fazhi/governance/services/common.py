"""What the governance services share: which organisation may act, evidence files."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from fazhi.core import attachments, scoping
from fazhi.core.ledger import Actor
from fazhi.core.models import Attachment, Organisation, Role, User

STAFF = (Role.CLERK, Role.LEADER)
RULE_CODE = "GV-1"  # ⚠ local configuration (core/data/time_rules.toml)


def in_org(actor: Actor, org: Organisation, *roles: str) -> bool:
    return not isinstance(actor, User) or scoping.has_role(actor, *roles, org=org)


def require_office(actor: Actor, obj, office: Organisation) -> None:
    """The 全面依法治区办公室 (the plan's or the point's ``office``) acts."""
    message = _("只有全面依法治区办公室的工作人员可以办理此环节。")
    scoping.require_role(actor, *STAFF, obj=obj, message=message)
    if not in_org(actor, office, *STAFF):
        raise PermissionDenied(message)


def require_lead(actor: Actor, point) -> None:
    message = _("只有牵头单位的工作人员可以办理此环节。")
    scoping.require_role(actor, *STAFF, obj=point, message=message)
    if not in_org(actor, point.org, *STAFF):
        raise PermissionDenied(message)


def evidence(actor: Actor, file, name: str, subject) -> Attachment | None:
    """Store an evidence file (``file``: bytes or a binary stream) or nothing."""
    if file is None:
        return None
    return attachments.store(actor=actor, source=file, name=name, subject=subject)
