"""面商/沟通 with the deputy or member (by the lead body), and the co-handlers' opinions."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, dates, ledger, scoping
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role

from .. import actions
from ..models import CoHandler, Contact, ContactWay, Suggestion
from ..models import SuggestionStatus as S
from .common import in_org, require_lead


def suggestion_contact(
    *,
    actor: Actor,
    suggestion: Suggestion,
    way: str,
    note: str,
    on: dt.date | None = None,
) -> Contact:
    """Record a 面商/沟通 with the deputy (member): the reply may follow only after one."""
    require_lead(actor, suggestion)
    if suggestion.status != S.ASSIGNED:
        raise ValidationError(_("建议提案在办理中时才能登记沟通情况。"))
    if way not in ContactWay.values:
        raise ValidationError({"way": _("请选择沟通方式：面商、电话沟通、走访调研或书面沟通。")})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("请填写沟通情况（代表委员的意见）。")})
    on = dates.check_new(
        _("沟通日期"), on or clock.today(), (_("交办日期"), suggestion.assigned_on)
    )
    with transaction.atomic():
        c = Contact.objects.create(suggestion=suggestion, on=on, way=way, note=note)
        ledger.record(
            actor=actor,
            action=actions.CONTACT,
            subject=suggestion,
            also=[c],
            data={"way": way, "note": note, "on": on},
        )
    return c


def suggestion_opinion(
    *,
    actor: Actor,
    suggestion: Suggestion,
    org: Organisation,
    opinion: str,
    on: dt.date | None = None,
) -> CoHandler:
    """会办意见 of a co-handling body, to the lead body."""
    scoping.require_role(
        actor,
        Role.OFFICER,
        Role.CLERK,
        Role.LEADER,
        obj=suggestion,
        message=_("只有会办单位的工作人员可以提出会办意见。"),
    )
    ch = CoHandler.objects.filter(suggestion=suggestion, org=org).first()
    if ch is None or not in_org(actor, org, Role.OFFICER, Role.CLERK, Role.LEADER):
        raise PermissionDenied(_("只有会办单位的工作人员可以提出会办意见。"))
    if suggestion.status != S.ASSIGNED:
        raise ValidationError(_("建议提案在办理中时才能提出会办意见。"))
    opinion = (opinion or "").strip()
    if not opinion:
        raise ValidationError({"opinion": _("请填写会办意见。")})
    on = dates.check_new(
        _("意见日期"), on or clock.today(), (_("交办日期"), suggestion.assigned_on)
    )
    with transaction.atomic():
        ch.opinion, ch.opinion_on = opinion, on
        ch.save(update_fields=["opinion", "opinion_on"])
        ledger.record(
            actor=actor,
            action=actions.OPINION,
            subject=suggestion,
            also=[ch],
            data={"org": org.pk, "org_name": org.name, "opinion": opinion, "on": on},
        )
    return ch
