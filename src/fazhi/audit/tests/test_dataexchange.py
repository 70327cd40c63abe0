"""The audit lists on the kernel's data-exchange path: the projects' and the commitments'
downloads are export-only registers, so ``fazhi export`` writes what the pages download,
``fazhi import --list`` names them, and they refuse an import (exit 2, nothing stored)."""

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


@pytest.mark.parametrize(
    ("name", "page", "first"),
    [
        ("audit-projects", "audit:projects", "芙蓉区东湖片区提质改造工程结算审计"),
        ("audit-commitments", "audit:commitments", "测试区住房和城乡建设局"),
    ],
)
def test_each_download_is_its_register_and_cannot_be_imported(
    w, client, tmp_path, capsys, name, page, first
):
    factories.project(w)
    factories.commitment(w)
    assert main(["import", "--list"]) == 0
    assert f"\n{name}  {registry.get(name).title}（导出）\n" in "\n" + capsys.readouterr().out
    events = LedgerEvent.objects.count()
    out = tmp_path / f"{name}.xlsx"
    assert main(["export", name, "--year", "2019" if name == "audit-projects" else "2016",
                 "-o", str(out)]) == 0  # fmt: skip
    rows = sheet(out.read_bytes())
    assert rows[0] == registry.get(name).headers() and len(rows) == 2
    assert rows[1][1] == first
    sign_in(client, w.supervisor)
    assert sheet(client.get(reverse(page), {"export": "xlsx"}).content) == rows
    capsys.readouterr()
    assert main(["import", name, str(out)]) == 2
    assert capsys.readouterr().err.strip() == f"fazhi import: 名册“{name}”只能导出，不能导入。"
    assert LedgerEvent.objects.count() == events
