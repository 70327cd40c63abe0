"""Content-addressed attachments: evidence, documents, recordings.

A file is stored once under its SHA-256 (``ATTACHMENT_ROOT/ab/cd/abcd…``); the ledger event
that records its use carries the hash, so the file can be proven unchanged later. Size and
type are limited: the type is checked by the file's own leading bytes, not only its name;
a virus signature or a polyglot is refused (``filescan``).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import clock, filescan, ledger
from .actions import ATTACHMENT_STORE
from .ledger import Actor
from .models import Attachment

CHUNK = 1024 * 1024

# extension → (content type, accepted leading bytes; empty = text, checked for NUL bytes)
TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".ofd": ("application/ofd", (b"PK\x03\x04",)),
    ".zip": ("application/zip", (b"PK\x03\x04",)),
    ".mp4": ("video/mp4", (b"ftyp",)),  # at offset 4
    ".mp3": ("audio/mpeg", (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")),
    ".wav": ("audio/wav", (b"RIFF",)),
    ".txt": ("text/plain", ()),
    ".csv": ("text/csv", ()),
}


def _check_type(name: str, head: bytes) -> str:
    ext = Path(name).suffix.lower()
    if ext not in TYPES:
        raise ValidationError(
            _("不支持的文件类型：%(e)s（允许：%(a)s）")
            % {"e": ext or _("无扩展名"), "a": " ".join(sorted(TYPES))}
        )
    ctype, magics = TYPES[ext]
    if not magics:
        if b"\x00" in head:
            raise ValidationError(_("文件内容与类型不符：%(n)s 不是文本文件。") % {"n": name})
        return ctype
    probe = head[4:8] if ext == ".mp4" else head
    if not any(probe.startswith(m) for m in magics):
        raise ValidationError(
            _("文件内容与类型不符：%(n)s 不是有效的 %(e)s 文件。") % {"n": name, "e": ext}
        )
    return ctype


def path_of(sha256: str) -> Path:
    return Path(settings.ATTACHMENT_ROOT) / sha256[:2] / sha256[2:4] / sha256


def _chunks(source: BinaryIO | bytes) -> Iterable[bytes]:
    if isinstance(source, bytes | bytearray):
        for i in range(0, len(source), CHUNK):
            yield bytes(source[i : i + CHUNK])
        return
    if hasattr(source, "chunks"):
        yield from source.chunks(CHUNK)
        return
    while block := source.read(CHUNK):
        yield block


def store(
    *, actor: Actor, source: BinaryIO | bytes, name: str, subject=None, note: str = ""
) -> Attachment:
    """Hash, check and keep a file; record its use in the ledger. Returns the Attachment."""
    if not name or "/" in name or "\\" in name:
        raise ValidationError(_("文件名不正确。"))
    root = Path(settings.ATTACHMENT_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    digest, size, head = hashlib.sha256(), 0, b""
    scanner = filescan.Scanner(name)
    with tempfile.NamedTemporaryFile(dir=root, delete=False) as tmp:
        try:
            for block in _chunks(source):
                if not head:
                    head = block[:16]
                size += len(block)
                if size > settings.ATTACHMENT_MAX_BYTES:
                    raise ValidationError(
                        _("文件过大：超过 %(m)d MB。")
                        % {"m": settings.ATTACHMENT_MAX_BYTES // 1024 // 1024}
                    )
                digest.update(block)
                scanner.feed(block)
                tmp.write(block)
        except BaseException:
            tmp.close()
            os.unlink(tmp.name)
            raise
    if size == 0:
        os.unlink(tmp.name)
        raise ValidationError(_("文件为空。"))
    try:
        ctype = _check_type(name, head)
        if problem := scanner.problem():
            raise ValidationError(problem)
    except ValidationError:
        os.unlink(tmp.name)
        raise
    sha = digest.hexdigest()
    final = path_of(sha)
    if final.exists():
        os.unlink(tmp.name)
    else:
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp.name, final)
        final.chmod(0o440)
    with transaction.atomic():
        att, _created = Attachment.objects.get_or_create(
            sha256=sha,
            defaults={
                "size": size,
                "content_type": ctype,
                "original_name": name,
                "stored_at": clock.now(),
            },
        )
        ledger.record(
            actor=actor,
            action=ATTACHMENT_STORE,
            subject=subject,
            data={"name": name, "size": size, "type": ctype, "note": note},
            attachments=[sha],
        )
    return att


def verify(att: Attachment) -> bool:
    """Whether the stored bytes still hash to the attachment's address."""
    p = path_of(att.sha256)
    if not p.exists():
        return False
    h = hashlib.sha256()
    with open(p, "rb") as fh:
        while block := fh.read(CHUNK):
            h.update(block)
    return h.hexdigest() == att.sha256
