"""The client address behind the documented nginx, and when the app is reached directly."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from fazhi.core.clientip import client_ip
from fazhi.core.models import LoginRecord, UserSession

from .factories import PASSWORD

CASES = [
    # REMOTE_ADDR, X-Forwarded-For, trusted proxies, the client
    ("127.0.0.1", "203.0.113.9", ["127.0.0.1"], "203.0.113.9"),
    ("127.0.0.1", "10.3.4.5", ["127.0.0.1"], "10.3.4.5"),  # intranet addresses too
    ("127.0.0.1", "6.6.6.6, 10.3.4.5", ["127.0.0.1"], "10.3.4.5"),  # a forged first hop
    ("198.51.100.7", "6.6.6.6", ["127.0.0.1"], "198.51.100.7"),  # not through the proxy
    ("127.0.0.1", "203.0.113.9", [], "127.0.0.1"),  # no proxy configured: header ignored
    ("127.0.0.1", "not an address", ["127.0.0.1"], "127.0.0.1"),
    ("10.0.0.2", "203.0.113.9, 10.0.0.1", ["10.0.0.0/24", "10.0.0.2"], "203.0.113.9"),
    ("::1", "2001:db8::5", ["::1"], "2001:db8::5"),
]


@pytest.mark.parametrize(("remote", "xff", "proxies", "client"), CASES)
def test_client_address(settings, remote, xff, proxies, client):
    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=xff)
    assert client_ip(request) == client


@pytest.mark.django_db
def test_login_log_and_online_list_name_the_person_not_the_proxy(district, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    Client(HTTP_X_FORWARDED_FOR="10.8.1.23").post(
        "/workspace/login/", {"username": "clerk", "password": PASSWORD}
    )
    Client(HTTP_X_FORWARDED_FOR="10.8.1.23").post(
        "/workspace/login/", {"username": "officer", "password": "Wrong-Pass1"}
    )
    assert list(LoginRecord.objects.values_list("ip", flat=True)) == ["10.8.1.23"] * 2
    assert UserSession.objects.get().ip == "10.8.1.23"
