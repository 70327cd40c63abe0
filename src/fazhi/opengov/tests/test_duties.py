"""内容保障: each department's columns, the monthly check with the monitor's findings linked
through the kernel (no import of the monitor), and the to-do."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.core.tests.signin import sign_in

from .. import duties, queries
from ..models import DutyCheck
from ..todo import duties_to_check
from . import factories

D = dt.date
F = duties.MONITOR_FINDING


@pytest.fixture
def w(db):
    return factories.World()


def _duty(w):
    return duties.duty_save(
        actor=w.clerk,
        org=w.body,
        column="通知公告",
        content="本局通知公告，形成后5个工作日内更新",
        effective_from=D(2019, 10, 8),
    )


def test_a_duty_is_checked_once_a_month_with_the_monitors_findings(w):
    duty = _duty(w)
    with pytest.raises(ValidationError) as exc:
        duties.duty_save(
            actor=w.clerk,
            org=w.body,
            column="通知公告",
            content="重复",
            effective_from=D(2019, 10, 8),
        )
    assert exc.value.messages == ["本部门已有栏目“通知公告”的内容保障责任。"]
    with pytest.raises(ValidationError) as exc:
        duties.duty_check(
            actor=w.clerk, duty=duty, month="2019-09", checked_on=D(2019, 9, 27), current=True
        )
    assert exc.value.messages == ["该栏目的内容保障责任自2019年10月8日起。"]
    ok = duties.duty_check(
        actor=w.clerk, duty=duty, month="2019-11", checked_on=D(2019, 11, 27), current=True
    )
    assert (ok.ok, ok.findings.count()) == (True, 0)
    bad = dict(actor=w.clerk, duty=duty, month="2019-10", checked_on=D(2019, 10, 30), current=True)
    for kw, msg in [
        ({"findings": [(F, "17", "栏目超过3个月未更新")]}, "检查不合格的，请写明整改措施。"),
        (
            {"findings": [("monitor.nothing", "17", "")], "note": "x"},
            "无法识别的监测问题：monitor.nothing 17。",
        ),
        ({"checked_on": D(2019, 9, 30)}, "检查日期2019年9月30日早于检查月份2019-10。"),
        ({"month": "2019-13"}, "请填写检查月份（年-月）。"),
        (
            {"month": "2019-11", "checked_on": D(2019, 11, 28)},
            "栏目“通知公告”2019-11的月度检查已登记。",
        ),
    ]:
        with pytest.raises(ValidationError) as exc:
            duties.duty_check(**{**bad, **kw})
        assert exc.value.messages == [msg]
    assert DutyCheck.objects.count() == 1
    check = duties.duty_check(
        **bad, findings=[(F, "17", "栏目超过3个月未更新"), (F, "18", "")], note="已通知信息员更新"
    )
    assert check.ok is False
    assert [(f.subject_type, f.subject_id, f.label) for f in check.findings.all()] == [
        (F, "17", "栏目超过3个月未更新"),
        (F, "18", "网站监测问题 18"),
    ]


def test_unchecked_columns_come_on_the_todo(w):
    duty = _duty(w)
    assert duties_to_check(w.clerk, D(2019, 10, 20)) == []  # 11 days before the month ends
    [r] = duties_to_check(w.clerk, D(2019, 10, 21))
    assert (r.title, r.due_on, r.days_left, r.status) == (
        "内容保障月度检查：通知公告（2019-10）",
        D(2019, 10, 31),
        10,
        "yellow",
    )
    [late] = duties_to_check(w.clerk, D(2019, 11, 5))  # October's (not September's: the
    # duty runs from 2019-10-08), not November's yet
    assert (late.due_on, late.days_left, late.status) == (D(2019, 10, 31), -5, "red")
    assert duties_to_check(w.stranger, D(2019, 11, 5)) == []
    duties.duty_check(
        actor=w.clerk, duty=duty, month="2019-10", checked_on=D(2019, 11, 4), current=True
    )
    assert duties_to_check(w.clerk, D(2019, 11, 5)) == []


def test_the_duty_pages(w, client):
    sign_in(client, w.clerk)
    url = reverse("opengov:duties")
    since = "2019-10-08"
    client.post(
        url,
        {"org": w.body.pk, "column": "财政资金", "content": "部门预算", "effective_from": since},
    )
    client.post(
        url, {"org": w.other.pk, "column": "别人的", "content": "x", "effective_from": since}
    )
    body = client.get(url).content.decode()
    assert "财政资金" in body and "别人的" not in body
    duty = queries.duties(w.clerk).get()
    page = reverse("opengov:duty", args=[duty.pk])
    client.post(
        page,
        {
            "month": "2019-10",
            "checked_on": "2019-10-30",
            "current": "0",
            "findings": "17 栏目超过3个月未更新\n",
            "note": "已通知信息员更新",
        },
    )
    body = client.get(page).content.decode()
    assert '<a href="/workspace/opengov/../monitor/findings/?finding=17">' not in body
    assert f'href="{reverse("monitor:findings")}?finding=17">栏目超过3个月未更新</a>' in body
    assert "已通知信息员更新" in body
    client.logout()
    sign_in(client, w.stranger)
    assert client.get(page).status_code == 404


def test_the_check_offers_what_the_monitor_found_on_the_column(w, client, monkeypatch):
    from fazhi.core import matterlinks

    asked = []

    def provider(user, *, column, month):  # stands in for the monitor (it registers its own)
        asked.append((user.username, column, month))
        if (column, month) != ("政务动态", "2019-10"):
            return []
        return [
            matterlinks.Offer(F, "56", "区政府门户网站：栏目「政务动态」未按期更新：已 15 天"),
            matterlinks.Offer(F, "57", "区政府门户网站：栏目「政务动态」条目无发布日期"),
        ]

    monkeypatch.setattr(matterlinks, "_offers", {duties.COLUMN_TOPIC: [provider]})
    duty = duties.duty_save(
        actor=w.clerk,
        org=w.body,
        column="政务动态",
        content="本局工作动态",
        effective_from=D(2019, 1, 1),
    )
    sign_in(client, w.clerk)
    page = reverse("opengov:duty", args=[duty.pk])
    body = client.get(page, {"month": "2019-10"}).content.decode()
    assert body.count('name="offered"') == 2
    assert f'value="{F}:56" id="offer-1" checked>' in body
    assert '<option value="0" selected>' in body  # a finding offered: not current by default
    assert "栏目「政务动态」" not in client.get(page, {"month": "2019-09"}).content.decode()
    # the clerk keeps the first, unticks the second, and types one more by hand
    client.post(
        page,
        {
            "month": "2019-10",
            "checked_on": "2019-10-31",
            "current": "0",
            "offered": [f"{F}:56", f"{F}:99"],  # 99 was never offered: not linked
            "findings": "17 首页图片链接失效",
            "note": "已通知信息员更新",
        },
    )
    check = DutyCheck.objects.get(duty=duty, month="2019-10")
    assert not check.ok
    assert [(f.subject_id, f.label) for f in check.findings.order_by("id")] == [
        ("56", "区政府门户网站：栏目「政务动态」未按期更新：已 15 天"),
        ("17", "首页图片链接失效"),
    ]
    assert asked[-1] == (w.clerk.username, "政务动态", "2019-10")
