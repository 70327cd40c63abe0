"""The 12345 hotline's whole flow in a browser (issue 15, “Done when”): an agent takes a call
on the intake form and routes it to the catalogue's suggested body; the body signs it off,
returns it once as misrouted, and the hotline office arbitrates (sends it back to the same
body); the body handles and replies, the office closes it; the caller is dissatisfied at the
callback, so the order is re-handled (重办) by the same body and closed again, and the second
callback is satisfied. Every step is a click on the real pages."""

import pytest

from fazhi.core.models import LedgerEvent
from fazhi.core.tests.signin import sign_in_browser
from fazhi.hotline.models import Callback, Order
from fazhi.hotline.tests.world import Hotline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.context.clear_cookies()
    sign_in_browser(page, base, username)


def move(page, to, *, expect: str, **fields):
    """Fill the move form ``to`` on the order page, submit it, wait for the new status."""
    form = page.locator(f'form[data-move="{to}"]')
    for name, value in fields.items():
        el = form.locator(f'[name="{name}"]')
        if el.evaluate("e => e.tagName") == "SELECT":
            el.select_option(value)
        else:
            el.fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_selector(f'#order-status:text-is("{expect}")')


def test_call_route_sign_return_arbitrate_reply_dissatisfied_rehandle_close(
    live_server, page, output_dir
):
    h = Hotline()
    base = live_server.url
    shots = iter(range(1, 20))

    def shot(name):
        page.screenshot(
            path=str(output_dir / f"hotline-{next(shots):02d}-{name}.png"), full_page=True
        )

    # the agent takes the call
    login(page, base, "agent")
    page.goto(f"{base}/workspace/hotline/intake/")
    page.fill("#id_caller_phone", "13807318826")
    page.fill("#id_caller_name", "刘建华")
    page.select_option("#id_kind", "complaint")
    page.select_option("#id_category", str(h.noise.pk))
    page.fill("#id_address", "芙蓉中路二段98号")
    page.fill("#id_text", "夜间施工噪声扰民，晚上十一点后仍在作业")
    shot("intake")
    page.click("#intake-form button[type=submit]")
    page.wait_for_selector('#order-status:text-is("已受理待派单")')
    order_url = page.url
    o = Order.objects.get()
    assert o.number.startswith("RX-") and o.caller_phone == "13807318826"
    # routed: the catalogue's body (测试区行政执法局 for noise, no street) is preselected
    assigned = page.locator('form[data-move="assigned"]')
    assert assigned.locator("#body-assigned option:checked").inner_text() == h.body.name
    move(page, "assigned", expect="已派单待签收")
    assert page.locator("#order-body").inner_text() == "测试区行政执法局"
    shot("routed")

    # the body signs it off, then returns it as not its duty
    login(page, base, "clerk")
    page.goto(order_url)
    move(page, "signed", expect="办理中")
    form = page.locator('form[data-move="returned"]')
    form.locator('[name="reason"]').fill("夜间施工噪声属住建部门监管")
    form.locator("button[type=submit]").click()
    # the order is the office's again: the body lands on its inbox, the order gone from it
    page.wait_for_selector("#inbox")
    assert page.url.endswith("/workspace/hotline/inbox/")
    assert page.locator("#inbox a", has_text=o.number).count() == 0
    shot("returned")

    # the office arbitrates: the same body handles it
    login(page, base, "agent")
    page.goto(order_url)
    assert page.locator("#order-status").inner_text() == "已退回待改派"
    assert page.locator("#order-body").inner_text() == h.office.name
    assert page.locator("#order-returned").inner_text() == (
        "测试区行政执法局退回：夜间施工噪声属住建部门监管"
    )
    move(page, "assigned", expect="已派单待签收", body=str(h.body.pk))
    assert page.locator("#order-body").inner_text() == "测试区行政执法局"
    shot("arbitrated")
    ev = LedgerEvent.objects.filter(subject_id=str(o.pk), data__arbitration=True)
    assert ev.count() == 1

    # the body signs, handles and replies; the office closes the order
    login(page, base, "clerk")
    page.goto(order_url)
    move(page, "signed", expect="办理中")
    move(page, "replied", expect="已答复待审核", reply="已责令施工单位夜间停工")
    login(page, base, "agent")
    page.goto(order_url)
    move(page, "closed", expect="已办结")
    shot("closed")

    # the callback: dissatisfied → 重办 by the same body
    move(
        page,
        "callback",
        expect="已派单待签收",
        result="dissatisfied",
        reason="夜间仍有施工",
    )
    assert page.locator("#order-body").inner_text() == "测试区行政执法局"
    assert "重办 1 次" in page.locator("#order-steps").inner_text()
    shot("rehandle")

    # re-handled and closed; the second callback is satisfied
    login(page, base, "clerk")
    page.goto(order_url)
    move(page, "signed", expect="办理中")
    move(page, "replied", expect="已答复待审核", reply="已联合住建部门夜间巡查，工地已停止夜间施工")
    login(page, base, "agent")
    page.goto(order_url)
    move(page, "closed", expect="已办结")
    page.locator('form[data-move="callback"] [name="result"]').select_option("satisfied")
    page.locator('form[data-move="callback"] button[type=submit]').click()
    page.wait_for_selector('#order-callbacks:has-text("；")')
    assert page.locator("#order-callbacks").inner_text() == (
        f"{o.received_on:%Y-%m-%d} 不满意（夜间仍有施工）；{o.received_on:%Y-%m-%d} 满意"
    )
    shot("satisfied")

    o.refresh_from_db()
    assert (o.status, o.rounds, o.returns, o.satisfaction) == ("closed", 1, 1, "satisfied")
    assert [(c.round, c.result) for c in Callback.objects.order_by("round")] == [
        (0, "dissatisfied"),
        (1, "satisfied"),
    ]
    assert o.reply == "已联合住建部门夜间巡查，工地已停止夜间施工"
