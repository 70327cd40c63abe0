"""The upload corpus: hostile files against the two ways a file comes in — the attachment
store (evidence, documents, photos: every upload form and the grid API's photo) and the
Excel import (every register, by page, API and ``fazhi import``: one runner). Each is
refused with its message and leaves nothing behind. The reader's own refusals (zip bomb,
XXE, formulas, external links, macros, huge cells) are tested on the pre-pass in
``test_xlsxguard.py``; here they are sent through the runner as an import gets them."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import attachments, filescan
from fazhi.core.dataexchange import registry, runner
from fazhi.core.dataexchange.values import ImportFileError
from fazhi.core.models import Attachment, ImportRun, LedgerEvent

from .factories import SYSTEM
from .xlsxparts import XML, bomb, inline, package, sheet

pytestmark = pytest.mark.django_db

EICAR = filescan.EICAR
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
PDF = b"%PDF-1.7\n" + b"1 0 obj\n<<>>\nendobj\n" * 20


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


VIRUS = "文件含有病毒特征（EICAR 测试特征），已拒绝。"
MARKUP = "文件中含有网页脚本或标记，与其类型不符，已拒绝。"
ARCHIVE = "文件中夹带压缩包，与其类型不符，已拒绝。"
NAME = "文件名不正确。"

ATTACHMENT_CORPUS = [
    ("eicar.txt", EICAR, VIRUS),
    ("询问笔录.pdf", PDF + EICAR + b"\n%%EOF", VIRUS),
    ("photo.jpg", JPEG + b"<script>alert(1)</script>", MARKUP),  # a JPEG that is also HTML
    ("现场照片.png", PNG + b"<svg onload=alert(1)>", MARKUP),
    ("说明.txt", b"\xe8\xaf\xb4\xe6\x98\x8e<html><body onload=alert(1)>", MARKUP),
    ("证据.pdf", PDF + _zip({"a.txt": b"x"}), ARCHIVE),  # a PDF with an archive appended
    ("photo.jpg", JPEG + _zip({"evil.exe": b"MZ"}), ARCHIVE),  # GIFAR-style
    (
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "不支持的文件类型：.svg",
    ),  # fmt: skip
    ("notes.html", b"<html></html>", "不支持的文件类型：.html"),
    (
        "evil.pdf",
        b"MZ\x90\x00" + b"\x00" * 100,
        "文件内容与类型不符：evil.pdf 不是有效的 .pdf 文件。",
    ),
    ("../../etc/passwd.txt", b"root", NAME),
    ("..\\..\\boot.ini.txt", b"x", NAME),
]


@pytest.fixture(autouse=True)
def _root(settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path / "att"


@pytest.mark.parametrize(("name", "data", "message"), ATTACHMENT_CORPUS)
def test_the_attachment_store_refuses_the_corpus(district, tmp_path, name, data, message):
    events = LedgerEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        attachments.store(actor=SYSTEM, source=data, name=name)
    assert exc.value.messages[0].startswith(message)
    assert Attachment.objects.count() == 0 and LedgerEvent.objects.count() == events
    assert [p for p in (tmp_path / "att").rglob("*") if p.is_file()] == []


def test_a_signature_across_two_blocks_is_found_and_big_files_are_not_misread(settings):
    s = filescan.Scanner("录音.mp3")
    s.feed(b"ID3" + b"\x00" * 100 + EICAR[:30])
    s.feed(EICAR[30:] + b"\x00" * 10)
    assert s.problem() == VIRUS
    # markup deep inside a recording is noise, not a polyglot; a real file passes
    s = filescan.Scanner("录音.mp3")
    s.feed(b"ID3" + b"\x00" * (filescan.HEAD + 10) + b"<svg>")
    assert s.problem() == ""
    assert filescan.check_bytes(PDF, "决定书.pdf") == ""
    assert filescan.check_bytes(_zip({"word/document.xml": b"<w/>"}), "a.docx") == ""


def _importables() -> list[str]:
    return [r.name for r in registry.all_registers() if r.importable]


PRE_READER = [  # refused before the reading child starts: every register
    ("eicar.xlsx", EICAR, VIRUS),
    ("../../../tmp/x.xlsx", package(sheet({1: inline("A1", "甲")})), NAME),
    ("名册.xlsx.exe", b"MZ", "请上传 Excel（.xlsx）文件。"),
    (
        "big.xlsx",
        b"PK\x03\x04" + b"\x00" * (50 * 1024 * 1024 + 1),
        "文件超过 50 MB，请拆分后再导入。",
    ),
]
XXE = '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
READER = [  # refused by the pre-pass in the reading child (one register: one runner)
    (
        "名册.xlsx",
        b"name,age\n\xe5\xbc\xa0\xe4\xb8\x89,30\n",
        "无法读取文件，请上传 Excel（.xlsx）文件。",
    ),
    ("名册.xlsx", PDF, "无法读取文件，请上传 Excel（.xlsx）文件。"),  # wrong magic bytes
    ("名册.xlsx", bomb(60), "文件解压后过大（疑似压缩炸弹），已拒绝。"),
    (
        "名册.xlsx",
        package(sheet({1: inline("A1", "&x;")}, prolog=XXE)),
        "文件含有 DTD 或实体声明（xl/worksheets/sheet1.xml），可能是 XXE 攻击，已拒绝。",
    ),  # fmt: skip
    (
        "名册.xlsx",
        package(sheet({1: inline("A1", "甲")}), parts={"xl/vbaProject.bin": b"\x00"}),
        "文件含有宏，请另存为 .xlsx 工作簿后再导入。",
    ),  # fmt: skip
]


def _refused(register: str, name: str, data: bytes, district) -> str:
    runs, events = ImportRun.objects.count(), LedgerEvent.objects.count()
    with pytest.raises(ImportFileError) as exc:
        runner.run(register, actor=district.admin, data=data, filename=name)
    assert (ImportRun.objects.count(), LedgerEvent.objects.count()) == (runs, events)
    return str(exc.value)


def test_every_import_refuses_the_corpus_before_reading(district):
    names = _importables()
    assert len(names) >= 9
    for register in names:
        for name, data, message in PRE_READER:
            assert _refused(register, name, data, district) == message, (register, name)


@pytest.mark.parametrize(("name", "data", "message"), READER, ids=[
    "text-renamed", "pdf-renamed", "zip-bomb", "xxe", "macro"])  # fmt: skip
def test_the_import_runner_refuses_hostile_workbooks(district, name, data, message):
    assert XML  # the corpus is built from the pre-pass tests' parts
    assert _refused(_importables()[0], name, data, district) == message
