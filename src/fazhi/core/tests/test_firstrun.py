"""`fazhi up`'s first run: the first page on the kernel's demo while the whole demo is built
beside it (``fazhi.core.firstrun``) — the notice, the refused writes, the swap, a restart
after an interrupted first run."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from fazhi.core import firstrun
from fazhi.core.models import LedgerEvent

NOTICE = "演示数据正在后台载入"


@pytest.fixture
def loading(settings, tmp_path):
    settings.HOME = tmp_path
    firstrun.write_status(total=13, done=4, current="政务服务（2019年度）")
    return tmp_path


@pytest.mark.django_db
def test_pages_carry_the_notice_with_the_step_while_the_demo_loads(client, loading):
    for path in ["/", "/workspace/login/"]:
        page = client.get(path)
        assert page.status_code == 200
        text = page.content.decode()
        assert NOTICE in text
        assert "（第 5/13 步：政务服务（2019年度））" in text
    client.cookies["django_language"] = "en"
    text = client.get("/").content.decode()
    assert "The demo data is loading in the background" in text
    assert "(step 5 of 13: 政务服务（2019年度）)" in text


@pytest.mark.django_db
def test_a_write_is_refused_before_anything_runs(client, loading):
    events = LedgerEvent.objects.count()
    page = client.post("/workspace/login/", {"username": "clerk", "password": "Furong@2019"})
    assert page.status_code == 503
    assert page["Retry-After"] == "30"
    assert page["Content-Security-Policy"] == "default-src 'none'"
    assert NOTICE in page.content.decode()
    assert "sessionid" not in page.cookies
    api = client.post("/api/v1/imports/enforcement.cases", {})
    assert api.status_code == 503
    assert api.json()["error"].startswith(NOTICE)
    assert LedgerEvent.objects.count() == events


@pytest.mark.django_db
def test_the_language_switch_still_works_and_the_end_lifts_everything(client, loading):
    switched = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert switched.status_code == 302
    firstrun.clear_status()
    assert NOTICE not in client.get("/").content.decode()
    page = client.post("/workspace/login/", {"username": "nobody", "password": "x"})
    assert page.status_code == 401  # the sign-in's own answer: the form again, with its message


def test_a_torn_status_file_still_counts_as_loading(settings, tmp_path):
    settings.HOME = tmp_path
    assert firstrun.status() is None
    (tmp_path / firstrun.STATUS_NAME).write_text("{", encoding="utf-8")
    assert firstrun.status() == {}
    assert firstrun.notice({}).startswith(NOTICE)
    assert "（第" not in firstrun.notice({})
    assert firstrun.notice({"total": 13, "done": 13}).endswith("（第 13/13 步）")


def test_the_built_file_takes_the_preview_s_place(tmp_path):
    db = tmp_path / "fazhi.sqlite3"
    built = firstrun.building_path(db)
    for f, text in [(db, "preview"), (Path(f"{db}-wal"), "old wal"), (Path(f"{db}-shm"), "x")]:
        f.write_text(text)
    built.write_text("built")
    Path(f"{built}-wal").write_text("not written back")
    with pytest.raises(RuntimeError, match="未写回数据库文件"):
        firstrun.install_built(db)
    assert db.read_text() == "preview"  # nothing replaced
    Path(f"{built}-wal").write_text("")
    firstrun.install_built(db)
    assert db.read_text() == "built"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fazhi.sqlite3"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "FAZHI_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    env.pop("FAZHI_DATABASE_URL", None)  # the first run's own case: the embedded database
    return env


def test_unknown_step_is_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "fazhi.cli", "up", "--port", str(_free_port()), "--step", "无此步"],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith("fazhi up: 没有这个演示数据步骤：无此步")
    assert not (tmp_path / firstrun.STATUS_NAME).exists()


def test_serve_refuses_an_unfinished_first_run(tmp_path):
    firstrun_file = tmp_path / firstrun.STATUS_NAME
    firstrun_file.write_text('{"total": 13, "done": 2}', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "fazhi.cli", "serve", "--port", str(_free_port())],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "fazhi serve: 数据目录中的首次运行（fazhi up）尚未完成：请再次运行 fazhi up 载入演示数据。"
    )
    assert firstrun_file.exists()


def test_up_serves_at_once_then_restarts_on_the_built_demo(tmp_path):
    """An interrupted first run's leftovers are discarded; the server answers on the
    kernel's demo, then on the built file, whose ledger verifies."""
    (tmp_path / firstrun.STATUS_NAME).write_text('{"total": 13, "done": 2}', encoding="utf-8")
    (tmp_path / "fazhi.sqlite3.building").write_text("half a build")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "fazhi.cli", "up", "--port", str(port), "--step", "网站监测"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=_env(tmp_path),
        start_new_session=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 240
        page = None
        while time.monotonic() < deadline and proc.poll() is None:
            done = any(line.startswith("演示数据载入完成") for line in list(lines))
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
            except httpx.HTTPError:
                r = None
            if done and r is not None and r.status_code == 200:
                page = r.text
                break
            time.sleep(0.5)
        out = "".join(lines)
        assert page is not None, out[-3000:]
        assert NOTICE not in page
        assert "上次首次运行未完成" in out.splitlines()[0]
        order = [
            next(i for i, line in enumerate(out.splitlines()) if line.startswith(mark))
            for mark in ["fazhi 正在运行", "  载入演示数据：网站监测", "演示数据载入完成"]
        ]
        assert order == sorted(order), out
        assert not (tmp_path / firstrun.STATUS_NAME).exists()
        assert not (tmp_path / "fazhi.sqlite3.building").exists()
        verify = subprocess.run(
            [sys.executable, "-m", "fazhi.cli", "ledger", "verify"],
            capture_output=True,
            text=True,
            env=_env(tmp_path),
            timeout=120,
        )
        assert verify.returncode == 0, verify.stdout + verify.stderr
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    with sqlite3.connect(tmp_path / "fazhi.sqlite3") as con:
        (sites,) = con.execute("SELECT count(*) FROM monitor_site").fetchone()
        (orgs,) = con.execute("SELECT count(*) FROM core_organisation").fetchone()
    assert sites > 0 and orgs == 118
