"""The catalogue and the applications list on the kernel's data-exchange path: ``fazhi import
--list`` names them, an export imports back unchanged (dry run: 0 errors), a file imported
once adds nothing the second time, a bad row is named by row and column and nothing is
stored; the workspace page, the API and the list's download are the same register."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from fazhi.cli import main
from fazhi.core.dataexchange import registry
from fazhi.core.models import ImportRun, LedgerEvent
from fazhi.core.tests.signin import sign_in

from .. import imports
from ..models import ImplementationEntry, Item, ItemMaterial, ItemVersion
from .factories import World

pytestmark = pytest.mark.django_db

NEW = ["IMP-001", "餐饮服务许可", "行政许可", "区级", "商事登记", "《食品安全法》第三十五条"]


@pytest.fixture(autouse=True)
def _attachments(settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path / "att"


@pytest.fixture
def w(db):
    cache.clear()
    return World()


def row(code="IMP-001", name="餐饮服务许可", reported_by="区市场监管局", org="", **kw) -> list:
    """A row of the catalogue register, in its column order."""
    values = dict(zip([c.key for c in imports.COLUMNS], [""] * len(imports.COLUMNS), strict=True))
    values |= {
        "code": code,
        "name": name,
        "kind": "行政许可",
        "level": "区级",
        "category": "商事登记",
        "basis": "《中华人民共和国食品安全法》第三十五条",
        "reported_by": reported_by,
        "org": org,
        "materials": "申请书、营业执照复印件",
        "on": "2019-03-01",
    }
    if org:
        values |= {"statutory_days": "20", "promised_days": "5", "fee": "0"}
        values |= {"on_the_spot": "否", "commitment": "否"}
    values |= kw
    return [values[c.key] for c in imports.COLUMNS]


def stored() -> tuple[int, ...]:
    return (
        Item._base_manager.count(),
        ItemVersion._base_manager.count(),
        ItemMaterial._base_manager.count(),
        ImplementationEntry._base_manager.count(),
        LedgerEvent.objects.count(),
    )


def test_the_registers_are_listed_with_their_columns(capsys):
    assert {"service-items", "service-applications"} <= set(registry.REGISTERS)
    assert registry.get("service-items").importable
    assert not registry.get("service-applications").importable
    assert main(["import", "--list"]) == 0
    out = capsys.readouterr().out
    for reg in registry.all_registers():  # every register of every domain
        assert f"\n{reg.name}  {reg.title}（" in "\n" + out
    assert "service-items  政务服务事项目录（导入、导出）" in out
    assert "service-applications  办件（导出）" in out
    assert "  事项编码\t必填\t目录中不重复\t编码，最多 40 字" in out
    assert "  即办件\t可空\t是否即办件\t是 / 否" in out


def test_export_then_dry_run_has_no_errors_and_a_second_import_adds_nothing(w, tmp_path, capsys):
    src = tmp_path / "目录.xlsx"
    src.write_bytes(
        imports.xlsx([row(), row("IMP-002", "餐饮服务许可变更", org="区行政审批服务局")])
    )
    assert main(["import", "service-items", str(src)]) == 0
    assert capsys.readouterr().out.strip() == (
        "已导入：共 2 行，新增 2 行，更新 0 行，与系统中一致 0 行，跳过有误的 0 行。"
    )
    added = Item.objects.get(code="IMP-002")
    assert [m.name for m in added.materials.all()] == ["申请书", "营业执照复印件"]
    entry = added.entries.get()
    assert (entry.org.name, entry.statutory_days, str(entry.promised_days)) == (
        "测试区行政审批服务局",
        20,
        "5.00",
    )
    out = tmp_path / "导出.xlsx"
    assert main(["export", "service-items", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["import", "service-items", str(out), "--dry-run"]) == 0
    assert capsys.readouterr().out.strip() == (
        "检查完毕（未导入）：共 4 行，0 处错误；可新增 0 行，与系统中一致 4 行。"
    )
    before = stored()
    assert main(["import", "service-items", str(src)]) == 0
    said = capsys.readouterr().out.strip()
    assert said.startswith("这份文件（SHA-256 ") and said.endswith(
        "导入（2 行），本次没有新增任何数据。"
    )
    assert stored() == before
    # the exported file itself imports as "unchanged" (nothing added, the file recorded)
    assert main(["import", "service-items", str(out)]) == 0
    assert capsys.readouterr().out.strip() == (
        "已导入：共 4 行，新增 0 行，更新 0 行，与系统中一致 4 行，跳过有误的 0 行。"
    )
    assert stored()[:4] == before[:4]


def test_a_bad_row_is_named_by_row_and_column_and_nothing_is_stored(w, tmp_path, capsys):
    before = stored()
    path = tmp_path / "目录.xlsx"
    path.write_bytes(
        imports.xlsx(
            [
                row(),
                row("IMP-002", reported_by="不存在的局"),
                row("IMP-003", kind="行政审批"),
                row("IMP-004", org="区行政审批服务局", promised_days="30"),
                row("LIC-001"),  # the code of an item already in the catalogue, differing
                row(),
            ]
        )
    )
    assert main(["import", "service-items", str(path)]) == 1
    assert capsys.readouterr().out.strip().splitlines() == [
        "第3行 上报部门：“不存在的局”不存在或不在您的数据范围内。",
        "第4行 事项类型：“行政审批”不是可选值（行政许可 / 行政确认 / 行政给付 / 行政奖励 / "
        "行政裁决 / 备案 / 公共服务 / 其他行政权力）。",
        "第5行：承诺时限（30.00个工作日）不能长于法定时限（20个工作日）。",
        "第6行 事项名称：已有相同事项编码的记录，且本列与它不同（食品经营许可）。",
        "第7行 事项编码：与本文件第2行重复。",
        "未导入任何数据：共 6 行，5 行有误（5 处错误）。",
    ]
    assert stored() == before
    assert not ImportRun.objects.filter(status="done").exists()


def test_the_page_the_api_and_the_download_are_the_register(w, client):
    before = stored()
    sign_in(client, w.dept_clerk)
    page = client.get("/workspace/govservices/items/")
    assert "/workspace/govservices/items/import/" in page.content.decode()
    form = client.get("/workspace/govservices/items/import/").content.decode()
    assert "从Excel导入政务服务事项目录" in form and "上报部门" in form
    template = client.get("/workspace/govservices/items/import/template.xlsx")
    book = CalamineWorkbook.from_filelike(io.BytesIO(template.content))
    assert book.get_sheet_by_index(0).to_python()[0] == imports.ITEMS.headers()
    bad = imports.xlsx([row("IMP-009", reported_by="区卫健局")])  # not in the clerk's scope
    resp = client.post(
        "/workspace/govservices/items/import/", {"file": SimpleUploadedFile("目录.xlsx", bad)}
    )
    assert resp.status_code == 200 and stored() == before
    assert "“区卫健局”不存在或不在您的数据范围内。" in resp.content.decode()
    good = imports.xlsx([row("IMP-010")])
    resp = client.post(
        "/workspace/govservices/items/import/", {"file": SimpleUploadedFile("目录.xlsx", good)}
    )
    assert resp.status_code == 302 and resp["Location"] == "/workspace/govservices/items/"
    assert Item.objects.filter(code="IMP-010").exists()
    api = client.post(
        "/api/v1/imports/service-items",
        {"file": SimpleUploadedFile("目录.xlsx", imports.xlsx([row("IMP-011")]))},
    )
    assert api.status_code == 200 and (api.json()["added"], api.json()["ok"]) == (1, True)
    download = client.get("/workspace/govservices/items/?export=xlsx&q=IMP")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(download.content)).get_sheet_by_index(0)
    rows = sheet.to_python()
    assert rows[0] == imports.ITEMS.headers()
    assert [r[0] for r in rows[1:]] == ["IMP-010", "IMP-011"]


def test_the_applications_download_is_the_register(w, client, tmp_path, capsys):
    from ..services import applications as svc
    from .factories import at

    app = svc.receive(
        actor=w.clerk, entry=w.entry, channel="window", at=at(2019, 11, 4), **w.person()
    )
    sign_in(client, w.clerk)
    page = client.get("/workspace/govservices/applications/?export=xlsx")
    on_page = CalamineWorkbook.from_filelike(io.BytesIO(page.content)).get_sheet_by_index(0)
    out = tmp_path / "办件.xlsx"
    assert main(["export", "service-applications", "--year", "2019", "-o", str(out)]) == 0
    by_cli = CalamineWorkbook.from_filelike(io.BytesIO(out.read_bytes())).get_sheet_by_index(0)
    assert on_page.to_python() == by_cli.to_python()
    assert by_cli.to_python()[1][:4] == [
        app.number,
        "食品经营许可",
        "刘志强",
        "测试区行政审批服务局",
    ]
    assert main(["import", "service-applications", str(out), "--dry-run"]) == 2
    assert (
        capsys.readouterr().err.strip().endswith("名册“service-applications”只能导出，不能导入。")
    )
