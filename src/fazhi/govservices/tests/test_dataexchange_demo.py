"""The demo's catalogue on the kernel's data-exchange path: every item of the 2019 services
year exported by ``fazhi export service-items`` imports back (dry run) with 0 errors, every
row unchanged; the applications register exports every application of the year."""

from __future__ import annotations

import io

import pytest
from python_calamine import CalamineWorkbook

from fazhi.cli import main

from ..models import Application, Item

# The demo district with every domain's step, built once per run (tests/demodb.py).
pytestmark = [pytest.mark.demo, pytest.mark.django_db]


def test_the_demo_catalogue_imports_back_unchanged(tmp_path, capsys):
    out = tmp_path / "事项目录.xlsx"
    assert main(["export", "service-items", "-o", str(out)]) == 0
    capsys.readouterr()
    n = Item.objects.count()
    assert n >= 330  # the bureau's 330 items of the seed report, and the others
    assert main(["import", "service-items", str(out), "--dry-run"]) == 0
    assert capsys.readouterr().out.strip() == (
        f"检查完毕（未导入）：共 {n} 行，0 处错误；可新增 0 行，与系统中一致 {n} 行。"
    )


def test_the_demo_applications_export_whole(tmp_path):
    out = tmp_path / "办件.xlsx"
    assert main(["export", "service-applications", "--year", "2019", "-o", str(out)]) == 0
    rows = CalamineWorkbook.from_filelike(io.BytesIO(out.read_bytes())).get_sheet_by_index(0)
    n = Application.objects.filter(received_on__year=2019).count()
    assert n > 0 and len(rows.to_python()) == n + 1
