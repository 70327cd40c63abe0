"""依法治区 figures on factories: the plan written as its title, points issued, confirmed and
overdue (an open clock past its due date, or a completion reported after it), the groups and
the 述法 — each for the subtree asked and for what a user may see."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import indicators
from fazhi.core.tests.factories import SYSTEM

from ..services import points, structure
from .world import Council, at

pytestmark = pytest.mark.django_db
D = dt.date


def _fig(code, org=None, user=None):
    return indicators.evaluate(code, year=2019, org=org, user=user)


@pytest.fixture
def c(db):
    with at(D(2019, 3, 12)):
        council = Council()
        plan = council.plan()
        for lead in (council.lead, council.lead, council.support):
            council.point(plan=plan, lead=lead, supporters=[])
    with at(D(2019, 3, 15)):
        points.plan_issue(actor=SYSTEM, plan=plan, on=D(2019, 3, 15))
    first, second, third = plan.points.order_by("seq")
    for p, reported in ((first, D(2019, 12, 2)), (second, D(2019, 12, 18))):
        with at(reported):
            points.progress_report(actor=SYSTEM, point=p, org=p.org, text="进展", on=reported)
            p = points.point_report_done(actor=SYSTEM, point=p, result="完成", on=reported)
            points.point_confirm(actor=SYSTEM, point=p, on=reported)
    return council


def test_the_figures_of_the_year(c):
    with at(D(2020, 1, 10)):
        plans = _fig("GOV-PLANS")
        assert (plans.value, plans.text) == (1, "《测试区依法治区委员会2019年工作要点》")
        assert _fig("GOV-POINTS").text == "3项"
        assert _fig("GOV-POINTS-DONE").text == "2项"
        # the second reported after its due date (16 December), the third never reported
        assert _fig("GOV-POINTS-OVERDUE").text == "2项"
        assert _fig("GOV-POINTS-OVERDUE", org=c.lead).text == "1项"
        assert _fig("GOV-POINTS", org=c.lead, user=c.lead_clerk).text == "2项"
        assert _fig("GOV-POINTS", user=c.outsider).text == "0项"
        assert _fig("GOV-PLANS", org=c.lead).text == "0份"  # no plan of the bureau's own
        # the government's report states the plan: its office sits at the Justice Bureau
        assert _fig("GOV-PLANS", org=c.d.gov).text == "《测试区依法治区委员会2019年工作要点》"


def test_before_the_due_date_an_open_point_is_not_overdue(c):
    with at(D(2019, 12, 16)):
        assert _fig("GOV-POINTS-OVERDUE").text == "1项"  # the late completion only


def test_groups_and_duty_reports(c):
    with at(D(2019, 3, 12)):
        structure.body_register(
            actor=SYSTEM, org=c.committee, role="committee", established_on=D(2019, 1, 18)
        )
    with at(D(2020, 1, 14)):
        structure.duty_record(
            actor=c.lead_clerk, org=c.lead, year=2019, head="局长", text="履职情况"
        )
        assert _fig("GOV-GROUPS").text == "0个"
        assert _fig("GOV-DUTIES").text == "1个"
