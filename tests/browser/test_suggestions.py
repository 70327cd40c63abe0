"""A deputy's suggestion in a browser (issue 15, “Done when”): registered from the congress's
batch, the government office hands it (交办) to a lead body with a co-handler; the body talks
it over with the deputy (面商), replies with class B (列入计划逐步解决); the office records the
deputy's satisfaction and closes it; months later the body answers again when the promise is
fulfilled (B → A). Every step is a click on the real pages."""

import pytest

from fazhi.core.models import LedgerEvent
from fazhi.core.tests.signin import sign_in_browser
from fazhi.suggestions.models import FollowUp, Suggestion
from fazhi.suggestions.tests.world import Chamber

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.context.clear_cookies()
    sign_in_browser(page, base, username)


def submit(page, to, **fields):
    form = page.locator(f'form[data-move="{to}"]')
    for name, value in fields.items():
        el = form.locator(f'[name="{name}"]')
        if el.evaluate("e => e.tagName") == "SELECT":
            el.select_option(value)
        else:
            el.fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("load")


def test_assign_answer_b_and_answer_the_promise_again(live_server, page, output_dir):
    c = Chamber()
    s = c.register(received_on=None)
    base, url = live_server.url, f"{live_server.url}/workspace/suggestions/{s.pk}/"

    def shot(n, name):
        page.screenshot(path=str(output_dir / f"suggestion-{n:02d}-{name}.png"), full_page=True)

    # the office hands it to the lead body, with a co-handler
    login(page, base, "gov_clerk")
    page.goto(f"{base}/workspace/suggestions/")
    page.locator("#inbox a", has_text=s.number).click()
    assert page.locator("#status").inner_text() == "待交办"
    form = page.locator('form[data-move="assigned"]')
    form.locator("#co").select_option([str(c.co.pk)])
    submit(page, "assigned", body=str(c.body.pk))
    assert page.locator("#status").inner_text() == "办理中"
    assert page.locator("#body").inner_text() == "测试区行政执法局"
    shot(1, "assigned")

    # the lead body talks with the deputy, then replies with class B
    login(page, base, "clerk")
    page.goto(url)
    submit(page, "contact", way="meeting", note="上门面商，代表同意分两期整治")
    assert "面商：上门面商，代表同意分两期整治" in page.locator("#contacts").inner_text()
    submit(
        page,
        "replied",
        reply="已将夜间施工巡查列入2027年执法计划，分两期实施",
        result_class="B",
    )
    assert page.locator("#status").inner_text() == "已答复待评价"
    s.refresh_from_db()
    assert page.locator("#reply").inner_text() == (
        "已将夜间施工巡查列入2027年执法计划，分两期实施 · B类（正在解决） · "
        f"测试区行政执法局建复〔{s.replied_on.year}〕1号（DOCX）"
    )
    shot(2, "replied-b")

    # the office records the deputy's satisfaction: closed
    login(page, base, "gov_clerk")
    page.goto(url)
    submit(page, "closed", evaluation="satisfied")
    assert page.locator("#status").inner_text() == "已办结"
    assert page.locator('form[data-move="follow-up"]').count() == 0  # the body's, not the office's

    # later: the promise is fulfilled and the body answers again (B → A)
    login(page, base, "clerk")
    page.goto(url)
    assert page.locator("#follow-up-class option").all_inner_texts() == [
        "A类（所提问题已解决或基本解决）"
    ]
    submit(page, "follow-up", reply="两期整治均已完成，夜间施工投诉下降九成", result_class="A")
    s.refresh_from_db()
    assert page.locator("#reply").inner_text() == (
        "已将夜间施工巡查列入2027年执法计划，分两期实施 · A类（所提问题已解决或基本解决） · "
        f"测试区行政执法局建复〔{s.replied_on.year}〕1号（DOCX）"
    )
    assert page.locator("#follow-ups").inner_text() == (
        f"{s.replied_on:%Y-%m-%d} B→A：两期整治均已完成，夜间施工投诉下降九成"
    )
    assert page.locator('form[data-move="follow-up"]').count() == 0  # A promises nothing more
    shot(3, "answered-again")

    assert (s.status, s.result_class, s.evaluation) == ("closed", "A", "satisfied")
    assert list(FollowUp.objects.values_list("from_class", "result_class")) == [("B", "A")]
    assert Suggestion.objects.get().cohandlers.get().org == c.co
    ev = LedgerEvent.objects.get(action="suggestions.followup")
    assert (ev.data["from"], ev.data["to"]) == ("B", "A")
