"""Issuing document numbers: gapless, safe under concurrency, voids recorded.

The series row is locked (``select_for_update``) while a number is taken, so two clerks
issuing at the same moment get consecutive numbers and never the same one; the number is
issued in the caller's transaction, so a failed registration leaves no gap.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import actions, clock, ledger
from .actions import register
from .ledger import Actor
from .models import IssuedNumber, NumberSeries, Organisation, User

NUMBER_ISSUE = register("number.issue", gettext_lazy("发放文号"))
NUMBER_VOID = register("number.void", gettext_lazy("作废文号"))
SERIES_CREATE = register("number.series", gettext_lazy("设立文号序列"))

DOC_NUMBER = re.compile(r"^\S+〔\d{4}〕[1-9]\d*号$")  # standards.md §3.1, GB/T 9704 7.2.5


def validate_doc_number(text: str) -> str:
    """A document number in the GB/T 9704 form: 机关代字〔YYYY〕N号 — six-corner brackets,
    the full year, no "第", no leading zeros."""
    if not DOC_NUMBER.match(text or ""):
        raise ValidationError(
            _(
                "文号格式应为“机关代字〔年份〕序号号”，如 芙政发〔2019〕3号（六角括号，序号不编虚位）：%(t)s"
            )
            % {"t": text}
        )
    return text


def series_get_or_create(
    *,
    actor: Actor,
    org: Organisation,
    kind: str,
    year: int,
    prefix: str,
    pattern: str = "{prefix}〔{year}〕{n}号",
) -> NumberSeries:
    if not prefix.strip():
        raise ValidationError(_("请填写机关代字。"))
    if not 1949 <= year <= 2100:
        raise ValidationError(_("年度不正确：%(y)s") % {"y": year})
    with transaction.atomic():
        series, created = NumberSeries.objects.get_or_create(
            org=org, kind=kind, year=year, defaults={"prefix": prefix.strip(), "pattern": pattern}
        )
        if created:
            ledger.record(
                actor=actor,
                action=SERIES_CREATE,
                subject=series,
                org=org,
                data={"kind": kind, "year": year, "prefix": series.prefix},
            )
    return series


def issue(
    *, actor: Actor, series: NumberSeries, subject: models.Model | None = None
) -> IssuedNumber:
    """Take the next number of ``series`` (in the caller's transaction if there is one)."""
    with transaction.atomic():
        s = NumberSeries.objects.select_for_update().get(pk=series.pk)
        s.last_value += 1
        s.save(update_fields=["last_value"])
        text = s.pattern.format(prefix=s.prefix, year=s.year, n=s.last_value)
        number = IssuedNumber.objects.create(
            series=s,
            value=s.last_value,
            text=text,
            issued_at=clock.now(),
            issued_by=actor if isinstance(actor, User) else None,
            subject_type=subject._meta.label_lower if subject is not None else "",
            subject_id=str(subject.pk) if subject is not None else "",
        )
        ledger.record(
            actor=actor,
            action=NUMBER_ISSUE,
            subject=subject or number,
            org=s.org,
            data={"number": text, "series": s.pk, "value": s.last_value},
        )
    series.last_value = s.last_value
    return number


def void(*, actor: Actor, number: IssuedNumber, reason: str) -> IssuedNumber:
    """Void a number: it stays in the register, marked, and is never issued again."""
    if not reason.strip():
        raise ValidationError(_("作废文号须说明原因。"))
    with transaction.atomic():
        n = IssuedNumber.objects.select_for_update().select_related("series").get(pk=number.pk)
        if n.voided_at is not None:
            raise ValidationError(_("文号 %(t)s 已于此前作废。") % {"t": n.text})
        n.voided_at = clock.now()
        n.void_reason = reason.strip()
        n.save(update_fields=["voided_at", "void_reason"])
        ledger.record(
            actor=actor,
            action=NUMBER_VOID,
            subject=n,
            org=n.series.org,
            data={"number": n.text, "reason": n.void_reason},
        )
    return n


__all__ = ["DOC_NUMBER", "issue", "series_get_or_create", "validate_doc_number", "void", "actions"]
