"""The catalogue, the content duties and their monthly checks on the kernel's data-exchange
path: the catalogue and the duties export and import back unchanged (a dry run of the export
has no errors and adds nothing; importing it again adds nothing), a new row is written through
the body's own service, a bad row is named by row and column and nothing is stored; the
checks export with their results and refuse an import."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from python_calamine import CalamineWorkbook

from fazhi.cli import main
from fazhi.core.dataexchange import exporting, registry, runner, writer
from fazhi.core.models import LedgerEvent

from .. import duties, proactive
from ..models import CatalogueCategory, ContentDuty
from ..registers import CATALOGUE, CHECKS, DUTIES
from . import factories

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def w(db):
    return factories.World()


def sheet(data: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def run(w, name, data, **kw):
    return runner.run(name, actor=w.clerk, data=data, filename="名册.xlsx", **kw)


def stored(model):
    return model._base_manager.count(), LedgerEvent.objects.count()


def test_the_registers_are_listed(capsys):
    assert CATALOGUE.importable and DUTIES.importable
    assert CHECKS.exportable and not CHECKS.importable
    assert main(["import", "--list"]) == 0
    out = "\n" + capsys.readouterr().out
    assert "\ndisclosure-catalogue  主动公开目录类别（导入、导出）\n" in out
    assert "\ncontent-duties  内容保障责任（导入、导出）\n" in out
    assert "\ncontent-duty-checks  内容保障月度检查（导出）\n" in out


def test_the_catalogue_round_trips_and_a_second_import_adds_nothing(w):
    proactive.category_save(
        actor=w.clerk, org=w.body, name="机构职能", responsible=w.body, content="内设机构", order=1
    )
    proactive.category_save(
        actor=w.clerk, org=w.body, name="重大建设项目", responsible=w.body, order=2, active=False
    )
    proactive.category_save(actor=w.stranger, org=w.other, name="财政预决算", responsible=w.other)
    data = exporting.workbook(CATALOGUE, CATALOGUE.records(actor=w.clerk))
    rows = sheet(data)
    assert rows[0] == CATALOGUE.headers()
    assert rows[1:] == [
        ["测试区住房和城乡建设局", "机构职能", "内设机构", "测试区住房和城乡建设局", 1, "是"],
        ["测试区住房和城乡建设局", "重大建设项目", "", "测试区住房和城乡建设局", 2, "否"],
    ]  # the other body's catalogue is not the clerk's
    dry = run(w, "disclosure-catalogue", data, dry_run=True)
    assert (dry.ok, dry.rows, dry.added, dry.unchanged, dry.errors) == (True, 2, 0, 2, [])
    before = stored(CatalogueCategory)
    again = run(w, "disclosure-catalogue", data)
    assert (again.ok, again.added, again.unchanged) == (True, 0, 2)
    assert stored(CatalogueCategory)[0] == before[0]
    # a new row goes through category_save (its ledger event)
    more = writer.xlsx(
        CATALOGUE.headers(),
        rows[1:] + [["测试住建局", "政策文件", "规范性文件及解读", "测试住建局", 3, "是"]],
    )
    added = run(w, "disclosure-catalogue", more)
    assert (added.ok, added.added, added.unchanged) == (True, 1, 2)
    cat = CatalogueCategory.objects.get(name="政策文件")
    assert (cat.org, cat.responsible, cat.order, cat.active) == (w.body, w.body, 3, True)
    assert LedgerEvent.objects.filter(action="opengov.catalogue.save").count() == 4


def test_a_bad_catalogue_row_is_named_and_nothing_is_stored(w):
    proactive.category_save(actor=w.clerk, org=w.body, name="机构职能", responsible=w.body)
    before = stored(CatalogueCategory)
    body = "测试区住房和城乡建设局"
    r = run(w, "disclosure-catalogue", writer.xlsx(CATALOGUE.headers(), [
        [body, "政策文件", "", body, 1, "是"],
        ["测试区财政局", "财政预决算", "", "测试区财政局", 1, "是"],
        [body, "人事信息", "", body, 2, "停用"],
        [body, "机构职能", "改了内容", body, 0, "是"],
        [body, "政策文件", "", body, 4, "是"],
        [body, "", "", body, 5, "是"],
    ]))  # fmt: skip
    assert [str(e) for e in r.errors] == [
        "第3行 公开主体：单位“测试区财政局”不存在或不在您的数据范围内。",
        "第3行 责任单位：单位“测试区财政局”不存在或不在您的数据范围内。",
        "第4行 在用：在用“停用”不正确，应为：是 / 否",
        "第5行 公开内容：已有相同公开主体、目录类别的记录，且本列与它不同（空）。",
        "第6行 目录类别：与本文件第2行重复。",
        "第7行 目录类别：必填，不能为空。",
    ]
    assert not r.ok and stored(CatalogueCategory) == before


def test_the_duties_round_trip_and_the_checks_export(w):
    duty = duties.duty_save(
        actor=w.clerk,
        org=w.body,
        column="通知公告",
        content="本局通知公告，形成后5个工作日内更新",
        effective_from=D(2019, 10, 8),
    )
    duties.duty_check(
        actor=w.clerk, duty=duty, month="2019-10", checked_on=D(2019, 10, 31), current=True
    )
    duties.duty_check(
        actor=w.clerk,
        duty=duty,
        month="2019-11",
        checked_on=D(2019, 11, 29),
        current=False,
        note="两则通知超过一周未发布，已督促补发",
    )
    data = exporting.workbook(DUTIES, DUTIES.records(actor=w.clerk))
    rows = sheet(data)
    assert rows[0] == DUTIES.headers()
    assert [r[:2] + r[3:] for r in rows[1:]] == [
        ["测试区住房和城乡建设局", "通知公告", "2019-10-08", "是"]
    ]
    dry = run(w, "content-duties", data, dry_run=True)
    assert (dry.ok, dry.rows, dry.added, dry.unchanged) == (True, 1, 0, 1)
    before = stored(ContentDuty)
    again = run(w, "content-duties", data)
    assert (again.ok, again.added, again.unchanged) == (True, 0, 1)
    assert stored(ContentDuty)[0] == before[0]
    bad = run(w, "content-duties", writer.xlsx(DUTIES.headers(), [
        ["测试住建局", "政策解读", "文件解读材料", "2019-13-01", "是"],
        ["测试住建局", "政策解读", "文件解读材料", "2099-01-01", "是"],
    ]))  # fmt: skip
    assert [str(e) for e in bad.errors][0] == (
        "第2行 责任起始日期：日期格式不正确：“2019-13-01”（应为 2019-05-20）"
    )
    assert len(bad.errors) == 2 and bad.errors[1].row == 3
    assert not bad.ok and stored(ContentDuty)[0] == before[0]
    # the checks, month by month, as the export writes them
    checks = sheet(exporting.workbook(CHECKS, CHECKS.records(actor=w.clerk, year=2019)))
    assert checks == [
        CHECKS.headers(),
        ["测试区住房和城乡建设局", "通知公告", "2019-10", "2019-10-31", "是", "是", 0, ""],
        ["测试区住房和城乡建设局", "通知公告", "2019-11", "2019-11-29", "否", "否", 0,
         "两则通知超过一周未发布，已督促补发"],
    ]  # fmt: skip
    assert sheet(exporting.workbook(CHECKS, CHECKS.records(actor=w.stranger))) == [CHECKS.headers()]
    assert registry.get("content-duty-checks") is CHECKS
