"""The demo's 依法治区 year (``fazhi indicators show CODE --year 2019``): the seed's one set
of work points (《芙蓉区依法治区委员会2019年工作要点》), the committee's three groups with their
rules of work, 14 points of which 13 confirmed and one overdue — red on the to-do of the 区司法局
and on the office's list — and the 述法 of the 26 bureaus and streets; the ledger proves it."""

from __future__ import annotations

import pytest

from fazhi.core import indicators, ledger
from fazhi.core.models import Clock

from ..models import Body, PointStatus, WorkPoint, WorkRule

pytestmark = [pytest.mark.demo("依法治区（2019年度）"), pytest.mark.django_db]


def test_the_committee_and_its_bodies():
    roles = dict(Body.objects.values_list("role", "org__name"))
    assert roles == {
        "committee": "中共长沙市芙蓉区委全面依法治区委员会",
        "office": "中共长沙市芙蓉区委全面依法治区委员会办公室",
        "enforcement": "区委全面依法治区委员会执法协调小组",
        "judicial": "区委全面依法治区委员会司法协调小组",
        "law_abiding": "区委全面依法治区委员会守法普法协调小组",
    }
    assert Body.objects.get(role="office").host.name == "长沙市芙蓉区司法局"
    assert WorkRule.objects.count() == 5 and WorkRule.objects.filter(kind="detailed").count() == 1


def test_the_figures_of_2019():
    got = {c: indicators.evaluate(c, year=2019).text for c in (
        "GOV-PLANS", "GOV-POINTS", "GOV-POINTS-DONE", "GOV-POINTS-OVERDUE", "GOV-GROUPS",
        "GOV-DUTIES",
    )}  # fmt: skip
    assert got == {
        "GOV-PLANS": "《芙蓉区依法治区委员会2019年工作要点》",
        "GOV-POINTS": "14项",
        "GOV-POINTS-DONE": "13项",
        "GOV-POINTS-OVERDUE": "1项",
        "GOV-GROUPS": "3个",
        "GOV-DUTIES": "26个",
    }


def test_the_overdue_point_is_red_for_its_lead_body():
    (p,) = WorkPoint.objects.exclude(status=PointStatus.DONE)
    assert (p.seq, p.org.short_name, p.status) == (14, "区司法局", PointStatus.ASSIGNED)
    c = Clock.objects.get(subject_type="governance.workpoint", subject_id=str(p.pk))
    assert (c.rule.code, str(c.due_on), c.stopped_on) == ("GV-1", "2019-12-16", None)
    late = Clock.objects.filter(subject_type="governance.workpoint", stopped_on__isnull=False)
    assert late.count() == 13 and all(c.stopped_on <= c.due_on for c in late)
    assert ledger.verify().ok
