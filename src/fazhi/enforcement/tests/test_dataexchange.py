"""Enforcement's registers on the kernel's data-exchange path: every register's export
imports back unchanged, a file is imported once, batches stay hidden until the last one,
and a failed import leaves nothing — no row, no ledger event."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.apps import apps
from python_calamine import CalamineWorkbook

from fazhi.core import ledger, ledgerstate, masking
from fazhi.core.dataexchange import exporting, registry, runner, staging
from fazhi.core.dataexchange.values import text
from fazhi.core.dataexchange.writer import unescape
from fazhi.core.models import ImportRun, LedgerEvent, StagedEvent
from fazhi.core.tests.signin import sign_in

from ..models import Case, DiscretionBand, EnforcementItem, GridCell, Inspection, SamplingBatch
from .casefactories import Bureau
from .xlsxrows import PERSON_ID, past_case_row, xlsx

pytestmark = pytest.mark.django_db

D = dt.date
BODY = "测试区行政执法局"


@pytest.fixture(autouse=True)
def _attachments(settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path / "att"


@pytest.fixture
def b(db):
    return Bureau()


def headers(name: str) -> list[str]:
    return registry.get(name).headers()


def files(b: Bureau) -> dict[str, tuple[object, list[list]]]:
    """For each enforcement register: who imports it and the rows of a clean file."""
    return {
        "inspections": (
            b.leader,
            [
                [BODY, "某某餐饮有限公司", "", D(2019, 6, 5), "未发现问题"],
                [BODY, "某某烧烤店", "", D(2019, 6, 6), "发现问题责令整改", "油烟直排"],
                [BODY, '=HYPERLINK("http://x","点此")', "", D(2019, 6, 7), "未发现问题"],
            ],
        ),
        "sampling": (
            b.leader,
            [
                [BODY, "散装大米", "某某超市", D(2019, 6, 3), "合格"],
                [BODY, "鲜猪肉", "某某农贸市场", D(2019, 6, 4), "不合格"],
            ],
        ),
        "grid-cells": (
            b.d.admin,
            [
                ["430102", "测试区网格", "区级", "", "测试区人民政府"],
                ["430102-01", "甲街道网格", "街道级", "430102", "甲街道"],
                ["430102-01-01", "甲街道一社区网格", "社区（村）级", "430102-01", "甲街道一社区"],
            ],
        ),
        "power-list": (
            b.leader,
            [
                [
                    "CG-101",
                    "乱倒垃圾",
                    BODY,
                    "城市管理",
                    "行政处罚",
                    "《条例》第三十四条",
                    "",
                    "A",
                    "情节轻微",
                    0,
                    500,
                    "",
                ],
                [
                    "CG-101",
                    "乱倒垃圾",
                    BODY,
                    "城市管理",
                    "行政处罚",
                    "《条例》第三十四条",
                    "",
                    "B",
                    "情节严重",
                    500,
                    5000,
                    "责令改正",
                ],
                ["CG-102", "擅自设置广告", BODY, "城市管理", "行政处罚", "《条例》第十七条"],
            ],
        ),
        "past-cases": (
            b.leader,
            [
                past_case_row(2019),
                past_case_row(
                    2019,
                    number="芙执案〔2019〕16号",
                    decision_number="芙执罚决〔2019〕16号",
                    fine="1,200.50",
                    paid=0,
                    paid_on=None,
                    archived_on=D(2019, 6, 1),
                ),
            ],
        ),
    }


def sheet_rows(data: bytes) -> list[list[str]]:
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    return [[_norm(v) for v in r] for r in rows[1:]]


def _norm(v) -> str:
    """A cell as the import reads it: text, the export's formula escape undone."""
    t = unescape(text(v))
    try:
        return str(Decimal(t.replace(",", "")).normalize()) if t else ""
    except ArithmeticError:
        return t


def _padded(row: list, n: int) -> list[str]:
    cells = [_norm(v) for v in row] + [""] * n
    return cells[:n]


def test_every_enforcement_register_is_importable_and_exportable():
    ours = {
        r.name
        for r in registry.all_registers()
        if r.build is not None and r.build.__module__.startswith("fazhi.enforcement")
    }
    assert ours == {"inspections", "sampling", "grid-cells", "power-list", "past-cases"}
    for name in ours:
        reg = registry.get(name)
        assert reg.importable and reg.exportable, name
        # every model the register's service creates is hidden until the import is published
        assert reg.models and all(issubclass(m, runner.Importable) for m in reg.models), name


