"""The only writer of the ledger (全过程记录), and its verifier.

``record()`` is called by service functions inside their transaction: the event commits with
the change it describes or not at all. The chain head row is locked (``select_for_update``)
so concurrent writers get consecutive sequence numbers; each event's hash covers its content
and the previous event's hash.

During an import run (``dataexchange/staging.py``) ``record()`` stages the event instead
(``StagedEvent``); the runner appends the run's events through the bulk path when the run is
published — in the same transaction that makes its rows visible, so the chain head is held
once, briefly, at the end.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from . import audittrail, clock, cryptofield, ledgerkey
from .actions import ACTIONS
from .dataexchange import staging
from .models import LedgerEvent, LedgerHead, Organisation, StagedEvent, User
from .scoping import subject_org

GENESIS = "0" * 64


class LedgerError(RuntimeError):
    pass


@dataclass(frozen=True)
class SystemActor:
    """The actor for work not done by a signed-in person: CLI commands, background tasks."""

    name: str


Actor = User | SystemActor


def jsonable(value: Any) -> Any:
    """Turn a value into plain JSON (str/int/bool/None/list/dict) so hashing is stable."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float | decimal.Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return str(value)


def event_hash(fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def hashed_fields(ev: LedgerEvent) -> dict[str, Any]:
    """Exactly what an event's hash covers — for anyone who re-computes it (verify, bulk
    loads, exported case files)."""
    return _hashed(*(getattr(ev, attname) for attname in _HASHED_COLUMNS))


#: The columns ``hashed_fields`` reads, in ``_hashed``'s order (``verify`` reads them as rows).
_HASHED_COLUMNS = (
    "seq",
    "at",
    "actor_id",
    "actor_name",
    "org_id",
    "org_name",
    "subject_type",
    "subject_id",
    "subject_label",
    "action",
    "data",
    "attachments",
    "prev_hash",
)


def _hashed(
    seq, at, actor_id, actor_name, org_id, org_name, subject_type, subject_id, subject_label,
    action, data, attachments, prev_hash,
) -> dict[str, Any]:  # fmt: skip
    return {
        "seq": seq,
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor": actor_id,
        "actor_name": actor_name,
        "org": org_id,
        "org_name": org_name,
        "subject_type": subject_type,
        "subject_id": subject_id,
        "subject_label": subject_label,
        "action": action,
        "data": data,
        "attachments": attachments,
        "prev_hash": prev_hash,
    }


def check_action(action: str) -> None:
    if action not in ACTIONS:
        raise LedgerError(f"unknown ledger action {action!r}: register it in the module's actions")


def state_of(obj: models.Model) -> dict[str, Any]:
    """The hashed snapshot of a tracked record (a model with ``LEDGER_STATE_FIELDS``), the
    way ``fazhi ledger verify --state`` reads the row back: foreign keys by id, decimals to
    their column's places, dates in ISO form."""
    return state_from(type(obj), lambda attname: getattr(obj, attname))


@functools.cache
def _state_columns(model: type[models.Model]) -> tuple[tuple[str, str, int | None], ...]:
    """(field name, attname, decimal places or None) of each of ``model``'s state fields."""
    out = []
    for name in model.LEDGER_STATE_FIELDS:
        f = model._meta.get_field(name)
        places = f.decimal_places if isinstance(f, models.DecimalField) else None
        # An encrypted field (ID number, phone) is recorded by its keyed digest: the ledger
        # is in every dump and is never rewritten, so it must not hold the plaintext.
        out.append(
            (name, f.attname, -1 if isinstance(f, cryptofield.EncryptedCharField) else places)
        )
    return tuple(out)


def state_from(model: type[models.Model], get: Any) -> dict[str, Any]:
    """``state_of`` from column values (``get(attname)``), for the bulk path."""
    out: dict[str, Any] = {}
    for name, attname, places in _state_columns(model):
        value = get(attname)
        if places == -1:
            value = cryptofield.state_value(value)
        elif places is not None and value is not None:
            value = format(decimal.Decimal(value), f".{places}f")
        elif isinstance(value, dt.datetime):
            value = value.astimezone(dt.UTC).isoformat(timespec="microseconds")
        out[name] = jsonable(value)
    return out


def state_key(obj: models.Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def states(*objs: models.Model | None) -> dict[str, dict[str, Any]]:
    """Snapshots of the tracked records among ``objs`` (others are skipped)."""
    return {
        state_key(o): state_of(o)
        for o in objs
        if o is not None and getattr(type(o), "LEDGER_STATE_FIELDS", None)
    }


def finish(ev: Any, key: bytes) -> None:
    """Chain and sign an event built elsewhere (``record`` or the bulk path): its hash over
    ``hashed_fields`` and the key's signature of that hash. ``ev.prev_hash`` must be set."""
    ev.hash = event_hash(hashed_fields(ev))
    ev.mac = ledgerkey.sign(ev.hash, key)


def record(
    *,
    actor: Actor,
    action: str,
    subject: models.Model | None = None,
    org: Organisation | None = None,
    data: dict[str, Any] | None = None,
    attachments: Iterable[str] = (),
    subject_ref: tuple[str, str, str] | None = None,
    also: Iterable[models.Model] = (),
) -> LedgerEvent:
    """Append one event. Must run inside the caller's transaction (``transaction.atomic``).

    ``subject`` is the record the event is about; ``subject_ref`` (type, id, label) names it
    instead when only its reference is at hand (a clock's matter). The state of ``subject``
    and of the records in ``also`` — those that declare ``LEDGER_STATE_FIELDS`` — is written
    into the event (``data["_state"]``) after the change, so a row later edited behind the
    ledger's back is named by ``fazhi ledger verify --state``. Record the event after saving.
    """
    check_action(action)
    if not transaction.get_connection().in_atomic_block:
        raise LedgerError("ledger.record() must run inside the service's transaction")
    key = ledgerkey.load(create_missing=True)
    org = org or subject_org(subject)
    payload = jsonable(data or {})
    snap = states(subject, *also)
    if snap:
        payload["_state"] = snap
    if staging.current_run_id() is not None:
        return _stage(actor, action, subject, org, payload, attachments, subject_ref)
    head, _ = LedgerHead.objects.select_for_update().get_or_create(
        id=1, defaults={"seq": 0, "hash": GENESIS}
    )
    ev = LedgerEvent(
        seq=head.seq + 1,
        at=clock.now(),
        actor=actor if isinstance(actor, User) else None,
        actor_name=actor.display_name if isinstance(actor, User) else actor.name,
        org=org,
        org_name=org.name if org else "",
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        subject_label=str(subject)[:200] if subject is not None else "",
        action=action,
        data=payload,
        attachments=sorted(set(attachments)),
        prev_hash=head.hash,
    )
    if subject is None and subject_ref is not None:
        ev.subject_type, ev.subject_id, ev.subject_label = (
            subject_ref[0],
            str(subject_ref[1]),
            str(subject_ref[2])[:200],
        )
    finish(ev, key)
    ev.save(force_insert=True)
    LedgerHead.objects.filter(id=1).update(seq=ev.seq, hash=ev.hash)
    audittrail.ledger_appended(ev.hash)
    return ev


def _stage(actor, action, subject, org, data, attachments, subject_ref) -> LedgerEvent:
    """``record()`` during an import run: the event's content, appended when the run is
    published (``dataexchange.runner``)."""
    ev = LedgerEvent(
        actor=actor if isinstance(actor, User) else None,
        actor_name=actor.display_name if isinstance(actor, User) else actor.name,
        org=org,
        org_name=org.name if org else "",
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        subject_label=str(subject)[:200] if subject is not None else "",
        action=action,
        data=data,
        attachments=sorted(set(attachments)),
    )
    if subject is None and subject_ref is not None:
        ev.subject_type, ev.subject_id, ev.subject_label = (
            subject_ref[0],
            str(subject_ref[1]),
            str(subject_ref[2])[:200],
        )
    StagedEvent.objects.create(
        run_id=staging.current_run_id(),
        n=staging.next_event_number(),
        fields={k: getattr(ev, k) for k in _STAGED_FIELDS},
    )
    return ev


_STAGED_FIELDS = (
    "actor_id",
    "actor_name",
    "org_id",
    "org_name",
    "subject_type",
    "subject_id",
    "subject_label",
    "action",
    "data",
    "attachments",
)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The before/after of the fields that changed, for an event's data."""
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    return {
        "before": {k: jsonable(before.get(k)) for k in sorted(changed)},
        "after": {k: jsonable(after.get(k)) for k in sorted(changed)},
    }


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ""


def verify(batch: int = 5000, *, after: int = 0) -> VerifyResult:
    """Walk the chain in order, up to the head as it was when the walk began, and name the
    first event that does not fit: a gap, a broken link, content that no longer matches its
    hash, or a signature that is not the key's (an event not written by fazhi). Events that
    concurrent writers append meanwhile lie beyond the snapshot and are left for the next
    run, so a live system verifies as intact.

    ``after``: walk only the events after that one, chained onto its stored hash — for a
    chain already verified up to it (the tests' demo template, verified once per run)."""
    try:
        key = ledgerkey.load()
    except ledgerkey.KeyError_ as exc:
        return VerifyResult(False, 0, None, str(exc))
    head = LedgerHead.objects.filter(id=1).values("seq", "hash").first() or {
        "seq": 0,
        "hash": GENESIS,
    }
    prev = GENESIS
    if after:
        prev = LedgerEvent.objects.filter(seq=after).values_list("hash", flat=True).first()
        if prev is None:
            return VerifyResult(False, 0, after, f"事件 {after} 不存在，无法从其后核对")
    expected_seq = after + 1
    checked = 0
    qs = LedgerEvent.objects.filter(seq__lte=head["seq"]).order_by("seq")
    last_seq = after
    # rows, not model instances: building 760,000 LedgerEvents took a third of the walk
    qs = qs.values_list(*_HASHED_COLUMNS, "hash", "mac")
    while True:
        chunk = list(qs.filter(seq__gt=last_seq)[:batch])
        if not chunk:
            break
        for row in chunk:
            seq, prev_hash, ev_hash, mac = row[0], row[12], row[13], row[14]
            if seq != expected_seq:
                return VerifyResult(
                    False,
                    checked,
                    expected_seq,
                    f"序号不连续：应为 {expected_seq}，实际为 {seq}（有事件被删除或插入）",
                )
            if prev_hash != prev:
                return VerifyResult(
                    False,
                    checked,
                    seq,
                    f"事件 {seq} 的前序哈希与上一事件不符（事件被删除、插入或调换）",
                )
            if event_hash(_hashed(*row[:13])) != ev_hash:
                return VerifyResult(
                    False, checked, seq, f"事件 {seq} 的内容与其哈希不符（事件被篡改）"
                )
            if not ledgerkey.valid(ev_hash, mac, key):
                return VerifyResult(
                    False,
                    checked,
                    seq,
                    f"事件 {seq} 的签名无效（该事件不是本系统写入的，或被重新计算过哈希）",
                )
            prev = ev_hash
            expected_seq += 1
            checked += 1
            last_seq = seq
    if head["seq"] != after + checked or head["hash"] != prev:
        return VerifyResult(
            False,
            checked,
            head["seq"] if head["seq"] > after + checked else after + checked + 1,
            f"链头记录为第 {head['seq']} 号事件，但链上只有 {after + checked} 个事件"
            "（末尾事件被删除或替换）",
        )
    return VerifyResult(True, checked)


def timeline(subject: models.Model) -> models.QuerySet[LedgerEvent]:
    """A matter's events, oldest first, for its page."""
    return LedgerEvent.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=str(subject.pk)
    ).order_by("seq")
