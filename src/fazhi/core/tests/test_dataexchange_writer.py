"""The one Excel writer: no value ever becomes a formula, and the escape is undone exactly
by the reader, so exports still import back unchanged."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from fazhi.core.dataexchange import writer
from fazhi.core.dataexchange.writer import TRIGGERS, safe_text, unescape

HOSTILE = [
    '=HYPERLINK("http://example.invalid","点此")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "'=1",
    "''@x",
]


@given(st.text())
def test_the_escape_is_undone_exactly(text):
    assert unescape(safe_text(text)) == text
    assert not safe_text(text)[:1] or safe_text(text)[0] not in TRIGGERS


def test_cells_starting_with_a_trigger_are_prefixed_and_others_are_not():
    assert [safe_text(t) for t in HOSTILE] == [
        '\'=HYPERLINK("http://example.invalid","点此")',
        "'+1+1",
        "'-2+3",
        "'@SUM(A1)",
        "'\t=1",
        "'\r=1",
        "''=1",
        "'''@x",
    ]
    for plain in ("某某餐饮有限公司", "2019-05-20", "'引号开头", "A=B", ""):
        assert safe_text(plain) == plain


def test_a_workbook_holds_no_formula_whatever_the_values():
    values = [*HOSTILE, Decimal("12.50"), 7, 1.5, dt.date(2019, 5, 20), None, True]
    data = writer.xlsx(["值"], [[v] for v in values])
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    read = [r[0] for r in rows[1:]]
    assert [unescape(v) for v in read[: len(HOSTILE)]] == HOSTILE
    assert read[len(HOSTILE) : len(HOSTILE) + 3] == [12.5, 7, 1.5]


def test_every_register_exports_with_its_headers(db):
    """``fazhi export`` works for every register any module declared (whole, as the system)."""
    from fazhi.core.dataexchange import exporting, registry
    from fazhi.core.ledger import SystemActor

    from .factories import District

    District()
    names = [r.name for r in registry.all_registers() if r.exportable]
    assert {"users", "orgs", "operation-log", "calendar", "indicators"} <= set(names)
    for name in names:
        reg = registry.get(name)
        data = exporting.export(name, actor=SystemActor("测试"), year=2019)
        rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
        assert rows[0] == reg.headers(), name
    orgs = exporting.export("orgs", actor=SystemActor("测试"))
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(orgs)).get_sheet_by_index(0).to_python()
    assert [r[1] for r in sheet[1:3]] == ["测试区人民政府", "测试区司法局"]


def test_every_file_fazhi_writes_goes_through_the_one_writer():
    """No module writes a workbook but ``writer``; every module that writes CSV puts its rows
    through ``writer.csv_row`` (the same escape). The fixture web site of the monitor tests
    is not fazhi's output."""
    import re
    from pathlib import Path

    src = Path(writer.__file__).resolve().parents[2]
    csv_writers, workbooks = [], []
    for path in sorted(src.rglob("*.py")):
        rel = path.relative_to(src).as_posix()
        if "/tests/" in rel or rel.startswith("monitor/fixtures_site/"):
            continue
        text = path.read_text(encoding="utf-8")
        if rel != "core/dataexchange/writer.py" and re.search(
            r"^\s*(import xlsxwriter|from xlsxwriter|import openpyxl|from openpyxl)", text, re.M
        ):
            workbooks.append(rel)
        if re.search(r"csv\.(writer|DictWriter)\(", text):
            csv_writers.append(rel)
            assert "csv_row(" in text, f"{rel} writes CSV without writer.csv_row"
    assert workbooks == []
    assert csv_writers == ["core/calendar.py", "enforcement/casefile.py"]


def test_the_calendar_csv_escapes_and_imports_back(db):
    import csv

    from fazhi.core import calendar
    from fazhi.core.models import CalendarDay

    from .factories import District

    d = District()
    day = CalendarDay.objects.filter(notice_year=2019).order_by("date").first()
    CalendarDay.objects.filter(pk=day.pk).update(name='=HYPERLINK("x.inv")')
    text = calendar.export_year_csv(2019)
    rows = list(csv.DictReader(text.splitlines()))
    assert rows[0]["name"] == '\'=HYPERLINK("x.inv")'
    calendar.import_year(actor=d.admin, year=2019, rows=rows, source="重新导入")
    assert CalendarDay.objects.get(notice_year=2019, date=day.date).name == ('=HYPERLINK("x.inv")')
