"""The seed's 一(六)1 on the demo year: 2.4万件 closed, callback satisfaction 97.50%; the
on-time KPIs from the year's clocks; and the present: open orders of the weeks before today
on the to-do of the demo logins.

One test loads the hotline step once (the organisations and logins first, as ``fazhi demo``
does); it moves onto the shared demo fixture (``pytest.mark.demo``) when that lands on main."""

from __future__ import annotations

import time

import pytest

from fazhi.core import clock, todo
from fazhi.core import demo as core_demo
from fazhi.core.indicators import evaluate
from fazhi.core.models import Clock, LedgerEvent, User

from .. import actions
from .. import demo as hotline_demo
from ..models import Order

pytestmark = pytest.mark.django_db


def test_the_seed_figures_on_the_demo_year_and_the_present_on_the_to_do():
    core_demo.load_users(core_demo.load_orgs())
    t, cpu = time.perf_counter(), time.process_time()
    hotline_demo.load()
    print(
        f"hotline demo step: {time.perf_counter() - t:.1f} s wall, "
        f"{time.process_time() - cpu:.1f} s CPU"
    )
    assert evaluate("HL-CLOSED", year=2019).text == "2.4万件"
    assert evaluate("HL-CLOSED-EXACT", year=2019).value == 24136
    assert evaluate("HL-SATISFACTION", year=2019).text == "97.50%"
    # the 615 dissatisfied callbacks each sent an order back for 重办
    assert evaluate("HL-REHANDLE", year=2019).value * 23985 == 615
    year_events = LedgerEvent.objects.filter(subject_type="hotline.order", action=actions.DEMO)
    assert year_events.count() == 151 + 4 * (23985 + 615)
    # the year's clocks: a sign-off and a handling clock per handling cycle, some late
    assert Clock.objects.filter(subject_type="hotline.order", started_on__year=2019).count() == (
        2 * (23985 + 615)
    )
    assert evaluate("HL-SIGN-ON-TIME", year=2019).text == "98.06%"
    assert evaluate("HL-ON-TIME", year=2019).text == "95.43%"
    # the present: 36 orders of the four weeks before today, none closed for good
    today = clock.today()
    live = Order.objects.filter(received_on__year__gt=2019)
    assert live.count() == 36
    assert all((today - o.received_on).days <= 40 for o in live)
    waiting = {
        u: len(todo.waiting_for(User.objects.get(username=u))) for u in ("agent", "clerk", "leader")
    }
    assert waiting == {"agent": 6 + 3 + 5, "clerk": 2 + 2, "leader": 2 + 3}
