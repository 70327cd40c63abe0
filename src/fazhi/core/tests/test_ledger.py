"""The ledger: every service write appends a chained event; tampering is detected."""

import pytest
from django.db import DatabaseError, transaction

from fazhi.core import dbtriggers, ledger, services
from fazhi.core.models import LedgerEvent, OrgKind

from .factories import SYSTEM

pytestmark = pytest.mark.django_db(transaction=True)


def _events():
    return list(LedgerEvent.objects.order_by("seq").values_list("seq", "action"))


def test_service_writes_append_chained_events(district):
    before = LedgerEvent.objects.count()
    org = services.org_create(
        actor=district.admin, name="新机构", kind=OrgKind.OFFICE, parent=district.gov
    )
    services.org_update(actor=district.admin, org=org, short_name="新办")
    evs = list(LedgerEvent.objects.order_by("seq"))[before:]
    assert [e.action for e in evs] == ["org.create", "org.update"]
    assert evs[1].data == {"before": {"short_name": ""}, "after": {"short_name": "新办"}}
    assert evs[1].prev_hash == evs[0].hash
    assert evs[1].actor_name == "admin" and evs[1].org_name == "新机构"
    assert ledger.verify().ok


def test_failed_service_writes_nothing(district):
    from django.core.exceptions import ValidationError

    count = LedgerEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.org_create(actor=district.admin, name="甲街道", kind=OrgKind.STREET)
    assert exc.value.message_dict["name"] == ["已有同名机构：甲街道"]
    assert LedgerEvent.objects.count() == count


def test_record_outside_a_transaction_is_refused(db):
    with pytest.raises(ledger.LedgerError):
        ledger.record(actor=SYSTEM, action="org.create")


def test_unknown_action_is_refused(db):
    with transaction.atomic(), pytest.raises(ledger.LedgerError):
        ledger.record(actor=SYSTEM, action="no.such.action")


