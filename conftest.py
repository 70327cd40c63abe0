"""Shared test set-up: personas, a clean static-files storage, the browser launch options,
the demo district (tests/demodb.py).

Pure-Python test folders (calendar engine, monitor engine) also run with ``-p no:django``;
nothing here imports Django at module level.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# the demo district, built once per run (pytest.mark.demo); --database-tests-only
pytest_plugins = ["tests.demodb", "tests.dbonly"]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in tests

OUTPUT_DIR = Path(os.environ.get("FAZHI_TEST_OUTPUT", "test-output")).resolve()
CHROMIUM = os.environ.get("FAZHI_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _plain_static_storage(request):
    """Tests render templates without running collectstatic first."""
    if not _django_enabled(request):
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from fazhi.core import calendar

    calendar.invalidate()  # each test starts from its own database's calendar
    # Argon2 is deliberately slow; tests that are not about hashing use a fast hasher.
    # test_access.test_production_hasher_is_argon2 checks the real configuration. Argon2
    # stays second so the demo template's accounts (built with the project's own settings,
    # tests/demodb.py) still sign in.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]
    yield


def _django_enabled(request) -> bool:
    return request.config.pluginmanager.hasplugin("django")


def _transactional(request) -> bool:
    """pytest-django's own test: a transactional test commits and is followed by a flush."""
    marker = request.node.get_closest_marker("django_db")
    return bool(
        (marker is not None and marker.kwargs.get("transaction"))
        or "live_server" in request.fixturenames
        or "transactional_db" in request.fixturenames
    )


@pytest.fixture
def _after_flush(request, django_db_blocker):
    """Set up before pytest-django's database fixture, so torn down after its flush."""
    yield
    if _transactional(request):
        from tests import demodb

        from fazhi.core import dbtriggers

        with django_db_blocker.unblock():
            dbtriggers.install()
            demodb.after_flush(request)


@pytest.fixture
def _django_db_helper(_after_flush, _django_db_helper, request):
    """pytest-django's database fixture, wrapped for transactional tests. Their flush empties
    every table, which the ledger's append-only triggers refuse: the triggers are lifted for
    the flush and put back after it, so that whatever test a worker runs next meets them. In
    a demo module the flush empties the worker's ordinary test database, and the module's
    demo copy is made again (tests/demodb.py)."""
    if not _transactional(request):
        yield
        return
    from tests import demodb

    from fazhi.core import dbtriggers

    dbtriggers.install()
    yield
    demodb.flush_elsewhere(request)
    dbtriggers.remove()


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's test databases, made by copying instead of migrating: the run migrates
    one template per database (tests/demodb.py, started before the workers), and each worker's
    test database is a copy of it — a file copy on SQLite, ``CREATE DATABASE … TEMPLATE`` on
    PostgreSQL. With ``--reuse-db`` or ``--nomigrations``, pytest-django's own way."""
    from tests import demodb

    if demodb.cloning(request.config):
        with django_db_blocker.unblock():
            old = demodb.clone_test_database(request.config)
        yield
        with django_db_blocker.unblock():
            demodb.drop_test_database(old)
        return
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations

    if not django_db_use_migrations:
        _disable_migrations()
    with django_db_blocker.unblock():
        db_cfg = setup_databases(
            verbosity=request.config.option.verbose,
            interactive=False,
            keepdb=django_db_keepdb and not django_db_createdb,
        )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=request.config.option.verbose)


@pytest.fixture(scope="session", autouse=True)
def _foreign_keys_checked_after_writes(request):
    """Django's ``TestCase`` ends each test by checking the deferred foreign keys before its
    rollback; on SQLite that is ``PRAGMA foreign_key_check`` of the whole database — 1.3 s
    on a demo copy (940 MB), after every test, most of which only read. SQLite counts the
    rows a connection has inserted, updated or deleted (``total_changes``, triggers
    included): when the count has not moved since the test's transaction began, the test
    wrote nothing, and the check would find what it found before the test — nothing, since
    every earlier write was checked the same way or committed. A test that wrote is checked
    as Django checks it (``tests/test_fk_check.py``: a dangling key is still found)."""
    if not _django_enabled(request):
        yield
        return
    from django.db import connections
    from django.test import TestCase

    saved = {
        name: TestCase.__dict__[name] for name in ("_fixture_setup", "_should_check_constraints")
    }
    setup, should_check = saved["_fixture_setup"].__func__, saved["_should_check_constraints"]

    def _fixture_setup(cls):
        setup(cls)
        for alias in cls._databases_names():
            conn = connections[alias]
            if conn.vendor == "sqlite" and conn.connection is not None:
                conn.fazhi_changes_before_test = conn.connection.total_changes

    def _should_check_constraints(self, connection):
        if not should_check(self, connection):
            return False
        before = getattr(connection, "fazhi_changes_before_test", None)
        connection.fazhi_changes_before_test = None
        return not (
            connection.vendor == "sqlite"
            and connection.connection is not None
            and before == connection.connection.total_changes
        )

    TestCase._fixture_setup = classmethod(_fixture_setup)
    TestCase._should_check_constraints = _should_check_constraints
    yield
    for name, value in saved.items():
        setattr(TestCase, name, value)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """A SQLite test database is a file (see settings); remove a previous run's file and its
    WAL/SHM companions, which SQLite would otherwise replay into the new file."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        name = Path(db["TEST"]["NAME"])
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(name) + suffix).unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def _default_language(request):
    """A test that switches to English must not leave later tests in English."""
    yield
    if _django_enabled(request):
        from django.conf import settings
        from django.utils import translation

        translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """Screenshots: test-output/<database>/ (scripts/test), one folder per xdist worker."""
    path = OUTPUT_DIR / os.environ.get("PYTEST_XDIST_WORKER", "")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser (baselines.md: browser tests)."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("FAZHI_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM}; the test command installs it")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Staff browsers in the district are Chinese; the portal follows Accept-Language."""
    return {**browser_context_args, "locale": "zh-CN"}
