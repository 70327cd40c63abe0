"""The order from intake to callback: hand-counted due dates (2019, 端午 6月7日–9日), the
office/lead-body split, returns within their limit and arbitration, 重办 after a
dissatisfied callback, 直接办结, merging, and each bad-input item of the issue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import clocks
from fazhi.core.models import LedgerEvent
from fazhi.core.workflow import InvalidTransition

from ..models import Callback, Order, OrderStatus
from ..services import aftercare, orders
from ..services.catalogue import suggest_body
from .world import Hotline, at

pytestmark = pytest.mark.django_db
D = dt.date
S = OrderStatus


@pytest.fixture
def h(db):
    with at(D(2019, 6, 3)):
        yield Hotline()


def _snapshot(o: Order) -> tuple:
    o = Order.objects.get(pk=o.pk)
    open_ = list(clocks.for_subject(o).filter(stopped_on__isnull=True).values_list("pk"))
    return (o.status, o.version, o.org_id, o.returns, o.rounds, open_, LedgerEvent.objects.count())


def _due(o, code):
    return clocks.for_subject(o).filter(rule__code=code).order_by("-id").first()


def test_the_whole_cycle_with_hand_counted_due_dates(h):
    with at(D(2019, 6, 3)):  # Monday
        o = h.take()
        assert o.number == "RX-2019-1" and len(o.check_code) == 6
        assert (o.status, o.org, o.office) == (S.RECEIVED, h.office, h.office)
        assert suggest_body(o.category, None) == h.body
        assert suggest_body(o.category, h.d.street_a) == h.other
        o = orders.order_assign(actor=h.agent, order=o, body=h.body, cohandlers=[h.other])
    assert (o.status, o.org, o.assigned_on) == (S.ASSIGNED, h.body, D(2019, 6, 3))
    # RX-3 1 WD from Monday 3 June: Tuesday 4 June. RX-1 5 WD: 4, 5, 6 June, (7–9 端午),
    # 10, 11 June → Tuesday 11 June. RX-2 (return) 2 WD: Wednesday 5 June.
    assert _due(o, "RX-3").due_on == D(2019, 6, 4)
    assert _due(o, "RX-1").due_on == D(2019, 6, 11)
    assert orders.return_due(o) == D(2019, 6, 5)
    with at(D(2019, 6, 4)):
        o = orders.order_sign(actor=h.body_clerk, order=o)
    assert _due(o, "RX-3").stopped_on == D(2019, 6, 4)
    with at(D(2019, 6, 10)):
        orders.order_opinion(actor=h.street_clerk, order=o, org=h.other, opinion="已约谈施工方")
        o = orders.order_reply(actor=h.body_officer, order=o, reply="已责令施工单位夜间停工")
    assert _due(o, "RX-1").stopped_on == D(2019, 6, 10)
    with at(D(2019, 6, 11)):
        o = orders.order_close(actor=h.agent, order=o)
    assert (o.status, o.closed_on) == (S.CLOSED, D(2019, 6, 11))
    # RX-5 3 WD from Tuesday 11 June: 12, 13, 14 June; it outlives the closing
    cb_clock = _due(o, "RX-5")
    assert (cb_clock.due_on, cb_clock.stopped_on) == (D(2019, 6, 14), None)
    with at(D(2019, 6, 12)):
        aftercare.order_callback(actor=h.agent, order=o, result="dissatisfied", reason="仍有施工")
    o.refresh_from_db()
    cb_clock.refresh_from_db()
    assert cb_clock.stopped_on == D(2019, 6, 12)
    # 重办: the same body, a new cycle, new clocks from the callback day (Wed 12 June):
    # RX-3 → Thu 13 June; RX-1 5 WD → 13, 14, 17, 18, 19 June
    assert (o.status, o.org, o.rounds, o.closed_on) == (S.ASSIGNED, h.body, 1, None)
    assert _due(o, "RX-3").due_on == D(2019, 6, 13)
    assert _due(o, "RX-1").due_on == D(2019, 6, 19)
    with at(D(2019, 6, 13)):
        o = orders.order_sign(actor=h.body_leader, order=o)
        o = orders.order_reply(actor=h.body_clerk, order=o, reply="施工单位已调整作业时间")
        o = orders.order_close(actor=h.agent, order=o)
    with at(D(2019, 6, 14)):
        aftercare.order_callback(actor=h.agent, order=o, result="satisfied")
    o.refresh_from_db()
    assert (o.status, o.satisfaction, o.closed_on) == (S.CLOSED, "satisfied", D(2019, 6, 13))
    assert list(Callback.objects.filter(order=o).values_list("round", "result")) == [
        (0, "dissatisfied"),
        (1, "satisfied"),
    ]


def test_dates_out_of_order_and_in_the_future_are_refused(h):
    with at(D(2019, 6, 3)):
        o = h.take()
        with pytest.raises(ValidationError) as exc:
            orders.order_assign(actor=h.agent, order=o, body=h.body, on=D(2019, 6, 4))
        assert exc.value.messages == [
            "派单日期2019年6月4日晚于今天（2019年6月3日），业务日期不能是将来的日期。"
        ]
    with at(D(2019, 6, 5)):
        o = orders.order_assign(actor=h.agent, order=o, body=h.body, on=D(2019, 6, 4))
        before = _snapshot(o)
        with pytest.raises(ValidationError) as exc:
            orders.order_sign(actor=h.body_clerk, order=o, on=D(2019, 6, 3))
        assert exc.value.messages == ["签收日期2019年6月3日早于派单日期2019年6月4日。"]
        assert _snapshot(o) == before


def test_only_the_office_assigns_and_only_the_lead_body_signs_and_replies(h):
    with at(D(2019, 6, 3)):
        o = h.take()
        with pytest.raises(PermissionDenied):
            orders.order_assign(actor=h.body_clerk, order=o, body=h.body)
        o = orders.order_assign(actor=h.agent, order=o, body=h.body, cohandlers=[h.other])
        before = _snapshot(o)
        for who in (h.agent, h.street_clerk):  # the office and the co-handler see it
            with pytest.raises(PermissionDenied):
                orders.order_sign(actor=who, order=o)
        assert _snapshot(o) == before
        o = orders.order_sign(actor=h.body_clerk, order=o)
        with pytest.raises(PermissionDenied):  # a co-handler never replies to the caller
            orders.order_reply(actor=h.street_clerk, order=o, reply="已处理")
        assert Order.objects.get(pk=o.pk).status == S.SIGNED


def test_return_with_reason_within_its_limit_then_arbitration(h):
    with at(D(2019, 6, 3)):
        o = orders.order_assign(actor=h.agent, order=h.take(), body=h.body)
    with at(D(2019, 6, 4)):
        before = _snapshot(o)
        with pytest.raises(ValidationError) as exc:
            orders.order_return(actor=h.body_clerk, order=o, reason="  ")
        assert "请写明退回理由" in str(exc.value)
        assert _snapshot(o) == before
        o = orders.order_return(actor=h.body_clerk, order=o, reason="工地噪声属住建部门监管")
    assert (o.status, o.org, o.returns, o.returned_from) == (S.RETURNED, h.office, 1, h.body)
    assert not clocks.for_subject(o).filter(stopped_on__isnull=True).exists()
    with at(D(2019, 6, 5)):  # the office keeps the body: 仲裁
        o = orders.order_assign(actor=h.chief, order=o, body=h.body, note="夜间施工噪声属执法局")
    ev = LedgerEvent.objects.filter(subject_id=str(o.pk), data__to="assigned").order_by("-seq")[0]
    assert ev.data["arbitration"] is True
    assert (o.status, o.org, o.assigned_on) == (S.ASSIGNED, h.body, D(2019, 6, 5))


def test_a_return_after_its_limit_is_refused(h):
    with at(D(2019, 6, 3)):
        o = orders.order_assign(actor=h.agent, order=h.take(), body=h.body)
        o = orders.order_sign(actor=h.body_clerk, order=o)
    with at(D(2019, 6, 6)):
        before = _snapshot(o)
        with pytest.raises(ValidationError) as exc:
            orders.order_return(actor=h.body_clerk, order=o, reason="非本单位职责")
        assert "退回期限已过：派单日期为2019年6月3日，应在2019年6月5日前退回" in str(exc.value)
        assert _snapshot(o) == before


def test_three_bounces_make_a_problem_order(h):
    day = D(2019, 6, 3)
    with at(day):
        o = h.take()
        for _i in range(3):
            o = orders.order_assign(actor=h.agent, order=o, body=h.body)
            o = orders.order_return(actor=h.body_clerk, order=o, reason="非本单位职责")
    assert (o.returns, o.problem) == (3, True)


def test_an_enquiry_is_answered_on_the_spot_and_not_called_back(h):
    with at(D(2019, 6, 3)):
        o = h.take(kind="enquiry", category=h.policy, text="灵活就业人员如何缴纳医保")
        o = orders.order_answer(actor=h.agent, order=o, answer="可到街道社保窗口或线上办理")
        assert (o.status, o.direct, o.closed_on) == (S.CLOSED, True, D(2019, 6, 3))
        with pytest.raises(ValidationError) as exc:
            aftercare.order_callback(actor=h.agent, order=o, result="satisfied")
        assert "直接办结" in str(exc.value)
        complaint = h.take()
        with pytest.raises(InvalidTransition) as exc:
            orders.order_answer(actor=h.agent, order=complaint, answer="x")
        assert "只有咨询类工单可以直接办结" in exc.value.message


def test_extension_by_the_office_leader_within_the_rule(h):
    with at(D(2019, 6, 3)):
        o = orders.order_assign(actor=h.agent, order=h.take(), body=h.body)
        with pytest.raises(PermissionDenied):
            aftercare.order_extend(actor=h.agent, order=o, days=5, reason="需现场测量")
        aftercare.order_extend(actor=h.chief, order=o, days=5, reason="需现场测量")
        # 5 + 5 WD from 3 June: 11 June + 12, 13, 14, 17, 18 → 18 June
        assert _due(o, "RX-1").due_on == D(2019, 6, 18)
        with pytest.raises(ValidationError):
            aftercare.order_extend(actor=h.chief, order=o, days=6, reason="再延")


# ---------------------------------------------------------------- bad input (the list)


def test_an_order_without_a_category_or_with_a_wrong_phone_changes_nothing(h):
    n = (Order.objects.count(), LedgerEvent.objects.count())
    with at(D(2019, 6, 3)):
        with pytest.raises(ValidationError) as exc:
            h.take(category=None)
        assert exc.value.message_dict["category"] == ["请选择诉求分类。"]
        with pytest.raises(ValidationError) as exc:
            h.take(caller_phone="1380731")
        assert "联系电话格式不正确：1380731" in exc.value.message_dict["caller_phone"][0]
    assert (Order.objects.count(), LedgerEvent.objects.count()) == n


def test_a_merge_of_different_callers_needs_confirmation(h):
    with at(D(2019, 6, 3)):
        first = h.take()
        second = h.take(caller_phone="13974125588", caller_name="周敏")
        before = _snapshot(second)
        with pytest.raises(ValidationError) as exc:
            orders.order_merge(actor=h.agent, order=second, into=first)
        assert "须确认" in str(exc.value)
        assert _snapshot(second) == before
        m = orders.order_merge(actor=h.agent, order=second, into=first, confirm=True)
        assert (m.status, m.merged_into) == (S.MERGED, first)
        same = h.take()
        assert orders.order_merge(actor=h.agent, order=same, into=first).status == S.MERGED


def test_a_callback_on_an_open_order_is_refused(h):
    with at(D(2019, 6, 3)):
        o = orders.order_assign(actor=h.agent, order=h.take(), body=h.body)
        before = _snapshot(o)
        with pytest.raises(ValidationError) as exc:
            aftercare.order_callback(actor=h.agent, order=o, result="satisfied")
        assert "工单尚未办结，不能回访（当前状态：已派单待签收）" in str(exc.value)
        assert _snapshot(o) == before
