"""The committee's spreadsheet of work points: every row or none, each bad row named with
its column; a clean file adds the points as drafts, each through the office's service."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import xlsxwriter

from fazhi.core.dataexchange import runner
from fazhi.core.models import LedgerEvent

from ..imports import POINTS
from ..models import PointStatus, WorkPoint
from .world import Council, at

pytestmark = pytest.mark.django_db
D = dt.date
HEADERS = [c.header for c in POINTS.columns]
PLAN = "测试区依法治区委员会2019年工作要点"


def xlsx(headers, rows) -> bytes:
    """One sheet: the header row, then the rows (strings as text)."""
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet()
    for c, h in enumerate(headers):
        ws.write_string(0, c, h)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            if isinstance(v, str):
                ws.write_string(r, c, v)
            elif v is not None:
                ws.write(r, c, v)
    book.close()
    return buf.getvalue()


@pytest.fixture
def c(db, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    with at(D(2019, 3, 12)):
        council = Council()
        council.plan()
        yield council


def _run(c, data):
    with at(D(2019, 3, 12)):
        return runner.run("governance-points", actor=c.secretary, data=data, filename="要点.xlsx")


def test_a_clean_file_adds_every_point_as_a_draft(c):
    data = xlsx(
        HEADERS,
        [
            [PLAN, 1, "法治政府建设", "推进示范创建", "制定创建方案", "测试区行政执法局", "甲街道"],
            [f"《{PLAN}》", 2, "守法普法", "落实普法责任制", "开展评估", "甲街道", ""],
        ],
    )
    result = _run(c, data)
    assert (result.ok, result.added) == (True, 2)
    rows = list(WorkPoint.objects.order_by("seq"))
    assert [(p.number, p.org.name, p.status) for p in rows] == [
        ("2019-01", "测试区行政执法局", PointStatus.DRAFT),
        ("2019-02", "甲街道", PointStatus.DRAFT),
    ]
    assert [s.org.name for s in rows[0].supporters.all()] == ["甲街道"]
    assert LedgerEvent.objects.filter(action="governance.point").count() == 2
    # the same file again adds nothing
    assert _run(c, data).already is not None


def test_every_bad_row_is_named_and_nothing_is_imported(c):
    data = xlsx(
        HEADERS,
        [
            [PLAN, 1, "", "推进示范创建", "制定创建方案", "测试区行政执法局"],
            ["不存在的工作要点", 2, "", "普法", "评估", "甲街道"],
            [PLAN, 3, "", "普法", "评估", "不存在的局"],
            [PLAN, 4, "", "普法", "评估", "甲街道", "甲街道、无此单位"],
            [PLAN, 1, "", "重复序号", "评估", "甲街道"],
        ],
    )
    result = _run(c, data)
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "工作要点"),
        (4, "牵头单位"),
        (5, "配合单位"),
        (6, "序号"),
    ]
    assert result.errors[0].message == "工作要点“不存在的工作要点”不存在或不在您的数据范围内。"
    assert result.errors[2].message == "单位“无此单位”不存在。"
    assert WorkPoint.objects.count() == 0
    assert not LedgerEvent.objects.filter(action="governance.point").exists()


def test_only_the_office_imports(c):
    data = xlsx(HEADERS, [[PLAN, 1, "", "推进示范创建", "制定创建方案", "测试区行政执法局"]])
    with at(D(2019, 3, 12)):
        result = runner.run(
            "governance-points", actor=c.lead_clerk, data=data, filename="要点.xlsx"
        )
    assert not result.ok and WorkPoint.objects.count() == 0
