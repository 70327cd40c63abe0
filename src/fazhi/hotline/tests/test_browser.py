"""The main flow in a browser: the agent takes a call on the intake form and assigns the
order to the catalogue's suggested body; the body's clerk signs for it and replies."""

import pytest

from fazhi.core.tests.factories import PASSWORD

from .world import Hotline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, live_server, username):
    page.context.clear_cookies()  # signed out
    page.goto(f"{live_server.url}/workspace/login/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#fz-user")


def test_intake_assign_sign_and_reply(live_server, page, output_dir):
    h = Hotline()
    _sign_in(page, live_server, "agent")
    page.goto(f"{live_server.url}/workspace/hotline/intake/")
    page.fill("#id_caller_phone", "13807318826")
    page.fill("#id_caller_name", "刘建华")
    page.select_option("#id_kind", "complaint")
    page.select_option("#id_category", str(h.noise.pk))
    page.fill("#id_text", "夜间施工噪声扰民，晚上十一点后仍在作业")
    page.click("#intake-form button[type=submit]")
    page.wait_for_selector("#order-status")
    assert page.locator("#order-status").inner_text() == "已受理待派单"
    # the catalogue's suggestion (区行政执法局 for noise, no street given) is preselected
    form = page.locator('form[data-move="assigned"]')
    assert form.locator("#body-assigned option:checked").inner_text() == h.body.name
    page.screenshot(path=str(output_dir / "hotline-order-received.png"), full_page=True)
    form.locator("button[type=submit]").click()
    page.wait_for_selector('#order-status:has-text("已派单待签收")')
    url = page.url
    _sign_in(page, live_server, "clerk")
    page.goto(url)
    page.locator('form[data-move="signed"] button[type=submit]').click()
    page.wait_for_selector('#order-status:has-text("办理中")')
    reply = page.locator('form[data-move="replied"]')
    reply.locator("textarea").fill("已责令施工单位夜间停工")
    reply.locator("button[type=submit]").click()
    page.wait_for_selector('#order-status:has-text("已答复待审核")')
    assert page.locator("#order-reply").inner_text() == "已责令施工单位夜间停工"
    page.screenshot(path=str(output_dir / "hotline-order-replied.png"), full_page=True)
