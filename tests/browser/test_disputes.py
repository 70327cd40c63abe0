"""The disputes domain in the browser (issue 17, “Done when”):

* a reconsideration application against an enforcement decision is received, accepted by
  silence after its 5 working days, answered by the respondent, heard and decided (撤销) —
  and the reversal shows in the enforcement case's record, against its body;
* a lawsuit's answer is filed on day 14 and the head of the body's appearance recorded;
* a mediation ends in an agreement that is performed;
* an inspection batch is closed item by item (refused while an item is open).
"""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.models import Role
from fazhi.core.tests.factories import SYSTEM, org, user
from fazhi.core.tests.signin import sign_in_browser
from fazhi.disputes.services import inspection, mediation, petitions
from fazhi.disputes.services import reconsideration as rc
from fazhi.enforcement.models import Case
from fazhi.enforcement.services import cases, decisions
from fazhi.enforcement.tests.casefactories import Bureau

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = dt.date


def login(page, base, username):
    page.context.clear_cookies()
    sign_in_browser(page, base, username)
    page.wait_for_selector("#todo-list")


def act(page, op, *, expect_error: str = "", **fields):
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
    if expect_error:
        assert expect_error in alert.first.inner_text()
    else:
        assert alert.count() == 0, alert.first.inner_text()


def _decided_case(b: Bureau):
    """An enforcement penalty of 2019, decided through the enforcement services."""
    case = cases.case_open(
        actor=b.clerk, body=b.body, field=b.field, item=b.item, source="complaint",
        party_kind="person", party_name="张建国", party_id_number="430102198001010011",
        received_on=D(2019, 8, 1), facts="在五一大道人行道上占道经营。",
    )  # fmt: skip
    case = cases.register(actor=b.leader, case=case, on=D(2019, 8, 2))
    cases.assign_officer(actor=b.leader, case=case, officer=b.officer1, lead=True)
    cases.assign_officer(actor=b.leader, case=case, officer=b.officer2)
    cases.evidence_add(actor=b.officer_user, case=case, kind="scene", title="现场笔录",
                       collected_on=D(2019, 8, 2), officer=b.officer1)  # fmt: skip
    case = cases.propose(actor=b.officer_user, case=case, fine=Decimal(150), band=b.light,
                         kinds=["fine"])  # fmt: skip
    case = cases.notify(actor=b.leader, case=case, on=D(2019, 8, 5))
    cases.waive_statements(actor=b.leader, case=case, on=D(2019, 8, 5))
    d = decisions.decide(actor=b.leader, case=Case.objects.get(pk=case.pk), on=D(2019, 8, 6),
                         outcome="penalty", fine=Decimal(150), band=b.light,
                         basis="《城市市容和环境卫生管理条例》第三十六条", kinds=["fine"])  # fmt: skip
    return case, d


