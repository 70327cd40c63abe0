"""The 催办 ladder, hand-counted on the 2019 calendar (端午 7–9 June): 临期 within 3 working
days of the due date, 超期 after it, 应督办 from 3 working days overdue — on the body's inbox,
the office's warning list (with 催办) and the office's to-do."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from fazhi.core import todo
from fazhi.core.models import LedgerEvent
from fazhi.core.tests.signin import sign_in

from .. import ladder
from ..services import orders
from .world import Hotline, at

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def h(db):
    with at(D(2019, 6, 3)):
        yield Hotline()


def _world(h):
    """o1 signed on time, handling due Tue 11 June (RX-1: 4, 5, 6, 10, 11 June); o2 never
    signed, sign-off due Tue 4 June (RX-3); o3 assigned Mon 10 June and signed on the 11th,
    handling due Mon 17 June (11, 12, 13, 14, 17); o4 still the office's (not on the ladder)."""
    with at(D(2019, 6, 3)):
        o1 = orders.order_assign(actor=h.agent, order=h.take(), body=h.body)
        o2 = orders.order_assign(
            actor=h.agent, order=h.take(caller_phone="13907310001"), body=h.body
        )
    with at(D(2019, 6, 4)):
        o1 = orders.order_sign(actor=h.body_clerk, order=o1)
    with at(D(2019, 6, 10)):
        o3 = h.take(caller_phone="13907310002", received_on=D(2019, 6, 10))
        o3 = orders.order_assign(actor=h.agent, order=o3, body=h.body)
        h.take(caller_phone="13907310003", received_on=D(2019, 6, 10))
    with at(D(2019, 6, 11)):
        o3 = orders.order_sign(actor=h.body_clerk, order=o3)
    return o1, o2, o3


def _levels(rows):
    return [(o.number, st.level, st.label, st.clock.rule.code, st.days_left) for o, st in rows]


def test_the_ladder_day_by_day(h):
    o1, o2, o3 = _world(h)
    # Wed 5 June: o2's sign-off 1 working day late; o1 has 6, 10, 11 June left (3: yellow)
    assert _levels(ladder.on_ladder(h.agent, D(2019, 6, 5))) == [
        ("RX-2019-2", "red", "超期", "RX-3", -1),
        ("RX-2019-1", "yellow", "临期", "RX-1", 3),
    ]
    # Tue 4 June: o1 has 5, 6, 10, 11 left (4: on time); o2's sign-off due today (0: yellow)
    assert _levels(ladder.on_ladder(h.agent, D(2019, 6, 4))) == [
        ("RX-2019-2", "yellow", "临期", "RX-3", 0),
    ]
    # Wed 12 June: o2 late since 4 June (4, 5, 6, 10, 11: 5 working days) → 应督办;
    # o1 1 day late; o3 has 13, 14, 17 left → yellow
    assert _levels(ladder.on_ladder(h.agent, D(2019, 6, 12))) == [
        ("RX-2019-2", "supervise", "超期5个工作日，应督办", "RX-3", -5),
        ("RX-2019-1", "red", "超期", "RX-1", -1),
        ("RX-2019-3", "yellow", "临期", "RX-1", 3),
    ]
    # the body sees its own; another street sees nothing
    assert [o.pk for o, _s in ladder.on_ladder(h.body_clerk, D(2019, 6, 12))] == [
        o2.pk,
        o1.pk,
        o3.pk,
    ]
    assert ladder.on_ladder(h.outsider, D(2019, 6, 12)) == []


def test_supervise_after_is_local_configuration(h, settings):
    _world(h)
    settings.HOTLINE_SUPERVISE_WORKDAYS = 6
    assert [st.level for _o, st in ladder.on_ladder(h.agent, D(2019, 6, 12))] == [
        "red",
        "red",
        "yellow",
    ]


def _text(html: str, id_: str) -> str:
    m = re.search(rf'id="{id_}"[^>]*>(.*?)</', html, re.S)
    return m.group(1).strip() if m else ""


def test_inbox_warnings_page_urge_and_the_office_to_do(h, client):
    o1, o2, o3 = _world(h)
    with at(D(2019, 6, 12)):
        sign_in(client, h.body_clerk)
        html = client.get("/workspace/hotline/inbox/").content.decode()
        assert re.findall(r'<tr data-level="(\w+)"><td><a [^>]*>([^<]+)</a>', html) == [
            ("red", "RX-2019-1"),
            ("supervise", "RX-2019-2"),
            ("yellow", "RX-2019-3"),
        ]
        assert "超期5个工作日，应督办" in html
        sign_in(client, h.agent)
        html = client.get("/workspace/hotline/warnings/").content.decode()
        assert _text(html, "ladder-counts") == "临期 1 件 · 超期 1 件 · 应督办 1 件"
        assert html.count('data-move="urge"') == 3
        assert html.count(">转督办</a>") == 1
        n = LedgerEvent.objects.count()
        resp = client.post(f"/workspace/hotline/orders/{o2.pk}/move/", {"to": "urge"})
        assert resp.status_code == 302
        ev = LedgerEvent.objects.order_by("-seq").first()
        assert (LedgerEvent.objects.count(), ev.action, ev.data["level"]) == (
            n + 1,
            "hotline.urge",
            "red",
        )
        # the office's to-do: one reminder per order on the ladder, worst first
        assert [(r.title, r.detail, r.status, r.due_on) for r in todo.reminders_for(h.agent)] == [
            (
                "催办：RX-2019-2 夜间施工噪声扰民，晚上十一点后仍在作业",
                "测试区行政执法局 · 签收时限 · 超期5个工作日，应督办",
                "red",
                D(2019, 6, 4),
            ),
            (
                "催办：RX-2019-1 夜间施工噪声扰民，晚上十一点后仍在作业",
                "测试区行政执法局 · 办理答复时限 · 超期",
                "red",
                D(2019, 6, 11),
            ),
            (
                "催办：RX-2019-3 夜间施工噪声扰民，晚上十一点后仍在作业",
                "测试区行政执法局 · 办理答复时限 · 临期",
                "yellow",
                D(2019, 6, 17),
            ),
        ]
        page = client.get("/workspace/").content.decode()
        assert page.count("fz-reminder") == 3
        # the body's to-do has its clocks already, not these reminders
        assert todo.reminders_for(h.body_clerk) == []
    # an outsider may not urge
    with at(D(2019, 6, 12)):
        sign_in(client, h.outsider)
        assert (
            client.post(f"/workspace/hotline/orders/{o2.pk}/move/", {"to": "urge"}).status_code
            == 404
        )
    assert LedgerEvent.objects.filter(action="hotline.urge").count() == 1
