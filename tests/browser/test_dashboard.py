"""The rule-of-law office opens the supervision dashboard: the tables are there, the charts
draw over them, a figure and a chart point each open the records behind them."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from fazhi.core import clock
from fazhi.core.tests.signin import sign_in_browser
from fazhi.reports.tests.test_dashboard import TODAY, d  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_clicks_a_figure_and_a_chart_point_to_their_records(
    live_server,
    page,
    output_dir,
    d,  # noqa: F811
):
    base = live_server.url
    with clock.frozen(TODAY):
        sign_in_browser(page, base, "office")
        page.goto(f"{base}/workspace/reports/dashboard/?year=2019")
        page.wait_for_selector("#chart-trends[data-ready]")
        page.wait_for_selector("#chart-red[data-ready]")
        assert page.locator("#cards").inner_text().split() == [
            "在办期限",
            "3件",
            "超期（红牌）",
            "1件",
            "临期（黄牌）",
            "1件",
            "中止中",
            "0件",
        ]
        page.screenshot(path=str(output_dir / "dashboard.png"), full_page=True)
        # a figure: the red card
        page.click("a.fz-card-red")
        page.wait_for_load_state("load")
        assert "/workspace/reports/dashboard/clocks/?card=red" in page.url
        text = page.locator("main").inner_text()
        assert "整改政务公开栏目" in text and "整改办事指南" not in text
        page.screenshot(path=str(output_dir / "dashboard-red.png"), full_page=True)
        # a chart point: June on the line of clocks started (two)
        page.goto(f"{base}/workspace/reports/dashboard/?year=2019")
        page.wait_for_selector("#chart-trends[data-ready]")
        # the point is found again and clicked again if the chart was still drawing (bounded:
        # three tries; on a loaded machine the first click can land mid-animation)
        for attempt in range(3):
            x, y = page.evaluate(
                """() => {
                  const el = document.getElementById('chart-trends');
                  el.scrollIntoView();
                  const box = el.getBoundingClientRect();
                  const c = echarts.getInstanceByDom(el);
                  const [px, py] = c.convertToPixel({seriesIndex: 0}, ['2019-06', 2]);
                  return [box.left + px, box.top + py];
                }"""
            )
            page.mouse.click(x, y)
            try:
                page.wait_for_url("**/dashboard/indicators/K-CLOCK-STARTED/**", timeout=15_000)
                break
            except PlaywrightTimeoutError:
                if attempt == 2:
                    raise
        assert page.locator("#figure").inner_text() == "2件"
        text = page.locator("#records").inner_text()
        assert "整改办事指南" in text and "整改信息公开年报" in text
        page.screenshot(path=str(output_dir / "dashboard-june.png"), full_page=True)
