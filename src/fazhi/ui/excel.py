"""Excel export for every list: the kernel's safe writer (no cell ever becomes a formula),
in memory, as a download."""

from collections.abc import Iterable, Sequence
from urllib.parse import quote

from django.http import HttpResponse

from fazhi.core.dataexchange import exporting, writer
from fazhi.core.dataexchange.registry import Register

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = writer.MAX_ROWS


def xlsx_response(filename: str, data: bytes) -> HttpResponse:
    """A workbook as a download named ``filename``.xlsx."""
    resp = HttpResponse(data, content_type=XLSX)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.xlsx"
    return resp


def excel_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    return xlsx_response(filename, writer.xlsx(headers, rows))


def export_response(register: Register, records, filename: str = "", *, actor=None) -> HttpResponse:
    """A list's download: ``records`` (the page's filtered, scoped rows) in the register's
    columns — the same file ``fazhi export`` writes. Columns declared ``personal`` are masked
    unless ``actor`` (the request's user) may see them in full (``fazhi.core.masking``)."""
    return xlsx_response(
        filename or str(register.title), exporting.workbook(register, records, actor=actor)
    )
