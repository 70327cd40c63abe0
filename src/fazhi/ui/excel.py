"""Excel export for every list: one helper, xlsxwriter, in memory."""

import io
from collections.abc import Iterable, Sequence
from urllib.parse import quote

import xlsxwriter
from django.http import HttpResponse

MAX_ROWS = 1_048_575


def excel_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "remove_timezone": True})
    sheet = book.add_worksheet()
    bold = book.add_format({"bold": True})
    for c, h in enumerate(headers):
        sheet.write(0, c, str(h), bold)
    for r, row in enumerate(rows, start=1):
        if r > MAX_ROWS:
            break
        for c, value in enumerate(row):
            sheet.write(r, c, value if isinstance(value, int | float) else str(value or ""))
    book.close()
    resp = HttpResponse(
        buf.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.xlsx"
    return resp
