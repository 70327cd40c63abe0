"""What the suggestion services share: which organisation may act, the reply clock."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from fazhi.core import clocks, scoping
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role, User

from ..models import Suggestion, SuggestionKind

OFFICE_ROLES = (Role.CLERK, Role.LEADER)


def reply_rule(s: Suggestion) -> str:
    """代表法 (RD-1 three months, RD-2 six for a wide-ranging or difficult one); 政协提案 by
    local configuration (TA-1, TA-2 ⚠)."""
    if s.kind == SuggestionKind.NPC:
        return "RD-2" if s.difficult else "RD-1"
    return "TA-2" if s.difficult else "TA-1"


def in_org(actor: Actor, org: Organisation, *roles: str) -> bool:
    return not isinstance(actor, User) or scoping.has_role(actor, *roles, org=org)


def require_office(actor: Actor, s: Suggestion) -> None:
    message = _("只有交办机关（区政府办）的工作人员可以办理此环节。")
    scoping.require_role(actor, *OFFICE_ROLES, obj=s, message=message)
    if not in_org(actor, s.office, *OFFICE_ROLES):
        raise PermissionDenied(message)


def require_lead(actor: Actor, s: Suggestion) -> None:
    message = _("只有主办单位的工作人员可以办理此环节。")
    scoping.require_role(actor, *OFFICE_ROLES, obj=s, message=message)
    if not in_org(actor, s.org, *OFFICE_ROLES):
        raise PermissionDenied(message)


def stop_open(actor: Actor, s: Suggestion, on) -> None:
    for c in clocks.for_subject(s).filter(stopped_on__isnull=True):
        clocks.stop(actor=actor, clock=c, on=max(on, c.restarted_on or c.started_on))
