"""Password policy beyond Django's validators: at least three of four character classes."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """等保三级 reviews expect complexity: upper, lower, digit, symbol — any three."""

    classes = (r"[A-Z]", r"[a-z]", r"[0-9]", r"[^A-Za-z0-9]")

    def validate(self, password: str, user=None) -> None:
        found = sum(1 for c in self.classes if re.search(c, password))
        if found < 3:
            raise ValidationError(
                _("密码须包含大写字母、小写字母、数字、符号中的至少三类。"),
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return _("密码须包含大写字母、小写字母、数字、符号中的至少三类。")


# Passwords that pass the length and class rules yet are the first an attacker tries on a
# Chinese government system (default admin passwords, keyboard walks, pinyin favourites).
# Django's CommonPasswordValidator covers the 20,000 most common passwords; this covers the
# "complex" ones those lists miss. Compared case-insensitively, ignoring a trailing year.
COMMON_PATTERNS = frozenset(
    """
admin@123 admin@1234 admin@12345 admin@123456 admin123! admin123!@# administrator1!
p@ssw0rd p@ssw0rd1 p@ssword1 p@ssw0rd! p@$$w0rd passw0rd! password1! password@123
abc@123 abc@1234 abc@12345 abc@123456 abc123!@# abcd@1234 abcd@12345 aa123456! aa123456@
qwer@1234 qwer1234! qwe123!@# qwe@123456 qwerty@123 1qaz@wsx 1qaz2wsx! 1qaz!qaz 1q2w3e4r!
zaq1@wsx zaq12wsx! q1w2e3r4! 123qwe!@# 123@qwe 123!@#qwe a123456! a123456@ a1234567!
woaini1314! woaini@1314 woaini520! iloveyou1! 5201314a! 1314520a! huawei@123 huawei12#$
root@123 root@1234 test@123 test@1234 user@123 guest@123 system@123 sysadmin@123
changeme1! welcome1! welcome@123 china@123 beijing@123 zhongguo@123 gov@123 zf@123456
""".split()
)


class CommonPatternValidator:
    """Refuses well-known "complex" passwords (Admin@123, P@ssw0rd, Woaini1314! …) and any
    password that contains the login name."""

    def validate(self, password: str, user=None) -> None:
        low = password.lower()
        stem = re.sub(r"(19|20)\d\d$", "", low)
        if low in COMMON_PATTERNS or stem in COMMON_PATTERNS or stem + "123" in COMMON_PATTERNS:
            raise ValidationError(_("该密码过于常见，请换一个。"), code="password_too_common")
        name = (getattr(user, "username", "") or "").lower()
        if len(name) >= 3 and name in low:
            raise ValidationError(_("密码不能包含登录名。"), code="password_contains_username")

    def get_help_text(self) -> str:
        return _("不能使用常见密码，不能包含登录名。")


class HistoryValidator:
    """No reuse of the last ``PASSWORD_HISTORY`` passwords (等保三级 reviews ask for it)."""

    def validate(self, password: str, user=None) -> None:
        from django.conf import settings
        from django.contrib.auth.hashers import check_password

        if user is None or user.pk is None:
            return
        for old in user.password_history.all()[: settings.PASSWORD_HISTORY]:
            if check_password(password, old.password):
                raise ValidationError(
                    _("不能使用最近 %(n)d 次用过的密码。") % {"n": settings.PASSWORD_HISTORY},
                    code="password_reused",
                )

    def get_help_text(self) -> str:
        return _("不能与最近几次用过的密码相同。")


def remember(user, *, by_self: bool) -> None:
    """Keep the hash of the password just set (call inside the service's transaction)."""
    from . import clock
    from .models import PasswordHistory

    PasswordHistory.objects.create(
        user=user, password=user.password, set_at=clock.now(), set_by_self=by_self
    )


def expired(user) -> bool:
    """Whether the current password is older than ``PASSWORD_MAX_AGE_DAYS`` (0: never)."""
    import datetime as dt

    from django.conf import settings

    from . import clock

    days = settings.PASSWORD_MAX_AGE_DAYS
    if not days:
        return False
    last = user.password_history.order_by("-set_at", "-id").first()
    if last is None:  # set before the history was kept
        return False
    return clock.now() - last.set_at > dt.timedelta(days=days)
