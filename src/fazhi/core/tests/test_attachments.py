"""Content-addressed attachments: hashed, deduplicated, type- and size-checked, in the ledger."""

import hashlib

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import attachments
from fazhi.core.models import Attachment, LedgerEvent

from .factories import SYSTEM

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + b"x" * 1000


@pytest.fixture(autouse=True)
def _root(settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path / "att"


def test_store_hashes_and_records(district):
    att = attachments.store(actor=SYSTEM, source=PDF, name="询问笔录.pdf")
    assert att.sha256 == hashlib.sha256(PDF).hexdigest()
    assert attachments.path_of(att.sha256).read_bytes() == PDF
    ev = LedgerEvent.objects.get(action="attachment.store")
    assert ev.attachments == [att.sha256] and ev.data["size"] == len(PDF)
    assert attachments.verify(att)


def test_same_bytes_stored_once(district):
    a = attachments.store(actor=SYSTEM, source=PDF, name="a.pdf")
    b = attachments.store(actor=SYSTEM, source=PDF, name="b.pdf")
    assert a.pk == b.pk and Attachment.objects.count() == 1
    assert LedgerEvent.objects.filter(action="attachment.store").count() == 2


@pytest.mark.parametrize(
    "data,name,message",
    [
        (b"MZ\x90\x00", "evil.exe", "不支持的文件类型：.exe"),
        (b"not a pdf at all", "fake.pdf", "文件内容与类型不符：fake.pdf 不是有效的 .pdf 文件。"),
        (b"", "empty.pdf", "文件为空。"),
    ],
)
def test_bad_files_are_refused_and_leave_nothing(district, data, name, message, tmp_path):
    with pytest.raises(ValidationError) as exc:
        attachments.store(actor=SYSTEM, source=data, name=name)
    assert exc.value.messages[0].startswith(message)
    assert Attachment.objects.count() == 0
    assert [p for p in (tmp_path / "att").rglob("*") if p.is_file()] == []


def test_size_limit(district, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as exc:
        attachments.store(actor=SYSTEM, source=PDF, name="big.pdf")
    assert "文件过大" in exc.value.messages[0]


def test_tampered_file_fails_verification(district):
    att = attachments.store(actor=SYSTEM, source=PDF, name="a.pdf")
    p = attachments.path_of(att.sha256)
    p.chmod(0o640)
    p.write_bytes(PDF + b"changed")
    assert not attachments.verify(att)
