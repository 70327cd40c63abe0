"""Personal data at rest: encrypted model fields with a keyed digest for exact lookups.

``EncryptedCharField`` holds an ID number or a phone number. In Python it is the plain
string (validation, forms, exports, templates see the plaintext, masked by the display
layer); in the database it is ``vN:`` + base64(nonce ‖ ciphertext ‖ GCM tag) under the field
key (``fazhi.core.fieldkey``): SM4-GCM or AES-256-GCM, a fresh 96-bit nonce per value, so
equal values have different ciphertexts. ``N`` is the key version: a rotated key adds a
version, old values keep decrypting and are re-encrypted when saved. An empty value stays
empty ("" is no personal data, and ``filter(x="")`` keeps working).

Its sibling ``DigestField(source=…)`` holds the keyed hash (HMAC-SM3 or HMAC-SHA256 under
the separate mac key) of the same value, indexed. Exact lookups on the encrypted field —
``filter(id_number=v)``, ``__in``, ``Q(caller_phone=…)``, across relations too — are
rewritten to compare the digest column, so callers keep writing ordinary lookups; lookups
that would need the plaintext in SQL (contains, startswith, ordering ranges …) are refused
with an error instead of silently finding nothing.

The digest is kept in step by ``pre_save`` (save, create, bulk_create) and by the field's
descriptor (setting the attribute sets the digest: ``bulk_update`` and ``BulkLoader`` read
it); ``QuerySet.update(x=…)`` must also pass ``x_digest=digest(…)``.
"""

from __future__ import annotations

import base64
import hmac
import os
from typing import Any

from django.core import validators
from django.core.exceptions import FieldError
from django.db import models
from django.db.models import lookups
from django.db.models.expressions import Col
from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import gettext as _

from . import fieldkey

NONCE = 12
TAG = 16


def _cipher(alg: str, key: bytes, nonce: bytes, tag: bytes | None = None):
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    algorithm = algorithms.SM4(key) if alg == "sm4-gcm" else algorithms.AES(key)
    return Cipher(algorithm, modes.GCM(nonce, tag))


def encrypt(text: str) -> str:
    """``vN:`` + base64(nonce ‖ ciphertext ‖ tag) under the current key version."""
    keys = fieldkey.load(create_missing=True)
    version = keys.current
    alg, key = keys.enc[version]
    nonce = os.urandom(NONCE)
    enc = _cipher(alg, key, nonce).encryptor()
    body = enc.update(text.encode("utf-8")) + enc.finalize()
    return f"v{version}:" + base64.b64encode(nonce + body + enc.tag).decode("ascii")


def is_ciphertext(value: str) -> bool:
    head, sep, _rest = value.partition(":")
    return bool(sep) and head[:1] == "v" and head[1:].isdigit()


def decrypt(value: str) -> str:
    head, _sep, rest = value.partition(":")
    keys = fieldkey.load()
    try:
        alg, key = keys.enc[int(head[1:])]
    except KeyError:
        raise fieldkey.FieldKeyError(
            _("字段密钥中没有版本 %(v)s：请恢复包含该版本的密钥文件。") % {"v": head}
        ) from None
    raw = base64.b64decode(rest)
    nonce, body, tag = raw[:NONCE], raw[NONCE:-TAG], raw[-TAG:]
    dec = _cipher(alg, key, nonce, tag).decryptor()
    return (dec.update(body) + dec.finalize()).decode("utf-8")


def digest(value: str | None) -> str:
    """The keyed hash that exact lookups compare: ``h1:`` + hex (empty for an empty value)."""
    if not value:
        return ""
    keys = fieldkey.load(create_missing=True)
    if keys.mac_alg == "hmac-sm3":
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives import hmac as chmac

        h = chmac.HMAC(keys.mac, hashes.SM3())
        h.update(value.encode("utf-8"))
        return "h1:" + h.finalize().hex()
    return "h1:" + hmac.new(keys.mac, value.encode("utf-8"), "sha256").hexdigest()


def state_value(value: str | None) -> str:
    """What the ledger's state snapshot records for an encrypted field: its digest, never the
    plaintext (the ledger table is in every dump)."""
    return digest(value)


class _Descriptor(DeferredAttribute):
    """Setting the plaintext also sets the digest attribute, so every write path that reads
    attributes (``bulk_update``, the bulk loader) carries a current digest; reading a
    deferred value loads it, as for any field."""

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value
        instance.__dict__[self.field.digest_name] = digest(value)


