"""The congress's batch through the kernel's data-exchange path: all rows or nothing, every
bad row named with its column and the check that failed; an export imports back unchanged."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from python_calamine import CalamineWorkbook

from fazhi.core import ledgerstate
from fazhi.core.dataexchange import exporting, registry, runner
from fazhi.core.dataexchange.writer import xlsx
from fazhi.core.models import LedgerEvent

from ..imports import SUGGESTIONS
from ..models import Suggestion
from .world import Chamber, at

pytestmark = pytest.mark.django_db
D = dt.date
HEADERS = [
    "交办机关*",
    "类别*",
    "会议*",
    "建议（提案）号*",
    "领衔代表（委员）*",
    "附议人",
    "标题*",
    "内容*",
    "收到日期*",
]
OFFICE = "测试区人民政府办公室"
NPC, CPPCC = "测试区第十七届人民代表大会第四次会议", "政协测试区第十一届委员会第三次会议"


def _rows():
    return [
        [OFFICE, "人大代表建议", NPC, "1", "刘建华", "陈秀英、王志明", "关于增设公交站台的建议",
         "建议在芙蓉中路增设公交站台。", D(2019, 1, 25)],
        [OFFICE, "人大代表建议", NPC, "2", "陈秀英", "", "关于规范夜间施工的建议",
         "夜间施工噪声扰民。", "2019-01-25"],
        [OFFICE, "政协提案", CPPCC, "1", "王志明", "", "关于老旧小区加装电梯的提案",
         "加快老旧小区加装电梯。", "2019年1月28日"],
    ]  # fmt: skip


@pytest.fixture
def c(db):
    with at(D(2019, 2, 1)):
        yield Chamber()


def _run(c, data, **kw):
    with at(D(2019, 2, 1)):
        return runner.run("suggestions", actor=c.secretary, data=data, filename="交办.xlsx", **kw)


def test_the_register_is_declared():
    reg = registry.get("suggestions")
    assert reg is SUGGESTIONS and reg.importable and reg.exportable
    assert reg.headers() == HEADERS
    assert all(issubclass(m, runner.Importable) for m in reg.models)


def test_a_batch_registers_every_row_numbered_and_ledgered(c):
    result = _run(c, xlsx(HEADERS, _rows()))
    assert result.ok, result.errors
    assert (result.rows, result.added) == (3, 3)
    got = list(
        Suggestion.objects.order_by("pk").values_list(
            "number", "kind", "serial", "author", "received_on", "status", "org"
        )
    )
    assert got == [
        ("建〔2019〕1号", "npc", "1", "刘建华", D(2019, 1, 25), "received", c.office.pk),
        ("建〔2019〕2号", "npc", "2", "陈秀英", D(2019, 1, 25), "received", c.office.pk),
        ("提〔2019〕1号", "cppcc", "1", "王志明", D(2019, 1, 28), "received", c.office.pk),
    ]
    assert LedgerEvent.objects.filter(action="suggestions.create").count() == 3
    assert LedgerEvent.objects.filter(action="data.import").count() == 1


def test_one_bad_row_and_nothing_is_registered(c):
    rows = _rows()
    rows[1][4] = ""  # no author
    rows[2][1] = "政协意见"  # not a kind
    rows.append([OFFICE, "人大代表建议", NPC, "1", "刘建华", "", "重复", "重复", "2019-01-25"])
    rows.append(["某某局", "人大代表建议", NPC, "9", "张三", "", "标题", "内容", "2019-13-01"])
    events = LedgerEvent.objects.count()
    result = _run(c, xlsx(HEADERS, rows))
    assert not result.ok and result.added == 0
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "领衔代表（委员）", "必填，不能为空。"),
        (4, "类别", "类别“政协意见”不正确，应为：人大代表建议 / 政协提案"),
        (5, "建议（提案）号", "与本文件第2行重复。"),
        (6, "交办机关", "单位“某某局”不存在或不在您的数据范围内。"),
        (6, "收到日期", "日期格式不正确：“2019-13-01”（应为 2019-05-20）"),
    ]
    assert Suggestion.objects.count() == 0
    assert LedgerEvent.objects.count() == events


def test_only_the_office_registers(c):
    with at(D(2019, 2, 1)):
        result = runner.run(
            "suggestions", actor=c.body_clerk, data=xlsx(HEADERS, _rows()[:1]), filename="a.xlsx"
        )
    assert not result.ok and Suggestion.objects.count() == 0
    assert [e.message for e in result.errors][-1] in (
        "只有区政府办的工作人员可以登记建议提案。",
        "单位“测试区人民政府办公室”不存在或不在您的数据范围内。",
    )


def _sheet(data: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def test_an_export_imports_back_unchanged(c):
    assert _run(c, xlsx(HEADERS, _rows())).ok
    exported = exporting.export("suggestions", actor=c.secretary, year=2019)
    sheet = _sheet(exported)
    assert sheet[0] == HEADERS
    assert [r[3:5] for r in sheet[1:]] == [["1", "刘建华"], ["2", "陈秀英"], ["1", "王志明"]]
    events = LedgerEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
    again = _run(c, exported)
    assert again.ok, again.errors
    assert (again.rows, again.added, again.unchanged, again.updated) == (3, 0, 3, 0)
    assert Suggestion.objects.count() == 3
    # no row written: the file kept, and the import recorded with its hash
    new = LedgerEvent.objects.filter(seq__gt=events).order_by("seq")
    assert [e.action for e in new] == ["attachment.store", "data.import"]
    assert ledgerstate.verify_state()[1] == []
