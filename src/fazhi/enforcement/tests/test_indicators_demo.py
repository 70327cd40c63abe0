"""Enforcement indicators: every seed figure from the demo year, and each definition on
small data.

The module runs on a copy of the demo district (``pytest.mark.demo``: built once per test
run, see tests/demodb.py) and the module's tests read it through ``fazhi indicators show`` —
the same path the annual report takes. The small-data tests build their own organisations under a
separate root and evaluate with ``org=`` that root, so they pass whether or not the demo
year is loaded at that moment.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from decimal import Decimal

import pytest
from django.db.models import Count, F, Q

from fazhi.core import clock, clocks, identity, ledger, numbering
from fazhi.core import demo as core_demo
from fazhi.core import rules as core_rules
from fazhi.core.bulk import BulkError, BulkLoader
from fazhi.core.calendar import get_calendar
from fazhi.core.indicators import REGISTRY, Period, evaluate
from fazhi.core.ledger import SystemActor
from fazhi.core.models import (
    CalendarYear,
    Clock,
    IssuedNumber,
    LedgerEvent,
    LedgerHead,
    Membership,
    NumberSeries,
    Organisation,
    OrgKind,
    Role,
    SupervisionTask,
    User,
)
from fazhi.core.tests.signin import sign_in

from .. import indicators as ind
from ..models import (
    BodyKind,
    Campaign,
    Case,
    CaseOfficer,
    Certificate,
    Decision,
    DiscretionBand,
    EnforcementBody,
    EnforcementField,
    EnforcementItem,
    EvaluationRound,
    EvaluationSheet,
    GridCategory,
    GridCell,
    GridReport,
    Inspection,
    LegalReview,
    Officer,
    Operation,
    Procedure,
    Publication,
    SamplingBatch,
)

D = dt.date
SYSTEM = SystemActor("测试")

# The seed report's enforcement figures, exactly as it writes them (一(二)2, 一(五)1).
SEED = [
    ("ENF-BUREAU-CASES", "8130起"),
    ("ENF-BUREAU-FINES", "259万余元"),
    ("ENF-ENV-PERSON-TIMES", "121947人次"),
    ("ENF-ENV-JOINT-OPS", "1202次"),
    ("ENF-ENV-CASES", "5810起"),
    ("ENF-ENV-FINES", "767.8821万元"),
    ("ENF-MARKET-RECTIFICATIONS", "22个方面"),
    ("ENF-MARKET-RECT-OPS", "310次"),
    ("ENF-FOOD-DRUG-CASES", "295起"),
    ("ENF-MARKET-SAMPLES", "13051批次"),
    ("ENF-GRID-RECEIVED", "74669条"),
    ("ENF-GRID-SUPERVISED", "5000余条"),
    ("ENF-SAFETY-INSPECTIONS", "8132家"),
    ("ENF-SAFETY-FINES", "533.03万元"),
    ("ENF-HEALTH-VERIFIED", "260家"),
    ("ENF-HEALTH-CASES", "80起"),
    ("ENF-HEALTH-FINES", "25.35万元"),
]


def cli(argv: list[str]) -> int:
    # The CLI is a face; domains may not import it (import-linter), tests drive it as users do.
    return importlib.import_module("fazhi.cli").main(argv)


# ============================================================================================
# The demo year
# ============================================================================================


# The module runs on a copy of the demo district, built once per test run (tests/demodb.py).
pytestmark = pytest.mark.demo
demo = pytest.mark.demo  # marks the tests that read the demo year


@demo
@pytest.mark.django_db
@pytest.mark.parametrize(("code", "text"), SEED)
def test_every_seed_figure_through_the_cli(code, text, capsys):
    assert cli(["indicators", "show", code, "--year", "2019"]) == 0
    assert capsys.readouterr().out.strip() == text


@demo
@pytest.mark.django_db
def test_exact_amounts_behind_the_rounded_figures():
    fig = {c: evaluate(c, year=2019).value for c in REGISTRY if c.startswith("ENF-")}
    assert fig["ENF-BUREAU-FINES"] == Decimal("2591350.00")  # the demo's choice for 259万余元
    assert fig["ENF-ENV-FINES"] == Decimal("7678821.00")
    assert fig["ENF-SAFETY-FINES"] == Decimal("5330300.00")
    assert fig["ENF-HEALTH-FINES"] == Decimal("253500.00")
    assert fig["ENF-GRID-SUPERVISED"] == 5046
    assert fig["ENF-REVIEW-COVERAGE"] == 1
    assert fig["ENF-CERT-COVERAGE"] == 1
    assert 0 < fig["ENF-PUBLICITY-ON-TIME"] < 1
    assert 0 < fig["ENF-GRID-ON-TIME-RATE"] < 1
    assert fig["ENF-GRID-ON-TIME"] < fig["ENF-GRID-CLOSED"] < fig["ENF-GRID-RECEIVED"]
    assert 80 < fig["ENF-EVAL-SCORE"] <= 100
    # records that must not count are there, and do not count
    assert Case.objects.filter(outcome="dropped", closed_on__year=2019).exists()
    assert Case.objects.filter(received_on__year=2019, closed_on__year=2020).exists()
    assert GridReport.objects.filter(status="invalid", received_on__year=2019).exists()
    assert SupervisionTask.objects.filter(source="grid", status="cancelled").exists()
    assert evaluate("ENF-CASES-CLOSED", year=2020).value > 0


@demo
@pytest.mark.django_db
def test_the_ledger_verifies_after_the_demo(demo_ledger):
    assert demo_ledger.exit == 0, demo_ledger.output
    assert demo_ledger.events == LedgerEvent.objects.count() > 100_000


@demo
@pytest.mark.django_db
def test_cases_look_like_cases():
    cal = get_calendar()
    cases = Case.objects.filter(received_on__year=2019)
    assert all(cal.is_workday(d) for d in cases.values_list("received_on", flat=True).distinct())
    assert not cases.filter(closed_on__lt=F("received_on")).exists()
    # two certified officers on every general-procedure case, with certificates valid then
    general = cases.filter(procedure=Procedure.GENERAL).annotate(n=Count("officers"))
    assert not general.filter(n__lt=2).exists()
    links = CaseOfficer.objects.filter(case__decision__isnull=False)
    assert not links.filter(
        Q(certificate__valid_from__gt=F("case__decision__decided_on"))
        | Q(certificate__valid_to__lt=F("case__decision__decided_on"))
    ).exists()
    # fines within the band applied; summary procedure within the 2017 caps
    outside = Decision.objects.filter(band__isnull=False).filter(
        Q(fine__lt=F("band__fine_min")) | Q(fine__gt=F("band__fine_max"))
    )
    assert not outside.exists()
    summary = Decision.objects.filter(case__procedure=Procedure.SUMMARY)
    assert summary.exists()
    assert not summary.filter(case__party_kind="person", fine__gt=50).exists()
    assert not summary.filter(fine__gt=1000).exists()
    # GB/T 9704 numbers, gapless per series, series standing at their last number
    for d in Decision.objects.order_by("?")[:50]:
        numbering.validate_doc_number(d.number)
        assert "第" not in d.number
    for s in NumberSeries.objects.all():
        values = sorted(IssuedNumber.objects.filter(series=s).values_list("value", flat=True))
        assert values == list(range(1, s.last_value + 1)), s
    # major decisions reviewed before they were made
    majors = Case.objects.filter(is_major=True, received_on__year=2019)  # the live one waits
    for case in majors.select_related("decision")[:50]:
        review = case.reviews.get()
        assert review.opinion == "pass" and review.decided_on <= case.decision.decided_on


@demo
@pytest.mark.django_db
def test_clocks_agree_with_the_kernels_computation():
    for c in Clock.objects.select_related("rule", "version").order_by("?")[:40]:
        assert clocks.explain(c).due == c.due_on, c
    grid_clock = Clock.objects.filter(subject_type=ind.GRID_SUBJECT).first()
    assert GridReport.objects.get(pk=int(grid_clock.subject_id)).closed_on == grid_clock.stopped_on


@demo
@pytest.mark.django_db
def test_demo_people_and_catalogue():
    bureau = EnforcementBody.objects.get(kind=BodyKind.CENTRALISED)
    assert bureau.fields.count() == 24
    assert bureau.org.short_name == "区行政执法局"
    assert EnforcementItem.objects.filter(body=bureau).values("field").distinct().count() == 24
    assert DiscretionBand.objects.filter(item__body=bureau).exists()
    reviewer = User.objects.get(username="reviewer")
    assert Membership.objects.filter(user=reviewer, org=bureau.org, role=Role.REVIEWER).exists()
    for username in ("officer", "officer2"):
        user = User.objects.get(username=username)
        assert user.password.startswith("argon2") and user.is_active
        cert = user.officer.certificates.get(valid_to__gte=D(2026, 12, 31))
        assert cert.status == "valid" and cert.number.startswith("43010222")
        assert Case.objects.filter(handler=user).exists()
    # officers have plausible names (the two demo logins keep their labels) and certificate
    # numbers in the province's format: the 2019 provincial one, today's national one
    names = set(Officer.objects.values_list("name", flat=True))
    assert {n for n in names if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", n)} == {
        "演示执法人员",
        "演示执法人员二",
    }
    assert Officer.objects.count() == 345 + 15 + 2  # on duty, left before 2019, the logins
    numbers = list(Certificate.objects.values_list("number", flat=True))
    assert all(re.fullmatch(r"430102(0[1-5]\d{5}|220[1-5]\d{4})", n) for n in numbers)
    on_duty = Officer.objects.filter(is_active=True)
    for o in on_duty.order_by("?")[:30]:
        assert o.certificates.filter(valid_from__lte=D(2019, 1, 1), valid_to__gte=D(2019, 12, 31))
        assert o.certificates.filter(valid_to=D(2027, 10, 31)).count() == 1
    # parties look like a real case list: names, shops and companies, valid identifiers
    assert not Case.objects.filter(
        Q(party_name__contains="示例")
        | Q(party_name__contains="当事人")
        | Q(party_name__regex=r"\d")
    ).exists()
    sample = Case.objects.order_by("?")[:300]
    for c in sample:
        if c.party_kind == "person":
            identity.validate_id_number(c.party_id_number)
            assert re.fullmatch(r"[\u4e00-\u9fff]{2,4}", c.party_name), c.party_name
        else:
            identity.validate_credit_code(c.party_credit_code)
    assert Case.objects.filter(
        party_name__startswith="长沙市芙蓉区", party_kind="business"
    ).exists()
    assert Case.objects.filter(party_name__endswith="有限公司", party_kind="org").exists()
    assert EvaluationSheet.objects.filter(round__year=2019, score__isnull=False).count() == 25


@demo
@pytest.mark.django_db
def test_breakdowns_add_up():
    total = evaluate("ENF-CASES-CLOSED", year=2019).value
    rows = ind.breakdown("ENF-CASES-CLOSED", year=2019, by="body")
    assert sum(v for _n, v in rows) == total
    assert dict(rows)["长沙市芙蓉区行政执法局"] == 8130
    fines = dict(ind.breakdown("ENF-FINES", year=2019, by="field"))
    assert fines["生态环境"] == Decimal("7678821.00")
    ops = dict(ind.breakdown("ENF-CAMPAIGN-OPERATIONS", year=2019, by="campaign"))
    assert ops["蓝天保卫战"] == 1202 + 1680
    with pytest.raises(ValueError):
        ind.breakdown("ENF-CERT-COVERAGE", year=2019)
    with pytest.raises(ValueError):
        ind.breakdown("ENF-GRID-RECEIVED", year=2019, by="campaign")


# ============================================================================================
# The demo's history and its live present
# ============================================================================================

MOVE = "matter.transition"


def _moves(subject_type: str, ids=None) -> dict[str, list[dict]]:
    """Every status move's data per record, in ledger order."""
    qs = LedgerEvent.objects.filter(subject_type=subject_type, action=MOVE)
    if ids is not None:
        qs = qs.filter(subject_id__in=[str(i) for i in ids])
    out: dict[str, list[dict]] = {}
    for sid, data in qs.order_by("seq").values_list("subject_id", "data"):
        out.setdefault(sid, []).append(data)
    return out