@pytest.mark.parametrize(
    "name", ["inspections", "sampling", "grid-cells", "power-list", "past-cases"]
)
def test_an_export_imports_back_unchanged(b, name):
    actor, rows = files(b)[name]
    reg = registry.get(name)
    source = xlsx(headers(name), rows)
    first = runner.run(name, actor=actor, data=source, filename="原始.xlsx")
    assert first.ok, first.errors
    assert (first.added, first.updated, first.unchanged) == (len(rows), 0, 0)

    exported = exporting.export(name, actor=actor)
    out = sheet_rows(exported)
    width = len(reg.columns)
    personal = {i: c.personal for i, c in enumerate(reg.columns) if c.personal}
    for row in rows:  # every imported row comes out as it went in (formula text included)
        want = list(_padded(row, width))
        for i, kind in personal.items():  # but a leader sees ID numbers masked (core.masking)
            want[i] = masking.mask(kind, want[i]) if want[i] else want[i]
        assert want in out, row
    events = LedgerEvent.objects.count()
    records = sum(m._default_manager.count() for m in reg.models)

    check = runner.run(name, actor=actor, data=exported, filename="导出.xlsx", dry_run=True)
    assert (check.error_count, check.added, check.updated) == (0, 0, 0), check.errors
    assert check.unchanged == len(out)

    again = runner.run(name, actor=actor, data=exported, filename="导出.xlsx")
    assert again.ok and (again.added, again.updated, again.unchanged) == (0, 0, len(out))
    assert sum(m._default_manager.count() for m in reg.models) == records
    # no row was written: the file kept, and the import recorded with the file's hash
    new = LedgerEvent.objects.filter(seq__gt=events).order_by("seq")
    assert [e.action for e in new] == ["attachment.store", "data.import"]

    # every tracked row (cases, decisions) equals the state its staged event recorded
    assert ledgerstate.verify_state()[1] == []
    same = runner.run(name, actor=actor, data=source, filename="原始（再次）.xlsx")
    assert same.already is not None and same.already.pk == first.run_id
    assert (same.added, same.unchanged) == (0, len(rows))
    assert LedgerEvent.objects.count() == events + 2
    assert ledger.verify().ok


def test_an_exported_formula_text_is_escaped_and_comes_back_as_text(b):
    actor, rows = files(b)["inspections"]
    runner.run(
        "inspections", actor=actor, data=xlsx(headers("inspections"), rows), filename="a.xlsx"
    )
    data = exporting.export("inspections", actor=actor)
    raw = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    names = [r[1] for r in raw[1:]]
    assert '\'=HYPERLINK("http://x","点此")' in names  # shown as text by any spreadsheet
    import zipfile

    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet
    assert Inspection.objects.filter(unit_name='=HYPERLINK("http://x","点此")').count() == 1


def test_a_changed_power_list_row_updates_the_item_when_published(b):
    before = LedgerEvent.objects.count()
    row = ["CG-001", "擅自占道经营", BODY, "城市管理", "行政处罚",
           "《城市市容和环境卫生管理条例》第三十六条", "《城市市容和环境卫生管理条例》第三十六条",
           "B", "拒不改正", 200, 30000, ""]  # fmt: skip
    result = runner.run(
        "power-list", actor=b.leader, data=xlsx(headers("power-list"), [row]), filename="改.xlsx"
    )
    assert result.ok and (result.added, result.updated, result.unchanged) == (0, 1, 0)
    assert DiscretionBand.objects.get(item__code="CG-001", code="B").fine_max == Decimal("30000.00")
    actions = list(
        LedgerEvent.objects.filter(seq__gt=before).order_by("seq").values_list("action", flat=True)
    )
    assert actions == ["enf.item", "enf.band", "attachment.store", "data.import"]


def test_a_past_case_that_differs_from_the_one_recorded_is_refused(b):
    runner.run(
        "past-cases",
        actor=b.leader,
        data=xlsx(headers("past-cases"), [past_case_row(2019)]),
        filename="a.xlsx",
    )
    changed = past_case_row(2019, party_name="李某")
    result = runner.run(
        "past-cases", actor=b.leader, data=xlsx(headers("past-cases"), [changed]), filename="b.xlsx"
    )
    [err] = result.errors
    assert (err.row, err.column) == (2, "当事人")
    assert err.message == "已有相同执法主体、案件编号的记录，且本列与它不同（张某）。"
    assert Case.objects.get().party_name == "张某"


