"""The backup drill: back up a working district, restore it into a fresh data directory and
a new database, and prove it whole — every table's row count, the ledger's hash chain and
its signed checkpoints, the attachments. On SQLite (online backup API) and PostgreSQL
(pg_dump / pg_restore), as the test command runs the suite on both."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.db import connection

from fazhi.cli import main
from fazhi.core import attachments, backup, checkpoints, fieldkey, ledgerkey, services

from .factories import SYSTEM, District

pytestmark = pytest.mark.django_db(transaction=True)


def fazhi(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "fazhi.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture
def source(tmp_path, settings):
    """A data directory of its own, with records, an attachment and a checkpoint."""
    home = tmp_path / "source"
    home.mkdir()
    settings.HOME = home
    settings.ATTACHMENT_ROOT = home / "attachments"
    # The district's key moves with it: the events the migrations wrote (calendar and rules
    # seeds) are signed with the key in force then.
    key = home / "ledger_key"
    ledgerkey.load(create_missing=True)
    shutil.copy2(ledgerkey.path(), key)
    key.chmod(0o600)
    settings.LEDGER_KEY_PATH = key
    settings.LEDGER_CHECKPOINT_DIR = home / "checkpoints"
    settings.FIELD_KEY_PATH = home / "field_key"  # in the data directory: still not archived
    fieldkey.forget()
    fieldkey.create()
    (home / "secret_key").write_text("source-secret")
    d = District()
    services.notice_publish(actor=d.leader, org=d.bureau, title="备份演练通知", body="正文")
    attachments.store(actor=SYSTEM, source=b"%PDF-1.4 drill\n", name="演练.pdf")
    checkpoints.export()
    return home


@pytest.fixture
def fresh(tmp_path):
    """Environment of a fresh data directory and, on PostgreSQL, a new empty database."""
    home = tmp_path / "fresh"
    env = {**os.environ, "FAZHI_HOME": str(home)}
    # The ledger key comes from its own backup, never from the archive (docs/deploy.md §2).
    env["FAZHI_LEDGER_KEY"] = str(tmp_path / "source" / "ledger_key")
    env.pop("FAZHI_CHECKPOINT_DIR", None)
    if connection.vendor == "sqlite":
        env.pop("FAZHI_DATABASE_URL", None)
        yield env
        return
    name = f"drill_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cur:
        cur.execute(f"CREATE DATABASE {name}")
    url = os.environ["FAZHI_DATABASE_URL"].rsplit("/", 1)[0]
    env["FAZHI_DATABASE_URL"] = f"{url}/{name}"
    yield env
    with connection.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_backup_and_restore_drill(source, fresh, tmp_path, capsys):
    archive = tmp_path / "drill.tar"
    before = backup.row_counts()
    assert main(["backup", "--output", str(archive)]) == 0
    out = capsys.readouterr().out
    assert f"已备份到 {archive}" in out
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert manifest["row_counts"] == before
    assert manifest["engine"] == connection.vendor
    assert {"secret_key", manifest["database"]} <= names
    assert "ledger_key" not in names and "field_key" not in names  # backed up apart
    assert sum(1 for n in names if n.startswith("attachments/")) == 1
    assert sum(1 for n in names if n.startswith("checkpoints/")) == 1

    done = fazhi("restore", str(archive), env=fresh)
    assert done.returncode == 0, done.stdout + done.stderr
    tables = len(before)
    assert f"{tables} 张表行数一致" in done.stdout
    events = before["core_ledgerevent"]
    assert f"哈希链完整，共 {events} 个事件" in done.stdout

    verify = fazhi("ledger", "verify", env=fresh)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert f"共 {events} 个事件；与 1 个签名检查点一致" in verify.stdout
    home = Path(fresh["FAZHI_HOME"])
    assert (home / "secret_key").read_text() == "source-secret"
    restored = list((home / "attachments").rglob("*"))
    assert sum(p.is_file() for p in restored) == 1
    if connection.vendor == "sqlite":
        db = sqlite3.connect(home / "fazhi.sqlite3")
        counts = {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in before}
        assert counts == before


def test_restore_refuses_a_database_that_is_not_empty(source, tmp_path, capsys):
    archive = tmp_path / "drill.tar"
    assert main(["backup", "--output", str(archive)]) == 0
    before = backup.row_counts()
    assert main(["restore", str(archive)]) == 2
    assert "目标数据库不是空的" in capsys.readouterr().err
    assert backup.row_counts() == before


def test_a_damaged_archive_is_refused(source, fresh, tmp_path):
    archive = tmp_path / "drill.tar"
    assert main(["backup", "--output", str(archive)]) == 0
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w") as dst:
        for m in src.getmembers():
            data = src.extractfile(m).read() if m.isfile() else None
            if m.name == "secret_key":
                data = b"tampered"
                m.size = len(data)
            dst.addfile(m, io.BytesIO(data) if data is not None else None)
    done = fazhi("restore", str(damaged), env=fresh)
    assert done.returncode == 1
    assert "备份文件已损坏：secret_key 的哈希不符" in done.stderr
    # Nothing was written: the fresh directory keeps the key it made for itself.
    assert (Path(fresh["FAZHI_HOME"]) / "secret_key").read_text() not in (
        "tampered",
        "source-secret",
    )
    assert not (Path(fresh["FAZHI_HOME"]) / "attachments").exists()
