"""Factories for the monitor's Django tests: the fixture portal as a registered site."""

from __future__ import annotations

import datetime as dt

from fazhi.core import clock
from fazhi.core.ledger import SystemActor
from fazhi.monitor import configtext, services
from fazhi.monitor.fixtures_site.harness import fixture_limits, fixture_site_config
from fazhi.monitor.models import LexiconVersion, Site

SYSTEM = SystemActor("测试")
JUNE = dt.datetime(2025, 6, 30, 9, 0, tzinfo=clock.CHINA)  # the fixture's monitoring time point
JULY = dt.datetime(2025, 7, 31, 9, 0, tzinfo=clock.CHINA)
ISSUER = "长沙市芙蓉区人民政府办公室"


def fixture_config_text() -> str:
    """The fixture portal's site file: the engine harness's config and its fast limits."""
    data = configtext.mapping_from_config(fixture_site_config())
    limits = fixture_limits()
    data["limits"] = {k: getattr(limits, k) for k in configtext.LIMIT_FIELDS}
    data["bulletin"] = {"issuer": ISSUER, "prefix": "芙政网监"}
    return configtext.dumps(data)


def lexicon(org) -> LexiconVersion:
    return LexiconVersion.objects.order_by("-number").first() or services.lexicon_save(
        actor=SYSTEM, org=org, text=configtext.shipped_text("lexicon.toml"), note="默认词库"
    )


def fixture_site(org, *, code: str = "fixture-furong") -> Site:
    lexicon(org)
    return services.site_create(
        actor=SYSTEM,
        org=org,
        code=code,
        name="长沙市芙蓉区人民政府门户网站（测试）",
        config_text=fixture_config_text(),
    )


def map_args(hmap: dict[str, int]) -> list[str]:
    out: list[str] = []
    for host, port in hmap.items():
        out += ["--map", f"{host}={port}"]
    return out


def stored_run(site, result, *, at=JUNE):
    """A finished run of ``site`` holding an engine crawl result (no crawling in the test)."""
    with clock.frozen(at):
        run = services.crawl_start(actor=SYSTEM, site=site)
        return services.crawl_finish(actor=SYSTEM, run=run, result=result)


def fazhi(*argv: str) -> int:
    """Run ``fazhi …`` in-process through the installed console script, as staff run it."""
    from importlib.metadata import entry_points

    return entry_points(group="console_scripts")["fazhi"].load()(list(argv))
