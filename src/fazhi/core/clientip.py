"""The client's address, the same everywhere: login log, lockout, rate limits, sessions.

Behind the documented nginx every connection comes from 127.0.0.1, so ``REMOTE_ADDR`` names
the proxy, not the person. ``settings.TRUSTED_PROXIES`` lists the proxies in front of the app
(nearest last). Only when the connection itself comes from the nearest of them is
``X-Forwarded-For`` believed, and then only as far as the trusted hops go: the address just
before them is the client. A client that reaches the app directly, or sends its own
``X-Forwarded-For`` through the proxy, cannot choose its address. The chain is parsed and
matched by django-ipware.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip

HEADER = "HTTP_X_FORWARDED_FOR"


def client_ip(request: HttpRequest) -> str:
    """The client's address as text ("" when the server was told none)."""
    remote = (request.META.get("REMOTE_ADDR") or "").strip()
    proxies = list(settings.TRUSTED_PROXIES)
    forwarded = (request.META.get(HEADER) or "").strip()
    if not proxies or not forwarded:
        return remote[:45]
    # The connecting peer is the last hop of the chain; ipware checks that the trailing hops
    # are the trusted proxies, in order, and returns the address in front of them.
    meta = {HEADER: f"{forwarded}, {remote}"}
    ip, _routable = get_client_ip(
        SimpleNamespace(META=meta),
        proxy_trusted_ips=proxies,
        request_header_order=[HEADER],
        strict=False,
    )
    return (ip or remote)[:45]
