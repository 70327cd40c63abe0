"""The hotline's registers: the dispatch catalogue in and out of Excel (all rows or nothing,
every bad row named, an export imports back unchanged, a changed body updates the rule when
published) and the orders' export, the same as the order list's download."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db.models import F
from python_calamine import CalamineWorkbook

from fazhi.core import ledgerstate
from fazhi.core.dataexchange import exporting, registry, runner
from fazhi.core.dataexchange.writer import xlsx
from fazhi.core.models import LedgerEvent
from fazhi.core.tests.signin import sign_in

from ..models import Category, DispatchRule
from ..services import orders
from .world import Hotline, at

pytestmark = pytest.mark.django_db
D = dt.date
HEADERS = ["分类编码*", "大类*", "小类*", "办理时限规则", "街道", "承办单位*"]
BODY = "测试区行政执法局"


@pytest.fixture
def h(db):
    with at(D(2019, 6, 3)):
        yield Hotline()


def _sheet(data: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def _run(h, rows, actor=None):
    with at(D(2019, 6, 3)):
        return runner.run(
            "hotline-catalogue",
            actor=actor or h.chief,
            data=xlsx(HEADERS, rows),
            filename="目录.xlsx",
        )


def _table():
    return list(
        DispatchRule.objects.order_by(
            "category__code", F("street__name").asc(nulls_first=True)
        ).values_list(
            "category__code", "category__name", "category__rule_code", "street__name", "body__name"
        )
    )


def test_the_registers_are_declared():
    cat, orders_ = registry.get("hotline-catalogue"), registry.get("hotline-orders")
    assert cat.importable and cat.exportable and cat.headers() == HEADERS
    assert all(issubclass(m, runner.Importable) for m in cat.models)
    assert orders_.exportable and not orders_.importable


def test_the_catalogue_imports_every_row(h):
    result = _run(
        h,
        [
            ["CS01", "城市管理", "占道经营", "RX-1", "", BODY],
            ["CS01", "城市管理", "占道经营", "RX-1", "甲街道", "甲街道"],
            ["JT02", "交通出行", "公交线路", "", "", "测试区司法局"],
        ],
    )
    assert result.ok, result.errors
    assert (result.rows, result.added) == (3, 3)
    assert _table() == [
        ("CS01", "占道经营", "RX-1", None, BODY),
        ("CS01", "占道经营", "RX-1", "甲街道", "甲街道"),
        ("HJ01", "噪声扰民", "RX-1", None, BODY),
        ("HJ01", "噪声扰民", "RX-1", "甲街道", "甲街道"),
        ("JT02", "公交线路", "RX-1", None, "测试区司法局"),
    ]


def test_one_bad_row_and_nothing_changes(h):
    before, events = _table(), LedgerEvent.objects.count()
    result = _run(
        h,
        [
            ["CS01", "城市管理", "占道经营", "RX-1", "", BODY],
            ["CS02", "城市管理", "", "RX-1", "", BODY],
            ["CS03", "城市管理", "违章建筑", "RX-99", "", BODY],
            ["CS04", "城市管理", "渣土运输", "RX-1", "丙街道", BODY],
            ["HJ01", "环境保护", "油烟扰民", "RX-1", "乙街道", BODY],
            ["CS01", "城市管理", "占道经营", "RX-1", "", "测试区司法局"],
        ],
    )
    assert not result.ok and result.added == 0
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "小类", "必填，不能为空。"),
        (4, "办理时限规则", result.errors[1].message),
        (5, "街道", "单位“丙街道”不存在或已停用。"),
        (
            6,
            "大类",
            "分类编码HJ01已有（环境保护·噪声扰民，RX-1），与本行不同：请在该分类已有的行中修改。",
        ),
        (7, "街道", "与本文件第2行重复。"),
    ]
    assert "RX-99" in result.errors[1].message
    assert _table() == before and Category.objects.count() == 2
    assert LedgerEvent.objects.count() == events


def test_only_an_office_leader_or_an_administrator_keeps_the_catalogue(h):
    result = _run(h, [["CS01", "城市管理", "占道经营", "RX-1", "", BODY]], actor=h.agent)
    assert [e.message for e in result.errors] == [
        "只有系统管理员或12345热线办负责人可以维护热线代码表。"
    ]
    assert Category.objects.count() == 2


def test_an_export_imports_back_unchanged_and_a_changed_body_updates(h):
    exported = exporting.export("hotline-catalogue", actor=h.chief)
    assert _sheet(exported) == [
        HEADERS,
        ["HJ01", "环境保护", "噪声扰民", "RX-1", "", BODY],
        ["HJ01", "环境保护", "噪声扰民", "RX-1", "甲街道", "甲街道"],
    ]
    with at(D(2019, 6, 3)):
        again = runner.run("hotline-catalogue", actor=h.chief, data=exported, filename="导出.xlsx")
    assert again.ok and (again.added, again.unchanged, again.updated) == (0, 2, 0)
    result = _run(h, [["HJ01", "环境保护", "噪声扰民", "RX-1", "甲街道", "乙街道"]])
    assert result.ok and (result.added, result.updated) == (0, 1)
    assert _table()[1] == ("HJ01", "噪声扰民", "RX-1", "甲街道", "乙街道")
    assert ledgerstate.verify_state()[1] == []


def test_the_order_list_downloads_the_orders_register(h, client):
    with at(D(2019, 6, 3)):
        o = orders.order_assign(actor=h.agent, order=h.take(street=h.d.street_a), body=h.body)
        h.take(caller_phone="13907310001", category=h.policy, address="")
        sign_in(client, h.agent)
        page = client.get("/workspace/hotline/orders/", {"category": h.noise.pk, "export": "xlsx"})
    sheet = _sheet(page.content)
    assert sheet[0][:4] == ["工单编号", "受理日期", "来源渠道", "诉求类型"]
    assert sheet[1:] == [
        [o.number, "2019-06-03", "电话", "投诉", "环境保护·噪声扰民", "甲街道", "芙蓉中路二段98号",
         "夜间施工噪声扰民，晚上十一点后仍在作业", BODY, "已派单待签收", "2019-06-03", "", "",
         "", 0, 0, ""],
    ]  # fmt: skip
    assert "13807318826" not in str(sheet) and "刘建华" not in str(sheet)
    full = _sheet(exporting.export("hotline-orders", actor=h.agent, year=2019))
    assert [r[0] for r in full[1:]] == ["RX-2019-1", "RX-2019-2"]
    assert _sheet(exporting.export("hotline-orders", actor=h.outsider, year=2019)) == [full[0]]
