"""Numbering: GB/T 9704 form, gapless under concurrency, voids recorded."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from fazhi.core import numbering
from fazhi.core.models import IssuedNumber, LedgerEvent

from .factories import SYSTEM


@pytest.mark.django_db
def test_numbers_follow_the_standard(district):
    s = numbering.series_get_or_create(
        actor=SYSTEM, org=district.gov, kind="政发", year=2019, prefix="芙政发"
    )
    texts = [numbering.issue(actor=SYSTEM, series=s).text for _ in range(3)]
    assert texts == ["芙政发〔2019〕1号", "芙政发〔2019〕2号", "芙政发〔2019〕3号"]
    for t in texts:
        assert numbering.validate_doc_number(t) == t


@pytest.mark.django_db
def test_a_sequence_may_be_zero_padded(district):
    # a 索引号: the body's code, the year and a five-digit sequence
    s = numbering.series_get_or_create(
        actor=SYSTEM, org=district.gov, kind="goi-index", year=2019,
        prefix="11430102006184908X", pattern="{prefix}/{year}-{n:05d}",
    )  # fmt: skip
    assert numbering.issue(actor=SYSTEM, series=s).text == "11430102006184908X/2019-00001"
    assert str(s) == "11430102006184908X/2019-N"


@pytest.mark.parametrize(
    "bad",
    [
        "芙政发[2019]3号",
        "芙政发〔2019〕03号",
        "芙政发〔2019〕第3号",
        "芙政发（2019）3号",
        "芙政发〔19〕3号",
    ],
)
def test_bad_numbers_are_refused(bad):
    with pytest.raises(ValidationError):
        numbering.validate_doc_number(bad)


@pytest.mark.django_db
def test_void_is_recorded_and_never_reissued(district):
    s = numbering.series_get_or_create(
        actor=SYSTEM, org=district.gov, kind="政办发", year=2019, prefix="芙政办发"
    )
    first = numbering.issue(actor=SYSTEM, series=s)
    numbering.void(actor=SYSTEM, number=first, reason="文件撤回")
    second = numbering.issue(actor=SYSTEM, series=s)
    assert second.text == "芙政办发〔2019〕2号"
    assert IssuedNumber.objects.get(pk=first.pk).void_reason == "文件撤回"
    assert LedgerEvent.objects.filter(action="number.void").count() == 1
    with pytest.raises(ValidationError):
        numbering.void(actor=SYSTEM, number=first, reason="再次作废")


@pytest.mark.django_db(transaction=True)
def test_parallel_issuers_get_distinct_consecutive_numbers(district):
    s = numbering.series_get_or_create(
        actor=SYSTEM, org=district.gov, kind="并发", year=2019, prefix="芙并发"
    )
    workers, per = (8, 5) if connection.vendor == "postgresql" else (4, 5)
    errors = []

    def work():
        try:
            for _ in range(per):
                numbering.issue(actor=SYSTEM, series=s)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    values = sorted(IssuedNumber.objects.filter(series=s).values_list("value", flat=True))
    assert values == list(range(1, workers * per + 1))
