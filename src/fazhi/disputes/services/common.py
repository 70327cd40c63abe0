"""What the dispute services share: checking a party's identity, issuing numbers and numbered
documents, tracking codes for the public, and the clocks' org and handler."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from fazhi.core import identity, numbering
from fazhi.core.ledger import Actor

from ..models import DocKind, Document, PartyKind

CHECK_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud on the phone


def party_problems(
    *,
    kind: str,
    name: str,
    id_number: str = "",
    credit_code: str = "",
    who: str = "",
    key: str = "",
) -> dict[str, str]:
    """A party's problems keyed by field (``key`` + field name), each message naming the
    party (``who``: 申请人, 信访人 …): an invalid ID number or credit code is refused with
    the reason the check gives."""
    who = who or _("当事人")
    problems = {}
    if kind not in PartyKind.values:
        problems[f"{key}kind"] = _("%(w)s类型不正确。") % {"w": who}
    if not name.strip():
        problems[f"{key}name"] = _("请填写%(w)s的姓名或名称。") % {"w": who}
    if id_number.strip():
        try:
            identity.validate_id_number(id_number.strip())
        except identity.IdentityError as exc:
            problems[f"{key}id_number"] = _("%(w)s的身份证号码不正确：%(m)s") % {
                "w": who,
                "m": exc.message,
            }
    if credit_code.strip():
        try:
            identity.validate_credit_code(credit_code.strip())
        except identity.IdentityError as exc:
            problems[f"{key}credit_code"] = _("%(w)s的统一社会信用代码不正确：%(m)s") % {
                "w": who,
                "m": exc.message,
            }
    return problems


def raise_problems(problems: dict[str, str] | list[str]) -> None:
    if problems:
        raise ValidationError(problems)


def _issue_number(
    *,
    actor: Actor,
    org,
    kind: str,
    prefix: str,
    year: int,
    subject: models.Model | None = None,
) -> str:
    """The next number of the (org, kind, year) series, issued for ``subject``."""
    series = numbering.series_get_or_create(
        actor=actor, org=org, kind=kind, year=year, prefix=prefix
    )
    return numbering.issue(actor=actor, series=series, subject=subject).text


def _issue_document(
    *, actor: Actor, matter: models.Model, kind: str, prefix: str, on: dt.date, org=None
) -> Document:
    """Register and number a notice or decision of ``matter`` on ``on`` (its year)."""
    org = org or matter.org
    number = _issue_number(
        actor=actor, org=org, kind=f"dis-{kind}", prefix=prefix, year=on.year, subject=matter
    )
    return Document.objects.create(
        org=org,
        subject_type=matter._meta.label_lower,
        subject_id=str(matter.pk),
        kind=kind,
        number=number,
        issued_on=on,
    )


def documents_of(matter: models.Model):
    return Document.objects.filter(
        subject_type=matter._meta.label_lower, subject_id=str(matter.pk)
    ).order_by("issued_on", "id")


#: the suffix each document kind adds to the issuing office's prefix (芙政复 → 芙政复决)
SUFFIX = {
    DocKind.FY_CORRECTION: "补",
    DocKind.FY_ACCEPT: "受",
    DocKind.FY_REFUSAL: "不受",
    DocKind.FY_ANSWER: "答",
    DocKind.FY_EXTENSION: "延",
    DocKind.FY_SUSPENSION: "中",
    DocKind.FY_TERMINATION: "终",
    DocKind.FY_DECISION: "决",
    DocKind.XF_ACCEPT: "受告",
    DocKind.XF_DIVERT: "不受告",
    DocKind.XF_REPLY: "处",
    DocKind.XF_REVIEW: "复查",
    DocKind.XF_RECHECK: "复核",
}


def new_check_code() -> str:
    """The code a member of the public types with the number to follow a matter."""
    return "".join(secrets.choice(CHECK_ALPHABET) for _i in range(6))


def clean(value: str) -> str:
    return (value or "").strip()
