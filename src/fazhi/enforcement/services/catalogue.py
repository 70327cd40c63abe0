"""The power list (执法事项清单), discretion bands, officers and certificates — every write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import ledger
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role, User
from fazhi.core.scoping import has_role

from .. import actions
from ..models import (
    BodyKind,
    Certificate,
    DiscretionBand,
    EnforcementBody,
    EnforcementField,
    EnforcementItem,
    ItemKind,
    Officer,
)


def _require(actor: Actor, org: Organisation) -> None:
    if isinstance(actor, User) and not has_role(actor, Role.ADMIN, Role.LEADER, org=org):
        raise PermissionDenied(_("只有本单位负责人或系统管理员可以维护执法事项和执法人员。"))


def body_save(
    *,
    actor: Actor,
    org: Organisation,
    kind: str,
    legal_basis: str = "",
    fields: list[EnforcementField] = (),
) -> EnforcementBody:
    _require(actor, org)
    if kind not in BodyKind.values:
        raise ValidationError(_("未知的执法主体类型：%(k)s") % {"k": kind})
    with transaction.atomic():
        body, _c = EnforcementBody.objects.update_or_create(
            org=org, defaults={"kind": kind, "legal_basis": legal_basis}
        )
        if fields:
            body.fields.set(fields)
        ledger.record(
            actor=actor,
            action=actions.BODY_SAVE,
            subject=body,
            org=org,
            data={"kind": kind, "fields": [f.code for f in fields]},
        )
    return body


def field_save(*, actor: Actor, code: str, name: str, sort_order: int = 0) -> EnforcementField:
    if isinstance(actor, User) and not has_role(actor, Role.ADMIN):
        raise PermissionDenied(_("只有系统管理员可以维护执法领域。"))
    if not code.strip() or not name.strip():
        raise ValidationError(_("请填写领域编码和名称。"))
    with transaction.atomic():
        f, _c = EnforcementField.objects.update_or_create(
            code=code.strip(), defaults={"name": name.strip(), "sort_order": sort_order}
        )
        ledger.record(actor=actor, action=actions.BODY_SAVE, data={"field": f.code, "name": f.name})
    return f


def item_save(
    *,
    actor: Actor,
    body: EnforcementBody,
    code: str,
    name: str,
    field: EnforcementField,
    kind: str,
    legal_basis: str,
    penalty_basis: str = "",
) -> EnforcementItem:
    _require(actor, body.org)
    problems = []
    if not code.strip():
        problems.append(_("请填写事项编码。"))
    if not name.strip():
        problems.append(_("请填写事项名称。"))
    if kind not in ItemKind.values:
        problems.append(_("事项类别应为行政处罚、行政强制或行政检查。"))
    if not legal_basis.strip():
        problems.append(_("请填写设定依据（法律法规名称及条款）。"))
    if not body.fields.filter(pk=field.pk).exists():
        problems.append(_("%(b)s 不具有“%(f)s”领域的执法权。") % {"b": body, "f": field})
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        item, _c = EnforcementItem.objects.update_or_create(
            code=code.strip(),
            defaults={
                "name": name.strip(),
                "body": body,
                "field": field,
                "kind": kind,
                "legal_basis": legal_basis.strip(),
                "penalty_basis": penalty_basis.strip(),
            },
        )
        ledger.record(
            actor=actor,
            action=actions.ITEM_SAVE,
            subject=item,
            org=body.org,
            data={"code": item.code, "name": item.name, "kind": kind},
        )
    return item


def _money(value, what: str) -> Decimal:
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("%(w)s不是有效金额：%(v)s") % {"w": what, "v": value}) from None
    if d < 0:
        raise ValidationError(_("%(w)s不能为负数。") % {"w": what})
    return d.quantize(Decimal("0.01"))


def band_save(
    *,
    actor: Actor,
    item: EnforcementItem,
    code: str,
    facts: str,
    fine_min,
    fine_max,
    other_measures: str = "",
) -> DiscretionBand:
    _require(actor, item.body.org)
    lo, hi = _money(fine_min, _("罚款下限")), _money(fine_max, _("罚款上限"))
    if lo > hi:
        raise ValidationError(_("罚款下限 %(a)s 元高于上限 %(b)s 元。") % {"a": lo, "b": hi})
    if not facts.strip():
        raise ValidationError(_("请写明该档次对应的违法情节。"))
    with transaction.atomic():
        band, _c = DiscretionBand.objects.update_or_create(
            item=item,
            code=code.strip(),
            defaults={
                "facts": facts.strip(),
                "fine_min": lo,
                "fine_max": hi,
                "other_measures": other_measures,
            },
        )
        ledger.record(
            actor=actor,
            action=actions.BAND_SAVE,
            subject=item,
            org=item.body.org,
            data={"band": band.code, "min": lo, "max": hi},
        )
    return band


def officer_save(
    *, actor: Actor, body: EnforcementBody, name: str, user: User | None = None
) -> Officer:
    _require(actor, body.org)
    if not name.strip():
        raise ValidationError(_("请填写执法人员姓名。"))
    with transaction.atomic():
        officer = Officer.objects.create(body=body, name=name.strip(), user=user)
        ledger.record(
            actor=actor,
            action=actions.OFFICER_SAVE,
            subject=officer,
            org=body.org,
            data={"name": officer.name},
        )
    return officer


def certificate_issue(
    *,
    actor: Actor,
    officer: Officer,
    number: str,
    fields: list[EnforcementField],
    issuer: str,
    valid_from: dt.date,
    valid_to: dt.date,
) -> Certificate:
    """Register an officer's 行政执法证 (number, fields, issuer, validity)."""
    _require(actor, officer.body.org)
    if not number.strip():
        raise ValidationError(_("请填写执法证编号。"))
    if valid_to < valid_from:
        raise ValidationError(_("执法证有效期止早于有效期起。"))
    if not fields:
        raise ValidationError(_("请选择执法证载明的执法领域。"))
    with transaction.atomic():
        if Certificate.objects.filter(number=number.strip()).exists():
            raise ValidationError(_("执法证编号已存在：%(n)s") % {"n": number})
        cert = Certificate.objects.create(
            officer=officer,
            number=number.strip(),
            issuer=issuer,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        cert.fields.set(fields)
        ledger.record(
            actor=actor,
            action=actions.CERT_SAVE,
            subject=officer,
            org=officer.body.org,
            data={
                "number": cert.number,
                "fields": [f.code for f in fields],
                "from": valid_from,
                "to": valid_to,
            },
        )
    return cert
