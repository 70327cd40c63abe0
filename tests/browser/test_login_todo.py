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


def test_leader_sets_up_the_authenticator_at_first_sign_in(live_server, page, output_dir):
    """What a demo user does: scan (here: read) the key, type the code, keep the codes."""
    import base64

    from django_otp.oath import totp

    District()
    page.goto(f"{live_server.url}/workspace/login/")
    page.fill("#username", "leader")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#otp-qr svg")
    page.screenshot(path=str(output_dir / "leader-enrol.png"), full_page=True)
    secret = page.locator("#otp-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("#code", f"{totp(key):06d}")
    page.click("button[type=submit]")
    page.wait_for_selector("#recovery-codes")
    assert page.locator("#recovery-codes li").count() == 10
    page.screenshot(path=str(output_dir / "leader-recovery-codes.png"), full_page=True)
    page.click("text=我已保存，继续")
    page.wait_for_selector("#todo-list")
    assert page.locator("h1").first.inner_text() == "我的待办"
