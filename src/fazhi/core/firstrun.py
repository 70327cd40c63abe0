"""The first run's demo, loaded while the server already answers (``fazhi up``).

Loading the whole demo district — a year of every domain, ≈760,000 ledger events — takes
about two minutes of one core; the first page should not wait for it (issue 12 item 10).
On an embedded SQLite database ``fazhi up`` therefore

1. loads the kernel's part of the demo (organisations, accounts, code tables) into the data
   directory's database — the *preview* — and starts the server on it within seconds;
2. builds the whole demo into a second file beside it (``<database>.building``) in a child
   process, ``python -m fazhi.core.firstrun`` — a file of its own, so the build never holds
   the preview's write lock and nothing the server does waits for it;
3. when the build has ended and closed its file, stops the server, puts the built file in
   the preview's place and starts the server again on it.

While the build runs, the status file ``first-run.json`` in the data directory says so and
how far it has got; ``FirstRunMiddleware`` then shows every page with a notice and refuses
every request that may write (HTTP 503 with the same notice): the preview is replaced at
the end, so a sign-in or a record made on it would be lost. A first run that was
interrupted (Ctrl-C, a failed step) leaves the status file; the next ``fazhi up`` discards
the preview and the unfinished file and starts again — nothing in them was anybody's work.

Why a second file and a restart rather than loading into the served database: the demo's
steps each write in one transaction (the 2019 enforcement year alone for ≈50 s) and SQLite
has one writer, so every sign-in, session and cache write of the server would queue behind
them for longer than the 30 s busy timeout.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

STATUS_NAME = "first-run.json"
BUILDING_SUFFIX = ".building"


def status_path() -> Path:
    return Path(settings.HOME) / STATUS_NAME


def status() -> dict[str, Any] | None:
    """The running (or interrupted) first run's progress, ``None`` when there is none."""
    try:
        text = status_path().read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        data = {}
    return data if isinstance(data, dict) else {}


def write_status(*, total: int, done: int, current: str = "") -> None:
    """Written whole and renamed into place: a reader never sees half a file."""
    path = status_path()
    tmp = path.with_name(path.name + ".tmp")
    data = {"total": total, "done": done, "current": current}
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def clear_status() -> None:
    status_path().unlink(missing_ok=True)


def sqlite_files(db: Path) -> list[Path]:
    """A SQLite database's file and the two SQLite keeps beside it in WAL mode."""
    return [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]


def building_path(db: Path) -> Path:
    return db.with_name(db.name + BUILDING_SUFFIX)


def discard(db: Path) -> None:
    """Remove an interrupted first run's preview and unfinished build (no connection may be
    open on them)."""
    for f in sqlite_files(db) + sqlite_files(building_path(db)):
        f.unlink(missing_ok=True)


def install_built(db: Path) -> None:
    """Put the finished build in the preview's place. Every connection to either file must
    be closed: SQLite names the WAL after the database's path, so an old ``-wal`` left
    beside the new file would be replayed into it."""
    built = building_path(db)
    for f in sqlite_files(built)[1:]:
        if f.exists() and f.stat().st_size:
            raise RuntimeError(f"{f.name} 未写回数据库文件，演示数据库未替换。")
        f.unlink(missing_ok=True)
    for f in sqlite_files(db):
        f.unlink(missing_ok=True)
    os.replace(built, db)


def notice(state: dict[str, Any]) -> str:
    total, done = state.get("total"), state.get("done")
    current = state.get("current") or ""
    text = _(
        "演示数据正在后台载入，完成后服务自动重启，即可登录办理；此前可浏览，暂不能登录或提交。"
    )
    if isinstance(total, int) and isinstance(done, int) and total:
        n = min(done + 1, total)
        if current:
            text += _("（第 %(n)s/%(total)s 步：%(step)s）") % {
                "n": n,
                "total": total,
                "step": current,
            }
        else:
            text += _("（第 %(n)s/%(total)s 步）") % {"n": n, "total": total}
    return text


class FirstRunMiddleware:
    """While a first run's demo loads: ``request.first_run`` carries its progress for the
    pages' notice, and a request that may write is answered 503 before anything else runs
    (the language switch excepted: it only sets a cookie)."""

    def __init__(self, get_response):
        from .middleware import SAFE_METHODS  # not at import: the build's entry point runs
        # this module before Django is set up, and that module imports the models

        self.get_response = get_response
        self.path = status_path()
        self.safe_methods = SAFE_METHODS

    def __call__(self, request):
        if not self.path.exists():  # one stat a request, once the first run is over
            return self.get_response(request)
        state = status() or {}
        request.first_run = notice(state)
        if request.method in self.safe_methods or request.path.startswith("/i18n/"):
            return self.get_response(request)
        message = request.first_run
        if request.path.startswith("/api/"):
            response = JsonResponse({"error": message}, status=503)
        else:
            page = (
                f'<!doctype html><html lang="{get_language()}"><head><meta charset="utf-8">'
                f"<title>{escape(_('演示数据正在载入'))}</title></head><body>"
                f'<p>{escape(message)}</p><p><a href="/">{escape(_("返回首页"))}</a></p>'
                "</body></html>"
            )
            response = HttpResponse(page, status=503)
        response["Retry-After"] = "30"
        # answered before the clickjacking and CSP middleware: their headers, strictest form
        response["X-Frame-Options"] = "DENY"
        response["Content-Security-Policy"] = "default-src 'none'"
        return response


def build(database: Path, steps: Sequence[str] | None) -> int:
    """The child process's work: the schema, then the whole demo, into ``database`` (the
    settings were pointed at it through FAZHI_DATABASE_URL); progress into the status file
    and one line a step on stdout for ``fazhi up`` to pass on."""
    from django.db import connection, connections

    from . import demo, schemasnap

    if Path(settings.DATABASES["default"]["NAME"]).resolve() != database.resolve():
        raise RuntimeError(f"数据库设置不是 {database}：演示数据未载入。")
    schemasnap.migrate(verbosity=0)
    names = [n for n in demo.step_names() if steps is None or n in set(steps)]
    total, done = len(names), 0

    def progress(line: str) -> None:
        nonlocal done
        print("  " + line, flush=True)
        prefix = "载入演示数据："
        if line.startswith(prefix):
            name = line[len(prefix) :]
            done = names.index(name) if name in names else done
            write_status(total=total, done=done, current=name)

    write_status(total=total, done=0, current=names[0] if names else "")
    demo.load(steps=steps, verbose=progress)
    with connection.cursor() as cur:
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connections.close_all()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fazhi.core.firstrun")
    parser.add_argument("database", type=Path)
    parser.add_argument("--step", action="append")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    return build(args.database, args.step)


if __name__ == "__main__":
    sys.exit(main())