def test_database_refuses_update_and_delete(district):
    ev = LedgerEvent.objects.order_by("seq").first()
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEvent.objects.filter(pk=ev.pk).update(action="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEvent.objects.filter(pk=ev.pk).delete()


@pytest.fixture
def no_triggers(district):
    dbtriggers.remove()
    yield
    dbtriggers.install()


def test_altered_event_is_named(no_triggers):
    LedgerEvent.objects.filter(seq=3).update(subject_label="篡改")
    result = ledger.verify()
    assert (result.ok, result.first_bad_seq) == (False, 3)
    assert "内容与其哈希不符" in result.problem


def test_verify_after_an_event_walks_only_the_tail(no_triggers):
    total = LedgerEvent.objects.count()
    whole = ledger.verify()
    tail = ledger.verify(after=3)
    assert (whole.ok, whole.checked, tail.ok, tail.checked) == (True, total, True, total - 3)
    LedgerEvent.objects.filter(seq=5).update(subject_label="篡改")
    result = ledger.verify(after=3)
    assert (result.ok, result.first_bad_seq) == (False, 5)
    # the tail is chained onto the stored hash of the event it starts after
    LedgerEvent.objects.filter(seq=4).update(hash="0" * 64)
    result = ledger.verify(after=4)
    assert (result.ok, result.first_bad_seq) == (False, 5)
    assert "前序哈希" in result.problem
    assert ledger.verify(after=total + 5).problem == f"事件 {total + 5} 不存在，无法从其后核对"


def test_deleted_event_is_named(no_triggers):
    LedgerEvent.objects.filter(seq=4).delete()
    result = ledger.verify()
    assert (result.ok, result.first_bad_seq) == (False, 4)


def test_reordered_events_are_named(no_triggers):
    a, b = LedgerEvent.objects.get(seq=5), LedgerEvent.objects.get(seq=6)
    LedgerEvent.objects.filter(pk=a.pk).update(seq=1000)
    LedgerEvent.objects.filter(pk=b.pk).update(seq=5)
    LedgerEvent.objects.filter(pk=a.pk).update(seq=6)
    result = ledger.verify()
    assert (result.ok, result.first_bad_seq) == (False, 5)


def test_deleted_tail_is_caught_by_the_head(no_triggers):
    last = LedgerEvent.objects.order_by("-seq").first()
    LedgerEvent.objects.filter(pk=last.pk).delete()
    result = ledger.verify()
    assert result.ok is False and "链头" in result.problem


def test_inserted_event_is_named(no_triggers):
    """A forged event slipped into the middle (sequence numbers shifted up to make room)."""
    from django.db.models import F

    tail = list(LedgerEvent.objects.filter(seq__gte=5).order_by("-seq"))
    for ev in tail:  # shift from the end so the unique sequence never collides
        LedgerEvent.objects.filter(pk=ev.pk).update(seq=F("seq") + 1)
    forged = LedgerEvent.objects.get(seq=4)
    forged.pk, forged.seq, forged.hash = None, 5, "f" * 64
    forged.subject_label = "伪造"
    forged.save(force_insert=True)
    result = ledger.verify()
    assert (result.ok, result.first_bad_seq) == (False, 5)


def _rehash_from(seq: int, label: str) -> None:
    """What someone with database rights (triggers dropped) does to rewrite history: change
    event ``seq``, then re-hash it and every later event so the chain is consistent again,
    and move the head onto the new last hash."""
    from fazhi.core.models import LedgerHead

    prev = LedgerEvent.objects.get(seq=seq - 1).hash if seq > 1 else ledger.GENESIS
    for ev in LedgerEvent.objects.filter(seq__gte=seq).order_by("seq"):
        if ev.seq == seq:
            ev.subject_label = label
        ev.prev_hash = prev
        ev.hash = prev = ledger.event_hash(ledger.hashed_fields(ev))
        LedgerEvent.objects.filter(pk=ev.pk).update(
            subject_label=ev.subject_label, prev_hash=ev.prev_hash, hash=ev.hash
        )
    LedgerHead.objects.filter(id=1).update(hash=prev)


def _forge_append() -> LedgerEvent:
    """A correctly chained event appended with plain SQL, the head moved onto it."""
    from fazhi.core.models import LedgerHead

    last = LedgerEvent.objects.order_by("-seq").first()
    forged = LedgerEvent(
        seq=last.seq + 1,
        at=last.at,
        actor_name="伪造者",
        org_name="",
        action="org.update",
        data={"note": "伪造"},
        attachments=[],
        prev_hash=last.hash,
    )
    forged.hash = ledger.event_hash(ledger.hashed_fields(forged))
    forged.mac = "0" * 64
    forged.save(force_insert=True)
    LedgerHead.objects.filter(id=1).update(seq=forged.seq, hash=forged.hash)
    return forged


def test_rewritten_tail_is_caught_by_signature_and_checkpoint(no_triggers, settings, tmp_path):
    """The last events rewritten and re-hashed: the chain is consistent again, but the events
    no longer carry the key's signature, and the exported checkpoint remembers the old hash."""
    from fazhi.core import checkpoints

    settings.LEDGER_CHECKPOINT_DIR = tmp_path / "cp"
    checkpoints.export()
    assert checkpoints.verify() == (1, [])
    last = LedgerEvent.objects.order_by("-seq").first()
    _rehash_from(last.seq - 2, "改写")
    result = ledger.verify()
    assert (result.ok, result.first_bad_seq) == (False, last.seq - 2)
    assert "签名无效" in result.problem
    checked, problems = checkpoints.verify()
    assert checked == 1 and len(problems) == 1
    assert "哈希与检查点不符" in problems[0].problem


def test_appended_forged_event_is_caught(no_triggers, settings, tmp_path):
    from fazhi.core import checkpoints

    settings.LEDGER_CHECKPOINT_DIR = tmp_path / "cp"
    checkpoints.export()
    forged = _forge_append()
    result = ledger.verify()
    assert (result.ok, result.first_bad_seq) == (False, forged.seq)
    assert "签名无效" in result.problem


def test_cut_tail_with_reset_head_is_caught_by_the_checkpoint(no_triggers, settings, tmp_path):
    from fazhi.core import checkpoints
    from fazhi.core.models import LedgerHead

    settings.LEDGER_CHECKPOINT_DIR = tmp_path / "cp"
    checkpoints.export()
    last = LedgerEvent.objects.order_by("-seq").first()
    LedgerEvent.objects.filter(seq__gt=last.seq - 3).delete()
    keep = LedgerEvent.objects.get(seq=last.seq - 3)
    LedgerHead.objects.filter(id=1).update(seq=keep.seq, hash=keep.hash)
    assert ledger.verify().ok  # what is left is a consistent, signed chain
    _checked, problems = checkpoints.verify()
    assert [p.problem for p in problems] == [f"链上已没有第 {last.seq} 号事件（末尾被截断）"]


def test_the_database_guards_the_head(district):
    from fazhi.core.models import LedgerHead

    head = LedgerHead.objects.get(id=1)
    earlier = LedgerEvent.objects.get(seq=head.seq - 1)
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerHead.objects.filter(id=1).update(seq=earlier.seq, hash=earlier.hash)
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerHead.objects.filter(id=1).update(seq=head.seq + 1, hash="f" * 64)
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerHead.objects.filter(id=1).delete()
    assert LedgerHead.objects.get(id=1).seq == head.seq


def test_verify_never_creates_the_key(district, settings, tmp_path):
    from fazhi.core import ledgerkey

    settings.LEDGER_KEY_PATH = tmp_path / "missing" / "key"
    ledgerkey.forget()
    result = ledger.verify()
    assert result.ok is False
    assert result.problem.startswith("台账密钥文件不存在：")
    assert not (tmp_path / "missing" / "key").exists()
    ledgerkey.forget()


def test_a_key_others_can_read_is_refused(district, settings, tmp_path):
    import os

    from fazhi.core import ledgerkey

    key = tmp_path / "key"
    key.write_text("ab" * 32)
    os.chmod(key, 0o644)
    settings.LEDGER_KEY_PATH = key
    ledgerkey.forget()
    result = ledger.verify()
    assert result.ok is False
    assert (
        result.problem
        == f"台账密钥文件 {key} 的权限为 644，其他用户可读：请改为 600（chmod 600）。"
    )
    ledgerkey.forget()


def test_the_key_is_created_atomically_with_mode_600(settings, tmp_path):
    import stat

    from fazhi.core import ledgerkey

    settings.LEDGER_KEY_PATH = tmp_path / "k" / "ledger.key"
    ledgerkey.forget()
    assert ledgerkey.create() is True
    assert ledgerkey.create() is False
    assert stat.S_IMODE((tmp_path / "k" / "ledger.key").stat().st_mode) == 0o600
    ledgerkey.forget()


def test_verify_while_eight_writers_append(district):
    """The walk stops at the head read first: events appended meanwhile are left for the
    next run, so a live system verifies as intact."""
    import threading

    from django.db import connections

    errors: list[Exception] = []
    results: list = []
    stop = threading.Event()

    def writer(n: int) -> None:
        try:
            for i in range(15):
                services.org_create(
                    actor=SYSTEM, name=f"并发机构{n}-{i}", kind=OrgKind.OFFICE, parent=district.gov
                )
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    def verifier() -> None:
        try:
            while not stop.is_set():
                results.append(ledger.verify())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    v = threading.Thread(target=verifier)
    v.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    stop.set()
    v.join(timeout=120)
    assert errors == []
    assert results and all(r.ok for r in results), [r for r in results if not r.ok][:1]
    final = ledger.verify()
    assert final.ok and final.checked == LedgerEvent.objects.count()


def test_state_check_names_a_record_changed_behind_the_ledger(district):
    import datetime as dt

    from fazhi.core import ledgerstate, supervision
    from fazhi.core.models import SupervisionTask

    task = supervision.task_create(
        actor=district.supervisor,
        org=district.street_a,
        title="栏目更新",
        description="要求",
        source="test",
        rule_code="XF-5",
        received_on=dt.date(2019, 6, 3),
    )
    _n, problems = ledgerstate.verify_state()
    assert problems == []
    SupervisionTask.objects.filter(pk=task.pk).update(status="closed")
    _n, problems = ledgerstate.verify_state()
    assert [(p.key, p.fields) for p in problems] == [
        (f"core.supervisiontask:{task.pk}", {"status": ("assigned", "closed")})
    ]


def test_forged_checkpoint_is_refused(district, settings, tmp_path):
    import json

    from fazhi.core import checkpoints

    settings.LEDGER_KEY_PATH = tmp_path / "key"
    settings.LEDGER_CHECKPOINT_DIR = tmp_path / "cp"
    path = checkpoints.export()
    doc = json.loads(path.read_text())
    doc["hash"] = "0" * 64
    path.write_text(json.dumps(doc))
    _checked, problems = checkpoints.verify()
    assert problems[0].problem == "检查点签名无效（文件被改动或密钥不符）"


def test_bulk_events_hash_exactly_as_record_does_whatever_their_text(district):
    """The bulk path assembles each event's canonical JSON itself (one serialisation of the
    data); quotes, backslashes, control characters, characters outside the BMP, nested keys
    out of order and non-numeric ids must hash as ``ledger.event_hash`` hashes them."""
    from fazhi.core.bulk import BulkLoader

    awkward = [
        {"z": 1, "a": {"y": [1, "二"], "b": None}, "note": 'say "hi"\\ back\\slash'},
        {"tab": "a\tb", "nl": "第一行\n第二行", "ctl": "\x01\x1f", "emoji": "𠀀😀", "t": True},
        {"on": "2019-01-02", "number": "芙执罚决〔2019〕1号", "clock": {"due": "2019-01-09"}},
    ]
    with transaction.atomic():
        loader = BulkLoader(actor_name='系统"批量"', action="demo.load")
        for i, data in enumerate(awkward):
            loader.event(
                subject_type="core.organisation",
                subject_id=f"x-{i}" if i else str(district.gov.pk),
                subject_label=f'标签"{i}"\\',
                org_id=None if i == 1 else district.gov.pk,
                org_name=district.gov.name,
                data=data,
                plain=True,
                attachments=["b" * 64, "a" * 64] if i == 2 else (),
            )
        loader.flush()
    result = ledger.verify()
    assert result.ok, result.problem
    last = list(LedgerEvent.objects.order_by("-seq")[:3])[::-1]
    assert [e.data for e in last] == awkward
    assert last[2].attachments == ["a" * 64, "b" * 64]
