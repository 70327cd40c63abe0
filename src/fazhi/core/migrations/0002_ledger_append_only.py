"""Database triggers that refuse UPDATE and DELETE on ledger events (SQLite and PostgreSQL).

The application has no code path that changes an event; these triggers make the database
refuse it too, so only someone who drops the trigger first can tamper — and the hash chain
and the signed checkpoints catch that. The SQL lives in ``fazhi.core.dbtriggers``.
"""

from django.db import migrations


def install(apps, schema_editor):
    from fazhi.core import dbtriggers

    dbtriggers.install_events_only(schema_editor.connection)


def remove(apps, schema_editor):
    from fazhi.core import dbtriggers

    dbtriggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
