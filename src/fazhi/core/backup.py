"""`fazhi backup` and `fazhi restore`: the database and the data directory in one archive.

The archive is a tar file holding ``manifest.json`` (format, engine, when, the row count of
every table, the SHA-256 of every member), the database — PostgreSQL as ``pg_dump
--format=custom``, SQLite as a copy taken with SQLite's online backup API (consistent while
the server keeps writing) — and from the data directory the attachments, the ledger
checkpoints and the session key (``secret_key``). It is written with mode 0600; keep it so.
The ledger key and the field key (which decrypts ID numbers and phones) are not in it: they
are backed up apart (docs/deploy.md §2).

``restore`` writes into the configured data directory and database, which must be empty
(a fresh directory, a new database): it never overwrites a live one. It checks every
member's hash before writing, restores, then counts the rows of every table against the
manifest and verifies the ledger's hash chain and signed checkpoints.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import sqlite3

# pg_dump and pg_restore with fixed list arguments (bandit B404, B603).
import subprocess  # nosec B404
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

from . import clock
from .cliutil import CliError, check_database

FORMAT = "fazhi-backup-1"
DB_SQLITE = "database.sqlite3"
DB_PG = "database.pgdump"


def _dirs() -> list[tuple[str, Path]]:
    return [
        ("attachments", Path(settings.ATTACHMENT_ROOT)),
        ("checkpoints", Path(settings.LEDGER_CHECKPOINT_DIR)),
    ]


def _keys() -> list[tuple[str, Path]]:
    """The session-signing key travels with the data. The ledger key does not: it is backed
    up apart (docs/deploy.md §2), so a copy of the database and its backups is not enough to
    forge a record; a restore verifies with the key ``FAZHI_LEDGER_KEY`` names."""
    return [("secret_key", settings.HOME / "secret_key")]


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def row_counts() -> dict[str, int]:
    """Rows of every table of the database (the drill compares these after a restore)."""
    counts = {}
    with connection.cursor() as cur:
        for table in sorted(connection.introspection.table_names(cur)):
            # A table name the database listed, quoted by the backend (bandit B608).
            sql = f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}"  # nosec B608
            cur.execute(sql)
            counts[table] = cur.fetchone()[0]
    return counts


def _pg_tool(name: str) -> str:
    """The newest installed PostgreSQL client tool (it must be at least the server's version)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3])
    )
    if found:
        return str(found[-1])
    tool = shutil.which(name)
    if tool is None:
        raise CliError(f"找不到 {name}：请安装 PostgreSQL 客户端（postgresql-client）。", 1)
    return tool


def _pg_env() -> tuple[list[str], dict[str, str]]:
    s = connection.settings_dict
    args = ["--host", s["HOST"] or "localhost", "--port", str(s["PORT"] or 5432)]
    args += ["--username", s["USER"], "--dbname", s["NAME"]]
    env = {**os.environ, "PGPASSWORD": s["PASSWORD"] or ""}
    return args, env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=3600)  # nosec B603
    if done.returncode != 0:
        raise CliError(f"{Path(cmd[0]).name} 失败：{done.stderr.strip()[:500]}", 1)


def _dump_database(into: Path) -> str:
    if _is_sqlite():
        connection.ensure_connection()
        target = sqlite3.connect(into / DB_SQLITE)
        with target:
            connection.connection.backup(target)
        target.close()
        return DB_SQLITE
    args, env = _pg_env()
    _run(
        [_pg_tool("pg_dump"), "--format=custom", "--no-owner", *args, "--file", str(into / DB_PG)],
        env,
    )
    return DB_PG


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def backup(output: Path) -> dict:
    """Write the archive; returns its manifest."""
    output = output.resolve()
    with tempfile.TemporaryDirectory(prefix="fazhi-backup-") as tmp:
        work = Path(tmp)
        db_member = _dump_database(work)
        counts = row_counts()
        members = [db_member]
        for name, src in _dirs():
            if src.is_dir():
                shutil.copytree(src, work / name)
                members += [
                    str(p.relative_to(work))
                    for p in sorted((work / name).rglob("*"))
                    if p.is_file()
                ]
        for name, src in _keys():
            if src.is_file():
                shutil.copy2(src, work / name)
                members.append(name)
        manifest = {
            "format": FORMAT,
            "engine": connection.vendor,
            "created_at": clock.now().isoformat(timespec="seconds"),
            "database": db_member,
            "row_counts": counts,
            "files": {m: _sha256(work / m) for m in members},
        }
        output.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            for m in members:
                tar.add(work / m, arcname=m)
    return manifest


