"""A rollback test's foreign keys are still checked when it wrote, and only then on SQLite
(conftest.py, ``_foreign_keys_checked_after_writes``)."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import TestCase

from fazhi.core.tests.factories import org

pytestmark = pytest.mark.django_db


def should_check() -> bool:
    return TestCase._should_check_constraints(TestCase("__init__"), connection)


def test_the_check_is_left_out_only_when_nothing_was_written():
    if connection.vendor != "sqlite":  # PostgreSQL checks only the deferred rows: always run
        assert should_check() is True
        return
    connection.fazhi_changes_before_test = connection.connection.total_changes
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM core_organisation")
    assert should_check() is False
    connection.fazhi_changes_before_test = connection.connection.total_changes
    org("芙蓉区测绘地理信息服务中心")
    assert should_check() is True
    # the mark is used once: without one, the check runs
    assert should_check() is True


def test_a_dangling_key_written_by_the_test_is_still_found():
    office = org("芙蓉区机关事务服务中心")
    sqlite = connection.vendor == "sqlite"
    if sqlite:
        connection.fazhi_changes_before_test = connection.connection.total_changes
    # in a savepoint: PostgreSQL aborts the transaction on the failed check
    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cur:
            cur.execute(
                "UPDATE core_organisation SET parent_id = %s WHERE id = %s",
                [office.pk + 10_000, office.pk],
            )
        assert should_check() is True
        connection.check_constraints()
