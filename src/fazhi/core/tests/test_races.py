"""Two at once: every kernel service that creates a unique record answers the second writer
with the first one's record or a clear message — never an IntegrityError (a 500)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import calendar as cal
from fazhi.core import clock, rules, services, supervision
from fazhi.core.models import (
    ApiToken,
    CalendarYear,
    CodeTable,
    Membership,
    NumberSeries,
    Organisation,
    OrgKind,
    Role,
    TimeRuleVersion,
    User,
)

from .concurrency import race, refusals, workers
from .factories import PASSWORD, District, user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def d():
    return District()


def test_one_organisation_of_a_name(d):
    out = race(
        lambda i: services.org_create(
            actor=d.admin, name="测试区城市管理指挥中心", kind=OrgKind.BUREAU, parent=d.gov
        )
    )
    assert Organisation.objects.filter(name="测试区城市管理指挥中心").count() == 1
    assert refusals(out) == ["已有同名机构：测试区城市管理指挥中心"] * (workers() - 1)


def test_one_account_of_a_login_name(d):
    out = race(
        lambda i: services.user_create(
            actor=d.admin, username="zhangwei", password=PASSWORD, primary_org=d.bureau
        )
    )
    assert User.objects.filter(username="zhangwei").count() == 1
    assert refusals(out) == ["登录名已被使用：zhangwei"] * (workers() - 1)


def test_one_membership_however_often_it_is_granted(d):
    u = user(org=d.bureau, role=Role.CLERK)
    out = race(
        lambda i: services.membership_grant(actor=d.admin, user=u, org=d.bureau, role=Role.LEADER)
    )
    assert refusals(out) == []
    assert Membership.objects.filter(user=u, role=Role.LEADER).count() == 1
    assert len({o.value.pk for o in out}) == 1  # every grant answers with the same membership


def test_tokens_made_at_once_are_distinct(d):
    out = race(lambda i: services.token_create(actor=d.admin, user=d.clerk, name=f"系统{i}"))
    assert refusals(out) == []
    assert ApiToken.objects.filter(user=d.clerk).count() == workers()
    assert len({o.value[1] for o in out}) == workers()


def test_one_code_table_and_one_calendar_year(d):
    out = race(lambda i: services.code_table_save(actor=d.admin, code="sources", name="线索来源"))
    assert refusals(out) == [] and CodeTable.objects.filter(code="sources").count() == 1
    out = race(
        lambda i: cal.year_save(
            actor=d.admin, year=2027, source="国务院办公厅关于2027年部分节假日安排的通知"
        )
    )
    assert refusals(out) == [] and CalendarYear.objects.filter(year=2027).count() == 1


def test_one_local_version_from_a_day(d):
    gk4 = rules.resolve("GK-4")
    v = rules.version_on(gk4, clock.today())
    start = clock.today() + dt.timedelta(days=30)
    out = race(
        lambda i: rules.tighten(
            actor=d.admin, version=v, valid_from=start, length=15, local_basis="本区规定第5条"
        )
    )
    assert TimeRuleVersion.objects.filter(rule=gk4, valid_from=start).count() == 1
    end = (start - dt.timedelta(days=1)).isoformat()
    assert refusals(out) == [
        f"施行日期 {start.isoformat()} 不在所收紧版本的施行期间（2019-05-15 之后至 {end}）内。"
    ] * (workers() - 1)


def test_numbers_of_a_new_year_series_taken_at_once(d):
    """The first tasks of a year create the series and take 1…n, each once."""
    out = race(
        lambda i: supervision.task_create(
            actor=d.supervisor,
            org=d.bureau,
            title=f"督办事项{i}",
            description="请整改。",
            source="manual",
            rule_code="RX-1",
        )
    )
    assert refusals(out) == []
    year = clock.today().year
    assert NumberSeries.objects.filter(kind="supervision-task", year=year).count() == 1
    assert sorted(o.value.number for o in out) == sorted(
        f"芙督〔{year}〕{n}号" for n in range(1, workers() + 1)
    )