# ---------------------------------------------------------------- batches


def _outsider(fn):
    """``fn()`` as another request sees the database: outside any import run. (Not in a
    fresh ``contextvars.Context``: Django's connection is context-local through asgiref, so
    that read on a second connection, outside the test's transaction, in some orders of the
    full suite — and saw none of the test's rows.)"""
    with staging.outside():
        return fn()


def _visible() -> dict[str, int]:
    """Rows of every model as users see them (the import's own bookkeeping left out)."""
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m not in (ImportRun, StagedEvent)
    }


def _inspections(n: int, *, bad_at: int | None = None) -> bytes:
    rows = [[BODY, f"商户{i}号", "", D(2019, 5, 1 + i % 28), "未发现问题"] for i in range(1, n + 1)]
    if bad_at is not None:
        rows[bad_at - 2][3] = "2019年13月1日"
    return xlsx(headers("inspections"), rows)


def test_batches_commit_hidden_and_appear_together(b, settings):
    settings.IMPORT_BATCH_ROWS = 2
    # what another request sees, before and between the batches (the models that differ named)
    before = _outsider(_visible)
    events = LedgerEvent.objects.count()
    seen = []

    def progress(done, total):
        outside = _outsider(_visible)
        differ = sorted(k for k in before if outside[k] != before[k])
        seen.append((done, total, differ, StagedEvent.objects.count()))

    result = runner.run(
        "inspections", actor=b.leader, data=_inspections(5), filename="五行.xlsx", progress=progress
    )
    assert result.ok and result.added == 5
    # after each batch of two rows: nothing visible to anyone else, the events staged
    assert seen == [(2, 5, [], 2), (4, 5, [], 4), (5, 5, [], 5)]
    after = _outsider(_visible)  # published: everyone sees the five at once
    assert after["enforcement.Inspection"] == before["enforcement.Inspection"] + 5
    assert StagedEvent.objects.count() == 0
    new = list(LedgerEvent.objects.filter(seq__gt=events).order_by("seq"))
    assert [e.action for e in new] == ["enf.inspection"] * 5 + ["attachment.store", "data.import"]
    made = Inspection.objects.filter(unit_name__startswith="商户").order_by("pk")
    assert [e.subject_id for e in new[:5]] == [str(i.pk) for i in made]
    assert ledger.verify().ok
    assert ImportRun.objects.get(pk=result.run_id).status == "done"


def test_an_error_in_a_later_batch_withdraws_the_earlier_ones(b, settings):
    settings.IMPORT_BATCH_ROWS = 2
    before = _visible()
    events = LedgerEvent.objects.count()
    result = runner.run(
        "inspections", actor=b.leader, data=_inspections(7, bad_at=7), filename="坏.xlsx"
    )
    assert [(e.row, e.column) for e in result.errors] == [(7, "检查日期")]
    assert (result.rows, result.added, result.failed_rows) == (7, 0, 1)
    # the six good rows had been written (hidden); they are gone, and nothing was recorded
    assert _visible() == before
    assert Inspection._base_manager.count() == before["enforcement.Inspection"]
    assert LedgerEvent.objects.count() == events and StagedEvent.objects.count() == 0
    assert ImportRun.objects.get(pk=result.run_id).status == "withdrawn"


def test_valid_rows_only_imports_the_good_rows_and_lists_the_bad(b):
    result = runner.run(
        "inspections",
        actor=b.leader,
        data=_inspections(4, bad_at=3),
        filename="部分.xlsx",
        valid_rows_only=True,
    )
    assert not result.ok and (result.added, result.failed_rows) == (3, 1)
    assert [(e.row, e.column) for e in result.errors] == [(3, "检查日期")]
    assert Inspection.objects.filter(unit_name__startswith="商户").count() == 3


def test_a_dry_run_changes_nothing(b):
    before, events = _visible(), LedgerEvent.objects.count()
    result = runner.run(
        "inspections", actor=b.leader, data=_inspections(3), filename="查.xlsx", dry_run=True
    )
    assert result.ok and (result.added, result.dry_run) == (3, True)
    assert _visible() == before and LedgerEvent.objects.count() == events
    # and a dry run does not count as the file's import
    real = runner.run("inspections", actor=b.leader, data=_inspections(3), filename="查.xlsx")
    assert real.already is None and real.added == 3


