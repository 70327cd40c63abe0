"""The demo year of open government and audit: every seed figure through ``fazhi
indicators show`` exactly as the seed writes it (一(六)1 全年完成审计项目268个，审减金额
2.6亿元; 一(六)3 共受理政府信息公开申请130件，全部按期答复), the ledger clean, and the
demo's clerk and supervisor with work on their to-do at first login.

The demo district's organisations and logins are loaded with these two domains' demo steps
only, once for the module (the enforcement year takes minutes on a loaded machine); when the
shared demo fixture lands (``pytest.mark.demo``), this module moves onto it.
"""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest

from fazhi.core import todo
from fazhi.core.models import User

SEED = [
    ("GK-REQ-RECEIVED", "130件"),
    ("GK-REQ-ON-TIME", "130件"),
    ("AUD-PROJECTS", "268个"),
    ("AUD-CUT", "2.6亿元"),
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
def test_the_outcomes_add_up_and_the_cuts_are_exact():
    from fazhi.core.indicators import evaluate

    rows = [
        "GK-REQ-DISCLOSED",
        "GK-REQ-PARTLY",
        "GK-REQ-NOT-DISCLOSED",
        "GK-REQ-CANNOT-PROVIDE",
        "GK-REQ-NOT-HANDLED",
        "GK-REQ-OTHER",
    ]
    assert [evaluate(c, year=2019).value for c in rows] == [68, 12, 8, 28, 10, 4]
    assert evaluate("AUD-CUT", year=2019).value == Decimal("260000000.00")


@demo
@pytest.mark.django_db
def test_the_ledger_and_the_records_agree(demo_ledger):
    # `fazhi ledger verify --state` on the demo template, run once per test run
    assert demo_ledger.exit == 0, demo_ledger.output
    assert "业务记录与全过程记录一致" in demo_ledger.output


@demo
@pytest.mark.django_db
def test_the_clerk_and_the_supervisor_have_work_at_first_login():
    clerk = User.objects.get(username="clerk")
    kinds = {w.kind for w in todo.waiting_for(clerk)}
    assert {"政府信息公开申请", "审计整改任务"} <= kinds
    supervisor = User.objects.get(username="supervisor")
    assert "审计整改任务" in {w.kind for w in todo.waiting_for(supervisor)}
    assert any("政府信息公开申请答复期限" in r.title for r in todo.reminders_for(supervisor))


@demo
@pytest.mark.django_db
def test_the_districts_2019_goi_table_adds_up_to_the_seed():
    from fazhi.opengov.models import AnnualReport

    from .test_annual import check_sums

    rep = AnnualReport.objects.get(org__parent__isnull=True, year=2019)
    rows = rep.table["requests"]
    check_sums(rows)
    by = {r["key"]: r["values"][-1] for r in rows if r["values"]}
    assert (by["new"], by["carried"], by["total"], by["forward"]) == (130, 0, 130, 0)
    assert (by["disclosed"], by["partly"], by["not_disclosed"]) == (68, 12, 8)
    assert str(rep.published_on) == "2020-03-25"


@demo
@pytest.mark.django_db
def test_show_all_states_each_figure(capsys):
    # the Done-when: `fazhi indicators show --all --year 2019` states 130, 268, 2.6亿元
    assert cli(["indicators", "show", "--all", "--year", "2019"]) == 0
    out = capsys.readouterr().out
    for code, text in SEED:
        line = next(x for x in out.splitlines() if x.startswith(code + "\t"))
        assert line.endswith("\t" + text), line