@demo
@pytest.mark.django_db
def test_every_2019_case_carries_its_history_step_by_step():
    cases = {str(c.pk): c for c in Case.objects.filter(received_on__year=2019)}
    moves = _moves(ind.CASE_SUBJECT)
    for pk, c in cases.items():
        steps = moves[pk]
        assert len(steps) == c.version - 1, c
        assert steps[-1]["to"] == c.status
        days = [s["on"] for s in steps if s.get("on")]
        assert days == sorted(days) and days[-1] == (c.archived_on or c.closed_on).isoformat()
    created = LedgerEvent.objects.filter(subject_type=ind.CASE_SUBJECT, action="enf.case.create")
    assert created.count() == len(cases) + Case.objects.exclude(received_on__year=2019).count()
    # one major case with collective discussion, step by step at its business dates
    c = Case.objects.filter(received_on__year=2019, needs_discussion=True).order_by("pk").first()
    d = c.decision
    steps = [(s["step"], s.get("on")) for s in moves[str(c.pk)]]
    assert steps == [
        ("批准立案", c.registered_on.isoformat()),
        ("提出处理意见", c.notified_on.isoformat()),
        ("批准并告知当事人", c.notified_on.isoformat()),
        ("送法制审核", c.reviews.get().submitted_on.isoformat()),
        ("提交集体讨论", c.discussions.get().held_on.isoformat()),
        ("按集体讨论作出决定", d.decided_on.isoformat()),
        ("登记送达", d.served_on.isoformat()),
        ("结案", c.closed_on.isoformat()),
        ("归档", c.archived_on.isoformat()),
    ]
    others = LedgerEvent.objects.filter(subject_type=ind.CASE_SUBJECT, subject_id=str(c.pk))
    # publication (within 7 working days of the decision) and payment (within 15 days of
    # service) come in the order of their own dates; on one day, the publication first
    after = sorted(
        [("enf.publish", d.publication.published_on), ("enf.payment", d.payments.get().paid_on)],
        key=lambda a: a[1],
    )  # fmt: skip
    assert list(others.exclude(action=MOVE).order_by("seq").values_list("action", flat=True)) == [
        "enf.case.create", "enf.case.assign", "enf.case.assign", "enf.evidence", "enf.evidence",
        "enf.review.opinion", "enf.discussion", *(a for a, _on in after),
    ]  # fmt: skip
    decided = next(s for s in moves[str(c.pk)] if s["to"] == "decided")
    assert decided["number"] == d.number and decided["stopped"] == ["CF-4"]
    assert decided["clock"]["rule"] == "SZ-1"


