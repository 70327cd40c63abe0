"""B/C promises followed up: the lead body answers again once a promise is fulfilled; the
class moves on (B → A, C → B or A), the first class stays on the record; bad input changes
nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import LedgerEvent

from ..models import FollowUp, Suggestion
from ..services import handling, promises
from .world import Chamber, at

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def c(db):
    with at(D(2019, 2, 20)):
        yield Chamber()


def _answered(c, cls, *, evaluated=True):
    with at(D(2019, 2, 20)):
        s = c.talked()
    with at(D(2019, 4, 10)):
        s = handling.suggestion_reply(
            actor=c.body_clerk, suggestion=s, reply="已列入年度计划", result_class=cls
        )
    if evaluated:
        with at(D(2019, 4, 25)):
            s = handling.suggestion_evaluate(
                actor=c.secretary, suggestion=s, evaluation="satisfied"
            )
    return s


def _snapshot(s) -> tuple:
    s = Suggestion.objects.get(pk=s.pk)
    return (s.status, s.result_class, FollowUp.objects.count(), LedgerEvent.objects.count())


def test_b_promise_answered_again_when_fulfilled(c):
    s = _answered(c, "B")
    with at(D(2019, 11, 18)):
        f = promises.suggestion_follow_up(
            actor=c.body_clerk, suggestion=s, reply="两期整治均已完成", result_class="A"
        )
    s = Suggestion.objects.get(pk=s.pk)
    assert (s.status, s.result_class, s.evaluation) == ("closed", "A", "satisfied")
    assert (f.on, f.from_class, f.result_class, f.reply) == (
        D(2019, 11, 18),
        "B",
        "A",
        "两期整治均已完成",
    )
    ev = LedgerEvent.objects.filter(action="suggestions.followup").get()
    assert (ev.data["from"], ev.data["to"], ev.data["on"]) == ("B", "A", "2019-11-18")
    assert ev.data["_state"][f"suggestions.suggestion:{s.pk}"]["result_class"] == "A"
    # nothing more is promised: a third answer is refused
    before = _snapshot(s)
    with at(D(2019, 12, 2)), pytest.raises(ValidationError) as exc:
        promises.suggestion_follow_up(
            actor=c.body_clerk, suggestion=s, reply="再次说明", result_class="A"
        )
    assert exc.value.messages == [
        "只有已答复的B类、C类建议提案可以在承诺落实后再次答复"
        "（当前：A类（所提问题已解决或基本解决））。"
    ]
    assert _snapshot(s) == before


def test_c_may_become_b_then_a_before_the_evaluation(c):
    s = _answered(c, "C", evaluated=False)
    with at(D(2019, 5, 6)):
        promises.suggestion_follow_up(
            actor=c.body_clerk, suggestion=s, reply="已列入2020年计划", result_class="B"
        )
    with at(D(2020, 9, 1)):
        promises.suggestion_follow_up(
            actor=c.body_clerk, suggestion=s, reply="已建成", result_class="A"
        )
    assert list(
        FollowUp.objects.order_by("on").values_list("on", "from_class", "result_class")
    ) == [(D(2019, 5, 6), "C", "B"), (D(2020, 9, 1), "B", "A")]
    assert Suggestion.objects.get(pk=s.pk).result_class == "A"


def test_bad_input_changes_nothing(c):
    s = _answered(c, "B")
    before = _snapshot(s)
    cases = [
        # not the lead body: the office, a co-handler
        (c.secretary, "已完成", "A", D(2019, 11, 18), PermissionDenied, None),
        (c.co_clerk, "已完成", "A", D(2019, 11, 18), PermissionDenied, None),
        # not a step forward
        (
            c.body_clerk,
            "已完成",
            "B",
            D(2019, 11, 18),
            ValidationError,
            "再次答复的分类须比原答复（B）更进一步：B类落实后为A类，C类可为A类或B类。",
        ),
        (c.body_clerk, "  ", "A", D(2019, 11, 18), ValidationError, "请填写承诺落实的情况。"),
        # before the deputy's evaluation
        (
            c.body_clerk,
            "已完成",
            "A",
            D(2019, 4, 24),
            ValidationError,
            "再次答复日期2019年4月24日早于评价日期2019年4月25日。",
        ),
    ]
    for actor, reply, cls, day, exc_type, message in cases:
        with at(day), pytest.raises(exc_type) as exc:
            promises.suggestion_follow_up(actor=actor, suggestion=s, reply=reply, result_class=cls)
        if message:
            assert exc.value.messages == [message]
        assert _snapshot(s) == before


def test_an_a_reply_or_an_open_suggestion_promises_nothing(c):
    with at(D(2019, 2, 20)):
        s = c.talked()
    with at(D(2019, 3, 1)), pytest.raises(ValidationError) as exc:
        promises.suggestion_follow_up(
            actor=c.body_clerk, suggestion=s, reply="已完成", result_class="A"
        )
    assert exc.value.messages == [
        "只有已答复的B类、C类建议提案可以在承诺落实后再次答复（当前：未答复）。"
    ]
