"""Signing in and out, with the lockout and the login log a 等保三级 review expects.

The login log (登录日志) is itself the audit record of authentication, so these functions
write ``LoginRecord`` rows rather than ledger events (which record changes to the record).
Lockout: ``LOGIN_FAILURE_LIMIT`` failures for one login name within ``LOGIN_FAILURE_WINDOW``
seconds lock it until the window has passed; a correct password during the lock is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib import auth
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from . import actions, clock, ledger
from .models import LoginOutcome, LoginRecord, User, UserSession


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    message: str = ""


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")[:45]


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


def recent_failures(username: str) -> int:
    since = clock.now() - dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)
    return LoginRecord.objects.filter(
        username=username,
        at__gte=since,
        outcome__in=[LoginOutcome.FAILURE, LoginOutcome.LOCKED],
    ).count()


def is_locked(username: str) -> bool:
    return recent_failures(username) >= settings.LOGIN_FAILURE_LIMIT


def login(request: HttpRequest, username: str, password: str) -> LoginResult:
    """Check the password, the lock and the account state; sign in and log the outcome."""
    username = (username or "").strip()
    if not username or not password:
        return LoginResult(None, _("请输入用户名和密码。"))
    minutes = settings.LOGIN_FAILURE_WINDOW // 60
    if is_locked(username):
        _log(request, username, LoginOutcome.LOCKED, detail="locked")
        return LoginResult(
            None, _("登录失败次数过多，账户已锁定，请 %(m)d 分钟后再试。") % {"m": minutes}
        )
    user = auth.authenticate(request, username=username, password=password)
    if user is None:
        known = User.objects.filter(username=username).first()
        if known is not None and not known.is_active and known.check_password(password):
            _log(request, username, LoginOutcome.INACTIVE, known)
            return LoginResult(None, _("该账户已停用，请联系系统管理员。"))
        _log(request, username, LoginOutcome.FAILURE if known else LoginOutcome.UNKNOWN, known)
        if known is not None:
            left = settings.LOGIN_FAILURE_LIMIT - recent_failures(username)
            if left <= 0:
                return LoginResult(
                    None, _("登录失败次数过多，账户已锁定，请 %(m)d 分钟后再试。") % {"m": minutes}
                )
        return LoginResult(None, _("用户名或密码错误。"))
    auth.login(request, user)
    _log(request, username, LoginOutcome.SUCCESS, user)
    now = clock.now()
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
    return LoginResult(user)


def logout(request: HttpRequest) -> None:
    user = request.user if request.user.is_authenticated else None
    key = request.session.session_key
    if user is not None:
        _log(request, user.username, LoginOutcome.LOGOUT, user)
    if key:
        UserSession.objects.filter(session_key=key).delete()
    auth.logout(request)


def force_logout(*, actor: User, session_key: str) -> UserSession:
    """在线用户 → 强制下线: end another user's session now."""
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
    return live
