"""Checks in worker processes (``Limits.check_workers``): the same findings and page records as
checks in a thread, large jobs and results do not block each other, and a failing or dying
worker reaches the awaiting coroutine as an error, never a hang."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import signal
import sqlite3

import pytest

from fazhi.monitor.engine import aio, checkprocs
from fazhi.monitor.engine.checkprocs import CheckProcesses, WorkerDied
from fazhi.monitor.engine.clone import unpack
from fazhi.monitor.engine.crawler import crawl
from fazhi.monitor.fixtures_site.harness import (
    AS_OF,
    client_factory_for,
    fixture_limits,
    fixture_server,
    fixture_site_config,
)
from fazhi.monitor.tests.conftest import install_guard


def _pages(result):
    # which 20 of the calendar trap's query variants are crawled depends on the order the
    # links are found in (timing); how many, and every other page, do not
    urls = sorted(result.pages)
    return len(urls), [u for u in urls if "/trap/" not in u]


def _findings(result):
    return sorted((f.url, f.rule_id, f.severity, f.key, f.evidence) for f in result.findings)


def test_fixture_crawl_in_two_processes_matches_the_thread(fixture_crawl, tmp_path):
    thread_result, _, _ = fixture_crawl
    state = tmp_path / "state.sqlite"
    with pytest.MonkeyPatch.context() as mp, fixture_server() as (_srv, hmap):
        install_guard(mp)
        result = aio.run(
            crawl(
                fixture_site_config(),
                client_factory=client_factory_for(hmap),
                limits=fixture_limits(check_workers=2),
                as_of=AS_OF,
                state_path=state,
            )
        )
    assert result.complete
    assert _findings(result) == _findings(thread_result)
    assert len(result.findings) == len(thread_result.findings)
    assert _pages(result) == _pages(thread_result)
    for url, rec in result.pages.items():
        if url in thread_result.pages:
            assert rec.to_dict() == thread_result.pages[url].to_dict(), url
    # the workers wrote the stored record and the compressed text the crawler keeps
    db = sqlite3.connect(state)
    try:
        records = dict(db.execute("SELECT url, record FROM pages"))
        texts = dict(db.execute("SELECT url, text FROM texts"))
    finally:
        db.close()
    assert set(records) == set(result.pages)
    for url, raw in records.items():
        assert raw == json.dumps(result.pages[url].to_dict(), ensure_ascii=False), url
    assert set(texts) == {u for u, r in result.pages.items() if r.text}
    for url, blob in texts.items():
        if url in thread_result.pages:
            assert unpack(blob) == thread_result.pages[url].text, url


def test_a_killed_worker_does_not_lose_pages(fixture_crawl, monkeypatch):
    # the worker (forked with this patch) dies on one page; that page and every later one
    # are checked in the crawler's thread instead, and the crawl reports the same
    thread_result, _, _ = fixture_crawl
    real = checkprocs.run_job

    def dies_on_seed(job, site, css):
        if job.url.endswith("/seed_report.html"):
            os._exit(1)
        return real(job, site, css)

    monkeypatch.setattr(checkprocs, "run_job", dies_on_seed)
    alive_at_close = []
    real_close = CheckProcesses.close

    def close(self):
        alive_at_close.append(self.alive())
        real_close(self)

    monkeypatch.setattr(CheckProcesses, "close", close)
    with pytest.MonkeyPatch.context() as mp, fixture_server() as (_srv, hmap):
        install_guard(mp)
        result = aio.run(
            crawl(
                fixture_site_config(),
                client_factory=client_factory_for(hmap),
                limits=fixture_limits(check_workers=1),
                as_of=AS_OF,
            )
        )
    assert alive_at_close == [False]  # the worker did die
    assert result.complete
    assert _findings(result) == _findings(thread_result)
    assert _pages(result) == _pages(thread_result)


def _site():
    return fixture_site_config()


def test_large_jobs_and_results_do_not_block_each_other():
    # 24 pages of 600 KB each in flight at once: each job and each result (the page text for
    # clone comparison) is larger than a socket buffer
    para = "<p>" + "芙蓉区依法行政工作稳步推进。" * 40 + "</p>\n"
    body = (
        "<html><head><title>大页面</title></head><body>" + para * 500 + "</body></html>"
    ).encode()
    assert len(body) > 500_000

    async def main():
        procs = CheckProcesses(asyncio.get_running_loop(), 2, _site())
        try:
            return await asyncio.wait_for(
                asyncio.gather(
                    *(
                        procs.page(
                            url=f"http://x.gov.cn/{i}.html",
                            final_url=f"http://x.gov.cn/{i}.html",
                            body=body,
                            as_of=dt.date(2025, 6, 30),
                            content_type="text/html; charset=utf-8",
                            status=200,
                            css={},
                            truncated=False,
                        )
                        for i in range(24)
                    )
                ),
                60,
            )
        finally:
            procs.close()

    done = aio.run(main())
    assert [d.outcome.url for d in done] == [f"http://x.gov.cn/{i}.html" for i in range(24)]
    assert {d.outcome.title for d in done} == {"大页面"}
    assert all(len(d.outcome.text) == 100_000 and d.packed_text for d in done)


def test_a_failing_job_is_an_error_and_the_worker_goes_on():
    async def main():
        procs = CheckProcesses(asyncio.get_running_loop(), 1, _site())
        try:
            with pytest.raises(RuntimeError, match="AttributeError"):
                await procs.page(
                    url="http://x.gov.cn/1.html",
                    final_url="http://x.gov.cn/1.html",
                    body=None,  # not bytes: the analysis fails in the worker
                    as_of=dt.date(2025, 6, 30),
                    content_type="text/html",
                    status=200,
                    css={},
                    truncated=False,
                )
            return await procs.attachment(
                url="http://x.gov.cn/a.pdf",
                body=b"%PDF-1.4 broken",
                as_of=dt.date(2025, 6, 30),
                kind="pdf",
                truncated=False,
                cap=1024,
            )
        finally:
            procs.close()

    findings = aio.run(main())
    assert [(f.rule_id, f.severity) for f in findings] == [("ATT.malformed", "low")]


def test_a_dying_worker_fails_its_jobs_instead_of_hanging():
    async def main():
        procs = CheckProcesses(asyncio.get_running_loop(), 1, _site())
        try:
            w = procs.workers[0]
            os.kill(w.proc.pid, signal.SIGKILL)
            w.proc.join(10)
            with pytest.raises(WorkerDied, match="检查进程"):
                await asyncio.wait_for(
                    procs.page(
                        url="http://x.gov.cn/1.html",
                        final_url="http://x.gov.cn/1.html",
                        body=b"<html><body>x</body></html>",
                        as_of=dt.date(2025, 6, 30),
                        content_type="text/html",
                        status=200,
                        css={},
                        truncated=False,
                    ),
                    30,
                )
        finally:
            procs.close()

    aio.run(main())