@demo
@pytest.mark.django_db
def test_the_2019_clocks_run_as_the_services_run_them():
    year = {
        str(pk) for pk in Case.objects.filter(received_on__year=2019).values_list("pk", flat=True)
    }

    def clocks_of(code, **kw):
        qs = Clock.objects.filter(subject_type=ind.CASE_SUBJECT, rule__code=code, **kw)
        return [c for c in qs.values_list("subject_id", flat=True) if c in year]

    general = Case.objects.filter(received_on__year=2019, procedure=Procedure.GENERAL)
    notified = general.filter(notified_on__isnull=False)
    assert len(clocks_of("CF-4")) == len(clocks_of("CF-4", party=True)) == notified.count()
    fined = Decision.objects.filter(fine__gt=0, case__received_on__year=2019)
    assert len(clocks_of("CF-11", party=True)) == fined.count()
    for d in fined.select_related("case").order_by("?")[:40]:
        c = clocks.for_subject(d.case)
        hearing = c.get(rule__code="CF-4") if d.case.notified_on else None
        if hearing is not None:
            assert (hearing.started_on, hearing.stopped_on) == (d.case.notified_on, d.decided_on)
        paying = c.get(rule__code="CF-11")
        assert (paying.started_on, paying.stopped_on) == (d.served_on, d.payments.get().paid_on)
    published = Publication.objects.filter(decision__case__received_on__year=2019)
    assert len(clocks_of("SZ-1")) == published.count()
    # party periods are not the agency's lateness
    assert evaluate("K-CLOCK-LATE", year=2019).value < evaluate("K-CLOCK-STOPPED", year=2019).value


