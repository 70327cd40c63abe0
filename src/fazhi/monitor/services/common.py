"""Shared pieces of the monitor's services: who may do what, actor names."""

import datetime as dt
import hashlib
from collections.abc import Iterable

from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role, User
from fazhi.core.scoping import require_role

#: Who may register sites and edit their configuration and the lexicon.
CONFIG_ROLES = (Role.SUPERVISOR, Role.ADMIN)
#: Who may start crawls and confirm or dismiss findings.
MANAGE_ROLES = (Role.SUPERVISOR, Role.ADMIN, Role.LEADER)
#: Rule for the deadline of a rectification task: 20 working days (the registry has no
#: dedicated website-rectification rule; bulletins commonly allow 10–20 working days).
RECTIFY_RULE = "GK-1"
BULLETIN_KIND = "monitor.bulletin"
DEFAULT_PREFIX = "网监"
STALE_AFTER = dt.timedelta(minutes=5)


def _name(actor: Actor) -> str:
    return actor.display_name if isinstance(actor, User) else actor.name


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def _require(actor: Actor, roles: Iterable[str], org: Organisation, message: str) -> None:
    """The kernel's role check (a system actor passes), with the monitor's own message."""
    require_role(actor, *roles, org=org, message=message)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
