"""Statistics exports: every registered indicator for an organisation subtree and a year, as
the Excel workbook a department sends upward — one sheet per module, each figure as the
report writes it, its exact value, unit, definition, date basis and the link to its records.
The same figures answer ``GET /api/v1/indicators/{code}?org=&year=`` (the kernel's API)."""

from __future__ import annotations

from collections import defaultdict

from fazhi.core import indicators
from fazhi.core.dataexchange import writer
from fazhi.core.models import Organisation

from .compose import figure_url
from .outline import MODULE_LABELS

HEADERS = ["指标代码", "指标名称", "数值", "精确值", "单位", "口径", "计入年度的日期", "记录"]
KERNEL = "core"


def sheets(org: Organisation | None, year: int) -> dict[str, list[list[str]]]:
    """Module label → rows (sorted by code)."""
    out: dict[str, list[list[str]]] = defaultdict(list)
    for code in sorted(indicators.REGISTRY):
        ind = indicators.REGISTRY[code]
        fig = indicators.evaluate(code, year=year, org=org)
        label = "平台" if ind.module == KERNEL else str(MODULE_LABELS.get(ind.module, ind.module))
        out[label].append(
            [
                code,
                ind.name,
                fig.text,
                str(fig.value),
                ind.unit,
                ind.definition,
                ind.date_basis,
                figure_url(code, year, org),
            ]
        )
    return dict(out)


def workbook(org: Organisation | None, year: int) -> bytes:
    """The workbook, every cell through the kernel's writer (no cell is ever a formula)."""
    book, buf, fmt = writer.new_book()
    title = f"{org.name if org else '全部机构'} {year}年 统计指标"
    for name, rows in sheets(org, year).items():
        ws = book.add_worksheet(writer.sheet_name(name))
        writer.write_cell(ws, 0, 0, title, fmt, fmt.bold)
        for c, h in enumerate(HEADERS):
            writer.write_cell(ws, 1, c, h, fmt, fmt.bold)
        for r, row in enumerate(rows, start=2):
            for c, v in enumerate(row):
                writer.write_cell(ws, r, c, str(v), fmt)
        ws.set_column(0, 0, 26)
        ws.set_column(1, 1, 30)
        ws.set_column(5, 5, 60)
    book.close()
    return buf.getvalue()
