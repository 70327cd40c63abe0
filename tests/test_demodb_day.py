"""A run that passes local midnight between the demo's build and a demo module reads the demo
on the day it was built (tests/demodb.py, ``_on_the_build_day``)."""

import datetime as dt

from fazhi.core import clock
from tests import demodb


def run_built_on(tmp_path, day: dt.date) -> demodb.Run:
    run = demodb.Run(tmp_path, "sqlite", "", "gw0")
    run.file("all", "day").write_text(day.isoformat())
    return run


def test_built_yesterday_the_module_runs_at_the_last_second_of_that_day(tmp_path):
    # 00:20 on 8 December in Changsha is 16:20 UTC on the 7th; the demo was built on the 7th
    with clock.frozen(dt.datetime(2026, 12, 7, 16, 20, tzinfo=dt.UTC)):
        assert clock.today() == dt.date(2026, 12, 8)
        with demodb._on_the_build_day(run_built_on(tmp_path, dt.date(2026, 12, 7)), "all"):
            assert clock.today() == dt.date(2026, 12, 7)
            assert clock.now() == dt.datetime(2026, 12, 7, 15, 59, 59, tzinfo=dt.UTC)
        assert clock.today() == dt.date(2026, 12, 8)


def test_built_today_the_clock_is_left_alone(tmp_path):
    at = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
    with clock.frozen(at), demodb._on_the_build_day(run_built_on(tmp_path, at.date()), "all"):
        assert clock.now() == at
