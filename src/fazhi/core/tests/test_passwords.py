"""The password policy: length, classes, common passwords, no reuse, expiry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from fazhi.core import clock, services

from .factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "codes"),
    [
        ("Ab1!", {"password_too_short"}),
        ("abcdefghijk", {"password_too_simple"}),
        (
            "12345678901",
            {"password_too_simple", "password_too_common", "password_entirely_numeric"},
        ),
        ("Admin@12345", {"password_too_common"}),
        ("P@ssw0rd2019", {"password_too_common"}),
        ("Woaini1314!", {"password_too_common"}),
        ("Qwer1234!", {"password_too_short", "password_too_common"}),
        ("Clerk-Pass2019", {"password_contains_username"}),
    ],
)
def test_weak_passwords_are_refused_and_change_nothing(district, password, codes):
    with pytest.raises(ValidationError) as exc:
        services.user_set_password(actor=district.security, user=district.clerk, password=password)
    assert {e.code for e in exc.value.error_list} == codes
    district.clerk.refresh_from_db()
    assert district.clerk.check_password(PASSWORD)


def test_the_last_five_passwords_are_not_reused(district):
    used = [f"Furong-{i}x2020!" for i in range(5)]
    for p in used:
        services.user_set_password(actor=district.clerk, user=district.clerk, password=p)
    for p in used:
        with pytest.raises(ValidationError) as exc:
            services.user_set_password(actor=district.clerk, user=district.clerk, password=p)
        assert "不能使用最近 5 次用过的密码" in exc.value.messages[0]
    # The one before those five may come back.
    services.user_set_password(actor=district.clerk, user=district.clerk, password=PASSWORD)


def test_an_expired_password_must_be_changed_at_sign_in(district, settings):
    assert settings.PASSWORD_MAX_AGE_DAYS == 90
    client = Client()
    with clock.frozen(clock.now() + dt.timedelta(days=91)):
        resp = client.post("/workspace/login/", {"username": "clerk", "password": PASSWORD})
        assert resp["Location"] == "/workspace/login/password/"
        assert "_auth_user_id" not in client.session
        assert client.get("/workspace/").status_code == 302  # nothing reachable meanwhile
        resp = client.post(
            "/workspace/login/password/",
            {"old": PASSWORD, "new": PASSWORD, "again": PASSWORD},
        )
        assert "不能使用最近" in resp.content.decode()
        resp = client.post(
            "/workspace/login/password/",
            {"old": PASSWORD, "new": "Furong-New2020!", "again": "Furong-New2020!"},
        )
        assert resp.status_code == 302 and resp["Location"] == "/workspace/"
        assert client.get("/workspace/").status_code == 200


def test_expiry_can_be_turned_off(district, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 0
    with clock.frozen(clock.now() + dt.timedelta(days=1000)):
        resp = Client().post("/workspace/login/", {"username": "clerk", "password": PASSWORD})
    assert resp["Location"] == "/workspace/"
