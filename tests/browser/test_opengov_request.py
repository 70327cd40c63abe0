"""A disclosure request in the browser: received online, a 补正 restarts its clock, a third
party's consultation pauses it, the partial disclosure is answered with the reply letter as
DOCX, and the public tracks it by number and check code. Then an audit finding is
rectified with evidence and closed by the audit body."""

import pytest

from fazhi.audit.tests import factories as af
from fazhi.core.tests.signin import sign_in_browser
from fazhi.opengov.models import DisclosureRequest
from fazhi.opengov.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def act(page, form_id, **fields):
    form = page.locator(f"#{form_id}")
    for name, value in fields.items():
        el = form.locator(f'[name="{name}"]').first
        if el.evaluate("e => e.tagName") == "SELECT":
            el.select_option(value)
        else:
            el.fill(value)
    form.locator("button").click()
    page.wait_for_load_state("load")
    alert = page.locator(".alert-danger")
    assert alert.count() == 0, alert.first.inner_text()


def due(page) -> list[str]:
    return page.locator(".fz-due").all_inner_texts()


def test_a_request_from_receipt_to_public_tracking(live_server, page, output_dir):
    w = factories.World()
    base = live_server.url
    sign_in_browser(page, base, w.clerk)
    page.goto(f"{base}/workspace/opengov/requests/new/")
    page.select_option("#id_org", label=w.body.name)
    page.select_option("#id_channel", "online")
    page.fill("#id_received_on", "2019-09-02")
    page.select_option("#id_applicant_kind", "person")
    page.fill("#id_applicant_name", "王丽华")
    page.fill("#id_applicant_id_number", factories.ID_NUMBER)
    page.fill("#id_description", "申请公开东湖片区老旧小区改造项目的预算和中标通知书")
    page.click("main button[type=submit]")
    page.wait_for_selector("#request-status")
    assert due(page) == ["2019-09-30"]
    act(page, "form-correction", items="请写明项目名称", on="2019-09-04")
    act(page, "form-corrected", on="2019-09-09")
    assert due(page) == ["2019-10-12"]  # restarted from the corrected request
    act(
        page,
        "form-consult",
        kind="third_party",
        consulted="湖南湘禾建设工程有限公司",
        on="2019-09-16",
    )
    assert page.locator("#request-status").inner_text() == "征求意见中"
    act(page, "form-consulted", opinion="不同意公开报价明细", on="2019-09-20")
    assert "2019-10-18" in due(page)  # five working days not counted
    act(
        page,
        "form-answer",
        reply_type="partly",
        part="报价明细",
        ground_part="涉及第三方商业秘密（条例第十五条）",
        on="2019-10-10",
    )
    assert page.locator("#request-status").inner_text() == "已答复"
    with page.expect_download() as dl:
        page.click("#reply-docx")
    assert dl.value.suggested_filename.endswith(".docx")
    page.screenshot(path=str(output_dir / "opengov-request.png"), full_page=True)

    req = DisclosureRequest.objects.get()
    page.context.clear_cookies()
    page.goto(f"{base}/opengov/track/?number={req.number}&code={req.check_code}")
    result = page.locator("#track-result").inner_text()
    assert "部分公开" in result and req.reply_number in result and "王丽华" not in result


def test_an_audit_finding_is_rectified_and_closed_with_evidence(live_server, page, output_dir):
    w = af.World()
    rect = af.rectification(w)
    base = live_server.url
    url = f"{base}/workspace/audit/rectifications/{rect.pk}/"
    sign_in_browser(page, base, w.clerk)
    page.goto(url)
    act(page, "form-evidence", description="记账凭证第0315号", on="2019-07-15")
    act(page, "form-submit", measures="已从进度款中扣回预付款", on="2019-07-16")
    page.context.clear_cookies()
    sign_in_browser(page, base, w.auditor)
    page.goto(url)
    act(page, "form-close", confirmation="经核查已整改到位，同意销号。", on="2019-07-25")
    assert page.locator("#rect-status").inner_text() == "已销号"
    page.screenshot(path=str(output_dir / "audit-rectification.png"), full_page=True)
