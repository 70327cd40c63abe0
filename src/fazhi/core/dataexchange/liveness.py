"""Whether the process running an import is still alive, so that the next import can withdraw
the run of a process that died (``kill -9``, a crash, a power cut) at once instead of after
``runner.STALE_AFTER`` without progress.

The importing process holds a lock for its run from the moment the run exists until it ends;
the operating system or the database server lets go of it when the process dies:

- **PostgreSQL**: a session advisory lock on the run's id, taken in the transaction that
  creates the run (no one sees the run before it is held); the server releases it when the
  connection is gone.
- **SQLite**: an exclusive ``flock`` on ``<FAZHI_HOME>/imports/<database>-<run>.lock``, the
  file created under a temporary name, locked, then renamed, inside the transaction that
  creates the run; the kernel releases it when the process dies. (SQLite is on one machine,
  like its importers.)

``dead(run_id)`` is true when nobody holds the run's lock. On SQLite a run whose lock file is
not there (started by an older version) is never taken for dead — ``STALE_AFTER`` still
applies to it; on PostgreSQL such a run is taken for dead.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

CLASS_ID = 0x46415A  # the advisory locks' first key: "FAZ"


@dataclass
class Held:
    run_id: int
    fd: int | None = None  # SQLite: the locked file
    path: Path | None = None


def _pg() -> bool:
    return connection.vendor == "postgresql"


def _key(run_id: int) -> int:
    return run_id % 2**31


def lock_path(run_id: int) -> Path:
    db = hashlib.sha1(str(connection.settings_dict["NAME"]).encode()).hexdigest()[:10]  # nosec B324 - a file name
    return Path(settings.HOME) / "imports" / f"{db}-{run_id}.lock"


def hold(run_id: int) -> Held:
    """Take the run's lock (inside the transaction that creates the run)."""
    if _pg():
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_lock(%s, %s)", [CLASS_ID, _key(run_id)])
        return Held(run_id)
    path = lock_path(run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f"{path.name}.{os.getpid()}")
    fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.replace(temp, path)
    return Held(run_id, fd, path)


def release(held: Held | None) -> None:
    """Let go of the run's lock (the run is published or withdrawn)."""
    if held is None:
        return
    if held.fd is None:
        with contextlib.suppress(Exception), connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_unlock(%s, %s)", [CLASS_ID, _key(held.run_id)])
        return
    with contextlib.suppress(OSError):
        os.unlink(held.path)
    os.close(held.fd)


def dead(run_id: int) -> bool:
    """True when no process holds the run's lock (module docstring)."""
    if _pg():
        with connection.cursor() as cur:
            cur.execute("SELECT pg_try_advisory_lock(%s, %s)", [CLASS_ID, _key(run_id)])
            free = cur.fetchone()[0]
            if free:
                cur.execute("SELECT pg_advisory_unlock(%s, %s)", [CLASS_ID, _key(run_id)])
        return bool(free)
    path = lock_path(run_id)
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing lets go of the lock if it was taken
    with contextlib.suppress(OSError):
        os.unlink(path)
    return True
