"""The seed's 一(六)1 on the demo year: 受理建议、提案155件，所有建议、意见均在规定时间内办理完毕.

Read from the run's demo template (tests/demodb.py), every domain's step loaded."""

from __future__ import annotations

import pytest

from fazhi.core.indicators import evaluate
from fazhi.core.models import Clock, LedgerEvent

pytestmark = [pytest.mark.demo, pytest.mark.django_db]


def test_155_received_all_handled_on_time():
    assert evaluate("SG-RECEIVED", year=2019).text == "155件"
    assert (evaluate("SG-NPC", year=2019).value, evaluate("SG-CPPCC", year=2019).value) == (98, 57)
    assert evaluate("SG-ON-TIME", year=2019).text == "155件"
    clocks = Clock.objects.filter(subject_type="suggestions.suggestion")
    assert clocks.count() == 155
    assert clocks.filter(rule__code__in=["RD-2", "TA-2"]).count() == 14
    assert LedgerEvent.objects.filter(subject_type="suggestions.suggestion").count() == 5 * 155
