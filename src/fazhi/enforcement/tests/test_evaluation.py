"""案卷评查: a seeded draw of closed cases, scoring with deductions, ranking by body,
rectification tasks for low scores and the round's report in Excel."""

from __future__ import annotations

import datetime as dt
import io
import random
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from python_calamine import CalamineWorkbook

from fazhi.core import clock
from fazhi.core.models import LedgerEvent, SupervisionTask
from fazhi.core.tests.signin import sign_in

from ..models import Case, EvaluationSheet
from ..services import evaluation as ev
from .test_campaigns import Bodies

pytestmark = pytest.mark.django_db

D = dt.date
SEED = 20190601


def _closed(b, body, closed_on, status="closed"):
    """A case as the case workflow leaves it at 结案 (the workflow itself is test_cases')."""
    case = b.case(body=body)
    Case.objects.filter(pk=case.pk).update(status=status, closed_on=closed_on)
    return Case.objects.get(pk=case.pk)


class Population:
    def __init__(self) -> None:
        self.b = b = Bodies()
        self.bureau_2019 = [_closed(b, b.bureau, D(2019, m, 10)) for m in range(1, 8)]
        self.market_2019 = [_closed(b, b.market, D(2019, m, 12), "archived") for m in (2, 5, 9)]
        self.bureau_2018 = _closed(b, b.bureau, D(2018, 12, 1))
        self.dropped = _closed(b, b.bureau, D(2019, 4, 1), "dropped")
        self.open_case = b.case()
        self.supervisor, self.reviewer = b.d.supervisor, b.d.reviewer

    def round(self, **kw):
        args = dict(
            actor=self.supervisor,
            org=self.b.d.justice,
            name="2019年度行政执法案卷评查",
            year=2019,
            sample_per_body=5,
            seed=SEED,
            started_on=D(2020, 3, 2),
        )
        args.update(kw)
        return ev.round_create(**args)


@pytest.fixture
def p(db):
    return Population()


def _score(p, sheet, *points):
    deductions = [
        {"dimension": dim, "points": str(x), "reason": f"{dim}扣分理由"}
        for dim, x in zip(("procedure", "evidence", "documents"), points, strict=False)
        if x
    ]
    return ev.sheet_score(actor=p.reviewer, sheet=sheet, deductions=deductions, on=D(2020, 3, 9))


def test_draw_is_seeded_per_body_from_closed_cases_of_the_year(p):
    rnd = p.round()
    sheets = ev.round_draw(actor=p.supervisor, round=rnd)
    drawn = {s.case_id for s in sheets}
    rng = random.Random(SEED)  # the documented procedure, redone by hand
    bureau = sorted(rng.sample(sorted(c.pk for c in p.bureau_2019), 5))
    market = sorted(rng.sample(sorted(c.pk for c in p.market_2019), 3))
    assert drawn == set(bureau) | set(market)
    assert p.bureau_2018.pk not in drawn and p.dropped.pk not in drawn
    assert p.open_case.pk not in drawn
    again = ev.round_draw(actor=p.supervisor, round=p.round(name="复核"))
    assert {s.case_id for s in again} == drawn  # same seed, same population → same draw
    event = LedgerEvent.objects.get(action="enf.evaluation.draw", subject_id=str(rnd.pk))
    assert event.data["seed"] == SEED
    assert event.data["bodies"][str(p.b.bureau.pk)]["population"] == 7
    assert len(event.data["bodies"][str(p.b.market.pk)]["drawn"]) == 3


def test_a_round_draws_once_and_only_a_supervisor_draws(p):
    rnd = p.round()
    with pytest.raises(PermissionDenied):
        ev.round_draw(actor=p.reviewer, round=rnd)
    ev.round_draw(actor=p.supervisor, round=rnd)
    with pytest.raises(ValidationError) as exc:
        ev.round_draw(actor=p.supervisor, round=rnd)
    assert "不能重新抽取" in str(exc.value)
    empty = p.round(year=2017)
    with pytest.raises(ValidationError) as exc:
        ev.round_draw(actor=p.supervisor, round=empty)
    assert "没有可抽取" in str(exc.value)


def test_a_round_without_a_seed_keeps_the_one_drawn(p):
    rnd = p.round(seed=None)
    assert 0 <= rnd.seed < 2**31
    event = LedgerEvent.objects.get(action="enf.evaluation", subject_id=str(rnd.pk))
    assert event.data["seed"] == rnd.seed


def test_scoring_deducts_with_reasons(p):
    rnd = p.round()
    sheet = ev.round_draw(actor=p.supervisor, round=rnd)[0]
    sheet = ev.sheet_score(
        actor=p.reviewer,
        sheet=sheet,
        deductions=[
            {"dimension": "procedure", "points": "10", "reason": "未告知陈述申辩权利"},
            {"dimension": "documents", "points": "2.5", "reason": "文书缺少落款日期"},
        ],
    )
    assert sheet.score == Decimal("87.5") and sheet.evaluator == p.reviewer
    assert [d["reason"] for d in sheet.deductions] == ["未告知陈述申辩权利", "文书缺少落款日期"]
    event = LedgerEvent.objects.filter(action="enf.evaluation.score").get()
    assert event.data["after"]["score"] == "87.5"


