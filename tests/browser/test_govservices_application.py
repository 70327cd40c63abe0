"""A window clerk receives, accepts, decides and closes an application in the browser; the
applicant then looks up its status with the number and check code on the public site and
rates it."""

import pytest

from fazhi.core.tests.signin import sign_in_browser
from fazhi.govservices.models import Application, Rating
from fazhi.govservices.tests.factories import PERSON_ID, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.context.clear_cookies()
    sign_in_browser(page, base, username)
    page.wait_for_selector("#todo-list")


def act(page, op, **fields):
    form = page.locator(f'form[data-op="{op}"]')
    for name, value in fields.items():
        el = form.locator(f'[name="{name}"]')
        if el.evaluate("e => e.tagName") == "SELECT":
            el.select_option(value)
        else:
            el.fill(value)
    form.locator(f"#act-{op}").click()
    page.wait_for_load_state("load")
    alert = page.locator(".alert-danger")
    assert alert.count() == 0, alert.first.inner_text()


def test_receive_accept_decide_close_then_status_and_rating(live_server, page, output_dir):
    w = World()
    base = live_server.url
    login(page, base, w.clerk.username)
    page.goto(f"{base}/workspace/govservices/applications/new/")
    page.fill("#entry-q", "spjy")
    page.click("main form button[type=submit]")
    page.click("table a.btn-outline-danger >> nth=0")
    page.wait_for_selector("#receive-form")
    page.fill("#id_at", "2019-11-04T10:00")
    for box in page.locator('input[name="received"]').all():
        box.check()
    page.select_option("#id_applicant_kind", "person")
    page.fill("#id_applicant_name", "刘志强")
    page.fill("#id_applicant_id_number", PERSON_ID)
    page.fill("#id_applicant_phone", "13974851234")
    page.click("#receive-submit")
    page.wait_for_selector("#app-status")
    assert page.locator("#app-status").inner_text() == "已收件（待受理）"
    page.screenshot(path=str(output_dir / "govservices-received.png"), full_page=True)
    act(page, "accept", at="2019-11-04T10:05")
    assert page.locator("#app-status").inner_text() == "已受理（审查中）"
    # promise: 5 working days of the window's office hours from Monday 10:05
    assert page.locator("#promised-due").inner_text().startswith("2019-11-11 10:05")
    act(page, "decide", on="2019-11-06", outcome="granted")
    act(page, "close", at="2019-11-06T15:30", certificate_number="JY24301020000001")
    assert page.locator("#app-status").inner_text() == "已办结"
    page.screenshot(path=str(output_dir / "govservices-closed.png"), full_page=True)

    app = Application.objects.get()
    page.context.clear_cookies()
    page.goto(f"{base}/govservices/status/")
    page.fill("#id_number", app.number)
    page.fill("#id_code", "000000" if app.check_code != "000000" else "111111")
    page.click("#lookup-submit")
    assert "办件编号或查询码不正确" in page.locator("#lookup-error").inner_text()
    page.fill("#id_number", app.number)
    page.fill("#id_code", app.check_code)
    page.click("#lookup-submit")
    assert page.locator("#status-text").inner_text() == "已办结"
    page.fill("#id_rater_code", PERSON_ID)
    page.check("#id_score_0")
    page.fill("#id_comment", "窗口一次办好，很方便。")
    page.click("#rate-submit")
    page.wait_for_selector("#rated")
    page.screenshot(path=str(output_dir / "govservices-rated.png"), full_page=True)
    assert Rating.objects.get().score == 5
