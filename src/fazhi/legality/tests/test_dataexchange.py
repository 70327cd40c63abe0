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
from ..models import Adviser
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
    assert not registry.get("normative-documents").importable


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
