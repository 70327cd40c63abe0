"""The legality registers on the kernel's data-exchange path: the advisers' register
exports and imports back unchanged, a file imported once adds nothing the second time, a bad
row is named by row and column and nothing is stored; the published normative documents
export with their numbers, dates and status."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from python_calamine import CalamineWorkbook

from fazhi.core.dataexchange import exporting, registry, runner, writer
from fazhi.core.models import LedgerEvent

from .. import imports
from ..models import Adviser, NormativeDocument
from ..services import advisers, normative
from .factories import District
from .test_staff_life import issued

pytestmark = pytest.mark.django_db
D = dt.date
LICENCE = "14301201910123456"


@pytest.fixture
def w(db, settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path
    return District()


def row(licence=LICENCE, name="周明远", **kw) -> list[str]:
    values = {"licence_no": licence, "name": name, "kind": "外聘律师", "firm": "湖南星城律师事务所",
              "firm_credit_code": "", "phone": "0731-84412345", "org": "测试区司法局",
              "is_active": "是"} | kw  # fmt: skip
    return [values[c.key] for c in imports.ADVISER_COLUMNS]


def book(rows) -> bytes:
    return writer.xlsx(imports.ADVISERS.headers(), rows)


def stored():
    return Adviser._base_manager.count(), LedgerEvent.objects.count()


def run(w, data, **kw):
    return runner.run("legal-advisers", actor=w.reviewer, data=data, filename="名册.xlsx", **kw)


def test_the_registers_are_declared():
    assert registry.get("legal-advisers").importable
    assert registry.get("normative-documents").exportable
    assert registry.get("normative-documents").importable


def test_advisers_round_trip_and_a_second_import_adds_nothing(w):
    advisers.adviser_save(
        actor=w.reviewer, org=w.justice, kind="public", name="李静", licence_no="24301201911000021"
    )
    src = book([row(), row("14301201910123457", "陈晓东", phone="")])
    r = run(w, src)
    assert (r.ok, r.rows, r.added, r.unchanged) == (True, 2, 2, 0)
    a = Adviser.objects.get(licence_no=LICENCE)
    assert (a.name, a.kind, a.firm, a.org, a.is_active) == (
        "周明远",
        "lawyer",
        "湖南星城律师事务所",
        w.justice,
        True,
    )
    # the export: every adviser the importer sees, in the register's columns
    data = exporting.workbook(imports.ADVISERS, imports.ADVISERS.records(actor=w.reviewer))
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert rows[0] == imports.ADVISERS.headers()
    assert [(r[0], r[1], r[2], r[6]) for r in rows[1:]] == [
        (LICENCE, "周明远", "外聘律师", "测试区司法局"),
        ("14301201910123457", "陈晓东", "外聘律师", "测试区司法局"),
        ("24301201911000021", "李静", "公职律师", "测试区司法局"),
    ]
    # it imports back unchanged (a dry run first: no errors, nothing to add)
    dry = run(w, data, dry_run=True)
    assert (dry.ok, dry.rows, dry.added, dry.unchanged) == (True, 3, 0, 3)
    before = stored()
    again = run(w, data)
    assert (again.ok, again.added, again.unchanged, again.updated) == (True, 0, 3, 0)
    assert stored()[0] == before[0]
    # the first file once more: recognised by its hash, nothing added
    before = stored()
    once = run(w, src)
    assert once.already is not None and once.added == 0
    assert stored() == before


def test_a_bad_row_is_named_and_nothing_is_stored(w):
    advisers.adviser_save(
        actor=w.reviewer, org=w.justice, kind="public", name="李静", licence_no="24301201911000021"
    )
    before = stored()
    r = run(w, book([
        row(),
        row("1430", "王磊"),
        row("14301201910123458", "赵敏", kind="法律工作者"),
        row("14301201910123459", "孙悦", org="不存在的局"),
        row("24301201911000021", "李晶", kind="公职律师"),
        row(),
    ]))  # fmt: skip
    assert [str(e) for e in r.errors] == [
        "第3行：执业证号应为17位数字：1430",
        "第4行 类别：“法律工作者”不是可选值（公职律师 / 外聘律师 / 律师事务所）。",
        "第5行 登记单位：“不存在的局”不存在或不在您的数据范围内。",
        "第6行 姓名或名称：已有相同执业证号的记录，且本列与它不同（李静）。",
        "第7行 执业证号：与本文件第2行重复。",
    ]
    assert not r.ok and stored() == before


def test_the_published_documents_export_with_their_status(w):
    issued(w, valid_until=D(2024, 6, 4))
    gone = issued(w, title="测试区关于民营企业证明材料的若干规定")
    normative.end_life(actor=w.office_clerk, document=gone, to="repealed", on=D(2019, 12, 2),
                       reason="被新规定取代")  # fmt: skip
    w.draft(title="测试区尚在起草的文件")  # not published: not in the register
    recs = imports.DOCUMENTS.records(actor=w.office_clerk)
    data = exporting.workbook(imports.DOCUMENTS, recs)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert rows[0][:3] == ["发文字号*", "登记号*", "文件名称*"]
    assert [(r[0], r[1], r[8], r[9]) for r in rows[1:]] == [
        ("测政发〔2019〕1号", "CSPR-2019-1", "已发布", ""),
        ("测政发〔2019〕2号", "CSPR-2019-2", "已废止", "2019-12-02"),
    ]
    assert rows[1][7] in ("2024-06-04", dt.datetime(2024, 6, 4), D(2024, 6, 4))
    # another department sees neither
    assert list(imports.DOCUMENTS.records(actor=w.outsider)) == []


# ---------------------------------------------------------------- normative documents


def doc_row(number="测政发〔2017〕5号", **kw) -> list[str]:
    values = {"doc_number": number, "registration_number": "CSPR-2017-5",
              "title": "测试区关于规范农村集体资产管理的暂行办法", "issuer": "测试区人民政府",
              "org": "测试区发展和改革局", "published_on": "2017-03-10", "effective_on": "2017-04-10",
              "valid_until": "2022-04-09", "status": "已发布", "ended_on": ""} | kw  # fmt: skip
    return [values[c.key] for c in imports.DOCUMENT_COLUMNS]


def doc_book(rows) -> bytes:
    return writer.xlsx(imports.DOCUMENTS.headers(), rows)


def doc_run(w, data, actor=None, **kw):
    return runner.run(
        "normative-documents", actor=actor or w.office_clerk, data=data, filename="目录.xlsx", **kw
    )


def documents_stored():
    return NormativeDocument._base_manager.count(), LedgerEvent.objects.count()


def test_documents_issued_before_the_platform_import_and_export_back_unchanged(w):
    issued(w, valid_until=D(2024, 6, 4))
    r = doc_run(w, doc_book([
        doc_row(),
        doc_row("测政发〔2016〕12号", registration_number="CSPR-2016-12",
                title="测试区关于城市道路停车管理的实施意见", published_on="2016-08-01",
                effective_on="2016-09-01", valid_until="", status="已废止",
                ended_on="2019-06-30"),
    ]))  # fmt: skip
    assert (r.ok, r.rows, r.added, r.unchanged) == (True, 2, 2, 0), [str(e) for e in r.errors]
    old = NormativeDocument.objects.get(doc_number="测政发〔2017〕5号")
    assert (old.status, old.org, old.issuer, old.registrar_org, old.review_org) == (
        "issued", w.dept, w.gov, w.office, w.justice,
    )  # fmt: skip
    assert (old.published_on, old.effective_on, old.valid_until, old.number) == (
        D(2017, 3, 10), D(2017, 4, 10), D(2022, 4, 9), "测政发〔2017〕5号",
    )  # fmt: skip
    gone = NormativeDocument.objects.get(doc_number="测政发〔2016〕12号")
    assert (gone.status, gone.ended_on, gone.closed_on) == ("repealed", D(2019, 6, 30),
                                                            D(2019, 6, 30))  # fmt: skip
    assert [(e.kind, e.on) for e in gone.events.all()] == [
        ("published", D(2016, 8, 1)), ("repealed", D(2019, 6, 30)),
    ]  # fmt: skip
    assert not old.filings.exists()
    # found by the public library's search (its title is indexed)
    from ..queries import public_documents

    assert [d.doc_number for d in public_documents(q="农村集体资产")] == ["测政发〔2017〕5号"]
    # the export: all three, in publication order; a dry run of it reports nothing to do
    data = exporting.workbook(imports.DOCUMENTS, imports.DOCUMENTS.records(actor=w.office_clerk))
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert [(r[0], r[3], r[4], r[8]) for r in rows[1:]] == [
        ("测政发〔2016〕12号", "测试区人民政府", "测试区发展和改革局", "已废止"),
        ("测政发〔2017〕5号", "测试区人民政府", "测试区发展和改革局", "已发布"),
        ("测政发〔2019〕1号", "测试区人民政府", "测试区发展和改革局", "已发布"),
    ]
    before = documents_stored()
    dry = doc_run(w, data, dry_run=True)
    assert (dry.ok, dry.rows, dry.added, dry.unchanged, len(dry.errors)) == (True, 3, 0, 3, 0)
    again = doc_run(w, data)
    assert (again.ok, again.added, again.unchanged, again.updated) == (True, 0, 3, 0)
    assert documents_stored()[0] == before[0]


def test_a_bad_document_row_is_named_and_nothing_is_stored(w):
    issued(w)
    before = documents_stored()
    r = doc_run(w, doc_book([
        doc_row(),
        doc_row("测政发〔2019〕1号", registration_number="CSPR-2019-9"),
        doc_row("测政发〔2017〕6号", status="起草中"),
        doc_row("测政发〔2017〕7号", issuer="测试区发展和改革局"),
        doc_row("测政发〔2017〕8号", org="不存在的局"),
        doc_row("测政发〔2017〕9号", published_on="2017-03-10", effective_on="2017-03-01"),
        doc_row("测政发〔2017〕10号", status="已废止", ended_on=""),
        doc_row("测政发〔2017〕11号", ended_on="2018-01-01"),
        doc_row("测政发〔2017〕12号", published_on="2017-02-30"),
        doc_row(),
    ]))  # fmt: skip
    assert [str(e) for e in r.errors] == [
        "第3行 登记号：已有相同发文字号的记录，且本列与它不同（CSPR-2019-1）。",
        "第4行 状态：存量文件的状态应为已发布、已废止、已宣布失效或已失效。",
        "第5行 制定机关：“测试区发展和改革局”未设置为制定机关（三统一）。",
        "第6行 起草单位：“不存在的局”不是制定机关所属的单位。",
        "第7行 施行日期：施行日期不能早于发布日期。",
        "第8行 废止或失效日期：请填写废止或失效日期。",
        "第9行 废止或失效日期：现行有效的文件不填废止或失效日期。",
        "第10行 发布日期：日期格式不正确：“2017-02-30”（应为 2019-05-20）",
        "第11行 发文字号：与本文件第2行重复。",
    ]
    assert not r.ok and documents_stored() == before
    # a department that does not register the issuer's documents may not record them
    r = doc_run(w, doc_book([doc_row()]), actor=w.drafter)
    assert [str(e) for e in r.errors] == [
        "第2行：只有登记机构（政府办公室）可以录入已发布的规范性文件。"
    ]
    assert documents_stored() == before
