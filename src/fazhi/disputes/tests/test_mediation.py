"""“1+X” mediation: intake, sessions, escalation of a major dispute, the agreement with every
party's signature, performance to the end, 司法确认 within 30 days, failure with a route."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import clocks, ledger
from fazhi.core.models import LedgerEvent
from fazhi.core.workflow import InvalidTransition

from ..models import Agreement, DisputeStatus
from ..services import mediation as svc
from .factories import World

pytestmark = pytest.mark.django_db
D = dt.date
S = DisputeStatus


@pytest.fixture
def w(db):
    return World()


def _clock(d, code):
    return clocks.for_subject(d).filter(rule__code=code).order_by("-id").first()


def _signatures(d, day):
    return {p.pk: day for p in d.parties.all()}


def test_dispute_mediated_to_a_performed_agreement(w):
    d = w.dispute(received_on=D(2019, 1, 31))
    assert d.number == "甲街调受〔2019〕1号"
    # TJ-1 (⚠ 人民调解工作若干规定 Art.33), one month from 1/31: February has no 31st → 2/28
    assert _clock(d, "TJ-1").due_on == D(2019, 2, 28)
    svc.session_add(
        actor=w.med_clerk,
        dispute=d,
        held_on=D(2019, 2, 1),
        mediator=w.mediator,
        summary="背对背调解",
    )
    d.refresh_from_db()
    assert (d.status, d.started_on, d.mediator) == (S.MEDIATING, D(2019, 2, 1), w.mediator)
    a = svc.agreement_record(
        actor=w.med_clerk,
        dispute=d,
        form="written",
        signed_on=D(2019, 2, 15),
        terms="周海波赔偿陈桂兰修复费用6000元，分两期支付。",
        amount=Decimal("6000"),
        signatures=_signatures(d, D(2019, 2, 15)),
        schedule=[
            {"due": "2019-03-01", "amount": "3000"},
            {"due": "2019-04-01", "amount": "3000"},
        ],
    )
    assert a.number == "甲街调〔2019〕1号"
    # TJ-2, 30 days from 2/15: 3/17 is a Sunday → 3/18; the parties' period
    c = _clock(d, "TJ-2")
    assert (c.due_on, c.party) == (D(2019, 3, 18), True)
    svc.performance_record(
        actor=w.med_clerk, dispute=d, on=D(2019, 3, 1), amount=Decimal("3000"), note="支付第一期"
    )
    with pytest.raises(InvalidTransition) as exc:
        svc.performance_record(
            actor=w.med_clerk,
            dispute=d,
            on=D(2019, 3, 20),
            amount=Decimal("2000"),
            note="支付部分第二期",
            complete=True,
        )
    assert exc.value.message == "协议金额6000.00元，已履行5000.00元，尚未履行完毕。"
    assert d.agreement.performances.count() == 1  # the refused call left nothing behind
    svc.performance_record(
        actor=w.med_clerk,
        dispute=d,
        on=D(2019, 4, 1),
        amount=Decimal("3000"),
        note="支付第二期",
        complete=True,
    )
    d.refresh_from_db()
    assert (d.status, d.performed_on, d.closed_on) == (S.PERFORMED, D(2019, 4, 1), D(2019, 4, 1))
    assert ledger.verify().ok


def test_an_agreement_without_every_signature_is_refused(w):
    d = w.dispute()
    svc.session_add(
        actor=w.med_clerk, dispute=d, held_on=D(2019, 5, 7), mediator=w.mediator, summary="调解"
    )
    parties = list(d.parties.all())
    before = LedgerEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        svc.agreement_record(
            actor=w.med_clerk,
            dispute=d,
            form="written",
            signed_on=D(2019, 5, 8),
            terms="赔偿3000元",
            amount=Decimal("3000"),
            signatures={parties[0].pk: D(2019, 5, 8)},
        )
    assert exc.value.messages == [
        "书面调解协议须由各方当事人签名、盖章或者按指印，周海波的签名尚未登记。"
    ]
    d.refresh_from_db()
    assert (d.status, Agreement.objects.count(), LedgerEvent.objects.count()) == (
        S.MEDIATING,
        0,
        before,
    )
    # an oral agreement needs none (人民调解法 Art.30) and opens no 司法确认 period
    svc.agreement_record(
        actor=w.med_clerk,
        dispute=d,
        form="oral",
        signed_on=D(2019, 5, 8),
        terms="当场赔偿",
        amount=Decimal("500"),
    )
    assert _clock(d, "TJ-2") is None


def test_major_dispute_escalated_to_the_district(w):
    d = w.dispute(received_on=D(2019, 7, 1))
    with pytest.raises(ValidationError) as exc:
        svc.escalate(
            actor=w.med_clerk, dispute=d, to=w.committee, on=D(2019, 7, 2), reason="涉及人数多"
        )
    assert exc.value.messages == ["应上报至更高层级的调解组织。"]
    d = svc.escalate(
        actor=w.med_clerk,
        dispute=d,
        to=w.district_committee,
        on=D(2019, 7, 2),
        reason="涉及群体性纠纷，街道调解未果",
    )
    assert (d.is_major, d.committee, d.org, d.escalated_from) == (
        True,
        w.district_committee,
        w.justice,
        w.committee,
    )
    # the street's clerk no longer acts on it; the district's staff do
    with pytest.raises(PermissionDenied):
        svc.session_add(
            actor=w.med_clerk,
            dispute=d,
            held_on=D(2019, 7, 3),
            mediator=w.district_mediator,
            summary="调解",
        )
    svc.session_add(
        actor=w.justice_clerk,
        dispute=d,
        held_on=D(2019, 7, 3),
        mediator=w.district_mediator,
        summary="联合调解",
    )


def test_failure_with_a_route_and_judicial_confirmation_period(w):
    d = w.dispute(received_on=D(2019, 9, 2))
    svc.session_add(
        actor=w.med_clerk, dispute=d, held_on=D(2019, 9, 3), mediator=w.mediator, summary="调解"
    )
    d = svc.fail(
        actor=w.med_clerk, dispute=d, on=D(2019, 9, 5), route="litigation", reason="双方分歧较大"
    )
    assert (d.status, d.failure_route) == (S.FAILED, "litigation")
    d2 = w.dispute(received_on=D(2019, 9, 2))
    svc.session_add(
        actor=w.med_clerk, dispute=d2, held_on=D(2019, 9, 3), mediator=w.mediator, summary="调解"
    )
    svc.agreement_record(
        actor=w.med_clerk,
        dispute=d2,
        form="written",
        signed_on=D(2019, 9, 6),
        terms="赔偿",
        amount=Decimal("1000"),
        signatures=_signatures(d2, D(2019, 9, 6)),
    )
    # TJ-2, 30 days from 9/6: 10/6 in 国庆 → 10/8
    assert _clock(d2, "TJ-2").due_on == D(2019, 10, 8)
    with pytest.raises(ValidationError) as exc:
        svc.confirmation_apply(
            actor=w.med_clerk, dispute=d2, on=D(2019, 10, 9), court="芙蓉区人民法院"
        )
    assert exc.value.messages == [
        "申请司法确认应在调解协议生效之日起三十日内提出（TJ-2，已于2019年10月8日届满）。"
    ]
    svc.confirmation_apply(actor=w.med_clerk, dispute=d2, on=D(2019, 10, 8), court="芙蓉区人民法院")
    assert clocks.card(_clock(d2, "TJ-2")).status == "done"


def test_parties_with_invalid_identity_are_refused(w):
    with pytest.raises(ValidationError) as exc:
        w.dispute(
            parties=[
                dict(side="applicant", name="陈桂兰", id_number="430102198503150023"),
                dict(side="respondent", name="周海波"),
            ]
        )
    assert exc.value.message_dict["party0_id_number"][0].startswith("当事人1的身份证号码不正确：")