def test_reconsideration_reverses_an_enforcement_decision(live_server, page, output_dir):
    b = Bureau()
    rc.body_save(actor=SYSTEM, org=b.d.justice, body=b.d.gov, doc_prefix="芙政复")
    case, decision = _decided_case(b)
    base = live_server.url

    login(page, base, "reviewer")
    page.goto(f"{base}/workspace/disputes/reconsiderations/new/")
    page.select_option("#id_channel", "written")
    page.fill("#id_received_on", "2019-09-26")
    page.select_option("#id_applicant_kind", "person")
    page.fill("#id_applicant_name", "张建国")
    page.fill("#id_applicant_id_number", "430102198001010011")
    page.select_option("#id_respondent", str(b.d.bureau.pk))
    page.select_option("#id_act_kind", "penalty")
    page.fill("#id_act_number", decision.number)
    page.fill("#id_act_description", "对占道经营作出的罚款决定")
    page.fill("#id_act_known_on", "2019-09-10")
    page.click("#dis-save")
    page.wait_for_selector("#status")
    url = page.url
    assert page.locator("#status").inner_text() == "待审查受理"
    # received Thu 2019-09-26; the 5 WD ended on 10-09 (国庆 and a 调休 Sunday in between)
    assert "2019-10-09" in page.locator("#deemed").inner_text()
    act(page, "accept", on="2019-10-10", procedure="ordinary")
    assert page.locator("#status").inner_text() == "已受理（待发送答复通知）"
    assert "期满视为受理" in page.locator("main").inner_text()
    act(page, "send", on="2019-10-10")

    login(page, base, "leader")  # the respondent's leader answers
    page.goto(url)
    act(page, "answer", on="2019-10-18", evidence="答复书；处罚决定书；现场笔录")
    assert page.locator("#status").inner_text() == "审理中"

    login(page, base, "reviewer")
    page.goto(url)
    act(page, "hearing", notified_on="2019-10-25", held_on="2019-11-01",
        place="区司法局复议听证室", attendees="申请人；被申请人委托代理人")  # fmt: skip
    act(page, "decide", on="2019-11-15", decision_type="revoke",
        summary="认定事实不清，撤销原处罚决定。", approved_by="区人民政府副区长")  # fmt: skip
    assert page.locator("#decision-number").inner_text() == "芙政复决〔2019〕1号"
    act(page, "serve", on="2019-11-18")
    assert page.locator("#status").inner_text() == "已办结"
    page.screenshot(path=str(output_dir / "disputes-reconsideration.png"), full_page=True)

    # the reversal in the enforcement case's own record, against its body
    login(page, base, "leader")
    page.goto(f"{base}/workspace/enforcement/cases/{case.pk}/")
    assert "行政行为被复议纠错" in page.locator("#timeline").inner_text()
    page.screenshot(path=str(output_dir / "disputes-reversal-on-case.png"), full_page=True)
    page.goto(f"{base}/workspace/indicators/DIS-FY-REVERSED/?year=2019&org={b.d.bureau.pk}")
    assert "1件" in page.locator("main").inner_text()


def test_lawsuit_answered_on_day_14_with_the_head_in_court(live_server, page, output_dir):
    b = Bureau()
    base = live_server.url
    login(page, base, "leader")
    page.goto(f"{base}/workspace/disputes/litigation/new/")
    page.select_option("#id_org", str(b.d.bureau.pk))
    page.select_option("#id_kind", "lawsuit")
    page.select_option("#id_respondent", str(b.d.bureau.pk))
    page.fill("#id_received_on", "2019-06-03")
    page.select_option("#id_counterpart_kind", "person")
    page.fill("#id_counterpart_name", "刘志强")
    page.fill("#id_forum", "长沙铁路运输法院")
    page.fill("#id_forum_number", "（2019）湘8601行初312号")
    page.fill("#id_cause", "不服行政处罚决定")
    page.click("#dis-save")
    page.wait_for_selector("#status")
    # SS-2: 15 days from Mon 06-03 → Tue 06-18; day 14 is 06-17
    assert "2019-06-18" in page.locator(".fz-due").first.inner_text()
    act(page, "answer", on="2019-06-17", evidence_list="答辩状；处罚决定书；调查笔录；裁量基准")
    assert page.locator("#answered-on").inner_text().startswith("2019-06-17")
    act(page, "hearing", held_on="2019-07-10", appeared="局长；法制科科长；委托代理律师",
        head_appeared="on", head_name="局长王志刚")  # fmt: skip
    assert "负责人出庭" in page.locator("#court-hearings").inner_text()
    page.screenshot(path=str(output_dir / "disputes-lawsuit.png"), full_page=True)


