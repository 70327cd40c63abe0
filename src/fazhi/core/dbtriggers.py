"""The append-only triggers on ledger events and the guard on the chain head, for SQLite
and PostgreSQL.

Events: no UPDATE, DELETE or TRUNCATE. Head: no DELETE (nor TRUNCATE), and an UPDATE only
forward, onto an event that exists with exactly that hash — so the head cannot be reset to
hide a cut tail or pointed at nothing.

Used by migrations 0002 and 0004 and by the test suite, which must lift them to empty the
tables between transactional tests (and to simulate tampering).
"""

from django.db import connection as default_connection

SQLITE = [
    """CREATE TRIGGER IF NOT EXISTS core_ledgerevent_no_update BEFORE UPDATE ON core_ledgerevent
       BEGIN SELECT RAISE(ABORT, 'ledger events are append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS core_ledgerevent_no_delete BEFORE DELETE ON core_ledgerevent
       BEGIN SELECT RAISE(ABORT, 'ledger events are append-only'); END""",
]
SQLITE += [
    """CREATE TRIGGER IF NOT EXISTS core_ledgerhead_no_delete BEFORE DELETE ON core_ledgerhead
       BEGIN SELECT RAISE(ABORT, 'the ledger head cannot be deleted'); END""",
    """CREATE TRIGGER IF NOT EXISTS core_ledgerhead_forward BEFORE UPDATE ON core_ledgerhead
       WHEN NEW.id != OLD.id OR NEW.seq < OLD.seq OR (NEW.seq > 0 AND NOT EXISTS (
         SELECT 1 FROM core_ledgerevent WHERE seq = NEW.seq AND hash = NEW.hash))
       BEGIN SELECT RAISE(ABORT, 'the ledger head only moves forward to an existing event'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_ledgerevent_no_update",
    "DROP TRIGGER IF EXISTS core_ledgerevent_no_delete",
    "DROP TRIGGER IF EXISTS core_ledgerhead_no_delete",
    "DROP TRIGGER IF EXISTS core_ledgerhead_forward",
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
POSTGRES += [
    """CREATE OR REPLACE FUNCTION core_ledgerhead_guard() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.seq >= OLD.seq AND (NEW.seq = 0 OR
            EXISTS (SELECT 1 FROM core_ledgerevent WHERE seq = NEW.seq AND hash = NEW.hash))
         THEN RETURN NEW; END IF;
         RAISE EXCEPTION 'the ledger head only moves forward to an existing event';
       END; $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS core_ledgerhead_guard ON core_ledgerhead",
    """CREATE TRIGGER core_ledgerhead_guard BEFORE UPDATE OR DELETE ON core_ledgerhead
       FOR EACH ROW EXECUTE FUNCTION core_ledgerhead_guard()""",
    "DROP TRIGGER IF EXISTS core_ledgerhead_no_truncate ON core_ledgerhead",
    """CREATE TRIGGER core_ledgerhead_no_truncate BEFORE TRUNCATE ON core_ledgerhead
       FOR EACH STATEMENT EXECUTE FUNCTION core_ledgerevent_refuse()""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS core_ledgerevent_no_change ON core_ledgerevent",
    "DROP TRIGGER IF EXISTS core_ledgerevent_no_truncate ON core_ledgerevent",
    "DROP TRIGGER IF EXISTS core_ledgerhead_guard ON core_ledgerhead",
    "DROP TRIGGER IF EXISTS core_ledgerhead_no_truncate ON core_ledgerhead",
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


def install_events_only(connection=None) -> None:
    """The triggers as migration 0002 left them (for unapplying 0004)."""
    connection = connection or default_connection
    keep = [sql for sql in CREATE.get(connection.vendor, []) if "ledgerhead" not in sql]
    with connection.cursor() as cur:
        for sql in keep:
            cur.execute(sql)
