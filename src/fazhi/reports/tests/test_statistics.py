"""统计报表: every indicator for a subtree and a year, one sheet per module, scoped."""

from __future__ import annotations

import datetime as dt
import io

from python_calamine import CalamineWorkbook

from fazhi.core.tests.signin import sign_in

from .. import statistics
from .test_annual import d, part, task  # noqa: F401


def test_the_workbook_has_a_sheet_per_module_and_the_subtrees_figures(d):  # noqa: F811
    task(d.street_a, dt.date(2019, 5, 6))
    task(d.street_b, dt.date(2019, 5, 7))
    book = CalamineWorkbook.from_filelike(io.BytesIO(statistics.workbook(d.street_a, 2019)))
    assert "平台" in book.sheet_names and "行政执法" in book.sheet_names
    rows = book.get_sheet_by_name("平台").to_python()
    assert rows[0][0] == "甲街道 2019年 统计指标"
    assert rows[1] == statistics.HEADERS
    (opened,) = [r for r in rows if r[0] == "K-TASK-OPENED"]
    assert opened[1:4] == ["下达督办整改任务数", "1件", "1"]
    assert opened[7] == f"/workspace/indicators/K-TASK-OPENED/?year=2019&org={d.street_a.pk}"


def test_the_export_page_is_scoped(client, d):  # noqa: F811
    sign_in(client, d.street_a_leader)
    assert client.get(f"/workspace/reports/statistics/?org={d.street_b.pk}").status_code == 404
    resp = client.get(f"/workspace/reports/statistics/?org={d.street_a.pk}&year=2019")
    assert resp.status_code == 200 and resp.content[:2] == b"PK"
