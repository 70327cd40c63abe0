"""The field key and the cipher of ``fazhi.core.cryptofield`` (no database): the ciphertext's
form, SM4-GCM where offered and AES-256-GCM otherwise, tampering detected, key versions for
rotation, the key file's safety checks. The encrypted fields on real models, their lookups
and the raw-dump test are in tests/test_personal_data_at_rest.py."""

from __future__ import annotations

import base64
import secrets

import pytest
from cryptography.exceptions import InvalidTag

from fazhi.core import cryptofield, fieldkey

ID = "430102198001010011"


@pytest.fixture
def key(settings, tmp_path):
    settings.FIELD_KEY_PATH = tmp_path / "keys" / "field_key"
    fieldkey.forget()
    yield settings.FIELD_KEY_PATH
    fieldkey.forget()


def test_a_value_is_stored_as_a_versioned_ciphertext_with_a_fresh_nonce(key):
    a, b = cryptofield.encrypt(ID), cryptofield.encrypt(ID)
    assert a.startswith("v1:") and b.startswith("v1:") and a != b
    raw = base64.b64decode(a[3:])
    assert len(raw) == 12 + 18 + 16  # nonce, ciphertext of 18 bytes, GCM tag
    assert ID.encode() not in raw
    assert cryptofield.decrypt(a) == ID == cryptofield.decrypt(b)
    assert cryptofield.is_ciphertext(a) and not cryptofield.is_ciphertext(ID)
    assert not cryptofield.is_ciphertext("0731-84111111") and not cryptofield.is_ciphertext("")


def test_the_key_is_made_once_owner_only_with_sm4_where_offered(key):
    assert not key.exists()
    cryptofield.encrypt(ID)
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    lines = key.read_text().splitlines()
    assert lines[0] == "fazhi-field-key 1"
    want = "sm4-gcm" if fieldkey.sm4_gcm_available() else "aes-256-gcm"
    mac = "hmac-sm3" if fieldkey.sm3_available() else "hmac-sha256"
    assert lines[1].split()[:3] == ["enc", "1", want]
    assert lines[2].split()[:2] == ["mac", mac]
    assert fieldkey.create() is False  # never replaced


def test_this_machine_offers_sm4_gcm_and_hmac_sm3():
    # The choice documented in docs/architecture.md; if this fails the machine's OpenSSL
    # lacks SM4 and new keys fall back to AES-256-GCM (the next test).
    assert fieldkey.sm4_gcm_available() and fieldkey.sm3_available()


def test_without_sm4_a_new_key_is_aes_256_gcm_and_hmac_sha256(key, monkeypatch):
    monkeypatch.setattr(fieldkey, "sm4_gcm_available", lambda: False)
    monkeypatch.setattr(fieldkey, "sm3_available", lambda: False)
    token = cryptofield.encrypt(ID)
    assert key.read_text().splitlines()[1].split()[:3] == ["enc", "1", "aes-256-gcm"]
    assert cryptofield.decrypt(token) == ID
    assert len(cryptofield.digest(ID)) == 3 + 64


def test_a_changed_ciphertext_is_refused(key):
    token = cryptofield.encrypt(ID)
    raw = bytearray(base64.b64decode(token[3:]))
    raw[14] ^= 1
    with pytest.raises(InvalidTag):
        cryptofield.decrypt("v1:" + base64.b64encode(bytes(raw)).decode())


def test_a_rotated_key_encrypts_with_the_new_version_and_still_reads_the_old(key):
    old = cryptofield.encrypt(ID)
    d = cryptofield.digest(ID)
    with key.open("a") as fh:
        fh.write(f"enc 2 aes-256-gcm {secrets.token_hex(32)}\n")
    fieldkey.forget()
    new = cryptofield.encrypt(ID)
    assert new.startswith("v2:")
    assert cryptofield.decrypt(old) == ID == cryptofield.decrypt(new)
    assert cryptofield.digest(ID) == d  # the mac key is separate: lookups still match
    with pytest.raises(fieldkey.FieldKeyError) as exc:
        cryptofield.decrypt("v3:" + old[3:])
    assert str(exc.value) == "字段密钥中没有版本 v3：请恢复包含该版本的密钥文件。"


def test_the_digest_is_keyed_stable_and_empty_for_empty(key, settings, tmp_path):
    d = cryptofield.digest(ID)
    assert d.startswith("h1:") and len(d) == 3 + 64 and d == cryptofield.digest(ID)
    assert cryptofield.digest("") == "" and cryptofield.digest(None) == ""
    assert cryptofield.digest(ID[:-1] + "2") != d
    settings.FIELD_KEY_PATH = tmp_path / "other_key"
    fieldkey.forget()
    assert cryptofield.digest(ID) != d  # another key, another digest


def test_a_missing_key_is_not_created_by_a_read(key):
    with pytest.raises(fieldkey.FieldKeyError) as exc:
        cryptofield.decrypt("v1:AAAA")
    assert str(exc.value) == f"字段密钥文件不存在：{key}（读取不会创建密钥；请恢复密钥文件）。"
    assert not key.exists()


def test_a_key_readable_by_others_or_malformed_is_refused(key):
    fieldkey.create()
    key.chmod(0o644)
    fieldkey.forget()
    with pytest.raises(fieldkey.FieldKeyError) as exc:
        cryptofield.encrypt(ID)
    assert str(exc.value) == (
        f"字段密钥文件 {key} 的权限为 644，其他用户可读：请改为 600（chmod 600）。"
    )
    key.chmod(0o600)
    key.write_text("fazhi-field-key 1\nenc 1 sm4-gcm 00\n")
    with pytest.raises(fieldkey.FieldKeyError) as exc:
        cryptofield.encrypt(ID)
    assert str(exc.value) == f"字段密钥文件 {key} 内容无效。"
