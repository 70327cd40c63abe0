"""Every registered indicator on the demo district: the figures of many organisations at once
(``indicators.evaluate_many``, one query grouped by organisation) and the figures computed in
a ``batch()`` (records narrowed by the subtree's ids, counts kept) equal one plain
``evaluate`` per organisation — the province's table and the annual report change no figure."""

from __future__ import annotations

import pytest

from fazhi.core import indicators
from fazhi.core.models import Organisation, OrgKind

pytestmark = [pytest.mark.demo, pytest.mark.django_db]


def test_every_indicator_many_at_once_and_in_a_batch_equals_one_by_one():
    district = Organisation.objects.get(name="长沙市芙蓉区人民政府")
    streets = list(Organisation.objects.filter(kind=OrgKind.STREET).order_by("path")[:2])
    bureau = Organisation.objects.get(name="长沙市芙蓉区行政执法局")
    orgs = [district, *streets, bureau]
    differ = []
    for code in sorted(indicators.REGISTRY):
        one = [indicators.evaluate(code, year=2019, org=o).value for o in orgs]
        many = [f.value for f in indicators.evaluate_many(code, year=2019, orgs=orgs)]
        with indicators.batch():
            batched = [indicators.evaluate(code, year=2019, org=o).value for o in orgs]
        if not (one == many == batched):
            differ.append((code, one, many, batched))
    assert differ == []
    assert indicators.evaluate_many("ENF-BUREAU-CASES", year=2019, orgs=[district])[0].text == (
        indicators.evaluate("ENF-BUREAU-CASES", year=2019, org=district).text
    )
