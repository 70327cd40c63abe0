"""The bulletin as an Excel workbook: the rectification list (the annex), every finding of
the run with its status, the veto panel, the deduction estimate and the column table.
Every cell goes through the kernel's ``write_cell``: page text never becomes a formula."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fazhi.core.dataexchange.writer import new_book, write_cell

from .engine.checks.freshness import CATEGORY_ZH
from .engine.findings import SEVERITY_ZH

STATUS_ZH = {"open": "待处理", "confirmed": "已确认", "dismissed": "已排除"}


def _sheet(book, bold, wrap, name: str, headers: Sequence[str], rows, widths: Sequence[int]):
    sheet = book.add_worksheet(name)
    for c, (h, w) in enumerate(zip(headers, widths, strict=True)):
        write_cell(sheet, 0, c, h, style=bold)
        sheet.set_column(c, c, w, wrap)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, bool):
                value = "是" if value else ""
            if value is None:
                value = ""
            write_cell(sheet, r, c, value if isinstance(value, int | float) else str(value))
    sheet.freeze_panes(1, 0)
    return sheet


def render(snap: dict[str, Any]) -> bytes:
    """The bulletin snapshot (``bulletins.snapshot``) as XLSX bytes."""
    b = snap["bulletin"]
    book, buf, _fmt = new_book()
    bold = book.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    _sheet(
        book,
        bold,
        wrap,
        "整改清单",
        ["序号", "问题", "URL", "类型", "严重度", "建议", "需人工确认"],
        (
            [
                i,
                r["problem"],
                r["url"],
                r["kind"],
                r["severity"],
                r["suggestion"],
                r["needs_confirmation"],
            ]  # fmt: skip
            for i, r in enumerate(b["rectification"], 1)
        ),
        [6, 60, 45, 18, 8, 30, 10],
    )
    _sheet(
        book,
        bold,
        wrap,
        "全部问题",
        ["规则", "问题类型", "指标", "严重度", "URL", "证据", "需人工确认", "处理状态", "处理说明"],
        (
            [
                f["rule_id"],
                f["label"],
                f["indicator"],
                SEVERITY_ZH.get(f["severity"], ""),
                f["url"],
                f["evidence"],
                f["needs_confirmation"],
                STATUS_ZH.get(f["status"], ""),
                f["decision_note"],
            ]  # fmt: skip
            for f in snap["findings"]
        ),
        [16, 26, 14, 8, 45, 60, 10, 10, 30],
    )
    _sheet(
        book,
        bold,
        wrap,
        "单项否决",
        ["编号", "否决项", "状态", "监测值", "阈值", "依据"],
        (
            [v["code"], v["label"], v["status"], v["measured"], v["threshold"], v["source"]]
            for v in b["vetoes"]
        ),  # fmt: skip
        [8, 24, 8, 40, 40, 60],
    )
    _sheet(
        book,
        bold,
        wrap,
        "扣分估算",
        ["项目", "可自动", "问题数", "估算扣分", "上限", "依据"],
        (
            [
                d["label"],
                d["automatable"],
                d["count"] if d["automatable"] else "—",
                d["points"] if d["points"] is not None else "需人工",
                d["cap"],
                d["source"],
            ]  # fmt: skip
            for d in b["deductions"]
        ),
        [30, 8, 8, 10, 8, 60],
    )
    _sheet(
        book,
        bold,
        wrap,
        "栏目更新",
        ["栏目", "网址", "类别", "最新日期", "未更新天数", "期限", "条目数", "空白", "未按期更新"],
        (
            [
                c["name"],
                c["url"],
                CATEGORY_ZH.get(c["category"], c["category"]),
                c["latest"],
                c["days_since"],
                c["limit"],
                c["items"],
                c["blank"],
                c["stale"],
            ]  # fmt: skip
            for c in b["columns"]
        ),
        [20, 30, 12, 12, 10, 10, 8, 6, 10],
    )
    info = book.add_worksheet("通报信息")
    for r, (k, v) in enumerate(
        [
            ("文号", snap["number"]),
            ("标题", b["title"]),
            ("成文日期", snap["issued_on_text"]),
            ("监测时间点", snap["run"]["as_of"]),
            ("结论", b["conclusion"]),
            ("估算得分", b["score"]),
        ]
    ):
        write_cell(info, r, 0, k, style=bold)
        write_cell(info, r, 1, v)
    info.set_column(1, 1, 80)
    book.close()
    return buf.getvalue()
