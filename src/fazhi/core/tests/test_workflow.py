"""The kernel transition() on its own matter, with the inheritable table walk."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from fazhi.core import supervision
from fazhi.core.models import Role, SupervisionTask
from fazhi.core.states import TaskStatus
from fazhi.core.tests.harness import WorkflowTableTests
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
        # the officer (仅本人) acts on the tasks it handles
        SupervisionTask.objects.filter(pk=t.pk).update(
            status=status, result="已整改", handler=self.actor(Role.OFFICER)
        )
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


D = dt.date(2019, 6, 4)


def test_stale_form_is_refused(district, task):
    transition(
        actor=district.street_a_leader, matter=task, to=TaskStatus.RECTIFYING, version=1, on=D
    )
    with pytest.raises(StaleMatter) as exc:
        transition(
            actor=district.street_a_leader, matter=task, to=TaskStatus.SUBMITTED, version=1, on=D
        )
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
    supervision.task_sign(actor=district.street_a_leader, task=task, on=D)
    with pytest.raises(InvalidTransition) as exc:
        transition(actor=district.street_a_leader, matter=task, to=TaskStatus.SUBMITTED, on=D)
    assert exc.value.message == "请先填写整改情况。"


def test_full_cycle_stops_the_clock(district, task):
    supervision.task_sign(actor=district.street_a_leader, task=task, on=D)
    supervision.task_report(
        actor=district.street_a_leader, task=task, result="已更新栏目", on=dt.date(2019, 6, 20)
    )
    t = supervision.task_accept(actor=district.supervisor, task=task, on=dt.date(2019, 7, 1))
    assert (t.status, t.closed_on) == (TaskStatus.CLOSED, dt.date(2019, 7, 1))
    from fazhi.core import clocks

    c = clocks.for_subject(t).get()
    assert c.stopped_on == dt.date(2019, 7, 1) and clocks.card(c).status == "done"


def test_state_diagram_is_generated_from_the_table():
    text = mermaid(SupervisionTask)
    assert text.startswith("stateDiagram-v2\n")
    assert "    submitted --> closed: 验收通过（监督人员）" in text


def test_a_dated_move_needs_its_date(district, task):
    with pytest.raises(InvalidTransition) as exc:
        transition(actor=district.street_a_leader, matter=task, to=TaskStatus.RECTIFYING)
    assert exc.value.message == "请填写办理日期。"


def test_a_step_before_the_one_it_follows_is_refused_naming_both_dates(district, task):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        supervision.task_sign(actor=district.street_a_leader, task=task, on=dt.date(2019, 6, 1))
    assert exc.value.messages == ["签收日期2019年6月1日早于下达日期2019年6月3日。"]
    task.refresh_from_db()
    assert (task.status, task.version, task.signed_on) == (TaskStatus.ASSIGNED, 1, None)


def test_a_future_business_date_is_refused(district, task, settings):
    from django.core.exceptions import ValidationError

    from fazhi.core import clock

    tomorrow = clock.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        supervision.task_sign(actor=district.street_a_leader, task=task, on=tomorrow)
    t = clock.today()
    assert exc.value.messages == [
        f"签收日期{tomorrow.year}年{tomorrow.month}月{tomorrow.day}日晚于今天"
        f"（{t.year}年{t.month}月{t.day}日），业务日期不能是将来的日期。"
    ]


def test_cancelling_stops_the_clock_so_nothing_stays_overdue(district, task):
    from fazhi.core import clocks, todo

    t = supervision.task_cancel(
        actor=district.supervisor, task=task, reason="重复下达", on=dt.date(2019, 6, 5)
    )
    assert (t.status, t.closed_on) == (TaskStatus.CANCELLED, dt.date(2019, 6, 5))
    c = clocks.for_subject(t).get()
    assert c.stopped_on == dt.date(2019, 6, 5)
    assert todo.for_user(district.street_a_leader) == []


def test_task_numbers_come_from_the_numbering_service(district, task):
    assert task.number == "芙督〔2019〕1号"
    second = supervision.task_create(
        actor=district.supervisor,
        org=district.street_b,
        title="任务二",
        description="要求",
        source="test",
        rule_code="XF-5",
        received_on=dt.date(2019, 6, 10),
    )
    assert second.number == "芙督〔2019〕2号"


def test_waiting_matters_come_from_the_table(district, task):
    """The street's leader may sign the task (签收 is a to-do move); the supervisor acts
    only once it is submitted; another street's leader never sees it."""
    from fazhi.core import matterlinks, todo

    matterlinks.register_matter(SupervisionTask, lambda pk: f"/workspace/tasks/{pk}/")
    mine = todo.waiting_for(district.street_a_leader)
    assert [(w.matter.pk, [m.label for m in w.ready]) for w in mine] == [(task.pk, ["签收"])]
    assert todo.waiting_count(district.street_a_leader) == 1
    assert todo.waiting_for(district.street_b_leader) == []
    assert todo.waiting_for(district.supervisor) == []
    supervision.task_sign(actor=district.street_a_leader, task=task, on=D)
    supervision.task_report(actor=district.street_a_leader, task=task, result="已整改", on=D)
    assert todo.waiting_for(district.street_a_leader) == []
    sup = todo.waiting_for(district.supervisor)
    assert [(w.matter.pk, [m.label for m in w.ready]) for w in sup] == [(task.pk, ["验收通过"])]


def test_a_street_and_its_community_never_share_a_task_number(district, task):
    """One 芙督 series for the district, whoever the task is given to."""
    community = supervision.task_create(
        actor=district.supervisor,
        org=district.comm_a,
        title="社区公示栏未更新",
        description="要求",
        source="test",
        rule_code="XF-5",
        received_on=dt.date(2019, 6, 10),
    )
    assert (task.number, community.number) == ("芙督〔2019〕1号", "芙督〔2019〕2号")


def test_status_label_in_each_language_and_unknown_values_as_they_are():
    from django.utils import translation

    task = SupervisionTask(status=TaskStatus.RECTIFYING)
    assert task.get_status_display() == "整改中"
    with translation.override("en"):
        assert task.get_status_display() == "Under rectification"
    assert task.get_status_display() == "整改中"  # each language keeps its own labels
    task.status = "no-such-status"
    assert task.get_status_display() == "no-such-status"
    task.status = TaskStatus.CLOSED.value  # a plain string from the database
    assert task.get_status_display() == "已办结"
