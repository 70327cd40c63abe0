"""The append-only triggers on ledger events, for SQLite and PostgreSQL.

Used by migration 0002 and by the test suite, which must lift them to empty the tables
between transactional tests (and to simulate tampering).
"""

from django.db import connection as default_connection

SQLITE = [
    """CREATE TRIGGER IF NOT EXISTS core_ledgerevent_no_update BEFORE UPDATE ON core_ledgerevent
       BEGIN SELECT RAISE(ABORT, 'ledger events are append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS core_ledgerevent_no_delete BEFORE DELETE ON core_ledgerevent
       BEGIN SELECT RAISE(ABORT, 'ledger events are append-only'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_ledgerevent_no_update",
    "DROP TRIGGER IF EXISTS core_ledgerevent_no_delete",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION core_ledgerevent_refuse() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'ledger events are append-only'; END; $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS core_ledgerevent_no_change ON core_ledgerevent",
    """CREATE TRIGGER core_ledgerevent_no_change BEFORE UPDATE OR DELETE ON core_ledgerevent
       FOR EACH ROW EXECUTE FUNCTION core_ledgerevent_refuse()""",
    "DROP TRIGGER IF EXISTS core_ledgerevent_no_truncate ON core_ledgerevent",
    """CREATE TRIGGER core_ledgerevent_no_truncate BEFORE TRUNCATE ON core_ledgerevent
       FOR EACH STATEMENT EXECUTE FUNCTION core_ledgerevent_refuse()""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS core_ledgerevent_no_change ON core_ledgerevent",
    "DROP TRIGGER IF EXISTS core_ledgerevent_no_truncate ON core_ledgerevent",
]

CREATE = {"sqlite": SQLITE, "postgresql": POSTGRES}
DROP = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}


def _execute(statements: dict[str, list[str]], connection=None) -> None:
    connection = connection or default_connection
    with connection.cursor() as cur:
        for sql in statements.get(connection.vendor, []):
            cur.execute(sql)


def install(connection=None) -> None:
    _execute(CREATE, connection)


def remove(connection=None) -> None:
    _execute(DROP, connection)
