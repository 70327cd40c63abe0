"""A small per-address rate limit for public pages that compute (the deadline calculator).

Hand-written (about fifteen lines on Django's cache) rather than a dependency: the portal
needs one fixed window per client address and nothing more.
"""

import functools

from django.core.cache import cache
from django.shortcuts import render

from fazhi.core import clock


def limit(per_minute: int):
    def deco(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            minute = int(clock.now().timestamp() // 60)
            key = f"rl:{view.__name__}:{request.META.get('REMOTE_ADDR', '')}:{minute}"
            count = cache.get_or_set(key, 0, 70)
            if count >= per_minute:
                return render(request, "portal/busy.html", status=429)
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, 70)
            return view(request, *args, **kwargs)

        return wrapped

    return deco
