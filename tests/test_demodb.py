"""The demo district for tests (tests/demodb.py): a demo module runs on a copy of the
template; a rollback test's writes are undone, a transactional test's writes are gone for the
next test, and the demo itself is never flushed away.

Each pair of tests checks the second against the first's write; under xdist the pair may land
on two workers, and each worker's copy starts clean either way.
"""

import pytest

from fazhi.core import services
from fazhi.core.ledger import SystemActor
from fazhi.core.models import LedgerEvent, Organisation, OrgKind, User

pytestmark = [pytest.mark.demo, pytest.mark.django_db]

SYSTEM = SystemActor("测试")
MARK = "测试写入机构"


def the_demo_is_whole():
    assert Organisation.objects.filter(kind=OrgKind.STREET).count() == 13
    assert User.objects.filter(username__in=["officer", "officer2", "leader"]).count() == 3
    assert LedgerEvent.objects.filter(action="demo.load").count() == 1


@pytest.mark.parametrize("n", [1, 2])
def test_a_rollback_tests_write_is_undone(n):
    the_demo_is_whole()
    assert not Organisation.objects.filter(name=MARK).exists()
    services.org_create(actor=SYSTEM, name=MARK, kind=OrgKind.BUREAU)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("n", [1, 2])
def test_a_transactional_tests_write_is_gone_for_the_next_test(n):
    the_demo_is_whole()
    assert not Organisation.objects.filter(name=MARK).exists()
    services.org_create(actor=SYSTEM, name=MARK, kind=OrgKind.BUREAU)
    assert Organisation.objects.filter(name=MARK).exists()  # committed


@pytest.mark.django_db(transaction=True)
def test_the_ledger_stays_append_only_on_the_copy():
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEvent.objects.filter(action="demo.load").delete()
    the_demo_is_whole()


def test_loading_the_whole_demo_in_a_test_fails_and_names_the_template(monkeypatch):
    from fazhi.core import demo

    real_is_loaded = demo.is_loaded
    monkeypatch.setattr(demo, "is_loaded", lambda: False)  # as in an empty test database
    with pytest.raises(pytest.fail.Exception, match=r"pytest\.mark\.demo"):
        demo.load()
    monkeypatch.setattr(demo, "is_loaded", real_is_loaded)
    # named steps are let through (and load() itself refuses a loaded database)
    with pytest.raises(RuntimeError):
        demo.load(steps=[])
    assert Organisation.objects.filter(name=MARK).count() == 0
