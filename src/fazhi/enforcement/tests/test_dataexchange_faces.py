"""The same registers behind every face: ``fazhi import/export``, the API and the pages — and
each bad input refused with one clear message that changes nothing."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.cli import main
from fazhi.core.dataexchange import registry
from fazhi.core.models import ImportRun, LedgerEvent
from fazhi.core.tests import xlsxparts
from fazhi.core.tests.signin import sign_in
from fazhi.core.tests.test_xlsxguard import XFD

from ..models import Inspection
from .casefactories import Bureau
from .xlsxrows import xlsx

pytestmark = pytest.mark.django_db

D = dt.date
BODY = "测试区行政执法局"
HEADERS = registry.get("inspections").headers() if registry.get("inspections") else []


@pytest.fixture(autouse=True)
def _attachments(settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path / "att"


@pytest.fixture
def b(db):
    return Bureau()


def good(n: int = 2) -> bytes:
    return xlsx(
        HEADERS,
        [[BODY, f"某某商店{i}", "", D(2019, 6, i), "未发现问题"] for i in range(1, n + 1)],
    )


def bad_rows() -> bytes:
    return xlsx(
        HEADERS,
        [
            [BODY, "甲", "", D(2019, 6, 5), "未发现问题"],
            [BODY, "乙", "", "2019年13月1日", "未发现问题"],
        ],
    )


def hostile() -> dict[str, bytes]:
    """The files the issue names, each refused whole (built once per process: the zip bomb
    deflates 300 MB)."""
    return dict(_hostile())


@functools.cache
def _hostile() -> dict[str, bytes]:
    sheet, inline, package = xlsxparts.sheet, xlsxparts.inline, xlsxparts.package
    link = xlsxparts.XML + f'<externalLink xmlns="{xlsxparts.MAIN}"/>'
    return {
        "renamed text": "单位,日期\n某某商店,2019-06-05\n".encode(),
        "zip bomb": xlsxparts.bomb(300),
        "formula": package(sheet({1: inline("A1", "执法主体"), 2: '<c r="B2"><f>A1</f></c>'})),
        "external link": package(
            sheet({1: inline("A1", "执法主体")}),
            parts={"xl/externalLinks/externalLink1.xml": link},
        ),
        "10 MB cell": package(
            sheet({1: inline("A1", "执法主体"), 2: inline("A2", os.urandom(5 << 20).hex())})
        ),
        "XFD1048576": XFD,
        "wrong headers": xlsx(["单位", "日期"], [["某某商店", D(2019, 6, 5)]]),
    }


MESSAGES = {
    "renamed text": "无法读取文件，请上传 Excel（.xlsx）文件。",
    "zip bomb": "文件解压后过大（疑似压缩炸弹），已拒绝。",
    "formula": "单元格 B2 是公式，请把公式“选择性粘贴为数值”后再导入。",
    "external link": "文件含有外部链接，请另存为不含外部链接的工作簿后再导入。",
    "10 MB cell": "单元格 A2 超过 32767 个字符。",
    "XFD1048576": "工作表在 XFD1048576 还有内容：一次最多导入 100000 行。",
    "wrong headers": "第1行缺少这些列：执法主体、被检查单位、检查日期、检查结果。请使用下载的导入模板。",
}


def _nothing_stored(events: int) -> None:
    assert Inspection._base_manager.count() == 0
    assert not ImportRun.objects.filter(status="done").exists()
    assert LedgerEvent.objects.count() == events


# ---------------------------------------------------------------- the command line


def test_import_list_names_every_register_with_its_columns(capsys):
    assert main(["import", "--list"]) == 0
    out = capsys.readouterr().out
    for name in ("inspections", "sampling", "grid-cells", "power-list", "past-cases"):
        assert f"\n{name}  " in "\n" + out
    assert "inspections  监督检查（导入、导出）" in out
    assert "  执法主体\t必填\t执法主体的机构名称或简称\t名称（在您的数据范围内查找）" in out
    assert "  被检查单位\t必填\t单位名称\t文字，最多 200 字" in out
    assert "  检查结果\t必填\t检查的结论\t未发现问题 / 发现问题责令整改 / 立案查处" in out


def test_export_then_dry_run_reports_no_errors_and_a_second_import_adds_nothing(
    b, tmp_path, capsys
):
    src = tmp_path / "检查.xlsx"
    src.write_bytes(good(3))
    assert main(["import", "inspections", str(src), "--user", "leader"]) == 0
    assert (
        capsys.readouterr()
        .out.strip()
        .endswith("已导入：共 3 行，新增 3 行，更新 0 行，与系统中一致 0 行，跳过有误的 0 行。")
    )
    out = tmp_path / "导出.xlsx"
    assert main(["export", "inspections", "--year", "2019", "--org", BODY, "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["import", "inspections", str(out), "--dry-run"]) == 0
    assert capsys.readouterr().out.strip() == (
        "检查完毕（未导入）：共 3 行，0 处错误；可新增 0 行，与系统中一致 3 行。"
    )
    events = LedgerEvent.objects.count()
    assert main(["import", "inspections", str(src), "--user", "leader"]) == 0
    said = capsys.readouterr().out.strip()
    assert said.startswith("这份文件（SHA-256 ") and said.endswith(
        "由 leader 导入（3 行），本次没有新增任何数据。"
    )
    assert Inspection.objects.count() == 3 and LedgerEvent.objects.count() == events


def test_a_long_file_shows_its_progress_on_the_terminal(b, tmp_path, capsys, settings):
    settings.IMPORT_BATCH_ROWS = 2
    src = tmp_path / "进度.xlsx"
    src.write_bytes(good(5))
    assert main(["import", "inspections", str(src), "--user", "leader", "--progress"]) == 0
    err = capsys.readouterr().err
    bars = [line.split("，")[0] for line in err.strip("\n").split("\r") if line]
    assert bars == [
        "导入 [############..................] 2/5 行",
        "导入 [########################......] 4/5 行",
        "导入 [##############################] 5/5 行",
    ]


def test_rows_with_errors_are_listed_and_nothing_is_imported(b, tmp_path, capsys):
    events = LedgerEvent.objects.count()
    src = tmp_path / "坏.xlsx"
    src.write_bytes(bad_rows())
    assert main(["import", "inspections", str(src), "--user", "leader"]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [
        "第3行 检查日期：日期格式不正确：“2019年13月1日”（应为 2019-05-20）",
        "未导入任何数据：共 2 行，1 行有误（1 处错误）。",
    ]
    _nothing_stored(events)


@pytest.mark.parametrize("case", list(MESSAGES))
def test_a_hostile_or_wrong_file_is_one_line_and_exit_2(b, tmp_path, capsys, case):
    events = LedgerEvent.objects.count()
    path = tmp_path / "上传.xlsx"
    path.write_bytes(hostile()[case])
    assert main(["import", "inspections", str(path), "--user", "leader"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"fazhi import: {MESSAGES[case]}"]
    _nothing_stored(events)


def test_unknown_register_and_an_organisation_out_of_scope_are_refused(b, tmp_path, capsys):
    events = LedgerEvent.objects.count()
    path = tmp_path / "检查.xlsx"
    path.write_bytes(good())
    assert main(["import", "inspection", str(path)]) == 2
    assert capsys.readouterr().err.strip() == (
        "fazhi import: 没有名为“inspection”的名册。"
        "可导入的名册：content-duties、disclosure-catalogue、governance-points、grid-cells、"
        "hotline-catalogue、inspections、legal-advisers、normative-documents、past-cases、"
        "power-list、sampling、service-items、suggestions"
    )
    assert (
        main(["import", "inspections", str(path), "--user", "leader", "--org", "测试区司法局"]) == 2
    )
    assert capsys.readouterr().err.strip() == (
        "fazhi import: 单位“测试区司法局”不存在或不在您的数据范围内。"
    )
    assert (
        main(
            [
                "export",
                "inspections",
                "--user",
                "leader",
                "--org",
                "测试区司法局",
                "-o",
                str(tmp_path / "x.xlsx"),
            ]
        )
        == 2
    )
    _nothing_stored(events)


def test_the_command_speaks_the_users_language(b, tmp_path, capsys):
    from fazhi.core.models import User

    User.objects.filter(username="leader").update(language="en")
    path = tmp_path / "bad.xlsx"
    path.write_bytes(bad_rows())
    assert main(["import", "inspections", str(path), "--user", "leader"]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == ("Row 3 检查日期: Invalid date: “2019年13月1日” (expected e.g. 2019-05-20)")
    path.write_bytes(hostile()["formula"])
    assert main(["import", "inspections", str(path), "--user", "leader"]) == 2
    assert capsys.readouterr().err.strip() == (
        "fazhi import: Cell B2 holds a formula: paste it as values before importing."
    )


# ---------------------------------------------------------------- the API


def _post(client, register, data, name="检查.xlsx", **fields):
    return client.post(
        f"/api/v1/imports/{register}", {"file": SimpleUploadedFile(name, data), **fields}
    )


def test_the_api_imports_and_answers_in_utf8(b, client):
    sign_in(client, b.leader)
    data = good(2)
    resp = _post(client, "inspections", data)
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/json; charset=utf-8"
    assert b"\\u" not in resp.content and '"file": "检查.xlsx"' in resp.content.decode()
    body = resp.json()
    assert (body["ok"], body["added"], body["register_name"]) == (True, 2, "inspections")
    again = _post(client, "inspections", data)
    assert again.status_code == 200 and again.json()["already_imported"] is True
    listing = client.get("/api/v1/imports")
    assert "执法主体" in listing.content.decode() and b"\\u" not in listing.content
    names = [r["name"] for r in listing.json() if r["importable"]]
    assert names == [
        "content-duties",
        "disclosure-catalogue",
        "governance-points",
        "grid-cells",
        "hotline-catalogue",
        "inspections",
        "legal-advisers",
        "normative-documents",
        "past-cases",
        "power-list",
        "sampling",
        "service-items",
        "suggestions",
    ]
    exported = {r["name"] for r in listing.json() if r["exportable"]}
    assert {"cases", "officers", "grid-reports", "operation-log", "monitor-findings"} <= exported


def test_the_api_names_each_bad_row_and_refuses_bad_files(b, client):
    events = LedgerEvent.objects.count()
    sign_in(client, b.leader)
    resp = _post(client, "inspections", bad_rows())
    assert resp.status_code == 422
    body = json.loads(resp.content)
    assert (body["ok"], body["added"], body["error_count"]) == (False, 0, 1)
    assert body["errors"] == [
        {
            "row": 3,
            "column": "检查日期",
            "message": "日期格式不正确：“2019年13月1日”（应为 2019-05-20）",
        }
    ]
    for case, message in MESSAGES.items():
        resp = _post(client, "inspections", hostile()[case])
        assert (resp.status_code, resp.json()) == (400, {"detail": message}), case
    resp = _post(client, "nothing", good())
    assert resp.status_code == 400 and resp.json()["detail"].startswith("没有名为“nothing”的名册。")
    resp = _post(client, "inspections", good(), org=str(b.d.justice.pk))
    assert resp.json() == {"detail": f"单位“{b.d.justice.pk}”不存在或不在您的数据范围内。"}
    assert client.post("/api/v1/imports/inspections").json() == {
        "detail": "请以 multipart/form-data 上传字段 file（.xlsx 文件）。"
    }
    _nothing_stored(events)


def test_the_api_answers_in_english_when_chosen(b, client):
    from fazhi.core.models import User

    User.objects.filter(username="leader").update(language="en")
    sign_in(client, User.objects.get(username="leader"))
    body = _post(client, "inspections", bad_rows()).json()
    assert body["errors"][0]["message"] == (
        "Invalid date: “2019年13月1日” (expected e.g. 2019-05-20)"
    )
    resp = _post(client, "inspections", hostile()["zip bomb"])
    assert resp.json() == {"detail": "The file inflates too much (a zip bomb?) and was refused."}


# ---------------------------------------------------------------- the pages


def test_the_page_refuses_each_bad_file_with_its_message(b, client):
    events = LedgerEvent.objects.count()
    sign_in(client, b.leader)
    for case, message in MESSAGES.items():
        resp = client.post(
            "/workspace/enforcement/inspections/import/",
            {"file": SimpleUploadedFile("检查.xlsx", hostile()[case])},
        )
        assert resp.status_code == 200 and message in resp.content.decode(), case
    data = good()
    resp = client.post(
        "/workspace/enforcement/inspections/import/",
        {"file": SimpleUploadedFile("检查.xlsx", data), "dry_run": "on"},
    )
    page = resp.content.decode()
    assert "检查完毕：共 2 行，没有错误（可新增 2 行，与系统中一致 0 行）。未导入任何数据。" in page
    _nothing_stored(events)
    resp = client.post(
        "/workspace/enforcement/inspections/import/",
        {"file": SimpleUploadedFile("检查.xlsx", data)},
    )
    assert resp.status_code == 302 and Inspection.objects.count() == 2
    resp = client.post(
        "/workspace/enforcement/inspections/import/",
        {"file": SimpleUploadedFile("又一次.xlsx", data)},
        follow=True,
    )
    assert "本次没有新增任何数据" in resp.content.decode() and Inspection.objects.count() == 2
