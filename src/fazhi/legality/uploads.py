"""Drafts and submitted texts arrive as DOCX or PDF: the type and size are checked before
anything is stored, and a DOCX gives its own text (python-docx). A PDF's text must be
supplied with it (no PDF text extraction is installed; the file is kept as the record)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from fazhi.core.attachments import store

from . import rules


def check(content: bytes, filename: str) -> None:
    """Refuse a file of another type than DOCX or PDF, or over the size limit."""
    ext = Path(filename or "").suffix.lower()
    if ext not in rules.UPLOAD_TYPES:
        raise ValidationError(
            _("只能上传 DOCX 或 PDF 文件，%(n)s 的类型（%(e)s）不允许。")
            % {"n": filename, "e": ext or _("无扩展名")}
        )
    limit = rules.UPLOAD_MAX_MB * 1024 * 1024
    if len(content) > limit:
        raise ValidationError(
            _("文件 %(n)s 大小为 %(s).1f MB，超过 %(m)d MB 的上限。")
            % {"n": filename, "s": len(content) / 1024 / 1024, "m": rules.UPLOAD_MAX_MB}
        )


def docx_text(content: bytes) -> str:
    """The paragraphs of a DOCX file, one per line."""
    from docx import Document

    try:
        doc = Document(io.BytesIO(content))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ValidationError(_("无法读取该 DOCX 文件，请检查文件是否损坏。")) from exc
    return "\n".join(p.text for p in doc.paragraphs if p.text.strip())


def text_of(text: str, content: bytes | None, filename: str) -> str:
    """The text of a submission: the one typed, or the DOCX's own; a PDF needs it typed."""
    text = (text or "").strip()
    if text or content is None:
        if not text:
            raise ValidationError(_("请填写文本或上传 DOCX 文件。"))
        return text
    if Path(filename).suffix.lower() == ".docx":
        text = docx_text(content).strip()
        if text:
            return text
        raise ValidationError(_("DOCX 文件中没有文字。"))
    raise ValidationError(_("上传 PDF 文件时请同时粘贴其文字，以便比对各稿差异。"))


def keep(actor, content: bytes | None, filename: str, subject):
    """Check and store the file (content-addressed, hashed in the ledger), or None."""
    if content is None:
        return None
    check(content, filename)
    return store(actor=actor, source=content, name=filename, subject=subject)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
