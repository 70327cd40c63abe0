"""``check`` CLI: exit codes, no network for files, only one page for URLs."""

from __future__ import annotations

import socket
from importlib import resources

import pytest

from fazhi.monitor.engine import cli
from fazhi.monitor.fixtures_site.harness import fixture_server
from fazhi.monitor.fixtures_site.site import BASE, HOST, FixtureSite

SEED = resources.files("fazhi.core.data.seed").joinpath("furong-2019-report.txt")


@pytest.fixture
def no_sockets(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("check FILE must not open any connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_check_seed_txt_exits_1(no_sockets, capsys, tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert cli.cmd_check([str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith("K1.lexicon\thigh") for line in out)
    assert any(line.startswith("K2.issuer\thigh") and "芙蓉区凯发一触即发" in line for line in out)


def test_check_html_files(no_sockets, capsys, tmp_path):
    site = FixtureSite()
    bad = tmp_path / "seed_report.html"
    bad.write_text(site.seed(tampered=True), encoding="utf-8")
    clean = tmp_path / "seed_clean.html"
    clean.write_text(site.seed(tampered=False), encoding="utf-8")
    assert cli.cmd_check([str(bad), "--as-of", "2025-06-30"]) == 1
    capsys.readouterr()
    assert cli.cmd_check([str(clean), "--as-of", "2025-06-30"]) == 0
    assert capsys.readouterr().out == ""


def test_check_file_reads_local_css(no_sockets, capsys, tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text(".x{display:none}", encoding="utf-8")
    page = tmp_path / "p.html"
    page.write_text(
        '<html><head><link rel="stylesheet" href="/css/site.css"></head><body>'
        '<div class="x"><a href="http://k.example/">百家乐</a></div></body></html>',
        encoding="utf-8",
    )
    assert cli.cmd_check([str(page)]) == 1
    assert "K3.hidden\thigh" in capsys.readouterr().out


def test_check_missing_file(capsys):
    assert cli.cmd_check(["/nonexistent/file.html"]) == 2


def test_check_url_fetches_only_that_page(capsys):
    with fixture_server() as (srv, hmap):
        # the fixture limits' short timeout: /slow.html (a link of links.html) answers after
        # 20 s, and the default 15 s, retried, kept the test waiting ≈50 s
        args = [f"{BASE}/seed_report.html", "--as-of", "2025-06-30", "--timeout", "1.5"]
        for h, p in hmap.items():
            args += ["--map", f"{h}={p}"]
        assert cli.cmd_check(args) == 1
        assert [(e.host, e.target) for e in srv.log] == [(HOST, "/seed_report.html")]
        srv.clear_log()
        assert cli.cmd_check([f"{BASE}/links.html", "--links", *args[1:]]) == 1
        out = capsys.readouterr().out
        assert "LINK.dead" in out and "K7.external_bad" in out and "K7.raw_ip" in out
        assert all(e.target != "/xwzx/frxw/art1.html" for e in srv.log)  # checked, not crawled


def test_module_main_usage(capsys):
    assert cli.main([]) == 2


def test_crawl_check_workers_out_of_range_is_refused(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.cmd_crawl(["--check-workers", "9"])
    assert exc.value.code == 2
    assert "--check-workers" in capsys.readouterr().err
