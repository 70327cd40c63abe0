"""The seed's 一(六)1 on the demo year: 2.4万件 closed, callback satisfaction 97.50%.

One test loads the hotline step once (the organisations first, as ``fazhi demo`` does);
it moves onto the shared demo fixture (``pytest.mark.demo``) when that lands on main."""

from __future__ import annotations

import time

import pytest

from fazhi.core import demo as core_demo
from fazhi.core.indicators import evaluate
from fazhi.core.models import LedgerEvent

from .. import demo as hotline_demo

pytestmark = pytest.mark.django_db


def test_the_seed_figures_on_the_demo_year():
    core_demo.load_orgs()
    t = time.perf_counter()
    hotline_demo.load()
    print(f"hotline demo step: {time.perf_counter() - t:.1f} s")
    assert evaluate("HL-CLOSED", year=2019).text == "2.4万件"
    assert evaluate("HL-CLOSED-EXACT", year=2019).value == 24136
    assert evaluate("HL-SATISFACTION", year=2019).text == "97.50%"
    # the 615 dissatisfied callbacks each sent an order back for 重办
    assert evaluate("HL-REHANDLE", year=2019).value * 23985 == 615
    assert LedgerEvent.objects.filter(subject_type="hotline.order").count() == 151 + 4 * (
        23985 + 615
    )
