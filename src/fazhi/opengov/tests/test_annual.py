"""The annual report's request table (国办公开办函〔2021〕30号 table 三), cell by cell: every
row's total is the sum of its columns, every group the sum of its sub-rows, （七）总计 the
sum of the groups, and 一 + 二 = 三（七） + 四 in every column; frozen once published."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import clocks

from .. import reports, services
from ..models import ApplicantKind, ReplyType, ReportKind
from . import factories

D = dt.date
S = factories.SYSTEM


def check_sums(rows) -> None:
    """Every row and column sum of table 三 (also used on the demo year)."""
    by = {r["key"]: r["values"] for r in rows}
    for r in rows:
        if r["values"] is not None:
            assert r["values"][-1] == sum(r["values"][:-1]), r["label"]
    groups = [r for r in rows if r["level"] == 1 and r["key"] != "total"]
    for g in groups:
        subs = [r["values"] for r in rows if r["key"].startswith(g["key"] + ".")]
        if subs:
            assert g["values"] == [sum(c) for c in zip(*subs, strict=True)], g["label"]
    assert by["total"] == [sum(c) for c in zip(*(g["values"] for g in groups), strict=True)]
    assert [a + b for a, b in zip(by["new"], by["carried"], strict=True)] == [
        a + b for a, b in zip(by["total"], by["forward"], strict=True)
    ]


@pytest.fixture
def w(db):
    return factories.World()


def _req(w, on, kind=ApplicantKind.PERSON):
    extra = (
        {}
        if kind == ApplicantKind.PERSON
        else {"applicant_id_number": "", "applicant_name": "湖南湘禾建设工程有限公司"}
    )
    return factories.request(w, on=on, applicant_kind=kind, **extra)


def test_the_table_adds_up_across_the_year_boundary(w):
    a = _req(w, D(2019, 12, 20))  # open on 31 December 2019: carried into 2020
    b = _req(w, D(2020, 3, 2), ApplicantKind.COMMERCIAL)
    c = _req(w, D(2020, 3, 3))
    _req(w, D(2020, 12, 28))  # still open at the end of 2020: carried forward
    services.request_answer(actor=S, request=a, reply_type=ReplyType.DISCLOSED, on=D(2020, 1, 6))
    services.request_answer(
        actor=S,
        request=b,
        reply_type=ReplyType.NOT_DISCLOSED,
        subtype="third_party",
        ground="涉及商业秘密（条例第十五条）",
        on=D(2020, 3, 20),
    )
    services.request_notify_correction(actor=S, request=c, items="请写明文号", on=D(2020, 3, 5))
    services.request_withdraw(actor=S, request=c, reason="逾期未补正", on=D(2020, 4, 10))
    rep = reports.report_generate(
        actor=w.clerk, org=w.body, year=2020, kind=ReportKind.DEPARTMENT, on=D(2021, 1, 15)
    )
    rows = rep.table["requests"]
    by = {r["key"]: r["values"] for r in rows}
    assert rep.table["format"] == "国办公开办函〔2021〕30号"
    assert by["new"] == [2, 1, 0, 0, 0, 0, 3]
    assert by["carried"] == [1, 0, 0, 0, 0, 0, 1]
    assert by["disclosed"] == [1, 0, 0, 0, 0, 0, 1]
    assert by["not_disclosed.third_party"] == [0, 1, 0, 0, 0, 0, 1]
    assert by["other.no_correction"] == [1, 0, 0, 0, 0, 0, 1]
    assert by["total"] == [2, 1, 0, 0, 0, 0, 3]
    assert by["forward"] == [1, 0, 0, 0, 0, 0, 1]
    check_sums(rows)
    assert [x["value"] for x in rep.table["review"]] == ["—"] * 15  # the disputes register
    # GK-8: 31 January 2021 (a Sunday; fixed dates are not moved)
    assert clocks.for_subject(rep).get().due_on == D(2021, 1, 31)


def test_a_published_report_is_frozen(w):
    rep = reports.report_generate(
        actor=w.clerk, org=w.body, year=2019, kind=ReportKind.DEPARTMENT, on=D(2020, 1, 10)
    )
    with pytest.raises(PermissionDenied):
        reports.report_publish(actor=w.clerk, report=rep, on=D(2020, 1, 20))
    reports.report_publish(actor=w.head, report=rep, on=D(2020, 1, 20))
    with pytest.raises(ValidationError) as exc:
        reports.report_generate(
            actor=w.clerk, org=w.body, year=2019, kind=ReportKind.DEPARTMENT, on=D(2020, 1, 21)
        )
    assert exc.value.messages == ["该年度报告已于2020年1月20日公布，不能重新生成。"]
    c = clocks.for_subject(rep).get()
    assert (c.stopped_on, c.due_on) == (D(2020, 1, 20), D(2020, 1, 31))
