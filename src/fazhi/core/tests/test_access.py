"""Sign-in, lockout, deactivation, forced logout and the login log."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from fazhi.core import clock, lockout
from fazhi.core.models import LoginOutcome, LoginRecord, UserSession

from .factories import PASSWORD
from .signin import sign_in

pytestmark = pytest.mark.django_db

LOGIN = "/workspace/login/"


def _login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_login_success_is_logged_and_lands_on_todo(client, district):
    resp = _login(client, "clerk", PASSWORD)
    assert resp.status_code == 302 and resp["Location"] == reverse("web:todo")
    rec = LoginRecord.objects.get()
    assert (rec.username, rec.outcome, rec.user) == ("clerk", LoginOutcome.SUCCESS, district.clerk)
    assert UserSession.objects.filter(user=district.clerk).count() == 1


def test_wrong_password_counts_and_locks_after_five(client, district):
    for _ in range(4):
        resp = _login(client, "clerk", "wrong-Password1")
        assert resp.status_code == 401
        assert "用户名或密码错误" in resp.content.decode()
    resp = _login(client, "clerk", "wrong-Password1")
    assert "账户已锁定" in resp.content.decode()
    # The correct password is refused while locked, and the refusal is logged.
    resp = _login(client, "clerk", PASSWORD)
    assert resp.status_code == 401 and "账户已锁定，请 15 分钟后再试" in resp.content.decode()
    outcomes = list(LoginRecord.objects.order_by("id").values_list("outcome", flat=True))
    assert outcomes == [LoginOutcome.FAILURE] * 5 + [LoginOutcome.LOCKED]
    assert "_auth_user_id" not in client.session
    # Attempts while locked are not counted: still five.
    assert lockout.locked_pairs().get(username="clerk").failures_since_start == 5


def test_lock_expires_after_the_window(client, district):
    start = clock.now()
    with clock.frozen(start):
        for _ in range(5):
            _login(client, "clerk", "wrong-Password1")
        assert lockout.is_locked("clerk", "127.0.0.1")
    with clock.frozen(start + dt.timedelta(minutes=16)):
        assert not lockout.is_locked("clerk", "127.0.0.1")
        resp = _login(client, "clerk", PASSWORD)
        assert resp.status_code == 302


def test_deactivated_user_cannot_log_in(client, district):
    from fazhi.core import services

    services.user_set_active(actor=district.admin, user=district.clerk, active=False)
    resp = _login(client, "clerk", PASSWORD)
    assert resp.status_code == 401 and "该账户已停用" in resp.content.decode()
    assert LoginRecord.objects.get().outcome == LoginOutcome.INACTIVE


def test_unknown_user_is_logged_without_revealing_it(client, district):
    resp = _login(client, "nobody", "whatever-Pass1")
    assert "用户名或密码错误" in resp.content.decode()
    assert LoginRecord.objects.get().outcome == LoginOutcome.UNKNOWN


def test_unknown_and_known_names_get_the_same_answers(client, district):
    """Wrong password for a known name and any password for an unknown one: the same status
    and page, attempt by attempt, through the lock."""
    from django.test import Client

    other = Client()
    for i in range(7):
        known = _login(client, "clerk", "wrong-Password1")
        unknown = _login(other, "nobody", "wrong-Password1")
        assert known.status_code == unknown.status_code == 401, i
        assert _error(known) == _error(unknown), i
    assert _error(known) == "登录失败次数过多，账户已锁定，请 15 分钟后再试。"


def _error(resp) -> str:
    import re

    return re.search(r'id="login-error">([^<]*)<', resp.content.decode()).group(1)


def test_logout_is_logged_and_ends_session(client, district):
    _login(client, "clerk", PASSWORD)
    resp = client.post("/workspace/logout/")
    assert resp.status_code == 302
    assert list(LoginRecord.objects.order_by("id").values_list("outcome", flat=True)) == [
        LoginOutcome.SUCCESS,
        LoginOutcome.LOGOUT,
    ]
    assert UserSession.objects.count() == 0
    assert client.get("/workspace/").status_code == 302


def test_security_administrator_forces_logout(client, district):
    from django.test import Client

    victim = Client()
    _login(victim, "clerk", PASSWORD)
    key = victim.session.session_key
    sign_in(client, district.security)
    resp = client.post("/workspace/online/logout/", {"session": key})
    assert resp.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert victim.get("/workspace/").status_code == 302  # back to the login page
    assert LoginRecord.objects.filter(outcome=LoginOutcome.FORCED, username="clerk").count() == 1


def test_non_admin_cannot_see_online_users(client, district):
    _login(client, "clerk", PASSWORD)
    assert client.get("/workspace/online/").status_code == 404
    assert client.post("/workspace/online/logout/", {"session": "x"}).status_code == 403


def test_idle_expiry_is_thirty_minutes(settings):
    # The expiry is renewed when the session is saved: at most once a minute (below).
    assert settings.SESSION_COOKIE_AGE == 1800 and not settings.SESSION_SAVE_EVERY_REQUEST


def _writes(ctx) -> list[str]:
    return [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].lstrip().split(None, 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}
    ]


def test_pages_within_the_minute_write_nothing(client, district):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _login(client, "clerk", PASSWORD)
    assert client.get("/workspace/").status_code == 200  # keeps the to-do count (web.context)
    expiry = Session.objects.get().expire_date
    with CaptureQueriesContext(connection) as ctx:
        for _ in range(3):
            assert client.get("/workspace/").status_code == 200
    assert _writes(ctx) == []
    assert Session.objects.get().expire_date == expiry


def test_a_minute_later_the_session_and_the_online_list_are_touched(client, district):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _login(client, "clerk", PASSWORD)
    expiry = Session.objects.get().expire_date
    later = clock.now() + dt.timedelta(seconds=61)
    with clock.frozen(later), CaptureQueriesContext(connection) as ctx:
        assert client.get("/workspace/").status_code == 200
    writes = _writes(ctx)
    assert len(writes) == 2, writes
    assert any("core_usersession" in w for w in writes)
    assert any("django_session" in w for w in writes)
    assert UserSession.objects.get().last_seen_at == later
    assert Session.objects.get().expire_date > expiry  # renewed: 30 minutes from now
    # and within the minute after that touch, nothing again
    with clock.frozen(later + dt.timedelta(seconds=59)), CaptureQueriesContext(connection) as ctx:
        assert client.get("/workspace/").status_code == 200
    assert _writes(ctx) == []


def test_thirty_idle_minutes_end_the_session(client, district):
    _login(client, "clerk", PASSWORD)
    assert client.get("/workspace/").status_code == 200
    Session.objects.update(expire_date=clock.now() - dt.timedelta(seconds=1))
    resp = client.get("/workspace/")
    assert resp.status_code == 302 and resp["Location"].startswith(LOGIN)


def test_a_session_signed_in_any_way_starts_its_minute(client, district):
    client.force_login(district.clerk)  # as the API and the admin sign in, not the login page
    session = Session.objects.get().get_decoded()
    assert abs(session["_fazhi_seen"] - clock.now().timestamp()) < 5


def test_password_policy_refuses_simple_passwords(district):
    from django.core.exceptions import ValidationError

    from fazhi.core import services

    with pytest.raises(ValidationError) as exc:
        services.user_create(actor=district.admin, username="weak", password="abcdefghij")
    assert "至少三类" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError):
        services.user_create(actor=district.admin, username="short", password="Ab1!")


def test_production_hasher_is_argon2():
    import fazhi.settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