def test_mediation_agreement_performed(live_server, page, output_dir):
    b = Bureau()
    street = b.d.street_a
    user("mediator", org=street, role=Role.CLERK, full_name="调解员")
    committee = mediation.committee_save(actor=SYSTEM, org=street, name="甲街道人民调解委员会",
                                         kind="people", level="street", doc_prefix="甲街调")  # fmt: skip
    m = mediation.mediator_save(actor=SYSTEM, committee=committee, name="李秀英")
    base = live_server.url
    login(page, base, "mediator")
    page.goto(f"{base}/workspace/disputes/mediation/new/")
    page.select_option("#id_committee", str(committee.pk))
    page.fill("#id_received_on", "2019-05-06")
    page.select_option("#id_category", "neighbour")
    page.select_option("#id_source", "walk_in")
    page.fill("#id_facts", "楼上漏水致楼下吊顶受损，双方就赔偿发生争执。")
    page.fill("#id_applicant_name", "陈桂兰")
    page.fill("#id_applicant_id_number", "430102198503150022")
    page.fill("#id_respondent_name", "周海波")
    page.click("#dis-save")
    page.wait_for_selector("#status")
    act(page, "session", held_on="2019-05-07", mediator=str(m.pk), summary="背对背调解")
    form = page.locator('form[data-op="agreement"]')
    form.locator('[name="form"]').select_option("written")
    form.locator('[name="signed_on"]').fill("2019-05-08")
    form.locator('[name="amount"]').fill("3000")
    form.locator('[name="terms"]').fill("周海波赔偿陈桂兰修复费用3000元。")
    dates = form.locator('input[name^="sign_"]')
    dates.nth(0).fill("2019-05-08")
    form.locator("#act-agreement").click()
    page.wait_for_load_state("load")
    assert "周海波的签名尚未登记" in page.locator(".alert-danger").first.inner_text()
    form = page.locator('form[data-op="agreement"]')
    form.locator('[name="form"]').select_option("written")
    form.locator('[name="signed_on"]').fill("2019-05-08")
    form.locator('[name="amount"]').fill("3000")
    form.locator('[name="terms"]').fill("周海波赔偿陈桂兰修复费用3000元。")
    for i in range(2):
        form.locator('input[name^="sign_"]').nth(i).fill("2019-05-08")
    form.locator("#act-agreement").click()
    page.wait_for_load_state("load")
    assert page.locator("#status").inner_text() == "达成协议（履行中）"
    act(page, "performance", on="2019-05-15", amount="3000", note="一次性支付", complete="on")
    assert page.locator("#status").inner_text() == "履行完毕"
    page.screenshot(path=str(output_dir / "disputes-mediation.png"), full_page=True)


def test_inspection_batch_closed_item_by_item(live_server, page, output_dir):
    b = Bureau()
    xf = org("测试区信访局", parent=b.d.gov)
    petitions.office_save(actor=SYSTEM, org=xf)
    user("xf_clerk", org=xf, role=Role.CLERK)
    batch = inspection.batch_register(
        actor=SYSTEM, org=xf, team="provincial", batch_no=8, received_on=D(2019, 4, 22),
        due_on=D(2019, 5, 22),
        items=[dict(unit=b.d.bureau, petitioner_name=f"信访人{i}", content=f"反映问题{i}")
               for i in (1, 2)],
    )  # fmt: skip
    items = list(batch.items.order_by("seq"))
    base = live_server.url
    login(page, base, "leader")  # the unit reports each item
    for it in items:
        page.goto(f"{base}/workspace/disputes/items/{it.pk}/")
        act(page, "report", on="2019-05-10", result="已调查核实并答复信访人")
    login(page, base, "xf_clerk")  # the office closes the first only
    page.goto(f"{base}/workspace/disputes/items/{items[0].pk}/")
    act(page, "close", on="2019-05-13")
    login(page, base, "supervisor")
    page.goto(f"{base}/workspace/disputes/batches/{batch.pk}/")
    act(page, "close", on="2019-05-14", expect_error="本批次还有 1 件未办结（序号 2）")
    login(page, base, "xf_clerk")
    page.goto(f"{base}/workspace/disputes/items/{items[1].pk}/")
    act(page, "close", on="2019-05-14")
    login(page, base, "supervisor")
    page.goto(f"{base}/workspace/disputes/batches/{batch.pk}/")
    act(page, "close", on="2019-05-15")
    assert page.locator("#status").inner_text() == "已办结"
    page.screenshot(path=str(output_dir / "disputes-batch.png"), full_page=True)