@demo
@pytest.mark.django_db
def test_every_2019_grid_report_and_task_carries_its_history():
    reports = GridReport.objects.filter(received_on__year=2019)
    moves = _moves(ind.GRID_SUBJECT)
    for r in reports.order_by("?")[:3000]:
        steps = moves[str(r.pk)]
        assert len(steps) == r.version - 1 and steps[-1]["to"] == r.status
        if r.status == "invalid":
            assert [s["step"] for s in steps] == ["不予立案"]
            continue
        names = [s["step"] for s in steps]
        expected = ["派遣", "处置完毕", "核查通过结案"]
        if r.returns:
            expected = ["派遣", "处置完毕", "核查不通过退回", "重新处置", "核查通过结案"]
        assert names == expected, r
        assert steps[0]["on"] == r.dispatched_on.isoformat()
        assert steps[-2]["on"] == r.handled_on.isoformat()
        assert steps[-1]["on"] == r.verified_on.isoformat() == r.closed_on.isoformat()
    assert reports.filter(returns=1).exists()
    tasks = SupervisionTask.objects.filter(source="grid", received_on__year=2019)
    task_moves = _moves("core.supervisiontask")
    for task in tasks.order_by("?")[:300]:
        steps = [s["step"] for s in task_moves[str(task.pk)]]
        assert steps == (
            ["撤销"] if task.status == "cancelled" else ["签收", "报送整改情况", "验收通过"]
        )
    # one series per year for the whole district, as task_create numbers them
    numbers = list(tasks.values_list("number", flat=True))
    assert len(set(numbers)) == len(numbers) and all(n.startswith("芙督〔2019〕") for n in numbers)


@demo
@pytest.mark.django_db
def test_numbers_are_the_bodies_real_series():
    assert not Case.objects.filter(number__contains="罚决案").exists()
    for c in Case.objects.order_by("?")[:200]:
        assert re.fullmatch(r"芙(执|市监|卫|应急|环)案〔20\d\d〕[1-9]\d*号", c.number), c.number
    for d in Decision.objects.order_by("?")[:200]:
        assert re.fullmatch(r"芙(执|市监|卫|应急|环)罚决〔20\d\d〕[1-9]\d*号", d.number), d.number
    # the live services continued the bureau's series: this year's cases from 1, gapless
    year = clock.today().year
    live = Case.objects.filter(number__startswith=f"芙执案〔{year}〕")
    values = sorted(
        int(re.search(r"〕(\d+)号", n).group(1)) for n in live.values_list("number", flat=True)
    )
    assert values == list(range(1, len(values) + 1)) and len(values) >= 20

    # … and each series runs with the dates: a later number is never dated before an earlier
    def in_order(rows):
        rows = sorted((int(re.search(r"〕(\d+)号", n).group(1)), on) for n, on in rows)
        return [on for _, on in rows] == sorted(on for _, on in rows)

    assert in_order(live.values_list("number", "received_on"))
    decided = Decision.objects.filter(number__startswith=f"芙执罚决〔{year}〕")
    assert decided.count() == 7 and in_order(decided.values_list("number", "decided_on"))
    tasks = SupervisionTask.objects.filter(number__startswith=f"芙督〔{year}〕")
    assert tasks.count() >= 6 and in_order(tasks.values_list("number", "received_on"))


@demo
@pytest.mark.django_db
def test_the_ledger_state_verifies_after_the_demo(demo_ledger):
    # `fazhi ledger verify --state` on the demo template, run once per test run
    assert demo_ledger.exit == 0, demo_ledger.output
    assert "业务记录与全过程记录一致" in demo_ledger.output


# What each demo login finds on 我的待办 at first sign-in from enforcement and the kernel's
# supervision tasks: matters waiting for a move it may make (of which "ready" can be made
# now), and reminders. The other domains' demos add their own (a bureau's clerk also signs
# its 12345 orders), counted in their tests.
FIRST_LOGIN = {
    "clerk": (2, 2, 0),
    "officer": (14, 10, 0),
    "officer2": (11, 8, 0),
    "reviewer": (0, 0, 1),
    "leader": (16, 13, 0),
    "supervisor": (4, 4, 0),
    "street": (6, 6, 0),
}


@demo
@pytest.mark.django_db
def test_every_demo_login_has_real_work_at_first_login():
    from fazhi.core import todo

    for username, (waiting, ready, reminders) in FIRST_LOGIN.items():
        user = User.objects.get(username=username)
        every = todo.waiting_for(user)
        w = [x for x in every if x.matter._meta.app_label in ("enforcement", "core")]
        mine = [r for r in todo.reminders_for(user) if "/enforcement/" in r.url]
        assert (len(w), sum(1 for x in w if x.ready), len(mine)) == (
            waiting,
            ready,
            reminders,
        ), username
        assert todo.waiting_count(user) == len(every)
    admin = User.objects.get(username="admin")
    titles = [r.title for r in todo.reminders_for(admin)]
    assert sum("尚未授予岗位角色" in t for t in titles) == 2
    today = clock.today()
    calendar_due = (
        today >= D(today.year, 11, 1)
        and not CalendarYear.objects.filter(year=today.year + 1, in_force=True).exists()
    )
    assert any("工作日历尚未生效" in t for t in titles) == calendar_due
    # the live matters are dated in the weeks before today, never after
    for model in (Case, GridReport, SupervisionTask):
        recent = model.objects.filter(received_on__gte=today - dt.timedelta(days=70))
        assert recent.exists() and not model.objects.filter(received_on__gt=today).exists()
    reviewer = User.objects.get(username="reviewer")
    (review,) = todo.reminders_for(reviewer)
    assert review.title.startswith("法制审核：芙执案") and review.days_left > 0


@demo
@pytest.mark.django_db
def test_pages_show_the_steps_and_open_on_the_year_with_records(client, settings):
    sign_in(client, "leader", core_demo.DEMO_PASSWORD)
    page = client.get("/workspace/indicators/").content.decode()
    assert "指标 · 2019年" in page
    row = page[page.index('data-code="ENF-BUREAU-CASES"') :]
    row = row[: row.index("</tr>")]
    assert "区行政执法局办结案件数" in row and "相对集中行政处罚权机关" in row
    assert '<small class="text-muted">ENF-BUREAU-CASES</small>' in row and "8130起" in row
    c = Case.objects.filter(received_on__year=2019, body__org__short_name="区行政执法局")
    case = c.filter(procedure=Procedure.GENERAL, status="archived").order_by("pk").first()
    page = client.get(f"/workspace/enforcement/cases/{case.pk}/").content.decode()
    timeline = page[page.index('id="timeline"') :]
    assert "批准立案" in timeline and case.registered_on.isoformat() in timeline
    assert "记录于" in timeline and "办理环节变更" not in timeline


