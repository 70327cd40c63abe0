"""Ending a user's sessions (deactivation, password change, second-factor reset, forced
logout) and the absolute session lifetime.

Django keeps sessions in the database (``django_session``); ``UserSession`` lists the ones
each sign-in opened. Ending them deletes both, so the next request of that browser is
anonymous. Django's session hash (HMAC of the password hash) ends every other session of a
user on a password change as well; this removes the rows too, so the online list is true.
"""

from __future__ import annotations

from django.contrib.sessions.models import Session

from .models import ApiToken, User, UserSession


def end_all(user: User, *, keep: str | None = None) -> int:
    """End every session of ``user`` (except ``keep``); returns how many were open."""
    rows = UserSession.objects.filter(user=user)
    if keep:
        rows = rows.exclude(session_key=keep)
    keys = list(rows.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    rows.delete()
    return len(keys)


def live_tokens(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user, revoked_at__isnull=True))
