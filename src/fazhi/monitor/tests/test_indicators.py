"""The monitor's figures: bulletins issued and rectification tasks raised, by year and by
organisation subtree, each listing its records."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import clock, indicators
from fazhi.core.tests.factories import District
from fazhi.monitor import services

from .factories import JUNE, SYSTEM, fixture_site, stored_run

pytestmark = pytest.mark.django_db


def test_bulletins_and_rectifications_are_counted_where_the_site_belongs(
    fixture_crawl, settings, tmp_path
):
    settings.MONITOR_STATE_DIR = tmp_path / "monitor"
    d = District()
    site = fixture_site(d.street_a)
    stored_run(site, fixture_crawl[0], at=JUNE)
    with clock.frozen(JUNE + dt.timedelta(days=2)):
        b = services.bulletin_generate(actor=SYSTEM, site=site, month="2025-06")
        services.bulletin_generate(actor=SYSTEM, site=site, month="2025-06")  # a revision
        fps = [r["fingerprint"] for r in b.snapshot["bulletin"]["rectification"][:2]]
        services.rectification_create(actor=d.supervisor, bulletin=b, fingerprints=fps)

    def value(code, org, year=2025):
        return indicators.evaluate(code, year=year, org=org).value

    assert (value("MON-BULLETINS", d.gov), value("MON-BULLETINS", d.street_a)) == (1, 1)
    assert (value("MON-BULLETINS", d.street_b), value("MON-BULLETINS", d.gov, 2024)) == (0, 0)
    assert value("MON-RECTIFICATIONS", d.gov) == 2
    assert value("MON-RECTIFICATIONS", d.street_b) == 0
