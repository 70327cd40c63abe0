"""A supervisor in the browser: the monitor overview, a finished run, a needs-confirmation
finding dismissed, the bulletin page, and rectification tasks raised from its annex."""

from __future__ import annotations

import pytest

from fazhi.core import clock
from fazhi.core.models import SupervisionTask
from fazhi.core.tests.factories import District
from fazhi.core.tests.signin import sign_in_browser
from fazhi.monitor import services
from fazhi.monitor.models import FindingStatus

from .factories import JUNE, SYSTEM, fixture_site, stored_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_supervisor_reviews_and_rectifies(live_server, page, output_dir, fixture_crawl):
    result, _log, _cfg = fixture_crawl
    district = District()
    with clock.frozen(JUNE):
        site = fixture_site(district.gov)
    run = stored_run(site, result)
    with clock.frozen(JUNE):
        bulletin = services.bulletin_generate(actor=SYSTEM, site=site, month="2025-06")
    base = live_server.url
    sign_in_browser(page, base, district.supervisor)
    page.wait_for_selector("#todo-list")

    page.goto(f"{base}/workspace/monitor/")
    assert page.locator(".fz-side .nav-link.active").inner_text().startswith("网站监测")
    page.screenshot(path=str(output_dir / "monitor-home.png"), full_page=True)

    page.goto(f"{base}/workspace/monitor/runs/{run.pk}/")
    assert page.locator("#pages-done").inner_text() == str(run.pages_done)

    doubtful = run.findings.get(rule_id="EXPR.one_char")
    page.goto(f"{base}/workspace/monitor/findings/?confirm=1&status=open")
    row = page.locator(f"#finding-{doubtful.pk}")
    row.locator("input[name=note]").fill("本地固定表述")
    row.locator("button[value=dismiss]").click()
    page.wait_for_load_state("load")
    assert page.locator(".alert-danger").count() == 0
    doubtful.refresh_from_db()
    assert doubtful.status == FindingStatus.DISMISSED
    page.screenshot(path=str(output_dir / "monitor-findings.png"), full_page=True)

    page.goto(f"{base}/workspace/monitor/bulletins/{bulletin.pk}/")
    assert page.locator("#bulletin-number").inner_text() == bulletin.number
    assert "芙蓉区凯发一触即发" in page.content()
    boxes = page.locator("input[name=item]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.screenshot(path=str(output_dir / "monitor-bulletin.png"))
    with clock.frozen(JUNE):
        page.click("text=对所选问题下达整改任务")
        page.wait_for_load_state("load")
    assert SupervisionTask.objects.filter(source="monitor").count() == 2
    assert page.locator("table a[href^='/workspace/tasks/']").count() == 2
