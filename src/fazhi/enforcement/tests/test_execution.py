"""Execution: 暂缓或者分期缴纳 with the surcharge per instalment, and 催告 then the court
application after the reminder's waiting period (QZ-2)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from fazhi.core import clocks
from fazhi.core.models import LedgerEvent
from fazhi.core.tests.signin import sign_in
from fazhi.core.workflow import transition

from .. import rules
from ..models import Case, CaseStatus, CourtApplication, PaymentArrangement
from ..services import cases as svc
from ..services import decisions, execution
from .casefactories import Bureau
from .test_cases import _investigated

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def b(db):
    return Bureau()


def _served(b, fine=Decimal(1000)):
    """A case decided with a fine of 1,000 yuan (band B) and served on 2024-03-19."""
    case = _investigated(b, fine=fine, band=b.heavy)
    case = svc.notify(actor=b.leader, case=case, on=D(2024, 3, 8))
    decisions.decide(
        actor=b.leader, case=case, on=D(2024, 3, 18), outcome="penalty", fine=fine,
        band=b.heavy, basis="第三十六条", kinds=["fine"],
    )  # fmt: skip
    decisions.serve(actor=b.officer_user, case=case, on=D(2024, 3, 19), method="直接送达")
    return Case.objects.get(pk=case.pk)


def test_instalments_replace_the_payment_period_and_the_surcharge_follows_them(b):
    case = _served(b)
    pay_clock = clocks.for_subject(case).get(rule__code="CF-11")
    plan = [(D(2024, 4, 30), Decimal(400)), (D(2024, 5, 31), Decimal(600))]
    a = execution.arrangement_approve(
        actor=b.leader, case=case, kind="instalments", applied_on=D(2024, 3, 25),
        approved_on=D(2024, 3, 27), reason="个体经营困难，提供了收入证明", schedule=plan,
    )  # fmt: skip
    assert a.schedule == [
        {"due": "2024-04-30", "amount": "400.00"},
        {"due": "2024-05-31", "amount": "600.00"},
    ]
    pay_clock.refresh_from_db()
    assert pay_clock.stopped_on == D(2024, 3, 27)
    d = case.decision
    # the first instalment paid on time, the second 10 days late: 600 × 3% × 10 = 180
    decisions.pay(actor=b.clerk, case=case, on=D(2024, 4, 28), amount=Decimal(400))
    assert rules.late_surcharge(d, D(2024, 5, 31)) == Decimal(0)
    assert rules.late_surcharge(d, D(2024, 6, 10)) == Decimal("180.00")
    # without the plan the whole fine would have been 3% a day late since 2024-04-03
    assert LedgerEvent.objects.filter(action="enf.payment.arrangement").count() == 1


def test_bad_plans_are_refused_and_change_nothing(b):
    case = _served(b)
    events = LedgerEvent.objects.count()

    def approve(**kw):
        args = dict(
            actor=b.leader, case=case, kind="instalments", applied_on=D(2024, 3, 25),
            approved_on=D(2024, 3, 27), reason="困难",
            schedule=[(D(2024, 4, 30), Decimal(400)), (D(2024, 5, 31), Decimal(600))],
        )  # fmt: skip
        args.update(kw)
        return execution.arrangement_approve(**args)

    with pytest.raises(ValidationError) as exc:
        approve(schedule=[(D(2024, 5, 31), Decimal(400)), (D(2024, 4, 30), Decimal(500))])
    assert exc.value.messages == [
        "各期缴纳日期须逐期推后。",
        "缴纳计划合计 900.00 元，与尚欠的 1000.00 元不符。",
    ]
    with pytest.raises(ValidationError) as exc:
        approve(kind="defer", schedule=[(D(2024, 3, 20), Decimal(1000))])
    assert exc.value.messages == ["第一期缴纳日期不能早于批准日期。"]
    with pytest.raises(ValidationError) as exc:
        approve(reason=" ", applied_on=D(2024, 3, 28))
    assert exc.value.messages == ["请写明当事人的经济困难情况。", "批准日期不能早于申请日期。"]
    with pytest.raises(PermissionDenied):
        approve(actor=b.officer_user)
    assert not PaymentArrangement.objects.exists()
    assert LedgerEvent.objects.count() == events
    assert clocks.for_subject(case).get(rule__code="CF-11").stopped_on is None


def test_court_application_waits_ten_working_days_after_the_reminder(b):
    case = _served(b)
    with pytest.raises(ValidationError) as exc:  # not yet in execution
        decisions.court_apply(actor=b.officer_user, case=case, reminded_on=D(2024, 4, 8))
    assert exc.value.messages == ["只有进入执行阶段的案件可以催告和申请人民法院强制执行。"]
    case = transition(actor=b.officer_user, matter=case, to=CaseStatus.EXECUTING)
    with pytest.raises(ValidationError) as exc:
        decisions.court_apply(
            actor=b.officer_user, case=case, reminded_on=D(2024, 4, 8),
            applied_on=D(2024, 4, 19), court="芙蓉区人民法院",
        )  # fmt: skip
    # 10 WD after Mon 04-08: 9–12, 15–19, 22 → not before 2024-04-22
    assert exc.value.messages == [
        "催告书送达十日后当事人仍未履行的，才可以申请强制执行：2024-04-22 以后才能申请。"
    ]
    app = decisions.court_apply(
        actor=b.officer_user, case=case, reminded_on=D(2024, 4, 8),
        applied_on=D(2024, 4, 22), court="芙蓉区人民法院",
    )  # fmt: skip
    assert CourtApplication.objects.get() == app
    # with the application on record the case may close although the fine is unpaid
    case = decisions.close(actor=b.leader, case=Case.objects.get(pk=case.pk), on=D(2024, 4, 23))
    assert case.status == CaseStatus.CLOSED


def test_the_case_page_approves_a_deferral(b, client):
    case = _served(b)
    sign_in(client, b.leader)
    url = reverse("enforcement:case_act", args=[case.pk])
    resp = client.post(
        url,
        {"op": "arrange", "kind": "defer", "applied_on": "2024-03-25", "approved_on": "2024-03-26",
         "reason": "疫病住院", "schedule": "2024-06-30 1000"},
        follow=True,
    )  # fmt: skip
    page = resp.content.decode()
    assert 'id="arrangement"' in page and "2024-06-30" in page and "延期缴纳" in page
    resp = client.post(
        url,
        {"op": "arrange", "kind": "defer", "applied_on": "2024-03-25", "approved_on": "2024-03-26",
         "reason": "x", "schedule": "六月底 1000"},
        follow=True,
    )  # fmt: skip
    assert "决定书 芙执罚决〔2024〕1号 已批准过暂缓或分期缴纳。" not in resp.content.decode()
    assert "第1行应为“日期 金额”，如 2019-07-31 500。" in resp.content.decode()
    assert PaymentArrangement.objects.count() == 1
