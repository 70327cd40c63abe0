"""Django's database cache with an atomic ``incr``, so rate limits count every request.

Django's ``DatabaseCache`` inherits ``incr`` as get-then-set: two workers that read the same
count both write count+1 and one request goes uncounted (django-ratelimit refuses that
backend for this reason). Here the read and the write are one transaction holding the row:
``SELECT … FOR UPDATE`` on PostgreSQL, the write lock taken at BEGIN on SQLite (the project
opens SQLite transactions IMMEDIATE). Everything else is Django's.
"""

from __future__ import annotations

import base64
import pickle

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
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {q('value')}, {q('expires')} FROM {q(self._table)} "
                f"WHERE {q('cache_key')} = %s{lock}",
                [key],
            )
            row = cursor.fetchone()
            if row is None or _expired(connection, row[1]):
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta
            cursor.execute(
                f"UPDATE {q(self._table)} SET {q('value')} = %s WHERE {q('cache_key')} = %s",
                [base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode(), key],
            )
        return value


def _expired(connection, expires) -> bool:
    from django.db import models

    expression = models.Expression(output_field=models.DateTimeField())
    for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(
        connection
    ):
        expires = converter(expires, expression, connection)
    return expires < tz_now()
