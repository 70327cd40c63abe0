"""Every demo login, on the demo district as ``fazhi demo`` loads it, signs in, finds on 我的待办
an item it can act on, acts on it through the page, and sees it leave the to-do (issue 11's
Done-when). Screenshots of each login's to-do before and after, and of the page it acted on.
"""

import re

import pytest

from fazhi.core import clock
from fazhi.core import demo as core_demo
from fazhi.core.tests.signin import sign_in_browser

# the demo district as ``fazhi demo`` loads it: a copy of the run's template (tests/demodb.py)
pytestmark = [pytest.mark.browser, pytest.mark.demo, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    """Sign in as a person does (the second factor for the roles that need one)."""
    page.context.clear_cookies()
    sign_in_browser(page, base, username, core_demo.DEMO_PASSWORD)
    page.goto(f"{base}/workspace/")
    page.wait_for_selector("#todo-list")


def ready(page, move: str):
    """The waiting matters whose move ``move`` can be made now."""
    return page.locator("#todo-list .fz-waiting").filter(
        has=page.locator(".fz-next-move", has_text=re.compile(f"^{move}$"))
    )


def tasks(cards):
    """Of the to-do's cards, the rectification tasks' (the other domains' matters — a bureau's
    12345 orders, applications — wait on the same list)."""
    return cards.filter(has=cards.page.locator('a[href*="/workspace/tasks/"]'))


def reminder(page, text: str):
    return page.locator("#todo-list .fz-reminder").filter(has_text=text)


def open_first(page, cards) -> str:
    """Open the first card's matter; returns its address (what must leave the to-do)."""
    assert cards.count() >= 1
    link = cards.first.locator("a").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state("load")
    return href


def no_error(page):
    alert = page.locator(".alert-danger")
    assert alert.count() == 0, alert.first.inner_text()


def act(page, op, **fields):
    """Fill and submit the case page's form for ``op`` (a service behind one endpoint)."""
    form = page.locator(f'form[data-op="{op}"]')
    for name, value in fields.items():
        el = form.locator(f'[name="{name}"]')
        if el.evaluate("e => e.tagName") == "SELECT":
            el.select_option(value)
        else:
            el.fill(value)
    form.locator(f"#act-{op}").click()
    page.wait_for_load_state("load")
    no_error(page)


def submit(page, label: str, **fields):
    """Submit the form of a task or grid page whose button reads ``label``."""
    form = page.locator("form").filter(has=page.get_by_role("button", name=label, exact=True))
    for name, value in fields.items():
        form.locator(f'[name="{name}"]').fill(value)
    form.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state("load")
    no_error(page)


def test_every_demo_login_acts_on_its_todo(live_server, page, output_dir, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    base, today = live_server.url, clock.today().isoformat()

    def round_trip(username, find, do):
        login(page, base, username)
        page.screenshot(path=str(output_dir / f"todo-{username}-before.png"), full_page=True)
        href = open_first(page, find())
        do()
        page.screenshot(path=str(output_dir / f"todo-{username}-acted.png"), full_page=True)
        page.goto(f"{base}/workspace/")
        page.wait_for_selector("#todo-list")
        page.screenshot(path=str(output_dir / f"todo-{username}-after.png"), full_page=True)
        # the item acted on has left the waiting list (and the reminders); the matter's own
        # running period may stay among the clock cards, as every open clock does
        left = page.locator(
            f'#todo-list .fz-waiting a[href="{href}"], #todo-list .fz-reminder a[href="{href}"]'
        )
        assert left.count() == 0, (username, href)

    # the window clerk signs a rectification task addressed to 区行政审批服务局
    round_trip("clerk", lambda: tasks(ready(page, "签收")), lambda: submit(page, "签收"))
    assert tasks(page.locator("#todo-list .fz-waiting")).count() == 1  # the second task
    # the leader approves a clue: 批准立案 (the officers' move next)
    round_trip("leader", lambda: ready(page, "批准立案"), lambda: act(page, "register", on=today))

    # an officer archives a closed case
    round_trip("officer", lambda: ready(page, "归档"), lambda: act(page, "archive", on=today))

    # the second officer proposes the penalty (the leader's move next)
    def propose():
        band = page.locator('form[data-op="propose"] select[name="band"] option').nth(1)
        low = re.search(r"/\S+ ([\d.]+)–", band.inner_text()).group(1)
        act(page, "propose", band=band.get_attribute("value"), fine=low)

    round_trip("officer2", lambda: ready(page, "提出处理意见"), propose)
    # the reviewer gives the legality review's opinion
    round_trip(
        "reviewer",
        lambda: reminder(page, "法制审核"),
        lambda: act(page, "review", on=today, opinion="pass", reasons="同意。"),
    )
    # the supervisor accepts a reported rectification
    round_trip("supervisor", lambda: ready(page, "验收通过"), lambda: submit(page, "验收通过"))
    # the street's leader reports a grid problem handled (verification is the centre's)
    round_trip(
        "street",
        lambda: ready(page, "处置完毕"),
        lambda: submit(page, "处置完毕", result="已清理完毕，现场恢复整洁。"),
    )

    # the administrator gives a new account its post
    def grant():
        page.select_option("#id_org", label="长沙市芙蓉区行政执法局")
        page.select_option("#id_role", "officer")
        page.get_by_role("button", name="授予", exact=True).click()
        page.wait_for_load_state("load")
        no_error(page)
        assert page.locator("td", has_text="执法人员").count() >= 1

    round_trip("admin", lambda: reminder(page, "尚未授予岗位角色"), grant)
    assert reminder(page, "尚未授予岗位角色").count() == 1  # the other new account
