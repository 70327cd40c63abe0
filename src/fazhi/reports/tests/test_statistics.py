"""统计报表: every indicator for a subtree and a year, one sheet per module, scoped."""

from __future__ import annotations

import datetime as dt
import io

import pytest
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


def _rows(data: bytes, sheet: str) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(sheet).to_python()


def test_any_set_of_indicators_for_a_period_in_the_upward_layout(d):  # noqa: F811
    task(d.street_a, dt.date(2019, 5, 6))
    task(d.street_a, dt.date(2019, 7, 8))
    data = statistics.workbook(
        d.street_a,
        period=statistics.Period(dt.date(2019, 4, 1), dt.date(2019, 6, 30)),
        codes=statistics.codes_of("k-task-opened, K-CLOCK-STARTED"),
        on=dt.date(2019, 7, 10),
    )
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert book.sheet_names == ["平台"]  # only the modules of the codes asked for
    rows = _rows(data, "平台")
    assert rows[0][0] == "甲街道 2019年4月1日至2019年6月30日 统计指标"
    assert rows[1] == statistics.HEADERS
    assert [r[:4] for r in rows[2:4]] == [
        ["K-CLOCK-STARTED", "期限起算数", "1件", "1"],
        ["K-TASK-OPENED", "下达督办整改任务数", "1件", "1"],
    ]
    assert rows[3][7] == (
        "/workspace/reports/dashboard/indicators/K-TASK-OPENED/"
        f"?from=2019-04-01&to=2019-06-30&org={d.street_a.pk}"
    )
    assert rows[5][0] == "填报单位：甲街道　　填报日期：2019-07-10"
    with pytest.raises(LookupError, match="未知的指标代码：NOPE"):
        statistics.codes_of("K-TASK-OPENED NOPE")


def test_the_export_page_takes_codes_and_refuses_unknown_ones(client, d):  # noqa: F811
    task(d.street_a, dt.date(2019, 5, 6))
    sign_in(client, d.street_a_leader)
    resp = client.get(
        f"/workspace/reports/statistics/?org={d.street_a.pk}&year=2019&codes=K-TASK-OPENED"
    )
    rows = _rows(resp.content, "平台")
    assert [r[0] for r in rows[2:-2]] == ["K-TASK-OPENED"] and rows[2][3] == "1"
    resp = client.get("/workspace/reports/statistics/?year=2019&codes=NOPE", follow=True)
    assert "未知的指标代码：NOPE" in resp.content.decode()


def test_the_api_gives_one_figure_or_a_set_scoped(client, d):  # noqa: F811
    task(d.street_a, dt.date(2019, 5, 6))
    task(d.street_b, dt.date(2019, 5, 7))
    sign_in(client, d.street_a_leader)
    one = client.get(f"/api/v1/indicators/K-TASK-OPENED?year=2019&org={d.street_a.pk}").json()
    assert (one["value"], one["text"], one["definition"]) == (
        "1",
        "1件",
        "当年下达的督办整改任务。",
    )
    assert (
        one["records_url"] == f"/workspace/indicators/K-TASK-OPENED/?year=2019&org={d.street_a.pk}"
    )
    got = client.get("/api/v1/indicators?year=2019&codes=K-TASK-OPENED,K-CLOCK-STARTED").json()
    assert [(f["code"], f["org"], f["value"]) for f in got] == [
        ("K-TASK-OPENED", "甲街道", "1"),
        ("K-CLOCK-STARTED", "甲街道", "1"),
    ]
    assert client.get(f"/api/v1/indicators?year=2019&org={d.street_b.pk}").status_code == 404
    assert client.get("/api/v1/indicators?year=2019&codes=NOPE").status_code == 400


def test_the_cli_writes_the_workbook(d, tmp_path, capsys):  # noqa: F811
    import importlib

    task(d.street_a, dt.date(2019, 5, 6))
    cli = importlib.import_module("fazhi.cli").main
    out = tmp_path / "甲街道.xlsx"
    argv = ["indicators", "export", "--year", "2019", "--org", "甲街道", "-o", str(out)]
    assert cli([*argv, "--codes", "K-TASK-OPENED"]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    rows = _rows(out.read_bytes(), "平台")
    assert rows[0][0] == "甲街道 2019年 统计指标" and rows[2][:4] == [
        "K-TASK-OPENED",
        "下达督办整改任务数",
        "1件",
        "1",
    ]
    assert cli([*argv, "--codes", "NOPE"]) == 2
    assert "未知的指标代码：NOPE" in capsys.readouterr().err
    assert cli(["indicators", "export", "--org", "甲街道"]) == 2
    assert "请用 --year 指定年度" in capsys.readouterr().err
    assert cli(["indicators", "export", "--from", "2019-06-01", "--to", "2019-05-01"]) == 2
    assert "开始日期不能晚于结束日期" in capsys.readouterr().err
    assert cli(["indicators", "show", "K-TASK-OPENED", "--year", "2019"]) == 0
    assert capsys.readouterr().out.strip() == "1件"
