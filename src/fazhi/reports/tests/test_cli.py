"""``fazhi report annual YEAR [-o DIR]``: DOCX and HTML written, the PDF only with LibreOffice
(without it: one clear line, the DOCX still written); bad input is one line and exit 2."""

from __future__ import annotations

import datetime as dt
import importlib
import re

import pytest
from docx import Document

from fazhi.core import clock
from fazhi.core.models import Role
from fazhi.core.tests.factories import District, user

from .. import commands
from ..models import AnnualReport
from .test_annual import part, task  # noqa: F401  (the test part over a kernel indicator)


def cli(argv: list[str]) -> int:
    return importlib.import_module("fazhi.cli").main(argv)


@pytest.fixture
def d(db, part):  # noqa: F811
    d = District()
    user("gov_reviewer", org=d.gov, role=Role.REVIEWER, scope="subtree")
    task(d.street_a, dt.date(2019, 5, 6))
    return d


def test_writes_docx_and_html_with_linked_figures(d, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(commands, "soffice", lambda: None)
    assert cli(["report", "annual", "2019", "-o", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    r = AnnualReport.objects.get()
    stem = f"2019-{d.gov.pk}-v1"
    assert out.splitlines() == [
        "测试区人民政府关于2019年度法治政府建设情况的报告（第1版）（起草中）",
        str(tmp_path / f"{stem}.docx"),
        str(tmp_path / f"{stem}.html"),
    ]
    assert "未安装 LibreOffice（soffice），未生成 PDF；DOCX 和 HTML 已写出。" in err
    assert "待接入：一(五)1（enforcement）" in err
    doc = Document(str(tmp_path / f"{stem}.docx"))
    assert doc.paragraphs[0].text == r.title
    html = (tmp_path / f"{stem}.html").read_text(encoding="utf-8")
    assert (
        f'href="/workspace/indicators/K-TASK-OPENED/?year=2019&amp;org={d.gov.pk}"' in html
        and ">1件</a>" in html
    )
    # run again: the same edition is written, nothing generated
    assert cli(["report", "annual", "2019", "-o", str(tmp_path)]) == 0
    assert AnnualReport.objects.count() == 1


def test_bad_input_is_one_line(d, tmp_path, capsys):
    year = clock.today().year
    assert cli(["report", "annual", str(year), "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"fazhi report: {year}年度尚未结束，不能生成该年度的年度报告。"
    )
    assert cli(["report", "annual", "2019", "--org", "不存在的机构"]) == 2
    assert "找不到机构：不存在的机构" in capsys.readouterr().err
    assert not AnnualReport.objects.exists() and not list(tmp_path.iterdir())


def test_pdf_through_libreoffice(d, tmp_path, capsys):
    """LibreOffice is installed by the test command (scripts/test, Debian)."""
    assert commands.soffice(), "LibreOffice (soffice) is missing: run scripts/test"
    assert cli(["report", "annual", "2019", "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    pdf = tmp_path / f"2019-{d.gov.pk}-v1.pdf"
    assert out[-1] == str(pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    pages = re.findall(rb"/Type\s*/Page\b(?!s)", data)
    assert len(pages) >= 1
    # every page A4 portrait: 210 × 297 mm = 595.3 × 841.9 points
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", data)
    assert boxes and {(round(float(w)), round(float(h))) for w, h in boxes} == {(595, 842)}
