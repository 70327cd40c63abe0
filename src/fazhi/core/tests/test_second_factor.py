"""The second factor: enrolment at the first sign-in that needs it, codes, recovery codes,
an administrator's reset, and sessions that skipped it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.core import actions, otp, services
from fazhi.core.models import LedgerEvent, LoginOutcome, LoginRecord, RecoveryCode, Role

from .factories import PASSWORD
from .signin import current_code, enrol, sign_in

pytestmark = pytest.mark.django_db

LOGIN = "/workspace/login/"


def _password(client, username):
    return client.post(LOGIN, {"username": username, "password": PASSWORD})


def _code(dev) -> str:
    return f"{totp(dev.bin_key, dev.step, dev.t0, dev.digits, dev.drift):06d}"


def test_required_roles(district, settings):
    assert [otp.required(u) for u in (district.clerk, district.officer)] == [False, False]
    assert all(
        otp.required(u)
        for u in (district.reviewer, district.leader, district.supervisor, district.admin)
    )
    settings.OTP_REQUIRED_FOR_ALL = True
    assert otp.required(district.clerk)


def test_leader_enrols_at_first_sign_in(client, district):
    resp = _password(client, "leader")
    assert resp.status_code == 302 and resp["Location"] == "/workspace/login/enrol/"
    assert "_auth_user_id" not in client.session  # not signed in yet
    page = client.get("/workspace/login/enrol/").content.decode()
    assert "<svg" in page and 'id="otp-secret"' in page
    assert not re.search(r"https?://(?!www\.w3\.org)", page.split("<svg", 1)[1].split("</svg>")[0])
    dev = TOTPDevice.objects.get(user=district.leader, confirmed=False)
    # A wrong code changes nothing.
    wrong = f"{(int(_code(dev)) + 1) % 1000000:06d}"
    resp = client.post("/workspace/login/enrol/", {"code": wrong})
    assert resp.status_code == 200 and "动态口令不正确" in resp.content.decode()
    assert otp.device(district.leader) is None and "_auth_user_id" not in client.session
    dev.refresh_from_db()
    TOTPDevice.objects.filter(pk=dev.pk).update(throttling_failure_count=0)
    dev.refresh_from_db()
    resp = client.post("/workspace/login/enrol/", {"code": _code(dev)})
    assert resp.status_code == 302 and resp["Location"] == "/workspace/login/recovery-codes/"
    assert client.session["_auth_user_id"] == str(district.leader.pk)
    page = client.get("/workspace/login/recovery-codes/").content.decode()
    codes = re.findall(r"<li>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})</li>", page)
    assert len(codes) == 10 and len(set(codes)) == 10
    # Stored hashed, never as typed.
    stored = list(
        RecoveryCode.objects.filter(user=district.leader).values_list("code_hash", flat=True)
    )
    assert len(stored) == 10 and not any(c.replace("-", "") in h for c in codes for h in stored)
    # Shown once.
    assert client.get("/workspace/login/recovery-codes/").status_code == 302
    ev = LedgerEvent.objects.filter(action=actions.OTP_ENROL).get()
    assert (ev.actor, ev.data) == (district.leader, {"device": "totp", "recovery_codes": 10})
    assert LoginRecord.objects.filter(outcome=LoginOutcome.SUCCESS).get().detail == "mfa"


def test_code_and_recovery_code(client, district):
    enrol(district.leader)
    codes = otp._new_codes(district.leader)
    assert _password(client, "leader")["Location"] == "/workspace/login/code/"
    resp = client.post("/workspace/login/code/", {"code": "000000"})
    assert resp.status_code == 200 and "_auth_user_id" not in client.session
    resp = client.post("/workspace/login/code/", {"code": codes[0].upper()})
    assert resp.status_code == 302 and client.session["_auth_user_id"] == str(district.leader.pk)
    assert LedgerEvent.objects.filter(action=actions.OTP_RECOVERY_USED).get().data == {"left": 9}
    # A recovery code works once.
    other = Client()
    _password(other, "leader")
    assert other.post("/workspace/login/code/", {"code": codes[0]}).status_code == 200
    assert "_auth_user_id" not in other.session


def test_five_wrong_codes_send_back_to_the_password(client, district):
    enrol(district.leader)
    _password(client, "leader")
    for _ in range(4):
        assert client.post("/workspace/login/code/", {"code": "000000"}).status_code == 200
    resp = client.post("/workspace/login/code/", {"code": "000000"})
    assert resp.status_code == 302 and resp["Location"] == LOGIN
    resp = client.post("/workspace/login/code/", {"code": current_code(district.leader)})
    assert resp["Location"] == LOGIN and "_auth_user_id" not in client.session
    fails = LoginRecord.objects.filter(outcome=LoginOutcome.FAILURE, detail="otp").count()
    assert fails == 5


def test_a_half_finished_sign_in_expires(client, district):
    from fazhi.core import access

    enrol(district.leader)
    _password(client, "leader")
    session = client.session
    session[access.STEP_KEY] = {
        **session[access.STEP_KEY],
        "at": session[access.STEP_KEY]["at"] - 301,
    }
    session.save()
    resp = client.post("/workspace/login/code/", {"code": current_code(district.leader)})
    assert resp["Location"] == LOGIN and "_auth_user_id" not in client.session


def test_clerk_signs_in_without_a_code_unless_everybody_must(client, district, settings):
    assert _password(client, "clerk")["Location"] == "/workspace/"
    settings.OTP_REQUIRED_FOR_ALL = True
    other = Client()
    assert _password(other, "clerk")["Location"] == "/workspace/login/enrol/"


def test_a_session_without_the_second_factor_is_ended(client, district):
    """force_login skips the sign-in steps: the next request ends the session."""
    client.force_login(district.leader)
    resp = client.get("/workspace/")
    assert resp.status_code == 302 and resp["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session
    assert client.get("/api/v1/orgs").status_code == 401
    assert LoginRecord.objects.filter(detail="mfa", outcome=LoginOutcome.LOGOUT).count() == 1


def test_a_role_that_needs_the_second_factor_ends_the_session(client, district):
    sign_in(client, district.clerk)
    assert client.get("/workspace/").status_code == 200
    services.membership_grant(
        actor=district.admin, user=district.clerk, org=district.bureau, role=Role.LEADER
    )
    assert client.get("/workspace/").status_code == 302


def test_security_administrator_resets_the_second_factor(client, district):
    victim = Client()
    sign_in(victim, district.leader)
    assert otp.device(district.leader) is not None
    sign_in(client, district.security)
    page = client.get(f"/workspace/users/{district.leader.pk}/").content.decode()
    assert "重置动态口令" in page
    resp = client.post(f"/workspace/users/{district.leader.pk}/otp-reset/")
    assert resp.status_code == 302
    assert otp.device(district.leader) is None
    assert not RecoveryCode.objects.filter(user=district.leader).exists()
    ev = LedgerEvent.objects.filter(action=actions.OTP_RESET).get()
    assert (ev.actor, ev.data) == (district.security, {"had_device": True, "sessions_ended": 1})
    assert victim.get("/workspace/").status_code == 302  # signed out
    assert _password(Client(), "leader")["Location"] == "/workspace/login/enrol/"


def test_only_the_security_administrator_resets(client, district):
    from django.core.exceptions import PermissionDenied

    for who in (district.leader, district.admin):
        with pytest.raises(PermissionDenied):
            otp.reset(actor=who, user=district.clerk)
    sign_in(client, district.leader)
    assert client.post(f"/workspace/users/{district.clerk.pk}/otp-reset/").status_code == 404
