"""A normative document's life in the browser (issue 14, “Done when”): a department drafts it,
the public comments on an article, the drafter moderates and disposes of the comment and
publishes the summary, the Justice Bureau reviews it, the government office records the
meeting's deliberation and registers, numbers and publishes it in one act (三统一), the
public finds it by a Chinese phrase from its text, and the filing with each body above is
recorded. Only the pages are used; the district's bodies and users come from the legality
test factory."""

import datetime as dt

import pytest

from fazhi.core import clock
from fazhi.core.tests.signin import sign_in_browser
from fazhi.legality.models import Comment, NormativeDocument
from fazhi.legality.tests.factories import DRAFT, District

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CST = dt.timezone(dt.timedelta(hours=8))
TITLE = "测试区关于促进民营经济高质量发展的若干措施"


def login(page, base, user):
    page.context.clear_cookies()
    sign_in_browser(page, base, user.username)
    page.wait_for_selector("#todo-list")


def act(page, op, *, expect_error: str = "", **fields):
    form = page.locator(f'form[data-op="{op}"]').first
    for name, value in fields.items():
        el = form.locator(f'[name="{name}"]')
        tag = el.evaluate("e => e.tagName")
        if tag == "SELECT":
            el.select_option(value)
        elif el.get_attribute("type") == "checkbox":
            el.check() if value else el.uncheck()
        else:
            el.fill(value)
    form.locator(f'[id^="act-{op}"]').click()
    page.wait_for_load_state("load")
    alert = page.locator(".alert-danger")
    if expect_error:
        assert expect_error in alert.first.inner_text()
    else:
        assert alert.count() == 0, alert.first.inner_text()


