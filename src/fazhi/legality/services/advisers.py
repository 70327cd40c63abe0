"""Legal advisers and their engagements: the register (licence numbers checked), who serves
whom over which period, under which procurement and for what fee."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from fazhi.core import dates, identity, ledger
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role
from fazhi.core.scoping import require_role

from .. import actions
from ..models import Adviser, AdviserKind, Engagement

CLERK, LEADER, REVIEWER = Role.CLERK, Role.LEADER, Role.REVIEWER
LICENCE = re.compile(r"^\d{17}$")


def adviser_save(
    *,
    actor: Actor,
    org: Organisation,
    kind: str,
    name: str,
    licence_no: str,
    firm: str = "",
    firm_credit_code: str = "",
    phone: str = "",
    is_active: bool = True,
    adviser: Adviser | None = None,
) -> Adviser:
    """登记法律顾问: a 公职律师, an outside lawyer or a firm, with its 17-digit licence number
    (律师执业证号 / 律师事务所执业许可证号) and, for a firm, its credit code."""
    require_role(
        actor, REVIEWER, LEADER, CLERK, org=org, message=_("只有司法行政机关可以登记法律顾问。")
    )
    problems = []
    if kind not in AdviserKind.values:
        problems.append(_("请选择公职律师、外聘律师或律师事务所。"))
    if not name.strip():
        problems.append(_("请填写姓名或名称。"))
    licence_no = licence_no.strip()
    if not LICENCE.match(licence_no):
        problems.append(_("执业证号应为17位数字：%(v)s") % {"v": licence_no})
    code = firm_credit_code.strip().upper()
    if code:
        try:
            identity.validate_credit_code(code)
        except identity.IdentityError as exc:
            problems.append(_("统一社会信用代码：%(m)s") % {"m": exc.message})
    if problems:
        raise ValidationError(problems)
    values = {
        "org": org,
        "kind": kind,
        "name": name.strip(),
        "licence_no": licence_no,
        "firm": firm.strip(),
        "firm_credit_code": code,
        "phone": phone.strip(),
        "is_active": is_active,
    }
    try:
        with transaction.atomic():
            if adviser is None:
                a = Adviser.objects.create(**values)
            else:
                a = Adviser.objects.select_for_update().get(pk=adviser.pk)
                for k, v in values.items():
                    setattr(a, k, v)
                a.save()
            ledger.record(
                actor=actor,
                action=actions.ADVISER_SAVE,
                subject=a,
                data={"kind": kind, "licence": licence_no, "active": is_active},
            )
    except IntegrityError as exc:
        raise ValidationError(_("执业证号 %(v)s 已登记。") % {"v": licence_no}) from exc
    return a


def engagement_save(
    *,
    actor: Actor,
    adviser: Adviser,
    org: Organisation,
    starts_on: dt.date,
    ends_on: dt.date,
    procurement_ref: str = "",
    fee: Decimal = Decimal(0),
    note: str = "",
) -> Engagement:
    """聘用: the unit (or the Justice Bureau for it, as for the communities it buys
    advisers for) engages an adviser for a period."""
    require_role(
        actor,
        CLERK,
        LEADER,
        REVIEWER,
        org=org,
        message=_("只有服务单位或其上级的工作人员可以登记聘用。"),
    )
    problems = []
    if ends_on <= starts_on:
        problems.append(_("聘期终止日期应晚于起始日期。"))
    if fee is None or fee < 0:
        problems.append(_("服务费不能为负数。"))
    if not adviser.is_active:
        problems.append(_("法律顾问 %(a)s 已不在册。") % {"a": adviser.name})
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        overlap = Engagement.objects.filter(
            adviser=adviser, org=org, starts_on__lte=ends_on, ends_on__gte=starts_on,
            terminated_on__isnull=True,
        )  # fmt: skip
        if overlap.exists():
            raise ValidationError(_("%(a)s 在该期间已受聘于本单位。") % {"a": adviser.name})
        e = Engagement.objects.create(
            adviser=adviser, org=org, starts_on=starts_on, ends_on=ends_on,
            procurement_ref=procurement_ref.strip(), fee=fee, note=note.strip(),
        )  # fmt: skip
        ledger.record(
            actor=actor,
            action=actions.ENGAGEMENT_SAVE,
            subject=e,
            org=org,
            data={"adviser": adviser.name, "from": starts_on, "to": ends_on, "fee": fee},
        )
    return e


def engagement_terminate(
    *, actor: Actor, engagement: Engagement, on: dt.date, reason: str
) -> Engagement:
    """提前解聘."""
    require_role(
        actor,
        CLERK,
        LEADER,
        REVIEWER,
        org=engagement.org,
        message=_("只有服务单位或其上级的工作人员可以解聘。"),
    )
    if not reason.strip():
        raise ValidationError(_("请写明解聘理由。"))
    with transaction.atomic():
        e = Engagement.objects.select_for_update().get(pk=engagement.pk)
        if e.terminated_on:
            raise ValidationError(_("已于%(d)s解聘。") % {"d": dates.fmt(e.terminated_on)})
        dates.check_new(_("解聘日期"), on, (_("聘期起始日期"), e.starts_on))
        e.terminated_on, e.note = on, (e.note + " " + reason.strip()).strip()[:200]
        e.save(update_fields=["terminated_on", "note"])
        ledger.record(
            actor=actor,
            action=actions.ENGAGEMENT_SAVE,
            subject=e,
            org=e.org,
            data={"terminated": on, "reason": reason.strip()},
        )
    return e
