"""Excel imports: all rows or nothing, every failed row named with the check that failed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from fazhi.core.models import LedgerEvent
from fazhi.core.tests.signin import sign_in

from .. import imports
from ..models import GridCell, Inspection, SamplingBatch
from ..services import campaigns as svc
from .test_campaigns import BAD_CODE, VALID_CODE, Bodies
from .xlsxrows import xlsx

pytestmark = pytest.mark.django_db

D = dt.date
INSPECTION_HEADERS = [
    "执法主体*",
    "被检查单位*",
    "统一社会信用代码",
    "检查日期*",
    "检查结果*",
    "发现的问题",
    "专项行动",
    "案件编号",
]


@pytest.fixture(autouse=True)
def _attachments(settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path / "att"


@pytest.fixture
def b(db):
    return Bodies()


def _run(b, kind, data, actor=None, filename="导入.xlsx"):
    return imports.run(actor=actor or b.d.leader, kind=kind, data=data, filename=filename)


def test_a_clean_file_imports_every_row_and_is_kept(b):
    c = b.campaign()
    case = b.case()
    data = xlsx(
        INSPECTION_HEADERS,
        [
            ["测试区行政执法局", "某工地", VALID_CODE, D(2019, 6, 5), "发现问题责令整改", "扬尘"],
            ["测试区行政执法局", "某烧烤店", "", "2019年6月6日", "clean"],
            [
                "测试区行政执法局",
                "某餐馆",
                "",
                "2019/06/07",
                "立案查处",
                "油烟",
                c.name,
                case.number,
            ],
            [None, None, None, None, None],  # blank rows are skipped
        ],
    )
    result = _run(b, "inspections", data)
    assert result.ok and result.rows == 3 and len(result.created) == 3
    rows = {i.unit_name: i for i in Inspection.objects.all()}
    assert rows["某工地"].unit_credit_code == VALID_CODE
    assert rows["某烧烤店"].inspected_on == D(2019, 6, 6)
    assert (rows["某餐馆"].campaign, rows["某餐馆"].case) == (c, case)
    event = LedgerEvent.objects.get(action="enf.import")
    assert event.data == {"kind": "inspections", "rows": 3, "file": "导入.xlsx"}
    assert len(event.attachments) == 1
    assert LedgerEvent.objects.filter(action="enf.inspection").count() == 3


def test_a_row_with_an_invalid_credit_code_is_refused_and_nothing_is_imported(b):
    events = LedgerEvent.objects.count()
    data = xlsx(
        INSPECTION_HEADERS,
        [
            ["测试区行政执法局", "某工地", VALID_CODE, D(2019, 6, 5), "未发现问题"],
            ["测试区行政执法局", "某商店", BAD_CODE, D(2019, 6, 5), "未发现问题"],
        ],
    )
    result = _run(b, "inspections", data)
    assert not result.ok and result.created == []
    [err] = result.errors
    assert (err.row, err.column) == (3, "统一社会信用代码")
    assert BAD_CODE in err.message and "未通过校验" in err.message
    assert "第18位校验码" in err.message  # the check that failed
    assert str(err).startswith("第3行 统一社会信用代码：")
    assert Inspection.objects.count() == 0
    assert LedgerEvent.objects.count() == events


def test_every_bad_row_is_listed_in_one_pass(b):
    data = xlsx(
        INSPECTION_HEADERS,
        [
            ["不存在的局", "甲", "", D(2019, 6, 5), "未发现问题"],
            ["测试区行政执法局", "乙", "", "6月5日", "未发现问题"],
            ["测试区行政执法局", "丙", "", D(2019, 6, 5), "很好"],
            ["测试区行政执法局", "丁", "", D(2019, 6, 5), "发现问题责令整改"],
            ["测试区行政执法局", "戊", "", D(2019, 6, 5), "未发现问题", "", "", "无此案"],
            ["测试区行政执法局", "己", "", D(2019, 6, 5), "未发现问题"],
        ],
    )
    result = _run(b, "inspections", data)
    got = [(e.row, e.column) for e in result.errors]
    assert got == [
        (2, "执法主体"),
        (3, "检查日期"),
        (4, "检查结果"),
        (5, "发现的问题"),
        (6, "案件编号"),
    ]
    assert "不在您的数据范围内" in result.errors[0].message
    assert "日期格式不正确" in result.errors[1].message
    assert Inspection.objects.count() == 0


def test_rows_outside_the_importers_scope_are_refused(b):
    data = xlsx(INSPECTION_HEADERS, [["测试区市场监督管理局", "甲", "", D(2019, 6, 5), "clean"]])
    result = _run(b, "inspections", data)  # the bureau's leader cannot see the market body
    assert result.errors[0].column == "执法主体" and Inspection.objects.count() == 0


def test_unreadable_files_and_missing_columns_are_refused_whole(b):
    with pytest.raises(imports.ImportFileError) as exc:
        _run(b, "inspections", xlsx(["执法主体", "被检查单位"], [["测试区行政执法局", "甲"]]))
    assert "缺少这些列：检查日期、检查结果" in str(exc.value)
    with pytest.raises(imports.ImportFileError):
        _run(b, "inspections", b"not a workbook")
    with pytest.raises(imports.ImportFileError):
        _run(b, "inspections", b"a,b", filename="x.csv")
    with pytest.raises(imports.ImportFileError):
        _run(b, "inspections", xlsx(INSPECTION_HEADERS, []))


def test_sampling_import(b):
    c = b.campaign()
    data = xlsx(
        ["执法主体", "样品", "被抽样单位", "抽样日期", "检验结论", "专项行动"],
        [
            ["测试区市场监督管理局", "散装大米", "某超市", D(2019, 6, 6), "合格", c.name],
            ["测试区市场监督管理局", "鲜猪肉", "某市场", D(2019, 6, 7), "不合格"],
        ],
    )
    result = _run(b, "sampling", data, actor=b.market_officer)
    assert result.ok and SamplingBatch.objects.count() == 2
    assert SamplingBatch.objects.get(product="散装大米").campaign == c
    assert SamplingBatch.objects.get(product="鲜猪肉").result == "fail"


def test_cells_import_in_order_parents_first(b):
    headers = ["网格编码", "网格名称", "层级", "上级网格编码", "责任单位"]
    bad = xlsx(
        headers,
        [
            ["430102-01", "甲街道网格", "街道级", "430102", "甲街道"],  # parent comes later
            ["430102", "测试区", "区级", "", "测试区人民政府"],
            ["430102-09", "错层", "镇级", "430102", "乙街道"],
        ],
    )
    result = _run(b, "cells", bad, actor=b.d.admin)
    assert [(e.row, e.column) for e in result.errors] == [(2, "上级网格编码"), (4, "层级")]
    assert GridCell.objects.count() == 0
    good = xlsx(
        headers,
        [
            ["430102", "测试区", "区级", "", "测试区人民政府"],
            ["430102-01", "甲街道网格", "街道级", "430102", "甲街道"],
            ["430102-01-01", "甲街道一社区网格", "社区级", "430102-01", "甲街道一社区"],
        ],
    )
    assert _run(b, "cells", good, actor=b.d.admin).ok
    assert GridCell.objects.get(code="430102-01-01").parent.code == "430102-01"


def test_the_template_carries_the_columns(b):
    book = CalamineWorkbook.from_filelike(io.BytesIO(imports.template("inspections")))
    header = book.get_sheet_by_index(0).to_python()[0]
    assert header == INSPECTION_HEADERS
    assert book.sheet_names[1] == "填写说明"


def test_import_page_lists_row_errors_and_imports_nothing(b, client):
    sign_in(client, b.d.leader)
    resp = client.get("/workspace/enforcement/imports/inspections/template/")
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    data = xlsx(
        INSPECTION_HEADERS, [["测试区行政执法局", "某商店", BAD_CODE, D(2019, 6, 5), "clean"]]
    )
    resp = client.post(
        "/workspace/enforcement/inspections/import/",
        {"file": SimpleUploadedFile("检查.xlsx", data)},
    )
    body = resp.content.decode()
    assert resp.status_code == 200 and 'id="import-errors"' in body
    assert "<td>2</td><td>统一社会信用代码</td>" in body and "未导入任何数据" in body
    assert Inspection.objects.count() == 0
    good = xlsx(
        INSPECTION_HEADERS, [["测试区行政执法局", "某商店", VALID_CODE, D(2019, 6, 5), "clean"]]
    )
    resp = client.post(
        "/workspace/enforcement/inspections/import/",
        {"file": SimpleUploadedFile("检查.xlsx", good)},
    )
    assert resp.status_code == 302 and Inspection.objects.count() == 1
    resp = client.post(
        "/workspace/enforcement/inspections/import/",
        {"file": SimpleUploadedFile("检查.csv", b"a,b")},
    )
    assert "请上传 Excel" in resp.content.decode()


def test_credit_code_helper_names_the_failed_check():
    assert svc.credit_code_problem("")[1] is None
    assert svc.credit_code_problem(VALID_CODE)[1] is None
    assert "校验码" in svc.credit_code_problem(BAD_CODE)[1]
    assert svc.credit_code_problem("123")[1]
