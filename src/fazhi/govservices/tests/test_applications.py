"""An application from receipt to closing through the services, with the clocks counted by
hand on the 2019 calendar (National Day block 1–7 October; make-up working days Sunday 29
September and Saturday 12 October), and each refusal on the way."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import clocks, ledger
from fazhi.core.workflow import InvalidTransition

from ..models import AppNotice, AppStatus, NoticeKind, Outcome
from ..services import applications as svc
from ..services import decisions
from .factories import AGENT_ID, World, at

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def w(db):
    return World()


def _clock(app, code):
    return clocks.for_subject(app).get(rule__code=code)


def _received(w, materials=2, **kw):
    mats = list(w.licence.materials.order_by("sort_order"))[:materials]
    return svc.receive(
        actor=w.clerk,
        entry=w.entry,
        channel="window",
        at=at(2019, 9, 25, 10, 0),
        received=mats,
        window=w.window,
        **w.person(**kw),
    )


def test_receive_notify_supplement_accept_decide_close(w):
    app = _received(w)
    assert app.number == "430102-2019-1"
    assert len(app.check_code) == 6 and app.check_code.isdigit()
    receipt = AppNotice.objects.get(application=app, kind=NoticeKind.RECEIPT)
    assert receipt.number == "芙审服收〔2019〕1号"
    # XK-1: 5 working days from Wed 25 Sep: 26, 27, Sun 29 (make-up), 30, then 8 Oct
    assert _clock(app, "XK-1").due_on == D(2019, 10, 8)

    app = svc.notify_missing(actor=w.clerk, application=app, on=D(2019, 9, 26))
    notice = AppNotice.objects.get(application=app, kind=NoticeKind.SUPPLEMENT)
    assert notice.content == {"missing": ["法定代表人身份证明", "场所平面图"]}
    assert notice.number == "芙审服补〔2019〕1号"
    assert app.status == AppStatus.SUPPLEMENT and app.notified_on == D(2019, 9, 26)
    assert _clock(app, "XK-1").stopped_on == D(2019, 9, 26)

    # accepting before the materials are in is refused, naming exactly what is missing
    with pytest.raises(InvalidTransition) as exc:
        svc.accept(actor=w.clerk, application=app, at=at(2019, 10, 9, 9, 30))
    assert "缺少：法定代表人身份证明、场所平面图" in exc.value.message

    rest = list(w.licence.materials.order_by("sort_order"))[2:]
    svc.materials_receive(actor=w.clerk, application=app, materials=rest, on=D(2019, 10, 9))
    app = svc.accept(actor=w.clerk, application=app, at=at(2019, 10, 9, 10, 0))
    assert app.accepted_on == D(2019, 10, 9) and not app.deemed_accepted
    # XK-3: 20 working days from 9 Oct (Sat 12 Oct counts) → 5 Nov
    assert _clock(app, "XK-3").due_on == D(2019, 11, 5)
    # promise: 5 working days of 7 office hours from Wed 9 Oct 10:00 → Tue 15 Oct 10:00
    assert app.promised_due_at == at(2019, 10, 15, 10, 0)

    # a hearing is not counted (Art.45): 14–21 Oct is 6 working days → due 13 Nov
    step = decisions.step_start(
        actor=w.clerk, application=app, kind="hearing", on=D(2019, 10, 14), days_needed=10
    )
    assert step.paused_clock and _clock(app, "XK-3").paused
    decisions.step_end(actor=w.clerk, step=step, on=D(2019, 10, 21))
    assert _clock(app, "XK-3").due_on == D(2019, 11, 13)
    assert AppNotice.objects.filter(application=app, kind=NoticeKind.TIME_NEEDED).count() == 1
    # a site inspection is counted: no pause
    site = decisions.step_start(actor=w.clerk, application=app, kind="site", on=D(2019, 10, 22))
    assert not site.paused_clock

    app = decisions.decide(
        actor=w.clerk, application=app, outcome=Outcome.GRANTED, on=D(2019, 11, 12)
    )
    assert _clock(app, "XK-3").stopped_on == D(2019, 11, 12)
    # XK-6: 10 working days from 12 Nov → 26 Nov
    assert _clock(app, "XK-6").due_on == D(2019, 11, 26)
    grant = AppNotice.objects.get(application=app, kind=NoticeKind.GRANT)
    assert grant.number == "芙审服许〔2019〕1号"

    with pytest.raises(ValidationError, match="证照编号"):
        decisions.close(actor=w.clerk, application=app, at=at(2019, 11, 14, 15, 0))
    app = decisions.close(
        actor=w.clerk,
        application=app,
        at=at(2019, 11, 14, 15, 0),
        certificate_number="JY24301020012345",
    )
    assert app.status == AppStatus.CLOSED and app.closed_on == D(2019, 11, 14)
    assert _clock(app, "XK-6").stopped_on == D(2019, 11, 14)
    assert app.late_on_promise is True
    steps = [e.data.get("step") for e in ledger.timeline(app) if e.action == "matter.transition"]
    assert steps == ["一次告知补正", "补正后受理", "作出决定", "送达办结"]


def test_no_notice_within_five_working_days_means_accepted_on_receipt(w):
    app = _received(w, materials=2)
    # received 25 Sep, XK-1 ran out on 8 Oct: a notice on 9 Oct is refused
    with pytest.raises(InvalidTransition, match="2019年10月8日届满"):
        svc.notify_missing(actor=w.clerk, application=app, on=D(2019, 10, 9))
    app = svc.accept(actor=w.clerk, application=app, at=at(2019, 10, 9, 11, 0))
    assert app.deemed_accepted and app.accepted_on == D(2019, 9, 25)
    # XK-3 from 25 Sep: 26, 27, 29 Sep, 30 Sep, 8–12 Oct, 14–18, 21–25, 28 Oct → 28 Oct
    assert _clock(app, "XK-3").due_on == D(2019, 10, 28)
    assert _clock(app, "XK-1").stopped_on == D(2019, 10, 9)  # stopped late: the card says so
    assert clocks.card(_clock(app, "XK-1")).status == "late"


def test_a_notice_when_nothing_is_missing_is_refused(w):
    app = _received(w, materials=4)
    with pytest.raises(InvalidTransition, match="无需补正"):
        svc.notify_missing(actor=w.clerk, application=app, on=D(2019, 9, 26))


def test_a_decision_after_the_limit_needs_the_approved_extension(w):
    app = _received(w, materials=4)
    app = svc.accept(actor=w.clerk, application=app, at=at(2019, 9, 26, 9, 0))
    due = _clock(app, "XK-3").due_on
    assert due == D(2019, 10, 29)  # 27 Sep … 29 Oct: 20 working days
    with pytest.raises(InvalidTransition) as exc:
        decisions.decide(
            actor=w.clerk, application=app, outcome=Outcome.GRANTED, on=D(2019, 10, 30)
        )
    assert "须先经本行政机关负责人批准延长" in exc.value.message
    app.refresh_from_db()
    assert app.status == AppStatus.ACCEPTED and app.decided_on is None
    with pytest.raises(PermissionDenied):
        decisions.extend(
            actor=w.clerk, application=app, by=10, reason="需现场核查", on=D(2019, 10, 25)
        )
    decisions.extend(
        actor=w.leader, application=app, by=10, reason="需现场核查", on=D(2019, 10, 25)
    )
    assert _clock(app, "XK-3").due_on == D(2019, 11, 12)
    with pytest.raises(ValidationError, match="最多延长"):
        decisions.extend(actor=w.leader, application=app, by=1, reason="再延长", on=D(2019, 10, 28))
    app = decisions.decide(
        actor=w.leader,
        application=app,
        outcome=Outcome.REFUSED,
        on=D(2019, 10, 30),
        reasons="经营场所不符合食品安全要求。",
    )
    refusal = AppNotice.objects.get(application=app, kind=NoticeKind.REFUSAL)
    assert "六十" not in refusal.content["remedies"]
    assert "60日内依法申请行政复议" in refusal.content["remedies"]
    assert "6个月内依法向人民法院提起行政诉讼" in refusal.content["remedies"]


def test_a_refusal_needs_reasons(w):
    app = svc.accept(actor=w.clerk, application=_received(w, materials=4), at=at(2019, 9, 26, 9, 0))
    with pytest.raises(InvalidTransition, match="说明理由"):
        decisions.decide(actor=w.clerk, application=app, outcome=Outcome.REFUSED, on=D(2019, 10, 8))


def test_invalid_id_and_credit_code_are_refused_and_nothing_is_created(w):
    from ..models import Application

    with pytest.raises(ValidationError) as exc:
        _received(w, applicant_id_number="430102198605171230")
    assert "申请人身份证号码：" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        svc.receive(
            actor=w.clerk,
            entry=w.entry,
            channel="window",
            at=at(2019, 9, 25),
            **w.company(applicant_credit_code="91430102MA4L0B2K0X"),
        )
    assert "统一社会信用代码：" in str(exc.value)
    # an agent without a power of attorney
    with pytest.raises(ValidationError, match="授权委托书"):
        _received(w, agent_name="王敏", agent_id_number=AGENT_ID)
    assert not Application.objects.exists()
    app = _received(
        w, agent_name="王敏", agent_id_number=AGENT_ID, power_of_attorney=b"%PDF-1.4 poa"
    )
    assert app.power_of_attorney.size > 0


def test_business_dates_in_the_future_or_out_of_order_are_refused(w):
    app = _received(w)
    with pytest.raises(ValidationError, match="晚于今天"):
        svc.receive(actor=w.clerk, entry=w.entry, channel="window", at=at(2099, 1, 5), **w.person())
    with pytest.raises(ValidationError, match="补正告知日期2019年9月24日早于收件日期2019年9月25日"):
        svc.notify_missing(actor=w.clerk, application=app, on=D(2019, 9, 24))


def test_on_the_spot_and_clerks_of_other_bodies(w):
    from ..services import catalogue as cat

    filing = w.item(
        "FIL-001",
        "工程建设项目备案",
        materials=[("备案表", "form")],
        on=D(2019, 1, 2),
        kind="filing",
    )
    entry = w.filed(filing, statutory=0, promised=0, on=D(2019, 1, 2), on_the_spot=True)
    app = decisions.on_the_spot(
        actor=w.clerk,
        entry=entry,
        at=at(2019, 9, 25, 10, 0),
        received=list(filing.materials.all()),
        **w.company(),
    )
    assert app.status == AppStatus.CLOSED and app.on_the_spot
    assert app.received_on == app.accepted_on == app.decided_on == app.closed_on == D(2019, 9, 25)
    assert app.late_on_promise is False
    with pytest.raises(PermissionDenied):
        _received_by(w, w.other_clerk)
    with pytest.raises(
        ValidationError, match="承诺时限（1.50个工作日）不能长于法定时限（1个工作日）"
    ):
        cat.entry_save(
            actor=w.clerk,
            item=filing,
            org=w.bureau,
            on=D(2019, 1, 3),
            statutory_days=1,
            promised_days="1.5",
        )


def _received_by(w, user):
    return svc.receive(
        actor=user, entry=w.entry, channel="window", at=at(2019, 9, 25), **w.person()
    )
