"""A legal reviewer generates the district's annual report in the browser, clicks a figure
through to the records behind it, writes the shortcomings and submits; the leader signs."""

import datetime as dt

import pytest

from fazhi.core.models import Role
from fazhi.core.tests.factories import District, user
from fazhi.core.tests.signin import sign_in_browser
from fazhi.reports.tests.test_annual import part, task  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_generate_click_a_figure_submit_and_sign(live_server, page, output_dir, part):  # noqa: F811
    d = District()
    user("gov_reviewer", org=d.gov, role=Role.REVIEWER, scope="subtree")
    user("gov_leader", org=d.gov, role=Role.LEADER)
    task(d.street_a, dt.date(2019, 5, 6))
    base = live_server.url
    sign_in_browser(page, base, "gov_reviewer")
    page.goto(f"{base}/workspace/reports/")
    page.select_option("#gen-org", label=d.gov.name)
    page.select_option("#gen-year", "2019")
    page.click("#generate button[type=submit]")
    page.wait_for_selector("#report-text")
    report_url = page.url
    assert "2019年，共下达督办整改任务1件。" in page.locator("#report-text").inner_text()
    page.screenshot(path=str(output_dir / "report-draft.png"), full_page=True)
    page.click('a.fz-figure[data-code="K-TASK-OPENED"]')
    page.wait_for_load_state("load")
    assert "/workspace/indicators/K-TASK-OPENED/" in page.url
    assert "整改网站栏目" in page.locator("main").inner_text()
    page.goto(report_url)
    page.fill("#f-problems", "一是部分单位督办整改任务办理不及时。")
    page.click("#edit button[type=submit]:not([name])")
    page.wait_for_load_state("load")
    assert "一是部分单位督办整改任务办理不及时。" in page.locator("#report-text").inner_text()
    page.click("form:has(input[name=to][value=submitted]) button")
    page.wait_for_load_state("load")
    assert page.locator("#status").inner_text() == "待签发"
    page.context.clear_cookies()
    sign_in_browser(page, base, "gov_leader")
    page.goto(report_url)
    page.click("form:has(input[name=to][value=approved]) button")
    page.wait_for_load_state("load")
    assert page.locator("#status").inner_text() == "已签发"
    page.screenshot(path=str(output_dir / "report-signed.png"), full_page=True)
