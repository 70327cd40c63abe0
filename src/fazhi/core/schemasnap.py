"""An empty SQLite database made from a snapshot of the migrated schema, not by migrating.

Django's ``migrate`` on an empty database spends ≈50 s re-rendering model states (93
migrations, 184 ``CreateModel``s, docs/benchmarks.md "First run"); the result is always the
same tables, indexes, triggers and rows. ``fazhi up``, ``fazhi migrate`` and the test run's
migrated template load that result instead when the database is empty — the way Rails loads
``schema.rb`` rather than replaying every migration — and then run ``migrate`` as before,
which finds every migration applied and only sends ``post_migrate``.

The snapshot (``data/schema-sqlite.sql``) is SQL text, made from a database that the
migrations built (``python -m fazhi.core.schemasnap --write``) — the migrations only: what
``post_migrate`` adds (content types, permissions, the calendar and the time rules with their
ledger events, signed with *this* installation's key) is added on load by the ``migrate``
that follows, as after any migrate. Its first line carries the fingerprint
of the migrations it was made from — every migration module on disk, its name and its bytes,
Django's own included. A snapshot whose fingerprint is not the current one is never loaded
(``migrate`` runs as usual), and ``core/tests/test_schemasnap.py`` fails until it is made
again, so it cannot drift from the migrations. PostgreSQL always migrates.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parent / "data" / "schema-sqlite.sql"
HEADER = "-- fazhi schema snapshot "
_FTS_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")


def fingerprint() -> str:
    """SHA-256 over every migration on disk: app, name and the module's bytes."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True, load=False)
    loader.load_disk()
    h = hashlib.sha256()
    for (app, name), migration in sorted(loader.disk_migrations.items()):
        source = Path(sys.modules[type(migration).__module__].__file__).read_bytes()
        h.update(f"{app}\0{name}\0".encode())
        h.update(hashlib.sha256(source).digest())
    return h.hexdigest()


def dump(connection) -> str:
    """The schema and rows of a migrated SQLite database as one SQL script, objects in the
    order SQLite created them (an FTS5 table's shadow tables are left to the table itself;
    ``django_migrations.applied`` is replaced by the time of the load)."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
        )
        objects = cur.fetchall()
        virtual = [n for t, n, sql in objects if sql.upper().startswith("CREATE VIRTUAL TABLE")]
        shadows = {v + s for v in virtual for s in _FTS_SHADOWS}
        tables, rest = [], []
        for kind, name, sql in objects:
            if name in shadows or name.startswith("sqlite_"):
                continue
            (tables if kind == "table" else rest).append((name, sql))
        lines = [HEADER + fingerprint(), "BEGIN;"]
        lines += [f"{sql};" for _name, sql in tables]
        for name, _sql in tables:
            if name in virtual:
                continue
            cur.execute(f'PRAGMA table_info("{name}")')
            columns = [row[1] for row in cur.fetchall()]
            values = " || ',' || ".join(
                "'CURRENT_TIMESTAMP'"
                if (name, c) == ("django_migrations", "applied")
                else f'quote("{c}")'
                for c in columns
            )
            # names from sqlite_master and PRAGMA table_info, quoted (bandit B608)
            cur.execute(f'SELECT {values} FROM "{name}" ORDER BY rowid')  # nosec B608
            # the snapshot's text: values quoted by SQLite's quote(), the name from sqlite_master
            lines += [f'INSERT INTO "{name}" VALUES({r[0]});' for r in cur.fetchall()]  # nosec B608
        cur.execute(
            "SELECT 'INSERT INTO sqlite_sequence(name, seq) VALUES(' || quote(name) || ', ' "
            "|| quote(seq) || ');' FROM sqlite_sequence ORDER BY name"
        )
        lines += [row[0] for row in cur.fetchall()]
        lines += [f"{sql};" for _name, sql in rest]
        lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


def _empty(connection) -> bool:
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        return cur.fetchone()[0] == 0


def usable() -> str | None:
    """The snapshot's SQL when it matches today's migrations, else None."""
    if not SNAPSHOT.exists():
        return None
    text = SNAPSHOT.read_text(encoding="utf-8")
    first = text.split("\n", 1)[0]
    return text if first == HEADER + fingerprint() else None


def load_if_empty(connection=None) -> bool:
    """Give an empty SQLite database the migrated schema from the snapshot; True when done.
    Anything else — PostgreSQL, a database with tables, a stale snapshot — is left to
    ``migrate``."""
    from django.db import connection as default

    connection = connection or default
    if connection.vendor != "sqlite" or not _empty(connection):
        return False
    script = usable()
    if script is None:
        return False
    connection.ensure_connection()
    connection.connection.executescript(script)
    return True


def migrate(**options) -> bool:
    """``migrate``, after giving an empty SQLite database the snapshot; whether it did."""
    from django.core.management import call_command

    loaded = load_if_empty()
    call_command("migrate", interactive=False, **options)
    return loaded


def migrate_only(connection) -> None:
    """Apply every migration to ``connection``'s database without sending ``post_migrate``
    (what the snapshot holds)."""
    from unittest import mock

    from django.core.management import call_command

    with mock.patch("django.core.management.commands.migrate.emit_post_migrate_signal"):
        call_command("migrate", database=connection.alias, interactive=False, verbosity=0)


def main(argv: list[str]) -> int:
    """``python -m fazhi.core.schemasnap --write`` migrates a new, empty SQLite database and
    writes its snapshot; ``--check`` does the same and compares it with the snapshot on disk
    (exit 1 when they differ). A process of its own: the migrations (Django's and the
    packages' among them) run on the default database."""
    import os
    import tempfile

    if argv not in (["--write"], ["--check"]):
        print("usage: python -m fazhi.core.schemasnap --write | --check", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    with tempfile.TemporaryDirectory() as home:
        os.environ["FAZHI_HOME"] = home
        os.environ.pop("FAZHI_DATABASE_URL", None)
        import django

        django.setup()
        from django.db import connection

        migrate_only(connection)
        made = dump(connection)
        connection.close()
    if argv == ["--write"]:
        SNAPSHOT.write_text(made, encoding="utf-8")
        print(f"{SNAPSHOT}: {SNAPSHOT.stat().st_size:,} bytes")
        return 0
    shipped = SNAPSHOT.read_text(encoding="utf-8") if SNAPSHOT.exists() else ""
    if made != shipped:
        print(
            f"{SNAPSHOT} is not what today's migrations make: "
            "run python -m fazhi.core.schemasnap --write",
            file=sys.stderr,
        )
        return 1
    print(f"{SNAPSHOT}: what the migrations make ({made.count(chr(10)):,} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
