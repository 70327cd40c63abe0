"""The disputes lists on the kernel's data-exchange path: each list's download is an
export-only register, so ``fazhi export`` writes what the page downloads, ``fazhi import
--list`` names every register, and an export-only register refuses an import (exit 2,
nothing stored). The inspection batch's own import stays in ``imports`` (test_imports)."""

import io

import pytest
from python_calamine import CalamineWorkbook

from fazhi.cli import main
from fazhi.core.dataexchange import registry
from fazhi.core.models import LedgerEvent
from fazhi.core.tests.signin import sign_in

from ..exports import REGISTERS
from .factories import World

pytestmark = pytest.mark.django_db

PAGES = {
    "petitions": "petitions/",
    "reconsiderations": "reconsiderations/",
    "respondent-cases": "litigation/",
    "mediations": "mediation/",
    "petition-items": "batches/{batch}/",
}


@pytest.fixture
def w(db):
    return World()


def sheet(data: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def test_every_register_is_listed(capsys):
    assert {r.name for r in REGISTERS} == set(PAGES)
    assert all(registry.get(name) is not None for name in PAGES)
    assert main(["import", "--list"]) == 0
    out = "\n" + capsys.readouterr().out
    for reg in registry.all_registers():  # every register of every domain
        assert f"\n{reg.name}  {reg.title}（" in out
    assert "\nreconsiderations  行政复议案件（导出）\n  案件编号\t可空\t\t编码" in out


def test_each_download_is_its_register_and_cannot_be_imported(client, w, tmp_path, capsys):
    w.recon()
    w.lawsuit()
    w.dispute()
    w.petition()
    batch = w.batch()
    sign_in(client, w.supervisor)
    events = LedgerEvent.objects.count()
    for name, path in PAGES.items():
        page = client.get(f"/workspace/disputes/{path.format(batch=batch.pk)}?export=xlsx")
        out = tmp_path / f"{name}.xlsx"
        assert main(["export", name, "--year", "2019", "-o", str(out)]) == 0, name
        rows = sheet(out.read_bytes())
        assert rows[0] == registry.get(name).headers(), name
        assert sheet(page.content) == rows, name
        assert len(rows) == (4 if name == "petition-items" else 2), name
        capsys.readouterr()
        assert main(["import", name, str(out), "--dry-run"]) == 2, name
        assert capsys.readouterr().err.strip() == (
            f"fazhi import: 名册“{name}”只能导出，不能导入。"
        )
    assert LedgerEvent.objects.count() == events
