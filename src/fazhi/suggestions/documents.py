"""The reply to a deputy's suggestion or a member's proposal as a numbered DOCX in the GB/T
9704 layout (``fazhi.ui.officialdoc``), in the form the congress asks for: the class letter
top left (A–D), the lead body's masthead and reply number, the title naming the session and
the serial, the deputy (member) addressed, the reply issue by issue with each issue's class,
the co-handlers, the contact person's line and the signature."""

from __future__ import annotations

from django.utils.translation import gettext as _

from fazhi.core import cnformat
from fazhi.ui import officialdoc as od

from .models import Suggestion, SuggestionKind

CN = "一二三四五六七八九十"


def reply_title(s: Suggestion) -> str:
    what = "建议" if s.kind == SuggestionKind.NPC else "提案"
    return f"对{s.session}第{s.serial}号{what}的答复"


def reply_docx(s: Suggestion) -> bytes:
    if not s.reply_number or s.replied_on is None:
        raise ValueError(_("该建议提案尚未答复。"))
    issuer = s.org.name
    npc = s.kind == SuggestionKind.NPC
    doc = od.new_document()
    od.paragraph(doc, f"{s.result_class}", font=od.HEITI, indent=False)
    od.masthead(doc, issuer, s.reply_number)
    od.title(doc, reply_title(s))
    od.blank(doc)
    od.paragraph(doc, f"{s.author}{'代表' if npc else '委员'}：", indent=False)
    od.paragraph(
        doc,
        f"您提出的《{s.title.strip('《》')}》（第{s.serial}号）收悉。"
        f"{'建议' if npc else '提案'}由我单位主办，现将办理情况答复如下：",
    )
    points = list(s.points.order_by("n"))
    if points:
        for p in points:
            od.heading(doc, f"{CN[(p.n - 1) % 10]}、关于{p.text.rstrip('。')}的问题")
            for line in [x.strip() for x in p.answer.splitlines() if x.strip()]:
                od.paragraph(doc, line)
            od.paragraph(doc, f"（本问题办理结果：{p.get_result_class_display()}）")
    for line in [x.strip() for x in s.reply.splitlines() if x.strip()]:
        od.paragraph(doc, line)
    od.paragraph(doc, f"办理结果：{s.get_result_class_display()}。")
    co = [c.org.name for c in s.cohandlers.select_related("org").order_by("id")]
    if co:
        od.paragraph(doc, f"会办单位：{'、'.join(co)}。")
    od.paragraph(doc, "感谢您对我们工作的关心和支持，欢迎继续提出宝贵意见。")
    od.blank(doc, 2)
    od.signature(doc, issuer, cnformat.fmt_date(s.replied_on))
    od.page_numbers(doc)
    return od.to_bytes(doc, when=s.replied_on, title_text=reply_title(s))