def test_a_stopped_import_is_withdrawn_by_the_next_one(b, settings):
    settings.IMPORT_BATCH_ROWS = 2

    class Killed(BaseException):
        pass

    def kill(done, total):
        if done == 2:
            ImportRun.objects.update(touched_at=dt.datetime(2019, 1, 1, tzinfo=dt.UTC))
            raise Killed

    with pytest.raises(Killed):
        runner.run(
            "inspections", actor=b.leader, data=_inspections(5), filename="断.xlsx", progress=kill
        )
    # the runner withdrew it on the way out; a run left "running" by a killed process is
    # withdrawn by the next import
    run = ImportRun.objects.get()
    assert run.status == "withdrawn" and Inspection._base_manager.count() == 0
    ImportRun.objects.filter(pk=run.pk).update(status="running")
    Inspection._base_manager.create(
        body=b.body, unit_name="残留", inspected_on=D(2019, 5, 1), result="clean", import_run=run
    )
    assert runner.withdraw_stale() == 1
    assert Inspection._base_manager.filter(unit_name="残留").count() == 0


def test_a_cell_named_by_a_later_batch_is_found_in_the_run(b, settings):
    settings.IMPORT_BATCH_ROWS = 1  # every row its own batch: parents are hidden, yet found
    _actor, rows = files(b)["grid-cells"]
    result = runner.run(
        "grid-cells", actor=b.d.admin, data=xlsx(headers("grid-cells"), rows), filename="网格.xlsx"
    )
    assert result.ok, result.errors
    assert GridCell.objects.get(code="430102-01-01").parent.code == "430102-01"


def test_importable_models_are_ordered_children_first():
    order = [m._meta.label for m in runner.importable_models()]
    assert order.index("enforcement.Payment") < order.index("enforcement.Decision")
    assert order.index("enforcement.Decision") < order.index("enforcement.Case")
    assert order.index("enforcement.DiscretionBand") < order.index("enforcement.EnforcementItem")
    assert {"enforcement.Inspection", "enforcement.SamplingBatch", "enforcement.GridCell"} <= set(
        order
    )


def test_power_list_export_of_the_page_equals_the_registers(b, client):
    sign_in(client, b.leader)
    page = client.get("/workspace/enforcement/items/", {"export": "xlsx"})
    assert sheet_rows(page.content) == sheet_rows(exporting.export("power-list", actor=b.leader))
    assert EnforcementItem.objects.count() == 1


def test_row_values_are_checked_against_their_columns(b):
    long_name = "某" * 201
    rows = [
        [BODY, long_name, "", D(2019, 6, 5), "未发现问题"],
        [BODY, "某店\x00", "", D(2019, 6, 5), "未发现问题"],
    ]
    result = runner.run(
        "inspections", actor=b.leader, data=xlsx(headers("inspections"), rows), filename="长.xlsx"
    )
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "被检查单位", "长度为 201 个字符，超过本列上限 200 个字符。"),
        (3, "被检查单位", "含有空字符（NUL），请删除后再导入。"),
    ]
    case = past_case_row(2019, fine=10**13, paid=None, paid_on=None)
    result = runner.run(
        "past-cases", actor=b.leader, data=xlsx(headers("past-cases"), [case]), filename="大.xlsx"
    )
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "罚款（元）", "金额 10000000000000 超出本列范围。")
    ]
    assert Inspection.objects.count() == 0 and Case.objects.count() == 0
    assert PERSON_ID  # the row's own party is valid: only the fine is refused
    assert SamplingBatch.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_another_connection_sees_the_batches_committed_but_none_of_their_rows(settings, tmp_path):
    """Real commits, a second connection (another thread): each batch is in the database,
    and no reader sees a row of it until the import is published."""
    import threading

    from django.db import connections

    settings.ATTACHMENT_ROOT = tmp_path / "att"
    settings.IMPORT_BATCH_ROWS = 2
    b = Bureau()
    seen = []

    def progress(done, total):
        def look():
            try:
                seen.append((Inspection.objects.count(), Inspection._base_manager.count()))
            finally:
                connections.close_all()

        t = threading.Thread(target=look)
        t.start()
        t.join()

    result = runner.run(
        "inspections", actor=b.leader, data=_inspections(5), filename="五行.xlsx", progress=progress
    )
    assert result.ok
    assert seen == [(0, 2), (0, 4), (0, 5)]  # (what users see, what is committed)
    assert Inspection.objects.count() == 5
