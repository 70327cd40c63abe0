"""The monthly bulletin as a DOCX in the official document format (GB/T 9704-2012).

Layout (standards.md §3.1): A4; margins top 37 mm, left 28 mm, bottom 35 mm, right 26 mm
(版心 156 × 225 mm); 22 lines of 28 characters (fixed line pitch 29 pt); body 3号仿宋 (16 pt)
with first lines indented two characters; 发文机关标志 in red 小标宋; 发文字号 centred two lines
below it with the red separator 4 mm under it; title 2号小标宋 (22 pt) centred; headings
"一、" 黑体 and "（一）" 楷体; signature without seal (署名 right-indented two characters, the
date on the next line two characters further right), dates like 2026年11月30日; the
rectification list as 附件 on its own page; page numbers "— 1 —" in 4号 宋体, odd pages right
and even pages left, one character in from the edge.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
BODY = Pt(16)  # 3号
TITLE = Pt(22)  # 2号
PAGE_NO = Pt(14)  # 4号
TABLE = Pt(10.5)  # 五号: tables may be set smaller than the body
LINE = Pt(29)  # 225 mm / 22 lines
CHAR = BODY  # one 字 = one 3号 character
RED = RGBColor(0xFF, 0x00, 0x00)
CN_NUM = "一二三四五六七八九十"


def _font(run, name: str, size, *, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    if color is not None:
        run.font.color.rgb = color


def _para(doc_or_cell, text: str = "", *, font: str = FANGSONG, size=BODY, indent: bool = True,
          align=None, bold: bool = False, color=None, line=LINE):  # fmt: skip
    p = doc_or_cell.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    if indent:
        fmt.first_line_indent = Pt(size.pt * 2)
    if align is not None:
        p.alignment = align
    if text:
        _font(p.add_run(text), font, size, bold=bold, color=color)
    return p


def _blank(doc, n: int = 1) -> None:
    for _ in range(n):
        _para(doc, indent=False)


def _bottom_border(paragraph, *, space_pt: int, color: str = "FF0000", size: int = 12) -> None:
    ppr = paragraph._element.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", str(size)), ("w:space", str(space_pt))):
        bottom.set(qn(k), v)
    bottom.set(qn("w:color"), color)
    bdr.append(bottom)
    ppr.append(bdr)


def _page_field(paragraph) -> None:
    """``— PAGE —`` with a live page-number field."""
    _font(paragraph.add_run("— "), SONGTI, PAGE_NO)
    parts = [("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)]
    for kind, text in parts:
        run = paragraph.add_run()
        _font(run, SONGTI, PAGE_NO)
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._element.append(el)
        elif text.strip() == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            run._element.append(el)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._element.append(t)
    _font(paragraph.add_run(" —"), SONGTI, PAGE_NO)


def _width(text: str) -> float:
    """Width in 字: CJK and full-width characters count 1, others ½."""
    return sum(1 if ord(c) > 0x2E80 else 0.5 for c in text)


def _table(doc, headers: list[str], rows: list[list[Any]], widths_mm: list[float]) -> None:
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, h in enumerate(headers):
        cell = t.rows[0].cells[i]
        cell.paragraphs[0].text = ""
        _font(cell.paragraphs[0].add_run(h), HEITI, TABLE)
    for row in rows:
        cells = t.add_row().cells
        for i, value in enumerate(row):
            _font(cells[i].paragraphs[0].add_run(str(value)), FANGSONG, TABLE)
    for row in t.rows:
        for i, w in enumerate(widths_mm):
            row.cells[i].width = Mm(w)


def _section_findings(doc, title: str, rows: list[dict], empty: str, limit: int = 10) -> None:
    if title:
        _para(doc, title, font=KAITI)
    if not rows:
        _para(doc, empty)
        return
    high = sum(1 for r in rows if r["severity"] == "high")
    _para(doc, f"共发现 {len(rows)} 个问题（其中高危 {high} 个），主要如下：")
    for i, r in enumerate(rows[:limit], 1):
        flag = "（需人工确认）" if r.get("needs_confirmation") else ""
        _para(
            doc, f"{i}. {r.get('label') or r['rule_id']}{flag}：{r['evidence'][:90]}（{r['url']}）"
        )
    if len(rows) > limit:
        _para(doc, f"其余 {len(rows) - limit} 个问题见附件。")


def render(snap: dict[str, Any]) -> bytes:
    """The bulletin snapshot (``bulletins.snapshot``) as DOCX bytes."""
    b = snap["bulletin"]
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    sec.footer_distance = Mm(21)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FANGSONG, BODY
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FANGSONG)

    # 版头: 发文机关标志 (red), 发文字号, red separator
    issuer = snap["issuer"]
    size = Pt(min(36.0, 440.0 / max(_width(issuer), 1)))
    mark = _para(doc, issuer, font=XIAOBIAOSONG, size=size, indent=False, color=RED, line=Pt(60))
    mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark.paragraph_format.space_before = Mm(35) - LINE
    _blank(doc, 2)
    number = _para(doc, snap["number"], indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    _bottom_border(number, space_pt=11)  # the red line 4 mm under the number
    _blank(doc, 2)

    # 主体
    title = _para(doc, b["title"], font=XIAOBIAOSONG, size=TITLE, indent=False, line=Pt(36))
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _blank(doc)
    _para(doc, f"{snap['site']['org']}：", indent=False)
    _para(
        doc,
        f"根据国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》和国办发〔2017〕47号"
        f"《政府网站发展指引》，对{b['site_name']}开展了{b['period']}监测。现将有关情况通报如下：",
    )
    s = b["scope"]
    n = iter(CN_NUM)
    _para(doc, f"{next(n)}、总体情况", font=HEITI)
    _para(
        doc,
        f"监测对象为{b['site_name']}（网站标识码 {b['site_id']}，主办单位 {b['owner']}），"
        f"监测时间点为{snap['run']['as_of_text']}，监测方法为{b['method']}。本次抓取页面 "
        f"{s['pages']} 个，检查链接 {s['urls_checked']} 个（其中外部链接 {s['external_checked']} 个），"
        f"对 {s['k5_pages']} 个页面进行了差异抓取。",
    )
    _para(doc, f"{next(n)}、监测结论", font=HEITI)
    score = b["score"]
    _para(
        doc,
        f"{b['conclusion']}。按可自动监测的扣分项估算，得分为 {score:g} 分（满分 100 分，"
        "其余扣分项需人工评测）。单项否决指标情况如下：",
    )
    _table(
        doc,
        ["编号", "否决项", "状态", "监测值", "阈值"],
        [[v["code"], v["label"], v["status"], v["measured"], v["threshold"]] for v in b["vetoes"]],
        [12, 34, 16, 50, 44],
    )
    _para(doc, f"{next(n)}、主要问题", font=HEITI)
    _section_findings(doc, "（一）安全与内容篡改", b["injection"], "未发现内容篡改与注入问题。")
    hp = b["homepage"]
    _para(doc, "（二）更新情况", font=KAITI)
    stale = [c for c in b["columns"] if c["stale"] or c["blank"]]
    _para(
        doc,
        f"首页最新信息日期为{hp.get('latest') or '—'}，距监测时间点 "
        f"{hp.get('days_since') if hp.get('days_since') is not None else '—'} 天（{hp['status']}）。"
        f"监测栏目 {len(b['columns'])} 个，其中未按期更新或空白栏目 {len(stale)} 个"
        + ("：" + "、".join(c["name"] for c in stale[:15]) + "。" if stale else "。"),
    )
    _section_findings(doc, "（三）链接可用性", b["broken_links"], "未发现不可用链接。")
    _section_findings(doc, "（四）表述与错别字", b["expression"], "未发现表述错误。")
    _section_findings(doc, "（五）隐私泄露", b["privacy"], "未发现个人信息泄露。")
    _section_findings(doc, "（六）网站标识与外链", b["identifiers"], "未发现网站标识问题。")
    mom = snap["mom"]
    _para(doc, "（七）环比变化", font=KAITI)
    if mom.get("has_previous"):
        _para(
            doc,
            f"本月问题 {mom['total']} 个，上月 {mom['previous_total']} 个；新增 {mom['new']} 个，"
            f"已消除 {mom['resolved']} 个。",
        )
    else:
        _para(doc, "上月无监测记录，本月为首次监测。")
    if b["changes"]:
        _section_findings(doc, "", b["changes"], "")
    _para(doc, f"{next(n)}、整改要求", font=HEITI)
    _para(
        doc,
        f"请{snap['site']['org']}对照附件所列问题逐项整改，自通报印发之日起20个工作日内完成，"
        "并将整改情况报送监督部门。高危问题（内容篡改、违规内容及链接、隐私泄露）应立即处置。"
        "标注“需人工确认”的问题经核实后整改。",
    )
    for note in b["notes"]:
        _para(doc, note)
    _blank(doc)
    _para(doc, "附件：网站监测问题整改清单")
    _blank(doc, 2)
    date = snap["issued_on_text"]
    sign = _para(doc, issuer, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    sign.paragraph_format.right_indent = Pt(CHAR.pt * 2)
    shift = _width(issuer) - _width(date) - 2  # the date starts two 字 right of the 署名
    when = _para(doc, date, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    when.paragraph_format.right_indent = Pt(CHAR.pt * max(2 + shift, 0))

    # 附件
    brk = _para(doc, indent=False)
    brk.add_run().add_break(WD_BREAK.PAGE)
    _para(doc, "附件", font=HEITI, indent=False)
    _blank(doc)
    head = _para(doc, "网站监测问题整改清单", font=XIAOBIAOSONG, size=TITLE, indent=False)
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _blank(doc)
    _table(
        doc,
        ["序号", "问题", "URL", "类型", "严重度", "建议"],
        [
            [
                i,
                r["problem"] + ("（需人工确认）" if r["needs_confirmation"] else ""),
                r["url"],
                r["kind"],
                r["severity"],
                r["suggestion"],
            ]
            for i, r in enumerate(b["rectification"], 1)
        ],
        [10, 50, 40, 20, 12, 24],
    )

    # 页码: odd pages right, even pages left, one 字 from the edge
    doc.settings.odd_and_even_pages_header_footer = True
    odd = sec.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = PAGE_NO
    _page_field(odd)
    even = sec.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = PAGE_NO
    _page_field(even)

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
