"""An offline captcha for the public submission form: a small sum in Chinese numerals
("三加七等于几？"), its answer carried in a signed, timed token (``django.core.signing``) and
spent once (the shared cache remembers used tokens until they expire). No image and no
external service: the site runs offline, and a text question also works with a screen
reader. Hand-written on purpose — django-simple-captcha needs Pillow, a table and its own
image URL (docs/architecture.md, "12345 hotline").

It only raises the cost of scripted submissions; the per-address rate limit
(``fazhi.ui.ratelimit``, group ``public_form``) bounds what gets through.
"""

from __future__ import annotations

import secrets

from django.core import signing
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

SALT = "fazhi.hotline.captcha"
MAX_AGE = 600  # seconds a question stays valid
DIGITS = "零一二三四五六七八九十"
WORDS = "zero one two three four five six seven eight nine ten".split()


def new() -> tuple[str, str]:
    """(question, token) for a form."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    nonce = secrets.token_hex(8)
    names = DIGITS if (get_language() or "zh").startswith("zh") else WORDS
    question = _("%(a)s加%(b)s等于几？（请填写阿拉伯数字）") % {"a": names[a], "b": names[b]}
    return question, signing.dumps({"s": a + b, "n": nonce}, salt=SALT)


def check(token: str, answer: str) -> str | None:
    """None when ``answer`` solves the token's question (the token is spent), else the
    message the form shows."""
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        return _("验证问题已过期，请回答新的问题。")
    except signing.BadSignature:
        return _("请回答验证问题。")
    if (answer or "").strip() != str(data["s"]):
        return _("验证问题的答案不正确，请重新回答。")
    if not cache.add(f"{SALT}:{data['n']}", 1, MAX_AGE):
        return _("该验证问题已使用过，请回答新的问题。")
    return None
