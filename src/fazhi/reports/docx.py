"""The annual report as DOCX in the GB/T 9704-2012 layout (``fazhi.ui.officialdoc``): title in
2号小标宋, body 3号仿宋 on the 22 × 28 grid, "一、" headings in 黑体 and "（一）" in 楷体,
the signature and date without seal, page numbers "— 1 —"."""

from __future__ import annotations

from fazhi.ui import officialdoc as od

from .compose import blocks


def render(report) -> bytes:
    doc = od.new_document()
    for kind, value in blocks(report):
        if kind == "title":
            od.title(doc, value)
            od.blank(doc)
        elif kind == "h1":
            od.heading(doc, value, 1)
        elif kind == "h2":
            od.heading(doc, value, 2)
        elif kind == "para":
            od.paragraph(doc, "".join(s["t"] for s in value))
        elif kind == "signature":
            signer, date_text = value
            od.blank(doc)
            od.signature(doc, signer, date_text)
    od.page_numbers(doc)
    return od.to_bytes(doc, when=report.approved_on or report.received_on, title_text=report.title)
