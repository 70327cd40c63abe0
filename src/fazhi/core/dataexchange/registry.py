"""The one registry of import/export schemas ("registers": 名册).

A domain declares each register it exchanges in Excel once — its columns (the Chinese header
as the file carries it, what it means, whether it is required, its format), how a row becomes
the keyword arguments of the domain's own service function, and how records become rows — and
registers it from its ``AppConfig.ready()``. The CLI (``fazhi import/export``), the workspace
import pages, ``POST /api/v1/imports/{register}`` and every list's Excel download read the same
declaration, so a column is named, checked and written in one place, and an export imports
back unchanged. The kernel imports no domain: domains call ``register()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy


class Kind:
    """A column's format; the import checks it before the domain sees the value."""

    TEXT = "text"
    CODE = "code"  # an identifier or number written as text
    NAME = "name"  # names a record (a body, a unit, a campaign) looked up in the user's scope
    DATE = "date"
    MONEY = "money"
    INTEGER = "integer"
    CHOICE = "choice"


KIND_LABELS = {
    Kind.TEXT: gettext_lazy("文字"),
    Kind.CODE: gettext_lazy("编码"),
    Kind.NAME: gettext_lazy("名称（在您的数据范围内查找）"),
    Kind.DATE: gettext_lazy("日期，如 2019-05-20"),
    Kind.MONEY: gettext_lazy("金额（元），最多两位小数"),
    Kind.INTEGER: gettext_lazy("整数"),
    Kind.CHOICE: gettext_lazy("选项之一"),
}


@dataclass(frozen=True)
class Column:
    """One column. ``header`` is Chinese whatever the user's language: files are exchanged
    between offices in Chinese. ``field`` names the model field that stores the value
    (``"name"`` on the register's model, or ``"Model.name"`` in the same app), from which the
    import takes the length and range limits; it defaults to ``key``."""

    header: str
    key: str
    required: bool = False
    meaning: Any = ""
    kind: str = Kind.TEXT
    example: str = ""
    choices: Any = None  # for CHOICE: a TextChoices class or a sequence of (code, label)
    field: str = ""
    max_length: int | None = None
    # "id" or "phone" (``fazhi.core.masking``): masked in an export for a user outside the
    # roles that see it in full over the record
    personal: str = ""

    def choice_list(self) -> list[tuple[str, Any]]:
        if self.choices is None:
            return []
        if hasattr(self.choices, "choices"):
            return list(self.choices.choices)
        return list(self.choices)

    def format_text(self) -> str:
        text = str(KIND_LABELS.get(self.kind, ""))
        if self.kind == Kind.CHOICE and self.choices is not None:
            text = " / ".join(str(label) for _c, label in self.choice_list())
        return text


@dataclass(frozen=True)
class Limits:
    """What a column's value may be, taken from the model field that stores it."""

    max_length: int | None = None
    min_value: int | None = None
    max_value: int | None = None
    max_digits: int | None = None
    decimal_places: int | None = None


Builder = Callable[[Any, dict[str, Any], dict[str, str]], dict[str, Any]]


