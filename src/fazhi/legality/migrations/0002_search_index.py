"""The full-text index of the normative-document library (``legality/search.py``): an FTS5
table over ``legality_searchentry.tokens`` kept in step by triggers on SQLite, a GIN index
over the word array on PostgreSQL."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE legality_search_fts USING fts5("
    "tokens, content='legality_searchentry', content_rowid='id')",
    "CREATE TRIGGER legality_search_ai AFTER INSERT ON legality_searchentry BEGIN "
    "INSERT INTO legality_search_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
    "CREATE TRIGGER legality_search_ad AFTER DELETE ON legality_searchentry BEGIN "
    "INSERT INTO legality_search_fts(legality_search_fts, rowid, tokens) "
    "VALUES ('delete', old.id, old.tokens); END",
    "CREATE TRIGGER legality_search_au AFTER UPDATE ON legality_searchentry BEGIN "
    "INSERT INTO legality_search_fts(legality_search_fts, rowid, tokens) "
    "VALUES ('delete', old.id, old.tokens); "
    "INSERT INTO legality_search_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS legality_search_au",
    "DROP TRIGGER IF EXISTS legality_search_ad",
    "DROP TRIGGER IF EXISTS legality_search_ai",
    "DROP TABLE IF EXISTS legality_search_fts",
]
POSTGRES = [
    "CREATE INDEX legality_search_words ON legality_searchentry "
    "USING gin (string_to_array(tokens, ' '))",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS legality_search_words"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("legality", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
