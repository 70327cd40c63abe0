"""Personal data at rest (issue 20, item 6): after the domains' factories have created parties,
callers, applicants, petitioners and the people of a mediation — through the services, with
their ledger events — a raw dump of the database holds **0 plaintext ID numbers** and none of
the factories' phone numbers. SQLite: the database file's bytes (and its WAL) and
``iterdump()``; PostgreSQL: every row of every table as text (``SELECT t::text``).

The scanner counts every valid 18-digit ID number (GB 11643: a real birth date, the check
character) that stands alone — not inside a hash or a ciphertext, whose hex and base64 runs
hold digit strings of every shape — so an ID number anywhere a person's number could be
written — a column, a ledger payload, a staged row, free text — is found; a planted
plaintext ID number proves it can find one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from fazhi.core import cryptofield, identity
from fazhi.core.logmask import ID_NUMBER_SHAPE

# An ID number as it would leak — standing alone, not inside a longer run of letters and
# digits. A hash or a ciphertext (hex, base64) holds digit runs of every shape: in the demo's
# ≈2.3 million hashes and MACs an 18-digit run with a valid check character turns up about
# once in three builds (one did: 840558205610181310, "born" in 2056). A match must also be a
# valid number (identity.check_id_number: a real birth date, not in the future, the check
# character).
ID_NUMBER = re.compile(rf"(?<![0-9A-Za-z]){ID_NUMBER_SHAPE}(?![0-9A-Za-z])")

pytestmark = pytest.mark.django_db(transaction=True)

PHONES = (
    "13812345678",  # disputes: reconsideration applicant; enforcement: party
    "13907311234",  # disputes: mediation party
    "13874112233",  # disputes: petitioner
    "13974851234",  # govservices: applicant
    "13807315521",  # opengov: applicant
    "13807318826",  # hotline: caller
)


def raw_text(path: Path) -> str:
    """A SQLite file's bytes as text, read by another process. Opening and closing the file in
    this one would drop every POSIX lock this process holds on it (SQLite's own connection's
    among them, https://www.sqlite.org/howtocorrupt.html §2.2): the next writer elsewhere
    then checkpoints and deletes the WAL under the open connection ("disk I/O error")."""
    if not path.exists():
        return ""
    read = "import sys; sys.stdout.buffer.write(open(sys.argv[1], 'rb').read())"
    out = subprocess.run([sys.executable, "-c", read, str(path)], capture_output=True, check=True)
    return out.stdout.decode("utf-8", "replace")


def dump_text() -> str:
    """Everything the database holds, as text."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        parts = list(connection.connection.iterdump())
        name = Path(connection.settings_dict["NAME"])
        parts += [raw_text(Path(f"{name}{suffix}")) for suffix in ("", "-wal")]
        return "\n".join(parts)
    parts = []
    with connection.cursor() as cur:
        for table in connection.introspection.table_names(cur):
            # A table name the database listed, quoted by the backend (bandit B608).
            sql = f"SELECT t::text FROM {connection.ops.quote_name(table)} t"  # nosec B608
            cur.execute(sql)
            parts += [row[0] for row in cur.fetchall()]
    return "\n".join(parts)


def scan_ids() -> set[str]:
    """``plaintext_ids(dump_text())`` for a large database, without moving it into Python:
    SQLite — the file and its WAL searched by ``grep -aoP`` with the same pattern (an ID
    number is ASCII, so the bytes match where the decoded text does; another process, see
    ``raw_text``; 1.4 s for the 940 MB demo, where Python's ``re`` took 31 s); PostgreSQL — the rows whose text matches the same pattern, chosen by the
    server (its regular expressions have the same look-behind and look-ahead), then checked
    here as ``plaintext_ids`` checks them."""
    if connection.vendor == "sqlite":
        name = connection.settings_dict["NAME"]
        files = [f for f in (name, f"{name}-wal") if Path(f).exists()]
        out = subprocess.run(
            ["grep", "-aohP", ID_NUMBER.pattern, *files],
            capture_output=True,
            text=True,
            env={**os.environ, "LC_ALL": "C"},
        )
        assert out.returncode in (0, 1), out.stderr  # 1: no line matched
        return plaintext_ids(out.stdout)
    found = set()
    with connection.cursor() as cur:
        for table in connection.introspection.table_names(cur):
            # A table name the database listed, quoted by the backend (bandit B608).
            sql = f"SELECT t::text FROM {connection.ops.quote_name(table)} t WHERE t::text ~ %s"  # nosec B608
            cur.execute(sql, [ID_NUMBER.pattern])
            found |= plaintext_ids("\n".join(row[0] for row in cur.fetchall()))
    return found


def plaintext_ids(text: str) -> set[str]:
    return {
        m.group(0).upper()
        for m in ID_NUMBER.finditer(text)
        if not identity.check_id_number(m.group(0))
    }


def _disputes():
    from fazhi.disputes.tests.factories import ID_A, ID_B, ID_C, World

    w = World()
    recon = w.recon()
    w.lawsuit()
    w.dispute()
    w.petition()
    w.batch()
    return {ID_A, ID_B, ID_C}, recon, "applicant_id_number"


def _enforcement():
    from fazhi.enforcement.services import cases as svc
    from fazhi.enforcement.tests.casefactories import Bureau

    b = Bureau()
    case = svc.case_open(
        actor=b.clerk,
        body=b.body,
        field=b.field,
        item=b.item,
        source="complaint",
        party_kind="person",
        party_name="陈国平",
        party_id_number="430102198001010011",
        party_phone="13812345678",
        party_address="长沙市芙蓉区五一大道123号4栋501室",
        facts="当事人在五一大道占道经营。",
        received_on=dt.date(2024, 3, 4),
    )
    return {"430102198001010011"}, case, "party_id_number"


def _govservices():
    from fazhi.govservices.services import applications as svc
    from fazhi.govservices.tests.factories import AGENT_ID, PERSON_ID, World, at

    w = World()
    app = svc.receive(
        actor=w.clerk,
        entry=w.entry,
        channel="window",
        at=at(2019, 9, 25, 10, 0),
        received=list(w.licence.materials.order_by("sort_order"))[:2],
        window=w.window,
        agent_name="刘建军",
        agent_id_number=AGENT_ID,
        agent_phone="13974851234",
        power_of_attorney=b"%PDF-1.4 power of attorney",
        power_of_attorney_name="授权委托书.pdf",
        **w.person(),
    )
    return {PERSON_ID, AGENT_ID}, app, "applicant_id_number"


def _opengov():
    from fazhi.opengov.tests.factories import ID_NUMBER as OG_ID
    from fazhi.opengov.tests.factories import World, request

    req = request(World())
    return {OG_ID}, req, "applicant_id_number"


def _hotline():
    from fazhi.hotline.tests.world import D, Hotline, at

    h = Hotline()
    with at(D(2019, 6, 3)):
        order = h.take()
    return set(), order, "caller_phone"


@pytest.mark.parametrize(
    "make", [_disputes, _enforcement, _govservices, _opengov, _hotline], ids=lambda f: f.__name__
)
def test_a_raw_dump_holds_no_plaintext_id_number_or_phone(make):
    ids, record, field = make()
    # the records are there and read back in the clear through the model
    assert getattr(type(record).objects.get(pk=record.pk), field) == getattr(record, field)
    dump = dump_text()
    assert plaintext_ids(dump) == set()
    assert [p for p in PHONES if p in dump] == []
    # ... and the values are in the dump, as ciphertexts
    raw = type(record).objects.filter(pk=record.pk).values_list(field, flat=True)
    with connection.cursor() as cur:
        meta = type(record)._meta
        cur.execute(
            f"SELECT {meta.get_field(field).column} FROM {meta.db_table} WHERE id = %s",  # nosec B608
            [record.pk],
        )
        stored = cur.fetchone()[0]
    assert stored.startswith("v1:") and stored in dump
    assert cryptofield.decrypt(stored) == raw[0]
    for known in ids:
        assert known not in dump


def test_the_scanner_reads_numbers_not_hashes():
    assert plaintext_ids('{"party_id_number": "430102198001010011"}') == {"430102198001010011"}
    assert plaintext_ids("身份证号430102198001010011，") == {"430102198001010011"}
    # inside a hex digest, and a well-formed number "born" in 2056
    assert plaintext_ids("9fe3ab840558205610181310c2") == set()
    assert plaintext_ids("840558205610181310") == set()


def test_the_scanner_finds_a_planted_plaintext_id_number():
    from fazhi.core.tests.factories import org

    org("测试机构430102198001010011")
    assert plaintext_ids(dump_text()) == {"430102198001010011"}
    assert scan_ids() == {"430102198001010011"}  # the demo's scanner, in place


# -- lookups through the digest, the ledger's state, the data migration ------------------------


def test_exact_lookups_go_through_the_digest_and_others_are_refused():
    from django.core.exceptions import FieldError

    from fazhi.disputes import crossref
    from fazhi.disputes.models import DisputeParty, PetitionPerson
    from fazhi.disputes.tests.factories import ID_B, ID_C, World

    w = World()
    w.dispute()
    w.petition()
    assert PetitionPerson.objects.filter(id_number=ID_B).count() == 1
    assert DisputeParty.objects.filter(id_number__in=[ID_B, ID_C]).count() == 2
    assert DisputeParty.objects.filter(id_number="430102198001010011").count() == 0
    assert DisputeParty.objects.exclude(id_number="").count() == 2
    kinds = sorted(a.kind for a in crossref.appearances(w.d.supervisor, ID_B))
    assert kinds == ["信访事项", "矛盾纠纷"]
    with pytest.raises(FieldError):
        DisputeParty.objects.filter(id_number__startswith="4301").count()


def test_caller_history_goes_through_the_digest():
    from django.core.exceptions import FieldError

    from fazhi.hotline import queries
    from fazhi.hotline.models import Order
    from fazhi.hotline.tests.world import D, Hotline, at

    h = Hotline()
    with at(D(2019, 6, 3)):
        first = h.take()
        second = h.take(address="五一大道100号")
    assert [o.pk for o in queries.caller_history(h.chief, " 13807318826 ")] == [
        second.pk,
        first.pk,
    ]
    assert queries.caller_history(h.chief, "13807318827") == []
    with pytest.raises(FieldError):
        Order.objects.filter(caller_phone__icontains="1380731").count()
    # a queryset update must carry the digest; bulk_update reads it from the attribute
    first.caller_phone = "13900001111"
    Order.objects.bulk_update([first], ["caller_phone", "caller_phone_digest"])
    assert Order.objects.get(caller_phone="13900001111").pk == first.pk
    assert Order.objects.only("id").get(pk=first.pk).caller_phone == "13900001111"  # deferred
    # a value that looks like a ciphertext is encrypted like any other and reads back as typed
    Order.objects.filter(pk=first.pk).update(
        caller_phone="v1:abc", caller_phone_digest=cryptofield.digest("v1:abc")
    )
    assert Order.objects.get(caller_phone="v1:abc").caller_phone == "v1:abc"


def test_the_ledger_records_the_digest_not_the_value_and_verifies():
    from fazhi.core import ledgerstate
    from fazhi.core.models import LedgerEvent
    from fazhi.opengov.tests.factories import ID_NUMBER as OG_ID
    from fazhi.opengov.tests.factories import World, request

    req = request(World())
    key = f"opengov.disclosurerequest:{req.pk}"
    snap = [
        e.data["_state"][key]
        for e in LedgerEvent.objects.filter(data__has_key="_state").order_by("seq")
        if key in e.data["_state"]
    ][-1]
    assert snap["applicant_id_number"] == cryptofield.digest(OG_ID)
    checked, problems = ledgerstate.verify_state()
    assert checked > 0 and problems == []
    # an event written before encryption recorded the plaintext: it still verifies
    assert ledgerstate._same(OG_ID, cryptofield.digest(OG_ID))
    assert not ledgerstate._same("430102198001010011", cryptofield.digest(OG_ID))


def test_the_data_migration_encrypts_existing_rows_and_backward_decrypts():
    from types import SimpleNamespace

    from django.apps import apps

    from fazhi.hotline.models import Order
    from fazhi.hotline.tests.world import D, Hotline, at

    h = Hotline()
    with at(D(2019, 6, 3)):
        order = h.take()

    def stored():
        with connection.cursor() as cur:
            cur.execute(
                "SELECT caller_phone, caller_phone_digest FROM hotline_order WHERE id = %s",
                [order.pk],
            )
            return cur.fetchone()

    with connection.cursor() as cur:  # a row as it was before the migration
        cur.execute(
            "UPDATE hotline_order SET caller_phone = %s, caller_phone_digest = '' WHERE id = %s",
            ["13807318826", order.pk],
        )
    spec = {"hotline.Order": ["caller_phone"]}
    editor = SimpleNamespace(connection=connection)
    cryptofield._rewrite(apps, editor, spec, True)
    value, digest = stored()
    assert value.startswith("v1:") and digest == cryptofield.digest("13807318826")
    assert Order.objects.get(caller_phone="13807318826").pk == order.pk
    cryptofield._rewrite(apps, editor, spec, False)
    assert stored()[0] == "13807318826"


def test_the_case_list_finds_a_case_by_its_partys_whole_id_number():
    from fazhi.enforcement.filters import CaseFilter
    from fazhi.enforcement.models import Case

    _ids, case, _field = _enforcement()
    found = CaseFilter({"q": "430102198001010011"}, queryset=Case.objects.all()).qs
    assert list(found.values_list("pk", flat=True)) == [case.pk]
    assert CaseFilter({"q": "4301021980"}, queryset=Case.objects.all()).qs.count() == 0
    assert CaseFilter({"q": "陈国平"}, queryset=Case.objects.all()).qs.count() == 1
