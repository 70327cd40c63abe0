"""Attachments for the fixture site, the tests and the benchmark: small real DOCX, XLSX and
PDF files, and hostile ones (a zip bomb, a malformed file). Built in memory, deterministic."""

from __future__ import annotations

import io
import zipfile


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF: ASCII lines in Helvetica, Chinese lines in STSong-Light with the
    UniGB-UCS2-H encoding (a standard Adobe font every reader knows; nothing embedded)."""
    content = ["BT", "50 780 Td", "16 TL"]
    for ln in lines:
        if ln.isascii():
            esc = ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            content.append(f"/F1 12 Tf ({esc}) Tj T*")
        else:
            content.append("/F2 12 Tf <" + "".join(f"{ord(c):04X}" for c in ln) + "> Tj T*")
    content.append("ET")
    stream = "\n".join(content).encode("latin-1")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [7 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 8 0 R >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    """A DOCX (python-docx) with paragraphs and an optional table."""
    from docx import Document

    doc = Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    if table:
        t = doc.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def make_xlsx(rows: list[list[str]]) -> bytes:
    """An XLSX (xlsxwriter) with one sheet."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("公示名单")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    book.close()
    return out.getvalue()


def zip_bomb_docx(inflated_mb: int = 400) -> bytes:
    """A ``.docx`` whose one member inflates to ``inflated_mb`` MB of zeros (a few hundred KB
    on the wire): it must be refused unread."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(inflated_mb):
                member.write(block)
    return out.getvalue()


MALFORMED_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer<<>>\n%%EOF"
GUIDE_PDF_LINES = ["Service Guide 2025", "芙蓉区政务服务中心办事指南", "咨询电话：0731-84680000"]
