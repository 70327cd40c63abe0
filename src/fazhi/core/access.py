"""Signing in and out, with the lockout and the login log a 等保三级 review expects.

The login log (登录日志) is itself the audit record of authentication, so these functions
write ``LoginRecord`` rows rather than ledger events (which record changes to the record).

Signing in is a short sequence of steps kept in the session under ``STEP_KEY``; the user is
*not* signed in (Django's ``auth.login``) until the last step is done, so a half-finished
sign-in reaches nothing:

1. the password (``check_password``): django-axes' lockout, per login name and client
   address (``fazhi.core.lockout``); the answer for an unknown name is the answer for a
   wrong password, locked or not;
2. a new password, when the current one has expired (``passwords.expired``);
3. the second factor (``fazhi.core.otp``): enrolment at the first sign-in that needs it,
   then a TOTP or recovery code;
4. ``complete``: Django's login (a new session key), the login log, the online-users row,
   and the session's own start time for the absolute lifetime (``AUTH_KEY``).
"""

from __future__ import annotations

from dataclasses import dataclass

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import auth
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from . import actions, clock, ledger, otp, passwords
from .clientip import client_ip
from .models import LoginOutcome, LoginRecord, User, UserSession

STEP_KEY = "fz_signin"  # the half-finished sign-in: {"uid", "at", "step", "tries", "next"}
AUTH_KEY = "fz_auth"  # a finished sign-in: {"at": epoch seconds, "mfa": bool}
BACKEND = "django.contrib.auth.backends.ModelBackend"

# A step name, not a secret (bandit B105): the password expired, choose a new one.
STEP_PASSWORD = "password"  # nosec B105
STEP_ENROL = "enrol"  # set up the authenticator
STEP_OTP = "otp"  # give a code

__all__ = ["client_ip"]


def _wall() -> float:
    """Session ages are wall-clock seconds, like Django's own idle expiry: moving the business
    clock (``clock.frozen``, for tests and demo data) does not age or rejuvenate a session."""
    import time

    return time.time()


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    message: str = ""


def _log(
    request: HttpRequest | None,
    username: str,
    outcome: str,
    user: User | None = None,
    detail: str = "",
) -> LoginRecord:
    return LoginRecord.objects.create(
        at=clock.now(),
        username=username[:150],
        user=user,
        outcome=outcome,
        ip=client_ip(request) if request else "",
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request else "")[:300],
        detail=detail[:200],
    )


def locked_message() -> str:
    minutes = settings.LOGIN_FAILURE_WINDOW // 60
    return _("登录失败次数过多，账户已锁定，请 %(m)d 分钟后再试。") % {"m": minutes}


def check_password(request: HttpRequest, username: str, password: str) -> LoginResult:
    """Step 1. The same answers for every login name, known or not."""
    username = (username or "").strip()
    if not username or not password:
        return LoginResult(None, _("请输入用户名和密码。"))
    user = auth.authenticate(request, username=username, password=password)
    if user is None:
        if getattr(request, "axes_locked_out", False):
            _log(request, username, LoginOutcome.LOCKED, detail="locked")
            return LoginResult(None, locked_message())
        known = User.objects.filter(username=username).first()
        if known is not None and not known.is_active and known.check_password(password):
            _log(request, username, LoginOutcome.INACTIVE, known)
            return LoginResult(None, _("该账户已停用，请联系系统管理员。"))
        _log(request, username, LoginOutcome.FAILURE if known else LoginOutcome.UNKNOWN, known)
        if getattr(request, "fz_now_locked", False):
            return LoginResult(None, locked_message())
        return LoginResult(None, _("用户名或密码错误。"))
    AxesProxyHandler.get_implementation().release(request, {"username": username})
    return LoginResult(user)


def begin(request: HttpRequest, user: User, nxt: str = "") -> str | None:
    """After a correct password: the next step, kept in a fresh session, or None."""
    step = next_step(user)
    if step is None:
        return None
    request.session.cycle_key()
    request.session[STEP_KEY] = {
        "uid": user.pk,
        "at": _wall(),
        "step": step,
        "tries": 0,
        "next": nxt,
        "mfa": False,
    }
    return step


def next_step(user: User, *, password_done: bool = False, mfa_done: bool = False) -> str | None:
    if not password_done and passwords.expired(user):
        return STEP_PASSWORD
    if not mfa_done and (otp.required(user) or otp.device(user) is not None):
        return STEP_OTP if otp.device(user) is not None else STEP_ENROL
    return None


def pending(request: HttpRequest) -> tuple[User, dict] | None:
    """The half-finished sign-in of this session, if it is still fresh."""
    state = request.session.get(STEP_KEY)
    if not state:
        return None
    age = _wall() - state["at"]
    user = User.objects.filter(pk=state["uid"], is_active=True).first()
    if user is None or not 0 <= age <= settings.SIGN_IN_STEP_SECONDS:
        request.session.pop(STEP_KEY, None)
        return None
    return user, state


