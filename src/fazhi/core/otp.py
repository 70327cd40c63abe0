"""The second factor: TOTP (django-otp's device and verification) and recovery codes.

Required for administrators, supervisors, leaders and reviewers (``OTP_REQUIRED_ROLES``), or
for every member of staff with ``FAZHI_OTP_ALL=1``; a user who enrolled of their own accord is
asked too. Enrolment happens at the first sign-in that needs it (the user scans a QR code
drawn on the server, offline); the ten recovery codes shown once then are stored hashed.
An administrator's reset removes the device and the codes, with a ledger event, and ends
the user's sessions: the next sign-in enrols again.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import actions, clock, ledger, sessions
from .ledger import Actor
from .models import Membership, RecoveryCode, User

DEVICE_NAME = "totp"
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i


def required(user: Any) -> bool:
    """Whether this user must give a second factor to sign in."""
    if settings.OTP_REQUIRED_FOR_ALL or getattr(user, "is_superuser", False):
        return True
    return Membership.objects.filter(
        user=user, is_active=True, role__in=settings.OTP_REQUIRED_ROLES
    ).exists()


def device(user: User) -> TOTPDevice | None:
    """The user's confirmed TOTP device, if enrolled."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: User, device_id: int | None) -> TOTPDevice:
    """The unconfirmed device of an enrolment in progress (a new one if there is none)."""
    found = TOTPDevice.objects.filter(user=user, confirmed=False, pk=device_id or 0).first()
    if found is not None:
        return found
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def qr_svg(dev: TOTPDevice) -> str:
    """The ``otpauth://`` address as an inline SVG QR code (segno; drawn here, no network)."""
    import segno

    return segno.make(dev.config_url, error="m").svg_inline(scale=5, border=2)


def secret_text(dev: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an authenticator by hand."""
    import base64

    b32 = base64.b32encode(dev.bin_key).decode().rstrip("=")
    return " ".join(b32[i : i + 4] for i in range(0, len(b32), 4))


def _clean(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isalnum()).lower()


def verify(user: User, code: str) -> bool:
    """A TOTP code (django-otp: ±1 step, no replay, throttled) or an unused recovery code."""
    code = _clean(code)
    dev = device(user)
    if dev is not None and code.isdigit() and len(code) == dev.digits:
        return dev.verify_token(code)
    if len(code) == 12:
        return _use_recovery_code(user, code)
    if dev is not None:
        dev.throttle_increment(commit=True)
    return False


def _use_recovery_code(user: User, code: str) -> bool:
    with transaction.atomic():
        for rc in RecoveryCode.objects.select_for_update().filter(user=user, used_at=None):
            if check_password(code, rc.code_hash):
                rc.used_at = clock.now()
                rc.save(update_fields=["used_at"])
                left = RecoveryCode.objects.filter(user=user, used_at=None).count()
                ledger.record(
                    actor=user, action=actions.OTP_RECOVERY_USED, subject=user, data={"left": left}
                )
                return True
    return False


def _new_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
        for _ in range(settings.RECOVERY_CODES)
    ]
    now = clock.now()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, code_hash=make_password(c), created_at=now) for c in codes
    )
    return [f"{c[:4]}-{c[4:8]}-{c[8:]}" for c in codes]


def enrol_confirm(*, user: User, dev: TOTPDevice, code: str) -> list[str] | None:
    """The user proves the new device with a code; returns the recovery codes (shown once),
    or None when the code is wrong (nothing changes)."""
    code = _clean(code)
    if dev.user_id != user.pk or dev.confirmed or not code.isdigit():
        return None
    if not dev.verify_token(code):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=dev.pk).delete()
        dev.confirmed = True
        dev.save(update_fields=["confirmed"])
        codes = _new_codes(user)
        ledger.record(
            actor=user,
            action=actions.OTP_ENROL,
            subject=user,
            data={"device": dev.name, "recovery_codes": len(codes)},
        )
    return codes


def reset(*, actor: Actor, user: User) -> User:
    """The security administrator removes a user's second factor (lost phone): enrol again at the next
    sign-in. The user's sessions end."""
    from .scoping import require_security_admin

    require_security_admin(actor)  # 三权分立: the security administrator
    with transaction.atomic():
        had = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        TOTPDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        ended = sessions.end_all(user)
        ledger.record(
            actor=actor,
            action=actions.OTP_RESET,
            subject=user,
            data={"had_device": had, "sessions_ended": ended},
        )
    return user


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at=None).count()
