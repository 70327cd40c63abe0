"""The requests list on the kernel's data-exchange path: its download is the export-only
register ``disclosure-requests``, so ``fazhi export`` writes what the page downloads (the
page narrowed to the user's scope), ``fazhi import --list`` names it, and it refuses an
import (exit 2, nothing stored)."""

import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from fazhi.cli import main
from fazhi.core.dataexchange import registry
from fazhi.core.models import LedgerEvent
from fazhi.core.tests.signin import sign_in

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    return factories.World()


def sheet(data: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def test_the_download_is_the_register_and_cannot_be_imported(w, client, tmp_path, capsys):
    mine = factories.request(w)
    factories.request(w, org=w.other, applicant_name="赵明")  # another body's
    assert main(["import", "--list"]) == 0
    assert "\ndisclosure-requests  政府信息公开申请（导出）\n" in "\n" + capsys.readouterr().out
    events = LedgerEvent.objects.count()
    out = tmp_path / "申请.xlsx"
    assert main(["export", "disclosure-requests", "--org", "测试住建局", "-o", str(out)]) == 0
    rows = sheet(out.read_bytes())
    assert rows[0] == registry.get("disclosure-requests").headers()
    assert [r[:3] for r in rows[1:]] == [[mine.number, "测试区住房和城乡建设局", "王丽华"]]
    sign_in(client, w.clerk)
    page = client.get(reverse("opengov:requests"), {"export": "xlsx"})
    assert sheet(page.content) == rows
    assert main(["export", "disclosure-requests", "-o", str(out)]) == 0
    assert len(sheet(out.read_bytes())) == 3  # the system sees both bodies' requests
    capsys.readouterr()
    assert main(["import", "disclosure-requests", str(out)]) == 2
    assert capsys.readouterr().err.strip() == (
        "fazhi import: 名册“disclosure-requests”只能导出，不能导入。"
    )
    assert LedgerEvent.objects.count() == events
