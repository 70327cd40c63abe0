"""The combined monthly bulletin of all the district's sites: ranking, a section per site, the
failing sites' annex, DOCX in the official layout and Excel; regenerating keeps the number."""

from __future__ import annotations

import dataclasses
import io

import pytest
from django.urls import reverse
from docx import Document
from python_calamine import CalamineWorkbook

from fazhi.core import clock
from fazhi.core.tests.factories import District
from fazhi.core.tests.signin import sign_in
from fazhi.monitor import district
from fazhi.monitor.models import DistrictBulletin

from .factories import JUNE, fazhi, fixture_site, stored_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_sites(fixture_crawl):
    result, _log, _site = fixture_crawl
    d = District()
    with clock.frozen(JUNE):
        tampered = fixture_site(d.gov, code="portal")
        tidy = fixture_site(d.justice, code="justice")
        silent = fixture_site(d.bureau, code="bureau")  # no crawl this month
    stored_run(tampered, result)
    clean = dataclasses.replace(
        result,
        findings=[f for f in result.findings if f.rule_id.startswith("LINK.")],
        columns=[],
    )
    stored_run(tidy, clean)
    return d, tampered, tidy, silent


def test_combined_bulletin_from_the_cli(three_sites, tmp_path, capsys):
    d, tampered, tidy, silent = three_sites
    with clock.frozen(JUNE):
        assert fazhi("monitor", "bulletin", "2025-06", "--combined", "--out", str(tmp_path)) == 0
    b = DistrictBulletin.objects.get(org=d.gov, month="2025-06")
    snap = b.snapshot
    assert (snap["total"], snap["passed"], snap["failed"]) == (2, 1, 1)
    assert [(p["rank"], p["code"], p["passed"]) for p in snap["sites"]] == [
        (1, "justice", True),
        (2, "portal", False),
    ]
    assert snap["not_monitored"] == [{"code": "bureau", "name": silent.name}]
    assert snap["title"] == "关于2025年6月测试区人民政府政府网站监测情况的通报"
    portal = snap["sites"][1]
    assert any(v.startswith("V1") for v in portal["failed_vetoes"])
    assert len(portal["top"]) == district.TOP_PROBLEMS
    out = capsys.readouterr().out
    assert out.startswith(b.number) and "合格 1/2" in out

    doc = Document(io.BytesIO((tmp_path / "district-2025-06.docx").read_bytes()))
    texts = [p.text for p in doc.paragraphs]
    assert snap["title"] in texts and b.number in texts
    assert any("合格率50.00%" in t for t in texts)
    annex = doc.tables[-1]
    assert [c.text for c in annex.rows[0].cells] == ["序号", "网站标识码", "网站名称", "不合格原因"]
    assert [c.text for c in annex.rows[1].cells][:3] == ["1", "4301020000", tampered.name]
    book = CalamineWorkbook.from_filelike(
        io.BytesIO((tmp_path / "district-2025-06.xlsx").read_bytes())
    )
    assert book.sheet_names == ["排名", "问题清单", "单项否决"]
    problems = book.get_sheet_by_name("问题清单").to_python()
    assert len(problems) == 1 + sum(p["problems"] for p in snap["sites"])
    assert len(book.get_sheet_by_name("单项否决").to_python()) == 1 + 2 * 6

    with clock.frozen(JUNE):
        assert fazhi("monitor", "bulletin", "2025-06", "--combined") == 0
    again = DistrictBulletin.objects.get(pk=b.pk)
    assert (again.number, again.revision) == (b.number, 2)


@pytest.mark.parametrize(
    ("month", "message"), [("2025-13", "YYYY-MM"), ("2025-05", "没有已完成抓取的网站")]
)
def test_bad_month(three_sites, capsys, month, message):
    with clock.frozen(JUNE):
        assert fazhi("monitor", "bulletin", month, "--combined") == 2
    assert message in capsys.readouterr().err
    assert not DistrictBulletin.objects.exists()


def test_district_page(three_sites, client):
    d, *_ = three_sites
    sign_in(client, d.supervisor)
    url = reverse("monitor:district")
    with clock.frozen(JUNE):
        page = client.post(url, {"org": d.gov.pk, "month": "2025-06"}, follow=True)
    assert "全区通报已生成" in page.content.decode()
    b = DistrictBulletin.objects.get()
    for fmt in ("docx", "xlsx"):
        resp = client.get(reverse("monitor:district_file", args=[b.pk, fmt]))
        assert resp.status_code == 200 and len(resp.content) > 1000
    assert client.get(reverse("monitor:district_file", args=[b.pk, "pdf"])).status_code == 404
    bad = client.post(url, {"org": d.gov.pk, "month": "六月"}, follow=True)
    assert "YYYY-MM" in bad.content.decode()
