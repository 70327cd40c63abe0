"""Excel files for import tests: a sheet from headers and rows, and a past case's row."""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter

from fazhi.core import identity

from ..imports_catalogue import PAST_CASES

PERSON_ID = identity.generate_id_number("430102", dt.date(1980, 5, 1), 12)
BAD_ID = PERSON_ID[:-1] + ("0" if PERSON_ID[-1] != "0" else "1")
PAST_CASE_HEADERS = [c.header for c in PAST_CASES.columns]


def xlsx(headers, rows) -> bytes:
    """One sheet: the header row, then the rows (dates written as Excel dates, strings as
    text)."""
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet()
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    for c, h in enumerate(headers):
        ws.write(0, c, h)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            if isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), day)
            elif isinstance(v, str):
                ws.write_string(r, c, v)  # text stays text, even "=…" (not a formula)
            elif v is not None:
                ws.write(r, c, v)
    book.close()
    return buf.getvalue()


def past_case_row(year: int = 2019, **over) -> list:
    """A closed case of 测试区行政执法局 with a 500-yuan fine paid, in ``year``."""
    d = lambda m, day: dt.date(year, m, day)  # noqa: E731
    row = {
        "body": "测试区行政执法局",
        "number": f"芙执案〔{year}〕15号",
        "field": "城市管理",
        "item": "CG-001",
        "source": "日常巡查",
        "procedure": "普通程序",
        "party_kind": "自然人",
        "party_name": "张某",
        "party_id_number": PERSON_ID,
        "party_credit_code": "",
        "party_address": "",
        "facts": "在人行道上摆摊经营",
        "received_on": d(3, 1),
        "registered_on": d(3, 2),
        "outcome": "给予行政处罚",
        "decision_number": f"芙执罚决〔{year}〕15号",
        "decided_on": d(4, 10),
        "fine": 500,
        "confiscated": 0,
        "basis": "《城市市容和环境卫生管理条例》第三十六条",
        "served_on": d(4, 11),
        "paid": 500,
        "paid_on": d(4, 20),
        "closed_on": d(4, 25),
        "archived_on": None,
    }
    row.update(over)
    assert list(row) == [c.key for c in PAST_CASES.columns]
    return list(row.values())
