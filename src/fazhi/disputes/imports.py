"""Excel in and out for the disputes registers.

In: an inspection team's batch (the list the team sends with its letter: one row per item —
handling unit, petitioner, identity number, problem), all rows or nothing: every row is
checked (the unit resolved among the district's bodies, the identity number against GB 11643)
and the batch is registered by the same service as the form; a failed row is named with its
number as Excel shows it (the header is row 1), its column and the check that failed.

Out: the lists are export-only registers of the kernel's data-exchange registry
(``exports.py``), shared by the pages and ``fazhi export``.

The batch stays outside the registry: a batch is one record whose rows are its items, with
the team, the batch number and the dates given on the page (not in the file), registered by
one service call — the registry's import is one service call per row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation

from . import queries
from .models import InspectionBatch
from .services import inspection

MAX_ROWS = 5000


class ImportFileError(Exception):
    """The file as a whole cannot be read (not an Excel file, no header, missing columns)."""


@dataclass(frozen=True)
class Column:
    header: Any
    key: str
    required: bool = False
    example: str = ""


ITEM_COLUMNS = (
    Column(gettext_lazy("承办单位"), "unit", True, "区行政执法局"),
    Column(gettext_lazy("信访人"), "petitioner_name", True, "张建国"),
    Column(gettext_lazy("身份证号码"), "petitioner_id_number", False, "430102198001010011"),
    Column(gettext_lazy("反映问题"), "content", True, "反映小区违建长期未拆除"),
)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = _("第%(r)d行") % {"r": self.row}
        return (
            f"{where} {self.column}：{self.message}" if self.column else f"{where}：{self.message}"
        )


@dataclass
class ImportResult:
    rows: int = 0
    batch: InspectionBatch | None = None
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def read(data: bytes) -> list[tuple[int, dict[str, str]]]:
    """The item rows of the first sheet, keyed by column, with their Excel row numbers."""
    from fazhi.core.dataexchange.reader import FileRefused, SheetReader

    # The kernel's guarded reader: a child process with a memory cap after a bounded
    # pre-pass, so no uploaded file can take the server down.
    try:
        with SheetReader(data) as sheet:
            numbered = list(sheet)
    except FileRefused as exc:
        raise ImportFileError(str(exc)) from exc
    rows = [cells for _n, cells in numbered]
    if not rows:
        raise ImportFileError(_("文件中没有数据行。"))
    header = [_text(h).rstrip("*") for h in rows[0]]
    where: dict[str, int] = {}
    for col in ITEM_COLUMNS:
        if str(col.header) not in header:
            if col.required:
                raise ImportFileError(_("缺少“%(c)s”列。") % {"c": col.header})
            continue
        where[col.key] = header.index(str(col.header))
    out = []
    for n, row in numbered[1 : MAX_ROWS + 1]:
        values = {k: _text(row[i]) if i < len(row) else "" for k, i in where.items()}
        if any(values.values()):
            out.append((n, values))
    return out


def import_batch(
    *,
    actor: Actor,
    org: Organisation,
    team: str,
    batch_no: int,
    received_on: dt.date,
    due_on: dt.date,
    data: bytes,
    filename: str,
    letter_number: str = "",
) -> ImportResult:
    """Register a batch with the items of the file — all rows or nothing."""
    if not filename.lower().endswith(".xlsx"):
        raise ImportFileError(_("请上传 Excel（.xlsx）文件。"))
    rows = read(data)
    result = ImportResult(rows=len(rows))
    if not rows:
        raise ImportFileError(_("文件中没有数据行。"))
    units = {o.label: o for o in queries.district_orgs()} | {
        o.name: o for o in queries.district_orgs()
    }
    items, numbers = [], []
    for n, v in rows:
        unit = units.get(v.get("unit", ""))
        if unit is None:
            result.errors.append(
                RowError(
                    n,
                    str(ITEM_COLUMNS[0].header),
                    _("没有名为“%(u)s”的单位。") % {"u": v.get("unit", "")},
                )
            )
            continue
        items.append({**v, "unit": unit})
        numbers.append(n)
    if result.errors:
        return result
    try:
        result.batch = inspection.batch_register(
            actor=actor, org=org, team=team, batch_no=batch_no, received_on=received_on,
            due_on=due_on, items=items, letter_number=letter_number,
        )  # fmt: skip
    except ValidationError as exc:
        result.errors = _row_errors(exc, numbers)
    return result


def _row_errors(exc: ValidationError, numbers: list[int]) -> list[RowError]:
    """The service's per-item errors (``item{i}_…``) as rows and columns of the file."""
    headers = {c.key: str(c.header) for c in ITEM_COLUMNS}
    headers["name"] = headers["petitioner_name"]
    headers["id_number"] = headers["petitioner_id_number"]
    out = []
    for key, msgs in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
        if key.startswith("item"):
            i, _sep, rest = key[4:].partition("_")
            row = numbers[int(i)] if i.isdigit() and int(i) < len(numbers) else 0
            out += [RowError(row, headers.get(rest, ""), m) for m in msgs]
        else:
            out += [RowError(0, "", m) for m in msgs]
    return out


def template() -> bytes:
    """The batch template: the header row (required columns marked *) and one example."""
    from fazhi.core.dataexchange import writer

    book, buf, fmt = writer.new_book()
    headers = [str(col.header) + ("*" if col.required else "") for col in ITEM_COLUMNS]
    ws = writer.add_sheet(book, fmt, _("交办件"), headers, [[c.example for c in ITEM_COLUMNS]])
    ws.set_column(0, len(ITEM_COLUMNS) - 1, 22)
    book.close()
    return buf.getvalue()
