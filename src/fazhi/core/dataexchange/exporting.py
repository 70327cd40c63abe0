"""Exports and templates from the registry: the register's own columns and rows, written by
the safe writer, so an export imports back unchanged."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .. import masking
from ..ledger import Actor
from ..models import Organisation
from . import registry, writer
from .registry import Register
from .runner import check_org
from .values import ImportFileError


def exportable(name: str) -> Register:
    reg = registry.get(name)
    if reg is None:
        raise ImportFileError(
            _("没有名为“%(n)s”的名册。可导出的名册：%(a)s")
            % {"n": name, "a": "、".join(r.name for r in registry.all_registers() if r.exportable)}
        )
    if not reg.exportable:
        raise ImportFileError(_("名册“%(n)s”不能导出。") % {"n": name})
    return reg


def records(
    reg: Register, *, actor: Actor, org: Organisation | None = None, year: int | None = None
):
    """The register's records the actor may see, for ``org``'s subtree and ``year``."""
    check_org(actor, org)
    if not (reg.records is not None):
        raise RuntimeError("internal: reg.records is not None")
    return reg.records(actor=actor, org=org, year=year)


def workbook(reg: Register, qs: Any, *, actor: Any = None, large: bool = True) -> bytes:
    """These records (already scoped and filtered by the caller) in the register's columns,
    the personal columns masked for ``actor`` (for everyone when no actor is given)."""
    return writer.xlsx(
        reg.headers(), masked_rows(reg, qs, actor=actor), sheet=str(reg.title), large=large
    )


def masked_rows(reg: Register, qs: Any, *, actor: Any = None) -> Iterable[Sequence[Any]]:
    """The export hook of ``fazhi.core.masking``: a column declared ``personal`` shows its
    value in full only on the rows whose record ``actor`` may see in full (the masking
    policy's roles over the record, by the scoping function); elsewhere masked. Without an
    actor every personal column is masked (fail closed)."""
    cols = [(i, c.personal) for i, c in enumerate(reg.columns) if c.personal]
    rows = reg.export_rows(qs)
    if not cols:
        return rows
    pks = list(qs.values_list("pk", flat=True)) if isinstance(qs, QuerySet) else [r.pk for r in qs]
    full = masking.full_view_pks(actor, reg.model, pks) if actor is not None else set()
    if full is None:
        return rows
    return (_mask_row(row, cols, pk in full) for pk, row in zip(pks, rows, strict=True))


def _mask_row(row: Sequence[Any], cols, full: bool) -> Sequence[Any]:
    if full:
        return row
    out = list(row)
    for i, kind in cols:
        if out[i]:
            out[i] = masking.mask(kind, str(out[i]))
    return out


def export(
    name: str, *, actor: Actor, org: Organisation | None = None, year: int | None = None
) -> bytes:
    reg = exportable(name)
    return workbook(reg, records(reg, actor=actor, org=org, year=year), actor=actor)


def template(reg: Register) -> bytes:
    """The import template: a first sheet with the header row only (required columns marked
    *), and a second sheet explaining each column with its format and an example."""
    book, buf, fmt = writer.new_book()
    writer.add_sheet(book, fmt, str(reg.title), reg.headers(), [])
    writer.add_sheet(
        book,
        fmt,
        _("填写说明"),
        [_("列"), _("是否必填"), _("说明"), _("格式"), _("示例")],
        (
            [
                c.header,
                _("必填") if c.required else _("可空"),
                str(c.meaning),
                c.format_text(),
                c.example,
            ]
            for c in reg.columns
        ),
        width=24,
    )
    book.close()
    return buf.getvalue()


def describe(reg: Register) -> list[dict[str, Any]]:
    """Each column as ``fazhi import --list`` and the API show it."""
    return [
        {
            "header": str(c.header),
            "key": c.key,
            "meaning": str(c.meaning),
            "required": c.required,
            "format": c.format_text(),
            "max_length": reg.limits(c).max_length
            if c.kind in (registry.Kind.TEXT, registry.Kind.CODE)
            else None,
            "example": c.example,
        }
        for c in reg.columns
    ]
