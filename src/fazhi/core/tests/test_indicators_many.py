"""Many organisations' figures at once (``indicators.evaluate_many``: one query grouped by
organisation per indicator) and figures in a ``batch()`` (subtrees asked once, records
narrowed by organisation ids): exactly the figures one ``evaluate`` per organisation gives."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core import clock, indicators, supervision
from fazhi.core.models import OrgKind, Role, SupervisionTask
from fazhi.core.tests.factories import SYSTEM, District, org, user

D = dt.date
TODAY = dt.datetime(2020, 1, 8, 2, 0, tzinfo=dt.UTC)
CODES = ("K-CLOCK-STARTED", "K-CLOCK-STOPPED", "K-CLOCK-ON-TIME", "K-TASK-OPENED")


def task(o, on):
    return supervision.task_create(
        actor=SYSTEM,
        org=o,
        title="整改网站栏目",
        description="栏目长期未更新。",
        source="monitor",
        rule_code="GK-1",
        received_on=on,
    )


@pytest.fixture
def d(db):
    with clock.frozen(TODAY):
        d = District()
        d.office = user("office", org=d.justice, role=Role.SUPERVISOR, scope="all")
        task(d.street_a, D(2019, 5, 6))
        task(d.comm_a, D(2019, 6, 3))
        task(d.street_b, D(2019, 6, 28))
        t = task(d.bureau, D(2019, 4, 1))
        supervision.task_cancel(
            actor=d.office, task=t, reason="已由上级统一部署", on=D(2019, 4, 10)
        )
        task(d.street_a, D(2020, 1, 6))  # another year
    return d


def test_many_organisations_in_one_query_each_give_the_figures_of_one_each(d):
    orgs = [d.gov, d.street_a, d.street_b, d.bureau, d.comm_b]
    with clock.frozen(TODAY):
        for code in CODES:
            one = [indicators.evaluate(code, year=2019, org=o).value for o in orgs]
            with CaptureQueriesContext(connection) as q:
                many = indicators.evaluate_many(code, year=2019, orgs=orgs)
            assert [f.value for f in many] == one, code
            # the subtrees (one query each), then one grouped query for the figure
            assert len(q.captured_queries) == len(orgs) + 1, code
        many = indicators.evaluate_many("K-TASK-OPENED", year=2019, orgs=orgs)
    assert [(f.org.name, f.value, f.text) for f in many] == [
        ("测试区人民政府", 4, "4件"),
        ("甲街道", 2, "2件"),
        ("乙街道", 1, "1件"),
        ("测试区行政执法局", 1, "1件"),
        ("乙街道一社区", 0, "0件"),
    ]


def test_records_not_narrowed_by_in_subtree_are_evaluated_once_per_organisation(d):
    ind = indicators.Indicator(
        "T-TEST-TWICE",
        "测试",
        "件",
        "测试",
        "下达日期",
        "core",
        lambda o, p: SupervisionTask.objects.filter(received_on__year=1990),
    )
    # records not narrowed through in_subtree: no grouping, one figure each
    assert (
        indicators.per_org(ind.records, [d.gov], indicators.Period.year(2019), None, None) is None
    )
    assert ind.figures([d.gov, d.street_a], indicators.Period.year(2019)) == {
        d.gov.pk: 0,
        d.street_a.pk: 0,
    }


def test_a_batch_narrows_by_ids_and_an_organisation_added_later_counts_outside_it(d):
    with clock.frozen(TODAY):
        with indicators.batch():
            with CaptureQueriesContext(connection) as q:
                a = indicators.evaluate("K-TASK-OPENED", year=2019, org=d.street_a).value
                b = indicators.evaluate("K-CLOCK-STARTED", year=2019, org=d.street_a).value
        assert (a, b) == (2, 2)
        assert len(q.captured_queries) == 3  # the subtree once, then one query per figure
        assert "path" not in q.captured_queries[-1]["sql"]
        with indicators.batch():
            indicators.evaluate("K-TASK-OPENED", year=2019, org=d.street_a)
            with CaptureQueriesContext(connection) as q:  # the same count: kept, not asked
                again = indicators.evaluate("K-TASK-OPENED", year=2019, org=d.street_a).value
            assert (again, len(q.captured_queries)) == (2, 0)
        new = org("甲街道二社区", kind=OrgKind.COMMUNITY, parent=d.street_a)
        task(new, D(2019, 6, 20))
        assert indicators.evaluate("K-TASK-OPENED", year=2019, org=d.street_a).value == 3
        with indicators.batch():
            assert indicators.evaluate("K-TASK-OPENED", year=2019, org=d.street_a).value == 3