@dataclass
class Register:
    """A register: its columns, and how it is imported and exported.

    Import (all optional; a register without ``save`` is export-only):

    - ``build(resolver, values, errors)`` turns a row's checked values into the keyword
      arguments of ``save``, resolving names within the importer's scope; problems go into
      ``errors`` keyed by column key;
    - ``save(actor=…, **kwargs)`` is the domain's service function (role check, ledger event);
    - ``key``: the kwargs naming a record; two rows of one file with the same key are an
      error, and ``find(resolver, kwargs)`` returns the record already holding that key —
      or ``find_many(resolver, [kwargs, …])`` for a whole batch, when the key is every
      column (a record found is then the same as the row);
    - ``row_of(record)``: that record as a row (the export's), so a row equal to it is
      "unchanged" and adds nothing; a row that differs is an update when ``updates`` (the
      service changes the record), else an error;
    - ``group``: (the kwarg that groups rows, the kwargs rows of a group must agree on);
    - ``resolver``: the class looking names up (``Resolver`` or a domain's subclass);
    - ``models``: the models the service creates, all ``Importable``.

    Export: ``records(actor, org, year)`` — the scoped queryset; ``rows(queryset)`` — rows in
    column order (default: ``row_of`` of each record).
    """

    name: str
    title: Any
    columns: tuple[Column, ...]
    model: type[models.Model] | None = None
    build: Builder | None = None
    save: Callable[..., Any] | None = None
    key: tuple[str, ...] = ()
    find: Callable[[Any, dict[str, Any]], Any] | None = None
    find_many: Callable[[Any, list[dict[str, Any]]], list[Any]] | None = None
    row_of: Callable[[Any], Sequence[Any]] | None = None
    updates: bool = False
    group: tuple[str, tuple[str, ...]] | None = None
    resolver: type | None = None
    models: tuple[type[models.Model], ...] = ()
    records: Callable[..., Any] | None = None
    rows: Callable[[Any], Iterable[Sequence[Any]]] | None = None
    year_note: Any = ""
    _limits: dict[str, Limits] = field(default_factory=dict, repr=False)

    @property
    def importable(self) -> bool:
        return self.save is not None and self.build is not None

    @property
    def exportable(self) -> bool:
        return self.records is not None and (self.rows is not None or self.row_of is not None)

    def column(self, key: str) -> Column | None:
        for c in self.columns:
            if c.key == key:
                return c
        return None

    def header_of(self, key: str) -> str:
        c = self.column(key)
        return c.header if c else ""

    def headers(self, *, marked: bool = True) -> list[str]:
        return [c.header + ("*" if marked and c.required else "") for c in self.columns]

    def export_rows(self, qs) -> Iterable[Sequence[Any]]:
        if self.rows is not None:
            return self.rows(qs)
        if not (self.row_of is not None):
            raise RuntimeError("internal: self.row_of is not None")
        return (self.row_of(r) for r in qs)

    def limits(self, column: Column) -> Limits:
        """The column's limits from its model field (cached)."""
        if column.key not in self._limits:
            self._limits[column.key] = _limits_of(self.model, column)
        return self._limits[column.key]


def _limits_of(model: type[models.Model] | None, column: Column) -> Limits:
    name = column.field or column.key
    if "." in name and model is not None:
        from django.apps import apps

        model_name, name = name.rsplit(".", 1)
        model = apps.get_model(model._meta.app_label, model_name)
    f = None
    if model is not None:
        try:
            f = model._meta.get_field(name)
        except Exception:  # not a field of the model (a looked-up name, a computed column)
            f = None
    max_length = column.max_length or getattr(f, "max_length", None)
    if isinstance(f, models.DecimalField):
        return Limits(max_length, max_digits=f.max_digits, decimal_places=f.decimal_places)
    if isinstance(f, models.IntegerField | models.BigIntegerField | models.SmallIntegerField):
        lo, hi = _int_range(f)
        return Limits(max_length, min_value=lo, max_value=hi)
    return Limits(max_length)


def _int_range(f: models.Field) -> tuple[int, int]:
    """The field's range as Django defines it for every backend (PostgreSQL enforces it;
    SQLite would store anything, so the import checks it on both)."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    ranges = BaseDatabaseOperations.integer_field_ranges
    return ranges.get(f.get_internal_type(), ranges["BigIntegerField"])


REGISTERS: dict[str, Register] = {}


def register(reg: Register) -> Register:
    """Add a register (from a domain's ``AppConfig.ready()``); names are unique."""
    if reg.name in REGISTERS and REGISTERS[reg.name] is not reg:
        raise ValueError(f"register {reg.name!r} declared twice")
    keys = [c.key for c in reg.columns]
    if len(set(keys)) != len(keys) or len({c.header for c in reg.columns}) != len(keys):
        raise ValueError(f"register {reg.name!r}: column keys and headers must be unique")
    REGISTERS[reg.name] = reg
    return reg


def get(name: str) -> Register | None:
    return REGISTERS.get(name)


def all_registers() -> list[Register]:
    return sorted(REGISTERS.values(), key=lambda r: r.name)
