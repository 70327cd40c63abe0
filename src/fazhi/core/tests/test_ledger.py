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


def test_rewritten_tail_is_caught_by_the_signed_checkpoint(no_triggers, settings, tmp_path):
    """Someone with database rights rewrites the last event and re-hashes it: the chain is
    consistent again, but the exported checkpoint still remembers the old head."""
    from fazhi.core import checkpoints

    settings.LEDGER_KEY_PATH = tmp_path / "key"
    settings.LEDGER_CHECKPOINT_DIR = tmp_path / "cp"
    checkpoints.export()
    assert checkpoints.verify() == (1, [])
    last = LedgerEvent.objects.order_by("-seq").first()
    last.subject_label = "改写"
    last.hash = ledger.event_hash(ledger.hashed_fields(last))
    LedgerEvent.objects.filter(pk=last.pk).update(subject_label=last.subject_label, hash=last.hash)
    from fazhi.core.models import LedgerHead

    LedgerHead.objects.filter(id=1).update(hash=last.hash)
    assert ledger.verify().ok  # the chain alone cannot tell
    checked, problems = checkpoints.verify()
    assert checked == 1 and len(problems) == 1
    assert "哈希与检查点不符" in problems[0].problem


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
