"""The demo's 2019 annual report against the seed (the literals, the figures and the pending
points are in test_annual_report.py): read from the run's demo template (tests/demodb.py)."""

from __future__ import annotations

import pytest

from fazhi.core import indicators, ledger
from fazhi.core.models import LedgerEvent
from fazhi.reports import compose, services
from fazhi.reports.models import AnnualReport
from fazhi.reports.outline import OUTLINE

from .test_annual_report import (
    GOVERNANCE_FIGURES,
    PENDING,
    SEED_ALL,
    SEED_BUREAU,
    SEED_FIGURES,
    SEED_LEADERSHIP,
    SEED_OPENING,
    SEED_POINT_FIGURES,
    SEED_POINTS,
    SEED_SANCTIONS,
    SEED_SUPERVISION,
    SYSTEM,
    D,
    as_scraped,
)

pytestmark = [pytest.mark.demo, pytest.mark.django_db]


def test_the_demo_2019_report_carries_the_seeds_paragraphs(client, demo_ledger):
    r = AnnualReport.objects.get(org__name="长沙市芙蓉区人民政府", year=2019)
    assert (r.status, r.approved_on, r.published_on) == (
        "published",
        D(2020, 3, 17),
        D(2020, 3, 17),
    )
    assert r.title == "芙蓉区人民政府关于2019年度法治政府建设情况的报告"
    text = as_scraped(compose.plain_text(r))
    lines = text.splitlines()
    assert lines[:3] == [r.title, SEED_OPENING, "一、主要工作成效"]
    assert "2." + SEED_BUREAU in lines  # (二)1 is government services'
    assert SEED_SANCTIONS in lines and SEED_SUPERVISION in lines
    for key, paragraph in SEED_POINTS.items():
        assert paragraph in lines, key
    assert text.endswith("芙蓉区司法局\n2020年3月17日")
    figures = [
        (s["code"], s["t"])
        for sub in r.content["subsections"]
        for p in sub["points"]
        for s in p["segments"]
        if "code" in s
    ]
    enforcement = {"一(二)2": SEED_FIGURES[:2], "一(五)1": SEED_FIGURES[2:], "一(五)2": []}
    by_point = SEED_POINT_FIGURES | enforcement | {"一(一)": GOVERNANCE_FIGURES}
    points = [p.key for sub in OUTLINE for p in sub.points if p.key not in PENDING]
    assert figures == [f for key in points for f in by_point[key]]
    assert [p["key"] for p in r.content["pending"]] == PENDING
    assert r.content["empty"] == []
    assert r.digest == compose.digest(r)
    # regenerating on the same records gives the same figures, as a new edition
    r2 = services.report_generate(actor=SYSTEM, org=r.org, year=2019, on=D(2020, 4, 1))
    assert (r2.edition, r2.content) == (2, r.content)
    # the reports' events chained onto the demo template's head (verified once per run)
    tail = ledger.verify(after=demo_ledger.head)
    assert tail.ok, tail.problem
    assert tail.checked == LedgerEvent.objects.filter(seq__gt=demo_ledger.head).count() >= 1
    # the portal shows the published edition, figures without links to the staff records
    page = client.get(f"/reports/{r.pk}/").content.decode()
    assert "罚款767.8821万元" in page and "/workspace/indicators/" not in page


def test_the_seeds_all_on_time_claims_hold_on_the_demo():
    """The words “所有建议、意见均在规定时间内办理完毕”, “全部按期答复”, “全部履行到位” are
    literal: the figures behind them agree."""
    for whole, part in SEED_ALL:
        assert indicators.evaluate(part, year=2019).value == (
            indicators.evaluate(whole, year=2019).value
        ), part


def test_the_demo_2019_report_carries_the_seeds_governance_paragraph():
    r = AnnualReport.objects.get(org__name="长沙市芙蓉区人民政府", year=2019)
    lines = compose.plain_text(r).splitlines()
    at = lines.index("（一）全面加强党对法治政府建设领导")
    assert as_scraped(lines[at + 1]).replace("；", ";") == SEED_LEADERSHIP
    (point,) = r.content["subsections"][0]["points"]
    figure = next(s for s in point["segments"] if "code" in s)
    assert (figure["code"], figure["value"]) == ("GOV-PLANS", "1")
    assert figure["url"] == f"/workspace/indicators/GOV-PLANS/?year=2019&org={r.org_id}"
