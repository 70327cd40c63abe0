"""What every uploaded file is checked for beyond its size and its leading bytes (the
attachment store and every Excel import call it):

- **a virus signature** — the EICAR test file's, anywhere in the file. It is the standard
  stand-in a district's antivirus is tested with; a deployment puts its scanner (clamd) in
  front of uploads as well, and this check proves the refusal path end to end;
- **a polyglot** — a file that is also another kind of file: markup a browser would run
  (``<script``, ``<html``, ``<svg``, ``<iframe``, ``<?php``) in a text file or in the first
  64 KB of a picture, a PDF or a recording (where such polyglots put it; further on, four
  random bytes of a video could spell it), or a zip archive's end record in the last 64 KB
  of a file whose type is not a zip (a picture or a PDF with an archive appended: where a
  zip reader looks for it).

``Scanner`` takes the file block by block (uploads are streamed), keeping the last bytes of
a block so a signature across two blocks is still found. ``problem()`` is the refusal in
the active language, or "".
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
MARKUP = re.compile(rb"<\s*(script|html|svg|iframe|object|embed)\b|<\?php|<!doctype\s+html", re.I)
ZIP_END = b"PK\x05\x06"
ZIP_TYPES = {".zip", ".xlsx", ".docx", ".ofd"}
TEXT_TYPES = {".txt", ".csv"}
HEAD = 64 * 1024
ZIP_TAIL = 65_557  # the end record and the longest comment a zip may have after it
OVERLAP = len(EICAR)


class Scanner:
    def __init__(self, name: str):
        self.ext = name[name.rfind(".") :].lower() if "." in name else ""
        self.tail = b""
        self.seen = 0
        self.found = ""

    def feed(self, block: bytes) -> None:
        if self.found:
            return
        window = self.tail + block
        start = self.seen - len(self.tail)  # the window's offset in the file
        self.seen += len(block)
        if EICAR in window:
            self.found = "virus"
        elif self.ext not in ZIP_TYPES and (self.ext in TEXT_TYPES or start < HEAD):
            head = window if self.ext in TEXT_TYPES else window[: max(0, HEAD - start) + 16]
            if MARKUP.search(head):
                self.found = "markup"
        self.tail = window[-max(OVERLAP, ZIP_TAIL) :]

    def problem(self) -> str:
        if not self.found and self.ext not in ZIP_TYPES and ZIP_END in self.tail[-ZIP_TAIL:]:
            self.found = "archive"
        return message(self.found)


def message(found: str) -> str:
    return {
        "": "",
        "virus": _("文件含有病毒特征（EICAR 测试特征），已拒绝。"),
        "markup": _("文件中含有网页脚本或标记，与其类型不符，已拒绝。"),
        "archive": _("文件中夹带压缩包，与其类型不符，已拒绝。"),
    }[found]


def check_bytes(data: bytes, name: str) -> str:
    s = Scanner(name)
    s.feed(data)
    return s.problem()
