"""Server side of the page benchmark, loaded by ``benchsettings`` inside ``fazhi serve``.

- ``CaptureMiddleware`` (outermost): a request carrying ``X-Bench-Capture: NAME`` has every
  SQL statement it runs recorded — the session and user reads of the middleware included —
  with the size of its answer, into ``$FAZHI_BENCH_DIR/NAME.pickle``. Other requests pass
  untouched.
- ``floor`` at ``/bench/floor/NAME/``: the floor for page NAME — runs the page's recorded
  reads (its SELECT statements, same SQL and parameters, every row fetched) through the
  same connection and answers as many bytes as the page did. What the page costs beyond its
  floor is the ORM, the view, the templates and any writes.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

from django.db import connection
from django.http import HttpResponse
from django.urls import path

from fazhi.urls import handler403, handler404, handler500  # noqa: F401
from fazhi.urls import urlpatterns as fazhi_urlpatterns

DIR = Path(os.environ.get("FAZHI_BENCH_DIR", "."))
_floors: dict[str, tuple[list, bytes]] = {}


class CaptureMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = request.headers.get("X-Bench-Capture")
        if not name:
            return self.get_response(request)
        statements: list[tuple[str, object, bool]] = []

        def record(execute, sql, params, many, context):
            statements.append((sql, params, many))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            response = self.get_response(request)
        body = b"" if response.streaming else response.content
        spec = {"status": response.status_code, "size": len(body), "statements": statements}
        (DIR / f"{name}.pickle").write_bytes(pickle.dumps(spec))  # for the floor
        summary = {k: spec[k] for k in ("status", "size")} | {
            "sql": [s for s, _p, _m in statements]
        }
        (DIR / f"{name}.json").write_text(json.dumps(summary))  # for the harness
        return response


def _is_read(sql: str) -> bool:
    return sql.lstrip().split(None, 1)[0].upper() in {"SELECT", "WITH"}


def floor(request, name: str):
    if name not in _floors:
        spec = pickle.loads((DIR / f"{name}.pickle").read_bytes())
        reads = [(sql, params) for sql, params, many in spec["statements"] if _is_read(sql)]
        _floors[name] = (reads, b"x" * spec["size"])
    reads, body = _floors[name]
    with connection.cursor() as cur:
        for sql, params in reads:
            cur.execute(sql, params)
            cur.fetchall()
    return HttpResponse(body, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/floor/<slug:name>/", floor), *fazhi_urlpatterns]