@pytest.mark.parametrize(
    ("deduction", "message"),
    [
        ({"dimension": "x", "points": "1", "reason": "r"}, "请选择评查项目"),
        ({"dimension": "law", "points": "0.3", "reason": "r"}, "0.5的正整数倍"),
        ({"dimension": "law", "points": "2", "reason": " "}, "请写明扣分理由"),
        ({"dimension": "subject", "points": "11", "reason": "r"}, "最多扣10分"),
    ],
)
def test_bad_deductions_are_refused_and_change_nothing(p, deduction, message):
    sheet = ev.round_draw(actor=p.supervisor, round=p.round())[0]
    with pytest.raises(ValidationError) as exc:
        ev.sheet_score(actor=p.reviewer, sheet=sheet, deductions=[deduction])
    assert message in str(exc.value)
    assert EvaluationSheet.objects.get(pk=sheet.pk).score is None


def test_only_the_organisers_evaluators_score(p):
    sheet = ev.round_draw(actor=p.supervisor, round=p.round())[0]
    with pytest.raises(PermissionDenied):
        ev.sheet_score(
            actor=p.b.d.leader,
            sheet=sheet,
            deductions=[{"dimension": "law", "points": "1", "reason": "自评"}],
        )


def _score_all(p, rnd):
    """Bureau: 90, 85, 70, 100, 95 (avg 88.00); market: 75, 80, 85 (avg 80.00)."""
    plan = {p.b.bureau.pk: [10, 15, 30, 0, 5], p.b.market.pk: [25, 20, 15]}
    for s in rnd.sheets.select_related("case").order_by("case_id"):
        lost = plan[s.case.body_id].pop(0)
        _score(p, s, min(lost, 25), max(lost - 25, 0))


def test_ranking_by_body_average(p):
    rnd = p.round()
    ev.round_draw(actor=p.supervisor, round=rnd)
    _score_all(p, rnd)
    ranks = ev.ranking(rnd)
    assert [(r.rank, r.body, r.average, r.lowest, r.below) for r in ranks] == [
        (1, p.b.bureau, Decimal("88.00"), Decimal(70), 1),
        (2, p.b.market, Decimal("80.00"), Decimal(75), 1),
    ]


def test_equal_averages_share_a_rank_and_unscored_bodies_come_last(p):
    rnd = p.round(sample_per_body=1)
    sheets = {s.case.body_id: s for s in ev.round_draw(actor=p.supervisor, round=rnd)}
    ranks = ev.ranking(rnd)
    assert [r.rank for r in ranks] == [None, None]
    _score(p, sheets[p.b.bureau.pk], 10)
    _score(p, sheets[p.b.market.pk], 10)
    assert [r.rank for r in ev.ranking(rnd)] == [1, 1]


def test_low_scores_get_rectification_tasks_once(p):
    rnd = p.round()
    ev.round_draw(actor=p.supervisor, round=rnd)
    _score_all(p, rnd)
    with pytest.raises(PermissionDenied):
        ev.round_rectify(actor=p.reviewer, round=rnd)
    with clock.frozen(dt.datetime(2020, 3, 16, 1, tzinfo=dt.UTC)):
        tasks = ev.round_rectify(actor=p.supervisor, round=rnd)
    assert len(tasks) == 2  # 70 and 75 are below 80; 80 itself is not
    assert {t.org for t in tasks} == {p.b.d.bureau, p.b.market_org}
    assert all(t.source == "evaluation" and t.received_on == D(2020, 3, 16) for t in tasks)
    low = [t for t in tasks if t.org == p.b.d.bureau][0]
    assert "70" in low.title and "procedure扣分理由" in low.description
    with pytest.raises(ValidationError) as exc:
        ev.round_rectify(actor=p.supervisor, round=rnd)
    assert "没有需要下达整改的案卷" in str(exc.value)
    more = ev.round_rectify(actor=p.supervisor, round=rnd, threshold="86")
    assert len(more) == 3  # 85, 80 and 85; the earlier two are not repeated
    assert ev.tasks(rnd).count() == 5 == SupervisionTask.objects.count()


def test_finishing_needs_every_sheet_scored_and_then_freezes_scores(p):
    rnd = p.round()
    sheets = ev.round_draw(actor=p.supervisor, round=rnd)
    _score(p, sheets[0], 5)
    with pytest.raises(ValidationError) as exc:
        ev.round_finish(actor=p.supervisor, round=rnd, on=D(2020, 4, 1))
    assert "还有 7 份案卷未评分" in str(exc.value)
    _score_all(p, rnd)
    rnd = ev.round_finish(actor=p.supervisor, round=rnd, on=D(2020, 4, 1))
    assert rnd.finished_on == D(2020, 4, 1)
    with pytest.raises(ValidationError):
        _score(p, sheets[0], 1)


