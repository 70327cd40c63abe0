"""The migrated-schema snapshot (core/schemasnap.py) is exactly what the migrations make, an
empty SQLite database gets it, and a stale one is never loaded."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

from django.db import connections
from django.db.migrations.executor import MigrationExecutor

from fazhi.core import schemasnap

LINES = schemasnap.SNAPSHOT.read_text(encoding="utf-8").count("\n")


@contextlib.contextmanager
def sqlite_file(path: Path, django_db_blocker):
    """A connection to a new SQLite file of its own, under a temporary alias."""
    from django.conf import settings

    alias = f"snap_{path.stem}"
    base = settings.DATABASES["default"] if connections["default"].vendor == "sqlite" else {}
    config = {
        **base,
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "TEST": {},
        "OPTIONS": base.get("OPTIONS", {}),
    }
    filled = connections.configure_settings(
        {"default": connections.settings["default"], alias: config}
    )
    connections.settings[alias] = filled[alias]
    try:
        with django_db_blocker.unblock():
            yield connections[alias]
    finally:
        with django_db_blocker.unblock():
            connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


def _tables(conn) -> list[str]:
    with conn.cursor() as cur:
        cur.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        return [r[0] for r in cur.fetchall()]


def test_the_snapshot_is_what_the_migrations_make():
    """Every migration applied to a new SQLite database, in a process of its own (Django's and
    the packages' migrations run on the default database), then compared with the file."""
    done = subprocess.run(
        [sys.executable, "-m", "fazhi.core.schemasnap", "--check"],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "FAZHI_DATABASE_URL"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.endswith(f"what the migrations make ({LINES:,} lines)\n")


def test_an_empty_database_gets_the_snapshot_and_migrate_has_nothing_to_apply(
    tmp_path, django_db_blocker
):
    with sqlite_file(tmp_path / "empty.sqlite3", django_db_blocker) as conn:
        assert _tables(conn) == []
        assert schemasnap.load_if_empty(conn) is True
        executor = MigrationExecutor(conn)
        assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
        assert "core_ledgerevent" in _tables(conn) and "legality_search_fts" in _tables(conn)
        with conn.cursor() as cur:  # the ledger's append-only triggers came with it
            cur.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
            assert cur.fetchone()[0] >= 4
        # loaded once: a database with tables is left to migrate
        assert schemasnap.load_if_empty(conn) is False


def test_a_snapshot_of_other_migrations_is_never_loaded(tmp_path, django_db_blocker, monkeypatch):
    stale = tmp_path / "schema-sqlite.sql"
    text = schemasnap.SNAPSHOT.read_text(encoding="utf-8")
    stale.write_text(schemasnap.HEADER + "0" * 64 + "\n" + text.split("\n", 1)[1])
    monkeypatch.setattr(schemasnap, "SNAPSHOT", stale)
    assert schemasnap.usable() is None
    with sqlite_file(tmp_path / "other.sqlite3", django_db_blocker) as conn:
        assert schemasnap.load_if_empty(conn) is False
        assert _tables(conn) == []
    monkeypatch.setattr(schemasnap, "SNAPSHOT", tmp_path / "missing.sql")
    assert schemasnap.usable() is None