def advance(request: HttpRequest, user: User, state: dict, *, done: str) -> str | None:
    """One step is done; move to the next or finish (returns the next step or None)."""
    state = dict(state)
    if done == STEP_PASSWORD:
        state["password_done"] = True
    else:
        state["mfa"] = True
    step = next_step(user, password_done=state.get("password_done", False), mfa_done=state["mfa"])
    if step is None:
        request.session.pop(STEP_KEY, None)
        complete(request, user, mfa=state["mfa"])
        return None
    state.update(step=step, tries=0, at=_wall())
    request.session[STEP_KEY] = state
    return step


def failed_step(request: HttpRequest, user: User, state: dict, detail: str) -> bool:
    """A wrong code: logged; after ``SIGN_IN_STEP_TRIES`` the password must be given again.
    Returns whether the sign-in may go on."""
    _log(request, user.username, LoginOutcome.FAILURE, user, detail=detail)
    tries = state.get("tries", 0) + 1
    if tries >= settings.SIGN_IN_STEP_TRIES:
        request.session.pop(STEP_KEY, None)
        return False
    request.session[STEP_KEY] = {**state, "tries": tries}
    return True


def complete(request: HttpRequest, user: User, *, mfa: bool) -> None:
    """Sign the user in: a new session key, the login log, the online-users row."""
    auth.login(request, user, backend=BACKEND)
    now = clock.now()
    request.session[AUTH_KEY] = {"at": _wall(), "mfa": mfa}
    request.session.save()
    _log(request, user.username, LoginOutcome.SUCCESS, user, detail="mfa" if mfa else "")
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "ip": client_ip(request),
            "started_at": now,
            "last_seen_at": now,
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
        },
    )


def logout(request: HttpRequest) -> None:
    user = request.user if request.user.is_authenticated else None
    key = request.session.session_key
    if user is not None:
        _log(request, user.username, LoginOutcome.LOGOUT, user)
    if key:
        UserSession.objects.filter(session_key=key).delete()
    auth.logout(request)


def session_problem(request: HttpRequest) -> str:
    """Why this signed-in session may not go on ("" when it may): older than the absolute
    lifetime, or without the second factor its user now needs (a role granted since, or a
    session made without the sign-in steps)."""
    user = request.user
    state = request.session.get(AUTH_KEY)
    now = _wall()
    if state is None:
        if otp.required(user):
            return "mfa"
        request.session[AUTH_KEY] = {"at": now, "mfa": False}
        return ""
    if now - state["at"] > settings.SESSION_MAX_AGE:
        return "expired"
    if not state["mfa"] and otp.required(user):
        return "mfa"
    return ""


def end_session(request: HttpRequest, reason: str) -> None:
    user = request.user
    _log(request, user.username, LoginOutcome.LOGOUT, user, detail=reason)
    key = request.session.session_key
    if key:
        UserSession.objects.filter(session_key=key).delete()
    auth.logout(request)


def force_logout(*, actor: User, session_key: str) -> UserSession:
    """在线用户 → 强制下线: end another user's session now, and revoke their API tokens."""
    from .scoping import require_security_admin
    from .services import revoke_all_tokens

    require_security_admin(actor)  # 三权分立: the security administrator
    with transaction.atomic():
        live = UserSession.objects.select_related("user").get(session_key=session_key)
        Session.objects.filter(session_key=session_key).delete()
        live.delete()
        _log(
            None, live.user.username, LoginOutcome.FORCED, live.user, detail=f"by {actor.username}"
        )
        ledger.record(
            actor=actor,
            action=actions.SESSION_FORCE_LOGOUT,
            subject=live.user,
            data={"session": session_key[:8], "ip": live.ip},
        )
        revoke_all_tokens(actor=actor, user=live.user)
    return live


def unlock(*, actor: User, username: str, ip: str | None = None) -> int:
    """The security administrator lifts a login lock (all addresses, or one), with a ledger event.
    Returns how many locked (name, address) pairs were cleared."""

    from . import lockout
    from .scoping import require_security_admin

    require_security_admin(actor)  # 三权分立: the security administrator
    rows = lockout.locked_pairs().filter(username=username)
    if ip:
        rows = rows.filter(ip_address=ip)
    addresses = sorted({r.ip_address or "" for r in rows})
    with transaction.atomic():
        count, _deleted = rows.delete()
        target = User.objects.filter(username=username).first()
        ledger.record(
            actor=actor,
            action=actions.LOGIN_UNLOCK,
            subject=target,
            subject_ref=None if target else ("core.user", "", username),
            data={"username": username, "addresses": addresses},
        )
    return count
