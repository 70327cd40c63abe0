"""The disputes demo year: every seed figure of 一(七) through ``fazhi indicators show``, the
records behind them, and the live matters on each demo login's to-do.

The kernel's district and this domain's step are loaded once for the module (50 s on SQLite
at a load average of 10 on 2 cores, docs/benchmarks.md) — only this step, not the others (``fazhi demo --step`` when the shared demo fixture
lands, ``pytest.mark.demo("矛盾化解（2019年度）")``)."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.db.models import Count, F, Sum

from fazhi.core import clock, identity, todo
from fazhi.core.indicators import evaluate
from fazhi.core.models import Clock, IssuedNumber, NumberSeries, User

from .. import crossref, rules
from ..models import (
    Agreement,
    BacklogCase,
    Dispute,
    DisputeParty,
    InspectionBatch,
    Petition,
    PetitionPerson,
    Reconsideration,
    RespondentCase,
)

# The seed report's figures of 一(七), exactly as it writes them.
SEED = [
    ("DIS-FY-ACCEPTED", "115件"),  # 全年受理行政复议案件115件
    ("DIS-YS-LAWSUITS", "173件"),  # 应对区政府作为当事人的行政诉讼案件173件
    ("DIS-YS-RECONSIDERATIONS", "44件"),  # 行政复议案件44件
    ("DIS-TJ-SETTLED", "3611件"),  # 成功调处各类民间矛盾纠纷3611件
    ("DIS-TJ-AMOUNT", "6309.11万元"),  # 协议涉及金额6309.11万元
    ("DIS-TJ-MAJOR", "88件"),  # 其中重大疑难复杂纠纷88件
    ("DIS-TJ-MAJOR-PERFORMED", "88件"),  # 全部履行到位
    ("DIS-XF-BACKLOG", "10件"),  # 成功化解信访积案10件
    ("DIS-XF-BACKLOG-PERSONS", "11人"),  # 11人
    ("DIS-XF-DISPUTES", "75起"),  # 调处信访类矛盾纠纷75起
    ("DIS-XF-PROV-ITEMS", "54件"),  # 省委巡视组交办信访件第8至11批54件
    ("DIS-XF-PROV-BATCHES", "4批"),
    ("DIS-XF-PROV-BATCH-FIRST", "8"),  # 第8
    ("DIS-XF-PROV-BATCH-LAST", "11批"),  # 至11批
    ("DIS-XF-CENTRAL-ITEMS", "143件"),  # 中央扫黑除恶督导组交办信访件35批143件
    ("DIS-XF-CENTRAL-BATCHES", "35批"),
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


def test_show_all_states_each_figure(capsys):
    assert cli(["indicators", "show", "--all", "--year", "2019"]) == 0
    out = capsys.readouterr().out
    for code, text in SEED:
        line = next(x for x in out.splitlines() if x.startswith(code + "\t"))
        assert line.endswith("\t" + text), line


def test_the_records_behind_the_figures():
    assert evaluate("DIS-TJ-AMOUNT", year=2019).value == Decimal("63091100.00")
    settled = Dispute.objects.filter(agreed_on__year=2019).exclude(source="petition")
    assert settled.aggregate(s=Sum("agreement__amount"))["s"] == Decimal("63091100.00")
    assert settled.filter(is_major=True, status="performed").count() == 88
    batches = InspectionBatch.objects.filter(team="provincial", received_on__year=2019)
    assert sorted(batches.values_list("batch_no", flat=True)) == [8, 9, 10, 11]
    assert InspectionBatch.objects.filter(team="central").count() == 35
    resolved = BacklogCase.objects.filter(status="resolved", closed_on__year=2019)
    assert sum(c.persons.count() for c in resolved) == 11
    # records that must not count are there, and do not count
    assert Reconsideration.objects.filter(status="refused", received_on__year=2019).exists()
    assert Reconsideration.objects.filter(accepted_on__year=2020).exists()
    assert RespondentCase.objects.filter(respondent__kind="district", received_on__year=2020)
    assert RespondentCase.objects.filter(received_on__year=2019).exclude(
        respondent__kind="district"
    )
    assert Dispute.objects.filter(received_on__year=2019, agreed_on__year=2020).exists()
    assert BacklogCase.objects.filter(received_on__year=2019).exclude(status="resolved")
    assert InspectionBatch.objects.filter(team="other", received_on__year=2019).exists()
    assert evaluate("DIS-FY-RECEIVED", year=2019).value == 124
    # every 2019 decision within its period; reversals and losses plausible
    assert (
        evaluate("DIS-FY-ON-TIME", year=2019).value == evaluate("DIS-FY-DECIDED", year=2019).value
    )
    assert Decimal("0.05") < evaluate("DIS-FY-REVERSAL-RATE", year=2019).value < Decimal("0.3")
    assert Decimal("0.02") < evaluate("DIS-YS-LOSS-RATE", year=2019).value < Decimal("0.2")
    assert Decimal("0.4") < evaluate("DIS-YS-HEAD-RATE", year=2019).value < Decimal("0.9")


def test_the_ledger_and_the_rows_agree(demo_ledger):
    # `fazhi ledger verify --state` on the demo template, run once per test run
    assert demo_ledger.exit == 0, demo_ledger.output
    assert demo_ledger.records > 9000


def test_people_and_numbers_look_real():
    # no 示例 placeholders; identity numbers and credit codes with valid check characters
    names = list(PetitionPerson.objects.values_list("name", flat=True)[:500])
    names += list(DisputeParty.objects.values_list("name", flat=True)[:500])
    assert not [n for n in names if "示例" in n or any(ch.isdigit() for ch in n)]
    for n in DisputeParty.objects.exclude(id_number="").values_list("id_number", flat=True)[:800]:
        identity.validate_id_number(n)
    for c in DisputeParty.objects.exclude(credit_code="").values_list("credit_code", flat=True)[
        :300
    ]:
        identity.validate_credit_code(c)
    # GB/T 9704 numbers, gapless per series, series standing at their last number
    for s in NumberSeries.objects.filter(kind__startswith="dis-"):
        values = sorted(IssuedNumber.objects.filter(series=s).values_list("value", flat=True))
        assert values == list(range(1, s.last_value + 1)), s
    assert Reconsideration.objects.filter(number="芙政复收〔2019〕1号").exists()
    assert Agreement.objects.filter(number__regex=r"^\S+〔2019〕[1-9]\d*号$").count() > 3000


def test_clocks_agree_with_the_kernels_computation():
    from fazhi.core import rules as core_rules
    from fazhi.core.calendar import get_calendar

    cal = get_calendar()
    sample = Clock.objects.filter(subject_type__startswith="disputes.").order_by("?")[:200]
    for c in sample.select_related("rule"):
        d = core_rules.compute(cal, c.rule.code, c.started_on, extension=c.extension)
        assert d.due.due == c.due_on, (c.rule.code, c.started_on)
        assert d.version.pk == c.version_id
    # no clock of a 2019 matter left open but the parties' own periods
    open_2019 = Clock.objects.filter(
        subject_type__startswith="disputes.", started_on__year=2019, stopped_on__isnull=True
    )
    assert not open_2019.filter(party=False).exists()
    # every 2019 dispute dated in order
    assert not Dispute.objects.filter(agreed_on__lt=F("received_on")).exists()
    assert not Petition.objects.filter(closed_on__lt=F("received_on")).exists()


@pytest.mark.parametrize(
    ("username", "kinds"),
    [
        ("reviewer", {"行政复议案件", "行政应诉案件"}),
        ("leader", {"行政复议案件", "行政应诉案件", "信访事项", "交办信访件", "信访积案"}),
        ("supervisor", {"信访积案", "交办批次"}),
        ("mediator", {"矛盾纠纷"}),
        ("petition", {"信访事项", "交办信访件"}),
        ("clerk", {"行政复议案件"}),
    ],
)
def test_each_demo_login_has_real_work(username, kinds):
    user = User.objects.get(username=username)
    waiting = todo.waiting_for(user)
    found = {w.kind for w in waiting}
    assert kinds <= found, (username, found)
    # recent matters, in the weeks before today
    recent = [w for w in waiting if w.kind in kinds]
    assert all((clock.today() - w.matter.received_on).days < 130 for w in recent)


def test_the_reviewer_sees_an_application_accepted_by_silence():
    user = User.objects.get(username="reviewer")
    received = [w.matter for w in todo.waiting_for(user) if w.kind == "行政复议案件"]
    past = [
        c
        for c in received
        if c.status == "received" and rules.open_clock(c, rules.ACCEPT).due_on < clock.today()
    ]
    assert past, "one application's 5 working days have passed: 视为受理 is offered"


def test_the_lawsuit_on_its_12th_day_is_red():
    case = RespondentCase.objects.get(
        received_on=clock.today() - dt.timedelta(days=12), respondent__short_name="区行政执法局"
    )
    c = rules.open_clock(case, rules.LAWSUIT_ANSWER)
    assert rules.answer_card(c).status == "red"


def test_repeat_petitioner_and_hot_spots():
    user = User.objects.get(username="supervisor")
    # a petitioner of 2019 who also went to mediation, come back this year
    p = Petition.objects.filter(received_on__year=clock.today().year).annotate(n=Count("persons"))
    seen = [crossref.repeat_people(user, x) for x in p]
    assert any(any(a.kind == "矛盾纠纷" for _n, apps in s for a in apps) for s in seen)
    spots = crossref.hot_spots(user, dt.date(2019, 1, 1), dt.date(2019, 12, 31), threshold=150)
    assert spots and spots[0].street == "芙蓉区东屯渡街道办事处"
