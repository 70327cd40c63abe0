"""The seed's 一(六)1 on the demo year: 2.4万件 closed, callback satisfaction 97.50%; the
on-time KPIs from the year's clocks; and the present: open orders of the weeks before today
on the to-do of the demo logins.

Read from the run's demo template (tests/demodb.py), every domain's step loaded."""

from __future__ import annotations

import pytest

from fazhi.core import clock, todo
from fazhi.core.indicators import evaluate
from fazhi.core.models import Clock, LedgerEvent, User

from .. import actions
from ..models import Order

pytestmark = [pytest.mark.demo, pytest.mark.django_db]


def test_the_seed_figures_on_the_demo_year_and_the_present_on_the_to_do():
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
        u: sum(
            1
            for w in todo.waiting_for(User.objects.get(username=u))
            if isinstance(w.matter, Order)  # the other domains' work is on the same to-do
        )
        for u in ("agent", "clerk", "leader")
    }
    assert waiting == {"agent": 6 + 3 + 5, "clerk": 2 + 2, "leader": 2 + 3}
