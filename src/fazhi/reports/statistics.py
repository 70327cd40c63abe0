"""Statistics exports: any set of registered indicators for an organisation subtree and a
period, as the Excel workbook a department sends upward — one sheet per module: the title
(who, which period), each figure as the report writes it, its exact value, unit, definition,
date basis and the link to its records, then the sender's line (填报单位, 填报日期).
The same figures answer ``GET /api/v1/indicators/{code}?org=&year=`` (the kernel's API) and
``fazhi indicators export`` (``commands.cmd_indicators``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from fazhi.core import clock, indicators
from fazhi.core.dataexchange import writer
from fazhi.core.indicators import Period
from fazhi.core.models import Organisation

from .dashboard import indicator_url
from .outline import MODULE_LABELS

HEADERS = ["指标代码", "指标名称", "数值", "精确值", "单位", "口径", "计入期间的日期", "记录"]
KERNEL = "core"


def module_label(module: str) -> str:
    return "平台" if module == KERNEL else str(MODULE_LABELS.get(module, module))


def codes_of(text: str | list[str] | None) -> list[str]:
    """The indicator codes asked for (comma- or space-separated; all when empty); an unknown
    code raises ``LookupError`` with the registry's message."""
    if not text:
        return sorted(indicators.REGISTRY)
    items = text.replace(",", " ").replace("，", " ").split() if isinstance(text, str) else text
    return sorted({indicators.get(c).code for c in items})


def sheets(
    org: Organisation | None,
    year: int | None = None,
    *,
    period: Period | None = None,
    codes: list[str] | None = None,
    user: Any = None,
) -> dict[str, list[list[str]]]:
    """Module label → rows (sorted by code); with ``user``, each figure over what the user
    may see of the subtree (as the workspace shows it)."""
    period = period or Period.year(year or clock.today().year)
    out: dict[str, list[list[str]]] = defaultdict(list)
    with indicators.batch():  # the subtree's organisations asked once
        values = {
            code: indicators.get(code).figure(org, period, user=user)
            for code in codes or sorted(indicators.REGISTRY)
        }
    for code, value in values.items():
        ind = indicators.get(code)
        out[module_label(ind.module)].append(
            [
                ind.code,
                ind.name,
                ind.format(value),
                str(value),
                ind.unit,
                ind.definition,
                ind.date_basis,
                indicator_url(ind.code, period, org),
            ]
        )
    return dict(out)


def workbook(
    org: Organisation | None,
    year: int | None = None,
    *,
    period: Period | None = None,
    codes: list[str] | None = None,
    user: Any = None,
    on: dt.date | None = None,
) -> bytes:
    """The workbook, every cell through the kernel's writer (no cell is ever a formula)."""
    period = period or Period.year(year or clock.today().year)
    who = org.name if org else "全部机构"
    book, buf, fmt = writer.new_book()
    title = f"{who} {period} 统计指标"
    sender = f"填报单位：{who}　　填报日期：{(on or clock.today()).isoformat()}"
    for name, rows in sheets(org, period=period, codes=codes, user=user).items():
        ws = book.add_worksheet(writer.sheet_name(name))
        writer.write_cell(ws, 0, 0, title, fmt, fmt.bold)
        for c, h in enumerate(HEADERS):
            writer.write_cell(ws, 1, c, h, fmt, fmt.bold)
        for r, row in enumerate(rows, start=2):
            for c, v in enumerate(row):
                writer.write_cell(ws, r, c, str(v), fmt)
        writer.write_cell(ws, len(rows) + 3, 0, sender, fmt)
        ws.set_column(0, 0, 26)
        ws.set_column(1, 1, 30)
        ws.set_column(5, 5, 60)
    book.close()
    return buf.getvalue()
