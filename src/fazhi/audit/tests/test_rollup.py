"""The numbered roll-up report (DOCX), the ageing of open findings, and the reminders before
a rectification's SJ-1 deadline."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from fazhi.core import clocks
from fazhi.core.tests.signin import sign_in

from .. import queries
from ..models import Rectification
from ..services import projects
from ..services.rollup import rollup_issue
from ..todo import rectifications_coming_due
from . import factories

D = dt.date


@pytest.fixture
def w(db):
    return factories.World()


def _three(w):
    """Three findings of two projects: one closed, two open (reported 2019-06-10 and
    2019-11-20)."""
    p1 = factories.project(w)
    p2 = factories.project(
        w,
        name="2019年部门预算执行审计",
        kind="budget",
        started_on=D(2019, 10, 8),
        reported_on=D(2019, 11, 20),
        submitted_amount="0",
        approved_amount="0",
    )
    a = factories.rectification(w, p1)
    b = factories.rectification(w, p1)
    c = factories.rectification(w, p2)
    projects.evidence_add(
        actor=factories.SYSTEM, rectification=a, description="收款凭证", dated_on=D(2019, 7, 1)
    )
    a = projects.rectification_submit(
        actor=factories.SYSTEM, rectification=a, measures="已扣回", on=D(2019, 7, 2)
    )
    projects.rectification_close(
        actor=factories.SYSTEM, rectification=a, confirmation="经核实已整改", on=D(2019, 7, 10)
    )
    return p1, p2, b, c


def test_ageing_buckets_of_open_findings(w):
    _p1, _p2, b, c = _three(w)
    due_b = clocks.for_subject(b).get().due_on
    rows = queries.ageing(w.auditor, D(2019, 12, 10))
    assert (D(2019, 12, 10) - D(2019, 6, 10)).days == 183
    assert [(r["label"], r["n"], str(r["amount"]), r["overdue"]) for r in rows] == [
        ("30天以内", 1, "236000.00", 0),  # c: 20 days since 2019-11-20
        ("31至90天", 0, "0", 0),
        ("91至180天", 0, "0", 0),
        ("181天至1年", 1, "236000.00", 1),  # b: 183 days, past its SJ-1 date
        ("1年以上", 0, "0", 0),
    ]
    assert due_b < D(2019, 12, 10)
    assert [r["n"] for r in queries.ageing(w.stranger, D(2019, 12, 10))] == [0, 0, 0, 0, 0]


def test_reminders_before_the_rectification_deadline(w):
    _p1, _p2, b, _c = _three(w)
    due = clocks.for_subject(b).get().due_on
    assert due == D(2019, 9, 9)  # 90 days from 2019-06-10 is Sunday 09-08: the next workday
    assert rectifications_coming_due(w.clerk, D(2019, 8, 24)) == []
    [r] = rectifications_coming_due(w.clerk, D(2019, 8, 25))
    assert (r.title, r.due_on, r.days_left, r.status) == (
        f"审计整改期限：{b.finding.project.number} 问题2",
        D(2019, 9, 9),
        15,
        "yellow",
    )
    assert [x.days_left for x in rectifications_coming_due(w.auditor, D(2019, 9, 12))] == [-3]
    assert rectifications_coming_due(w.stranger, D(2019, 9, 12)) == []


def test_the_roll_up_is_issued_numbered_and_frozen(w):
    _three(w)
    with pytest.raises(PermissionDenied) as exc:
        rollup_issue(actor=w.head, org=w.audit, year=2019, on=D(2020, 1, 15))
    assert str(exc.value) == "只有审计机关可以印发审计整改情况汇总报告。"
    for year, on, msg in [
        (2019, D(2019, 12, 30), "2019年度的汇总报告应在该年度结束后印发。"),
        (2018, D(2020, 1, 15), "本机关2018年度没有出具报告的审计项目。"),
    ]:
        with pytest.raises(ValidationError) as exc:
            rollup_issue(actor=w.auditor, org=w.audit, year=year, on=on)
        assert exc.value.messages == [msg]
    rep = rollup_issue(actor=w.auditor, org=w.audit, year=2019, on=D(2020, 1, 15))
    assert rep.number == "测试审计局整改报〔2020〕1号"
    assert [(r["label"], r["n"], r["cut"], r["findings"], r["closed"]) for r in rep.rows] == [
        ("预算执行审计", 1, "0.00", 1, 0),
        ("政府投资项目审计", 1, "1180000.00", 2, 1),
    ]
    assert [(a["n"], a["overdue"]) for a in rep.ageing] == [(0, 0), (1, 0), (0, 0), (1, 1), (0, 0)]
    # later closing does not change the issued report
    b = Rectification.objects.filter(status="rectifying").first()
    projects.evidence_add(
        actor=factories.SYSTEM, rectification=b, description="凭证", dated_on=D(2020, 1, 20)
    )
    assert rollup_issue(actor=w.auditor, org=w.audit, year=2019, on=D(2020, 2, 3)).number == (
        "测试审计局整改报〔2020〕2号"
    )
    rep.refresh_from_db()
    assert [(a["n"], a["overdue"]) for a in rep.ageing] == [(0, 0), (1, 0), (0, 0), (1, 1), (0, 0)]


def test_the_roll_up_pages_and_docx(w, client):
    from docx import Document

    _three(w)
    sign_in(client, w.auditor)
    r = client.post(
        reverse("audit:rollup_issue"), {"org": w.audit.pk, "year": "2019", "on": "2020-01-15"}
    )
    assert r.status_code == 302
    page = client.get(reverse("audit:rollup") + "?year=2019").content.decode()
    assert "测试审计局整改报〔2020〕1号" in page
    rep = queries.rollup_reports(w.auditor).get()
    resp = client.get(reverse("audit:rollup_docx", args=[rep.pk]))
    doc = Document(io.BytesIO(resp.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "测试区审计局" in text and "测试审计局整改报〔2020〕1号" in text
    assert "关于2019年度审计工作和审计查出问题整改情况的汇总报告" in text
    assert (
        "本机关共完成审计项目2个，送审金额12,500,000.00元，审定金额11,320,000.00元，审减金额1,180,000.00元；审计发现问题3个，已整改销号1个。"
        in text
    )
    cells = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert cells[-1] == ["合计", "2", "12,500,000.00", "11,320,000.00", "1,180,000.00", "3", "1"]
    ageing = client.get(reverse("audit:ageing")).content.decode()
    assert '<table class="table table-sm fz-table" id="ageing">' in ageing
    client.logout()
    sign_in(client, w.stranger)
    assert client.get(reverse("audit:rollup_docx", args=[rep.pk])).status_code == 404
    r = client.post(
        reverse("audit:rollup_issue"), {"org": w.audit.pk, "year": "2019", "on": "2020-01-16"}
    )
    assert r.status_code == 404
