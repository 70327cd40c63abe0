"""督办整改任务: the kernel's own matter — raised by a supervisor, rectified under a clock.

Every move is a service here (``task_sign``, ``task_report``, ``task_accept``,
``task_return``, ``task_cancel``); the workspace and the API only call them. Cancelling or
accepting a task closes it, and the kernel stops its clock, so a cancelled task is never
overdue on anyone's to-do or in the overdue figures.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import clock, clocks, dates, ledger, numbering
from .actions import register
from .ledger import Actor
from .models import Organisation, Role, SupervisionTask
from .scoping import require_role
from .states import TASK_CLOSED, TASK_DATED_STEPS, TASK_TRANSITIONS, TaskStatus
from .workflow import transition

SupervisionTask.TRANSITIONS = TASK_TRANSITIONS
SupervisionTask.CLOSED_STATUSES = TASK_CLOSED
SupervisionTask.DATED_STEPS = TASK_DATED_STEPS

TASK_CREATE = register("task.create", gettext_lazy("下达督办整改任务"))
TASK_RESULT = register("task.result", gettext_lazy("填写整改情况"))

S = TaskStatus
#: who signs a task for the organisation it was given to
RECTIFIERS = (Role.LEADER, Role.CLERK, Role.OFFICER)


def _supervisor(actor: Actor, task: SupervisionTask) -> None:
    require_role(
        actor, Role.SUPERVISOR, obj=task, message=_("只有监督人员可以验收、退回或撤销督办任务。")
    )


def district_of(org: Organisation) -> Organisation:
    """The root of ``org``'s tree (the district): tasks are numbered in one series per year
    whichever unit they go to — a task to a community and one to a bureau are 芙督〔2026〕1号
    and 2号, never two 1号 in the series of two streets."""
    root = int(org.path.strip("/").split("/")[0] or org.pk)
    return org if root == org.pk else Organisation.objects.get(pk=root)


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
    """下达: numbered in the district's series (芙督〔2026〕3号, ``district_of``); the
    deadline is the clock of ``rule_code`` from the day the task is issued."""
    require_role(actor, Role.SUPERVISOR, org=org, message=_("只有监督人员可以下达督办整改任务。"))
    if not title.strip() or not description.strip():
        raise ValidationError(_("请填写任务标题和问题与要求。"))
    on = dates.check_new(_("下达日期"), received_on or clock.today())
    with transaction.atomic():
        task = SupervisionTask.objects.create(
            org=org,
            title=title.strip(),
            description=description.strip(),
            source=source,
            source_ref=source_ref,
            status=S.ASSIGNED,
            received_on=on,
        )
        series = numbering.series_get_or_create(
            actor=actor, org=district_of(org), kind="supervision-task", year=on.year, prefix="芙督"
        )
        task.number = numbering.issue(actor=actor, series=series, subject=task).text
        task.save(update_fields=["number"])
        ledger.record(
            actor=actor,
            action=TASK_CREATE,
            subject=task,
            data={"title": task.title, "source": source, "ref": source_ref, "on": on},
        )
        clocks.start(actor=actor, subject=task, rule_code=rule_code, on=on, label=_("整改期限"))
    return task


def task_sign(
    *, actor: Actor, task: SupervisionTask, on: dt.date, version: int | None = None
) -> SupervisionTask:
    """签收: the organisation takes the task on."""
    require_role(
        actor, *RECTIFIERS, obj=task, message=_("只有整改单位的工作人员可以签收督办任务。")
    )
    return transition(actor=actor, matter=task, to=S.RECTIFYING, version=version, on=on)


def task_report(
    *,
    actor: Actor,
    task: SupervisionTask,
    result: str,
    on: dt.date | None = None,
    version: int | None = None,
) -> SupervisionTask:
    """The organisation reports what it fixed and submits the task for acceptance."""
    require_role(actor, Role.LEADER, obj=task, message=_("只有整改单位的负责人可以报送整改情况。"))
    if not result.strip():
        raise ValidationError(_("请先填写整改情况。"))

    def apply(t):
        t.result = result.strip()

    return transition(
        actor=actor,
        matter=task,
        to=S.SUBMITTED,
        version=version,
        data={"result": result.strip()},
        apply=apply,
        on=on or clock.today(),
    )


def task_accept(
    *, actor: Actor, task: SupervisionTask, on: dt.date | None = None, version: int | None = None
) -> SupervisionTask:
    """验收通过: the task closes and its clock stops (the kernel stops it on closing)."""
    _supervisor(actor, task)
    return transition(
        actor=actor, matter=task, to=S.CLOSED, version=version, on=on or clock.today()
    )


def task_return(
    *,
    actor: Actor,
    task: SupervisionTask,
    reason: str,
    on: dt.date | None = None,
    version: int | None = None,
) -> SupervisionTask:
    """退回重改, with the reason."""
    _supervisor(actor, task)
    return transition(
        actor=actor,
        matter=task,
        to=S.RECTIFYING,
        reason=reason,
        version=version,
        on=on or clock.today(),
    )


def task_cancel(
    *,
    actor: Actor,
    task: SupervisionTask,
    reason: str,
    on: dt.date | None = None,
    version: int | None = None,
) -> SupervisionTask:
    """撤销, with the reason; the task's clock stops with it."""
    _supervisor(actor, task)
    with transaction.atomic():
        return transition(
            actor=actor,
            matter=task,
            to=S.CANCELLED,
            reason=reason,
            version=version,
            on=on or clock.today(),
        )
