"""Attachments linked from pages — DOCX, XLSX, PDF — checked like a page.

The most common real leak on government sites is personal data in a published attachment (a
公示 list as a spreadsheet, a scanned-then-OCRed PDF): ID numbers and mobile numbers there are
findings, as is spam text (K1). Text comes from python-docx, python-calamine and pypdf (all
maintained libraries; pypdf caps decompressed streams itself).

Nothing here can crash a crawl: a body cut at the size cap is ``ATT.too_large``; a ZIP whose
members would inflate beyond :data:`MAX_UNZIPPED` or by more than :data:`MAX_RATIO` (a zip
bomb) is ``ATT.zip_bomb`` and is never inflated; anything a library refuses is
``ATT.malformed``. Text is read up to :data:`MAX_TEXT` characters and :data:`MAX_PDF_PAGES`
pages.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import zipfile
from urllib.parse import urlsplit

from .checks import CheckContext
from .config import SiteConfig
from .findings import Finding
from .page import page_from_text

KINDS = {".docx": "docx", ".xlsx": "xlsx", ".pdf": "pdf"}
CONTENT_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}
#: Bytes fetched at most (the crawl limit ``max_attachment_bytes`` overrides).
MAX_BYTES = 20 * 1024 * 1024
#: A ZIP (DOCX/XLSX) may inflate to this many bytes, and by this factor, at most.
MAX_UNZIPPED = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_TEXT = 300_000
MAX_PDF_PAGES = 60
MAX_CELLS = 200_000


def kind_of(url: str, content_type: str = "") -> str | None:
    """'docx' | 'xlsx' | 'pdf' for an attachment we read, else None."""
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in CONTENT_TYPES:
        return CONTENT_TYPES[ctype]
    return KINDS.get(posixpath.splitext(urlsplit(url).path.lower())[1])


class AttachmentError(Exception):
    """Why an attachment was not read: (rule id, severity, evidence)."""

    def __init__(self, rule: str, severity: str, evidence: str):
        super().__init__(evidence)
        self.rule, self.severity, self.evidence = rule, severity, evidence


def _zip(body: bytes) -> zipfile.ZipFile:
    try:
        z = zipfile.ZipFile(io.BytesIO(body))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise AttachmentError("ATT.malformed", "low", f"文件无法打开：{exc}") from exc
    total = sum(i.file_size for i in z.infolist())
    packed = sum(i.compress_size for i in z.infolist()) or 1
    if total > MAX_UNZIPPED or total / packed > MAX_RATIO:
        raise AttachmentError(
            "ATT.zip_bomb",
            "medium",
            f"压缩包解压后 {total // (1024 * 1024)} MB（压缩比 {total / packed:.0f}:1），"
            "疑似压缩炸弹，未解压",
        )
    return z


def _docx_text(body: bytes) -> str:
    from docx import Document

    _zip(body).close()
    doc = Document(io.BytesIO(body))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append("\t".join(c.text for c in row.cells))
    return "\n".join(parts)


def _xlsx_text(body: bytes) -> str:
    from python_calamine import CalamineWorkbook

    _zip(body).close()
    book = CalamineWorkbook.from_filelike(io.BytesIO(body))
    parts, cells = [], 0
    for name in book.sheet_names:
        for row in book.get_sheet_by_name(name).to_python():
            parts.append("\t".join(str(c) for c in row if c not in ("", None)))
            cells += len(row)
            if cells > MAX_CELLS:
                return "\n".join(parts)
    return "\n".join(parts)


def _pdf_text(body: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body), strict=False)
    parts, size = [], 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size > MAX_TEXT:
            break
    return "\n".join(parts)


READERS = {"docx": _docx_text, "xlsx": _xlsx_text, "pdf": _pdf_text}


def attachment_text(body: bytes, kind: str) -> str:
    """The text of an attachment, or :class:`AttachmentError`."""
    try:
        return READERS[kind](body)[:MAX_TEXT]
    except AttachmentError:
        raise
    except Exception as exc:  # any library error on a hostile file is a finding, not a crash
        raise AttachmentError(
            "ATT.malformed", "low", f"{kind.upper()} 无法解析：{type(exc).__name__}"
        ) from exc


def check_attachment(
    body: bytes,
    url: str,
    site: SiteConfig,
    *,
    as_of: dt.date,
    kind: str,
    truncated: bool = False,
    cap: int = MAX_BYTES,
    linked_from: str = "",
) -> list[Finding]:
    """Findings for one fetched attachment: its personal data and spam (K1), or why it could
    not be read."""
    from .checks import expression, k1_lexicon, privacy

    where = f"（链接页面：{linked_from}）" if linked_from else ""
    if truncated:
        return [
            Finding(
                url,
                "ATT.too_large",
                "—",
                "low",
                f"附件超过 {cap // (1024 * 1024)} MB 检查上限，未检查内容{where}",
                key="too-large",
                detail={"kind": kind, "cap": cap},
            )
        ]
    try:
        text = attachment_text(body, kind)
    except AttachmentError as exc:
        return [
            Finding(
                url,
                exc.rule,
                "—",
                exc.severity,
                exc.evidence + where,
                key=exc.rule,
                detail={"kind": kind},
            )  # fmt: skip
        ]
    if not text.strip():
        return []
    page = page_from_text(text, url)
    page.title = ""
    ctx = CheckContext(site, as_of)
    out = []
    for f in (
        *k1_lexicon.check(page, ctx),
        *privacy.check(page, ctx),
        *expression.check(page, ctx),
    ):
        detail = {**f.detail, "attachment": kind, "linked_from": linked_from}
        out.append(
            Finding(
                f.url,
                f.rule_id,
                f.indicator,
                f.severity,
                f"附件（{kind.upper()}）：{f.evidence}",
                f.needs_confirmation,
                f.key,
                detail,
            )
        )
    return out
