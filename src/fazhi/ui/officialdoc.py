"""Official documents (公文) as DOCX in the GB/T 9704-2012 layout, for every domain.

Layout (``docs/reference/standards.md`` §3.1): A4; margins top 37 mm, left 28 mm, bottom
35 mm, right 26 mm (版心 156 × 225 mm); 22 lines of 28 characters (fixed line pitch 29 pt);
body 3号仿宋 (16 pt) with first lines indented two characters; 发文机关标志 in red 小标宋, its
upper edge 35 mm below the top of the 版心; 发文字号 centred two lines below it with the red
separator 4 mm under it; title 2号小标宋 (22 pt) centred two lines below the red line;
headings "一、" 黑体 and "（一）" 楷体; signature without seal (署名 right-indented two
characters, the date on the next line two characters further right); 附件 on a page of its
own with "附件" in 黑体 top left; page numbers "— 1 —" in 4号宋体, odd pages right and even
pages left, one character in from the edge.

Font names are the common Windows faces (仿宋_GB2312, 方正小标宋简体, 楷体_GB2312); the
standard names only the generic 仿宋体/小标宋体/楷体 (standards.md marks this ⚠).

:func:`to_bytes` saves deterministically: fixed document properties and fixed ZIP entry
times, so the same content gives the same bytes (a case file can be exported twice and
compared). :func:`zip_bytes` is the same deterministic ZIP writer for other bundles.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
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

#: The ZIP and document-property time used when the caller names none.
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def set_font(run, name: str, size, *, bold: bool = False, color: RGBColor | None = None) -> None:
    """Set a run's face for Latin and East Asian text alike, its size, weight and colour."""
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


def paragraph(
    doc_or_cell,
    text: str = "",
    *,
    font: str = FANGSONG,
    size=BODY,
    indent: bool = True,
    align=None,
    bold: bool = False,
    color=None,
    line=LINE,
):
    """One paragraph on the grid: exact line pitch, first line indented two characters."""
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
        set_font(p.add_run(text), font, size, bold=bold, color=color)
    return p


def blank(doc, n: int = 1) -> None:
    for _ in range(n):
        paragraph(doc, indent=False)


def text_width(text: str) -> float:
    """Width in 字: CJK and full-width characters count 1, others ½."""
    return sum(1 if ord(c) > 0x2E80 else 0.5 for c in text)


def new_document():
    """An empty A4 document with the standard's margins and the body face as default."""
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    sec.footer_distance = Mm(21)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FANGSONG, BODY
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FANGSONG)
    return doc


def _bottom_border(para, *, space_pt: int, color: str = "FF0000", size: int = 12) -> None:
    ppr = para._element.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", str(size)), ("w:space", str(space_pt))):
        bottom.set(qn(k), v)
    bottom.set(qn("w:color"), color)
    bdr.append(bottom)
    ppr.append(bdr)


