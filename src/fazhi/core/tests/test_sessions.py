"""Sessions: a new key at sign-in, idle and absolute lifetimes, ended on deactivation,
password change and forced logout — and the API tokens go with forced logout and
deactivation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from fazhi.core import actions, clock, services
from fazhi.core.models import ApiToken, LedgerEvent, LoginOutcome, LoginRecord, UserSession

from .factories import PASSWORD
from .signin import current_code, enrol, sign_in

pytestmark = pytest.mark.django_db


def _token(user):
    _t, key = services.token_create(actor=user, user=user, name="对接系统")
    return key


def _api(key):
    return Client().get("/api/v1/orgs", HTTP_AUTHORIZATION=f"Bearer {key}").status_code


def test_the_session_key_changes_at_each_step(client, district):
    client.get("/workspace/login/")
    enrol(district.leader)
    client.post("/workspace/login/", {"username": "leader", "password": PASSWORD})
    pending = client.session.session_key
    client.post("/workspace/login/code/", {"code": current_code(district.leader)})
    signed_in = client.session.session_key
    assert pending and signed_in and pending != signed_in
    assert UserSession.objects.get().session_key == signed_in


def _age(client, seconds: float) -> None:
    """Make this client's sign-in ``seconds`` older (session ages are wall-clock)."""
    from fazhi.core import access

    session = client.session
    state = session[access.AUTH_KEY]
    session[access.AUTH_KEY] = {**state, "at": state["at"] - seconds}
    session.save()


def test_idle_and_absolute_lifetimes(client, district, settings):
    # The idle timer is reset by touching the session at most once a minute, not by saving
    # it on every request (core.middleware; test_access.test_a_minute_later_…_touched).
    assert settings.SESSION_COOKIE_AGE == 1800 and not settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_MAX_AGE == 12 * 3600
    sign_in(client, district.clerk)
    # Active all day (the idle timer keeps being reset) …
    _age(client, 11 * 3600 + 59 * 60)
    assert client.get("/workspace/").status_code == 200
    # … but not past twelve hours from the sign-in.
    _age(client, 62)
    resp = client.get("/workspace/")
    assert resp.status_code == 302 and resp["Location"].startswith("/workspace/login/")
    assert LoginRecord.objects.filter(outcome=LoginOutcome.LOGOUT, detail="expired").count() == 1
    assert UserSession.objects.count() == 0


def test_moving_the_business_clock_does_not_age_a_session(client, district):
    sign_in(client, district.clerk)
    with clock.frozen(clock.now() + dt.timedelta(days=30)):
        assert client.get("/workspace/").status_code == 200


def test_deactivation_ends_sessions_and_revokes_tokens(client, district):
    victim = Client()
    sign_in(victim, district.clerk)
    key = _token(district.clerk)
    assert _api(key) == 200
    services.user_set_active(actor=district.admin, user=district.clerk, active=False)
    assert victim.get("/workspace/").status_code == 302
    assert _api(key) == 401
    assert ApiToken.objects.get(user=district.clerk).revoked_at is not None
    # Re-activation does not bring the token back.
    services.user_set_active(actor=district.admin, user=district.clerk, active=True)
    assert _api(key) == 401
    revoked = LedgerEvent.objects.filter(action=actions.TOKEN_REVOKE, actor=district.admin)
    assert revoked.count() == 1


def test_forced_logout_revokes_tokens(client, district):
    victim = Client()
    sign_in(victim, district.clerk)
    key = _token(district.clerk)
    sign_in(client, district.security)
    resp = client.post("/workspace/online/logout/", {"session": victim.session.session_key})
    assert resp.status_code == 302
    assert victim.get("/workspace/").status_code == 302
    assert _api(key) == 401
    assert list(
        LedgerEvent.objects.filter(subject_id=str(district.clerk.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )[-2:] == [actions.SESSION_FORCE_LOGOUT, actions.TOKEN_REVOKE]


def test_password_change_ends_every_session(client, district):
    other = Client()
    sign_in(other, district.clerk)
    sign_in(client, district.clerk)
    resp = client.post(
        "/workspace/me/", {"old": PASSWORD, "new": "Xin@Mima2020!", "again": "Xin@Mima2020!"}
    )
    assert resp.status_code == 302
    assert other.get("/workspace/").status_code == 302
    assert client.get("/workspace/").status_code == 302
    assert UserSession.objects.count() == 0
    # The other browser's session ended in the service; this one by signing out.
    ev = LedgerEvent.objects.filter(action=actions.USER_SET_PASSWORD).get()
    assert ev.data == {"sessions_ended": 1}
    assert LoginRecord.objects.filter(outcome=LoginOutcome.LOGOUT).count() == 1
