"""The access audit (等保 8.1.4.3 安全审计): one ``AuditRecord`` for each request that may
change something — every POST, PUT, PATCH and DELETE, pages, API and public forms alike —
and for each refused authorization whatever the method (401, 403, and a 404 for an object
that exists outside the user's scope). Who (the user, or nobody), when, from where (the
client address, proxy-aware), what (the method, the path without its query, the route's
name, and the sequence numbers of the ledger events the request committed), and the outcome.

The middleware writes the row after the response is made, in its own statement: a refused
or failed request leaves its record too (the business changes it made, if any, were rolled
back with their ledger events). Nothing a user typed is kept — no query string, no form
value, no session id.
"""

from __future__ import annotations

import contextvars
import logging

from django.db import DatabaseError

from . import clock, logmask

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
log = logging.getLogger(__name__)

_events: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "fazhi_audit_events", default=None
)
_refused: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "fazhi_audit_refused", default=False
)


def ledger_appended(event_hash: str) -> None:
    """Called by ``ledger.record``: the event is this request's if it is committed (its hash
    is unique; a rolled-back event's number may be taken by another's)."""
    events = _events.get()
    if events is not None:
        events.append(event_hash)


def _committed(hashes: list[str]) -> list[int]:
    from .models import LedgerEvent

    if not hashes:
        return []
    return list(LedgerEvent.objects.filter(hash__in=hashes).values_list("seq", flat=True))


def out_of_scope() -> None:
    """Called by ``scoping.get_for`` when the object exists but the user may not see it:
    the 404 is a refused authorization."""
    _refused.set(True)


def _to_sign_in(location: str) -> bool:
    """A redirect to a sign-in page (the staff one, or the admin site's)."""
    from urllib.parse import urlsplit

    return urlsplit(location).path.rstrip("/").endswith("/login")


def outcome(status: int, refused: bool, location: str = "") -> str:
    """Done, invalid, refused (401, 403, out of scope, or sent to sign in) or failed."""
    from .models import AuditOutcome

    if status in (401, 403) or refused or (status in (301, 302, 303) and _to_sign_in(location)):
        return AuditOutcome.REFUSED
    if status >= 500:
        return AuditOutcome.FAILED
    if status >= 400:
        return AuditOutcome.INVALID
    return AuditOutcome.DONE


class RequestAuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        events_token = _events.set([])
        refused_token = _refused.set(False)
        mutating = request.method not in SAFE_METHODS
        # who: the user at the end (a token's user is known only then), else at the start
        # (a sign-out has made the request anonymous by the end)
        before = getattr(request, "user", None) if mutating else None
        before = before if before is not None and before.is_authenticated else None
        status, location = 500, ""
        try:
            response = self.get_response(request)
            status, location = response.status_code, response.get("Location", "")
            return response
        finally:
            hashes, refused = _events.get() or [], _refused.get()
            _events.reset(events_token)
            _refused.reset(refused_token)
            if mutating or status in (401, 403) or (status == 404 and refused):
                # a redirect to sign in refuses an anonymous request (a sign-out also ends there)
                result = outcome(status, refused and status == 404, "" if before else location)
                self._write(request, before, status, result, _committed(hashes))

    @staticmethod
    def _write(request, before, status: int, result: str, seqs: list[int]) -> None:
        from .clientip import client_ip
        from .models import AuditRecord

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            user = before
        signed_in = user is not None
        match = getattr(request, "resolver_match", None)
        try:
            AuditRecord.objects.create(
                at=clock.now(),
                user=user if signed_in else None,
                username=user.get_username()[:150] if signed_in else "",
                address=client_ip(request),
                method=request.method[:10],
                path=logmask.mask(request.path)[:300],
                route=(
                    getattr(request, "fazhi_operation", None) or (match.view_name if match else "")
                )[:120],
                status=status,
                outcome=result,
                ledger_from=min(seqs) if seqs else None,
                ledger_to=max(seqs) if seqs else None,
            )
        except DatabaseError:  # the audit must not turn an answer into a 500; it is logged
            log.exception("access audit record not written: %s %s", request.method, status)
