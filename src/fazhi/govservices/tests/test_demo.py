"""The demo's 2019 services year: every seed figure through ``fazhi indicators show``, exactly
as the seed writes it, and the year's records checked for what they must be (ledger intact,
numbers gapless, clocks as the calendar counts them, applicants' identifiers valid, the clerk's
to-do filled).

The module runs on a copy of the demo district, built once per test run
(``pytest.mark.demo``, tests/demodb.py).
"""

from __future__ import annotations

import importlib
import re
from decimal import Decimal

import pytest
from django.db.models import F

from fazhi.core import calendar, clocks, identity, todo
from fazhi.core.indicators import evaluate
from fazhi.core.models import Clock, IssuedNumber, NumberSeries, User
from fazhi.core.redaction import find_personal_data

from ..models import (
    Application,
    AppStatus,
    Item,
    PackageApplication,
    Rating,
    Rectification,
    Window,
)

# The seed report's services figures, exactly as it writes them (一(二)1, 一(二)3).
SEED = [
    ("GS-MOVED-LICENCES", "34项"),  # 新增加34项商事登记许可
    ("GS-MOVED-FILINGS", "7项"),  # 和7项备案业务
    ("GS-BUREAU-ITEMS", "330项"),  # 依申请类政务服务事项已达330项
    ("GS-WINDOWS-MERGED", "39个"),  # 将原有的39个办事窗口
    ("GS-WINDOWS-COMPREHENSIVE", "4个"),  # 等4个综合窗口
    ("GS-STARTUP-PROMISE", "1.5个工作日"),  # 企业开办和注销压减至1.5个工作日内完成
    ("GS-CAT-ITEMS", "1004项"),  # 梳理区级事项1004项
    ("GS-CAT-REPORTED", "713项"),  # 部门上报713项
    ("GS-CAT-DISPUTED", "291项"),  # 有异议事项291项
    ("GS-CAT-ADOPTED", "341项"),  # 沿用国家、省级目录341项
    ("GS-ENTRIES", "962项"),  # 已填报实施清单962项
    ("GS-MATERIALS-CUT", "447项"),  # 精减审批材料447项
    ("GS-PROOF-MATERIALS-CUT", "32项"),  # 取消证明材料32项
    ("GS-MATERIAL-RATE", "77%"),  # 精减率达77%
    ("GS-PACKAGE-ITEMS", "96个"),  # 96个高频率审批项目
    ("GS-DELEGATED", "227项"),  # 227项服务事项在街道
    ("GS-DELEGATED-CUT", "90%以上"),  # 办理时限压减90%以上
    ("GS-PROOFS-REDUCED", "84项"),  # 2019年再减少84项
    ("GS-PROOFS-REDUCED-LAST-YEAR", "135项"),  # 在2018年减少证明材料135项基础上
]


def cli(argv: list[str]) -> int:
    # The CLI is a face; domains may not import it (import-linter), tests drive it as users do.
    return importlib.import_module("fazhi.cli").main(argv)


# The demo district with every domain's step, built once per run (tests/demodb.py).
pytestmark = [pytest.mark.demo, pytest.mark.django_db]


@pytest.mark.parametrize(("code", "text"), SEED)
def test_every_seed_figure_through_the_cli(code, text, capsys):
    assert cli(["indicators", "show", code, "--year", "2019"]) == 0
    assert capsys.readouterr().out.strip() == text


def test_proofs_cut_in_2018_and_the_whole_list(capsys):
    assert cli(["indicators", "show", "GS-PROOFS-REDUCED", "--year", "2018"]) == 0
    assert capsys.readouterr().out.strip() == "135项"  # 在2018年减少证明材料135项基础上
    assert cli(["indicators", "show", "--all", "--year", "2019"]) == 0
    out = capsys.readouterr().out
    for code, text in SEED:
        assert f"{code}\t" in out and out.split(f"{code}\t", 1)[1].split("\n", 1)[0].endswith(text)


def test_the_figures_behind_the_rounded_ones_and_what_does_not_count():
    fig = {c: evaluate(c, year=2019).value for c, _t in SEED}
    assert fig["GS-MATERIAL-RATE"] == Decimal(479) / Decimal(622)
    assert 0.9 <= fig["GS-DELEGATED-CUT"] < 1
    # 2018 records are in the tables and do not count for 2019
    assert Item.objects.filter(catalogued_on__year=2018).count() == 36
    assert evaluate("GS-CAT-ITEMS", year=2018).value == 36
    assert evaluate("GS-MOVED-LICENCES", year=2018).value > 0  # moved in 2018: not 2019's
    assert evaluate("GS-ENTRIES", year=2018).value == 36
    # the district's other windows (streets) received no merges
    assert Window.objects.filter(kind="comprehensive").count() > 4


