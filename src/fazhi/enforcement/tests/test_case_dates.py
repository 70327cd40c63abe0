"""Business dates on a case, as the issue found them broken: each becomes a refusal naming
both dates, and nothing changes. Also: the party's periods are shown as the party's."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import clock, clocks
from fazhi.core.models import LedgerEvent
from fazhi.core.tests.signin import sign_in

from ..models import Case, CaseStatus, Decision
from ..services import cases as svc
from ..services import decisions
from .casefactories import Bureau
from .test_cases import _investigated, _opened

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def b(db):
    return Bureau()


def _today_words() -> str:
    t = clock.today()
    return f"{t.year}年{t.month}月{t.day}日"


def test_a_clue_received_in_the_future_gets_no_number(b):
    with pytest.raises(ValidationError) as exc:
        _opened(b, received_on=D(2030, 1, 1))
    assert exc.value.messages == [
        f"收到线索日期2030年1月1日晚于今天（{_today_words()}），业务日期不能是将来的日期。"
    ]
    assert Case.objects.count() == 0
    assert not LedgerEvent.objects.filter(action="number.issue").exists()


def test_registration_before_the_clue_is_refused(b):
    case = _opened(b, received_on=D(2024, 3, 4))
    events = LedgerEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        svc.register(actor=b.leader, case=case, on=D(2024, 3, 1))
    assert exc.value.messages == ["立案日期2024年3月1日早于收到线索日期2024年3月4日。"]
    case.refresh_from_db()
    assert (case.status, case.registered_on, case.version) == (CaseStatus.CLUE, None, 1)
    assert LedgerEvent.objects.count() == events


def test_a_decision_dated_next_year_is_refused(b):
    case = _investigated(b)
    case = svc.notify(actor=b.leader, case=case, on=D(2024, 3, 8))
    next_year = D(clock.today().year + 1, 1, 5)
    with pytest.raises(ValidationError) as exc:
        decisions.decide(
            actor=b.leader,
            case=case,
            on=next_year,
            outcome="penalty",
            fine=Decimal(150),
            band=b.light,
            basis="第三十六条",
        )
    assert exc.value.messages == [
        f"决定日期{next_year.year}年1月5日晚于今天（{_today_words()}），业务日期不能是将来的日期。"
    ]
    assert not Decision.objects.exists()


def test_evidence_dated_2031_is_refused(b):
    case = _opened(b)
    svc.assign_officer(actor=b.leader, case=case, officer=b.officer1, lead=True)
    with pytest.raises(ValidationError) as exc:
        svc.evidence_add(
            actor=b.officer_user,
            case=case,
            kind="inquiry",
            title="询问笔录",
            collected_on=D(2031, 1, 1),
            officer=b.officer1,
        )
    assert exc.value.messages == [
        f"证据收集日期2031年1月1日晚于今天（{_today_words()}），业务日期不能是将来的日期。"
    ]
    assert not case.evidence.exists()


def test_a_payment_before_the_decision_names_both_dates(b):
    case = _investigated(b)
    case = svc.notify(actor=b.leader, case=case, on=D(2024, 3, 8))
    decisions.decide(
        actor=b.leader,
        case=case,
        on=D(2024, 3, 18),
        outcome="penalty",
        fine=Decimal(150),
        band=b.light,
        basis="第三十六条",
    )
    decisions.serve(actor=b.officer_user, case=case, on=D(2024, 3, 19), method="直接送达")
    with pytest.raises(ValidationError) as exc:
        decisions.pay(actor=b.clerk, case=case, on=D(2024, 3, 10), amount=Decimal(150))
    assert exc.value.messages == ["缴纳日期2024年3月10日早于决定日期2024年3月18日。"]


def test_service_before_the_decision_is_refused(b):
    case = _investigated(b)
    case = svc.notify(actor=b.leader, case=case, on=D(2024, 3, 8))
    decisions.decide(
        actor=b.leader,
        case=case,
        on=D(2024, 3, 18),
        outcome="penalty",
        fine=Decimal(150),
        band=b.light,
        basis="第三十六条",
    )
    with pytest.raises(ValidationError) as exc:
        decisions.serve(actor=b.officer_user, case=case, on=D(2024, 3, 15), method="直接送达")
    assert exc.value.messages == ["送达日期2024年3月15日早于决定日期2024年3月18日。"]
    assert Decision.objects.get(case=case).served_on is None


def test_the_statement_period_is_the_partys(b):
    case = _investigated(b)
    case = svc.notify(actor=b.leader, case=case, on=D(2024, 3, 8))
    c = clocks.for_subject(case).get(rule__code="CF-4")
    assert c.party is True
    card = clocks.card(c, today=D(2024, 3, 20))  # after the period ended
    assert (card.status, card.label) == ("party-over", "当事人期限已届满")
    card = clocks.card(c, today=D(2024, 3, 11))
    assert (card.status, card.label) == ("party", "当事人期限至2024年3月15日")
    decisions.decide(
        actor=b.leader,
        case=case,
        on=D(2024, 3, 18),
        outcome="penalty",
        fine=Decimal(150),
        band=b.light,
        basis="第三十六条",
    )
    c.refresh_from_db()
    card = clocks.card(c)
    assert (card.status, card.label) == ("done", "当事人期限已结束")  # never 超期办结


def test_the_case_page_labels_each_move_by_what_it_does(b, client):
    """At 拟处理意见 the leader is offered 批准并告知当事人 and 退回补充调查 (with a reason) —
    never a button called 批准立案 that sends the case back."""

    case = _investigated(b)
    sign_in(client, "leader")
    page = client.get(f"/workspace/enforcement/cases/{case.pk}/").content.decode()
    assert 'id="act-notify">批准并告知当事人<' in page
    assert 'id="act-back">退回补充调查<' in page
    assert 'id="act-register"' not in page
    # no button says 批准立案 (the timeline does name the past step 批准立案, at its date)
    buttons = re.findall(r"<button[^>]*>([^<]*)</button>", page)
    assert "退回补充调查" in buttons and "批准立案" not in buttons
    assert 'data-op="decide"' not in page  # no decision form before the notice


def test_no_decision_form_at_the_clue_stage(b, client):

    case = _opened(b)
    sign_in(client, "officer")
    page = client.get(f"/workspace/enforcement/cases/{case.pk}/").content.decode()
    assert 'data-op="decide"' not in page  # a general-procedure clue: no on-the-spot decision