# ============================================================================================
# Each definition on small data
# ============================================================================================


def _field(code: str) -> EnforcementField:
    return EnforcementField.objects.get_or_create(code=code, defaults={"name": code})[0]


class Mini:
    """A small district under its own root: one body per sector, a grid cell, officers."""

    def __init__(self) -> None:
        self.root = self._org("小测试区人民政府", OrgKind.DISTRICT)
        self.bodies: dict[str, EnforcementBody] = {}
        for key, kind, codes in [
            ("bureau", BodyKind.CENTRALISED, ["urban-management"]),
            ("env", BodyKind.DEPARTMENT, list(ind.ENV)),
            ("market", BodyKind.DEPARTMENT, list(ind.MARKET)),
            ("safety", BodyKind.DEPARTMENT, list(ind.SAFETY)),
            ("health", BodyKind.DEPARTMENT, [*ind.HEALTH, ind.VERIFICATION]),
        ]:
            org = self._org(f"小测试区{key}局", OrgKind.BUREAU, self.root)
            body = EnforcementBody.objects.create(org=org, kind=kind)
            body.fields.set([_field(c) for c in codes])
            self.bodies[key] = body
        self.street = self._org("小测试街道", OrgKind.STREET, self.root)
        self.n = 0

    def _org(self, name, kind, parent=None) -> Organisation:
        o = Organisation.objects.create(name=name, kind=kind, parent=parent)
        o.path = (parent.path if parent else "/") + f"{o.pk}/"
        o.save(update_fields=["path"])
        return o

    def case(self, body: str, field: str, *, closed_on, outcome="penalty", fine=0, **kw):
        b = self.bodies[body]
        self.n += 1
        status = kw.pop("status", "dropped" if outcome == "dropped" else "closed")
        c = Case.objects.create(
            org=b.org,
            body=b,
            field=_field(field),
            title=f"测试案件{self.n}",
            status=status,
            received_on=kw.pop("received_on", D(2019, 6, 3)),
            closed_on=closed_on,
            source="patrol",
            party_kind="org",
            party_name=f"示例测试公司{self.n:04d}",
            outcome=outcome,
            **kw,
        )
        if outcome != "dropped":
            Decision.objects.create(
                case=c,
                number=f"小测罚决〔2019〕{self.n}号",
                decided_on=closed_on or D(2019, 6, 10),
                outcome=outcome,
                fine=Decimal(fine),
                basis="测试依据",
            )
        return c

    def campaign(self, body: str, field: str, kind="campaign", name=None) -> Campaign:
        self.n += 1
        return Campaign.objects.create(
            name=name or f"测试行动{self.n}",
            kind=kind,
            field=_field(field),
            lead=self.bodies[body],
            starts_on=D(2018, 1, 1),
            ends_on=D(2020, 12, 31),
        )

    def figure(self, code: str, year: int = 2019):
        return evaluate(code, year=year, org=self.root).value


@pytest.fixture
def mini(db):
    return Mini()


def test_registry_documents_every_enforcement_indicator():
    codes = [c for c in REGISTRY if c.startswith("ENF-")]
    assert {c for c, _t in SEED} <= set(codes)
    for code in codes:
        i = REGISTRY[code]
        assert i.module == "enforcement" and i.name and i.unit
        assert len(i.definition) > 10 and i.date_basis, code


def test_cases_count_in_the_year_they_closed_with_a_decision(mini):
    mini.case("bureau", "urban-management", closed_on=D(2019, 12, 31), fine=200)
    mini.case("bureau", "urban-management", closed_on=D(2019, 1, 1), outcome="no_penalty")
    mini.case("bureau", "urban-management", closed_on=D(2019, 5, 1), outcome="first_offence")
    mini.case("bureau", "urban-management", closed_on=D(2020, 1, 2), fine=5000)  # next year
    mini.case("bureau", "urban-management", closed_on=D(2019, 7, 1), outcome="dropped")
    mini.case("bureau", "urban-management", closed_on=None, status="decided", fine=70)
    mini.case("env", "ecology-environment", closed_on=D(2019, 3, 1), fine=10000)
    assert mini.figure("ENF-BUREAU-CASES") == 3
    assert mini.figure("ENF-BUREAU-FINES") == Decimal(200)
    assert mini.figure("ENF-BUREAU-CASES", 2020) == 1
    assert mini.figure("ENF-CASES-CLOSED") == 4
    assert mini.figure("ENF-FINES") == Decimal(10200)
    assert mini.figure("ENF-CASES-RECEIVED") == 7
    b = mini.bodies["bureau"].org
    assert evaluate("ENF-CASES-CLOSED", year=2019, org=b).value == 3


