"""The kernel transition() on its own matter, with the inheritable table walk."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from fazhi.core import supervision
from fazhi.core.models import Role, SupervisionTask
from fazhi.core.states import TaskStatus
from fazhi.core.testing import WorkflowTableTests
from fazhi.core.workflow import InvalidTransition, StaleMatter, mermaid, transition

from .factories import user

pytestmark = pytest.mark.django_db


class TestSupervisionTaskTable(WorkflowTableTests):
    model = SupervisionTask

    @pytest.fixture(autouse=True)
    def _setup(self, district):
        self.d = district
        self.org = district.street_a
        self.users = {}

    def actor(self, role):
        if role not in self.users:
            org = self.d.justice if role == Role.SUPERVISOR else self.org
            self.users[role] = user(
                org=org, role=role, scope="all" if role == "supervisor" else None
            )
        return self.users[role]

    def make(self, status):
        t = supervision.task_create(
            actor=self.d.supervisor,
            org=self.org,
            title="任务",
            description="要求",
            source="test",
            rule_code="XF-5",
            received_on=dt.date(2019, 6, 3),
        )
        SupervisionTask.objects.filter(pk=t.pk).update(status=status, result="已整改")
        return SupervisionTask.objects.get(pk=t.pk)


@pytest.fixture
def task(district):
    return supervision.task_create(
        actor=district.supervisor,
        org=district.street_a,
        title="任务",
        description="要求",
        source="test",
        rule_code="XF-5",
        received_on=dt.date(2019, 6, 3),
    )


def test_stale_form_is_refused(district, task):
    transition(actor=district.street_a_leader, matter=task, to=TaskStatus.RECTIFYING, version=1)
    with pytest.raises(StaleMatter) as exc:
        transition(actor=district.street_a_leader, matter=task, to=TaskStatus.SUBMITTED, version=1)
    assert exc.value.message == "该事项已被他人修改（当前为第 2 版），请刷新页面后重试。"


def test_state_error_is_not_a_permission_error(district, task):
    with pytest.raises(InvalidTransition) as exc:
        transition(actor=district.supervisor, matter=task, to=TaskStatus.CLOSED)
    assert exc.value.message == "当前状态“待签收”不能变更为“已办结”。"


def test_role_error_names_the_roles(district, task):
    with pytest.raises(PermissionDenied) as exc:
        transition(actor=district.street_b_leader, matter=task, to=TaskStatus.RECTIFYING)
    assert "只有本单位的" in str(exc.value)
    task.refresh_from_db()
    assert (task.status, task.version) == (TaskStatus.ASSIGNED, 1)


def test_condition_message(district, task):
    transition(actor=district.street_a_leader, matter=task, to=TaskStatus.RECTIFYING)
    with pytest.raises(InvalidTransition) as exc:
        transition(actor=district.street_a_leader, matter=task, to=TaskStatus.SUBMITTED)
    assert exc.value.message == "请先填写整改情况。"


def test_full_cycle_stops_the_clock(district, task):
    transition(actor=district.street_a_leader, matter=task, to=TaskStatus.RECTIFYING)
    supervision.task_report(actor=district.street_a_leader, task=task, result="已更新栏目")
    t = supervision.task_accept(actor=district.supervisor, task=task, on=dt.date(2019, 7, 1))
    assert (t.status, t.closed_on) == (TaskStatus.CLOSED, dt.date(2019, 7, 1))
    from fazhi.core import clocks

    c = clocks.for_subject(t).get()
    assert c.stopped_on == dt.date(2019, 7, 1) and clocks.card(c).status == "done"


def test_state_diagram_is_generated_from_the_table():
    text = mermaid(SupervisionTask)
    assert text.startswith("stateDiagram-v2\n")
    assert "    submitted --> closed: 验收通过（监督人员）" in text
