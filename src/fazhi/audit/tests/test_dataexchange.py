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


def test_the_issued_rollups_export_as_frozen_and_cannot_be_imported(w, client, tmp_path, capsys):
    import datetime as dt

    from ..services.rollup import rollup_issue

    p = factories.project(w)
    factories.rectification(w, p)  # an open finding
    factories.project(w, name="2018年度部门预算执行审计", kind="budget",
                      submitted_amount="0", approved_amount="0")  # fmt: skip
    rep = rollup_issue(actor=w.auditor, org=w.audit, year=2019, on=dt.date(2020, 3, 2))
    factories.project(w, name="芙蓉区马坡岭道路维修工程结算审计")  # after the report: not in it
    assert main(["import", "--list"]) == 0
    assert "\naudit-rollups  审计整改情况汇总报告（导出）\n" in "\n" + capsys.readouterr().out
    events = LedgerEvent.objects.count()
    out = tmp_path / "汇总.xlsx"
    assert main(["export", "audit-rollups", "--year", "2019", "-o", str(out)]) == 0
    rows = sheet(out.read_bytes())
    head = [rep.number, "测试区审计局", 2019, "2020-03-02"]
    assert rows == [
        registry.get("audit-rollups").headers(),
        head + ["预算执行审计", 1, "0.00", "0.00", "0.00", 0, 0],
        head + ["政府投资项目审计", 1, "12500000.00", "11320000.00", "1180000.00", 1, 0],
        head + ["合计", 2, "12500000.00", "11320000.00", "1180000.00", 1, 0],
    ]
    assert rep.number == "测试审计局整改报〔2020〕1号"
    sign_in(client, w.auditor)
    page = client.get(reverse("audit:rollup"), {"export": "reports"})
    assert sheet(page.content) == rows
    sign_in(client, w.stranger)
    assert sheet(client.get(reverse("audit:rollup"), {"export": "reports"}).content) == rows[:1]
    capsys.readouterr()
    assert main(["import", "audit-rollups", str(out)]) == 2
    assert (
        capsys.readouterr().err.strip() == "fazhi import: 名册“audit-rollups”只能导出，不能导入。"
    )
    assert LedgerEvent.objects.count() == events
