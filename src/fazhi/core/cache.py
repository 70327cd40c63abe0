"""Django's database cache with an atomic ``incr``, so rate limits count every request.

Django's ``DatabaseCache`` inherits ``incr`` as get-then-set: two workers that read the same
count both write count+1 and one request goes uncounted (django-ratelimit refuses that
backend for this reason). Here the read and the write are one transaction holding the row:
``SELECT … FOR UPDATE`` on PostgreSQL, the write lock taken at BEGIN on SQLite (the project
opens SQLite transactions IMMEDIATE). Everything else is Django's.
"""

from __future__ import annotations

import base64

# Django's own cache format, written only by this application (bandit B403, B301).
import pickle  # nosec B403

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction
from django.utils.timezone import now as tz_now


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        q = connection.ops.quote_name
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        # Identifiers quoted by the backend, values as parameters (bandit B608).
        table, value_col, key_col = q(self._table), q("value"), q("cache_key")
        select = f"SELECT {value_col}, {q('expires')} FROM {table} WHERE {key_col} = %s{lock}"
        update = f"UPDATE {table} SET {value_col} = %s WHERE {key_col} = %s"
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(select, [key])
            row = cursor.fetchone()
            if row is None or _expired(connection, row[1]):
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta  # nosec B301
            pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode()
            cursor.execute(update, [pickled, key])
        return value


def _expired(connection, expires) -> bool:
    from django.db import models

    expression = models.Expression(output_field=models.DateTimeField())
    for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(
        connection
    ):
        expires = converter(expires, expression, connection)
    return expires < tz_now()
