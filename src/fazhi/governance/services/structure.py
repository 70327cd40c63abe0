"""The committee's bodies and their rules of work; the heads' 述法 records.

The committee (全面依法治区委员会), its office (设在区司法局) and the three coordination groups
are organisations of the kernel's tree; ``body_register`` records which part each plays, and
``work_rule_record`` the 工作规则/工作细则 a body adopted on a date. ``duty_record`` keeps a
body head's yearly report on their duties as the first person responsible for the rule of
law (述法), one per body per year.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, dates, ledger, unique
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role
from fazhi.core.scoping import require_role

from .. import actions
from ..models import Body, BodyRole, Duty, RuleKind, WorkRule
from .common import STAFF, evidence


def body_register(
    *,
    actor: Actor,
    org: Organisation,
    role: str,
    established_on: dt.date,
    host: Organisation | None = None,
    composition: str = "",
) -> Body:
    """Record that ``org`` is the committee, its office or one of its coordination groups."""
    require_role(
        actor,
        Role.LEADER,
        Role.ADMIN,
        org=org,
        message=_("只有该机构的负责人或系统管理员可以登记依法治区机构。"),
    )
    if role not in BodyRole.values:
        raise ValidationError({"role": _("请选择职能：委员会、办公室或三个协调小组之一。")})
    if role == BodyRole.OFFICE and host is None:
        raise ValidationError({"host": _("请选择办公室设在的单位（如区司法局）。")})
    on = dates.check_new(_("成立日期"), established_on)
    taken = {"org": _("%(o)s 已登记为依法治区机构。") % {"o": org.name}}
    with transaction.atomic(), unique.conflict_as(taken):
        if Body.objects.filter(org=org).exists():
            raise ValidationError(taken)
        body = Body.objects.create(
            org=org,
            role=role,
            host=host,
            established_on=on,
            composition=(composition or "").strip(),
        )
        ledger.record(
            actor=actor,
            action=actions.BODY,
            subject=body,
            data={"org": org.name, "role": role, "host": host.name if host else "", "on": on},
        )
    return body


def work_rule_record(
    *,
    actor: Actor,
    body: Body,
    kind: str,
    title: str,
    adopted_on: dt.date,
    text: str,
    file=None,
    file_name: str = "",
) -> WorkRule:
    """A body's 工作规则 or 工作细则, adopted on a date not before the body was set up."""
    require_role(
        actor, *STAFF, obj=body, message=_("只有该机构的工作人员可以登记工作规则（细则）。")
    )
    errors = {}
    if kind not in RuleKind.values:
        errors["kind"] = _("请选择类别：工作规则或工作细则。")
    if not (title or "").strip():
        errors["title"] = _("请填写标题。")
    if not (text or "").strip():
        errors["text"] = _("请填写主要内容。")
    if errors:
        raise ValidationError(errors)
    on = dates.check_new(_("审议通过日期"), adopted_on, (_("成立日期"), body.established_on))
    with transaction.atomic():
        att = evidence(actor, file, file_name, body)
        rule = WorkRule.objects.create(
            body=body,
            kind=kind,
            title=title.strip(),
            adopted_on=on,
            text=text.strip(),
            attachment=att,
        )
        ledger.record(
            actor=actor,
            action=actions.WORK_RULE,
            subject=body,
            also=[rule],
            data={"kind": kind, "title": rule.title, "on": on},
            attachments=[att.sha256] if att else (),
        )
    return rule


def duty_record(
    *,
    actor: Actor,
    org: Organisation,
    year: int,
    head: str,
    text: str,
    reported_on: dt.date | None = None,
    file=None,
    file_name: str = "",
) -> Duty:
    """述法: the head's report on the year's duties as first person responsible, made in the
    year or early in the next one; one per body per year."""
    require_role(
        actor, *STAFF, org=org, message=_("只有本单位的工作人员可以登记本单位负责人述法。")
    )
    errors = {}
    if not (head or "").strip():
        errors["head"] = _("请填写主要负责人职务（如局长、街道党工委书记）。")
    if not (text or "").strip():
        errors["text"] = _("请填写履职情况或上传述法报告。")
    if errors:
        raise ValidationError(errors)
    on = dates.check_new(_("述法日期"), reported_on or clock.today())
    if on.year not in (year, year + 1):
        raise ValidationError(
            {"reported_on": _("%(y)s年度的述法应在当年或次年进行。") % {"y": year}}
        )
    taken = {"year": _("%(o)s %(y)s年度的述法已登记。") % {"o": org.name, "y": year}}
    with transaction.atomic(), unique.conflict_as(taken):
        if Duty.objects.filter(org=org, year=year).exists():
            raise ValidationError(taken)
        duty = Duty.objects.create(
            org=org, year=year, head=head.strip(), reported_on=on, text=text.strip()
        )
        att = evidence(actor, file, file_name, duty)
        if att is not None:
            duty.attachment = att
            duty.save(update_fields=["attachment"])
        ledger.record(
            actor=actor,
            action=actions.DUTY,
            subject=duty,
            data={"org": org.name, "year": year, "head": duty.head, "on": on},
            attachments=[att.sha256] if att else (),
        )
    return duty
