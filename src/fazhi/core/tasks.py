"""The kernel's background work, on the Tasks framework (django-tasks; database backend).

* ``ledger_checkpoint()`` — export a signed checkpoint of the ledger's head
  (``core.checkpoints``), then enqueue itself for the next night at 02:00. Checkpoints are the
  anchor against a rewritten or cut tail, so they must be written without anyone thinking
  of it: ``ensure_schedule()`` (called whenever a worker starts) starts the chain once.

A worker runs beside the server: ``fazhi serve`` and ``fazhi up`` start ``fazhi worker``, and
``docs/deploy.md`` gives its systemd unit. ``fazhi check`` warns when no background task has
finished for a day (no worker is running).
"""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from . import checkpoints, clock

CHECKPOINT_TASK = "fazhi.core.tasks.ledger_checkpoint"
CHECKPOINT_HOUR = 2


def next_run(now: dt.datetime) -> dt.datetime:
    """The next 02:00 (China time) after ``now``."""
    local = now.astimezone(clock.CHINA)
    at = local.replace(hour=CHECKPOINT_HOUR, minute=0, second=0, microsecond=0)
    if at <= local:
        at += dt.timedelta(days=1)
    return at


def _pending() -> bool:
    """A checkpoint is already waiting (for its time, or to be picked up)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=CHECKPOINT_TASK, status=TaskResultStatus.READY
    ).exists()


@task()
def ledger_checkpoint() -> dict:
    """Write tonight's checkpoint and schedule tomorrow's."""
    path = checkpoints.export()
    if not _pending():
        ledger_checkpoint.using(run_after=next_run(clock.now())).enqueue()
    return {"checkpoint": path.name}


def ensure_schedule() -> bool:
    """Start the nightly checkpoint chain unless it is already waiting. Returns whether a
    task was enqueued."""
    if _pending():
        return False
    ledger_checkpoint.using(run_after=next_run(clock.now())).enqueue()
    return True


def last_finished() -> dt.datetime | None:
    """When any background task last finished (a worker is alive if this is recent)."""
    from django_tasks_db.models import DBTaskResult

    return (
        DBTaskResult.objects.exclude(finished_at=None)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
