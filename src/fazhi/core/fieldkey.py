"""The field key: encrypts ID numbers and phone numbers at rest and keys their lookup digests.

Kept like the ledger key (``fazhi.core.ledgerkey``): a file outside the database
(``settings.FIELD_KEY_PATH``, ``FAZHI_FIELD_KEY``; in production outside the data directory),
created once with O_EXCL and mode 0600 by the first write or ``fazhi ledger keygen``, refused
when others can read it, and not in ``fazhi backup``'s archive — it is backed up apart, so a
copy of the database (or of its backups) holds no readable ID number.

The file is text, one key a line, so that keys can be rotated without losing old data::

    fazhi-field-key 1
    enc 1 sm4-gcm <32 hex digits>
    mac hmac-sm3 <64 hex digits>

``enc N ALG KEY``: the cipher key of version N (the ``vN:`` prefix of every ciphertext); the
highest version encrypts, every listed version decrypts. ``mac ALG KEY``: the separate key of
the keyed hash that exact lookups compare. The algorithms are chosen when the key is made:
SM4-GCM and HMAC-SM3 (GB/T 39786) where the installed ``cryptography`` and its OpenSSL offer
them, else AES-256-GCM and HMAC-SHA256 (docs/architecture.md, "Personal data at rest").
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .ledgerkey import read_private

HEADER = "fazhi-field-key 1"


class FieldKeyError(RuntimeError):
    """The key is missing, unsafe or unreadable; the message says which and what to do."""


@dataclass(frozen=True)
class FieldKeys:
    enc: dict[int, tuple[str, bytes]]  # version -> (algorithm, key)
    mac_alg: str
    mac: bytes

    @property
    def current(self) -> int:
        return max(self.enc)


_cache: dict[str, FieldKeys] = {}


def path() -> Path:
    return Path(settings.FIELD_KEY_PATH)


def sm4_gcm_available() -> bool:
    from cryptography.hazmat.backends.openssl import backend
    from cryptography.hazmat.primitives.ciphers import algorithms, modes

    try:
        return bool(backend.cipher_supported(algorithms.SM4(b"\0" * 16), modes.GCM(b"\0" * 12)))
    except Exception:  # an old cryptography without SM4
        return False


def sm3_available() -> bool:
    from cryptography.hazmat.backends.openssl import backend
    from cryptography.hazmat.primitives import hashes

    try:
        return bool(backend.hmac_supported(hashes.SM3()))
    except Exception:
        return False


def _new_text() -> str:
    cipher = "sm4-gcm" if sm4_gcm_available() else "aes-256-gcm"
    size = 16 if cipher == "sm4-gcm" else 32
    mac = "hmac-sm3" if sm3_available() else "hmac-sha256"
    return (
        f"{HEADER}\nenc 1 {cipher} {secrets.token_hex(size)}\nmac {mac} {secrets.token_hex(32)}\n"
    )


def create() -> bool:
    """Create the key if there is none (O_EXCL, mode 0600 from the first byte). Returns
    whether a key was created (False: one existed)."""
    p = path()
    p.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w") as fh:
        fh.write(_new_text())
    _cache.pop(str(p), None)
    return True


def _parse(p: Path, text: str) -> FieldKeys:
    bad = FieldKeyError(_("字段密钥文件 %(p)s 内容无效。") % {"p": p})
    lines = [ln.split() for ln in text.splitlines() if ln.strip()]
    if not lines or " ".join(lines[0]) != HEADER:
        raise bad
    enc: dict[int, tuple[str, bytes]] = {}
    mac: tuple[str, bytes] | None = None
    try:
        for parts in lines[1:]:
            if parts[0] == "enc" and len(parts) == 4:
                size = {"sm4-gcm": 16, "aes-256-gcm": 32}[parts[2]]
                key = bytes.fromhex(parts[3])
                if len(key) != size:
                    raise bad
                enc[int(parts[1])] = (parts[2], key)
            elif parts[0] == "mac" and len(parts) == 3:
                if parts[1] not in ("hmac-sm3", "hmac-sha256"):
                    raise bad
                mac = (parts[1], bytes.fromhex(parts[2]))
                if len(mac[1]) < 32:
                    raise bad
            else:
                raise bad
    except (KeyError, ValueError, IndexError):
        raise bad from None
    if not enc or mac is None:
        raise bad
    return FieldKeys(enc=enc, mac_alg=mac[0], mac=mac[1])


def load(*, create_missing: bool = False) -> FieldKeys:
    """The keys. Missing: created when ``create_missing`` (a write), else an error (a read
    never creates a key it could not decrypt with). Readable by group or others: refused."""
    p = path()
    cached = _cache.get(str(p))
    if cached is not None:
        return cached
    text = read_private(
        p,
        create=create if create_missing else None,
        error=FieldKeyError,
        missing=_("字段密钥文件不存在：%(p)s（读取不会创建密钥；请恢复密钥文件）。"),
        readable=_("字段密钥文件 %(p)s 的权限为 %(m)s，其他用户可读：请改为 600（chmod 600）。"),
    )
    keys = _parse(p, text)
    _cache[str(p)] = keys
    return keys


def forget() -> None:
    """Drop the cached keys (tests that swap key files)."""
    _cache.clear()
