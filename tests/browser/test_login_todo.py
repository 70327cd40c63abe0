"""The first browser test: a clerk signs in and opens the to-do page."""

import pytest

from fazhi.core.tests.factories import PASSWORD, District

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_logs_in_and_sees_todo(live_server, page, output_dir):
    District()
    page.goto(f"{live_server.url}/workspace/")
    page.fill("#username", "clerk")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#todo-list")
    assert page.locator("h1").first.inner_text() == "我的待办"
    assert page.locator("#todo-empty").is_visible()
    assert page.locator("#fz-user").inner_text() == "窗口人员甲"
    page.screenshot(path=str(output_dir / "clerk-todo.png"), full_page=True)


def test_wrong_password_shows_message(live_server, page, output_dir):
    District()
    page.goto(f"{live_server.url}/workspace/login/")
    page.fill("#username", "clerk")
    page.fill("#password", "wrong-Password1")
    page.click("button[type=submit]")
    assert page.locator("#login-error").inner_text() == "用户名或密码错误。"
