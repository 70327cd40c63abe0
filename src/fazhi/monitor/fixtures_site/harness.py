"""Helpers to serve the fixture site and crawl it (used by tests, demos and the CLI smoke test).

The fixture site's config lives here (identity 长沙市芙蓉区人民政府, the columns of
:data:`~fazhi.monitor.fixtures_site.site.COLUMNS`), together with the host → port map that
sends every fixture host to the loopback server.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from ..engine.config import ColumnRule, Lexicon, SiteConfig, default_site
from ..engine.crawler import Limits
from ..engine.http import curl_client_factory
from ..engine.transport import mapped_client_factory
from .server import FixtureServer, closed_port, serving
from .site import AS_OF, CLOSED_HOST, COLUMNS, EXTERNAL_HOSTS, HOST, FixtureSite


def fixture_site_config(**overrides) -> SiteConfig:
    """SiteConfig of the fixture portal (identity of the demo district, fixture columns)."""
    base = default_site()
    cols = tuple(ColumnRule(c.name, c.path, c.category) for c in COLUMNS)
    local = Lexicon(version="fixture", leaders=())
    cfg = replace(
        base,
        site_id="fixture-furong",
        start_urls=(f"http://{HOST}/",),
        hosts=(HOST,),
        columns=cols,
        lexicon=base.lexicon.merged(local),
    )
    return replace(cfg, **overrides) if overrides else cfg


def fixture_limits(**overrides) -> Limits:
    """Fast limits for tests: no politeness delay, short timeout, small caps."""
    lim = Limits(
        max_pages=500,
        max_bytes=5 * 1024 * 1024,
        timeout=1.5,
        delay=0.0,
        polite=False,
        per_host_concurrency=4,
        workers=8,
        max_query_variants=20,
        k5_max_pages=100,
        retries=1,
        max_retry_after=0.2,
        timeout_retries=2,
        retry_backoff=0.1,
    )
    return replace(lim, **overrides) if overrides else lim


def host_map(port: int, refused_port: int | None = None) -> dict[str, int]:
    """Every fixture host → the loopback port (``closed.example`` → a closed port)."""
    m = {HOST: port}
    for h in EXTERNAL_HOSTS:
        m[h] = port
    m[CLOSED_HOST] = refused_port if refused_port is not None else closed_port()
    return m


@contextmanager
def fixture_server(site: FixtureSite | None = None) -> Iterator[tuple[FixtureServer, dict]]:
    """Serve the fixture site; yield (server, host map)."""
    router = site or FixtureSite()
    with serving(router) as srv:
        yield srv, host_map(srv.port)


def client_factory_for(hmap: dict[str, int], *, client: str = "curl"):
    """Client factory mapping fixture hosts to loopback: libcurl (the crawler's default), or
    ``client="httpx"`` for the httpx adapter."""
    if client == "httpx":
        return mapped_client_factory(hmap, timeout=30.0)
    return curl_client_factory(hmap)


__all__ = [
    "AS_OF",
    "FixtureSite",
    "client_factory_for",
    "fixture_limits",
    "fixture_server",
    "fixture_site_config",
    "host_map",
]

_ = dt
