"""Keeps signed-in sessions alive and the online-users list fresh, at most one write a minute
per session, and applies each user's language choice."""

import datetime as dt

from django.utils import translation

from . import clock
from .models import UserSession

TOUCH_EVERY = dt.timedelta(seconds=60)
SEEN = "_fazhi_seen"  # in the session: when it was last touched (seconds since the epoch)
# Session keys with this prefix hold per-user figures kept for a minute (the to-do count);
# a request that may write drops them, so the user's own changes show at once.
MINUTE_CACHE = "_fazhi_minute_"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def signed_in(sender, request=None, **kwargs) -> None:
    """``user_logged_in``: a new session counts as touched now (it is being saved anyway)."""
    if request is not None and hasattr(request, "session"):
        request.session[SEEN] = int(clock.now().timestamp())


class SessionTrackingMiddleware:
    """A session ends after ``SESSION_COOKIE_AGE`` idle seconds (等保: 30 minutes). Django
    renews the expiry whenever it saves the session, and saving on every request
    (``SESSION_SAVE_EVERY_REQUEST``) would put a database write — on SQLite, behind the one
    write lock — under every staff page. Instead a signed-in request touches its session
    when the last touch is a minute old or more: the session is marked modified, so the
    session middleware saves it (renewing the expiry), and the online-users row is updated.
    A session thus ends between 29 and 30 idle minutes after the last request, never later.
    (A clock set back counts as recent: no touch until it passes the last one.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            lang = user.language or "zh-hans"
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
            self._touch(request)
            if request.method not in SAFE_METHODS:
                for key in [k for k in request.session.keys() if k.startswith(MINUTE_CACHE)]:
                    del request.session[key]
        return self.get_response(request)

    @staticmethod
    def _touch(request) -> None:
        key = request.session.session_key
        if not key:
            return
        now = clock.now()
        seen = request.session.get(SEEN)
        if isinstance(seen, int) and now.timestamp() - seen < TOUCH_EVERY.total_seconds():
            return
        request.session[SEEN] = int(now.timestamp())
        UserSession.objects.filter(session_key=key).update(last_seen_at=now)


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
