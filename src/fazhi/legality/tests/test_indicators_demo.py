"""The seed's legality figures (一(三), 一(四)) from the demo year, through
``fazhi indicators show`` — the path the annual report takes — and the records behind them.

The demo district is loaded once for the module (as enforcement's indicator tests do); when
the shared demo fixture (``pytest.mark.demo``) lands, this module moves onto it."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest

from fazhi.core.indicators import REGISTRY, evaluate
from fazhi.core.models import Clock, IssuedNumber, Organisation, OrgKind

from ..models import (
    Cleanup,
    DocStatus,
    Filing,
    MajorDecision,
    NormativeDocument,
    ReviewKind,
    ReviewRequest,
)

D = dt.date

# The seed report's legality figures, exactly as it writes them.
SEED = [
    ("LEG-DOCS-REVIEWED", "1049件"),  # 一(三)2 “共审查各类文件1049件”
    ("LEG-CONTRACTS-REVIEWED", "175份"),  # 一(三)2 “重大合同文本175份”
    ("LEG-ADVISER-COMMUNITIES", "79个"),  # 一(三)3 “为79个社区(村)配备法律顾问”
    ("LEG-NORMATIVE-IN-FORCE", "47件"),  # 一(四) “区级生效规范性文件共47件”
]


def cli(argv: list[str]) -> int:
    return importlib.import_module("fazhi.cli").main(argv)


# The demo district with every domain's step, built once per run (tests/demodb.py).
pytestmark = pytest.mark.demo
demo = pytest.mark.django_db  # every test here reads the demo (pytestmark)


@demo
@pytest.mark.django_db
@pytest.mark.parametrize(("code", "text"), SEED)
def test_every_seed_figure_through_the_cli(code, text, capsys):
    assert cli(["indicators", "show", code, "--year", "2019"]) == 0
    assert capsys.readouterr().out.strip() == text


@demo
@pytest.mark.django_db
def test_the_records_behind_the_figures(demo_ledger):
    reviewed = ReviewRequest.objects.filter(opinion_on__year=2019)
    kinds = {k: reviewed.filter(kind=k).count() for k in ReviewKind.values}
    # the year's ten normative documents and three decisions came through the services
    assert kinds == {"normative": 10, "document": 1036, "contract": 175, "decision": 3}
    # every contract names its counterparty with a valid credit code, and an amount
    from fazhi.core.identity import validate_credit_code

    for r in reviewed.filter(kind="contract")[:175]:
        assert r.counterparty and r.amount and validate_credit_code(r.counterparty_credit_code)
    # 47 in force at the end of 2019 = 46 before 2019 − 2 expired in 2018 + 6 issued before
    # the cleanup − 6 repealed or declared invalid by it + 3 issued and effective after it
    docs = NormativeDocument.objects.all()
    assert docs.filter(published_on__lt=D(2019, 1, 1)).count() == 46
    assert docs.filter(status=DocStatus.EXPIRED, ended_on__year=2018).count() == 2
    assert docs.filter(published_on__year=2019).count() == 10
    cleanup = Cleanup.objects.get()
    outcomes = sorted(set(cleanup.items.values_list("outcome", flat=True)))
    assert cleanup.items.count() == 50 and outcomes == ["amend", "invalid", "keep", "repeal"]
    assert docs.filter(ended_on=D(2019, 11, 29)).count() == 6
    assert docs.get(published_on=D(2019, 12, 16)).effective_on == D(2020, 1, 15)
    assert evaluate("LEG-NORMATIVE-IN-FORCE", year=2020).value == 48
    # one engagement per community and village, all 79 of them
    places = Organisation.objects.filter(kind__in=(OrgKind.COMMUNITY, OrgKind.VILLAGE))
    assert places.count() == 79
    # 三统一: each 2019 document's two numbers were issued once each, gapless
    texts = list(
        IssuedNumber.objects.filter(series__kind="normative", series__year=2019)
        .order_by("series__prefix", "value")
        .values_list("text", flat=True)
    )
    assert texts == [f"芙政办发〔2019〕{n}号" for n in range(1, 6)] + [
        f"芙政发〔2019〕{n}号" for n in range(1, 6)
    ]
    # filing with the three bodies: one filing late, red-carded
    filings = Filing.objects.filter(document__published_on__year=2019)
    assert filings.count() == 30 and list(
        filings.filter(late=True).values_list("late", flat=True)
    ) == [True]
    assert evaluate("LEG-FILINGS-ON-TIME", year=2019).value == 29
    assert MajorDecision.objects.filter(status="published").count() == 3
    # every review of the year answered within its limit (the bulk clocks stopped in time)
    assert (
        Clock.objects.filter(subject_type="legality.reviewrequest", stopped_on__isnull=True)
        .exclude(started_on__year=2019)
        .count()
        == 24
    )
    assert demo_ledger.exit == 0, demo_ledger.output  # verified once per run


@demo
@pytest.mark.django_db
def test_every_legality_indicator_lists_its_records():
    for code, ind in REGISTRY.items():
        if ind.module == "legality":
            fig = evaluate(code, year=2019)
            assert ind.records(None, fig.period).count() == fig.value, code


@demo
@pytest.mark.django_db
def test_the_reviewer_login_finds_its_reviews_on_the_todo():
    """The demo's 法制审核人员 (区司法局) at first login: the 12 requests of the last weeks
    assigned to it and the 4 waiting to be assigned."""
    from fazhi.core import todo
    from fazhi.core.models import User

    waiting = [
        x.matter for x in todo.waiting_for(User.objects.get(username="reviewer"))
        if isinstance(x.matter, ReviewRequest)
    ]  # fmt: skip
    assert sorted(r.status for r in waiting) == ["assigned"] * 12 + ["submitted"] * 4
    assert all(r.received_on.year > 2019 for r in waiting)
