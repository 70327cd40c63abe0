"""A case's clocks as its staff handle them: 中止 and 恢复 (time the rule does not count, such
as a hearing or an appraisal) and 延长 on the approver's decision. The kernel's clock
functions check the rule (which pauses it allows, how far it may be extended) and write the
ledger; this module checks who may ask and that the clock is the case's own."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from fazhi.core import clocks
from fazhi.core.ledger import Actor
from fazhi.core.models import Clock, Role
from fazhi.core.scoping import require_role

from ..models import Case


def _own(case: Case, clock: Clock) -> Clock:
    if not clocks.for_subject(case).filter(pk=clock.pk).exists():
        raise ValidationError(_("该期限不属于本案。"))
    return clock


def _staff(actor: Actor, case: Case, *roles: str) -> None:
    require_role(
        actor, *roles, obj=case, message=_("只有本执法主体的办案人员或负责人可以办理期限事项。")
    )


def clock_pause(*, actor: Actor, case: Case, clock: Clock, on: dt.date, reason: str) -> Clock:
    _staff(actor, case, Role.OFFICER, Role.LEADER)
    return clocks.pause(actor=actor, clock=_own(case, clock), on=on, reason=reason)


def clock_resume(*, actor: Actor, case: Case, clock: Clock, on: dt.date) -> Clock:
    _staff(actor, case, Role.OFFICER, Role.LEADER)
    return clocks.resume(actor=actor, clock=_own(case, clock), on=on)


def clock_extend(
    *, actor: Actor, case: Case, clock: Clock, by: int, approver: str, reason: str
) -> Clock:
    """延长 — recorded by the body's leader, naming who approved it (the rule's approver)."""
    _staff(actor, case, Role.LEADER)
    return clocks.extend(
        actor=actor, clock=_own(case, clock), by=by, approver=approver, reason=reason
    )
