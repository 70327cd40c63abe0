"""A suggestion from registration to the deputy's evaluation, with hand-counted due dates:
代表法 three months from 交办 (RD-1), six for a difficult one (RD-2); the reply only after a
面商/沟通; 不满意 → another round with a new clock; and the bad input of the issue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import clocks
from fazhi.core.models import LedgerEvent
from fazhi.core.workflow import InvalidTransition

from ..models import Suggestion
from ..models import SuggestionStatus as S
from ..services import handling, talks
from .world import Chamber, at

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def c(db):
    with at(D(2019, 2, 20)):
        yield Chamber()


def _clock(s):
    return clocks.for_subject(s).order_by("-id").first()


def _snapshot(s) -> tuple:
    s = Suggestion.objects.get(pk=s.pk)
    return (s.status, s.version, s.org_id, s.reply, LedgerEvent.objects.count())


def test_the_whole_cycle_with_hand_counted_due_dates(c):
    with at(D(2019, 2, 20)):
        s = c.register()
        assert (s.number, s.status, s.org) == ("建〔2019〕1号", S.RECEIVED, c.office)
        s = handling.suggestion_assign(
            actor=c.secretary, suggestion=s, body=c.body, cohandlers=[c.co]
        )
    # RD-1: three months from 交办 on Wednesday 20 February 2019 → 20 May 2019 (a Monday)
    clk = _clock(s)
    assert (clk.rule.code, clk.started_on, clk.due_on) == ("RD-1", D(2019, 2, 20), D(2019, 5, 20))
    with at(D(2019, 3, 15)):
        talks.suggestion_opinion(
            actor=c.co_clerk, suggestion=s, org=c.co, opinion="同意，配合夜间巡查"
        )
        with pytest.raises(InvalidTransition) as exc:  # no reply before talking it over
            handling.suggestion_reply(
                actor=c.body_clerk, suggestion=s, reply="已加强巡查", result_class="A"
            )
        assert exc.value.message == "答复前须与领衔代表（委员）面商或沟通，并登记沟通情况。"
        talks.suggestion_contact(
            actor=c.body_clerk, suggestion=s, way="meeting", note="上门面商，代表认可办理思路"
        )
    with at(D(2019, 4, 10)):
        s = handling.suggestion_reply(
            actor=c.body_clerk, suggestion=s, reply="已建立夜间施工联合巡查机制", result_class="A"
        )
    clk.refresh_from_db()
    assert (s.status, s.replied_on, clk.stopped_on) == (S.REPLIED, D(2019, 4, 10), D(2019, 4, 10))
    with at(D(2019, 4, 20)):
        s = handling.suggestion_evaluate(
            actor=c.secretary, suggestion=s, evaluation="dissatisfied", reason="巡查频次不够"
        )
    # another round from the evaluation day (Saturday 20 April 2019): three months end on
    # Saturday 20 July 2019, so the limit ends on the next workday, Monday 22 July
    assert (s.status, s.rounds, s.org, s.assigned_on) == (S.ASSIGNED, 1, c.body, D(2019, 4, 20))
    assert _clock(s).due_on == D(2019, 7, 22)
    with at(D(2019, 5, 6)):
        talks.suggestion_contact(
            actor=c.body_clerk, suggestion=s, way="phone", note="电话沟通整改方案"
        )
        s = handling.suggestion_reply(
            actor=c.body_clerk, suggestion=s, reply="巡查改为每晚两次", result_class="A"
        )
        s = handling.suggestion_evaluate(actor=c.secretary, suggestion=s, evaluation="satisfied")
    assert (s.status, s.closed_on, s.evaluation) == (S.CLOSED, D(2019, 5, 6), "satisfied")


def test_a_difficult_proposal_has_six_months(c):
    with at(D(2019, 2, 20)):
        s = handling.suggestion_assign(
            actor=c.secretary, suggestion=c.register(kind="cppcc"), body=c.body, difficult=True
        )
    assert s.number == "提〔2019〕1号"
    clk = _clock(s)
    assert (clk.rule.code, clk.due_on) == ("TA-2", D(2019, 8, 20))


def test_only_the_office_hands_out_and_only_the_lead_body_replies(c):
    with at(D(2019, 2, 20)):
        s = c.register()
        with pytest.raises(PermissionDenied):
            handling.suggestion_assign(actor=c.body_clerk, suggestion=s, body=c.body)
        s = c.talked(serial="13")
        before = _snapshot(s)
        for who in (c.secretary, c.co_clerk):  # the office and the co-handler see it
            with pytest.raises(PermissionDenied):
                handling.suggestion_reply(actor=who, suggestion=s, reply="已办理", result_class="A")
        assert _snapshot(s) == before


def test_the_body_hands_back_a_misrouted_suggestion_with_its_reason(c):
    with at(D(2019, 2, 20)):
        s = c.assigned()
        with pytest.raises(ValidationError):
            handling.suggestion_return(actor=c.body_clerk, suggestion=s, reason=" ")
        s = handling.suggestion_return(actor=c.body_clerk, suggestion=s, reason="属住建部门职责")
    assert (s.status, s.org) == (S.RECEIVED, c.office)
    assert not clocks.for_subject(s).filter(stopped_on__isnull=True).exists()


# ---------------------------------------------------------------- bad input


def test_bad_input_is_refused_and_changes_nothing(c):
    with at(D(2019, 2, 20)):
        n = (Suggestion.objects.count(), LedgerEvent.objects.count())
        with pytest.raises(ValidationError) as exc:
            c.register(author=" ", kind="other")
        assert exc.value.message_dict == {
            "kind": ["请选择类别：人大代表建议或政协提案。"],
            "author": ["请填写领衔代表（委员）姓名。"],
        }
        with pytest.raises(ValidationError) as exc:
            c.register(received_on=D(2019, 2, 21))
        assert "晚于今天" in exc.value.messages[0]
        assert (Suggestion.objects.count(), LedgerEvent.objects.count()) == n
        s = c.register()
        with pytest.raises(ValidationError) as exc:  # the same session and number twice
            c.register()
        assert exc.value.message_dict["serial"] == ["该会议的12号已登记：建〔2019〕1号"]
        s = c.talked(serial="14")
        before = _snapshot(s)
        with pytest.raises(ValidationError) as exc:
            handling.suggestion_reply(
                actor=c.body_clerk, suggestion=s, reply="已办理", result_class="E"
            )
        assert exc.value.messages == ["请选择答复分类（A类、B类、C类或D类）。"]
        with pytest.raises(ValidationError):
            talks.suggestion_contact(
                actor=c.body_clerk, suggestion=s, way="meeting", note="x", on=D(2019, 2, 19)
            )
        assert _snapshot(s) == before
        s = handling.suggestion_reply(
            actor=c.body_clerk, suggestion=s, reply="已办理", result_class="B"
        )
        before = _snapshot(s)
        with pytest.raises(ValidationError) as exc:
            handling.suggestion_evaluate(actor=c.secretary, suggestion=s, evaluation="dissatisfied")
        assert exc.value.messages == ["代表（委员）不满意时须记录不满意的原因。"]
        assert _snapshot(s) == before
