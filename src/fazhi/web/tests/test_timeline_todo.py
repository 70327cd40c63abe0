"""The timeline reads step by step at business dates; the indicators page opens on the last
complete year with records; administrators' to-do holds the kernel's housekeeping."""

import datetime as dt

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from fazhi.core import clock, services, supervision, todo
from fazhi.core.models import CalendarYear, Role
from fazhi.core.tests.factories import SYSTEM, user
from fazhi.core.tests.signin import sign_in

pytestmark = pytest.mark.django_db


def _login(client, name):
    sign_in(client, name)


@pytest.fixture
def task(district):
    return supervision.task_create(
        actor=district.supervisor,
        org=district.street_a,
        title="门户网站栏目未更新",
        description="两周内完成整改",
        source="monitor",
        rule_code="GK-1",
        received_on=dt.date(2019, 9, 27),
    )


def test_timeline_names_each_step_at_its_business_date(client, district, task):
    supervision.task_sign(actor=district.street_a_leader, task=task, on=dt.date(2019, 9, 30))
    _login(client, "street_a")
    html = HTMLParser(client.get(f"/workspace/tasks/{task.pk}/").content.decode())
    rows = [
        (
            li.css_first(".fz-event-on").text(),
            li.css_first(".fz-event-step").text(),
            li.css_first(".fz-event-actor").text(),
        )
        for li in html.css("#timeline li.fz-event")
    ]
    supervisor = district.supervisor.display_name
    assert ("2019-09-27", "下达督办整改任务", supervisor) in rows
    assert ("2019-09-27", "期限起算", supervisor) in rows  # the clock's start, not the record
    assert ("2019-09-30", "签收", district.street_a_leader.display_name) in rows
    text = html.css_first("#timeline").text()
    assert "办理环节变更" not in text
    recorded = clock.now().astimezone(dt.timezone(dt.timedelta(hours=8))).date().isoformat()
    assert text.count(f"记录于 {recorded}") == len(rows)  # smaller, beside the step


def test_indicators_open_on_the_last_complete_year_with_records(client, district, task):
    _login(client, "supervisor")
    html = HTMLParser(client.get("/workspace/indicators/").content.decode())
    assert html.css_first("h1").text().startswith("指标 · 2019年")
    row = html.css_first('tr[data-code="K-TASK-OPENED"]')
    assert row.css_first(".fz-indicator-name").text() == "下达督办整改任务数"
    assert row.css_first(".fz-indicator-definition").text().startswith("当年下达的督办整改任务")
    assert row.css_first(".fz-indicator-code small").text() == "K-TASK-OPENED"
    assert row.css_first(".fz-figure").text() == "1件"
    # a year asked for is shown as asked
    html = HTMLParser(client.get("/workspace/indicators/?year=2021").content.decode())
    assert html.css_first("h1").text().startswith("指标 · 2021年")


def _tasks(district, on: dt.date, n: int) -> None:
    for i in range(n):
        supervision.task_create(
            actor=district.supervisor,
            org=district.street_a,
            title=f"政务公开栏目第{i + 1}项未更新",
            description="两周内完成整改",
            source="monitor",
            rule_code="GK-1",
            received_on=on,
        )


def test_a_later_year_of_stragglers_does_not_take_the_page(client, district, task):
    """Ten matters of 2019 and one received in January 2020 (a tenth): the page opens on 2020;
    with eleven in 2019 the straggler is under a tenth and the page opens on 2019."""
    _tasks(district, dt.date(2019, 10, 8), 9)
    _tasks(district, dt.date(2020, 1, 6), 1)
    _login(client, "supervisor")
    heading = lambda: HTMLParser(client.get("/workspace/indicators/").content.decode()).css_first(  # noqa: E731
        "h1"
    )
    assert heading().text().startswith("指标 · 2020年")
    _tasks(district, dt.date(2019, 11, 4), 1)
    assert heading().text().startswith("指标 · 2019年")


def test_with_nothing_received_before_this_year_the_page_opens_on_last_year(client, district):
    _login(client, "supervisor")
    heading = HTMLParser(client.get("/workspace/indicators/").content.decode()).css_first("h1")
    assert heading.text().startswith(f"指标 · {clock.today().year - 1}年")


def test_a_new_account_without_a_post_is_on_the_administrators_todo(client, district):
    new = user("newstaff", org=district.bureau, full_name="刘晓燕")
    with clock.frozen(dt.datetime(2026, 6, 1, 2, tzinfo=dt.UTC)):
        (r,) = [x for x in todo.reminders_for(district.admin) if "岗位角色" in x.title]
        assert r.title == "新账户 刘晓燕（newstaff）尚未授予岗位角色"
        assert r.url == f"/workspace/users/{new.pk}/"
        assert todo.reminders_for(district.leader) == []  # not an administrator
    services.membership_grant(actor=SYSTEM, user=new, org=district.bureau, role=Role.OFFICER)
    with clock.frozen(dt.datetime(2026, 6, 1, 2, tzinfo=dt.UTC)):
        assert not [x for x in todo.reminders_for(district.admin) if "岗位角色" in x.title]


def test_next_years_calendar_is_on_the_todo_from_november_until_in_force(district):
    last = max(CalendarYear.objects.filter(in_force=True).values_list("year", flat=True))

    def calendar_reminders(day):
        with clock.frozen(dt.datetime(day.year, day.month, day.day, 2, tzinfo=dt.UTC)):
            return [r for r in todo.reminders_for(district.admin) if "工作日历" in r.title]

    assert calendar_reminders(dt.date(last, 10, 31)) == []
    (r,) = calendar_reminders(dt.date(last, 12, 7))
    assert (r.title, r.due_on, r.label) == (
        f"{last + 1}年工作日历尚未生效",
        dt.date(last, 12, 1),
        "已过期 6 天",
    )
    assert r.url == "/workspace/calendar/"
    assert calendar_reminders(dt.date(last - 1, 11, 2)) == []  # the next year is in force
    assert todo.reminders_for(district.leader) == []  # administrators only
