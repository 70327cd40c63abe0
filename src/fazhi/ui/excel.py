"""Excel export for every list: the kernel's safe writer (no cell ever becomes a formula),
in memory, as a download."""

from collections.abc import Iterable, Sequence
from urllib.parse import quote

from django.http import HttpResponse

from fazhi.core.dataexchange import writer

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = writer.MAX_ROWS


def xlsx_response(filename: str, data: bytes) -> HttpResponse:
    """A workbook as a download named ``filename``.xlsx."""
    resp = HttpResponse(data, content_type=XLSX)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.xlsx"
    return resp


def excel_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    return xlsx_response(filename, writer.xlsx(headers, rows))
