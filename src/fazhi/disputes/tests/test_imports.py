"""An inspection team's batch from Excel: all rows or nothing, each failed row named with its
number, column and check; the template; the batch's items out to Excel."""

import datetime as dt
import io

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from fazhi.core.models import LedgerEvent
from fazhi.core.tests.signin import sign_in

from .. import imports
from ..models import InspectionBatch, InspectionItem
from .factories import ID_A, World

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def w(db):
    return World()


def xlsx(rows) -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet()
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            ws.write(r, c, v)
    book.close()
    return buf.getvalue()


HEADER = ["承办单位*", "信访人*", "身份证号码", "反映问题*"]


def _run(w, rows, batch_no=8):
    return imports.import_batch(
        actor=w.xf_clerk, org=w.xf, team="provincial", batch_no=batch_no,
        received_on=D(2019, 4, 22), due_on=D(2019, 5, 22), data=xlsx([HEADER, *rows]),
        filename="第8批.xlsx",
    )  # fmt: skip


def test_a_clean_file_registers_the_batch(w):
    result = _run(
        w, [["测试区行政执法局", "张建国", ID_A, "反映违建"], ["甲街道", "李四", "", "反映噪声"]]
    )
    assert result.ok and result.rows == 2
    b = result.batch
    assert [(i.seq, i.unit.name) for i in b.items.order_by("seq")] == [
        (1, "测试区行政执法局"),
        (2, "甲街道"),
    ]


def test_failed_rows_are_named_and_nothing_is_saved(w):
    before = LedgerEvent.objects.count()
    result = _run(
        w,
        [
            ["测试区行政执法局", "张建国", "430102198001010012", "反映违建"],
            ["不存在的单位", "李四", "", "反映噪声"],
        ],
    )
    assert [str(e) for e in result.errors] == ["第3行 承办单位：没有名为“不存在的单位”的单位。"]
    result = _run(w, [["测试区行政执法局", "张建国", "430102198001010012", "反映违建"],
                      ["甲街道", "", "", "反映噪声"]])  # fmt: skip
    assert [str(e) for e in result.errors] == [
        "第2行 身份证号码：第1件的信访人的身份证号码不正确：公民身份号码第18位校验码应为1，实际为2",
        "第3行 信访人：请填写第2件的信访人的姓名或名称。",
    ]
    assert (InspectionBatch.objects.count(), InspectionItem.objects.count()) == (0, 0)
    assert LedgerEvent.objects.count() == before


def test_not_an_excel_file(w):
    with pytest.raises(imports.ImportFileError) as exc:
        imports.import_batch(
            actor=w.xf_clerk, org=w.xf, team="central", batch_no=1, received_on=D(2019, 4, 22),
            due_on=D(2019, 5, 22), data=b"not excel", filename="x.xlsx",
        )  # fmt: skip
    assert str(exc.value) == "无法读取文件，请上传 Excel（.xlsx）文件。"


def test_template_and_export_through_the_pages(client, w):
    sign_in(client, w.xf_clerk)
    t = client.get("/workspace/disputes/batches/import/template.xlsx")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(t.content)).get_sheet_by_index(0)
    assert sheet.to_python()[0] == HEADER
    upload = io.BytesIO(xlsx([HEADER, ["测试区行政执法局", "张建国", ID_A, "反映违建"]]))
    upload.name = "batch.xlsx"
    resp = client.post(
        "/workspace/disputes/batches/import/",
        {"team": "central", "batch_no": 3, "received_on": "2019-04-12", "due_on": "2019-05-02",
         "file": upload},
    )  # fmt: skip
    assert resp.status_code == 302
    b = InspectionBatch.objects.get()
    out = client.get(f"/workspace/disputes/batches/{b.pk}/?export=xlsx")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(out.content)).get_sheet_by_index(0)
    assert rows.to_python()[1][:3] == [
        "中央扫黑除恶督导组交办信访件第3批-1",
        "测试区行政执法局",
        "张建国",
    ]
