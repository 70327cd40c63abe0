"""Tests that share something costly or must not overlap (a crawl, the 8-process races) are
put in one ``xdist_group`` and rely on ``--dist loadgroup`` (scripts/test) to run them on one
worker. pytest 9.2 and xdist 3.8 stopped doing so without a word (pytest-dev/pytest-xdist
#1386; pyproject.toml pins pytest below 9.2): this fails if grouping is lost again."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap


def test_the_tests_of_one_group_run_on_one_worker(tmp_path):
    (tmp_path / "test_grouped.py").write_text(
        textwrap.dedent(
            """
            import pytest

            @pytest.mark.xdist_group("together")
            @pytest.mark.parametrize("i", range(8))
            def test_grouped(i):
                pass
            """
        )
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-v"]
        + ["-p", "no:django", "-p", "no:cacheprovider", "-c", os.devnull, str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    passed = [line.split() for line in done.stdout.splitlines() if " PASSED " in line]
    assert len(passed) == 8, done.stdout[-3000:]
    assert {p[0] for p in passed} in ({"[gw0]"}, {"[gw1]"}), done.stdout[-3000:]
    assert all(p[-1].endswith("@together") for p in passed)
