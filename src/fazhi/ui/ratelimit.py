"""Rate limits per client address, shared by every worker (django-ratelimit on the shared
cache: the database by default, Redis when configured — settings.CACHES).

``hit(request, group)`` counts one request of a group (``settings.RATE_LIMITS``: login,
public_form, lookup) and says whether it is over the limit; ``limit(group)`` wraps a public
view and answers 429 with the portal's "too many requests" page. The address is the one the
login log and the lockout use (``fazhi.core.clientip``), so behind the proxy each person is
counted, not the proxy.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

from fazhi.core.clientip import client_ip


def _key(group: str, request) -> str:
    return client_ip(request) or "-"


def hit(request, group: str, *, method: str | tuple[str, ...] = ("GET", "POST")) -> bool:
    """Count this request; True when the address is over the group's limit."""
    return is_ratelimited(
        request,
        group=f"fazhi.{group}",
        key=_key,
        rate=settings.RATE_LIMITS[group],
        method=list(method) if isinstance(method, tuple) else [method],
        increment=True,
    )


def limit(group: str, *, method: str | tuple[str, ...] = ("GET", "POST")):
    """A public view limited per address; over the limit it answers 429 and does nothing."""

    def deco(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if hit(request, group, method=method):
                return render(request, "portal/busy.html", status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return deco
