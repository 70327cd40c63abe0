"""督办整改 pages and the to-do page with its clock cards."""

import datetime as dt

import pytest

from fazhi.core import clock, supervision
from fazhi.core.models import SupervisionTask
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


def test_todo_lists_the_clock_with_its_card(client, district, task):
    _login(client, "street_a")
    with clock.frozen(dt.datetime(2019, 10, 25, 9, tzinfo=dt.UTC)):
        body = client.get("/workspace/").content.decode()
    assert "门户网站栏目未更新" in body and "到期日 2019-10-30" in body
    assert "临期" in body  # three working days left on 2019-10-25
    assert f'href="/workspace/tasks/{task.pk}/"' in body


def test_other_street_sees_neither_todo_nor_task(client, district, task):
    _login(client, "street_b")
    assert "门户网站栏目未更新" not in client.get("/workspace/").content.decode()
    assert client.get(f"/workspace/tasks/{task.pk}/").status_code == 404


def test_task_page_shows_clock_explanation_and_timeline(client, district, task):
    _login(client, "street_a")
    body = client.get(f"/workspace/tasks/{task.pk}/").content.decode()
    assert "为什么是这一天" in body and "期限届满日：2019年10月30日（星期三）" in body
    assert "下达督办整改任务" in body and "期限起算" in body  # timeline labels


def test_rectify_cycle_through_the_pages(client, district, task):
    _login(client, "street_a")
    client.post(f"/workspace/tasks/{task.pk}/move/", {"to": "rectifying", "version": 1})
    resp = client.post(
        f"/workspace/tasks/{task.pk}/move/",
        {"to": "submitted", "version": 2, "result": "栏目已更新"},
    )
    assert resp.status_code == 302
    assert SupervisionTask.objects.get(pk=task.pk).status == "submitted"
    # a stale form is refused with a clear message and changes nothing
    resp = client.post(
        f"/workspace/tasks/{task.pk}/move/",
        {"to": "submitted", "version": 2, "result": "x"},
        follow=True,
    )
    assert "该事项已被他人修改" in resp.content.decode()


def test_only_supervisors_create_tasks(client, district):
    _login(client, "clerk")
    assert client.get("/workspace/tasks/new/").status_code == 403


def test_indicator_api_and_records(client, district, task):
    _login(client, "supervisor")
    data = client.get("/api/v1/indicators/K-TASK-OPENED?year=2019").json()
    assert (data["value"], data["text"]) == ("1", "1件")
    body = client.get(data["records_url"]).content.decode()
    assert "门户网站栏目未更新" in body
    assert client.get("/api/v1/indicators/NOPE?year=2019").status_code == 400


def test_indicator_api_is_scoped(client, district, task):
    _login(client, "street_b")
    assert (
        client.get(
            f"/api/v1/indicators/K-TASK-OPENED?year=2019&org={district.street_a.pk}"
        ).status_code
        == 404
    )
    data = client.get("/api/v1/indicators/K-TASK-OPENED?year=2019").json()
    assert data["value"] == "0" and data["org"] == "乙街道"
