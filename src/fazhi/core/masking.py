"""Field-level masking of ID numbers and phone numbers on staff pages, exports and the API.

One policy, called by the template tag (``{% load masking %}{% pii obj "field" %}``), the
API's output (:func:`fields_for`), and the export hook (a register's column with
``personal=ID``/``PHONE``, applied in ``dataexchange.exporting.workbook``):

* :data:`FIELDS` — which fields of which model hold a natural person's ID number (居民身份证
  号码, GB 11643) or phone number. 统一社会信用代码 (GB 32100) identify organisations and are
  never masked; nor are the public phones of bodies and service items, staff's own office
  phones, mediators' and legal advisers' office phones.
* :data:`FULL_ROLES` — the roles that see those fields in full, over the record, by the
  scoping function's rule (``scoping.has_role(user, *roles, obj=record)``: the role's data
  scope must reach the record; a 仅本人 officer sees the full number of the cases he handles
  or takes part in, and no other). Everyone else sees the masked value: leaders, supervisors,
  the system administrator, and the handling roles outside their own records.
  Work done by the platform itself (the CLI run by the operator, background tasks) is not a
  signed-in person and sees full values.

Masks (GB/T 35273-2020 3.14 去标识化 and its annex on display masking, as the common
practice of government systems): an ID number keeps its first 4 and last 4 characters
(``430102198507180317`` → ``4301**********0317``; 15 digits: ``4301*******8031``): the
province and city, and what the person recognises as their own; the county, the birth date
and the sequence are hidden. A mobile number keeps the first 3 and last 4 digits
(``13812345678`` → ``138****5678``); a landline keeps its area code and last 4 digits
(``0731-84567890`` → ``0731-****7890``). The masked forms are the same length as the full
number, never match the validators, and stay recognisable to the person they belong to.

Publication (portal pages, the published decisions) is stricter and goes through
``fazhi.core.redaction`` instead. Documents served on a party (the decision DOCX) carry the
full number because the law requires the party to be identified: they are built by the
domains' ``documents`` modules from the model, not through this policy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db import models

from . import scoping
from .models import Role, User

ID = "id"
PHONE = "phone"

_PARTY = {"id_number": ID, "phone": PHONE}

#: model label (``app_label.modelname``) → {field: kind}
FIELDS: dict[str, dict[str, str]] = {
    "enforcement.case": {"party_id_number": ID, "party_phone": PHONE},
    "govservices.application": {
        "applicant_id_number": ID,
        "applicant_phone": PHONE,
        "agent_id_number": ID,
        "agent_phone": PHONE,
    },
    "disputes.reconsideration": {"applicant_id_number": ID, "applicant_phone": PHONE},
    "disputes.respondentcase": {"counterpart_id_number": ID},
    "disputes.disputeparty": _PARTY,
    "disputes.petitionperson": _PARTY,
    "disputes.backlogperson": _PARTY,
    "disputes.inspectionitem": {"petitioner_id_number": ID},
    "hotline.order": {"caller_phone": PHONE},
    "opengov.disclosurerequest": {"applicant_id_number": ID, "applicant_phone": PHONE},
    "legality.comment": {"contact": PHONE},
}

_DISPUTES = (Role.CLERK, Role.REVIEWER)

#: model label → the roles that see the fields in full (over the record, by its scope)
FULL_ROLES: dict[str, tuple[str, ...]] = {
    # the officers handling the case, the clerk who registered the clue and serves the
    # documents, the legal reviewer (法制审核 checks the party's identity)
    "enforcement.case": (Role.OFFICER, Role.CLERK, Role.REVIEWER),
    # the window clerk who accepts and handles the application
    "govservices.application": (Role.CLERK,),
    # the staff of the 复议机构 / 信访 office / 调解 desk handling the matter
    "disputes.reconsideration": _DISPUTES,
    "disputes.respondentcase": _DISPUTES,
    "disputes.disputeparty": _DISPUTES,
    "disputes.petitionperson": _DISPUTES,
    "disputes.backlogperson": _DISPUTES,
    "disputes.inspectionitem": _DISPUTES,
    # the hotline office's clerk and the handling body's staff, who call back
    "hotline.order": (Role.CLERK, Role.OFFICER),
    # the clerk answering the disclosure request
    "opengov.disclosurerequest": (Role.CLERK,),
    # the drafting office's staff who may answer a comment
    "legality.comment": (Role.CLERK, Role.REVIEWER),
}

_ID = re.compile(r"^(\d{4})(\d{7}|\d{10})([0-9Xx]{4})$")
_MOBILE = re.compile(r"^(\+?86)?(1[3-9]\d)(\d{4})(\d{4})$")
_AREA = re.compile(r"^(\(?0\d{2,3}\)?[-\s]?)(.*)$")


def mask_id(value: str) -> str:
    """``430102198507180317`` → ``4301**********0317``; anything not shaped like an ID
    number keeps only its last 4 characters."""
    v = (value or "").strip()
    if not v:
        return ""
    m = _ID.match(v)
    if m:
        return m.group(1) + "*" * len(m.group(2)) + m.group(3)
    return _tail(v)


def mask_phone(value: str) -> str:
    """``13812345678`` → ``138****5678`` (separators dropped); ``0731-84567890`` →
    ``0731-****7890``; other text keeps only its last 4 characters."""
    v = (value or "").strip()
    if not v:
        return ""
    digits = re.sub(r"[\s-]", "", v)
    m = _MOBILE.match(digits)
    if m:
        return (m.group(1) or "") + m.group(2) + "****" + m.group(4)
    a = _AREA.match(v)
    if a and a.group(1) and re.fullmatch(r"\d{5,8}", re.sub(r"[\s-]", "", a.group(2))):
        local = re.sub(r"[\s-]", "", a.group(2))
        return a.group(1) + "*" * (len(local) - 4) + local[-4:]
    return _tail(v)


def _tail(v: str) -> str:
    return "*" * max(len(v) - 4, 4) + v[-4:] if len(v) > 4 else "*" * len(v)


MASKS = {ID: mask_id, PHONE: mask_phone}


def mask(kind: str, value: str) -> str:
    return MASKS[kind](value)


def label_of(model: type[models.Model] | models.Model) -> str:
    return model._meta.label_lower


def fields_of(model: type[models.Model] | models.Model) -> dict[str, str]:
    return FIELDS.get(label_of(model), {})


def _is_system(actor: Any) -> bool:
    """The platform itself (the CLI run by the operator, background tasks): full values.
    Anyone else who is not a signed-in person (an anonymous visitor) sees masked ones."""
    from .ledger import SystemActor

    return isinstance(actor, SystemActor)


def may_see_full(user: Any, obj: models.Model) -> bool:
    """Whether ``user`` sees ``obj``'s ID numbers and phones in full (cached per request
    on the user object)."""
    if _is_system(user):
        return True
    roles = FULL_ROLES.get(label_of(obj))
    if not roles or not isinstance(user, User) or not user.is_authenticated:
        return False
    cache = user.__dict__.setdefault("_fazhi_full_view", {})
    key = (label_of(obj), obj.pk)
    if key not in cache:
        # a record without its organisation is nobody's to see in full (has_role would
        # otherwise ask whether the user holds the role anywhere)
        org = scoping.subject_org(obj)
        cache[key] = org is not None and scoping.has_role(user, *roles, org=org, obj=obj)
    return cache[key]


def shown(user: Any, obj: models.Model, field: str) -> str:
    """The value of ``obj.field`` as ``user`` may see it."""
    kind = fields_of(obj)[field]  # a field the policy does not know is a programming error
    raw = getattr(obj, field, "") or ""
    if not raw or may_see_full(user, obj):
        return raw
    return mask(kind, raw)


def fields_for(user: Any, obj: models.Model, *names: str) -> dict[str, str]:
    """``{field: value as user may see it}`` for an API answer (every registered field of
    the model when ``names`` is empty)."""
    return {f: shown(user, obj, f) for f in (names or fields_of(obj))}


def full_view_pks(user: Any, model: type[models.Model], pks: Iterable[Any]) -> set[Any] | None:
    """Of ``pks``, those whose fields ``user`` sees in full — ``None`` meaning all (not a
    signed-in person). One query a 500 keys, by the scoping function."""
    if _is_system(user):
        return None
    roles = FULL_ROLES.get(label_of(model))
    if not roles or not isinstance(user, User):
        return set()
    pks = list(pks)
    seen: set[Any] = set()
    base = scoping.scope(user, model, roles=roles)
    for i in range(0, len(pks), 500):
        seen.update(base.filter(pk__in=pks[i : i + 500]).values_list("pk", flat=True))
    return seen
