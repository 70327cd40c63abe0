"""The lockout: django-axes, with the failure reserved before the password is checked.

django-axes keeps the attempts (``AccessAttempt``), the cool-off, the lockout parameters
(here the login name *and* the client address together, so nobody can lock another person
out from elsewhere) and the reset API. Its database handler checks the count, lets the
password be checked, and only then adds the failure: check-then-act, so 100 parallel wrong
passwords all reach the password check and all count. This handler instead *reserves* the
failure before the check, in one conditional UPDATE of one row per (name, address):

    failures := failures + 1   WHERE failures < limit   (or the row has cooled off: := 1)

An UPDATE that matched nothing means locked: the attempt is refused without a password check
and is not counted (so a lock cannot be prolonged by more tries). A correct password then
releases the reservation (axes' reset on success). One statement is atomic on SQLite and
PostgreSQL alike, so a parallel burst counts at most the limit.
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When

from . import clock

# All attempts of one (name, address) share one row: the reservation needs a single row.
ANCHOR_AGENT = ""


def _anchor(username: str, ip: str | None) -> AccessAttempt:
    lookup = {"username": username, "ip_address": ip or None, "user_agent": ANCHOR_AGENT}
    row = AccessAttempt.objects.filter(**lookup).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return AccessAttempt.objects.create(
                **lookup,
                get_data="",
                post_data="",
                http_accept="",
                path_info="",
                failures_since_start=0,
            )
    except IntegrityError:  # a parallel attempt created it first
        return AccessAttempt.objects.get(**lookup)


class LockoutHandler(AxesDatabaseHandler):
    def is_allowed(self, request, credentials=None) -> bool:
        request.axes_attempt_time = clock.now()
        if self.is_blacklisted(request, credentials):
            return False
        if self.is_whitelisted(request, credentials):
            return True
        return self.reserve(request, credentials)

    def reserve(self, request, credentials=None) -> bool:
        """Count this attempt as a failure now, unless the pair is locked (then refuse)."""
        username = get_client_username(request, credentials) or ""
        row = _anchor(username, request.axes_ip_address)
        threshold = get_cool_off_threshold(request)
        limit = get_failure_limit(request, credentials)
        reserved = (
            AccessAttempt.objects.filter(pk=row.pk)
            .filter(Q(failures_since_start__lt=limit) | Q(attempt_time__lt=threshold))
            .update(
                failures_since_start=Case(
                    When(attempt_time__lt=threshold, then=Value(1)),
                    default=F("failures_since_start") + 1,
                ),
                attempt_time=request.axes_attempt_time,
            )
        )
        request.fz_reserved = bool(reserved)
        return bool(reserved)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        """The failure was counted by ``reserve`` (or refused while locked): record nothing
        more, only whether this failure reached the limit."""
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if getattr(request, "fz_reserved", False):
            failures = self.get_failures(request, credentials)
            request.axes_failures_since_start = failures
            if failures >= get_failure_limit(request, credentials):
                request.fz_now_locked = True

    def release(self, request, credentials=None) -> None:
        """A correct password: the reservation (and earlier failures of the pair) go, and so
        do other pairs' attempts that have cooled off."""
        self.reset_user_attempts(request, credentials)
        self.clean_expired_user_attempts(request, credentials)

    def user_logged_in(self, sender, request, user, **kwargs):
        """Sign-in completes after the second factor; the password step already released
        the reservation (``release``), and the login log records the sign-in."""


def locked_pairs():
    """(name, address, failures, last attempt) of every pair locked now."""
    from django.conf import settings

    threshold = clock.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=threshold
    ).order_by("-attempt_time")


def is_locked(username: str, ip: str) -> bool:
    return locked_pairs().filter(username=username, ip_address=ip or None).exists()
