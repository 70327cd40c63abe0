"""A clerk, two certified officers and their leader carry a case from complaint to archive in
the browser; the public page then shows the decision, redacted."""

import pytest

from fazhi.core.tests.signin import sign_in_browser
from fazhi.enforcement.tests.casefactories import Bureau

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.context.clear_cookies()
    sign_in_browser(page, base, username)
    page.wait_for_selector("#todo-list")


def act(page, op, **fields):
    form = page.locator(f'form[data-op="{op}"]')
    for name, value in fields.items():
        el = form.locator(f'[name="{name}"]')
        tag = el.evaluate("e => e.tagName")
        if tag == "SELECT":
            el.select_option(value)
        elif el.get_attribute("type") == "checkbox":
            el.check()
        else:
            el.fill(value)
    form.locator(f"#act-{op}").click()
    page.wait_for_load_state("load")
    alert = page.locator(".alert-danger")
    assert alert.count() == 0, alert.first.inner_text()


def test_case_from_complaint_to_archive(live_server, page, output_dir, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    b = Bureau()
    base = live_server.url
    login(page, base, "clerk")
    page.goto(f"{base}/workspace/enforcement/cases/new/")
    page.select_option("#id_body", label=b.body.org.name)
    page.select_option("#id_field", label="城市管理")
    page.select_option("#id_item", label=str(b.item))
    page.select_option("#id_source", "complaint")
    page.fill("#id_received_on", "2024-03-04")
    page.select_option("#id_party_kind", "person")
    page.fill("#id_party_name", "当事人甲")
    page.fill("#id_party_id_number", "430102198001010011")
    page.fill("#id_party_phone", "13812345678")
    page.fill("#id_party_address", "长沙市芙蓉区五一大道123号4栋501室")
    page.fill("#id_facts", "市民投诉：当事人甲（电话13812345678）在五一大道人行道上占道经营。")
    page.click("main button[type=submit]")
    errors = page.locator(".alert-danger, .text-danger.small")
    assert errors.count() == 0, errors.all_inner_texts()
    page.wait_for_selector("#case-status")
    case_url = page.url
    assert page.locator("#case-status").inner_text() == "线索登记"

    login(page, base, "leader")
    page.goto(case_url)
    act(page, "register", on="2024-03-05")
    act(page, "assign", officer=str(b.officer1.pk), lead="on")
    act(page, "assign", officer=str(b.officer2.pk))
    assert page.locator("#case-status").inner_text() == "已立案（调查取证）"

    login(page, base, "officer")
    page.goto(case_url)
    act(
        page,
        "evidence",
        kind="inquiry",
        title="询问笔录",
        collected_on="2024-03-06",
        officer=str(b.officer1.pk),
    )
    act(page, "propose", fine="150", band=str(b.light.pk))

    login(page, base, "leader")
    page.goto(case_url)
    act(page, "notify", on="2024-03-08")
    act(page, "waive", on="2024-03-08")
    act(
        page,
        "decide",
        on="2024-03-11",
        outcome="penalty",
        fine="150",
        band=str(b.light.pk),
        basis="《城市市容和环境卫生管理条例》第三十六条",
    )
    assert page.locator("#decision-number").inner_text() == "芙执罚决〔2024〕1号"
    act(page, "publish", on="2024-03-12")

    login(page, base, "clerk")
    page.goto(case_url)
    act(page, "serve", on="2024-03-12", method="直接送达")
    act(page, "pay", on="2024-03-13", amount="150", receipt="FS2024-0001")

    login(page, base, "leader")
    page.goto(case_url)
    act(page, "close", on="2024-03-14")

    login(page, base, "clerk")
    page.goto(case_url)
    act(page, "archive", on="2024-03-15")
    assert page.locator("#case-status").inner_text() == "已归档"
    assert page.locator("#timeline li").count() >= 15
    page.screenshot(path=str(output_dir / "enforcement-case-archived.png"), full_page=True)

    page.context.clear_cookies()
    page.goto(f"{base}/enforcement/decisions/")
    page.click("text=芙执罚决〔2024〕1号")
    text = page.locator("#pub-text").inner_text()
    assert "430102198001010011" not in text and "13812345678" not in text
    assert "当事人：当某" in text and "罚款150元" in text
    page.screenshot(path=str(output_dir / "enforcement-public-decision.png"), full_page=True)