def test_the_year_of_applications():
    """The year as the demo's fixed seeds make it, to the record."""
    apps = Application.objects.filter(received_on__year=2019)
    n = apps.count()
    assert n == 20_160
    fig = {
        c: evaluate(c, year=2019).value
        for c in (
            "GS-APPS-RECEIVED",
            "GS-APPS-CLOSED",
            "GS-PROMISE-ON-TIME",
            "GS-STATUTORY-ON-TIME",
            "GS-SATISFACTION",
            "GS-RECT-CLOSED",
            "GS-BAD-RATINGS",
            "GS-RECT-ON-TIME",
            "GS-STARTUP-WITHIN",
        )
    }
    assert (fig["GS-APPS-RECEIVED"], fig["GS-APPS-CLOSED"]) == (n, 19_025)
    # closed ones, some late on the promise, a handful late on the statute (per clock), rated
    assert fig["GS-PROMISE-ON-TIME"] == Decimal(18_469) / Decimal(19_025)
    assert fig["GS-STATUTORY-ON-TIME"] == Decimal(46_400) / Decimal(46_419)
    assert Rating.objects.filter(rated_on__year=2019).count() == 11_022
    assert fig["GS-SATISFACTION"] == Decimal(10_852) / Decimal(11_022)
    # every bad rating opened a rectification; those of late December were replied in 2020
    assert (fig["GS-BAD-RATINGS"], fig["GS-RECT-CLOSED"]) == (170, 159)
    assert fig["GS-RECT-ON-TIME"] == Decimal(141) / Decimal(159)
    assert Rectification.objects.count() == Rating.objects.filter(score__lte=2).count() == 171
    assert apps.filter(closed_on__year=2020).count() == 162  # received in late December
    assert apps.filter(status=AppStatus.REVOKED).count() == 8
    assert Application.objects.filter(closed_on__lt=F("received_on")).count() == 0
    assert fig["GS-STARTUP-WITHIN"] == Decimal(35) / Decimal(36)
    assert PackageApplication.objects.filter(received_on__year=2019, status="closed").count() == (
        1_080
    )


def test_numbers_clocks_and_identifiers():
    for s in NumberSeries.objects.filter(kind__startswith="gs-"):
        values = sorted(IssuedNumber.objects.filter(series=s).values_list("value", flat=True))
        assert values == list(range(1, s.last_value + 1)), s
    cal = calendar.get_calendar()
    for c in Clock.objects.filter(
        subject_type="govservices.application", started_on__year=2019
    ).order_by("?")[:300]:
        assert c.due_on == cal.add_workdays(c.started_on, c.version.length + c.extension), c
        assert clocks.explain(c).due == c.due_on
    for a in Application.objects.order_by("?")[:300]:
        if a.applicant_id_number:
            identity.validate_id_number(a.applicant_id_number)
        if a.applicant_credit_code:
            identity.validate_credit_code(a.applicant_credit_code)
        assert not re.search(r"示例|\d{5}$", a.applicant_name)


def test_the_ledger_verifies(demo_ledger):
    # `fazhi ledger verify --state` on the demo template, run once per test run
    assert demo_ledger.exit == 0, demo_ledger.output
    assert "业务记录与全过程记录一致" in demo_ledger.output


def test_the_demo_logins_have_work():
    clerk = User.objects.get(username="clerk")
    waiting = todo.waiting_for(clerk)
    assert len(waiting) >= 15
    kinds = {w.matter.status for w in waiting}
    assert {"received", "accepted", "decided"} <= kinds
    leader = User.objects.get(username="gs_leader")
    assert any(type(w.matter).__name__ == "Rectification" for w in todo.waiting_for(leader))
    assert todo.waiting_for(User.objects.get(username="street_clerk"))


def test_public_pages_show_no_applicant(client):
    app = (
        Application.objects.filter(status=AppStatus.CLOSED, applicant_kind="person")
        .order_by("pk")
        .first()
    )
    pages = [
        client.get("/govservices/").content.decode(),
        client.get(f"/govservices/items/{app.item_id}/").content.decode(),
        client.post(
            "/govservices/status/", {"number": app.number, "code": app.check_code}
        ).content.decode(),
    ]
    for page in pages:
        text = re.sub(r"<[^>]+>", " ", page)
        assert app.applicant_id_number not in text and app.applicant_phone not in text
        assert app.applicant_name not in text
        assert "id_number" not in {h.kind for h in find_personal_data(text)}