def test_a_normative_document_from_draft_to_filing(live_server, page, output_dir):
    d = District()
    base = live_server.url

    # the department drafts
    login(page, base, d.drafter)
    page.goto(f"{base}/workspace/legality/documents/")
    page.click("#doc-new")
    page.select_option("#id_org", str(d.dept.pk))
    page.select_option("#id_issuer", str(d.issuer.pk))
    page.fill("#id_title", TITLE)
    page.fill("#id_received_on", "2019-03-01")
    page.fill("#id_drafters", "起草人员")
    page.fill("#id_text", DRAFT)
    page.click("#doc-save")
    page.wait_for_selector("#doc-status")
    assert page.locator("#doc-status").inner_text() == "起草中"
    assert page.locator("#doc-head").inner_text().startswith("规草〔2019〕1号")
    doc_url = page.url
    # review before consultation is refused, and says why
    assert "本件须向社会公开征求意见" in page.locator("#blocked-moves").inner_text()
    act(page, "consult", opens_on="2019-03-04", closes_on="2019-03-20",
        expect_error="征求意见期限至少到2019年4月3日（GF-1")  # fmt: skip
    act(page, "consult", opens_on="2019-03-04", closes_on="2019-04-08")
    assert page.locator("#doc-status").inner_text() == "公开征求意见"
    page.screenshot(path=str(output_dir / "legality-drafted.png"), full_page=True)

    # the public comments on an article (on a day inside the period)
    page.context.clear_cookies()
    with clock.frozen(dt.datetime(2019, 3, 12, 10, 0, tzinfo=CST)):
        page.goto(f"{base}/legality/")
        page.click("#to-consultations")
        page.click(f"#consultation-list a:has-text('{TITLE}')")
        page.wait_for_selector("#comment-form")
        assert "第三条" in page.locator("#consult-articles").inner_text()
        page.select_option("#id_article", label="第三条")
        page.fill("#id_text", "建议明确奖励的申请条件，电话13974851234")
        page.click("#comment-submit")
        assert "意见中不能包含电话号码" in page.locator("#comment-error").inner_text()
        page.select_option("#id_article", label="第三条")
        page.fill("#id_text", "建议明确一次性奖励的申请条件和兑现时限。")
        page.fill("#id_name", "王建华")
        page.fill("#id_contact", "13974851234")
        page.click("#comment-submit")
        page.wait_for_selector("#comment-sent")
        page.screenshot(path=str(output_dir / "legality-comment.png"), full_page=True)
    cm = Comment.objects.get()
    assert (cm.article.heading, cm.submitted_on, cm.status) == (
        "第三条",
        dt.date(2019, 3, 12),
        "pending",
    )

    # the drafter publishes the comment, disposes of it, closes and publishes the summary
    login(page, base, d.drafter)
    page.goto(doc_url)
    page.click("#doc-consultations a")
    page.wait_for_selector("#consult-comments")
    act(page, "moderate", publish="1")
    assert page.locator(f"#comment-{cm.pk} .comment-status").inner_text() == "已公开"
    act(page, "dispose", disposition="partly", on="2019-04-09",
        reason="申请条件另行制定实施细则，兑现时限已写入第三条。")  # fmt: skip
    assert (
        page.locator(f"#comment-{cm.pk} .comment-disposition").inner_text().startswith("部分采纳")
    )
    assert page.locator('form[data-op="summary"]').count() == 0  # not before the close
    act(page, "close", on="2019-04-09")
    act(page, "summary", on="2019-04-10",
        summary="共收到意见1条，部分采纳1条：兑现时限写入第三条，申请条件另行制定实施细则。")  # fmt: skip
    assert "部分采纳1条" in page.locator("#consult-summary").inner_text()
    page.screenshot(path=str(output_dir / "legality-disposed.png"), full_page=True)
    page.goto(doc_url)
    assert page.locator("#doc-status").inner_text() == "起草中"
    act(page, "submit", on="2019-04-11")
    assert page.locator("#doc-status").inner_text() == "合法性审核"

    # the Justice Bureau reviews it
    login(page, base, d.reviewer)
    page.goto(doc_url)
    page.click("#doc-reviews a")
    page.wait_for_selector("#assign-form")
    page.select_option("#assign-form select[name=reviewer]", str(d.reviewer.pk))
    page.fill("#assign-form input[name=on]", "2019-04-12")
    page.click("#assign-form button")
    page.wait_for_selector("#opinion-form")
    page.select_option("#opinion-form select[name=opinion]", "pass")
    page.fill("#opinion-form input[name=on]", "2019-04-16")
    page.fill("#opinion-form textarea[name=reasons]", "制定主体、权限、程序和内容合法。")
    page.click("#opinion-form button")
    page.wait_for_selector("#review-rounds")
    assert page.locator("#review-status").inner_text() == "审查通过"
    page.screenshot(path=str(output_dir / "legality-reviewed.png"), full_page=True)

    # the government office: the meeting deliberates, then 三统一 in one act
    login(page, base, d.office_clerk)
    page.goto(doc_url)
    assert page.locator("#doc-status").inner_text() == "待集体审议"
    act(page, "deliberate", on="2019-04-25", meeting="测试区人民政府第5次常务会议")
    assert page.locator("#doc-status").inner_text() == "待登记发布"
    act(page, "publish", on="2019-04-20", expect_error="发布日期")
    act(page, "publish", on="2019-04-28")
    assert page.locator("#doc-status").inner_text() == "已发布"
    head = page.locator("#doc-head").inner_text()
    assert head.startswith("测政发〔2019〕1号")
    doc = NormativeDocument.objects.get()
    assert (doc.doc_number, doc.registration_number) == ("测政发〔2019〕1号", "CSPR-2019-1")
    assert (doc.published_on, doc.effective_on) == (dt.date(2019, 4, 28), dt.date(2019, 5, 28))
    events = page.locator("#doc-events").inner_text()
    assert (
        "统一登记、编号、发布 测政发〔2019〕1号 登记号CSPR-2019-1，自2019年5月28日起施行" in events
    )
    filings = page.locator("#doc-filings").inner_text()
    # BA-1: 15 days from the publication on 04-28
    assert filings.count("期限 2019-05-13") == 3
    page.screenshot(path=str(output_dir / "legality-published.png"), full_page=True)

    # the public finds it by a Chinese phrase of its text
    page.context.clear_cookies()
    page.goto(f"{base}/legality/")
    page.fill("#library-search input[name=q]", "一次性奖励")
    page.click("#library-search button")
    rows = page.locator("#library-list tbody tr")
    assert rows.count() == 1
    assert "测政发〔2019〕1号" in rows.first.inner_text()
    page.screenshot(path=str(output_dir / "legality-search.png"), full_page=True)
    rows.first.locator("a").click()
    assert "给予不超过五十万元的一次性奖励" in page.locator("main").inner_text()
    page.goto(f"{base}/legality/?q=重大行政决策程序")
    assert "没有找到规范性文件" in page.locator("#library-list").inner_text()

    # the filing with each body above is recorded
    login(page, base, d.office_clerk)
    page.goto(doc_url)
    for i, body in enumerate((d.city_party, d.city_gov, d.congress), start=1):
        act(page, "filing", filing=str(doc.filings.get(body=body).pk), on="2019-05-06",
            receipt=f"备2019-{i:03d}")  # fmt: skip
    assert page.locator('form[data-op="filing"]').count() == 0
    filed = page.locator("#doc-filings").inner_text()
    assert filed.count("2019-05-06") == 3 and "逾期报备" not in filed
    assert doc.filings.filter(filed_on=dt.date(2019, 5, 6), late=False).count() == 3
    page.screenshot(path=str(output_dir / "legality-filed.png"), full_page=True)
