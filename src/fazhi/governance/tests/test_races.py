"""Two at once on 依法治区's unique records: the plan of a year, a point's 序号, a body
registered twice, a year's 述法 — one record, and the same clear message for the others."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.tests.concurrency import race, refusals, workers
from fazhi.core.tests.factories import SYSTEM

from ..models import Body, Duty, WorkPlan, WorkPoint
from ..services import points, structure
from .world import Council

pytestmark = pytest.mark.django_db(transaction=True)
D = dt.date


@pytest.fixture
def c():
    return Council()


def test_one_plan_a_year(c):
    out = race(
        lambda i: points.plan_create(
            actor=c.secretary, org=c.committee, office=c.office, year=2019, title="2019年工作要点"
        )
    )
    assert WorkPlan.objects.filter(org=c.committee, year=2019).count() == 1
    msg = "中共测试区委全面依法治区委员会 2019年的工作要点已登记。"
    assert refusals(out) == [msg] * (workers() - 1)


def test_one_point_of_a_number(c):
    plan = c.plan()
    out = race(
        lambda i: points.point_create(
            actor=c.secretary, plan=plan, seq=3, title="普法", text="落实普法责任制", lead=c.lead
        )
    )
    assert WorkPoint.objects.filter(plan=plan, seq=3).count() == 1
    assert refusals(out) == ["工作要点第3项已登记。"] * (workers() - 1)


def test_a_body_is_registered_once(c):
    out = race(
        lambda i: structure.body_register(
            actor=SYSTEM, org=c.committee, role="committee", established_on=D(2019, 1, 10)
        )
    )
    assert Body.objects.filter(org=c.committee).count() == 1
    msg = "中共测试区委全面依法治区委员会 已登记为依法治区机构。"
    assert refusals(out) == [msg] * (workers() - 1)


def test_one_duty_report_a_year(c):
    out = race(
        lambda i: structure.duty_record(
            actor=c.lead_clerk,
            org=c.lead,
            year=2019,
            head="局长",
            text="履职情况",
            reported_on=D(2020, 1, 10),
        )
    )
    assert Duty.objects.filter(org=c.lead, year=2019).count() == 1
    assert refusals(out) == ["测试区行政执法局 2019年度的述法已登记。"] * (workers() - 1)