def masthead(doc, issuer: str, number: str) -> None:
    """版头: the 发文机关标志 in red (sized to fit the 版心), two blank lines, the 发文字号
    centred with the red separator 4 mm under it, then two blank lines before the title."""
    size = Pt(min(36.0, 440.0 / max(text_width(issuer), 1)))
    mark = paragraph(
        doc, issuer, font=XIAOBIAOSONG, size=size, indent=False, color=RED, line=Pt(60)
    )
    mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark.paragraph_format.space_before = Mm(35) - LINE
    blank(doc, 2)
    num = paragraph(doc, number, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    _bottom_border(num, space_pt=11)  # the red line 4 mm under the number
    blank(doc, 2)


def title(doc, text: str):
    """标题: 2号小标宋, centred."""
    return paragraph(
        doc,
        text,
        font=XIAOBIAOSONG,
        size=TITLE,
        indent=False,
        line=Pt(36),
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )


def heading(doc, text: str, level: int = 1):
    """Level 1 "一、" in 黑体, level 2 "（一）" in 楷体; deeper levels are body text."""
    return paragraph(doc, text, font={1: HEITI, 2: KAITI}.get(level, FANGSONG))


def table(doc, headers: list[str], rows: list[list[Any]], widths_mm: list[float]) -> None:
    """A ruled table in 五号, headers in 黑体, centred on the 版心."""
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, h in enumerate(headers):
        cell = t.rows[0].cells[i]
        cell.paragraphs[0].text = ""
        set_font(cell.paragraphs[0].add_run(h), HEITI, TABLE)
    for row in rows:
        cells = t.add_row().cells
        for i, value in enumerate(row):
            set_font(cells[i].paragraphs[0].add_run(str(value)), FANGSONG, TABLE)
    for row in t.rows:
        for i, w in enumerate(widths_mm):
            row.cells[i].width = Mm(w)


def signature(doc, issuer: str, date_text: str) -> None:
    """署名 and date without a seal (7.3.5.2): the name right-indented two characters, the
    date on the next line starting two characters further right than the name; a date
    longer than the name is right-indented two characters and the name moves left."""
    name_w, date_w = text_width(issuer), text_width(date_text)
    name_indent, date_indent = 2.0, name_w - date_w
    if date_w > name_w:
        date_indent, name_indent = 2.0, 4 + date_w - name_w
    sign = paragraph(doc, issuer, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    sign.paragraph_format.right_indent = Pt(CHAR.pt * name_indent)
    when = paragraph(doc, date_text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    when.paragraph_format.right_indent = Pt(CHAR.pt * date_indent)


def page_break(doc) -> None:
    paragraph(doc, indent=False).add_run().add_break(WD_BREAK.PAGE)


def attachment_page(doc, name: str, label: str = "附件") -> None:
    """附件 (7.3.7): a new page, the label in 黑体 top left, the attachment's title."""
    page_break(doc)
    paragraph(doc, label, font=HEITI, indent=False)
    blank(doc)
    title(doc, name)
    blank(doc)


def _page_field(para) -> None:
    """``— PAGE —`` with a live page-number field."""
    set_font(para.add_run("— "), SONGTI, PAGE_NO)
    parts = [("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)]
    for kind, text in parts:
        run = para.add_run()
        set_font(run, SONGTI, PAGE_NO)
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
    set_font(para.add_run(" —"), SONGTI, PAGE_NO)


def page_numbers(doc) -> None:
    """页码: odd pages right, even pages left, one 字 from the edge of the 版心."""
    sec = doc.sections[0]
    doc.settings.odd_and_even_pages_header_footer = True
    odd = sec.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = PAGE_NO
    _page_field(odd)
    even = sec.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = PAGE_NO
    _page_field(even)


def _as_datetime(when: dt.date | dt.datetime | None) -> dt.datetime:
    """``when`` as an aware datetime; a date is its midnight, a naive time is taken as UTC."""
    if when is None:
        return EPOCH
    if isinstance(when, dt.datetime):
        return when if when.tzinfo else when.replace(tzinfo=dt.UTC)
    return dt.datetime(when.year, when.month, when.day, tzinfo=dt.UTC)


def zip_bytes(
    members: Iterable[tuple[str, bytes]], *, when: dt.date | dt.datetime | None = None
) -> bytes:
    """A ZIP of ``(name, bytes)`` in the given order, every entry dated ``when`` with fixed
    permissions, so equal input gives byte-identical output. Names are stored as UTF-8."""
    stamp = _as_datetime(when)
    date_time = (
        max(stamp.year, 1980),
        stamp.month,
        stamp.day,
        stamp.hour,
        stamp.minute,
        stamp.second - stamp.second % 2,
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, data)
    return buf.getvalue()


def to_bytes(doc, *, when: dt.date | dt.datetime | None = None, title_text: str = "") -> bytes:
    """The document as DOCX bytes, deterministic: the document's properties carry ``when``
    (the document's own date) instead of the time of writing, and so do the package's
    entries."""
    props = doc.core_properties
    props.created = props.modified = _as_datetime(when)
    props.revision = 1
    props.author = props.last_modified_by = "fazhi"
    props.title = title_text
    raw = io.BytesIO()
    doc.save(raw)
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as zf:
        members = [(info.filename, zf.read(info)) for info in zf.infolist()]
    return zip_bytes(members, when=when)
