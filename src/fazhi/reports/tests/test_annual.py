"""The annual report engine on kernel data only (the report module never imports a domain):
a test part over the kernel's supervision-task indicator stands for a domain's paragraph.
Enforcement's own paragraphs on the demo year are tested in enforcement/tests/test_report.py.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from fazhi.core import clock, clocks, ledger, ledgerstate, reportparts, supervision
from fazhi.core.models import LedgerEvent, Role
from fazhi.core.tests.factories import SYSTEM, District, user
from fazhi.core.tests.signin import sign_in

from .. import compose, docx, facts, services, templates_text
from ..models import AnnualReport, PartText
from ..models import ReportStatus as S

D = dt.date
TEMPLATE = "{year}年，共下达督办整改任务{K-TASK-OPENED}。"


@pytest.fixture
def part():
    """One part over a kernel indicator, on point 一(六)2 (the registry restored after)."""
    saved = dict(reportparts._parts)
    reportparts._parts.clear()
    reportparts.register(reportparts.Part("一(六)2", "oversight", TEMPLATE))
    reportparts.register(reportparts.Part("一(六)2", "oversight", "台账常态化管理。", order=200))
    yield
    reportparts._parts.clear()
    reportparts._parts.update(saved)


@pytest.fixture
def d(db, part):
    d = District()
    d.gov_leader = user("gov_leader", org=d.gov, role=Role.LEADER)
    d.gov_reviewer = user("gov_reviewer", org=d.gov, role=Role.REVIEWER, scope="subtree")
    return d


def task(org, on):
    return supervision.task_create(
        actor=SYSTEM,
        org=org,
        title="整改网站栏目",
        description="栏目长期未更新。",
        source="monitor",
        rule_code="GK-1",
        received_on=on,
    )


def text(report) -> str:
    return compose.plain_text(report)


def test_the_figure_comes_from_the_records_and_links_to_them(d):
    task(d.bureau, D(2019, 3, 4))
    task(d.street_a, D(2019, 5, 6))
    task(d.street_a, D(2020, 1, 6))  # next year: not counted
    r = services.report_generate(actor=d.gov_reviewer, org=d.gov, year=2019, on=D(2020, 3, 2))
    assert r.title == "测试区人民政府关于2019年度法治政府建设情况的报告"
    assert r.signer == "测试区司法局"
    assert "1.推进诚信政府建设。2019年，共下达督办整改任务2件。台账常态化管理。" in text(r)
    (seg,) = [s for s in r.content["subsections"][0]["points"][0]["segments"] if "code" in s]
    assert seg == {
        "code": "K-TASK-OPENED",
        "t": "2件",
        "value": "2",
        "url": f"/workspace/indicators/K-TASK-OPENED/?year=2019&org={d.gov.pk}",
    }
    # every point nobody has written is pending, and said so; the sub-section is numbered (一)
    pending = {p["key"] for p in r.content["pending"]}
    assert "一(五)1" in pending and "一(六)2" not in pending
    assert "（一）加强对行政权力的监督制约" in text(r)


def test_a_figure_changes_when_a_record_changes(d):
    task(d.street_a, D(2019, 5, 6))
    r = services.report_generate(actor=d.gov_reviewer, org=d.gov, year=2019, on=D(2020, 3, 2))
    assert "共下达督办整改任务1件。" in text(r)
    task(d.street_b, D(2019, 8, 1))
    assert "共下达督办整改任务1件。" in text(r)  # a draft changes only when refreshed
    services.report_refresh(actor=d.gov_reviewer, report=r, version=r.version)
    assert "共下达督办整改任务2件。" in text(r)
    ev = LedgerEvent.objects.filter(action="reports.annual.refresh").get()
    assert ev.data["changed"] == {"K-TASK-OPENED": ["1件", "2件"]}


def test_a_module_without_records_is_told_not_printed_as_zero(d):
    r = services.report_generate(actor=d.gov_reviewer, org=d.gov, year=2019, on=D(2020, 3, 2))
    assert "督办整改任务" not in text(r) and "0件" not in text(r)
    assert "台账常态化管理" not in text(r)  # its narrative goes with its figures
    assert {"key": "一(六)2", "module": "oversight"} in r.content["empty"]


def test_department_report_counts_its_subtree_only(d):
    task(d.street_a, D(2019, 5, 6))
    task(d.street_b, D(2019, 5, 7))
    street = user("street_reviewer", org=d.street_a, role=Role.REVIEWER, scope="subtree")
    r = services.report_generate(actor=street, org=d.street_a, year=2019, on=D(2020, 3, 2))
    assert r.title == "甲街道关于2019年度法治政府建设情况的报告"
    assert "共下达督办整改任务1件。" in text(r)
    with pytest.raises(PermissionDenied):
        services.report_generate(actor=street, org=d.street_b, year=2019, on=D(2020, 3, 2))
    with pytest.raises(PermissionDenied):
        services.report_generate(actor=street, org=d.gov, year=2019, on=D(2020, 3, 2))
    assert AnnualReport.objects.count() == 1


def test_pages_are_scoped(client, d):
    task(d.street_a, D(2019, 5, 6))
    r = services.report_generate(actor=d.gov_reviewer, org=d.gov, year=2019, on=D(2020, 3, 2))
    sign_in(client, d.street_b_leader)
    assert client.get(f"/workspace/reports/{r.pk}/").status_code == 404
    assert client.get(f"/workspace/reports/{r.pk}/docx/").status_code == 404
    assert r.title not in client.get("/workspace/reports/").content.decode()
    client.logout()
    sign_in(client, d.gov_reviewer)
    page = client.get(f"/workspace/reports/{r.pk}/").content.decode()
    assert (
        f'<a class="fz-figure" href="/workspace/indicators/K-TASK-OPENED/?year=2019&amp;org='
        f'{d.gov.pk}" title="K-TASK-OPENED" data-code="K-TASK-OPENED">1件</a>'
    ) in page
    records = client.get(f"/workspace/indicators/K-TASK-OPENED/?year=2019&org={d.gov.pk}")
    assert "整改网站栏目" in records.content.decode()


def test_the_clock_is_due_before_1_april_and_stops_on_publication(d):
    r = services.report_generate(actor=d.gov_reviewer, org=d.gov, year=2019, on=D(2020, 1, 6))
    (c,) = clocks.for_subject(r)
    assert (c.rule.code, c.started_on, c.due_on) == ("BG-1", D(2019, 12, 31), D(2020, 3, 31))
    services.report_submit(actor=d.gov_reviewer, report=r, on=D(2020, 3, 10))
    services.report_approve(actor=d.gov_leader, report=r, on=D(2020, 3, 17))
    services.report_publish(actor=d.gov_reviewer, report=r, on=D(2020, 3, 18))
    c.refresh_from_db()
    assert (r.status, r.closed_on, c.stopped_on) == (S.PUBLISHED, D(2020, 3, 18), D(2020, 3, 18))
    assert clocks.card(c).status == "done" or c.stopped_on <= c.due_on


def test_approval_freezes_the_edition_and_a_new_one_is_made(d):
    task(d.street_a, D(2019, 5, 6))
    r = services.report_generate(actor=d.gov_reviewer, org=d.gov, year=2019, on=D(2020, 3, 2))
    services.report_edit(actor=d.gov_reviewer, report=r, problems="一是机制仍需完善。")
    with pytest.raises(PermissionDenied):  # the drafter does not sign
        services.report_submit(actor=d.gov_reviewer, report=r, on=D(2020, 3, 9))
        services.report_approve(actor=d.gov_reviewer, report=r, on=D(2020, 3, 17))
    r.refresh_from_db()
    with pytest.raises(ValidationError, match="尚未签发"):
        services.report_generate(actor=d.gov_reviewer, org=d.gov, year=2019)
    services.report_approve(actor=d.gov_leader, report=r, on=D(2020, 3, 17))
    assert r.digest == compose.digest(r) and len(r.digest) == 64
    ev = LedgerEvent.objects.filter(action="matter.transition").order_by("-seq").first()
    assert ev.data["digest"] == r.digest
    assert text(r).endswith("测试区司法局\n2020年3月17日")
    with pytest.raises(ValidationError, match="请生成新版本"):
        services.report_edit(actor=d.gov_reviewer, report=r, problems="改一个字。")
    with pytest.raises(ValidationError, match="请生成新版本"):
        services.report_refresh(actor=d.gov_reviewer, report=r)
    r.refresh_from_db()
    assert r.problems == "一是机制仍需完善。"
    task(d.street_b, D(2019, 9, 9))
    r2 = services.report_generate(actor=d.gov_reviewer, org=d.gov, year=2019)
    assert (r2.edition, r2.supersedes, r2.problems) == (2, r, "一是机制仍需完善。")
    assert "共下达督办整改任务2件。" in text(r2) and "共下达督办整改任务1件。" in text(r)
    assert not clocks.for_subject(r2).exists()  # the duty was the first edition's


def test_leader_sends_back_with_a_reason(d):
    r = services.report_generate(actor=d.gov_reviewer, org=d.gov, year=2019, on=D(2020, 3, 2))
    services.report_submit(actor=d.gov_reviewer, report=r, on=D(2020, 3, 9))
    from fazhi.core.workflow import InvalidTransition

    with pytest.raises(InvalidTransition, match="请填写理由"):
        services.report_return(actor=d.gov_leader, report=r, reason=" ")
    services.report_return(actor=d.gov_leader, report=r, reason="补充执法数据的说明。")
    assert r.status == S.DRAFT
    services.report_edit(actor=d.gov_reviewer, report=r, opening="2019年，测试区……")


def test_bad_input_changes_nothing(d):
    n = LedgerEvent.objects.count()
    year = clock.today().year
    with pytest.raises(ValidationError, match=f"{year}年度尚未结束"):
        services.report_generate(actor=d.gov_reviewer, org=d.gov, year=year)
    with pytest.raises(ValidationError, match="不晚于|早于"):
        services.report_generate(actor=d.gov_reviewer, org=d.gov, year=2019, on=D(2019, 6, 1))
    with pytest.raises(ValidationError):  # BG-1 is in force from 2019-04-15: no 2018 duty
        services.report_generate(actor=d.gov_reviewer, org=d.gov, year=2018, on=D(2019, 3, 1))
    assert AnnualReport.objects.count() == 0 and LedgerEvent.objects.count() == n
    r = services.report_generate(actor=d.gov_reviewer, org=d.gov, year=2019, on=D(2020, 3, 2))
    with pytest.raises(ValidationError, match="请填写署名"):
        services.report_edit(actor=d.gov_reviewer, report=r, signer=" ")
    with pytest.raises(ValidationError, match="不能修改"):
        services.report_edit(actor=d.gov_reviewer, report=r, content="{}")


def test_a_template_naming_an_unknown_indicator_is_refused():
    assert reportparts.template_problem("共{NO-SUCH-CODE}件。") == (
        "模板引用了未登记的指标：NO-SUCH-CODE（fazhi indicators list 列出全部指标）。"
    )
    with pytest.raises(ValueError, match="NO-SUCH-CODE"):
        reportparts.register(reportparts.Part("一(六)2", "x", "共{NO-SUCH-CODE}件。"))
    assert reportparts.template_problem("共{K-TASK-OPENED}件{") != ""
    assert not [p for p in reportparts.parts() if p.module == "x"]


def test_docx_in_the_official_layout(d):
    task(d.street_a, D(2019, 5, 6))
    r = services.report_generate(actor=d.gov_reviewer, org=d.gov, year=2019, on=D(2020, 3, 2))
    data = docx.render(r)
    assert data == docx.render(r)  # deterministic
    doc = Document(io.BytesIO(data))
    sec = doc.sections[0]
    assert (round(sec.top_margin.mm), round(sec.left_margin.mm)) == (37, 28)
    paras = [p for p in doc.paragraphs if p.text]
    assert paras[0].text == r.title and paras[0].runs[0].font.size.pt == 22
    texts = [p.text for p in paras]
    assert "一、主要工作成效" in texts and "（一）加强对行政权力的监督制约" in texts
    assert "1.推进诚信政府建设。2019年，共下达督办整改任务1件。台账常态化管理。" in texts
    h1 = paras[texts.index("一、主要工作成效")]
    assert h1.runs[0].font.name == "黑体"
    body = paras[texts.index("1.推进诚信政府建设。2019年，共下达督办整改任务1件。台账常态化管理。")]
    assert body.runs[0].font.size.pt == 16 and body.paragraph_format.line_spacing.pt == 29
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None


def test_the_published_report_on_the_portal_is_redacted(client, d):
    task(d.street_a, D(2019, 5, 6))
    r = services.report_generate(actor=d.gov_reviewer, org=d.gov, year=2019, on=D(2020, 3, 2))
    services.report_edit(
        actor=d.gov_reviewer, report=r, problems="群众反映可拨打13812345678联系经办人。"
    )
    assert client.get("/reports/").status_code == 200
    assert client.get(f"/reports/{r.pk}/").status_code == 404  # not before publication
    services.report_submit(actor=d.gov_reviewer, report=r, on=D(2020, 3, 9))
    services.report_approve(actor=d.gov_leader, report=r, on=D(2020, 3, 17))
    services.report_publish(actor=d.gov_reviewer, report=r, on=D(2020, 3, 18))
    assert r.title in client.get("/reports/").content.decode()
    page = client.get(f"/reports/{r.pk}/").content.decode()
    assert "共下达督办整改任务1件。" in page and "/workspace/indicators/" not in page
    assert "13812345678" not in page and "138****5678" in page
    assert ledger.verify().ok
    assert ledgerstate.verify_state()[1] == []  # every row as its last event recorded it


def test_facts_offered_for_the_narrative(client, d):
    late = task(d.street_a, D(2019, 3, 4))  # GK-1: 20 working days
    in_time = task(d.street_a, D(2019, 5, 6))
    other = task(d.street_b, D(2019, 6, 3))
    task(d.bureau, D(2019, 9, 2))  # still open, overdue today
    for t, on in ((late, D(2019, 6, 28)), (in_time, D(2019, 5, 10)), (other, D(2019, 6, 5))):
        clocks.stop(actor=SYSTEM, clock=clocks.for_subject(t).get(), on=on)
    got = {str(h): [(f.org, f.text) for f in rows] for h, rows in facts.offered(d.gov, 2019)}
    assert got == {
        "超期办结最多的单位": [("甲街道", "超期办结1件（办结2件）")],
        "按期办结率最低的单位": [("甲街道", "按期办结率50.00%")],
        "当前超期未办结的单位": [("测试区行政执法局", "当前超期未办结1件")],
    }
    r = services.report_generate(actor=d.gov_reviewer, org=d.gov, year=2019, on=D(2020, 3, 2))
    sign_in(client, d.gov_reviewer)
    page = client.get(f"/workspace/reports/{r.pk}/").content.decode()
    url = f"/workspace/indicators/K-CLOCK-LATE/?year=2019&amp;org={d.street_a.pk}"
    assert f'<a href="{url}">甲街道 超期办结1件（办结2件）</a>' in page


def test_the_office_rewords_a_part_in_a_new_revision(client, d):
    task(d.street_a, D(2019, 5, 6))
    n = LedgerEvent.objects.count()
    with pytest.raises(ValidationError, match="未登记的指标：K-NO-SUCH"):
        templates_text.part_text_save(
            actor=d.supervisor,
            org=d.gov,
            key="一(六)2",
            module="oversight",
            order=100,
            template="共下达{K-NO-SUCH}。",
        )
    with pytest.raises(PermissionDenied):
        templates_text.part_text_save(
            actor=d.gov_reviewer,
            org=d.gov,
            key="一(六)2",
            module="oversight",
            order=100,
            template="全年下达督办整改任务{K-TASK-OPENED}。",
        )
    assert LedgerEvent.objects.count() == n and not PartText.objects.exists()
    t = templates_text.part_text_save(
        actor=d.supervisor,
        org=d.street_a,  # any organisation of the district: the district's wording
        key="一(六)2",
        module="oversight",
        order=100,
        template="全年下达督办整改任务{K-TASK-OPENED}。",
    )
    assert (t.org, t.revision) == (d.gov, 1)
    with pytest.raises(ValidationError, match="模板没有改动"):
        templates_text.part_text_save(
            actor=d.supervisor,
            org=d.gov,
            key="一(六)2",
            module="oversight",
            order=100,
            template="全年下达督办整改任务{K-TASK-OPENED}。",
        )
    r = services.report_generate(actor=d.gov_reviewer, org=d.gov, year=2019, on=D(2020, 3, 2))
    assert "1.推进诚信政府建设。全年下达督办整改任务1件。台账常态化管理。" in text(r)
    sign_in(client, d.supervisor)
    page = client.get("/workspace/reports/templates/").content.decode()
    assert "第1次修订" in page and "全年下达督办整改任务{K-TASK-OPENED}。" in page
    resp = client.post(
        "/workspace/reports/templates/",
        {"key": "一(六)2", "module": "oversight", "order": "100", "template": "共{BAD}件"},
        follow=True,
    )
    assert "模板引用了未登记的指标：BAD" in resp.content.decode()
    assert PartText.objects.count() == 1


def test_last_year_is_the_year_before_the_reports():
    """在{last_year}年减少证明材料…基础上 (seed 一(二)3): the year before, not a fixed 2018."""
    assert reportparts.template_problem("在{last_year}年基础上，{year}年再减少") == ""
    segs = compose.fill("在{last_year}年基础上，{year}年再减少", 2020, None, {})
    assert segs == [{"t": "在2019年基础上，2020年再减少"}]
    assert reportparts.codes_in("{last_year}{K-TASK-OPENED}") == ["K-TASK-OPENED"]
