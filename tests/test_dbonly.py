"""``--database-tests-only`` (tests/dbonly.py) leaves out exactly the tests that cannot reach
the database: the README's test command runs them once, on SQLite."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MODULE = """
    import pytest

    def test_pure():
        assert 1 + 1 == 2

    @pytest.mark.django_db
    def test_marked():
        pass

    def test_by_fixture(db):
        pass

    def test_transactional(transactional_db):
        pass

    class TestOnTheDemo:
        pytestmark = [pytest.mark.django_db]

        def test_in_a_class(self):
            pass
"""


def collect(tmp_path: Path, *options: str) -> list[str]:
    (tmp_path / "test_mixed.py").write_text(textwrap.dedent(MODULE))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
        + ["--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml")]
        + ["-p", "tests.demodb", "-p", "tests.dbonly", *options]
        + [str(tmp_path / "test_mixed.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        # SQLite in its own home: on PostgreSQL the inner session's clean-up would drop the
        # outer run's templates (their names are the cluster's, not the home's)
        env={
            **{k: v for k, v in os.environ.items() if k != "FAZHI_DATABASE_URL"},
            "FAZHI_HOME": str(tmp_path),
        },
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return sorted(line.split("::", 1)[1] for line in done.stdout.splitlines() if "::" in line)


def test_only_the_tests_that_use_the_database_are_kept(tmp_path):
    assert collect(tmp_path, "--database-tests-only") == [
        "TestOnTheDemo::test_in_a_class",
        "test_by_fixture",
        "test_marked",
        "test_transactional",
    ]


def test_without_the_option_every_test_runs(tmp_path):
    assert len(collect(tmp_path)) == 5
