"""The demo district for tests: built once per run and database, copied for each module.

A test module that reads the demo district marks itself, and its tests run on a copy of it:

    pytestmark = [pytest.mark.demo, pytest.mark.django_db]             # every registered step
    pytestmark = [pytest.mark.demo("网站监测"), pytest.mark.django_db]  # only the named steps

How it works (docs/architecture.md, "Testing"):

- When collection ends, the first pytest process (an xdist worker, or the only process) that
  has such a module starts one builder subprocess per set of steps: ``migrate`` then
  ``fazhi.core.demo.load()`` into a *template* — a SQLite file, or a PostgreSQL database —
  while the workers go on with the rest of the suite. Demo modules are ordered last, so the
  build overlaps everything else.
- A demo module's tests wait for the template, then run on the worker's own copy: a file copy
  on SQLite, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL. The copy is made when the module
  starts on that worker and dropped when it ends.
- Rollback tests (plain ``django_db``) undo their writes. A transactional test (``live_server``,
  ``transaction=True``) commits: its flush runs on the worker's ordinary test database instead,
  and the module's copy is made again from the template before the next test. So no test sees
  another test's writes.
- The xdist controller (or the only process) removes templates and copies at the start and at
  the end of the run, and stops a builder that is still running.

The builder runs with the project's own settings, as ``fazhi demo`` does (Argon2 passwords
included); its log is ``<FAZHI_HOME>/test-demo/<key>.log``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

MARKER = "demo"
MIGRATED = "migrated"  # the empty, migrated database every test database is cloned from
BUILD_TIMEOUT = 30 * 60  # seconds a module waits for its template before failing
ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------------------------------------
# Names: one template per (run, database, set of steps); one copy per worker
# ---------------------------------------------------------------------------------------------


def steps_of(marker: pytest.Mark) -> tuple[str, ...] | None:
    """``demo`` alone means every registered step; ``demo("A", "B")`` only those."""
    return tuple(marker.args) if marker.args else None


def key_of(steps: tuple[str, ...] | None) -> str:
    if steps is None:
        return "all"
    return "s" + hashlib.sha1("\0".join(sorted(set(steps))).encode()).hexdigest()[:8]


@dataclass
class Run:
    """Where this run keeps its demo templates, and what this process calls them."""

    dir: Path
    vendor: str  # "sqlite" or "postgresql"
    base: str  # SQLite: unused; PostgreSQL: the test database name without worker suffix
    worker: str  # xdist worker id, or "main"

    @classmethod
    def from_settings(cls, worker: str) -> Run:
        from django.conf import settings

        db = settings.DATABASES["default"]
        vendor = "sqlite" if db["ENGINE"].endswith("sqlite3") else "postgresql"
        base = (db.get("TEST") or {}).get("NAME") or f"test_{db['NAME']}"
        return cls(Path(settings.HOME) / "test-demo", vendor, base, worker)

    @classmethod
    def for_config(cls, config: pytest.Config) -> Run:
        """Read once, before pytest-django gives each xdist worker its own test database."""
        if _RUN not in config.stash:
            worker = getattr(config, "workerinput", {}).get("workerid", "main")
            config.stash[_RUN] = cls.from_settings(worker)
        return config.stash[_RUN]

    def file(self, key: str, what: str) -> Path:
        return self.dir / f"{key}.{what}"

    def template(self, key: str) -> str:
        if self.vendor == "sqlite":
            return str(self.file(key, "sqlite3"))
        return f"{self.base}_demo_{key}"

    def copy(self, key: str) -> str:
        if self.vendor == "sqlite":
            return str(self.file(key, f"{self.worker}.sqlite3"))
        return f"{self.base}_{self.worker}_demo_{key}"


# ---------------------------------------------------------------------------------------------
# The builder: a subprocess per template
# ---------------------------------------------------------------------------------------------


def start_build(run: Run, key: str, steps: tuple[str, ...] | None) -> None:
    """Start the template's builder unless some process of this run already has."""
    run.dir.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(run.file(key, "started"), os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return
    os.close(fd)
    with open(run.file(key, "log"), "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.demodb", key, json.dumps(steps, ensure_ascii=False)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    run.file(key, "pid").write_text(str(proc.pid))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A finished child of this process stays a zombie until reaped: reap it if it is ours.
    with contextlib.suppress(ChildProcessError):
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    return True


def _wait(run: Run, key: str) -> str | None:
    """Wait for the template ``key``; the reason it will never come, or None when ready."""
    started = time.monotonic()
    deadline = started + BUILD_TIMEOUT
    while not run.file(key, "ready").exists():
        failed = run.file(key, "failed").exists()
        pidfile = run.file(key, "pid")
        if not failed and pidfile.exists() and not _alive(int(pidfile.read_text())):
            failed = not run.file(key, "ready").exists()
        if failed or time.monotonic() > deadline:
            log = run.file(key, "log")
            tail = log.read_text(errors="replace")[-4000:] if log.exists() else "(no log)"
            why = "failed" if failed else f"did not finish within {BUILD_TIMEOUT} s"
            return f"building the template {key} {why}; {log}:\n{tail}"
        time.sleep(0.2)
    waited = time.monotonic() - started
    if waited >= 0.1:  # for the run's summary line
        with open(run.file(key, "waits"), "a") as f:
            f.write(f"{waited:.1f}\n")
    return None


def wait_ready(run: Run, key: str) -> None:
    why = _wait(run, key)
    if why is not None:
        pytest.fail(why, pytrace=False)


def _build(key: str, steps: list[str] | None) -> None:
    """Runs in the builder subprocess. The ``migrated`` template: create the database and
    migrate it. A demo template: copy the migrated one, load the demo, verify its ledger.
    Then mark the template ready."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from fazhi.core import demo

    run = Run.from_settings("builder")
    db = settings.DATABASES["default"]
    started = time.monotonic()
    if key != MIGRATED:  # a demo template starts as a copy of the migrated one
        why = _wait(run, MIGRATED)
        if why is not None:
            raise RuntimeError(why)
    sqlite = run.vendor == "sqlite"
    target = str(run.file(key, "building.sqlite3")) if sqlite else run.template(key)
    if key != MIGRATED:
        copy_template(run, MIGRATED, target)
    elif sqlite:
        _sqlite_unlink(target)
    else:
        _pg_execute(f'DROP DATABASE IF EXISTS "{target}"', f'CREATE DATABASE "{target}"')
    db["NAME"] = target
    if key == MIGRATED:  # as Django's create_test_db: migrate (and sync apps without)
        from fazhi.core import schemasnap

        # SQLite: from the snapshot (core/tests/test_schemasnap.py migrates for real)
        schemasnap.migrate(verbosity=0, run_syncdb=True)
        call_command("createcachetable", verbosity=0)
    migrated = time.monotonic() - started
    if key != MIGRATED:
        from fazhi.core import clock

        demo.load(steps=steps, verbose=lambda s: print(s, flush=True))
        run.file(key, "day").write_text(clock.today().isoformat())
    loaded = time.monotonic() - started
    if key != MIGRATED:
        _verify_once(run, key)
    if sqlite:
        with connection.cursor() as cur:
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    if sqlite:
        os.replace(target, run.template(key))
    took = {
        "migrate": round(migrated, 1),
        "verify": round(time.monotonic() - started - loaded, 1),
        "total": round(time.monotonic() - started, 1),
    }
    run.file(key, "took").write_text(json.dumps(took))
    run.file(key, "ready").touch()


def _verify_once(run: Run, key: str) -> None:
    """``fazhi ledger verify --state`` on the template, once per run: every copy starts as
    this database, so the demo modules read its answer (``demo_ledger``) instead of each
    walking the same 700,000 events again. A test that writes checks its own events with
    ``ledger.verify(after=demo_ledger.head)``."""
    import io
    from contextlib import redirect_stdout

    from fazhi.cli import main as cli
    from fazhi.core.models import LedgerEvent

    out = io.StringIO()
    with redirect_stdout(out):
        code = cli(["ledger", "verify", "--state"])
    head = LedgerEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    answer = {"exit": code, "output": out.getvalue(), "head": head}
    run.file(key, "verified").write_text(json.dumps(answer, ensure_ascii=False))


@dataclass(frozen=True)
class LedgerAnswer:
    """What ``fazhi ledger verify --state`` said of the demo template (``_verify_once``)."""

    exit: int
    output: str
    head: int  # the template's last event: a test's own events come after it

    @property
    def events(self) -> int:
        import re

        found = re.search(r"共 (\d+) 个事件", self.output)
        return int(found.group(1)) if found else 0

    @property
    def records(self) -> int:
        import re

        found = re.search(r"共核对 (\d+) 条", self.output)
        return int(found.group(1)) if found else 0


@pytest.fixture
def demo_ledger(request: pytest.FixtureRequest) -> LedgerAnswer:
    """The answer of ``fazhi ledger verify --state`` on this demo module's template."""
    state = _state(request)
    if state is None:
        pytest.fail("demo_ledger is for modules marked pytest.mark.demo", pytrace=False)
    return LedgerAnswer(**json.loads(state.run.file(state.key, "verified").read_text()))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--prebuild"]:
        return prebuild(argv[1] if len(argv) > 1 else MIGRATED)
    key, steps = argv[0], json.loads(argv[1])
    try:
        _build(key, steps)
    except BaseException:
        import traceback

        traceback.print_exc()
        from django.conf import settings

        (Path(settings.HOME) / "test-demo" / f"{key}.failed").touch()
        return 1
    return 0


def prebuild(key: str = MIGRATED) -> int:
    """``python -m tests.demodb --prebuild [all]``: build a template before the run that
    will use it starts — the migrated one, or (``all``) the whole demo. The README's test
    command prebuilds the PostgreSQL part's migrated template while the gate and the SQLite
    part run (instead of the part's workers waiting ≈50 s for Django to migrate). ``all``,
    started under ``nice``, was measured as a prebuild of each part's demo and not kept
    (docs/architecture.md, "Testing"); it stays for a developer who wants the demo template
    ready before a run. The run that follows (same ``FAZHI_HOME`` and database settings)
    keeps every template marked ``prebuilt``: ``cleanup`` at its start leaves it,
    ``start_build`` finds it started, ``_wait`` finds it ready (or failed, with this log)."""
    if key not in (MIGRATED, "all"):
        raise SystemExit(f"--prebuild: {MIGRATED} or all, not {key}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    run = Run.from_settings("builder")
    run.dir.mkdir(parents=True, exist_ok=True)
    run.file(key, "pid").write_text(str(os.getpid()))  # before "started": _wait reads it
    run.file(key, "prebuilt").touch()
    run.file(key, "started").touch()
    with open(run.file(key, "log"), "ab") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
    return main([key, "null"])


# ---------------------------------------------------------------------------------------------
# Copies: made and dropped through the worker's own connection settings
# ---------------------------------------------------------------------------------------------


def _sqlite_unlink(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _pg_execute(*statements: str) -> None:
    from django.db import connection

    with connection._nodb_cursor() as cur:
        for sql in statements:
            cur.execute(sql)


def make_copy(run: Run, key: str) -> str:
    """A fresh copy of the template; the connection is closed, not yet pointed at it."""
    from django.db import connection

    connection.close()
    name = run.copy(key)
    copy_template(run, key, name)
    return name


def copy_template(run: Run, key: str, name: str) -> None:
    """Database ``name`` made afresh as a copy of the template ``key``: a file copy on
    SQLite, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL."""
    if run.vendor == "sqlite":
        _sqlite_unlink(name)
        shutil.copyfile(run.template(key), name)
    else:
        _pg_execute(
            f'DROP DATABASE IF EXISTS "{name}"',
            f'CREATE DATABASE "{name}" TEMPLATE "{run.template(key)}" STRATEGY FILE_COPY',
        )


def cloning(config: pytest.Config) -> bool:
    """Whether each test database is a copy of the run's migrated template — not when
    pytest-django is told to keep databases or to skip migrations."""
    opt = config.option
    return not (getattr(opt, "reuse_db", False) or getattr(opt, "nomigrations", False))


def clone_test_database(config: pytest.Config) -> str:
    """Make this process's test database a copy of the migrated template, as Django's
    ``create_test_db`` would have made it by migrating; return the database's old name."""
    from django.conf import settings
    from django.db import connection

    run = Run.for_config(config)
    start_build(run, MIGRATED, None)  # a no-op when the controller already started it
    wait_ready(run, MIGRATED)
    old = connection.settings_dict["NAME"]
    name = connection.creation._get_test_db_name()
    connection.close()
    copy_template(run, MIGRATED, name)
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    connection.ensure_connection()
    return old


def drop_test_database(old: str) -> None:
    from django.db import connection

    connection.creation.destroy_test_db(old, verbosity=0)


def drop_copy(run: Run, key: str) -> None:
    name = run.copy(key)
    if run.vendor == "sqlite":
        _sqlite_unlink(name)
    else:
        _pg_execute(f'DROP DATABASE IF EXISTS "{name}"')


def point_at(name: str) -> None:
    """Send the default connection (and every thread's new one: the settings dict is shared)
    to another database."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from fazhi.core import calendar

    connection.close()
    connection.settings_dict["NAME"] = name
    ContentType.objects.clear_cache()
    calendar.invalidate()


# ---------------------------------------------------------------------------------------------
# pytest hooks and fixtures
# ---------------------------------------------------------------------------------------------


def _stop_builder(run: Run, pidfile: Path) -> None:
    """Stop a builder that has not finished (an interrupted run), checking that the process
    id still belongs to it."""
    key = pidfile.name.split(".")[0]
    if run.file(key, "ready").exists() or run.file(key, "failed").exists():
        return
    with contextlib.suppress(ValueError, OSError):
        pid = int(pidfile.read_text())
        if b"tests.demodb" in Path(f"/proc/{pid}/cmdline").read_bytes():
            os.kill(pid, 15)


def _is_controller(config: pytest.Config) -> bool:
    return not hasattr(config, "workerinput")


def _demo_marker(item: pytest.Item) -> pytest.Mark | None:
    module = item.getparent(pytest.Module)
    return module.get_closest_marker(MARKER) if module is not None else None


def _prebuilt(run: Run) -> set[str]:
    """The templates built for this run before it started (``prebuild``)."""
    if not run.dir.exists():
        return set()
    return {p.name.split(".")[0] for p in run.dir.glob("*.prebuilt")}


def cleanup(run: Run, config: pytest.Config, *, keep_prebuilt: bool = False) -> None:
    """Stop a builder still running, drop templates and copies, remove the directory —
    except, with ``keep_prebuilt``, the templates built or being built for this run before
    it started (``prebuild``)."""
    keep = _prebuilt(run) if keep_prebuilt else set()
    if run.dir.exists():
        for pidfile in run.dir.glob("*.pid"):
            if pidfile.name.split(".")[0] not in keep:
                _stop_builder(run, pidfile)
    if run.vendor == "postgresql":
        from django.db import connection
        from pytest_django.plugin import blocking_manager_key

        kept = {run.template(key) for key in keep}
        pattern = run.base.replace("_", r"\_") + r"%\_demo\_%"
        with config.stash[blocking_manager_key].unblock(), connection._nodb_cursor() as cur:
            cur.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [pattern])
            names = [r[0] for r in cur.fetchall()]
            for name in names:
                if name not in kept:
                    cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    if not keep:
        shutil.rmtree(run.dir, ignore_errors=True)
        return
    for path in run.dir.iterdir():
        if path.name.split(".")[0] not in keep:
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(*steps): the module's tests run on a copy of the demo district "
        "(every registered step, or only the named ones); mark the module, not a test",
    )
    if _django_ready(config):
        Run.for_config(config)


@pytest.hookimpl(tryfirst=True)  # before xdist starts its workers
def pytest_sessionstart(session: pytest.Session) -> None:
    if not _django_ready(session.config):
        return
    _guard_whole_demo_loads()
    if _is_controller(session.config):
        run = Run.for_config(session.config)
        cleanup(run, session.config, keep_prebuilt=True)
        if cloning(session.config):  # migrate once, while the workers start and collect
            start_build(run, MIGRATED, None)


def _guard_whole_demo_loads() -> None:
    """A test (or fixture) that loads the whole demo into an empty database fails, naming the
    way that costs nothing: the template. Named steps (``demo.load(steps=[…])``) pass, and
    so does a load into a loaded database (which ``load()`` itself refuses)."""
    import functools

    from fazhi.core import demo

    if getattr(demo.load, "guarded_for_tests", False):
        return
    original = demo.load

    @functools.wraps(original)
    def load(*, steps=None, **kwargs):
        if steps is None and not demo.is_loaded():
            pytest.fail(
                "demo.load() of the whole demo district in a test (≈40 s each time): mark the "
                "module with pytest.mark.demo instead — it runs on a copy built once per run "
                "(tests/demodb.py) — or load only named steps: demo.load(steps=[…])",
                pytrace=False,
            )
        return original(steps=steps, **kwargs)

    load.guarded_for_tests = True
    demo.load = load


def pytest_sessionfinish(session: pytest.Session) -> None:
    run = session.config.stash.get(_RUN, None)
    if run is not None and _is_controller(session.config):
        _report(run, session.config)
        cleanup(run, session.config)


def _report(run: Run, config: pytest.Config) -> None:
    """One line per template for the terminal summary: how long it took to build, and how
    long module starts waited for it (read now: cleanup removes the files)."""
    lines = []
    for ready in sorted(run.dir.glob("*.ready")) if run.dir.exists() else []:
        key = ready.name.split(".")[0]
        took = json.loads(run.file(key, "took").read_text())
        waits = run.file(key, "waits")
        waited = [float(w) for w in waits.read_text().split()] if waits.exists() else []
        if key == MIGRATED:
            before = " before the run" if run.file(key, "prebuilt").exists() else ""
            lines.append(
                f"migrated template ({run.vendor}): migrated once{before} in "
                f"{took.get('total', '?')} s; "
                f"{len(waited)} test database(s) and demo builder(s) waited for it, "
                f"{sum(waited):.1f} s in all"
            )
            continue
        where = (
            "before the run (prebuilt)"
            if run.file(key, "prebuilt").exists()
            else "beside the suite"
        )
        lines.append(
            f"demo template {key} ({run.vendor}): built in {took.get('total', '?')} s "
            f"(started from the migrated template after {took.get('migrate', '?')} s, ledger "
            f"verified once in {took.get('verify', '?')} s) {where}; "
            f"{len(waited)} module start(s) waited for it, {sum(waited):.1f} s in all"
        )
    config.stash[_SUMMARY] = lines


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    for line in config.stash.get(_SUMMARY, []):
        terminalreporter.write_line(line)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Demo modules run last (after pytest-django's own ordering), so that their template is
    built while everything else runs, and tests that need no database run first, while the
    migrated template is built; a test may repeat its module's mark, never differ."""
    for item in items:
        own = item.get_closest_marker(MARKER)
        if own is not None and (
            _demo_marker(item) is None or steps_of(own) != steps_of(_demo_marker(item))
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: mark the whole module with pytest.mark.{MARKER}"
                "(pytestmark = …): the demo copy is made per module"
            )
    # Tests without the database first: they run while the migrated template is being built.
    items.sort(key=lambda item: (_demo_marker(item) is not None, _uses_db(item)))


_DB_FIXTURES = {"db", "transactional_db", "live_server"}


def _uses_db(item: pytest.Item) -> bool:
    fixtures = set(getattr(item, "fixturenames", ()))
    return item.get_closest_marker("django_db") is not None or bool(fixtures & _DB_FIXTURES)


def pytest_collection_finish(session: pytest.Session) -> None:
    config = session.config
    # (xdist's controller collects no items: its workers start the builds)
    if config.option.collectonly or not session.items or not _django_ready(config):
        return
    wanted = {}
    for item in session.items:
        marker = _demo_marker(item)
        if marker is not None:
            steps = steps_of(marker)
            wanted[key_of(steps)] = steps
    if wanted:
        run = Run.for_config(config)
        for key, steps in wanted.items():
            start_build(run, key, steps)


@pytest.fixture(scope="module", autouse=True)
def _demo_module(request: pytest.FixtureRequest):
    """A demo module runs on this worker's copy of its template (see the module docstring)."""
    marker = request.node.get_closest_marker(MARKER)
    if marker is None:
        yield
        return
    request.getfixturevalue("django_db_setup")
    blocker = request.getfixturevalue("django_db_blocker")
    run = Run.for_config(request.config)
    steps = steps_of(marker)
    key = key_of(steps)
    start_build(run, key, steps)  # a no-op when collection already started it
    wait_ready(run, key)
    from django.db import connection

    own = connection.settings_dict["NAME"]
    with blocker.unblock():
        point_at(make_copy(run, key))
    state = DemoState(run, key, own)
    request.node.stash[_STATE] = state
    try:
        with _on_the_build_day(run, key):
            yield state
    finally:
        del request.node.stash[_STATE]
        with blocker.unblock():
            point_at(own)
            drop_copy(run, key)


@contextlib.contextmanager
def _on_the_build_day(run: Run, key: str):
    """The demo's live matters are dated from the day it was built (a lawsuit received 12 days
    ago, an application 5 working days old), and its tests read their colours against
    ``clock.today()``. A run that passes local midnight between the build and the module would
    see every such matter a day older: the module then runs at 23:59:59 of the build day."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from django.conf import settings

    from fazhi.core import clock

    built = dt.date.fromisoformat(run.file(key, "day").read_text())
    if clock.today() == built:
        yield
        return
    end = dt.datetime.combine(built, dt.time(23, 59, 59), tzinfo=ZoneInfo(settings.TIME_ZONE))
    with clock.frozen(end):
        yield


@dataclass
class DemoState:
    run: Run
    key: str
    own: str  # the worker's ordinary test database


def flush_elsewhere(request: pytest.FixtureRequest) -> None:
    """Before a transactional test's flush: in a demo module, send the connection to the
    worker's ordinary test database, so that the flush empties that one (cheaply) instead of
    the demo copy."""
    state = _state(request)
    if state is not None:
        point_at(state.own)


def after_flush(request: pytest.FixtureRequest) -> None:
    """After a transactional test's flush: in a demo module, make the copy again."""
    state = _state(request)
    if state is not None:
        point_at(make_copy(state.run, state.key))


def _state(request: pytest.FixtureRequest) -> DemoState | None:
    module = request.node.getparent(pytest.Module)
    return module.stash.get(_STATE, None) if module is not None else None


def _django_ready(config: pytest.Config) -> bool:
    if not config.pluginmanager.hasplugin("django"):
        return False
    from django.conf import settings

    return settings.configured


_RUN = pytest.StashKey[Run]()
_STATE = pytest.StashKey[DemoState]()
_SUMMARY = pytest.StashKey[list[str]]()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
