"""``--database-tests-only``: run only the tests that use the database.

The README's test command runs the suite on SQLite, then again on PostgreSQL. A third of the
tests never touch a database — the work calendar, the identity checks, the monitor's crawler
and content checks, the lint rules — and pytest-django refuses any database access to them
(no ``django_db`` mark, no database fixture), so their outcome cannot depend on which database
is configured. The PostgreSQL part passes this option and leaves them out (pytest reports them
as deselected); the SQLite part runs everything. A test that starts a process of its own
passes that process the database it means (``core/tests/test_cli.py`` and
``core/tests/test_schemasnap.py`` name theirs), so it too is the same test on either run.
"""

from __future__ import annotations

import pytest

OPTION = "--database-tests-only"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        OPTION,
        action="store_true",
        default=False,
        help="run only the tests that use the database (the README's test command passes it "
        "for its second database: the others ran in the first)",
    )


def uses_database(item: pytest.Item) -> bool:
    from tests.demodb import _demo_marker, _uses_db

    return _uses_db(item) or _demo_marker(item) is not None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption(OPTION):
        return
    kept, left = [], []
    for item in items:
        (kept if uses_database(item) else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept
