"""审计查出问题整改情况汇总报告 as a numbered DOCX in the GB/T 9704 layout
(``fazhi.ui.officialdoc``, as the other domains' documents): the masthead with the body's
number, the year's figures per kind of audit with their total, and the open findings by age
on the day issued — read from the frozen report, never recomputed."""

from __future__ import annotations

from decimal import Decimal

from fazhi.core import cnformat
from fazhi.ui import officialdoc as od

from .models import RollupReport


def title_of(rep: RollupReport) -> str:
    return f"关于{rep.year}年度审计工作和审计查出问题整改情况的汇总报告"


def _money(v) -> str:
    return f"{Decimal(str(v or 0)):,.2f}"


def totals(rep: RollupReport) -> dict:
    keys = ("n", "submitted", "approved", "cut", "findings", "closed")
    out = {k: sum(Decimal(str(r.get(k) or 0)) for r in rep.rows) for k in keys}
    return out


def rollup_docx(rep: RollupReport) -> bytes:
    issuer = rep.org.name
    title = title_of(rep)
    t = totals(rep)
    doc = od.new_document()
    od.masthead(doc, issuer, rep.number)
    od.title(doc, title)
    od.blank(doc)
    od.paragraph(doc, "区人民代表大会常务委员会：", indent=False)
    od.paragraph(
        doc,
        f"{rep.year}年，本机关共完成审计项目{int(t['n'])}个，送审金额{_money(t['submitted'])}元，"
        f"审定金额{_money(t['approved'])}元，审减金额{_money(t['cut'])}元；审计发现问题"
        f"{int(t['findings'])}个，已整改销号{int(t['closed'])}个。现将有关情况汇总报告如下。",
    )
    od.heading(doc, "一、审计工作和整改情况")
    od.table(
        doc,
        [
            "审计类型",
            "项目数",
            "送审金额（元）",
            "审定金额（元）",
            "审减金额（元）",
            "问题数",
            "已销号",
        ],
        [
            *[
                [
                    r["label"],
                    r["n"],
                    _money(r["submitted"]),
                    _money(r["approved"]),
                    _money(r["cut"]),
                    r["findings"],
                    r["closed"],
                ]
                for r in rep.rows
            ],
            [
                "合计",
                int(t["n"]),
                _money(t["submitted"]),
                _money(t["approved"]),
                _money(t["cut"]),
                int(t["findings"]),
                int(t["closed"]),
            ],
        ],
        [30, 14, 26, 26, 26, 14, 14],
    )
    od.heading(doc, f"二、未销号问题账龄（截至{cnformat.fmt_date(rep.issued_on)}）")
    od.table(
        doc,
        ["账龄", "问题数", "涉及金额（元）", "其中超过整改期限"],
        [[a["label"], a["n"], _money(a["amount"]), a["overdue"]] for a in rep.ageing],
        [40, 30, 50, 36],
    )
    od.blank(doc, 2)
    od.signature(doc, issuer, cnformat.fmt_date(rep.issued_on))
    od.page_numbers(doc)
    return od.to_bytes(doc, when=rep.issued_on, title_text=title)
