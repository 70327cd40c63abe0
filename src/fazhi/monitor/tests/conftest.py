"""Test fixtures for the portal monitor: nothing may leave 127.0.0.1.

An autouse guard wraps ``socket.socket.connect`` so that any attempt to reach a non-loopback
address fails the test; every host name reaches the fixture server only through
:class:`~fazhi.monitor.engine.transport.MappedTransport`.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Any

import pytest

from fazhi.monitor.engine import aio
from fazhi.monitor.engine.crawler import crawl
from fazhi.monitor.fixtures_site.harness import (
    AS_OF,
    client_factory_for,
    fixture_limits,
    fixture_server,
    fixture_site_config,
)

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _check(address) -> None:
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str | bytes) and isinstance(address, tuple):
        try:
            ip = ipaddress.ip_address(host if isinstance(host, str) else host.decode())
        except ValueError as exc:
            raise AssertionError(f"test tried to connect to a host name: {host!r}") from exc
        if not ip.is_loopback:
            raise AssertionError(f"test tried to leave 127.0.0.1: {address!r}")


def install_guard(mp: pytest.MonkeyPatch) -> None:
    """Make every non-loopback connect fail."""

    def connect(self, address):
        _check(address)
        return _real_connect(self, address)

    def connect_ex(self, address):
        _check(address)
        return _real_connect_ex(self, address)

    mp.setattr(socket.socket, "connect", connect)
    mp.setattr(socket.socket, "connect_ex", connect_ex)


@pytest.hookimpl(tryfirst=True)  # before xdist names the groups (--dist loadgroup)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that share a crawl run on one worker, so the crawl (≈16 s) is made once per run
    instead of once per worker: every reader of ``fixture_crawl`` in one group, each class
    on a ``crawled_district`` in its own."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "fixture_crawl" in names:
            item.add_marker(pytest.mark.xdist_group("monitor-fixture-crawl"))
        elif "crawled_district" in names and item.cls is not None:
            item.add_marker(pytest.mark.xdist_group(item.parent.nodeid))


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch):
    install_guard(monkeypatch)
    yield


@pytest.fixture(scope="session")
def fixture_crawl():
    """Serve the fixture site and crawl it once per test process (four modules read the
    result; tests only read it): (result, server log, site). The server stops and the
    loopback guard is lifted before the tests run."""
    with pytest.MonkeyPatch.context() as mp, fixture_server() as (srv, hmap):
        install_guard(mp)
        site = fixture_site_config()
        result = aio.run(
            crawl(
                site, client_factory=client_factory_for(hmap), limits=fixture_limits(), as_of=AS_OF
            )
        )
        crawled = result, list(srv.log), site
    return crawled


@dataclass
class CrawledDistrict:
    district: Any  # fazhi.core.tests.factories.District
    site: Any  # fazhi.monitor.models.Site


@pytest.fixture(scope="class")
def crawled_district(django_db_setup, django_db_blocker, tmp_path_factory):
    """A district whose fixture portal ``fazhi monitor crawl`` has crawled, once for every test
    of a class (the crawl costs ≈16 s; each test used to make its own). The class's rows live
    in a transaction rolled back when the class ends; each test's own transaction nests inside
    it as a savepoint, so no test sees another's writes (Django's ``setUpTestData`` does the
    same). Tests take their copies through a function fixture (``copy.deepcopy``), as
    ``setUpTestData``'s objects are copied for each test."""
    from django.db import transaction
    from django.test import override_settings

    from fazhi.core import clock
    from fazhi.core.tests.factories import District

    from .factories import JUNE, fazhi, fixture_site, map_args

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        with (
            django_db_blocker.unblock(),
            pytest.MonkeyPatch.context() as mp,
            override_settings(
                MONITOR_STATE_DIR=str(tmp_path_factory.mktemp("monitor-state")),
                # as the root conftest sets for each test: MD5 for the factories' accounts
                PASSWORD_HASHERS=[
                    "django.contrib.auth.hashers.MD5PasswordHasher",
                    "django.contrib.auth.hashers.Argon2PasswordHasher",
                ],
            ),
        ):
            install_guard(mp)
            district = District()
            with clock.frozen(JUNE):
                site = fixture_site(district.gov)
            with clock.frozen(JUNE), fixture_server() as (_srv, hmap):
                assert fazhi("monitor", "crawl", site.code, "--quiet", *map_args(hmap)) == 1
        yield CrawledDistrict(district, site)
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
