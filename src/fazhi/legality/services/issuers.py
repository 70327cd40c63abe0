"""Issuers (制定机关) of normative documents, a setting of the 三统一 system: the body in
whose name documents are issued, its document prefix (发文机关代字, 芙政发) and registration
prefix, the office that registers, numbers and publishes, the body that reviews, and the
bodies each document is filed with. Set by the registering office's leader or an
administrator; every change is on the record."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import ledger
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role
from fazhi.core.scoping import require_role

from .. import actions
from ..models import Issuer

_REG_PREFIX = re.compile(r"^[A-Z][A-Z0-9]{1,19}$")


def issuer_save(
    *,
    actor: Actor,
    org: Organisation,
    doc_prefix: str,
    registration_prefix: str,
    registrar_org: Organisation,
    review_org: Organisation,
    filing_bodies: list[Organisation] | tuple[Organisation, ...] = (),
) -> Issuer:
    """设置发文机关: create or change the issuer ``org``. A prefix already used by another
    issuer's series is refused (two issuers would share one number series)."""
    require_role(
        actor,
        Role.LEADER,
        Role.ADMIN,
        org=registrar_org,
        message=_("只有登记机构（政府办公室）负责人或系统管理员可以设置发文机关。"),
    )
    doc_prefix, registration_prefix = doc_prefix.strip(), registration_prefix.strip().upper()
    problems = []
    if not doc_prefix:
        problems.append(_("请填写发文机关代字（如：芙政发）。"))
    elif Issuer.objects.filter(doc_prefix=doc_prefix).exclude(org=org).exists():
        problems.append(_("发文机关代字“%(p)s”已由其他制定机关使用。") % {"p": doc_prefix})
    if not _REG_PREFIX.match(registration_prefix):
        problems.append(_("登记号代码应为2至20位大写字母或数字，以字母开头（如：FRPR）。"))
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        issuer, created = Issuer.objects.update_or_create(
            org=org,
            defaults={
                "doc_prefix": doc_prefix,
                "registration_prefix": registration_prefix,
                "registrar_org": registrar_org,
                "review_org": review_org,
            },
        )
        issuer.filing_bodies.set(filing_bodies)
        ledger.record(
            actor=actor,
            action=actions.ISSUER_SAVE,
            subject=issuer,
            org=org,
            data={
                "prefix": doc_prefix,
                "registration_prefix": registration_prefix,
                "registrar": registrar_org.name,
                "reviewer": review_org.name,
                "filing_bodies": sorted(b.name for b in filing_bodies),
                "created": created,
            },
        )
    return issuer
