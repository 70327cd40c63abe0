"""The bulk path: tens of thousands of records and their ledger events in one transaction.

For loading a whole year at once — the demo district's 2019 (``fazhi demo``) and the
benchmarks — where calling a service per record would take minutes. A :class:`BulkLoader`

1. hands out primary keys up front (:meth:`BulkLoader.add` returns the new row's id), so
   rows can point at each other before anything is written;
2. collects one ledger event per record (:meth:`BulkLoader.event`), with the record's
   facts as the event's data;
3. on :meth:`BulkLoader.flush`, inside the caller's transaction: writes every row, then
   locks the chain head (``select_for_update``, as ``ledger.record`` does), chains and signs
   the events with ``ledger.finish`` (the same function ``ledger.record`` uses) from the
   head on, writes them and moves the head — so ``fazhi ledger verify`` passes, and a
   failure anywhere leaves nothing behind. Every action is checked against the registry
   (``ledger.check_action``), and each tracked record (``LEDGER_STATE_FIELDS``) gets its
   state snapshot on the last event about it (or about its ``LEDGER_STATE_PARENT``), so
   ``fazhi ledger verify --state`` holds after a bulk load as after services.

Why not ``QuerySet.bulk_create``: it was measured at about 85 µs per row on SQLite for
``LedgerEvent`` (Django compiles one INSERT per 999 parameters, ~70 rows, and prepares each
value through the field API), which puts a 400,000-row year far above a minute. Here values
are prepared once per column kind with the same ``Field.get_db_prep_save`` (only columns that
need it: dates, times, decimals, JSON) and written with ``executemany`` on SQLite and
``COPY … FROM STDIN`` on PostgreSQL (where ``executemany`` costs a round trip per row).

Primary keys: on SQLite the write lock is held from the start of the transaction
(``transaction_mode=IMMEDIATE`` in settings), so ``max(id) + 1`` is safe, and SQLite moves
its AUTOINCREMENT counter itself. On PostgreSQL each table written is locked against other
writers (``SHARE ROW EXCLUSIVE``) for the rest of the transaction, ids start above both the
table's maximum and its sequence, and the sequence is moved past the last id at the end.
Other backends are refused.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Iterator
from json.encoder import c_make_encoder, encode_basestring
from typing import Any

from django.db import connection, models, transaction

from . import clock, cryptofield, ledger, ledgerkey
from .models import LedgerEvent, LedgerHead

# Field types whose Python values the database drivers take as they are (str, int, bool,
# None) — everything else goes through Field.get_db_prep_save.
_PLAIN = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
}


class BulkError(RuntimeError):
    pass


def _canonical_encoder() -> Callable[[Any], str]:
    """``json.dumps(v, sort_keys=True, ensure_ascii=False, separators=(",", ":"))`` — the
    ledger's canonical JSON — without building a new encoder on every call (``json.dumps``
    with keyword arguments constructs a ``JSONEncoder`` and its C scanner per call, which was
    a third of the time spent per bulk event). The same C encoder ``json.dumps`` uses, built
    once; the plain call where the C accelerator is missing. The first event of each flush
    is still checked against ``ledger.finish`` (the kernel's own ``json.dumps``)."""
    enc = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    if c_make_encoder is None:  # pragma: no cover - CPython always has it
        return enc.encode
    scan = c_make_encoder(None, enc.default, encode_basestring, None, ":", ",", True, False, True)

    def encode(v: Any) -> str:
        if isinstance(v, str):
            return encode_basestring(v)
        return "".join(scan(v, 0))

    return encode


canonical_json = _canonical_encoder()


class _Table:
    """The rows waiting for one model, and how to write them."""

    def __init__(self, model: type[models.Model]):
        meta = model._meta
        self.model = model
        self.pk = meta.pk
        self.fields = list(meta.concrete_fields)
        self.attnames = [f.attname for f in self.fields]
        self.index = {a: i for i, a in enumerate(self.attnames)}
        self.converters = [_converter(f) for f in self.fields]
        # Encrypted fields' digests are computed from the plaintext when a row is added.
        self.digests = [
            (self.index[f.attname], self.index[f.source])
            for f in self.fields
            if isinstance(f, cryptofield.DigestField)
        ]
        # Missing values take the field's default as Django computes it (a blank CharField's
        # is "", a nullable field's None); auto_now(_add) fields take the time of the load.
        now = clock.now()
        self.defaults = [
            None
            if f.primary_key
            else now
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            else f.get_default()
            for f in self.fields
        ]
        self.rows: list[list[Any]] = []
        self.next_id: int = 0
        self.last_id: int | None = None


def _converter(f: models.Field) -> Callable[[Any], Any] | None:
    """How a column's Python values become database values: not at all for plain types;
    JSON through the backend's adapter (on SQLite, ``json.dumps`` without ASCII escapes —
    the same JSON, a third of the bytes for Chinese text); everything else by the field."""
    if isinstance(f, cryptofield.EncryptedCharField):
        return lambda v: f.get_db_prep_save(v, connection)
    if f.get_internal_type() in _PLAIN:
        return None
    if isinstance(f, models.JSONField):
        if connection.vendor == "sqlite":
            encoder = f.encoder
            return lambda v: json.dumps(v, cls=encoder, ensure_ascii=False)
        adapt = connection.ops.adapt_json_value
        return lambda v: adapt(v, f.encoder)
    return lambda v: f.get_db_prep_save(v, connection)


class BulkLoader:
    """Collect rows and events; :meth:`flush` writes them all (see the module docstring).

    ``actor_name`` and ``action`` (a registered ledger action) label every event; ``at`` is
    the events' time (default: now — the time the records were loaded, not the business
    dates they carry, which stay in each event's data).
    """

    def __init__(self, *, actor_name: str, action: str, at: dt.datetime | None = None):
        if connection.vendor not in ("sqlite", "postgresql"):
            raise BulkError(
                f"the bulk path supports SQLite and PostgreSQL, not {connection.vendor}"
            )
        ledger.check_action(action)
        self.actor_name = actor_name
        self.action = action
        self.at = at or clock.now()
        self.tables: dict[type[models.Model], _Table] = {}
        self.events: list[_Event] = []
        self.flushed = False

    # -- rows -----------------------------------------------------------------------------

    def _table(self, model: type[models.Model]) -> _Table:
        t = self.tables.get(model)
        if t is None:
            if not transaction.get_connection().in_atomic_block:
                raise BulkError("BulkLoader must be used inside transaction.atomic()")
            t = self.tables[model] = _Table(model)
            t.next_id = self._first_id(t)
        return t

    def _first_id(self, t: _Table) -> int:
        table = connection.ops.quote_name(t.model._meta.db_table)
        column = connection.ops.quote_name(t.pk.column)
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                cur.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
                cur.execute(f"SELECT COALESCE(MAX({column}), 0) FROM {table}")
                top = cur.fetchone()[0]
                cur.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s))",
                    [t.model._meta.db_table, t.pk.column],
                )
                return max(top + 1, cur.fetchone()[0])
            cur.execute(f"SELECT COALESCE(MAX({column}), 0) FROM {table}")
            top = cur.fetchone()[0]
            cur.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [t.model._meta.db_table])
            row = cur.fetchone()
            return max(top, row[0] if row else 0) + 1

    def reserve(self, model: type[models.Model]) -> int:
        """Take the next primary key of ``model`` now, for a row added later with ``id=``
        (when a value of the row depends on its own key, like a task's number)."""
        t = self._table(model)
        pk = t.next_id
        t.next_id += 1
        return pk

    def add(self, model: type[models.Model], **values: Any) -> int:
        """Queue one row (values by attname: ``org_id=…``); returns its primary key."""
        t = self._table(model)
        row = list(t.defaults)
        idx = t.index
        for k, v in values.items():
            try:
                row[idx[k]] = v
            except KeyError:
                raise BulkError(f"{model.__name__} has no column {k!r}") from None
        for d_i, s_i in t.digests:
            row[d_i] = cryptofield.digest(row[s_i])
        pk_i = idx[t.pk.attname]
        if row[pk_i] is None:
            row[pk_i] = t.next_id
            t.next_id += 1
        t.rows.append(row)
        t.last_id = row[pk_i] if t.last_id is None else max(t.last_id, row[pk_i])
        return row[pk_i]

    def count(self, model: type[models.Model]) -> int:
        t = self.tables.get(model)
        return len(t.rows) if t else 0

    # -- events ---------------------------------------------------------------------------

    def event(
        self,
        *,
        subject_type: str,
        subject_id: Any,
        subject_label: str,
        org_id: int | None,
        org_name: str,
        data: dict[str, Any],
        action: str | None = None,
        attachments: Iterable[str] = (),
        plain: bool = False,
        actor_id: int | None = None,
        actor_name: str = "",
    ) -> None:
        """Queue the ledger event of one record (chained at :meth:`flush`). ``plain=True``
        promises ``data`` is plain JSON already (what ``ledger.jsonable`` would return:
        str, int, bool, None, lists and dicts of them), which saves converting it.
        ``actor_id``/``actor_name`` name another actor than the loader's (an import's
        events keep the user who imported)."""
        if action is not None and action != self.action:
            ledger.check_action(action)
        self.events.append(
            _Event(
                self.at,
                actor_id,
                actor_name or self.actor_name,
                org_id,
                org_name,
                subject_type,
                str(subject_id),
                str(subject_label)[:200],
                action or self.action,
                data if plain else ledger.jsonable(data),
                sorted(set(attachments)) if attachments else [],
            )
        )

    # -- writing --------------------------------------------------------------------------

    def flush(self) -> dict[str, int]:
        """Write every queued row, then the chained events; returns rows written per table."""
        if self.flushed:
            raise BulkError("BulkLoader.flush() may run once")
        self.flushed = True
        written: dict[str, int] = {}
        self._attach_states()
        with _big_cache():
            for t in self.tables.values():
                written[t.model._meta.label_lower] = self._write(t)
            written[LedgerEvent._meta.label_lower] = self._write_events()
        if connection.vendor == "postgresql":
            # Move the sequences past the new ids, and give the planner statistics now: right
            # after a load of this size its estimates are for empty tables (nested loops over
            # tens of thousands of rows) until autovacuum gets round to the tables.
            with connection.cursor() as cur:
                for t in self.tables.values():
                    if t.last_id is not None:
                        cur.execute(
                            "SELECT setval(pg_get_serial_sequence(%s, %s), %s)",
                            [t.model._meta.db_table, t.pk.column, t.last_id],
                        )
                    cur.execute(f"ANALYZE {connection.ops.quote_name(t.model._meta.db_table)}")
        return written

    def _attach_states(self) -> None:
        """Put each tracked row's state on the last event about it (or its parent), before
        the values are converted for the database."""
        last: dict[tuple[str, str], _Event] = {}
        for ev in self.events:
            last[(ev.subject_type, ev.subject_id)] = ev
        for t in self.tables.values():
            fields = getattr(t.model, "LEDGER_STATE_FIELDS", None)
            if not fields or not t.rows:
                continue
            label = t.model._meta.label_lower
            parent = getattr(t.model, "LEDGER_STATE_PARENT", "")
            pfield = t.model._meta.get_field(parent) if parent else None
            plabel = pfield.related_model._meta.label_lower if pfield else ""
            pk_i = t.index[t.pk.attname]
            for row in t.rows:
                pk = str(row[pk_i])
                ev = last.get((label, pk))
                if ev is None and pfield is not None:
                    ev = last.get((plabel, str(row[t.index[pfield.attname]])))
                if ev is None:
                    raise BulkError(f"{label} {pk}: no event to carry its ledger state")
                state = ledger.state_from(t.model, lambda a, row=row, ix=t.index: row[ix[a]])
                data = ev.data if isinstance(ev.data, dict) else {}
                # a new dict: callers may share one data dict between many events
                ev.data = {**data, "_state": {**data.get("_state", {}), f"{label}:{pk}": state}}

    def _write(self, t: _Table, *, converted: bool = False) -> int:
        """Write ``t``'s rows; ``converted=True``: the values are database values already."""
        if not t.rows:
            return 0
        rows = t.rows
        for i, convert in enumerate(t.converters):
            if convert is None or converted:
                continue
            cache: dict[Any, Any] = {}
            for row in rows:
                v = row[i]
                if v is None:
                    continue
                try:
                    row[i] = cache[v]
                except KeyError:
                    row[i] = cache[v] = convert(v)
                except TypeError:  # unhashable: JSON lists and dicts (empty ones are common)
                    if v:
                        row[i] = convert(v)
                    else:
                        key = ("empty", type(v))
                        if key not in cache:
                            cache[key] = convert(v)
                        row[i] = cache[key]
        table = connection.ops.quote_name(t.model._meta.db_table)
        cols = ", ".join(connection.ops.quote_name(f.column) for f in t.fields)
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                # COPY: psycopg adapts the values as it would for INSERT parameters.
                with cur.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(t.fields))
                sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"
                for start in range(0, len(rows), 5000):
                    cur.executemany(sql, rows[start : start + 5000])
        t.rows = []
        return len(rows)

    def _write_events(self) -> int:
        """Chain, sign and write the events. Each event's canonical JSON (what
        ``ledger.event_hash`` hashes) is assembled from its data's JSON and the top-level
        values, so the data is serialised once — the same text then goes into the column —
        and the signature reuses the keyed HMAC state; the first event is checked against
        ``ledger.finish`` so any drift from the kernel's hashing fails the load."""
        if not self.events:
            return 0
        head, _created = LedgerHead.objects.select_for_update().get_or_create(
            id=1, defaults={"seq": 0, "hash": ledger.GENESIS}
        )
        seq, prev = head.seq, head.hash
        key = ledgerkey.load(create_missing=True)
        signer = hmac.new(key, digestmod=hashlib.sha256)
        dumps = canonical_json
        texts: dict[Any, str] = {}

        def text(v: Any) -> str:
            try:
                return texts[v]
            except KeyError:
                out = texts[v] = dumps(v)
                return out

        def at_text(at: dt.datetime) -> str:
            try:
                return texts[at]
            except KeyError:
                out = texts[at] = dumps(at.astimezone(dt.UTC).isoformat(timespec="microseconds"))
                return out

        t = self._table(LedgerEvent)
        # The rows are built here in column order, already as database values (the columns'
        # converters run once per distinct time; data is the canonical JSON text hashed
        # below; attachments as the JSON field writes them).
        idx = t.index
        for name in ("id", "seq", "at", "actor_id", "actor_name", "org_id", "org_name",
                     "subject_type", "subject_id", "subject_label", "action", "data",
                     "attachments", "prev_hash", "hash", "mac"):  # fmt: skip
            if name not in idx:
                raise BulkError(f"LedgerEvent has no column {name!r}")
        if len(idx) != 16:
            raise BulkError("LedgerEvent's columns changed: update BulkLoader._write_events")
        at_convert = t.converters[idx["at"]] or (lambda v: v)
        at_db: dict[dt.datetime, Any] = {}
        no_attachments = json.dumps([], ensure_ascii=False)
        i_id, i_seq, i_at, i_actor, i_actor_name = (
            idx["id"], idx["seq"], idx["at"], idx["actor_id"], idx["actor_name"]
        )  # fmt: skip
        i_org, i_org_name, i_stype, i_sid, i_slabel = (
            idx["org_id"], idx["org_name"], idx["subject_type"], idx["subject_id"],
            idx["subject_label"],
        )  # fmt: skip
        i_action, i_data, i_att, i_prev, i_hash, i_mac = (
            idx["action"], idx["data"], idx["attachments"], idx["prev_hash"], idx["hash"],
            idx["mac"],
        )  # fmt: skip
        width = len(idx)
        rows = t.rows
        next_id = t.next_id
        first = True
        for ev in self.events:
            seq += 1
            ev.seq = seq
            ev.prev_hash = prev
            data = dumps(ev.data)
            canonical = "".join(
                (
                    '{"action":', text(ev.action),
                    ',"actor":', "null" if ev.actor_id is None else str(int(ev.actor_id)),
                    ',"actor_name":', text(ev.actor_name),
                    ',"at":', at_text(ev.at),
                    ',"attachments":', dumps(ev.attachments) if ev.attachments else "[]",
                    ',"data":', data,
                    ',"org":', "null" if ev.org_id is None else str(int(ev.org_id)),
                    ',"org_name":', text(ev.org_name),
                    ',"prev_hash":"', prev,
                    '","seq":', str(seq),
                    ',"subject_id":',
                    f'"{ev.subject_id}"' if ev.subject_id.isascii() and ev.subject_id.isdigit() else dumps(ev.subject_id),
                    ',"subject_label":', text(ev.subject_label),
                    ',"subject_type":', text(ev.subject_type),
                    "}",
                )
            )  # fmt: skip
            ev.hash = hashlib.sha256(canonical.encode()).hexdigest()
            m = signer.copy()
            m.update(ev.hash.encode())
            ev.mac = m.hexdigest()
            if first:
                check = _Event.like(ev)
                ledger.finish(check, key)
                if (check.hash, check.mac) != (ev.hash, ev.mac):
                    raise BulkError("the bulk event hash differs from ledger.finish()")
                first = False
            prev = ev.hash
            try:
                at = at_db[ev.at]
            except KeyError:
                at = at_db[ev.at] = at_convert(ev.at)
            row = [None] * width
            row[i_id] = next_id
            next_id += 1
            row[i_seq] = seq
            row[i_at] = at
            row[i_actor] = ev.actor_id
            row[i_actor_name] = ev.actor_name
            row[i_org] = ev.org_id
            row[i_org_name] = ev.org_name
            row[i_stype] = ev.subject_type
            row[i_sid] = ev.subject_id
            row[i_slabel] = ev.subject_label
            row[i_action] = ev.action
            row[i_data] = data
            row[i_att] = (
                json.dumps(ev.attachments, ensure_ascii=False) if ev.attachments else no_attachments
            )
            row[i_prev] = ev.prev_hash
            row[i_hash] = ev.hash
            row[i_mac] = ev.mac
            rows.append(row)
        if next_id > t.next_id:
            t.last_id = next_id - 1 if t.last_id is None else max(t.last_id, next_id - 1)
            t.next_id = next_id
        n = self._write(t, converted=True)
        LedgerHead.objects.filter(id=1).update(seq=seq, hash=prev)
        self.events = []
        return n


