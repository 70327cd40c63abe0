"""The enforcement bureau's leader keeps the records in the browser: a discretion band on the
power list, past cases imported from Excel (a bad file refused row by row, then a clean one),
the year's statistics prepared and published; the public then reads them and the guide."""

import datetime as dt

import pytest

from fazhi.core import clock
from fazhi.enforcement.tests.casefactories import Bureau
from fazhi.enforcement.tests.xlsxrows import BAD_ID, PAST_CASE_HEADERS, PERSON_ID, past_case_row
from fazhi.enforcement.tests.xlsxrows import xlsx as xlsx_sheet

from .test_enforcement_case import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = dt.date
BODY = "测试区行政执法局"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def case_row(**over):
    return past_case_row(2024, **over)


def xlsx(rows) -> bytes:
    return xlsx_sheet(PAST_CASE_HEADERS, rows)


def upload(page, name, data):
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": XLSX, "buffer": data}])
    page.click("main form[enctype] button[type=submit]")
    page.wait_for_load_state("load")


def rows_of(page, selector):
    return [
        [c.strip() for c in r.locator("td").all_inner_texts()]
        for r in page.locator(f"{selector} tbody tr").all()
    ]


def test_power_list_past_cases_and_annual_statistics(
    live_server, page, output_dir, settings, tmp_path
):
    settings.ATTACHMENT_ROOT = tmp_path
    b = Bureau()
    base = live_server.url

    def shot(name):
        page.screenshot(path=str(output_dir / name), full_page=True)

    # 1. the power list: filter, open CG-001, add a discretion band
    login(page, base, "leader")
    page.click("aside >> text=行政执法")
    page.click("#enf-sections >> text=执法事项清单")
    page.wait_for_selector("#items")
    page.fill("main form input[name=q]", "占道")
    page.select_option("main form select[name=field]", label="城市管理")
    page.select_option("main form select[name=kind]", label="行政处罚")
    page.click("main form button:has-text('查询')")
    page.wait_for_load_state("load")
    assert rows_of(page, "#items") == [
        ["CG-001", "擅自占道经营", b.body.org.label, "城市管理", "行政处罚", "2"]
    ]
    shot("enforcement-items-filtered.png")
    page.click("#items >> text=CG-001")
    page.wait_for_selector("#bands")
    assert page.locator("#bands tbody tr").count() == 2

    page.fill("#id_band-code", "C")
    page.fill("#id_band-facts", "造成严重影响")
    page.fill("#id_band-fine_min", "50000")
    page.fill("#id_band-fine_max", "20000")
    page.click("main button:has-text('保存档次')")
    page.wait_for_load_state("load")
    error = page.locator("main form .alert-danger")
    assert error.inner_text().strip() == "罚款下限 50000.00 元高于上限 20000.00 元。"
    assert page.locator("#bands tbody tr").count() == 2
    shot("enforcement-band-error.png")

    page.fill("#id_band-fine_min", "20000")
    page.fill("#id_band-fine_max", "50000")
    page.fill("#id_band-other_measures", "责令改正")
    page.click("main button:has-text('保存档次')")
    page.wait_for_selector(".alert-success")
    assert page.locator(".alert-success").inner_text() == "已保存裁量档次。"
    assert rows_of(page, "#bands") == [
        ["A", "初次违法、及时改正", "0.00 – 200.00", "—"],
        ["B", "拒不改正", "200.00 – 50000.00", "—"],
        ["C", "造成严重影响", "20000.00 – 50000.00", "责令改正"],
    ]
    shot("enforcement-band-saved.png")

    # 2. past cases from Excel: a file with one bad row is refused whole
    page.click("#enf-sections >> text=执法案件")
    page.click("main >> text=导入历史案件")
    page.wait_for_selector("#id_file")
    bad = [
        case_row(),
        case_row(
            number="芙执案〔2024〕16号",
            decision_number="芙执罚决〔2024〕16号",
            party_name="李某",
            party_id_number=BAD_ID,
        ),
    ]
    upload(page, "历史案件.xlsx", xlsx(bad))
    alert = page.locator("main .alert-danger")
    assert alert.inner_text() == "共 2 行，发现 1 处错误，未导入任何数据。"
    assert (PERSON_ID, BAD_ID) == ("430102198005010123", "430102198005010120")
    assert rows_of(page, "#import-errors") == [
        ["3", "身份证号码", "身份证号码：公民身份号码第18位校验码应为3，实际为0"]
    ]
    shot("enforcement-import-errors.png")
    page.goto(f"{base}/workspace/enforcement/cases/")
    assert page.locator("main table tbody tr").all_inner_texts() == ["没有案件。"]

    # ... and a clean file goes in
    page.click("main >> text=导入历史案件")
    page.wait_for_selector("#id_file")
    upload(page, "历史案件.xlsx", xlsx([case_row()]))
    page.wait_for_selector(".alert-success")
    assert (
        page.locator(".alert-success").inner_text()
        == "已导入 1 行：新增 1，更新 0，与系统中一致 0。"
    )
    assert rows_of(page, "main table") == [
        ["芙执案〔2024〕15号", "张某", b.body.org.label, "城市管理", "已结案", "2024-03-01"]
    ]
    shot("enforcement-import-done.png")

    # 3. the year's statistics: prepared, checked, published
    page.click("#enf-sections >> text=年度数据公开")
    page.wait_for_selector("#statistics")
    assert page.url.startswith(f"{base}/workspace/enforcement/statistics/")
    page.select_option("main select[name=year]", "2024")
    page.click("main form button:has-text('查询')")
    page.wait_for_load_state("load")
    assert page.locator("main h1").inner_text() == "2024年度行政执法数据公开"
    assert rows_of(page, "#statistics")[0][:2] == [BODY, "逾期未编制"]
    page.click("#statistics button:has-text('编制')")
    page.wait_for_selector("#figures")
    title = f"{BODY}2024年度行政执法数据"
    assert page.locator(".alert-success").inner_text() == f"已编制 {title}，请核对后公开。"
    figures = dict(r[:2] for r in rows_of(page, "#figures"))
    assert figures["办结行政处罚案件数"] == "1起"
    assert rows_of(page, "#by-field") == [["城市管理", "1", "500.00"]]
    shot("enforcement-statistics-draft.png")
    page.fill("#id_summary", "2024年全年办结行政处罚案件1起，罚没款全部缴纳。")
    page.click("main form button:has-text('公开')")
    page.wait_for_selector(".alert-success")
    assert page.locator(".alert-success").inner_text() == f"已公开 {title}。"
    assert page.locator("main .badge").first.inner_text() == "已公开"
    shot("enforcement-statistics-published.png")

    # ... and the public reads them, without logging in
    page.context.clear_cookies()
    page.goto(f"{base}/enforcement/statistics/")
    assert rows_of(page, "#public-statistics") == [["2024", BODY, clock.today().isoformat()]]
    shot("enforcement-public-statistics.png")
    page.click(f"#public-statistics >> text={BODY}")
    page.wait_for_selector("#figures")
    assert page.locator("main h1").inner_text() == title
    assert dict(r[:2] for r in rows_of(page, "#figures"))["办结行政处罚案件数"] == "1起"
    assert "罚没款全部缴纳" in page.locator("main").inner_text()
    shot("enforcement-public-statistics-one.png")
    page.goto(f"{base}/enforcement/guide/")
    assert "行政处罚普通程序办案期限" in page.locator("main").inner_text()
    shot("enforcement-public-guide.png")

    # 4. the officers and the legality-review register
    login(page, base, "leader")
    page.goto(f"{base}/workspace/enforcement/officers/")
    names = [r[0] for r in rows_of(page, "#officer-list")]
    assert sorted(names) == ["执法人员丙", "执法人员乙", "执法人员甲"]
    shot("enforcement-officers.png")
    page.click("#enf-sections >> text=法制审核登记")
    page.wait_for_selector("#review-list")
    assert page.locator("main h1").inner_text() == "法制审核登记"
    assert rows_of(page, "#review-list") == [["没有法制审核记录。"]]
    shot("enforcement-reviews.png")
