"""The power list (执法事项清单), discretion bands, officers and certificates — every write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import ledger, unique
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role, User
from fazhi.core.scoping import require_admin, require_role

from .. import actions
from ..models import (
    BodyKind,
    Certificate,
    DiscretionBand,
    EnforcementBody,
    EnforcementField,
    EnforcementItem,
    ItemKind,
    MajorCaseRule,
    Officer,
)


def _maintainers(actor: Actor, org: Organisation) -> None:
    require_role(
        actor,
        Role.ADMIN,
        Role.LEADER,
        org=org,
        message=_("只有本单位负责人或系统管理员可以维护执法事项和执法人员。"),
    )


def body_save(
    *,
    actor: Actor,
    org: Organisation,
    kind: str,
    legal_basis: str = "",
    fields: list[EnforcementField] = (),
    doc_prefix: str | None = None,
    public_phone: str | None = None,
    public_address: str | None = None,
) -> EnforcementBody:
    """Create or update the body of ``org``. ``doc_prefix`` (机关代字 of its decision numbers,
    e.g. 芙执罚决), ``public_phone`` and ``public_address`` (the enquiry phone and address
    the public pages show) are kept when not given."""
    _maintainers(actor, org)
    if kind not in BodyKind.values:
        raise ValidationError(_("未知的执法主体类型：%(k)s") % {"k": kind})
    defaults = {"kind": kind, "legal_basis": legal_basis}
    if doc_prefix is not None:
        doc_prefix = doc_prefix.strip()
        if doc_prefix and not all("\u4e00" <= ch <= "\u9fff" for ch in doc_prefix):
            raise ValidationError(_("机关代字只能由汉字组成，如“芙执罚决”。"))
        defaults["doc_prefix"] = doc_prefix
    if public_phone is not None:
        defaults["public_phone"] = public_phone.strip()
    if public_address is not None:
        defaults["public_address"] = public_address.strip()
    with transaction.atomic():
        body, _c = EnforcementBody.objects.update_or_create(org=org, defaults=defaults)
        if fields:
            body.fields.set(fields)
        ledger.record(
            actor=actor,
            action=actions.BODY_SAVE,
            subject=body,
            org=org,
            data={
                "kind": kind,
                "fields": [f.code for f in fields],
                "doc_prefix": body.doc_prefix,
                "phone": body.public_phone,
                "address": body.public_address,
            },
        )
    return body


def major_rule_save(
    *,
    actor: Actor,
    name: str,
    body: EnforcementBody | None = None,
    rule: MajorCaseRule | None = None,
    fine_at_least=None,
    licence_revocation: bool = False,
    closure: bool = False,
    after_hearing: bool = False,
    complex_case: bool = False,
    is_active: bool = True,
) -> MajorCaseRule:
    """Create or change one rule of what makes a decision major (重大执法决定, needs 法制审核).
    A rule for every body (``body`` empty) is the district's: administrators only; a body's
    own rule may also be set by its leaders. A rule must say what it catches."""
    message = _("全区通用的认定规则只能由系统管理员维护；本主体的规则可由负责人维护。")
    if body is not None:
        require_role(actor, Role.ADMIN, Role.LEADER, org=body.org, message=message)
    else:
        require_admin(actor, message=message)
    if not name.strip():
        raise ValidationError(_("请填写规则名称。"))
    threshold = None if fine_at_least in (None, "") else _money(fine_at_least, _("罚款数额"))
    if threshold is not None and threshold <= 0:
        raise ValidationError(_("罚款数额标准须大于零。"))
    if threshold is None and not (licence_revocation or closure or after_hearing or complex_case):
        raise ValidationError(
            _("请至少选择一项认定条件（罚款数额、吊销证照、停产停业、听证或疑难复杂）。")
        )
    values = {
        "name": name.strip(),
        "body": body,
        "fine_at_least": threshold,
        "licence_revocation": licence_revocation,
        "closure": closure,
        "after_hearing": after_hearing,
        "complex_case": complex_case,
        "is_active": is_active,
    }
    with transaction.atomic():
        if rule is None:
            rule = MajorCaseRule.objects.create(**values)
        else:
            rule = MajorCaseRule.objects.select_for_update().get(pk=rule.pk)
            for k, v in values.items():
                setattr(rule, k, v)
            rule.save()
        ledger.record(
            actor=actor,
            action=actions.MAJOR_RULE_SAVE,
            subject=rule,
            org=body.org if body else None,
            data={k: (v.pk if k == "body" and v else v) for k, v in values.items()},
        )
    return rule


def field_save(*, actor: Actor, code: str, name: str, sort_order: int = 0) -> EnforcementField:
    """执法领域 are the district's, not a body's: any administrator keeps them."""
    require_admin(actor, message=_("只有系统管理员可以维护执法领域。"))
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
    _maintainers(actor, body.org)
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
    _maintainers(actor, item.body.org)
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
    _maintainers(actor, body.org)
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
    _maintainers(actor, officer.body.org)
    if not number.strip():
        raise ValidationError(_("请填写执法证编号。"))
    if valid_to < valid_from:
        raise ValidationError(_("执法证有效期止早于有效期起。"))
    if not fields:
        raise ValidationError(_("请选择执法证载明的执法领域。"))
    taken = _("执法证编号已存在：%(n)s") % {"n": number}
    with unique.conflict_as(taken):  # two clerks registering the same number at once
        if Certificate.objects.filter(number=number.strip()).exists():
            raise ValidationError(taken)
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


def power_list_row_save(
    *,
    actor: Actor,
    body: EnforcementBody,
    code: str,
    name: str,
    field: EnforcementField,
    kind: str,
    legal_basis: str,
    penalty_basis: str = "",
    band_code: str = "",
    band_facts: str = "",
    fine_min=None,
    fine_max=None,
    other_measures: str = "",
) -> EnforcementItem:
    """One row of the power list as the Excel file holds it: the item, and one discretion band
    when the row names one (a row per band; the item's columns repeat)."""
    with transaction.atomic():
        item = item_save(
            actor=actor,
            body=body,
            code=code,
            name=name,
            field=field,
            kind=kind,
            legal_basis=legal_basis,
            penalty_basis=penalty_basis,
        )
        if band_code.strip():
            if fine_min in (None, "") or fine_max in (None, ""):
                raise ValidationError(_("裁量档次 %(b)s 须填写罚款下限和上限。") % {"b": band_code})
            band_save(
                actor=actor,
                item=item,
                code=band_code,
                facts=band_facts,
                fine_min=fine_min,
                fine_max=fine_max,
                other_measures=other_measures,
            )
        elif band_facts.strip() or fine_min not in (None, "") or fine_max not in (None, ""):
            raise ValidationError(_("填写了裁量基准的内容，请同时填写裁量档次。"))
    return item