def test_sector_figures_follow_the_case_field(mini):
    mini.case("env", "ecology-environment", closed_on=D(2019, 3, 1), fine=7678821)
    mini.case("market", "food-safety", closed_on=D(2019, 3, 1), fine=50000)
    mini.case("market", "drugs", closed_on=D(2019, 4, 1), fine=1000)
    mini.case("market", "market-order", closed_on=D(2019, 4, 1), fine=300)  # not food or drug
    mini.case("safety", "work-safety", closed_on=D(2019, 9, 1), fine=5330300)
    mini.case("safety", "work-safety", closed_on=D(2018, 12, 31), fine=999)
    mini.case("health", "medical-care", closed_on=D(2019, 2, 1), fine=253000)
    mini.case("health", "public-health", closed_on=D(2019, 2, 1), fine=500)
    assert mini.figure("ENF-ENV-CASES") == 1
    assert REGISTRY["ENF-ENV-FINES"].format(mini.figure("ENF-ENV-FINES")) == "767.8821万元"
    assert mini.figure("ENF-FOOD-DRUG-CASES") == 2
    assert mini.figure("ENF-FOOD-DRUG-FINES") == Decimal(51000)
    assert mini.figure("ENF-SAFETY-CASES") == 1
    assert REGISTRY["ENF-SAFETY-FINES"].format(mini.figure("ENF-SAFETY-FINES")) == "533.03万元"
    assert mini.figure("ENF-HEALTH-CASES") == 2
    assert REGISTRY["ENF-HEALTH-FINES"].format(mini.figure("ENF-HEALTH-FINES")) == "25.35万元"


def test_bureau_fines_read_as_the_seed_writes_them():
    f = REGISTRY["ENF-BUREAU-FINES"].format
    assert f(Decimal("2591350.00")) == "259万余元"
    assert f(Decimal("2590000.00")) == "259万元"


def test_summary_and_campaign_cases(mini):
    c = mini.campaign("env", "ecology-environment")
    mini.case("env", "ecology-environment", closed_on=D(2019, 3, 1), campaign=c)
    mini.case("bureau", "urban-management", closed_on=D(2019, 3, 1), procedure="summary")
    assert mini.figure("ENF-CAMPAIGN-CASES") == 1
    assert mini.figure("ENF-CASES-SUMMARY") == 1


def test_operations_count_by_their_day_and_campaign_field(mini):
    env = mini.campaign("env", "ecology-environment", name="测试蓝天行动")
    other = mini.campaign("bureau", "urban-management")
    Operation.objects.create(campaign=env, on=D(2019, 1, 1), person_times=100, joint=True)
    Operation.objects.create(campaign=env, on=D(2019, 12, 31), person_times=21, joint=False)
    Operation.objects.create(campaign=env, on=D(2018, 12, 31), person_times=7, joint=True)
    Operation.objects.create(campaign=other, on=D(2019, 5, 5), person_times=50, joint=True)
    assert mini.figure("ENF-ENV-PERSON-TIMES") == 121
    assert mini.figure("ENF-ENV-JOINT-OPS") == 1
    assert mini.figure("ENF-CAMPAIGN-OPERATIONS") == 3
    assert mini.figure("ENF-CAMPAIGN-PERSON-TIMES") == 171


def test_market_rectifications_count_once_each_when_they_ran(mini):
    ran = mini.campaign("market", "food-safety", kind="rectification")
    for day in (D(2019, 3, 1), D(2019, 3, 2), D(2019, 8, 1)):
        Operation.objects.create(campaign=ran, on=day, person_times=5)
    later = mini.campaign("market", "drugs", kind="rectification")
    Operation.objects.create(campaign=later, on=D(2020, 1, 3), person_times=5)
    idle = mini.campaign("market", "market-order", kind="rectification")  # no operation
    action = mini.campaign("market", "food-safety", kind="campaign")  # not a 专项整治
    Operation.objects.create(campaign=action, on=D(2019, 3, 1), person_times=5)
    safety = mini.campaign("safety", "work-safety", kind="rectification")  # not market
    Operation.objects.create(campaign=safety, on=D(2019, 3, 1), person_times=5)
    assert idle.operations.count() == 0
    assert mini.figure("ENF-MARKET-RECTIFICATIONS") == 1
    assert mini.figure("ENF-MARKET-RECT-OPS") == 3
    assert REGISTRY["ENF-MARKET-RECTIFICATIONS"].format(22) == "22个方面"


def test_inspections_sampling_and_verification(mini):
    safety, health = mini.bodies["safety"], mini.bodies["health"]
    drive = mini.campaign("safety", "work-safety", kind="rectification")
    verify = mini.campaign("health", ind.VERIFICATION)
    routine_health = mini.campaign("health", "medical-care")

    def inspect(body, on, campaign=None):
        Inspection.objects.create(
            body=body, campaign=campaign, unit_name="示例单位", inspected_on=on, result="clean"
        )

    inspect(safety, D(2019, 1, 2), drive)
    inspect(safety, D(2019, 12, 31))  # routine, by a body holding the safety field
    inspect(safety, D(2020, 1, 2))  # next year
    inspect(health, D(2019, 3, 1))  # routine, health
    inspect(health, D(2019, 3, 1), verify)
    inspect(health, D(2019, 3, 2), verify)
    inspect(health, D(2019, 3, 3), routine_health)
    assert mini.figure("ENF-SAFETY-INSPECTIONS") == 2
    assert mini.figure("ENF-HEALTH-VERIFIED") == 2
    assert mini.figure("ENF-INSPECTIONS") == 6
    market = mini.bodies["market"]
    for day, result in [(D(2019, 1, 1), "pass"), (D(2019, 6, 1), "fail"), (D(2020, 1, 1), "pass")]:
        SamplingBatch.objects.create(
            body=market, product="蔬菜", unit_name="示例摊位", sampled_on=day, result=result
        )
    assert mini.figure("ENF-MARKET-SAMPLES") == 2
    assert mini.figure("ENF-MARKET-SAMPLES-FAILED") == 1


