"""A member of the public asks the portal by when a disclosure request must be answered."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_deadline_calculator(live_server, page, output_dir):
    page.goto(f"{live_server.url}/deadlines/")
    page.select_option("#id_code", "GK-4")
    page.fill("#id_start", "2019-09-27")
    page.click("#deadline-submit")
    assert page.locator("#deadline-due").inner_text() == "2019-10-30"
    lines = page.locator("#deadline-explanation li").all_inner_texts()
    assert "2019年10月12日（星期六）为调休上班日（国庆节），计为工作日" in lines
    page.screenshot(path=str(output_dir / "public-deadline.png"), full_page=True)
    page.click("#deadline-rule-link")
    assert "政府信息公开申请答复期限" in page.locator("h1").inner_text()
