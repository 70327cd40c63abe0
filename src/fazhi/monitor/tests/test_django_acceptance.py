"""Issue 5's acceptance: crawl the fixture site through ``fazhi monitor crawl``, store exactly
the expected findings, write the bulletin with the seed's pattern and none of the negatives,
remember a dismissal next month, raise rectification tasks, and open the DOCX and Excel."""

from __future__ import annotations

import io
import re
from collections import Counter

import pytest
from docx import Document
from python_calamine import CalamineWorkbook

from fazhi.core import clock, clocks
from fazhi.core.models import SupervisionTask
from fazhi.core.tests.factories import District
from fazhi.monitor import docx as docx_out
from fazhi.monitor import excel as excel_out
from fazhi.monitor import services
from fazhi.monitor.fixtures_site.expected import EXPECTED, NEGATIVES, expected_counter
from fazhi.monitor.fixtures_site.harness import fixture_server
from fazhi.monitor.fixtures_site.site import BASE
from fazhi.monitor.models import Bulletin, CrawlRun, Finding, FindingStatus, Rectification

from .factories import JULY, JUNE, fazhi, fixture_site, map_args

pytestmark = pytest.mark.django_db

SEED_ISSUER = "芙蓉区凯发一触即发"


def _crawl(site, at, tmp_path, settings) -> int:
    settings.MONITOR_STATE_DIR = str(tmp_path / "state")
    with clock.frozen(at), fixture_server() as (_srv, hmap):
        return fazhi("monitor", "crawl", site.code, "--quiet", *map_args(hmap))


def _urls(snapshot) -> set[str]:
    b = snapshot["bulletin"]
    urls = {r["url"] for r in b["rectification"]}
    for key in ("injection", "broken_links", "expression", "privacy", "changes", "identifiers"):
        urls |= {f["url"] for f in b[key]}
    return urls


def test_crawl_bulletin_dismissal_rectification(tmp_path, settings, capsys):
    district = District()
    with clock.frozen(JUNE):
        site = fixture_site(district.gov)

    # 1. crawl: the stored findings are EXPECTED, exactly
    assert _crawl(site, JUNE, tmp_path, settings) == 1  # high-severity findings
    run = CrawlRun.objects.get(site=site)
    assert run.status == "done" and run.complete and run.month == "2025-06"
    got = Counter((f.url, f.rule_id, f.severity) for f in run.findings.all())
    want = expected_counter(BASE)
    assert got == want, f"missing={dict(want - got)}\nextra={dict(got - want)}"
    assert run.findings.count() == len(EXPECTED)
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(EXPECTED)
    assert any(line.startswith("K2.issuer\thigh") and SEED_ISSUER in line for line in out)

    # 2. bulletin: the seed's pattern in the tampering section, none of the negatives
    with clock.frozen(JUNE):
        assert fazhi("monitor", "bulletin", "2025-06", "--out", str(tmp_path / "out")) == 0
    june = Bulletin.objects.get(site=site, month="2025-06")
    b = june.snapshot["bulletin"]
    assert any(f["rule_id"] == "K2.issuer" and SEED_ISSUER in f["evidence"] for f in b["injection"])
    assert any(SEED_ISSUER in r["problem"] for r in b["rectification"])
    negatives = {BASE + path for path in NEGATIVES}
    assert not (_urls(june.snapshot) & negatives)
    assert {v["code"]: v["status"] for v in b["vetoes"]}["V1"] == "触发"
    assert re.fullmatch(r"芙政网监〔2025〕[1-9]\d*号", june.number)
    html = (tmp_path / "out" / f"{site.code}-2025-06.html").read_text(encoding="utf-8")
    assert SEED_ISSUER in html and june.number in html
    assert (tmp_path / "out" / f"{site.code}-2025-06.docx").stat().st_size > 0

    # 3. a person dismisses a needs-confirmation finding; next month it comes back dismissed
    doubtful = run.findings.get(rule_id="EXPR.one_char")
    assert doubtful.needs_confirmation
    services.finding_dismiss(actor=district.supervisor, finding=doubtful, reason="本地固定表述")
    confirmed = run.findings.get(rule_id="EXPR.homophone")
    services.finding_confirm(actor=district.supervisor, finding=confirmed, note="已核实")
    assert _crawl(site, JULY, tmp_path, settings) == 1
    july_run = CrawlRun.objects.filter(site=site).latest("id")
    assert july_run.month == "2025-07" and july_run.pk != run.pk
    again = july_run.findings.get(fingerprint=doubtful.fingerprint)
    assert again.status == FindingStatus.DISMISSED and again.decision_note == "本地固定表述"
    assert july_run.findings.get(fingerprint=confirmed.fingerprint).status == FindingStatus.OPEN
    with clock.frozen(JULY):
        assert fazhi("monitor", "bulletin", "2025-07") == 0
    july = Bulletin.objects.get(site=site, month="2025-07")
    assert doubtful.fingerprint not in {
        r["fingerprint"] for r in july.snapshot["bulletin"]["rectification"]
    }
    assert july.snapshot["mom"]["has_previous"] and july.number != june.number

    # 4. the annex turns into tracked rectification tasks with deadlines
    items = [r["fingerprint"] for r in b["rectification"][:2]]
    with clock.frozen(JUNE):
        made = services.rectification_create(
            actor=district.supervisor, bulletin=june, fingerprints=items
        )
        again = services.rectification_create(
            actor=district.supervisor, bulletin=june, fingerprints=items
        )
    assert len(made) == 2 and again == []
    for rect in Rectification.objects.filter(bulletin=june):
        task = SupervisionTask.objects.get(pk=rect.task_id)
        assert task.source == "monitor" and task.org == site.org
        (c,) = clocks.for_subject(task)
        assert c.rule.code == services.RECTIFY_RULE and c.due_on > JUNE.date()

    # 5. DOCX in the official format, Excel readable
    doc = Document(io.BytesIO(docx_out.render(june.snapshot)))
    texts = [p.text for p in doc.paragraphs]
    assert june.title in texts
    assert june.number in texts and "〔" in june.number and "〕" in june.number
    assert "2025年6月30日" in texts
    sec = doc.sections[0]
    assert round(sec.top_margin.mm) == 37 and round(sec.left_margin.mm) == 28
    assert round(sec.bottom_margin.mm) == 35 and round(sec.right_margin.mm) == 26
    book = CalamineWorkbook.from_filelike(io.BytesIO(excel_out.render(june.snapshot)))
    assert {"整改清单", "全部问题", "单项否决"} <= set(book.sheet_names)
    rows = book.get_sheet_by_name("整改清单").to_python()
    assert rows[0][:6] == ["序号", "问题", "URL", "类型", "严重度", "建议"]
    assert len(rows) == len(b["rectification"]) + 1
    assert len(book.get_sheet_by_name("全部问题").to_python()) == len(EXPECTED) + 1
    assert (
        Finding.objects.filter(site=site).count()
        == run.findings.count() + july_run.findings.count()
    )