class EncryptedCharField(models.TextField):
    """A short personal value (ID number, phone) stored encrypted; ``max_length`` limits the
    plaintext. Declare its ``DigestField`` sibling named ``<name>_digest``."""

    descriptor_class = _Descriptor

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(validators.MaxLengthValidator(self.max_length))

    @property
    def digest_name(self) -> str:
        return f"{self.attname}_digest"

    def digest_field(self) -> DigestField:
        try:
            f = self.model._meta.get_field(self.digest_name)
        except Exception:
            f = None
        if not isinstance(f, DigestField):
            raise FieldError(f"{self.model.__name__}.{self.name} has no {self.digest_name}")
        return f

    def from_db_value(self, value, expression, connection):
        if value and is_ciphertext(value):
            return decrypt(value)
        return value

    def to_python(self, value):
        if value is None or isinstance(value, str):
            return value
        return str(value)

    def get_prep_value(self, value):
        # Always the plaintext here (loads decrypt, lookups go through the digest), so every
        # non-empty value is encrypted — even one a user typed as "v1:…".
        value = self.to_python(super().get_prep_value(value))
        return encrypt(value) if value else value

    def formfield(self, **kwargs):
        from django import forms

        defaults = {"form_class": forms.CharField, "widget": forms.TextInput}
        return super().formfield(**{**defaults, "max_length": self.max_length, **kwargs})


class DigestField(models.CharField):
    """The keyed hash of its ``source`` encrypted field, indexed, for exact lookups."""

    def __init__(self, *args, source: str = "", **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 67)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for k, v in (("max_length", 67), ("blank", True), ("default", ""), ("editable", False)):
            if kwargs.get(k) == v:
                kwargs.pop(k)
        if kwargs.get("db_index") is True:
            kwargs.pop("db_index")
        else:
            kwargs["db_index"] = False
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = digest(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value


def _digest_rhs(value: Any) -> Any:
    if hasattr(value, "resolve_expression"):
        raise FieldError("an encrypted field compares with plain values only (via its digest)")
    return digest(value) if value else value


def _to_digest_col(lhs):
    if not isinstance(lhs, Col) or not isinstance(lhs.target, EncryptedCharField):
        raise FieldError("an encrypted field is looked up by exact value only (via its digest)")
    target = lhs.target.digest_field()
    return Col(lhs.alias, target, target)


@EncryptedCharField.register_lookup
class DigestExact(lookups.Exact):
    prepare_rhs = False

    def __init__(self, lhs, rhs):
        super().__init__(_to_digest_col(lhs), _digest_rhs(rhs))


@EncryptedCharField.register_lookup
class DigestIn(lookups.In):
    prepare_rhs = False

    def __init__(self, lhs, rhs):
        if hasattr(rhs, "resolve_expression"):
            raise FieldError("__in on an encrypted field takes a list of values")
        super().__init__(_to_digest_col(lhs), [_digest_rhs(v) for v in rhs])


def _refuse(lookup_name: str):
    class Refused(lookups.Lookup):
        def __init__(self, lhs, rhs):
            raise FieldError(
                f"__{lookup_name} on an encrypted field: only exact lookups (via its digest)"
            )

    Refused.lookup_name = lookup_name
    Refused.__name__ = f"Refused_{lookup_name}"
    return Refused


for _name in (
    "iexact",
    "contains",
    "icontains",
    "startswith",
    "istartswith",
    "endswith",
    "iendswith",
    "regex",
    "iregex",
    "gt",
    "gte",
    "lt",
    "lte",
    "range",
):
    EncryptedCharField.register_lookup(_refuse(_name))


# -- migrations ---------------------------------------------------------------------------


def _rewrite(apps, schema_editor, spec: dict[str, list[str]], forward: bool) -> None:
    """Rewrite every row's ``spec`` fields ({"app.Model": [field, …]}) in place: forward,
    the plaintext (or an older ciphertext) becomes a ciphertext of the current key and its
    digest is set; backward, the plaintext is written back. Raw UPDATEs, in batches."""
    conn = schema_editor.connection
    q = conn.ops.quote_name
    for label, names in spec.items():
        model = apps.get_model(label)
        meta = model._meta
        fields = [meta.get_field(n) for n in names]
        sets = []
        for f in fields:
            sets.append(f"{q(f.column)} = %s")
            if forward:
                sets.append(f"{q(meta.get_field(f.name + '_digest').column)} = %s")
        # Table and column names from the model's own meta, quoted (bandit B608).
        sql = f"UPDATE {q(meta.db_table)} SET {', '.join(sets)} WHERE {q(meta.pk.column)} = %s"  # nosec B608
        rows = []
        qs = model._base_manager.using(conn.alias).order_by("pk").values_list("pk", *names)
        for pk, *values in qs.iterator(chunk_size=2000):
            params: list[Any] = []
            for v in values:
                if forward:
                    params += [encrypt(v) if v else v, digest(v)]
                else:
                    params.append(v)
            rows.append([*params, pk])
            if len(rows) >= 2000:
                with conn.cursor() as cur:
                    cur.executemany(sql, rows)
                rows = []
        if rows:
            with conn.cursor() as cur:
                cur.executemany(sql, rows)


def encrypt_existing(spec: dict[str, list[str]]):
    """A ``RunPython`` that encrypts existing rows (backward: decrypts them)."""
    from django.db import migrations

    return migrations.RunPython(
        lambda apps, se: _rewrite(apps, se, spec, True),
        lambda apps, se: _rewrite(apps, se, spec, False),
    )
