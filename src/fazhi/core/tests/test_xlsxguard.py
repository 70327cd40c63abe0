"""The guarded reader: hostile .xlsx files are refused before any spreadsheet library
allocates by them, and even an unguarded reader that aborts takes only its child down."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

import pytest
import xlsxwriter

from fazhi.core.dataexchange import xlsxguard
from fazhi.core.dataexchange.reader import FileRefused, SheetReader

from .xlsxparts import XML, inline, number, package, sheet

XFD = package(sheet({1: inline("A1", "姓名"), 1048576: number("XFD1048576", 1)}))


def refused(data: bytes) -> tuple[str, dict]:
    with pytest.raises(xlsxguard.Refused) as exc:
        xlsxguard.inspect(data)
    return exc.value.code, exc.value.params


def read(data: bytes, **kw) -> list[tuple[int, list]]:
    with SheetReader(data, **kw) as rows:
        return list(rows)


def test_the_xfd1048576_file_is_refused_before_any_reader_sees_it():
    assert len(XFD) < 2000  # the file that made calamine ask for 549 GB
    assert refused(XFD) == ("too_many_rows", {"cell": "XFD1048576", "limit": 100_000})
    with pytest.raises(FileRefused) as exc:
        read(XFD)
    assert str(exc.value) == "工作表在 XFD1048576 还有内容：一次最多导入 100000 行。"


def test_without_the_pre_pass_the_reader_dies_in_its_child_not_in_the_server():
    # python-calamine densifies the grid and aborts (a Rust allocation failure is abort(),
    # not an exception); the capped child dies, this process reports it and goes on.
    with pytest.raises(FileRefused) as exc:
        read(XFD, guard=False)
    assert exc.value.code == "reader_crashed"
    assert "未导入任何数据" in str(exc.value)
    assert read(package(sheet({1: inline("A1", "仍然可用")}))) == [(1, ["仍然可用"])]


def test_a_declared_dimension_or_an_empty_styled_cell_far_away_is_not_a_refusal():
    # Excel's Solver add-in leaves such marks in innocent workbooks; no reader allocates by them
    declared = package(sheet({1: inline("A1", "甲")}, dimension="A1:XFD1048576"))
    facts = xlsxguard.inspect(declared)
    assert (facts.declared, facts.rows, facts.cols) == ("A1:XFD1048576", 1, 1)
    styled = package(sheet({1: inline("A1", "甲"), 1048576: '<c r="XFD1048576" s="1"/>'}))
    assert (xlsxguard.inspect(styled).rows, read(styled)) == (1, [(1, ["甲"])])
    # but an empty string is a value, and calamine allocates by it
    empty = package(sheet({1: inline("A1", "甲"), 1048576: inline("XFD1048576", "")}))
    assert refused(empty)[0] == "too_many_rows"


def test_rows_and_columns_keep_their_places_when_the_data_does_not_start_at_a1():
    data = package(sheet({3: inline("C3", "甲"), 5: number("D5", 5)}))
    assert read(data) == [(3, [None, None, "甲"]), (5, [None, None, None, 5.0])]


def test_columns_beyond_the_limit_are_refused():
    data = package(sheet({1: inline("A1", "甲") + number("BM1", 1)}))
    assert refused(data) == ("too_many_cols", {"cell": "BM1", "limit": 64})


def test_a_zip_bomb_is_refused_by_its_ratio_without_inflating_it():
    from .xlsxparts import bomb

    data = bomb(300)
    assert len(data) < 1_000_000
    assert refused(data) == ("bomb", {"part": "xl/worksheets/sheet1.xml"})
    with pytest.raises(FileRefused) as exc:
        read(data)
    assert str(exc.value) == "文件解压后过大（疑似压缩炸弹），已拒绝。"


def test_a_part_that_inflates_past_its_declared_size_stops_the_read(monkeypatch):
    data = package(sheet({1: inline("A1", "甲" * 50)}))
    z = zipfile.ZipFile(io.BytesIO(data))
    info = z.getinfo("xl/worksheets/sheet1.xml")
    assert info.file_size > 100
    lying = _with_declared_size(data, info, 100)
    assert zipfile.ZipFile(io.BytesIO(lying)).getinfo(info.filename).file_size == 100
    # zipfile stops at the declared size and its CRC check refuses the part ...
    assert refused(lying) == ("not_xlsx", {})
    # ... and the guard's own counter stops any part at its cap, whatever the header says
    monkeypatch.setattr(xlsxguard, "MAX_SHEET_BYTES", 200)
    assert refused(data) == ("part_too_large", {"part": info.filename, "limit": 200})


def _with_declared_size(data: bytes, info: zipfile.ZipInfo, size: int) -> bytes:
    """The package with the part's uncompressed size written as ``size`` in both its local
    header (offset 22) and its central directory entry (offset 24)."""
    out = bytearray(data)
    fake = size.to_bytes(4, "little")
    start = info.header_offset
    out[start + 22 : start + 26] = fake
    at = out.find(b"PK\x01\x02")
    while at != -1:
        name_len = int.from_bytes(out[at + 28 : at + 30], "little")
        if out[at + 46 : at + 46 + name_len] == info.filename.encode():
            out[at + 24 : at + 28] = fake
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def test_a_formula_is_refused_and_the_cell_named():
    data = package(sheet({1: inline("A1", "金额"), 2: '<c r="A2"><f>1+1</f><v>2</v></c>'}))
    assert refused(data) == ("formula", {"cell": "A2"})
    with pytest.raises(FileRefused) as exc:
        read(data)
    assert str(exc.value) == "单元格 A2 是公式，请把公式“选择性粘贴为数值”后再导入。"


def test_an_external_link_is_refused():
    link = XML + '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    data = package(
        sheet({1: inline("A1", "甲")}), parts={"xl/externalLinks/externalLink1.xml": link}
    )
    assert refused(data)[0] == "external_link"


def test_a_macro_project_is_refused():
    data = package(sheet({1: inline("A1", "甲")}), parts={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"})
    assert refused(data)[0] == "macro"


def test_a_ten_megabyte_cell_is_refused():
    text = os.urandom(5 * 1024 * 1024).hex()  # 10 MB that does not compress
    data = package(sheet({1: inline("A1", "甲"), 2: inline("A2", text)}))
    assert refused(data) == ("cell_too_long", {"cell": "A2", "limit": 32_767})
    strings = (
        XML + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<si><t>{text[:40_000]}</t></si></sst>"
    )
    shared = package(
        sheet({1: '<c r="A1" t="s"><v>0</v></c>'}), parts={"xl/sharedStrings.xml": strings}
    )
    assert refused(shared) == ("cell_too_long", {"cell": "#1", "limit": 32_767})


def test_a_renamed_text_file_is_not_a_workbook():
    assert refused(b"name,age\n\xe5\xbc\xa0\xe4\xb8\x89,30\n")[0] == "not_xlsx"
    assert refused(XFD[: len(XFD) // 2])[0] == "not_xlsx"  # a truncated upload
    with pytest.raises(FileRefused) as exc:
        read(b"name,age\n")
    assert str(exc.value) == "无法读取文件，请上传 Excel（.xlsx）文件。"


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_xxe_and_entity_expansion_are_refused(part):
    dtd = '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    if part == "xl/workbook.xml":
        from .xlsxparts import WORKBOOK

        data = package(sheet({1: inline("A1", "甲")}), workbook=WORKBOOK.replace(XML, XML + dtd))
    else:
        data = package(sheet({1: inline("A1", "&x;")}, prolog=dtd))
    assert refused(data) == ("xml_dtd", {"part": part})


def test_a_real_workbook_reads_with_its_types():
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet()
    ws.write_row(0, 0, ["日期", "金额", "名称"])
    ws.write_datetime(1, 0, dt.datetime(2019, 5, 20), book.add_format({"num_format": "yyyy-mm-dd"}))
    ws.write_number(1, 1, 500.5)
    ws.write_string(1, 2, "某某餐饮有限公司")
    book.close()
    rows = read(buf.getvalue())
    assert rows[0] == (1, ["日期", "金额", "名称"])
    assert rows[1][0] == 2 and rows[1][1][1:] == [500.5, "某某餐饮有限公司"]
    assert rows[1][1][0] in (dt.date(2019, 5, 20), dt.datetime(2019, 5, 20))


def test_the_time_limit_covers_the_reading_not_the_import_of_its_rows(monkeypatch):
    import time

    from fazhi.core.dataexchange import reader

    data = package(sheet({n: inline(f"A{n}", f"第{n}行") for n in range(1, 41)}))
    monkeypatch.setattr(reader, "TIMEOUT_SECONDS", 3)
    got = []
    with SheetReader(data) as rows:
        for n, cells in rows:  # a slow import: 4 s for the rows, more than the limit
            time.sleep(0.1)
            got.append((n, cells))
    assert got[-1] == (40, ["第40行"]) and len(got) == 40
    monkeypatch.setattr(reader, "TIMEOUT_SECONDS", 0.001)
    with pytest.raises(FileRefused) as exc:
        read(data)
    assert exc.value.code == "timeout" and str(exc.value) == "读取文件超时，未导入任何数据。"