def _book(content: bytes) -> CalamineWorkbook:
    return CalamineWorkbook.from_filelike(io.BytesIO(content))


def test_the_rounds_report_in_excel(p):
    rnd = p.round()
    ev.round_draw(actor=p.supervisor, round=rnd)
    _score_all(p, rnd)
    ev.round_rectify(actor=p.supervisor, round=rnd)
    book = _book(ev.report_workbook(rnd))
    assert book.sheet_names == ["概况", "主体排名", "评查表", "扣分明细", "整改任务"]
    ranking = book.get_sheet_by_name("主体排名").to_python()
    assert ranking[1][:2] == [1.0, "测试区行政执法局"] and ranking[1][4] == 88.0
    assert ranking[2][:2] == [2.0, "测试区市场监督管理局"] and ranking[2][4] == 80.0
    sheets = book.get_sheet_by_name("评查表").to_python()
    assert len(sheets) == 9 and sheets[0][3] == "执法主体扣分"
    details = book.get_sheet_by_name("扣分明细").to_python()
    assert all(row[4].endswith("扣分理由") for row in details[1:])
    assert len(book.get_sheet_by_name("整改任务").to_python()) == 3
    summary = dict((r[0], r[1]) for r in book.get_sheet_by_name("概况").to_python()[2:])
    assert summary["随机抽取种子"] == SEED and summary["抽取案卷数"] == 8


# ---------------------------------------------------------------- pages


def test_round_pages_draw_score_rectify_and_export(p, client):
    sign_in(client, p.supervisor)
    resp = client.post(
        "/workspace/enforcement/evaluation/new/",
        {
            "name": "2019年度案卷评查",
            "year": "2019",
            "org": p.b.d.justice.pk,
            "sample_per_body": "2",
            "seed": str(SEED),
            "started_on": "2020-03-02",
        },
    )
    assert resp.status_code == 302
    rnd = ev.rounds(p.supervisor).get()
    url = f"/workspace/enforcement/evaluation/{rnd.pk}/"
    assert "按随机种子抽取案卷" in client.get(url).content.decode()
    body = client.post(url + "draw/", follow=True).content.decode()
    assert "已抽取 4 份案卷" in body and str(SEED) in body
    sheet = rnd.sheets.order_by("pk").first()
    sign_in(client, p.reviewer)
    data = {
        "d-TOTAL_FORMS": "3",
        "d-INITIAL_FORMS": "0",
        "d-0-dimension": "evidence",
        "d-0-points": "25",
        "d-0-reason": "主要证据不足",
        "d-1-dimension": "",
        "d-2-dimension": "",
    }
    sheet_url = f"/workspace/enforcement/evaluation/sheets/{sheet.pk}/"
    body = client.post(sheet_url, data).content.decode()
    assert "最多扣20分" in body
    data["d-0-points"] = "20"
    assert client.post(sheet_url, data).status_code == 302
    assert EvaluationSheet.objects.get(pk=sheet.pk).score == Decimal(80)
    sign_in(client, p.supervisor)
    body = client.get(url).content.decode()
    assert "执法主体排名" in body and "80.00" in body
    body = client.post(url + "rectify/", {"threshold": "90"}, follow=True).content.decode()
    assert "已下达 1 项整改任务" in body
    resp = client.get(url + "report/")
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "主体排名" in _book(resp.content).sheet_names
    rows = _book(client.get(url + "?scored=1&export=xlsx").content).get_sheet_by_index(0)
    assert len(rows.to_python()) == 2
    listing = client.get("/workspace/enforcement/evaluation/?year=2019&export=xlsx")
    assert _book(listing.content).get_sheet_by_index(0).to_python()[1][0] == "2019年度案卷评查"


def test_bodies_see_their_own_sheets_not_the_round(p, client):
    rnd = p.round()
    sheets = ev.round_draw(actor=p.supervisor, round=rnd)
    mine = next(s for s in sheets if s.case.body_id == p.b.market.pk)
    other = next(s for s in sheets if s.case.body_id == p.b.bureau.pk)
    sign_in(client, p.b.market_leader)
    assert client.get(f"/workspace/enforcement/evaluation/{rnd.pk}/").status_code == 404
    assert client.get(f"/workspace/enforcement/evaluation/sheets/{mine.pk}/").status_code == 200
    assert client.get(f"/workspace/enforcement/evaluation/sheets/{other.pk}/").status_code == 404
    resp = client.post(
        f"/workspace/enforcement/evaluation/sheets/{mine.pk}/",
        {"d-TOTAL_FORMS": "1", "d-INITIAL_FORMS": "0", "d-0-dimension": "law"},
    )
    assert resp.status_code == 403
