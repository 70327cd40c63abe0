"""Racing a service against itself from several operating-system processes.

``race_processes("pkg.module:fn", n=8, attempts=200, kwargs={...})`` runs
``python -m fazhi.core.tests.processes``: that process sets Django up against the test
database the calling test uses (``child_env()``), imports ``fn``, closes every database
connection and forks ``n`` writers. Each writer opens its own connection, waits at a barrier
until all are connected, then calls ``fn(**kwargs)`` for its share of the attempts and
reports every outcome: a refusal (``ValidationError``, ``PermissionDenied``,
``InvalidTransition``) is an outcome; anything else is reported as an error, which fails
the test.

Why fork after set-up rather than start ``n`` interpreters: each would import Django and
every app first (≈ 3 CPU-seconds), and eight of them on the two shared cores of the test
machines took over a minute before the first attempt. Forked writers are separate processes
all the same — their own memory, their own connection, their own transactions.

Everything is bounded: the writers are killed if they have not finished ``timeout`` seconds
after the start (and die with their parent, ``PR_SET_PDEATHSIG``); the test kills the whole
run a little later. A hang fails the test, never the run.

``Forker`` runs commands the same way, one at a time: ``fazhi.cli.main(argv)`` in a process
forked from one that has set Django up — the command line without the interpreter's start-up,
so a test can start, and SIGKILL, a command ten times in a row (``tests/test_processes.py``).

Use it in a ``django_db(transaction=True)`` test, so the writers see what the test set up
and the test sees their commits. On SQLite the test database is a file (settings), so the
writers meet the same locking (WAL, ``BEGIN IMMEDIATE``, busy timeout) as in production.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Any

TIMEOUT = 120  # seconds for the writers; the test allows start-up on top (STARTUP)
STARTUP = 60


@dataclass(frozen=True)
class Result:
    ok: bool
    message: str = ""  # the refusal as staff read it; for an error, its class and text
    error: bool = False  # not a refusal: something the service should never raise
    pid: int = 0


def database_url() -> str:
    """The URL of the database the current test runs on (a worker's test database)."""
    from django.db import connection

    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    return f"{os.environ['FAZHI_DATABASE_URL'].rsplit('/', 1)[0]}/{name}"


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child process: the test's database, the same data directory (so
    the same ledger key), the project's settings."""
    env = {**os.environ, "FAZHI_DATABASE_URL": database_url(), **extra}
    env.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    return env


