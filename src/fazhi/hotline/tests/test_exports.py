"""The inbox's and the warning list's downloads (through the kernel's data exchange: the
``hotline-orders`` register over the inbox, the ``hotline-warnings`` register), the CLI's
same file, and the hot-spot page's chart data."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from python_calamine import CalamineWorkbook

from fazhi.cli import main
from fazhi.core.dataexchange import registry
from fazhi.core.tests.signin import sign_in

from ..services import orders
from .world import Hotline, at

pytestmark = pytest.mark.django_db
D = dt.date


def sheet(data: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


@pytest.fixture
def h(db):
    with at(D(2019, 6, 3)):
        yield Hotline()


def _world(h):
    """o1 signed on 4 June, handling due Tue 11 June; o2 never signed, sign-off due Tue 4
    June; o3 still the office's (in its inbox, not on the ladder)."""
    with at(D(2019, 6, 3)):
        o1 = orders.order_assign(actor=h.agent, order=h.take(), body=h.body)
        o2 = orders.order_assign(
            actor=h.agent, order=h.take(caller_phone="13907310001"), body=h.body
        )
        o3 = h.take(caller_phone="13907310003", text="待派单的工单")
    with at(D(2019, 6, 4)):
        o1 = orders.order_sign(actor=h.body_clerk, order=o1)
    return o1, o2, o3


def test_the_warning_list_downloads_its_rows_as_the_cli_exports_them(h, client, tmp_path):
    _world(h)
    with at(D(2019, 6, 12)):
        sign_in(client, h.agent)
        page = client.get("/workspace/hotline/warnings/").content.decode()
        resp = client.get("/workspace/hotline/warnings/", {"export": "xlsx"})
    assert 'id="export-warnings"' in page
    rows = sheet(resp.content)
    assert rows[0] == registry.get("hotline-warnings").headers()
    assert rows[0] == [
        "工单编号",
        "标题",
        "承办单位",
        "状态",
        "期限",
        "到期日",
        "预警等级",
        "剩余工作日",
    ]
    assert [r[:7] for r in rows[1:]] == [
        [
            "RX-2019-2",
            "夜间施工噪声扰民，晚上十一点后仍在作业",
            "测试区行政执法局",
            "已派单待签收",
            "签收时限",
            "2019-06-04",
            "应督办",
        ],
        [
            "RX-2019-1",
            "夜间施工噪声扰民，晚上十一点后仍在作业",
            "测试区行政执法局",
            "办理中",
            "办理答复时限",
            "2019-06-11",
            "超期",
        ],
    ]
    assert [int(r[7]) for r in rows[1:]] == [-5, -1]
    assert "13807318826" not in str(rows)  # no caller data
    out = tmp_path / "warnings.xlsx"
    with at(D(2019, 6, 12)):
        assert main(["export", "hotline-warnings", "--year", "2019", "-o", str(out)]) == 0
    assert sheet(out.read_bytes()) == rows
    # an outsider's download is the header row only
    with at(D(2019, 6, 12)):
        sign_in(client, h.outsider)
        empty = client.get("/workspace/hotline/warnings/", {"export": "xlsx"})
    assert sheet(empty.content) == [rows[0]]


def test_the_inbox_downloads_the_orders_waiting_for_the_user(h, client):
    _o1, _o2, o3 = _world(h)
    with at(D(2019, 6, 5)):
        sign_in(client, h.agent)
        page = client.get("/workspace/hotline/inbox/").content.decode()
        office = sheet(client.get("/workspace/hotline/inbox/", {"export": "xlsx"}).content)
        sign_in(client, h.body_clerk)
        body = sheet(client.get("/workspace/hotline/inbox/", {"export": "xlsx"}).content)
    assert 'id="export-inbox"' in page
    assert office[0] == registry.get("hotline-orders").headers()
    assert [r[0] for r in office[1:]] == [o3.number]
    assert [(r[0], r[9]) for r in body[1:]] == [
        ("RX-2019-1", "办理中"),
        ("RX-2019-2", "已派单待签收"),
    ]


def test_the_hot_spot_page_carries_its_chart_data(h, client):
    with at(D(2019, 6, 3)):
        h.take()
        h.take(caller_phone="13907310001")
        h.take(caller_phone="13907310002", category=h.policy, text="医保咨询")
    with at(D(2019, 6, 5)):
        sign_in(client, h.agent)
        html = client.get(
            "/workspace/hotline/hot-spots/", {"from": "2019-06-01", "to": "2019-06-07"}
        ).content.decode()
    assert 'id="chart-categories"' in html and "vendor/echarts/echarts.min.js" in html
    raw = re.search(r'<script id="hot-spots-data" type="application/json">(.*?)</script>', html)
    data = json.loads(raw.group(1))
    cats = data["categories"]
    assert cats["names"] == ["环境保护·噪声扰民", "政策咨询·社保医保"]
    assert [p["value"] for p in cats["now"]] == [2, 1] and cats["before"] == [0, 0]
    assert cats["now"][0]["url"].startswith("/workspace/hotline/orders/?")
    assert (cats["now_label"], cats["before_label"]) == ("本期", "上期")