def _unpack(archive: Path, into: Path) -> dict:
    try:
        with tarfile.open(archive) as tar:
            tar.extractall(into, filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise CliError(f"无法读取备份文件 {archive}：{exc}") from exc
    try:
        manifest = json.loads((into / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise CliError("备份文件缺少有效的 manifest.json。") from exc
    if manifest.get("format") != FORMAT:
        raise CliError(f"不认识的备份格式：{manifest.get('format')}")
    for member, digest in manifest["files"].items():
        path = into / member
        if not path.is_file() or _sha256(path) != digest:
            raise CliError(f"备份文件已损坏：{member} 的哈希不符。", 1)
    return manifest


def _require_empty_target() -> None:
    with connection.cursor() as cur:
        tables = connection.introspection.table_names(cur)
    if tables:
        raise CliError(
            f"目标数据库不是空的（已有 {len(tables)} 张表）：恢复只写入新的空数据库，"
            "请另建数据库或换一个数据目录。"
        )
    for _name, d in _dirs():
        if d.is_dir() and any(d.iterdir()):
            raise CliError(f"目标目录 {d} 不是空的：恢复只写入新的数据目录。")


def restore(archive: Path) -> dict:
    """Restore into the configured (empty) database and data directory; returns the
    manifest. The caller verifies (``verify_restored``)."""
    with tempfile.TemporaryDirectory(prefix="fazhi-restore-") as tmp:
        work = Path(tmp)
        manifest = _unpack(archive, work)
        if manifest["engine"] != connection.vendor:
            raise CliError(
                f"备份来自 {manifest['engine']} 数据库，不能恢复到 {connection.vendor} 数据库。"
            )
        _require_empty_target()
        if _is_sqlite():
            name = Path(connection.settings_dict["NAME"])
            connection.close()
            source = sqlite3.connect(work / DB_SQLITE)
            target = sqlite3.connect(name)
            with target:
                source.backup(target)
            source.close()
            target.close()
        else:
            args, env = _pg_env()
            connection.close()
            _run(
                [_pg_tool("pg_restore"), "--no-owner", "--exit-on-error", *args, str(work / DB_PG)],
                env,
            )
        for name, dest in _dirs():
            if (work / name).is_dir():
                shutil.copytree(work / name, dest, dirs_exist_ok=True)
        for name, dest in _keys():
            if (work / name).is_file():
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(work / name, dest)
                dest.chmod(0o600)
    return manifest


def verify_restored(manifest: dict) -> list[str]:
    """Problems found after a restore: row counts that differ, a broken ledger."""
    from . import checkpoints, ledger

    problems = []
    now = row_counts()
    for table, n in manifest["row_counts"].items():
        if now.get(table) != n:
            problems.append(f"{table}：备份 {n} 行，恢复后 {now.get(table)} 行")
    result = ledger.verify()
    if not result.ok:
        problems.append(f"哈希链被破坏：第 {result.first_bad_seq} 号事件。{result.problem}")
    _checked, bad = checkpoints.verify()
    problems += [f"检查点 {p.file}：{p.problem}" for p in bad]
    return problems


def cmd_backup(args: argparse.Namespace) -> int:
    check_database()
    output = Path(args.output or f"fazhi-backup-{clock.now():%Y%m%d-%H%M%S}.tar")
    manifest = backup(output)
    rows = sum(manifest["row_counts"].values())
    print(
        f"已备份到 {output}：{manifest['engine']} 数据库 {len(manifest['row_counts'])} 张表 "
        f"{rows} 行，文件 {len(manifest['files'])} 个。"
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    check_database()
    archive = Path(args.archive)
    if not archive.is_file():
        raise CliError(f"找不到备份文件：{archive}")
    manifest = restore(archive)
    problems = verify_restored(manifest)
    for p in problems:
        print(p)
    if problems:
        return 1
    from . import ledger

    events = ledger.verify().checked
    print(
        f"已恢复 {archive}（{manifest['created_at']}）：{len(manifest['row_counts'])} 张表行数一致；"
        f"哈希链完整，共 {events} 个事件。"
    )
    return 0
