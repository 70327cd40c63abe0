"""政府信息公开申请答复书 as a numbered DOCX in the GB/T 9704 layout (``fazhi.ui.officialdoc``).

The letter states the request as received (date and content), the answer type of 条例第三十
六条 with its ground, every withheld part with its ground for a partial disclosure, and the
remedies (行政复议 within 60 days, 行政诉讼 within 6 months)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from fazhi.core import cnformat
from fazhi.ui import officialdoc as od

from .models import DisclosureRequest, ReplyType

OPENING = {
    ReplyType.DISCLOSED: "经审查，您申请的政府信息属于公开范围，本机关决定予以公开，现随本答复书提供。",
    ReplyType.PARTLY: "经审查，您申请的政府信息中含有不应当公开的内容，本机关对可以公开的部分予以公开，"
    "不予公开的部分及其理由、依据如下：",
    ReplyType.NOT_DISCLOSED: "经审查，您申请的政府信息依法不予公开，理由和依据如下：",
    ReplyType.CANNOT_PROVIDE: "经检索查找，本机关无法提供您申请的政府信息，理由如下：",
    ReplyType.NOT_HANDLED: "经审查，您的申请本机关不予处理，理由如下：",
    ReplyType.OTHER: "经审查，本机关对您的申请作如下处理：",
}


def reply_title() -> str:
    return "政府信息公开申请答复书"


def reply_docx(req: DisclosureRequest) -> bytes:
    if not req.reply_number or req.replied_on is None:
        raise ValueError(_("该申请尚未答复。"))
    issuer = req.org.name
    doc = od.new_document()
    od.masthead(doc, issuer, req.reply_number)
    od.title(doc, reply_title())
    od.blank(doc)
    od.paragraph(doc, f"{req.applicant_name}：", indent=False)
    od.paragraph(
        doc,
        f"本机关于{cnformat.fmt_date(req.received_on)}收到您提出的政府信息公开申请"
        f"（{req.number}），申请获取：{req.description.rstrip('。')}。",
    )
    if req.correction_received_on:
        od.paragraph(
            doc,
            f"本机关于{cnformat.fmt_date(req.correction_notified_on)}告知您补正，"
            f"于{cnformat.fmt_date(req.correction_received_on)}收到补正后的申请。",
        )
    od.paragraph(doc, OPENING[ReplyType(req.reply_type)])
    if req.reply_type == ReplyType.PARTLY:
        for i, w in enumerate(req.withheld.all(), 1):
            od.paragraph(doc, f"{i}. {w.part}：{w.ground.rstrip('。')}。")
    elif req.reply_ground:
        od.paragraph(doc, req.reply_ground)
    od.paragraph(
        doc,
        "如对本答复不服，可以自收到本答复书之日起60日内依法申请行政复议，"
        "或者自收到本答复书之日起6个月内依法向人民法院提起行政诉讼。",
    )
    od.blank(doc, 2)
    od.signature(doc, issuer, cnformat.fmt_date(req.replied_on))
    od.page_numbers(doc)
    return od.to_bytes(doc, when=req.replied_on, title_text=reply_title())


def annual_report_docx(rep) -> bytes:
    """The annual report's request table (table 三) and the other tables' cells, in the
    published format's layout, as DOCX."""
    t = rep.table
    title = f"{rep.org.name}{rep.year}年政府信息公开工作年度报告"
    doc = od.new_document()
    od.title(doc, title)
    od.blank(doc)
    od.heading(doc, "一、主动公开政府信息情况")
    od.table(
        doc,
        ["信息内容", "项目", "数量"],
        [[c["row"], c["col"], c["value"]] for c in t["proactive"]],
        [60, 60, 36],
    )
    od.heading(doc, "二、收到和处理政府信息公开申请情况")
    od.table(
        doc,
        ["", *t["columns"]],
        [[r["label"], *(r["values"] or [""] * len(t["columns"]))] for r in t["requests"]],
        [52, 14, 14, 14, 14, 14, 14, 14],
    )
    od.heading(doc, "三、政府信息公开行政复议、行政诉讼情况")
    od.table(
        doc,
        ["类别", "结果", "数量"],
        [[c["row"], c["col"], c["value"]] for c in t["review"]],
        [72, 48, 36],
    )
    od.paragraph(doc, f"（表格格式：{t['format']}）")
    od.blank(doc, 2)
    od.signature(doc, rep.org.name, cnformat.fmt_date(rep.published_on or rep.generated_on))
    od.page_numbers(doc)
    return od.to_bytes(doc, when=rep.published_on or rep.generated_on, title_text=title)
