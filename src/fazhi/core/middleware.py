"""Keeps the online-users list fresh and applies each user's language choice."""

import datetime as dt

from django.utils import translation

from . import clock
from .models import UserSession

TOUCH_EVERY = dt.timedelta(seconds=60)


class SessionTrackingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            lang = user.language or "zh-hans"
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
            key = request.session.session_key
            if key:
                now = clock.now()
                UserSession.objects.filter(
                    session_key=key, last_seen_at__lt=now - TOUCH_EVERY
                ).update(last_seen_at=now)
        return self.get_response(request)


class SignInCompleteMiddleware:
    """A signed-in session goes on only while it is whole: within its absolute lifetime, and
    with the second factor when its user needs one. Otherwise it ends here, before any view,
    so every page, the API and every export see an anonymous request. (The sign-in steps
    never call Django's login before the last step; this catches sessions made any other
    way, and roles granted after the sign-in.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from . import access

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            problem = access.session_problem(request)
            if problem:
                access.end_session(request, problem)
        return self.get_response(request)
