"""督办整改任务: the kernel's own matter — raised by a supervisor, rectified under a clock."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import clock, clocks, ledger
from .actions import register
from .ledger import Actor
from .models import Organisation, Role, SupervisionTask, User
from .scoping import has_role
from .states import TASK_CLOSED, TASK_TRANSITIONS, TaskStatus
from .workflow import transition

SupervisionTask.TRANSITIONS = TASK_TRANSITIONS
SupervisionTask.CLOSED_STATUSES = TASK_CLOSED

TASK_CREATE = register("task.create", gettext_lazy("下达督办整改任务"))
TASK_RESULT = register("task.result", gettext_lazy("填写整改情况"))


def task_create(
    *,
    actor: Actor,
    org: Organisation,
    title: str,
    description: str,
    source: str,
    rule_code: str,
    source_ref: str = "",
    received_on: dt.date | None = None,
) -> SupervisionTask:
    """下达: the deadline is the clock of ``rule_code`` from the day the task is issued."""
    if isinstance(actor, User) and not has_role(actor, Role.SUPERVISOR, org=org):
        raise PermissionDenied(_("只有监督人员可以下达督办整改任务。"))
    if not title.strip() or not description.strip():
        raise ValidationError(_("请填写任务标题和问题与要求。"))
    with transaction.atomic():
        task = SupervisionTask.objects.create(
            org=org,
            title=title.strip(),
            description=description.strip(),
            source=source,
            source_ref=source_ref,
            status=TaskStatus.ASSIGNED,
            received_on=received_on or clock.today(),
        )
        task.number = f"督办-{task.received_on.year}-{task.pk:05d}"
        task.save(update_fields=["number"])
        ledger.record(
            actor=actor,
            action=TASK_CREATE,
            subject=task,
            data={"title": task.title, "source": source, "ref": source_ref},
        )
        clocks.start(
            actor=actor, subject=task, rule_code=rule_code, on=task.received_on, label=_("整改期限")
        )
    return task


def task_report(
    *, actor: User, task: SupervisionTask, result: str, version: int | None = None
) -> SupervisionTask:
    """The organisation reports what it fixed and submits the task for acceptance."""
    if not result.strip():
        raise ValidationError(_("请先填写整改情况。"))

    def apply(t):
        t.result = result.strip()

    return transition(
        actor=actor,
        matter=task,
        to=TaskStatus.SUBMITTED,
        version=version,
        data={"result": result.strip()},
        apply=apply,
    )


def task_accept(
    *, actor: User, task: SupervisionTask, on: dt.date | None = None, version: int | None = None
) -> SupervisionTask:
    with transaction.atomic():
        t = transition(actor=actor, matter=task, to=TaskStatus.CLOSED, version=version, on=on)
        for c in clocks.for_subject(t).filter(stopped_on__isnull=True):
            clocks.stop(actor=actor, clock=c, on=t.closed_on)
    return t