def _grid(mini):
    cell = GridCell.objects.create(
        code="MINI-1", name="小测试网格", level="street", org=mini.street
    )
    cats = {
        major: GridCategory.objects.get_or_create(
            code=f"T-{i}",
            defaults={"kind": "event", "major": major, "name": major, "rule_code": "RX-1"},
        )[0]
        for i, major in enumerate(["街面秩序", "施工管理"])
    }
    rule = core_rules.resolve("RX-1")
    version = core_rules.version_on(rule, D(2019, 1, 1))

    def report(n, received, *, status="closed", closed=None, major="街面秩序", due=None):
        r = GridReport.objects.create(
            number=f"MINI-{n}",
            org=mini.street,
            title="测试",
            status=status,
            received_on=received,
            closed_on=closed,
            cell=cell,
            category=cats[major],
            location="测试位置",
            description="测试",
            reporter_kind="grid_officer",
        )
        if due is not None:
            Clock.objects.create(
                subject_type=ind.GRID_SUBJECT,
                subject_id=str(r.pk),
                subject_label=r.number,
                org=mini.street,
                rule=rule,
                version=version,
                label="处置时限",
                started_on=received,
                due_on=due,
                stopped_on=closed,
            )
        return r

    return report


def test_grid_reports_received_closed_and_on_time(mini):
    report = _grid(mini)
    report(1, D(2019, 1, 1), closed=D(2019, 1, 3), due=D(2019, 1, 8))
    report(2, D(2019, 12, 30), closed=D(2020, 1, 9), due=D(2020, 1, 6))  # closed late, in 2020
    report(3, D(2019, 6, 3), closed=D(2019, 6, 12), due=D(2019, 6, 10))  # late
    report(4, D(2019, 6, 3), status="invalid", closed=D(2019, 6, 3))  # not accepted
    report(5, D(2018, 12, 31), closed=D(2019, 1, 2), due=D(2019, 1, 8))  # received 2018
    assert mini.figure("ENF-GRID-RECEIVED") == 3
    assert mini.figure("ENF-GRID-CLOSED") == 3
    assert mini.figure("ENF-GRID-ON-TIME") == 2
    assert mini.figure("ENF-GRID-ON-TIME-RATE") == Decimal(2) / Decimal(3)
    assert mini.figure("ENF-GRID-CLOSED", 2020) == 1
    assert mini.figure("ENF-GRID-ON-TIME", 2020) == 0


def test_supervised_city_appearance_problems(mini):
    report = _grid(mini)

    def task(ref, status, closed):
        SupervisionTask.objects.create(
            org=mini.street,
            title="督办",
            status=status,
            received_on=D(2019, 5, 1),
            closed_on=closed,
            source="grid",
            source_ref=ref,
            description="测试",
        )

    counted = report(1, D(2019, 5, 1), closed=D(2019, 5, 9))
    task(counted.number, "closed", D(2019, 5, 9))
    task(report(2, D(2019, 12, 20)).number, "closed", D(2020, 1, 3))  # accepted in 2020
    task(report(3, D(2019, 5, 1)).number, "cancelled", D(2019, 5, 3))
    task(report(4, D(2019, 5, 1), major="施工管理").number, "closed", D(2019, 5, 9))
    report(5, D(2019, 5, 1))  # no task
    assert mini.figure("ENF-GRID-SUPERVISED") == 1
    fmt = REGISTRY["ENF-GRID-SUPERVISED"].format
    assert (fmt(5046), fmt(5000), fmt(1), fmt(999)) == ("5000余条", "5000条", "1条", "999条")


def test_certificate_coverage_at_year_end(mini):
    body = mini.bodies["bureau"]
    field = _field("urban-management")

    always = (D(2018, 1, 1), D(2030, 1, 1))

    def officer(n, *, active=True, valid=always, status="valid"):
        o = Officer.objects.create(name=f"执法人员测{n}", body=body, is_active=active)
        if valid:
            c = Certificate.objects.create(
                officer=o,
                number=f"TEST-CERT-{n}",
                issuer="测试",
                valid_from=valid[0],
                valid_to=valid[1],
                status=status,
            )
            c.fields.set([field])

    officer(1)
    officer(2, valid=(D(2018, 1, 1), D(2019, 6, 30)))  # expired before the year ended
    officer(3, valid=None)  # no certificate
    officer(4, status="suspended")
    officer(5, active=False, valid=None)  # left: not counted at all
    officer(6, valid=(D(2020, 1, 1), D(2030, 1, 1)))  # certified only the next year
    assert mini.figure("ENF-CERT-COVERAGE") == Decimal(1) / Decimal(5)
    assert mini.figure("ENF-CERT-COVERAGE", 2020) == Decimal(2) / Decimal(5)
    assert REGISTRY["ENF-CERT-COVERAGE"].format(Decimal(1) / Decimal(5)) == "20.00%"


def test_legality_review_coverage(mini):
    before = mini.case("bureau", "urban-management", closed_on=D(2019, 6, 20), fine=20000)
    after = mini.case("bureau", "urban-management", closed_on=D(2019, 6, 20), fine=30000)
    minor = mini.case("bureau", "urban-management", closed_on=D(2019, 6, 20), fine=100)
    Case.objects.filter(pk__in=[before.pk, after.pk]).update(is_major=True)
    LegalReview.objects.create(
        case=before, submitted_on=D(2019, 6, 1), decided_on=D(2019, 6, 3), opinion="pass"
    )
    LegalReview.objects.create(
        case=after, submitted_on=D(2019, 6, 1), decided_on=D(2019, 6, 25), opinion="pass"
    )
    LegalReview.objects.create(
        case=minor, submitted_on=D(2019, 6, 1), decided_on=D(2019, 6, 2), opinion="pass"
    )
    assert mini.figure("ENF-MAJOR-DECISIONS") == 2
    assert mini.figure("ENF-REVIEW-COVERAGE") == Decimal(1) / Decimal(2)
    assert mini.figure("ENF-REVIEW-COVERAGE", 2018) == 0  # no major decision: 0, not an error


