"""The test command's prebuilt templates (``python -m tests.demodb --prebuild [all]``): the
run's start-of-session clean-up keeps every template marked ``prebuilt`` — files and
builder — and removes everything else; the end-of-run clean-up removes them too."""

from __future__ import annotations

from tests import demodb


def _files(run: demodb.Run, key: str, *what: str) -> None:
    run.dir.mkdir(parents=True, exist_ok=True)
    for w in what:
        run.file(key, w).write_text("1" if w == "ready" else "")


def test_prebuilt_templates_survive_the_start_and_go_at_the_end(tmp_path):
    run = demodb.Run(tmp_path / "test-demo", "sqlite", "", "main")
    _files(run, demodb.MIGRATED, "prebuilt", "started", "ready", "sqlite3")
    _files(run, "all", "prebuilt", "started", "log", "building.sqlite3")
    _files(run, "s0123abcd", "started", "ready", "sqlite3")  # an earlier run's, not prebuilt
    demodb.cleanup(run, config=None, keep_prebuilt=True)
    assert sorted(p.name for p in run.dir.iterdir()) == [
        "all.building.sqlite3",
        "all.log",
        "all.prebuilt",
        "all.started",
        "migrated.prebuilt",
        "migrated.ready",
        "migrated.sqlite3",
        "migrated.started",
    ]
    demodb.cleanup(run, config=None)
    assert not run.dir.exists()


def test_without_a_prebuilt_template_the_start_removes_everything(tmp_path):
    run = demodb.Run(tmp_path / "test-demo", "sqlite", "", "main")
    _files(run, demodb.MIGRATED, "started", "ready", "sqlite3")
    demodb.cleanup(run, config=None, keep_prebuilt=True)
    assert not run.dir.exists()
