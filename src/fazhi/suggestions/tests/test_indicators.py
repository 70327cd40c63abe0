"""Item 11's shares on factories: 解决率 (class A among the answered, the class held now),
见面率 (a 面商 in the contact log among the received) and 满意率 (满意/基本满意 among the
evaluated), for the district and per lead body, each listing its records."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.indicators import Period, evaluate, evaluate_many, get

from ..services import handling, promises, talks
from .world import Chamber, at

pytestmark = pytest.mark.django_db
D = dt.date
YEAR = Period.year(2019)


def _year(c):
    """Eight suggestions: seven received in 2019 (six for the bureau, one for 甲街道), one
    in 2018."""
    made = {}

    def item(serial, *, body=None, way=None, cls="", evaluation="", follow="", **kw):
        with at(D(2019, 2, 20)):
            s = c.register(serial=serial, title=f"第{serial}号建议", **kw)
            if body is not None:
                s = handling.suggestion_assign(actor=c.secretary, suggestion=s, body=body)
            if way:
                lead = c.body_clerk if body == c.body else c.co_clerk
                talks.suggestion_contact(actor=lead, suggestion=s, way=way, note="沟通办理思路")
        if cls:
            lead = c.body_clerk if body == c.body else c.co_clerk
            with at(D(2019, 4, 10)):
                s = handling.suggestion_reply(
                    actor=lead, suggestion=s, reply="已研究办理", result_class=cls
                )
        if evaluation:
            with at(D(2019, 4, 25)):
                s = handling.suggestion_evaluate(
                    actor=c.secretary,
                    suggestion=s,
                    evaluation=evaluation,
                    reason="问题未解决" if evaluation == "dissatisfied" else "",
                )
        if follow:
            with at(D(2019, 11, 18)):
                promises.suggestion_follow_up(
                    actor=c.body_clerk, suggestion=s, reply="承诺事项已落实", result_class=follow
                )
        made[serial] = s

    item("1", body=c.body, way="meeting", cls="A", evaluation="satisfied")
    item("2", body=c.body, way="phone", cls="B", evaluation="basic")
    item("3", body=c.body, way="meeting", cls="C", evaluation="dissatisfied")
    item("4", body=c.body, way="letter", cls="D")
    item("5", body=c.body)
    item("6", body=c.body, way="visit", cls="C", evaluation="satisfied", follow="A")
    item("7", body=c.co, way="meeting", cls="A", evaluation="satisfied")
    item(
        "8",
        body=c.body,
        way="meeting",
        cls="A",
        evaluation="satisfied",
        received_on=D(2018, 12, 28),
    )
    return made


@pytest.fixture
def c(db):
    with at(D(2019, 2, 20)):
        yield Chamber()


def test_the_shares_for_the_district_and_per_lead_body(c):
    _year(c)
    assert evaluate("SG-RECEIVED", year=2019).text == "7件"
    # 1, 6 (its C re-answered as A) and 7 of the 6 answered (5 is not)
    assert evaluate("SG-SOLVED", year=2019).text == "50.00%"
    assert evaluate("SG-MEETING", year=2019).text == "42.86%"  # 1, 3, 7 of 7
    assert evaluate("SG-SATISFACTION", year=2019).text == "80.00%"  # 1, 2, 6, 7 of 5
    bureau, street = evaluate_many("SG-SOLVED", year=2019, orgs=[c.body, c.co])
    assert (bureau.text, street.text) == ("40.00%", "100.00%")  # 1, 6 of 5; 7 of 7
    bureau, street = evaluate_many("SG-MEETING", year=2019, orgs=[c.body, c.co])
    assert (bureau.text, street.text) == ("33.33%", "100.00%")  # 1, 3 of 6
    bureau, street = evaluate_many("SG-SATISFACTION", year=2019, orgs=[c.body, c.co])
    assert (bureau.text, street.text) == ("75.00%", "100.00%")  # 1, 2, 6 of 4
    assert evaluate("SG-SOLVED", year=2019, org=c.body).text == "40.00%"
    assert evaluate("SG-SOLVED", year=2018).text == "100.00%"


def test_each_share_lists_its_records(c):
    _year(c)

    def serials(qs):
        return sorted(qs.values_list("serial", flat=True))

    solved, met, pleased = get("SG-SOLVED"), get("SG-MEETING"), get("SG-SATISFACTION")
    assert serials(solved.records(None, YEAR)) == ["1", "2", "3", "4", "6", "7"]
    assert serials(solved.numerator(None, YEAR)) == ["1", "6", "7"]
    assert serials(met.records(None, YEAR)) == ["1", "2", "3", "4", "5", "6", "7"]
    assert serials(met.numerator(None, YEAR)) == ["1", "3", "7"]
    assert serials(pleased.records(None, YEAR)) == ["1", "2", "3", "6", "7"]
    assert serials(pleased.numerator(None, YEAR)) == ["1", "2", "6", "7"]
    assert serials(met.numerator(c.co, YEAR)) == ["7"]


def test_no_records_no_share(c):
    assert evaluate("SG-SOLVED", year=2019).text == "0.00%"
    assert evaluate("SG-MEETING", year=2019).text == "0.00%"
    assert evaluate("SG-SATISFACTION", year=2019).text == "0.00%"
