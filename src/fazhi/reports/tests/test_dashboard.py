"""督导看板 on kernel data only (supervision tasks and their clocks stand for every domain's
matters): exact figures as of a frozen today, every figure linked to its records, scoping,
the Excel tables."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from python_calamine import CalamineWorkbook

from fazhi.core import clock, supervision
from fazhi.core.models import Role
from fazhi.core.tests.factories import SYSTEM, District, user
from fazhi.core.tests.signin import sign_in

from .. import dashboard
from ..dashboard import Period

D = dt.date
TODAY = dt.datetime(2019, 7, 1, 2, 0, tzinfo=dt.UTC)  # Monday 1 July 2019, Beijing time


def task(org, on, title="整改网站栏目"):
    return supervision.task_create(
        actor=SYSTEM,
        org=org,
        title=title,
        description="栏目长期未更新。",
        source="monitor",
        rule_code="GK-1",  # 20 working days
        received_on=on,
    )


@pytest.fixture
def d(db):
    with clock.frozen(TODAY):
        d = District()
        d.office = user("office", org=d.justice, role=Role.SUPERVISOR, scope="all")
        # due 3 June 2019: overdue (red) on 1 July
        d.t1 = task(d.street_a, D(2019, 5, 6), "整改政务公开栏目")
        # due 2 July 2019 (the Dragon Boat Festival on 7 June): one working day left, yellow
        d.t2 = task(d.street_a, D(2019, 6, 3), "整改办事指南")
        # due in late July: running
        d.t3 = task(d.street_b, D(2019, 6, 28), "整改信息公开年报")
        # cancelled on 10 April: its clock stopped in time, the task closed
        d.t4 = task(d.bureau, D(2019, 4, 1), "整改执法公示")
        supervision.task_cancel(
            actor=d.office, task=d.t4, reason="已由上级统一部署", on=D(2019, 4, 10)
        )
    return d


@pytest.fixture
def today():
    with clock.frozen(TODAY):
        yield


def test_cards_bodies_and_trends_are_the_exact_figures(d, today):
    b = dashboard.board(d.office, None, Period.year(2019))
    assert [(k, c.value) for k, _l, c in b.cards] == [
        ("open", 3),
        ("red", 1),
        ("yellow", 1),
        ("paused", 0),
    ]
    rows = [
        (
            r.org_name,
            r.kind,
            r.open and r.open.value,
            r.red and r.red.value,
            r.yellow and r.yellow.value,
        )
        for r in b.bodies
    ]
    assert rows == [
        ("甲街道", "core.supervisiontask", 2, 1, 1),
        ("乙街道", "core.supervisiontask", 1, None, None),
    ]
    trends = {i.code: [c.value for c in cells] for i, cells in b.trends}
    assert len(b.months) == 12
    assert trends["K-CLOCK-STARTED"] == [0, 0, 0, 1, 1, 2, 0, 0, 0, 0, 0, 0]
    assert trends["K-CLOCK-ON-TIME"] == [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]
    assert trends["K-CLOCK-LATE"] == [0] * 12
    assert [i.code for i, _c in b.rates] == dashboard.rate_codes()
    assert all(i.style == "percent" or i.unit == "分" for i, _c in b.rates)


def test_every_figure_opens_its_records(client, d, today):
    sign_in(client, d.office)
    page = client.get("/workspace/reports/dashboard/?year=2019").content.decode()
    red = "/workspace/reports/dashboard/clocks/?card=red"
    assert f'href="{red}">1件</a>' in page
    body_red = f"/workspace/reports/dashboard/clocks/?card=red&amp;body={d.street_a.pk}&amp;kind=core.supervisiontask"
    assert f'href="{body_red}">1件</a>' in page
    records = client.get(red).content.decode()
    assert "整改政务公开栏目" in records and "整改办事指南" not in records
    assert "1 件事项，1 个期限" in records
    yellow = client.get(body_red.replace("&amp;", "&").replace("red", "yellow")).content.decode()
    assert "整改办事指南" in yellow and "整改政务公开栏目" not in yellow
    opened = client.get(
        f"/workspace/reports/dashboard/matters/?kind=core.supervisiontask&body={d.street_a.pk}"
    ).content.decode()
    assert (
        "整改政务公开栏目" in opened
        and "整改办事指南" in opened
        and "整改信息公开年报" not in opened
    )
    # the trends and the rates follow the first paint (fetched by the page) — or, without
    # JavaScript, on the page itself
    assert "/workspace/reports/dashboard/indicators/" not in page
    assert 'hx-get="?year=2019&amp;part=trends"' in page and 'href="?year=2019&amp;full=1"' in page
    trends = client.get("/workspace/reports/dashboard/?year=2019&part=trends").content.decode()
    assert trends.startswith('<div id="trends-part">') and 'id="dashboard-trends"' in trends
    full = client.get("/workspace/reports/dashboard/?year=2019&full=1").content.decode()
    assert 'id="rates"' in full and 'id="trends"' in full and 'hx-get="' not in full
    # a month of a trend: the indicator over that month only
    june = (
        "/workspace/reports/dashboard/indicators/K-CLOCK-STARTED/?from=2019-06-01&amp;to=2019-06-30"
    )
    assert f'href="{june}">2件</a>' in trends and f'href="{june}">2件</a>' in full
    month = client.get(june.replace("&amp;", "&")).content.decode()
    assert '<strong id="figure">2件</strong>' in month
    assert "整改办事指南" in month and "整改政务公开栏目" not in month
    assert 'id="dashboard-red"' in page and "vendor/echarts/echarts.min.js" in page
    rates = client.get("/workspace/reports/dashboard/?year=2019&part=rates").content.decode()
    assert rates.startswith('<div id="rates-part">')
    assert client.get("/workspace/reports/dashboard/?part=nothing").status_code == 404


def test_another_organisations_user_sees_only_their_own(client, d, today):
    sign_in(client, d.street_b_leader)
    assert client.get(f"/workspace/reports/dashboard/?org={d.street_a.pk}").status_code == 404
    assert (
        client.get(f"/workspace/reports/dashboard/clocks/?body={d.street_a.pk}").status_code == 404
    )
    page = client.get("/workspace/reports/dashboard/?year=2019").content.decode()
    assert "甲街道" not in page and "乙街道" in page
    b = dashboard.board(d.street_b_leader, d.street_b, Period.year(2019))
    assert [(k, c.value) for k, _l, c in b.cards] == [
        ("open", 1),
        ("red", 0),
        ("yellow", 0),
        ("paused", 0),
    ]
    assert dashboard.board(d.street_b_leader, d.street_a, Period.year(2019)).cards[0][2].value == 0
    records = client.get("/workspace/reports/dashboard/matters/?kind=core.supervisiontask")
    assert "整改政务公开栏目" not in records.content.decode()


def test_a_period_and_bad_dates(client, d, today):
    sign_in(client, d.office)
    p, error = dashboard.parse_period({"from": "2019-05-01", "to": "2019-06-15"}, d.office)
    assert (p, error) == (Period(D(2019, 5, 1), D(2019, 6, 15)), "")
    assert [(m.start, m.end) for m in dashboard.months_of(p)] == [
        (D(2019, 5, 1), D(2019, 5, 31)),
        (D(2019, 6, 1), D(2019, 6, 15)),
    ]
    b = dashboard.board(d.office, None, p)
    started = {i.code: [c.value for c in cells] for i, cells in b.trends}["K-CLOCK-STARTED"]
    assert started == [1, 1]
    p, error = dashboard.parse_period({"from": "2019-06-15", "to": "2019-05-01"}, d.office)
    assert p == Period.year(2019) and error == "统计期间的开始日期不能晚于结束日期。"
    resp = client.get("/workspace/reports/dashboard/?from=2019-13-01&to=x")
    assert "统计期间的日期格式应为 2019-01-01。" in resp.content.decode()


def test_every_table_exports_to_excel(client, d, today):
    sign_in(client, d.office)
    resp = client.get("/workspace/reports/dashboard/?year=2019&export=bodies")
    assert resp.status_code == 200 and resp.content[:2] == b"PK"
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(resp.content)).get_sheet_by_index(0).to_python()
    )
    assert rows == [
        ["单位", "事项类别", "在办事项", "超期事项", "临期事项"],
        ["甲街道", "督办整改任务", 2, 1, 1],
        ["乙街道", "督办整改任务", 1, 0, 0],
    ]
    for name in ("cards", "rates", "trends"):
        resp = client.get(f"/workspace/reports/dashboard/?year=2019&export={name}")
        assert resp.content[:2] == b"PK"
    rows = (
        CalamineWorkbook.from_filelike(
            io.BytesIO(client.get("/workspace/reports/dashboard/?year=2019&export=trends").content)
        )
        .get_sheet_by_index(0)
        .to_python()
    )
    assert rows[0][:3] == ["指标代码", "指标名称", "2019-01"]
    assert rows[1] == ["K-CLOCK-STARTED", "期限起算数", 0, 0, 0, 1, 1, 2, 0, 0, 0, 0, 0, 0]
    assert client.get("/workspace/reports/dashboard/?export=nothing").status_code == 404


def test_the_grouped_monthly_count_equals_the_figure_of_each_month(d, today):
    months = dashboard.months_of(Period.year(2019))
    for code in (*dashboard.TREND_CODES, "K-TASK-OPENED", "K-TASK-CLOSED", "K-CLOCK-STOPPED"):
        grouped = dashboard.monthly(code, months, None, d.office)
        each = [dashboard.cell(code, m, None, d.office) for m in months]
        assert grouped == each, code
    opened = dashboard.monthly("K-TASK-OPENED", months, None, d.office)
    assert [c.value for c in opened] == [0, 0, 0, 1, 1, 2, 0, 0, 0, 0, 0, 0]


def test_the_dashboard_speaks_english(client, d, today):
    from fazhi.core.models import User

    User.objects.filter(pk=d.office.pk).update(language="en")
    sign_in(client, d.office)
    page = client.get("/workspace/reports/dashboard/?year=2019").content.decode()
    assert "Supervision dashboard" in page and "Overdue (red card)" in page
    assert "Bodies and kinds of matter (as of today)" in page and "督导看板" not in page
    records = client.get("/workspace/reports/dashboard/clocks/?card=red").content.decode()
    assert "Matters: 1; time limits: 1" in records


def test_the_records_behind_a_figure_export_too(client, d, today):
    sign_in(client, d.office)
    page = client.get("/workspace/reports/dashboard/clocks/?card=red").content.decode()
    assert 'href="?card=red&amp;export=xlsx"' in page
    resp = client.get("/workspace/reports/dashboard/clocks/?card=red&export=xlsx")
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(resp.content)).get_sheet_by_index(0).to_python()
    )
    assert rows[0] == ["事项", "单位", "期限", "到期日", "状态"]
    assert [r[1:] for r in rows[1:]] == [["甲街道", rows[1][2], D(2019, 6, 3), "超期"]]
    assert "整改政务公开栏目" in rows[1][0]
    resp = client.get(
        f"/workspace/reports/dashboard/matters/?kind=core.supervisiontask&body={d.street_a.pk}&export=xlsx"
    )
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(resp.content)).get_sheet_by_index(0).to_python()
    )
    assert [r[1] for r in rows[1:]] == [D(2019, 5, 6), D(2019, 6, 3)]


def test_the_board_opens_on_the_running_year_or_the_last_year_with_records(d):
    # the running year has records: it opens on it
    with clock.frozen(TODAY):
        assert dashboard.default_year(d.office) == 2019
        assert dashboard.parse_period({}, d.office)[0] == Period.year(2019)
    # nothing received yet in 2020: the last complete year with records, as the indicator
    # pages open (indicators.last_complete_year)
    with clock.frozen(dt.datetime(2020, 3, 2, 2, 0, tzinfo=dt.UTC)):
        assert dashboard.parse_period({}, d.office)[0] == Period.year(2019)
        task(d.street_b, D(2020, 3, 2), "整改网站首页")
        assert dashboard.default_year(d.office) == 2020
