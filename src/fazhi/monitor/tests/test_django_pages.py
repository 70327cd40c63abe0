"""Staff pages: sites and versions, lexicon, runs with progress, findings with decisions,
bulletins with downloads and rectification, and scoping (another organisation gets 404)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from docx import Document
from python_calamine import CalamineWorkbook

from fazhi.core import clock
from fazhi.core.models import SupervisionTask
from fazhi.core.tests.factories import District
from fazhi.core.tests.signin import sign_in
from fazhi.monitor import services
from fazhi.monitor.models import Bulletin, FindingStatus, LexiconVersion, RunStatus, Site

from .factories import JUNE, SYSTEM, fixture_site, stored_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(fixture_crawl):
    result, _log, _site = fixture_crawl
    district = District()
    with clock.frozen(JUNE):
        site = fixture_site(district.gov)
    run = stored_run(site, result)
    with clock.frozen(JUNE):
        bulletin = services.bulletin_generate(actor=SYSTEM, site=site, month="2025-06")
    return district, site, run, bulletin


def _client(client, user):
    sign_in(client, user)
    return client


def test_pages_render_for_the_supervisor(client, world):
    district, site, run, bulletin = world
    c = _client(client, district.supervisor)
    for name, args in [
        ("monitor:home", []),
        ("monitor:site", [site.pk]),
        ("monitor:site_edit", [site.pk]),
        ("monitor:site_thresholds", [site.pk]),
        ("monitor:version", [site.pk, 1]),
        ("monitor:lexicon", []),
        ("monitor:run", [run.pk]),
        ("monitor:run_progress", [run.pk]),
        ("monitor:findings", []),
        ("monitor:bulletins", []),
        ("monitor:bulletin", [bulletin.pk]),
    ]:
        resp = c.get(reverse(name, args=args))
        assert resp.status_code == 200, name
    page = c.get(reverse("monitor:bulletin", args=[bulletin.pk])).content.decode()
    assert "芙蓉区凯发一触即发" in page and bulletin.number in page
    home = c.get(reverse("monitor:home")).content.decode()
    assert site.name in home and 'href="/workspace/monitor/"' in home  # nav entry is live


def test_progress_partial_polls_while_running(client, world):
    district, site, run, _ = world
    c = _client(client, district.supervisor)
    done = c.get(reverse("monitor:run_progress", args=[run.pk])).content.decode()
    assert "hx-get" not in done
    with clock.frozen(JUNE):
        queued = services.crawl_start(actor=SYSTEM, site=site)
    live = c.get(reverse("monitor:run_progress", args=[queued.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in live


def test_confirm_dismiss_reopen_from_the_findings_page(client, world):
    district, site, run, _ = world
    c = _client(client, district.supervisor)
    doubtful = run.findings.filter(needs_confirmation=True).order_by("id")
    a, b = doubtful[0], doubtful[1]
    url = reverse("monitor:finding_decide", args=[a.pk])
    assert c.post(url, {"action": "confirm", "note": "已核实"}).status_code == 302
    a.refresh_from_db()
    assert a.status == FindingStatus.CONFIRMED
    c.post(reverse("monitor:finding_decide", args=[b.pk]), {"action": "dismiss", "note": ""})
    b.refresh_from_db()
    assert b.status == FindingStatus.OPEN  # a dismissal needs a reason
    c.post(reverse("monitor:finding_decide", args=[b.pk]), {"action": "dismiss", "note": "误报"})
    b.refresh_from_db()
    assert b.status == FindingStatus.DISMISSED and site.dismissals.count() == 1
    c.post(reverse("monitor:finding_decide", args=[b.pk]), {"action": "reopen", "note": "复核"})
    b.refresh_from_db()
    assert b.status == FindingStatus.OPEN
    assert site.dismissals.filter(revoked_at__isnull=True).count() == 0
    listed = c.get(reverse("monitor:findings"), {"confirm": "1", "status": "open"})
    assert listed.status_code == 200
    xlsx = c.get(reverse("monitor:findings"), {"run": run.pk, "export": "xlsx"})
    rows = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content)).get_sheet_by_index(0)
    assert len(rows.to_python()) == run.findings.count() + 1


def test_bulletin_downloads_and_rectification(client, world):
    district, site, run, bulletin = world
    c = _client(client, district.supervisor)
    resp = c.get(reverse("monitor:bulletin_file", args=[bulletin.pk, "docx"]))
    assert resp.status_code == 200 and "wordprocessingml" in resp["Content-Type"]
    texts = [p.text for p in Document(io.BytesIO(resp.content)).paragraphs]
    assert bulletin.title in texts and bulletin.number in texts and "2025年6月30日" in texts
    resp = c.get(reverse("monitor:bulletin_file", args=[bulletin.pk, "xlsx"]))
    assert "整改清单" in CalamineWorkbook.from_filelike(io.BytesIO(resp.content)).sheet_names
    html = c.get(reverse("monitor:bulletin_file", args=[bulletin.pk, "html"])).content.decode()
    assert html.startswith("<!DOCTYPE html>") and bulletin.number in html
    assert c.get(reverse("monitor:bulletin_file", args=[bulletin.pk, "pdf"])).status_code == 404
    items = [r["fingerprint"] for r in bulletin.snapshot["bulletin"]["rectification"][:3]]
    with clock.frozen(JUNE):
        c.post(reverse("monitor:bulletin_rectify", args=[bulletin.pk]), {"item": items})
    assert SupervisionTask.objects.filter(source="monitor").count() == 3
    page = c.get(reverse("monitor:bulletin", args=[bulletin.pk])).content.decode()
    assert "芙督〔2025〕" in page


def test_edit_site_thresholds_and_lexicon_make_versions(client, world):
    district, site, _run, _ = world
    c = _client(client, district.supervisor)
    form = c.get(reverse("monitor:site_edit", args=[site.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        org=site.org_id, name="新名称", columns="芙蓉要闻 | /xwzx/frxw/ | 动态要闻类", note="改名"
    )
    data["k5_authorized"] = "on"
    data["is_active"] = "on"
    resp = c.post(reverse("monitor:site_edit", args=[site.pk]), data)
    assert resp.status_code == 302, resp.context["form"].errors if resp.context else resp
    site.refresh_from_db()
    assert site.name == "新名称" and site.versions.count() == 2
    v2 = services.current_config(site)
    assert 'category = "news"' in v2.text and "[limits]" in v2.text
    bad = c.post(
        reverse("monitor:site_edit", args=[site.pk]),
        {**data, "name": "坏名", "start_urls": "ftp://x/"},
    )
    assert bad.status_code == 200 and "起始网址" in bad.content.decode()
    site.refresh_from_db()
    assert site.name == "新名称" and site.versions.count() == 2  # both or neither
    th = v2.thresholds_text.replace("veto = 0.05", "veto = 0.06")
    c.post(reverse("monitor:site_thresholds", args=[site.pk]), {"text": th, "note": "省定"})
    assert services.current_config(site).number == 3
    bad = c.post(reverse("monitor:site_thresholds", args=[site.pk]), {"text": "x = [", "note": ""})
    assert bad.status_code == 200 and "格式错误" in bad.content.decode()
    assert services.current_config(site).number == 3
    lex = LexiconVersion.objects.get().text + "\n# 本区补充\n"
    resp = c.post(reverse("monitor:lexicon"), {"text": lex, "org": district.gov.pk, "note": "加词"})
    assert resp.status_code == 302 and LexiconVersion.objects.count() == 2
    resp = c.post(reverse("monitor:lexicon"), {"text": "terms = []", "org": district.gov.pk})
    assert resp.status_code == 200 and LexiconVersion.objects.count() == 2
    leader = _client(client, district.leader)
    assert leader.post(reverse("monitor:lexicon"), {"text": lex}).status_code == 403


def test_register_site_and_queue_a_crawl(client, world, django_capture_on_commit_callbacks):
    district, site, _run, _ = world
    c = _client(client, district.supervisor)
    form = c.get(reverse("monitor:site_edit", args=[site.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(code="dept-sfj", name="区司法局网站", org=district.justice.pk)
    data.update(start_urls="http://sfj.furong.gov.cn/", hosts="sfj.furong.gov.cn", columns="")
    resp = c.post(reverse("monitor:site_new"), data)
    assert resp.status_code == 302
    new = Site.objects.get(code="dept-sfj")
    assert new.org == district.justice and new.versions.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        resp = c.post(reverse("monitor:site_crawl", args=[new.pk]))
    run = new.runs.get()
    assert resp.status_code == 302 and run.status == RunStatus.QUEUED
    assert DBTaskResult.objects.filter(task_path="fazhi.monitor.tasks.crawl_site").exists()
    c.post(reverse("monitor:run_stop", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == RunStatus.INTERRUPTED and run.stop_requested


def test_another_organisation_gets_404(client, world):
    district, site, run, bulletin = world
    c = _client(client, district.street_a_leader)
    finding = run.findings.first()
    for url in [
        reverse("monitor:site", args=[site.pk]),
        reverse("monitor:site_edit", args=[site.pk]),
        reverse("monitor:run", args=[run.pk]),
        reverse("monitor:run_progress", args=[run.pk]),
        reverse("monitor:bulletin", args=[bulletin.pk]),
        reverse("monitor:bulletin_file", args=[bulletin.pk, "docx"]),
        reverse("monitor:version", args=[site.pk, 1]),
    ]:
        assert c.get(url).status_code == 404, url
    resp = c.post(reverse("monitor:finding_decide", args=[finding.pk]), {"action": "confirm"})
    assert resp.status_code == 404
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN
    assert c.post(reverse("monitor:site_crawl", args=[site.pk])).status_code == 404
    listed = c.get(reverse("monitor:findings")).content.decode()
    assert finding.url not in listed
    assert site.name not in c.get(reverse("monitor:home")).content.decode()
    assert Bulletin.objects.count() == 1


def test_a_finding_linked_from_another_domain_opens_alone(client, world):
    # a content-duty check (open government) names its findings through the kernel's links
    from fazhi.core import matterlinks

    district, _site, run, _ = world
    c = _client(client, district.supervisor)
    finding = run.findings.order_by("id")[2]
    url = matterlinks.url_for("monitor.finding", str(finding.pk))
    assert url == reverse("monitor:findings") + f"?finding={finding.pk}"
    page = c.get(url).context["page"]
    assert [f.pk for f in page.rows] == [finding.pk]
    # a leader of a street (another organisation) opens the same link to an empty list
    client.logout()
    outsider = _client(client, district.street_a_leader)
    assert outsider.get(url).context["page"].rows == []


def test_a_columns_findings_are_offered_to_the_content_duty_check(world):
    # open government asks the kernel, not the monitor, for what was found on a column
    from fazhi.core import matterlinks

    district, site, run, _ = world
    offered = matterlinks.offers(
        "website.column", district.supervisor, column="部门动态", month=run.month
    )
    stale = run.findings.get(rule_id="FRESH.column_stale", url__endswith="/xwzx/bmdt/")
    assert [(o.subject_type, o.subject_id) for o in offered] == [("monitor.finding", str(stale.pk))]
    assert offered[0].label == (
        "长沙市芙蓉区人民政府门户网站（测试）：栏目「部门动态」（动态要闻类，期限 14 天）"
        "未按期更新：最新 2025-06-15，已 15 天"
    )
    assert offered[0].url == reverse("monitor:findings") + f"?finding={stale.pk}"
    blank = matterlinks.offers(
        "website.column", district.supervisor, column="空白栏目一", month=run.month
    )
    assert [o.subject_id for o in blank] == [
        str(run.findings.get(rule_id="FRESH.column_blank", url__endswith="/kbl1/").pk)
    ]
    # another month, a dismissed finding, another organisation: nothing offered
    assert (
        matterlinks.offers(
            "website.column", district.supervisor, column="部门动态", month="2025-05"
        )
        == []
    )
    services.finding_dismiss(actor=district.supervisor, finding=stale, reason="栏目已整合")
    assert (
        matterlinks.offers(
            "website.column", district.supervisor, column="部门动态", month=run.month
        )
        == []
    )
    assert (
        matterlinks.offers(
            "website.column", district.street_a_leader, column="空白栏目一", month=run.month
        )
        == []
    )
