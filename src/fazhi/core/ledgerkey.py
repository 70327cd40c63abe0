"""The ledger's key: it signs every event (an HMAC of the event's hash) and every checkpoint.

The hash chain lets anyone prove that no event was altered, removed, inserted or reordered
— except by someone who rewrites the chain from some point on and re-hashes it, or appends
well-formed events of their own, with direct access to the database. The key closes that
gap: it lives outside the database (``settings.LEDGER_KEY_PATH``; in production outside the
data directory, see ``docs/deploy.md``), so a forged event has no valid signature, and a
signed checkpoint kept outside the server pins the chain at a moment.

The key is created once, atomically and readable by its owner only (mode 0600) — by the
first write or by ``fazhi ledger keygen`` — never by a verification. A key file that others
can read is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _


class KeyError_(RuntimeError):
    """The key is missing or unsafe; the message says which and what to do."""


_cache: dict[str, bytes] = {}


def path() -> Path:
    return Path(settings.LEDGER_KEY_PATH)


def create() -> bool:
    """Create the key if there is none: O_EXCL, mode 0600 from the first byte. Returns
    whether a key was created (False: one existed)."""
    p = path()
    p.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(32))
    _cache.pop(str(p), None)
    return True


def read_private(p: Path, *, create, error, missing: str, readable: str) -> str:
    """A key file's text (the ledger key's, the field key's): made by ``create()`` when
    missing and a maker is given, else ``error(missing)``; refused with ``error(readable)``
    when its group or others may read it."""
    if not p.exists():
        if create is None:
            raise error(missing % {"p": p})
        create()
    mode = stat.S_IMODE(p.stat().st_mode)
    if mode & 0o077:
        raise error(readable % {"p": p, "m": oct(mode)[2:]})
    return p.read_text()


def load(*, create_missing: bool = False) -> bytes:
    """The key's bytes. Missing: created when ``create_missing`` (a write), else an error
    (a verification never creates one). Readable by group or others: refused."""
    p = path()
    cached = _cache.get(str(p))
    if cached is not None:
        return cached
    text = read_private(
        p,
        create=create if create_missing else None,
        error=KeyError_,
        missing=_("台账密钥文件不存在：%(p)s（核验不会创建密钥；请恢复密钥文件）。"),
        readable=_("台账密钥文件 %(p)s 的权限为 %(m)s，其他用户可读：请改为 600（chmod 600）。"),
    ).strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise KeyError_(_("台账密钥文件 %(p)s 内容无效。") % {"p": p}) from None
    if len(key) < 32:
        raise KeyError_(_("台账密钥文件 %(p)s 内容无效。") % {"p": p})
    _cache[str(p)] = key
    return key


def forget() -> None:
    """Drop the cached key (tests that swap key files)."""
    _cache.clear()


def sign(message: bytes | str, key: bytes | None = None) -> str:
    if isinstance(message, str):
        message = message.encode()
    return hmac.new(key or load(create_missing=True), message, hashlib.sha256).hexdigest()


def valid(message: bytes | str, signature: str, key: bytes) -> bool:
    return hmac.compare_digest(sign(message, key), signature or "")
