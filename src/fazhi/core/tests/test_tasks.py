"""Background work that must run without anyone thinking of it: the nightly ledger
checkpoint chain, and the warning when no worker runs."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import clock, tasks
from fazhi.core.commands import background_warnings

pytestmark = pytest.mark.django_db


def _ready():
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return list(
        DBTaskResult.objects.filter(task_path=tasks.CHECKPOINT_TASK, status=TaskResultStatus.READY)
    )


def test_the_next_run_is_the_next_two_o_clock():
    at = dt.datetime(2026, 12, 7, 1, 30, tzinfo=clock.CHINA)
    assert tasks.next_run(at) == dt.datetime(2026, 12, 7, 2, 0, tzinfo=clock.CHINA)
    at = dt.datetime(2026, 12, 7, 2, 0, tzinfo=clock.CHINA)
    assert tasks.next_run(at) == dt.datetime(2026, 12, 8, 2, 0, tzinfo=clock.CHINA)


def test_the_checkpoint_chain_starts_once_and_keeps_itself_going(district, settings, tmp_path):
    settings.LEDGER_CHECKPOINT_DIR = tmp_path / "cp"
    assert tasks.ensure_schedule() is True
    assert tasks.ensure_schedule() is False  # a second worker start adds nothing
    assert len(_ready()) == 1
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()  # as if the worker had taken it
    out = tasks.ledger_checkpoint.call()
    assert out["checkpoint"].startswith("checkpoint-")
    assert len(list((tmp_path / "cp").glob("checkpoint-*.json"))) == 1
    assert len(_ready()) == 1  # tomorrow's


def test_check_warns_when_no_worker_has_run_for_a_day(district):
    with clock.frozen(clock.now() + dt.timedelta(days=2)):
        warnings = background_warnings()
    assert any(w.startswith("一天以上没有后台任务完成") for w in warnings)