@contextlib.contextmanager
def _big_cache() -> Iterator[None]:
    """On SQLite, a 256 MB page cache while the rows go in: the unique indexes on random
    keys (event hashes) otherwise spill to the WAL page by page. Restored afterwards."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cur:
        cur.execute("PRAGMA cache_size")
        before = cur.fetchone()[0]
        cur.execute("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        with connection.cursor() as cur:
            cur.execute(f"PRAGMA cache_size = {int(before)}")


class _Event:
    """What ``ledger.hashed_fields`` reads from an event, without a model instance."""

    __slots__ = (
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
        "hash",
        "mac",
    )

    def __init__(
        self,
        at,
        actor_id,
        actor_name,
        org_id,
        org_name,
        subject_type,
        subject_id,
        subject_label,
        action,
        data,
        attachments,
    ):
        self.at, self.actor_id, self.actor_name = at, actor_id, actor_name
        self.org_id, self.org_name = org_id, org_name
        self.subject_type, self.subject_id, self.subject_label = (
            subject_type,
            subject_id,
            subject_label,
        )
        self.action, self.data, self.attachments = action, data, attachments

    @classmethod
    def like(cls, ev: _Event) -> _Event:
        """A copy of ``ev`` before hashing (to check the fast path against the kernel's)."""
        c = cls(
            ev.at, ev.actor_id, ev.actor_name, ev.org_id, ev.org_name, ev.subject_type,
            ev.subject_id, ev.subject_label, ev.action, ev.data, ev.attachments,
        )  # fmt: skip
        c.seq, c.prev_hash = ev.seq, ev.prev_hash
        return c
