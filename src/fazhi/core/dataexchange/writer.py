"""Every Excel file fazhi writes goes through ``write_cell``: no value ever becomes a formula.

xlsxwriter's ``write()`` turns a string starting with ``=`` into a live formula, so a grid
cell named ``=HYPERLINK("http://…","点此")`` came out of an export as a link. Here strings are
always written as strings, and a string that a spreadsheet (or a CSV saved from it) would
read as a formula — starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return — is
prefixed with an apostrophe (OWASP's advice for CSV/formula injection). The reader undoes
exactly that prefix (``unescape``), so an export still imports back unchanged; apostrophes
already in front of such a string are doubled, so the mapping is one-to-one.

CSV files fazhi writes (the work calendar's year, a case file's manifest) put each row through
``csv_row``, the same escape.

Numbers are written as numbers, ``Decimal`` with two decimals, dates as Excel dates.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import xlsxwriter

TRIGGERS = "=+-@\t\r"
_NEEDS_PREFIX = re.compile(r"^'*[=+\-@\t\r]")
_PREFIXED = re.compile(r"^'+[=+\-@\t\r]")
MAX_ROWS = 1_048_575  # Excel's last row, less the header


def safe_text(text: str) -> str:
    """The text as it is written into a cell (module docstring)."""
    return "'" + text if _NEEDS_PREFIX.match(text) else text


def unescape(text: str) -> str:
    """The inverse of ``safe_text``, applied by the reader to every text cell."""
    return text[1:] if _PREFIXED.match(text) else text


def csv_row(values: Iterable[Any]) -> list[Any]:
    """A CSV row as fazhi writes it: every text through ``safe_text`` (a spreadsheet opens a
    CSV as readily as a workbook, and evaluates its formulas the same way)."""
    return [safe_text(v) if isinstance(v, str) else v for v in values]


class Formats:
    """The few cell formats exports use, created once per workbook."""

    def __init__(self, book: xlsxwriter.Workbook):
        self.bold = book.add_format({"bold": True})
        self.money = book.add_format({"num_format": "0.00"})
        self.date = book.add_format({"num_format": "yyyy-mm-dd"})
        self.datetime = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})


def write_cell(ws, row: int, col: int, value: Any, fmt: Formats | None = None, style=None) -> None:
    """Write one value safely: never a formula (module docstring)."""
    if value is None:
        ws.write_blank(row, col, None, style)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, style)
    elif isinstance(value, Decimal):
        ws.write_number(row, col, float(value), style or (fmt.money if fmt else None))
    elif isinstance(value, int | float):
        ws.write_number(row, col, value, style)
    elif isinstance(value, dt.datetime):
        value = value.replace(tzinfo=None) if value.tzinfo else value
        ws.write_datetime(row, col, value, style or (fmt.datetime if fmt else None))
    elif isinstance(value, dt.date):
        ws.write_datetime(row, col, value, style or (fmt.date if fmt else None))
    else:
        ws.write_string(row, col, safe_text(str(value)), style)


def sheet_name(title: str) -> str:
    """A title as Excel allows a sheet name: no []:*?/\\, at most 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", "", str(title))[:31]


def add_sheet(
    book: xlsxwriter.Workbook,
    fmt: Formats,
    name: str,
    headers: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    *,
    width: int = 18,
) -> Any:
    """A sheet with a bold header row and the rows below it, every cell through
    ``write_cell``. Rows beyond Excel's last row are not written."""
    ws = book.add_worksheet(sheet_name(name) or None)
    for c, h in enumerate(headers):
        write_cell(ws, 0, c, str(h), fmt, fmt.bold)
    if headers:
        ws.set_column(0, len(headers) - 1, width)
    for r, row in enumerate(rows, start=1):
        if r > MAX_ROWS:
            break
        for c, value in enumerate(row):
            write_cell(ws, r, c, value, fmt)
    return ws


def new_book(*, large: bool = False) -> tuple[xlsxwriter.Workbook, io.BytesIO, Formats]:
    """A workbook writing into memory; ``large`` writes rows through temporary files
    (xlsxwriter's constant-memory mode) so a 100,000-row export stays small in memory."""
    buf = io.BytesIO()
    options: dict[str, Any] = {"remove_timezone": True}
    options["constant_memory" if large else "in_memory"] = True
    book = xlsxwriter.Workbook(buf, options)
    return book, buf, Formats(book)


def xlsx(
    headers: Sequence[Any], rows: Iterable[Sequence[Any]], *, sheet: str = "", large: bool = False
) -> bytes:
    """One sheet: the headers, then the rows."""
    book, buf, fmt = new_book(large=large)
    add_sheet(book, fmt, sheet, headers, rows)
    book.close()
    return buf.getvalue()
