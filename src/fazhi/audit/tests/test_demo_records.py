"""The demo's audit roll-up (the open-government and audit demo steps only): the audit
bureau's 2019 roll-up for the standing committee, issued once its findings were closed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ..documents import totals
from ..models import RollupReport

pytestmark = [pytest.mark.demo("政务公开", "审计整改"), pytest.mark.django_db]


def test_the_roll_up_is_issued_with_nothing_open():
    rep = RollupReport.objects.get()
    assert (rep.number, rep.year) == ("区审计局整改报〔2020〕1号", 2019)
    t = totals(rep)
    # the bureau's own 266 projects (the province's two are its own) and every 审减
    assert (t["n"], t["cut"], t["findings"] == t["closed"]) == (266, Decimal("260000000.00"), True)
    assert sum(r["n"] for r in rep.ageing) == 0