def test_publicity_on_time_by_the_sz1_clock(mini):
    rule = core_rules.resolve("SZ-1")
    cal = get_calendar()
    for n, (decided, published) in enumerate(
        [(D(2019, 3, 1), D(2019, 3, 5)), (D(2019, 3, 1), D(2019, 3, 20)), (D(2018, 12, 31), None)]
    ):
        c = mini.case("bureau", "urban-management", closed_on=decided, fine=100 + n)
        Clock.objects.create(
            subject_type=ind.CASE_SUBJECT,
            subject_id=str(c.pk),
            subject_label=c.title,
            org=c.org,
            rule=rule,
            version=core_rules.version_on(rule, decided),
            label="公示",
            started_on=decided,
            due_on=cal.add_workdays(decided, 7),
            stopped_on=published,
        )
        if published:
            Publication.objects.create(
                decision=c.decision, published_on=published, title="公示", text="测试"
            )
    assert mini.figure("ENF-PUBLICITY-ON-TIME") == Decimal(1) / Decimal(2)
    assert mini.figure("ENF-PUBLISHED") == 2


def test_evaluation_average_of_scored_sheets_of_the_year(mini):
    cases = [mini.case("bureau", "urban-management", closed_on=D(2019, 5, 1)) for _ in range(4)]
    r19 = EvaluationRound.objects.create(
        name="测试评查2019", year=2019, org=mini.root, seed=1, started_on=D(2019, 11, 1)
    )
    r20 = EvaluationRound.objects.create(
        name="测试评查2020", year=2020, org=mini.root, seed=1, started_on=D(2020, 11, 1)
    )
    for case, rnd, score in [
        (cases[0], r19, Decimal("90.0")),
        (cases[1], r19, Decimal("95.5")),
        (cases[2], r19, None),
        (cases[3], r20, Decimal("60.0")),
    ]:
        EvaluationSheet.objects.create(round=rnd, case=case, score=score)
    assert mini.figure("ENF-EVAL-SCORE") == Decimal("92.8")  # 92.75, half-up
    assert REGISTRY["ENF-EVAL-SCORE"].format(Decimal("92.8")) == "92.8分"
    assert mini.figure("ENF-EVAL-SCORE", 2021) == 0


def test_breakdown_on_small_data(mini):
    mini.case("env", "ecology-environment", closed_on=D(2019, 3, 1), fine=300)
    mini.case("market", "food-safety", closed_on=D(2019, 3, 1), fine=200)
    mini.case("market", "drugs", closed_on=D(2019, 3, 1), fine=100)
    rows = ind.breakdown("ENF-FINES", year=2019, org=mini.root, by="body")
    assert rows == [("小测试区env局", Decimal(300)), ("小测试区market局", Decimal(300))]
    assert ind.breakdown("ENF-CASES-CLOSED", year=2019, org=mini.root, by="field")[0][1] == 1


# ============================================================================================
# The bulk path
# ============================================================================================


def _chain_from(seq: int) -> int:
    """Check the chain from event ``seq`` to the head as ``ledger.verify`` does (without
    walking a whole demo year); returns the number of events checked."""
    events = list(LedgerEvent.objects.filter(seq__gte=seq).order_by("seq"))
    prev = events[0].prev_hash
    for n, ev in enumerate(events):
        assert ev.seq == seq + n and ev.prev_hash == prev
        assert ledger.event_hash(ledger.hashed_fields(ev)) == ev.hash
        prev = ev.hash
    head = LedgerHead.objects.get()
    assert (head.seq, head.hash) == (events[-1].seq, prev)
    return len(events)


def test_bulk_rows_and_events_chain_like_ledger_record(mini):
    from django.db import transaction

    with transaction.atomic():
        first = ledger.record(actor=SYSTEM, action="enf.demo", data={"before": True})
    body = mini.bodies["bureau"]
    with transaction.atomic():
        loader = BulkLoader(actor_name="测试（批量）", action="enf.demo")
        ids = [
            loader.add(Officer, name=f"执法人员批{n}", body_id=body.pk, is_active=True)
            for n in range(3)
        ]
        pk = loader.reserve(Officer)
        loader.add(Officer, id=pk, name="执法人员批预留", body_id=body.pk)
        for oid in ids:
            loader.event(
                subject_type="enforcement.officer",
                subject_id=oid,
                subject_label="批量",
                org_id=body.org.pk,
                org_name=body.org.name,
                data={"on": D(2019, 1, 2), "fine": Decimal("1.50"), "n": [1, 2]},
            )
        written = loader.flush()
        with pytest.raises(BulkError):
            loader.flush()
    assert written == {"enforcement.officer": 4, "core.ledgerevent": 3}
    assert ids == sorted(ids) and pk == ids[-1] + 1
    assert Officer.objects.get(pk=pk).is_active  # the model default filled in
    assert _chain_from(first.seq) == 4
    ev = LedgerEvent.objects.filter(subject_type="enforcement.officer").order_by("seq").last()
    assert ev.data == {"on": "2019-01-02", "fine": "1.50", "n": [1, 2]}
    # the ORM carries on after the bulk ids, and record() after the bulk events
    nxt = Officer.objects.create(name="执法人员其后", body=body)
    assert nxt.pk > pk
    with transaction.atomic():
        ledger.record(actor=SYSTEM, action="enf.demo", subject=nxt)
    assert _chain_from(first.seq) == 5
    if LedgerEvent.objects.count() < 1000:  # not under the demo year: walk it all
        assert ledger.verify().ok


def test_bulk_refuses_unknown_columns(mini):
    loader = BulkLoader(actor_name="测试", action="enf.demo")
    with pytest.raises(BulkError):
        loader.add(Officer, nonsense=1)


def test_period_is_the_calendar_year():
    p = Period.year(2019)
    assert (p.start, p.end) == (D(2019, 1, 1), D(2019, 12, 31))
