"""Two at once on enforcement records: a double click on 公示 or 作出决定, two clerks
registering the same certificate, the same file imported twice — the first one wins, the
others get a clear message (or the same record), nothing is created twice and nothing is a
500."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core import clocks
from fazhi.core.models import Role
from fazhi.core.tests.concurrency import race, refusals, workers
from fazhi.core.tests.factories import SYSTEM

from ..models import (
    AnnualStatistics,
    Case,
    CaseOfficer,
    Certificate,
    Decision,
    EvaluationSheet,
    GridCell,
    Publication,
)
from ..services import cases, catalogue, decisions, evaluation, grid, history, publicity, statistics
from .matrixworld import EnforcementWorld

pytestmark = pytest.mark.django_db(transaction=True)
D = dt.date


@pytest.fixture
def w(settings, tmp_path):
    settings.ATTACHMENT_ROOT = tmp_path / "att"
    return EnforcementWorld.create()


def test_publishing_twice_at_once(w):
    d = w.decision()
    out = race(
        lambda i: publicity.publish(actor=w.actor(Role.LEADER), decision=d, on=D(2024, 3, 20))
    )
    assert Publication.objects.filter(decision=d).count() == 1
    assert refusals(out) == ["决定书 芙执罚决〔2024〕1号 已经公示。"] * (workers() - 1)


def test_deciding_twice_at_once(w):
    case = w.case("notified")
    out = race(
        lambda i: decisions.decide(
            actor=w.actor(Role.LEADER),
            case=Case.objects.get(pk=case.pk),
            on=D(2024, 3, 18),
            outcome="penalty",
            basis="《城市市容和环境卫生管理条例》第三十六条",
            fine=Decimal(150),
            band=w.light,
            kinds=["fine"],
        )
    )
    assert Decision.objects.filter(case=case).count() == 1
    assert refusals(out) == ["该事项已经是“已作出决定”，无需重复办理。"] * (workers() - 1)


def test_the_annual_statistics_prepared_and_published_twice_at_once(w):
    leader = w.actor(Role.LEADER)
    out = race(
        lambda i: statistics.statistics_prepare(
            actor=leader, body=w.body, year=2025, on=D(2026, 1, 6)
        )
    )
    assert refusals(out) == []
    stats = AnnualStatistics.objects.get(body=w.body, year=2025)
    assert clocks.for_subject(stats).count() == 1  # one SZ-4 clock, not one per click
    out = race(
        lambda i: statistics.statistics_publish(actor=leader, stats=stats, on=D(2026, 1, 20))
    )
    assert refusals(out) == ["矩阵测试区行政执法局2025年度行政执法数据已于 2026-01-20 公开。"] * (
        workers() - 1
    )


def test_one_certificate_of_a_number(w):
    out = race(
        lambda i: catalogue.certificate_issue(
            actor=w.actor(Role.LEADER),
            officer=w.officer2,
            number="湘执M2009",
            fields=[w.city],
            issuer="长沙市人民政府",
            valid_from=D(2024, 1, 1),
            valid_to=D(2029, 12, 31),
        )
    )
    assert Certificate.objects.filter(number="湘执M2009").count() == 1
    assert refusals(out) == ["执法证编号已存在：湘执M2009"] * (workers() - 1)


def test_the_same_officer_assigned_twice_at_once(w):
    case = w.case("clue")
    out = race(
        lambda i: cases.assign_officer(
            actor=w.actor(Role.LEADER), case=case, officer=w.officer2, on=D(2024, 3, 5)
        )
    )
    assert refusals(out) == []
    assert CaseOfficer.objects.filter(case=case, officer=w.officer2).count() == 1


def test_the_first_cases_of_a_year_numbered_at_once(w):
    out = race(
        lambda i: cases.case_open(
            actor=w.actor(Role.CLERK),
            body=w.body,
            field=w.city,
            item=w.item,
            source="patrol",
            party_kind="person",
            party_name=f"当事人{i}",
            received_on=D(2025, 1, 6),
        )
    )
    assert refusals(out) == []
    assert sorted(o.value.number for o in out) == sorted(
        f"芙执案〔2025〕{n}号" for n in range(1, workers() + 1)
    )


def test_drawing_a_round_twice_at_once(w):
    rnd = w.round()
    out = race(lambda i: evaluation.round_draw(actor=w.actor(Role.SUPERVISOR), round=rnd))
    assert EvaluationSheet.objects.filter(round=rnd).count() == 1
    assert refusals(out) == ["本轮已抽取案卷，不能重新抽取。"] * (workers() - 1)


def test_a_past_case_imported_twice_at_once(w):
    out = race(
        lambda i: history.case_import_closed(
            actor=w.actor(Role.LEADER),
            body=w.body,
            number="芙执案〔2018〕15号",
            field=w.city,
            source="patrol",
            procedure="general",
            party_kind="person",
            party_name="刘某某",
            received_on=D(2018, 5, 2),
            decision_number="芙执罚决〔2018〕12号",
            decided_on=D(2018, 6, 1),
            outcome="penalty",
            fine=Decimal(200),
            basis="《城市市容和环境卫生管理条例》第三十六条",
            closed_on=D(2018, 6, 20),
        )
    )
    assert Case.objects.filter(number="芙执案〔2018〕15号").count() == 1
    # each loser is told which of the row's two unique numbers it found taken: one when the
    # unique index refused its insert, both when it checked after the winner had committed
    told = refusals(out)
    assert len(told) == workers() - 1
    assert set(told) <= {
        "案件编号 芙执案〔2018〕15号 已经存在。",
        "决定书文号 芙执罚决〔2018〕12号 已经存在。",
        "案件编号 芙执案〔2018〕15号 已经存在。；决定书文号 芙执罚决〔2018〕12号 已经存在。",
    }


def test_one_grid_cell_of_a_code(w):
    top = w.cell().parent
    out = race(
        lambda i: grid.cell_save(
            actor=SYSTEM, code="M-430102-09", name="九号网格", level="street", org=w.org, parent=top
        )
    )
    assert GridCell.objects.filter(code="M-430102-09").count() == 1
    assert refusals(out) == ["网格编码已存在：M-430102-09"] * (workers() - 1)


@pytest.mark.django_db
def test_evidence_is_refused_by_the_status_of_the_locked_row(settings, tmp_path):
    """The caller's copy says 已立案, the row says 已决定: the row wins."""
    settings.ATTACHMENT_ROOT = tmp_path / "att"
    w = EnforcementWorld.create()
    stale = w.case("registered")
    stale_copy = Case.objects.get(pk=stale.pk)
    w.case("decided")  # another case; now decide this one behind the copy's back
    c = cases.propose(actor=SYSTEM, case=stale, fine=Decimal(150), band=w.light, kinds=["fine"])
    c = cases.notify(actor=SYSTEM, case=c, on=D(2024, 3, 8))
    decisions.decide(
        actor=SYSTEM, case=c, on=D(2024, 3, 18), outcome="penalty", basis="第三十六条",
        fine=Decimal(150), band=w.light, kinds=["fine"],
    )  # fmt: skip
    assert stale_copy.status == "registered"
    with pytest.raises(Exception) as exc:
        cases.evidence_add(
            actor=w.actor(Role.OFFICER), case=stale_copy, kind="document", title="补充笔录",
            collected_on=D(2024, 3, 19), officer=w.officer,
        )  # fmt: skip
    assert exc.value.messages == ["案件已进入 已作出决定 阶段，不能再补充证据。"]
    assert stale.evidence.count() == 1
