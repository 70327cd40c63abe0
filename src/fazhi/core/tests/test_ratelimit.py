"""Rate limits on the shared database cache: every request counted, even in parallel."""

from __future__ import annotations

import threading
import types

import httpx
import pytest
from django.core.cache import cache
from django.db import connection

from .factories import District


@pytest.fixture
def one_window(monkeypatch):
    """django-ratelimit's fixed windows follow the wall clock; hold it still."""
    import django_ratelimit.core

    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: 1.8e9))


@pytest.mark.django_db(transaction=True)
def test_parallel_increments_are_all_counted(settings):
    assert settings.CACHES["default"]["BACKEND"] == "fazhi.core.cache.DatabaseCache"
    cache.set("n", 0, 60)
    start = threading.Barrier(8)

    def work():
        start.wait()
        for _ in range(25):
            cache.incr("n")
        connection.close()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert cache.get("n") == 200
    with pytest.raises(ValueError):
        cache.incr("missing")


@pytest.mark.django_db(transaction=True)
def test_a_parallel_burst_gets_exactly_the_limit(live_server, settings, one_window):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "lookup": "30/m"}
    start = threading.Barrier(40)
    codes: list[int] = []

    def get():
        with httpx.Client(base_url=live_server.url, timeout=60) as c:
            start.wait()
            for _ in range(20):  # a connection reset by the test server's short listen queue
                try:
                    codes.append(c.get("/deadlines/").status_code)
                    return
                except httpx.TransportError:
                    continue

    threads = [threading.Thread(target=get) for _ in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(codes) == [200] * 30 + [429] * 10


@pytest.mark.django_db
def test_login_is_rate_limited_per_address(client, settings, one_window):
    District()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": "3/m"}
    codes = [
        client.post(
            "/workspace/login/", {"username": f"user{i}", "password": "Wrong-Pass1"}
        ).status_code
        for i in range(4)
    ]
    assert codes == [401, 401, 401, 429]
    from fazhi.core.models import LoginRecord

    assert LoginRecord.objects.count() == 3  # the refused one never reached the check
    other = client.post(
        "/workspace/login/", {"username": "clerk", "password": "x"}, REMOTE_ADDR="10.9.9.9"
    )
    assert other.status_code == 401