def shares(total: int, n: int) -> list[int]:
    return [total // n + (1 if i < total % n else 0) for i in range(n)]


def race_processes(
    target: str, *, n: int, attempts: int, kwargs: dict[str, Any], timeout: float = TIMEOUT
) -> tuple[list[Result], float]:
    """``attempts`` calls of ``target`` shared out over ``n`` processes that start together;
    every outcome, and the seconds from the start until the last writer finished."""
    spec = json.dumps({"target": target, "shares": shares(attempts, n), "kwargs": kwargs,
                       "timeout": timeout})  # fmt: skip
    try:
        done = subprocess.run(
            [sys.executable, "-m", __name__, spec],
            env=child_env(),
            capture_output=True,
            text=True,
            timeout=timeout + STARTUP,
        )
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"the racing processes did not finish in {timeout} s") from exc
    if done.returncode != 0:
        raise AssertionError(f"the racing processes failed ({done.returncode}): {done.stderr}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return [Result(**r) for r in report["results"]], report["elapsed"]


class Forker:
    """``python -m fazhi.core.tests.processes --forker``: Django set up once; each ``start``
    forks a process that runs ``fazhi.cli.main(argv)`` with its stdout and stderr in the
    given files, and answers its pid; ``wait`` answers its exit status (negative: the
    signal that ended it)."""

    def __init__(self, env: dict[str, str], log: str, timeout: float = TIMEOUT + STARTUP):
        self.log = open(log, "wb")  # the forker's own errors, if any
        self.proc = subprocess.Popen(
            [sys.executable, "-m", __name__, "--forker"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )
        self.timeout = timeout
        self._answer("ready")

    def _answer(self, key: str, timeout: float | None = None) -> Any:
        import select

        ready, _w, _x = select.select([self.proc.stdout], [], [], timeout or self.timeout)
        line = self.proc.stdout.readline() if ready else ""
        if not line:
            raise AssertionError(f"the forker did not answer {key!r} in time")
        return json.loads(line)[key]

    def start(self, argv: list[str], out: str, err: str) -> int:
        self.proc.stdin.write(json.dumps({"argv": argv, "out": out, "err": err}) + "\n")
        self.proc.stdin.flush()
        return self._answer("pid")

    def wait(self, timeout: float) -> int:
        return self._answer("exit", timeout)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()

    def __enter__(self) -> Forker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --- the processes --------------------------------------------------------------------------


def _die_with_parent() -> None:
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _writer(fn, kwargs, count, barrier, queue, timeout) -> None:
    _die_with_parent()
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.db import connection

    from fazhi.core.workflow import InvalidTransition

    connection.ensure_connection()
    barrier.wait(timeout)
    start = time.monotonic()
    out = []
    for _ in range(count):
        try:
            fn(**kwargs)
            out.append({"ok": True})
        except (ValidationError, PermissionDenied, InvalidTransition) as exc:
            if hasattr(exc, "messages"):
                message = "；".join(exc.messages)
            else:
                message = getattr(exc, "message", None) or str(exc)
            out.append({"ok": False, "message": message})
        except Exception as exc:  # reported, and fails the test
            out.append({"ok": False, "message": f"{type(exc).__name__}: {exc}", "error": True})
    for r in out:
        r["pid"] = os.getpid()
    connection.close()
    queue.put((out, start, time.monotonic()))


def _main(spec: dict[str, Any]) -> None:
    import multiprocessing

    import django

    django.setup()
    from django.db import connections

    module, name = spec["target"].split(":")
    fn = getattr(importlib.import_module(module), name)
    connections.close_all()  # no connection crosses the fork: each writer opens its own
    timeout = spec["timeout"]
    ctx = multiprocessing.get_context("fork")
    barrier, queue = ctx.Barrier(len(spec["shares"])), ctx.Queue()
    writers = [
        ctx.Process(target=_writer, args=(fn, spec["kwargs"], k, barrier, queue, timeout))
        for k in spec["shares"]
    ]
    for p in writers:
        p.start()
    reports = []
    deadline = time.monotonic() + timeout
    try:
        for _p in writers:
            reports.append(queue.get(timeout=max(0.1, deadline - time.monotonic())))
    finally:
        for p in writers:
            p.join(max(0.1, deadline - time.monotonic()))
            if p.is_alive():
                p.kill()
                p.join()
    results = [r for out, _s, _e in reports for r in out]
    elapsed = max(e for _o, _s, e in reports) - min(s for _o, s, _e in reports)
    print(json.dumps({"results": results, "elapsed": elapsed}, ensure_ascii=False), flush=True)


def _forker() -> None:
    import django

    django.setup()
    from django.db import connections

    import fazhi.cli
    from fazhi.core.dataexchange import commands, runner  # noqa: F401 - imported before forking

    connections.close_all()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        job = json.loads(line)
        pid = os.fork()
        if pid == 0:  # the command
            _die_with_parent()
            for fd, path in ((1, job["out"]), (2, job["err"])):
                f = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                os.dup2(f, fd)
                os.close(f)
            code = 1
            try:
                code = fazhi.cli.main(job["argv"])
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        print(json.dumps({"pid": pid}), flush=True)
        _pid, status = os.waitpid(pid, 0)
        print(json.dumps({"exit": os.waitstatus_to_exitcode(status)}), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "--forker":
        _forker()
    else:
        _main(json.loads(sys.argv[1]))
