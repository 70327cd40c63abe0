"""Cell values into Python values, and the errors an import reports.

Every cell is checked against its column before a domain's builder sees it: text has no NUL
byte and fits its database column (a 3.5-million-character cell is a row error, not a row
stored whole by SQLite or a 500 from PostgreSQL); an integer fits its column's range; an
amount fits its digits. Builders then use ``text``, ``parse_date``, ``choice``, ``money``
and the ``Resolver`` to turn the checked values into a service's arguments.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .registry import Column, Kind, Limits
from .writer import unescape


class ImportFileError(Exception):
    """The file as a whole cannot be imported (not a workbook, wrong headers, an organisation
    out of scope, an unknown register); nothing is stored. ``str()`` is the user's message."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("第%(r)d行 %(c)s：%(m)s") % {
                "r": self.row,
                "c": self.column,
                "m": self.message,
            }
        return _("第%(r)d行：%(m)s") % {"r": self.row, "m": self.message}

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


MAX_ERRORS = 1000  # errors kept for the answer; the count goes on


@dataclass
class ImportResult:
    register: str
    file_name: str = ""
    sha256: str = ""
    rows: int = 0
    added: int = 0
    unchanged: int = 0
    updated: int = 0
    failed_rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    dry_run: bool = False
    already: Any = None  # the ImportRun that imported this very file before
    run_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.error_count

    @property
    def kind(self) -> str:  # the name older callers used
        return self.register

    def add_error(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(row, column, message))

    def as_dict(self) -> dict[str, Any]:
        return {
            "register_name": self.register,
            "file": self.file_name,
            "sha256": self.sha256,
            "ok": self.ok,
            "dry_run": self.dry_run,
            "already_imported": self.already is not None,
            "rows": self.rows,
            "added": self.added,
            "unchanged": self.unchanged,
            "updated": self.updated,
            "failed_rows": self.failed_rows,
            "error_count": self.error_count,
            "errors": [e.as_dict() for e in self.errors],
        }


# ---------------------------------------------------------------- plain conversions


def text(value: Any) -> str:
    """A cell as text: whole numbers without ``.0``, dates as 2019-05-20, stripped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _shown(value: str, limit: int = 40) -> str:
    """A value as quoted in a message: never the whole of a very long cell."""
    return value if len(value) <= limit else value[:limit] + "…"


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = _DATE.match(text(value))
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    raise ValueError(_("日期格式不正确：“%(v)s”（应为 2019-05-20）") % {"v": _shown(text(value))})


def date_or_none(value: Any) -> dt.date | None:
    return parse_date(value) if text(value) else None


def choice(value: Any, choices: list[tuple[str, Any]], what: str) -> str:
    """The code of a choice named by its code, its label in the user's language, or its
    Chinese label (the files' own language, whatever the importer's page is shown in)."""
    t = text(value)
    for code, label in choices:
        if t in (code, str(label)):
            return code
    with translation.override(settings.LANGUAGE_CODE):
        for code, label in choices:
            if t == str(label):
                return code
    raise ValueError(
        _("%(w)s“%(v)s”不正确，应为：%(a)s")
        % {"w": what, "v": _shown(t), "a": " / ".join(str(label) for _c, label in choices)}
    )


def money(value: Any, *, blank: Decimal | None = None) -> Decimal | None:
    t = text(value).replace(",", "").replace("，", "")
    if t == "":
        return blank
    try:
        d = Decimal(t)
    except InvalidOperation:
        raise ValueError(_("“%(v)s”不是有效金额。") % {"v": _shown(t)}) from None
    if not d.is_finite():
        raise ValueError(_("“%(v)s”不是有效金额。") % {"v": _shown(t)})
    if d < 0:
        raise ValueError(_("金额不能为负数。"))
    return d.quantize(Decimal("0.01"))


# ---------------------------------------------------------------- the checks every cell gets


def check_cell(column: Column, limits: Limits, value: Any) -> Any:
    """The cell's value after the column's generic checks, or ValueError with the message.
    Text comes back stripped and with the export's formula escape undone."""
    limited = limits.max_length is not None and column.kind != Kind.CHOICE
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError(_("含有空字符（NUL），请删除后再导入。"))
        value = unescape(value.strip())
        if limited and len(value) > limits.max_length:
            raise ValueError(
                _("长度为 %(n)d 个字符，超过本列上限 %(m)d 个字符。")
                % {"n": len(value), "m": limits.max_length}
            )
    elif limited and value is not None:
        t = text(value)
        if len(t) > limits.max_length:
            raise ValueError(
                _("长度为 %(n)d 个字符，超过本列上限 %(m)d 个字符。")
                % {"n": len(t), "m": limits.max_length}
            )
    if column.kind == Kind.INTEGER and text(value) != "":
        value = integer(value, limits)
    if column.kind == Kind.MONEY and text(value) != "" and limits.max_digits:
        d = money(value)
        whole = limits.max_digits - (limits.decimal_places or 0)
        if d is not None and d.adjusted() >= whole:
            raise ValueError(_("金额 %(v)s 超出本列范围。") % {"v": _shown(text(value))})
    return value


def integer(value: Any, limits: Limits | None = None) -> int:
    t = text(value).replace(",", "")
    try:
        n = int(Decimal(t)) if t else 0
        if Decimal(t) != n:
            raise ValueError
    except (InvalidOperation, ValueError):
        raise ValueError(_("“%(v)s”不是整数。") % {"v": _shown(t)}) from None
    if limits and limits.min_value is not None and n < limits.min_value:
        raise ValueError(_("%(v)s 小于本列下限 %(m)d。") % {"v": n, "m": limits.min_value})
    if limits and limits.max_value is not None and n > limits.max_value:
        raise ValueError(_("%(v)s 超出本列上限 %(m)d。") % {"v": n, "m": limits.max_value})
    return n


def field_value(errors: dict[str, str], key: str, fn) -> Any:
    """``fn()``, or None with its message in ``errors[key]``."""
    try:
        return fn()
    except ValueError as exc:
        errors[key] = str(exc)
        return None


_LABELS: dict[tuple[int, str], dict[str, str]] = {}


def label(choices: Any, code: str) -> str:
    """A choice's label in the active language — what ``get_FOO_display()`` gives, without
    its cost per row (an export of 15,000 cases spent a third of its time there)."""
    key = (id(choices), translation.get_language() or "")
    table = _LABELS.get(key)
    if table is None:
        items = choices.choices if hasattr(choices, "choices") else choices
        table = _LABELS[key] = {c: str(lbl) for c, lbl in items}
    return table.get(code, code or "")
