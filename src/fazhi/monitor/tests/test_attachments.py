"""Attachments (DOCX, XLSX, PDF) are fetched within a size cap and checked like a page;
a zip bomb, a 200 MB PDF and a broken file are findings, never a crash."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from fazhi.monitor.engine import aio
from fazhi.monitor.engine.attachments import check_attachment, kind_of
from fazhi.monitor.engine.crawler import crawl
from fazhi.monitor.fixtures_site.documents import (
    MALFORMED_PDF,
    make_docx,
    make_pdf,
    make_xlsx,
    zip_bomb_docx,
)
from fazhi.monitor.fixtures_site.harness import (
    client_factory_for,
    fixture_limits,
    fixture_server,
    fixture_site_config,
)
from fazhi.monitor.fixtures_site.server import Response
from fazhi.monitor.fixtures_site.site import BASE, HOST, FixtureSite

AS_OF = dt.date(2025, 6, 30)
SITE = fixture_site_config()
ID = "430102198506151231"  # valid GB 11643 check digit (the fixture's own test number)
MOBILE = "13912345678"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Huge:
    """200 MB announced and streamed: the crawler must stop at its cap."""

    length = 200 * 1024 * 1024

    def __iter__(self):
        chunk = b"%PDF-1.4\n" + b"0" * (1024 * 1024 - 9)
        for _ in range(200):
            yield chunk


def _site() -> FixtureSite:
    home = (
        "<html><body><h1>公示公告</h1><ul>"
        '<li><a href="/files/gs.docx">低保对象公示</a></li>'
        '<li><a href="/files/list.xlsx">补贴发放名单</a></li>'
        '<li><a href="/files/notice.pdf">通知（PDF）</a></li>'
        '<li><a href="/files/ad.docx">附件</a></li>'
        '<li><a href="/files/bomb.docx">附件二</a></li>'
        '<li><a href="/files/huge.pdf">附件三</a></li>'
        '<li><a href="/files/broken.pdf">附件四</a></li>'
        '<li><a href="/files/clean.pdf">办事指南</a></li>'
        "</ul></body></html>"
    ).encode()
    files = {
        "/files/gs.docx": (
            make_docx(
                ["2025年第二季度城乡低保对象公示"],
                [["姓名", "身份证号", "联系电话"], ["王某", ID, MOBILE]],
            ),
            DOCX,
        ),
        "/files/list.xlsx": (make_xlsx([["序号", "身份证号"], ["1", ID]]), XLSX),
        "/files/notice.pdf": (make_pdf(["联系人：李某", f"手机 {MOBILE}"]), "application/pdf"),
        "/files/ad.docx": (make_docx(["澳门新葡京线上娱乐场，注册即送体验金"]), DOCX),
        "/files/bomb.docx": (zip_bomb_docx(400), DOCX),
        "/files/broken.pdf": (MALFORMED_PDF, "application/pdf"),
        "/files/clean.pdf": (
            make_pdf(["芙蓉区政务服务中心办事指南", "咨询电话 0731-84680000"]),
            "application/pdf",
        ),
    }
    extra = {"/": Response(200, home)}
    for path, (body, ctype) in files.items():
        extra[path] = Response(200, body, content_type=ctype)
    huge = _Huge()
    extra["/files/huge.pdf"] = Response(
        200, huge, content_type="application/pdf", length=huge.length
    )
    return FixtureSite(extra=extra)


def test_attachments_in_a_crawl():
    with fixture_server(_site()) as (srv, hmap):
        r = aio.run(
            crawl(
                fixture_site_config(columns=()),
                client_factory=client_factory_for(hmap),
                limits=fixture_limits(
                    k5_max_pages=0, check_external=False, max_attachment_bytes=2 * 1024 * 1024
                ),
                as_of=AS_OF,
            )
        )
        served = Counter((e.target, e.method) for e in srv.log if e.host == HOST)
    got = Counter(
        (f.url.replace(BASE, ""), f.rule_id, f.severity)
        for f in r.findings
        if f.url.startswith(BASE + "/files/")
    )
    assert got == Counter(
        {
            ("/files/gs.docx", "PRIV.id_number", "high"): 1,
            ("/files/gs.docx", "PRIV.phone", "medium"): 1,
            ("/files/list.xlsx", "PRIV.id_number", "high"): 1,
            ("/files/notice.pdf", "PRIV.phone", "medium"): 1,
            ("/files/ad.docx", "K1.lexicon", "high"): 1,
            ("/files/bomb.docx", "ATT.zip_bomb", "medium"): 1,
            ("/files/huge.pdf", "ATT.too_large", "low"): 1,
            ("/files/broken.pdf", "ATT.malformed", "low"): 1,
        }
    )
    # every attachment fetched once (GET), the crawl complete, evidence masked, source named
    assert all(served[(p, "GET")] == 1 for p in ("/files/gs.docx", "/files/huge.pdf"))
    assert r.complete
    ids = [f for f in r.findings if f.rule_id == "PRIV.id_number"]
    assert all(ID not in f.evidence and "430102********1231" in f.evidence for f in ids)
    assert all(f.evidence.startswith("附件（") and f"链接页面：{BASE}/" in f.evidence for f in ids)
    assert r.stats["bytes"] < 8 * 1024 * 1024  # the 200 MB body was cut at the 2 MB cap


def test_attachment_checks_directly():
    def rules(body, kind, **kw):
        fs = check_attachment(body, "http://x/f", SITE, as_of=AS_OF, kind=kind, **kw)
        return sorted((f.rule_id, f.severity) for f in fs)

    assert rules(make_xlsx([["身份证号", ID]]), "xlsx") == [("PRIV.id_number", "high")]
    assert rules(b"PK\x03\x04 not really a zip", "docx") == [("ATT.malformed", "low")]
    assert rules(b"", "pdf") == [("ATT.malformed", "low")]
    assert rules(b"%PDF-1.4", "pdf", truncated=True) == [("ATT.too_large", "low")]
    assert rules(zip_bomb_docx(300), "xlsx") == [("ATT.zip_bomb", "medium")]
    assert rules(make_pdf(["Guide", "办事指南"]), "pdf") == []
    assert kind_of("http://x/a.DOCX") == "docx" and kind_of("http://x/dl?id=1", XLSX) == "xlsx"
    assert kind_of("http://x/a.doc") is None
