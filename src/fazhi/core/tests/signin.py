"""Signing a test user in the way a person does: the password, then the second factor.

Every test that needs a signed-in user uses these, never ``client.force_login`` (which skips
the second factor, so the session is ended at the next request for the roles that need it).

- ``sign_in(client, user)`` — the Django test client;
- ``sign_in_browser(page, base_url, username)`` — Playwright, through the login form.

A user whose role needs the second factor gets a TOTP device first (``enrol``, as the
enrolment page would make it), and the helper types the current code.
"""

from __future__ import annotations

from typing import Any

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.core import otp
from fazhi.core.models import User

from .factories import PASSWORD

LOGIN = "/workspace/login/"
CODE = "/workspace/login/code/"


def enrol(user: User) -> TOTPDevice:
    """A confirmed TOTP device for ``user`` (what the enrolment page leaves behind)."""
    dev = otp.device(user)
    if dev is None:
        dev = TOTPDevice.objects.create(user=user, name=otp.DEVICE_NAME, confirmed=True)
    return dev


def current_code(user: User) -> str:
    """The code the user's authenticator shows now. Each test sign-in may reuse the current
    time step (django-otp refuses a step already used, as it should for a person)."""
    dev = enrol(user)
    TOTPDevice.objects.filter(pk=dev.pk).update(
        last_t=-1, throttling_failure_count=0, throttling_failure_timestamp=None
    )
    return f"{totp(dev.bin_key, dev.step, dev.t0, dev.digits, dev.drift):0{dev.digits}d}"


def _user(who: Any) -> User:
    return who if isinstance(who, User) else User.objects.get(username=who)


def sign_in(client, who: Any, password: str = PASSWORD):
    """Sign ``who`` (a User or a login name) in on ``client``; returns the last response."""
    user = _user(who)
    if otp.required(user):
        enrol(user)
    client.logout()  # whoever was signed in on this client signs out first
    resp = client.post(LOGIN, {"username": user.username, "password": password})
    assert resp.status_code == 302, f"sign-in of {user.username} refused: {resp.status_code}"
    if resp["Location"] == CODE:
        resp = client.post(CODE, {"code": current_code(user)})
        assert resp.status_code == 302 and not resp["Location"].startswith(LOGIN), resp
    assert client.session.get("_auth_user_id") == str(user.pk)
    return resp


def sign_in_browser(page, base_url: str, who: Any, password: str = PASSWORD) -> None:
    """The same through the login form in Chromium; ends on the page after sign-in."""
    user = _user(who)
    if otp.required(user):
        enrol(user)
    page.goto(f"{base_url}{LOGIN}")
    page.fill("#username", user.username)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("load")
    if page.url.endswith(CODE):
        page.fill("#code", current_code(user))
        page.click("button[type=submit]")
        page.wait_for_load_state("load")
    assert "/login/" not in page.url, page.url
