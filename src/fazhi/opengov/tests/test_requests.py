"""依申请公开, first step to reply: the reply clock under the version of the regulation in
force on the receipt date, with every due date counted by hand on the 2019 calendar
(中秋 9-13; 国庆 10-01…10-07; make-up working days Sun 9-29 and Sat 10-12)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import clocks
from fazhi.core.models import LedgerEvent
from fazhi.core.workflow import InvalidTransition

from .. import rules, services
from ..models import ConsultationKind, ReplyType, RequestStatus
from . import factories

D = dt.date


@pytest.fixture
def w(db):
    return factories.World()


def _due(req):
    return rules.reply_clock(req).due_on


def test_the_2019_flow_correction_restarts_consultation_pauses_extension_and_reply(w):
    req = factories.request(w, on=D(2019, 9, 2))  # Monday, online, confirmed the same day
    assert req.number == "测试住建局信公申〔2019〕1号" and len(req.check_code) == 6
    c = rules.reply_clock(req)
    assert c.version.valid_from == D(2019, 5, 15)  # the 2019 revision (第三十三条)
    # 9-03 … 9-12 eight WD, 9-13 中秋, 9-16 … 9-27 ten more, Sun 9-29 the 19th, 9-30 the 20th
    assert c.due_on == D(2019, 9, 30)
    # 补正 within 7 WD (9-03 … 9-11): told once on 9-04
    req = services.request_notify_correction(
        actor=w.clerk,
        request=req,
        items="请写明项目名称和文件的形成年份，5个工作日内补正",
        on=D(2019, 9, 4),
    )
    assert req.status == RequestStatus.CORRECTION
    # the corrected request arrives on 9-09: 20 WD again from there — 9-10 … 9-30 fifteen,
    # 10-08 … 10-11 four, Sat 10-12 the 20th
    req = services.request_correction_received(actor=w.clerk, request=req, on=D(2019, 9, 9))
    assert _due(req) == D(2019, 10, 12)
    # a third party is consulted 9-16 … 9-20: five WD not counted → 10-14 … 10-18
    cons = services.request_consult(
        actor=w.clerk,
        request=req,
        kind=ConsultationKind.THIRD_PARTY,
        consulted="长沙市芙蓉区某物业服务有限公司",
        on=D(2019, 9, 16),
    )
    req.refresh_from_db()
    assert req.status == RequestStatus.CONSULTING and rules.reply_clock(req).paused
    party = clocks.for_subject(req).get(rule__code="GK-5")
    # the third party's 15 WD: 9-17 … 9-30 eleven (9-29 a working Sunday), 10-08 … 10-11 four
    assert (party.party, party.due_on) == (True, D(2019, 10, 11))
    req = services.request_consult_answered(
        actor=w.clerk, request=req, on=D(2019, 9, 20), opinion="不同意公开合同单价"
    )
    cons.refresh_from_db()
    assert cons.answered_on == D(2019, 9, 20)
    assert _due(req) == D(2019, 10, 18)
    # +20 WD approved by the head of the disclosure office: 10-21 … 11-15
    req = services.request_extend(
        actor=w.head, request=req, days=20, reason="涉及多个项目，需调取档案", on=D(2019, 10, 10)
    )
    assert (_due(req), req.extended_by) == (D(2019, 11, 15), "周建国")
    req = services.request_answer(
        actor=w.clerk,
        request=req,
        reply_type=ReplyType.PARTLY,
        withheld=[("合同单价", "涉及第三方商业秘密，第三方不同意公开（条例第十五条）")],
        on=D(2019, 10, 25),
    )
    assert (req.status, req.replied_on, req.closed_on, req.on_time) == (
        RequestStatus.ANSWERED,
        D(2019, 10, 25),
        D(2019, 10, 25),
        True,
    )
    assert req.reply_number == "测试住建局信公复〔2019〕1号"
    assert [(p.part, p.ground[:9]) for p in req.withheld.all()] == [
        ("合同单价", "涉及第三方商业秘密")
    ]
    c = rules.reply_clock(req)
    assert (c.stopped_on, c.due_on) == (D(2019, 10, 25), D(2019, 11, 15))


def test_a_request_received_before_2019_05_15_runs_under_the_2007_text(w):
    req = factories.request(w, on=D(2019, 5, 10))  # Friday
    c = rules.reply_clock(req)
    # 15 WD (第二十四条): 5-13 … 5-31 — the toml's own worked example
    assert (c.version.valid_to, c.due_on) == (D(2019, 5, 14), D(2019, 5, 31))
    # the 2007 text lets only a third party's time go uncounted
    with pytest.raises(ValidationError) as exc:
        services.request_consult(
            actor=w.clerk,
            request=req,
            kind=ConsultationKind.AGENCY,
            consulted="长沙市芙蓉区财政局",
            on=D(2019, 5, 14),
        )
    assert exc.value.messages == ["GK-4 的规定中，只有这些事项的时间不计入期限：征求第三方意见。"]
    req.refresh_from_db()
    assert req.status == RequestStatus.RECEIVED and not req.consultations.exists()
    # 补正 under the 2007 text: no period to tell it in, and no restart of the reply period
    req = services.request_notify_correction(
        actor=w.clerk, request=req, items="请写明文件名称", on=D(2019, 5, 27)
    )
    req = services.request_correction_received(actor=w.clerk, request=req, on=D(2019, 5, 28))
    assert _due(req) == D(2019, 5, 31)


def test_the_extension_is_capped_by_the_version(w):
    req = factories.request(w, on=D(2019, 5, 10))
    with pytest.raises(ValidationError) as exc:
        services.request_extend(
            actor=w.head, request=req, days=20, reason="档案在外", on=D(2019, 5, 20)
        )
    assert exc.value.messages == ["GK-4 最多延长 15（已延长 0）。"]


# -- Bad input: a clear message, nothing changed ------------------------------------------


def _events():
    return LedgerEvent.objects.count()


def test_a_reply_after_the_limit_without_an_extension_is_refused(w):
    req = factories.request(w, on=D(2019, 9, 2))
    n = _events()
    with pytest.raises(InvalidTransition) as exc:
        services.request_answer(
            actor=w.clerk, request=req, reply_type=ReplyType.DISCLOSED, on=D(2019, 10, 8)
        )
    assert exc.value.message == (
        "答复日期2019年10月8日晚于答复期限2019年9月30日，且未经政府信息公开工作机构负责人批准延长"
        "（政府信息公开条例第三十三条），请先办理延长。"
    )
    req.refresh_from_db()
    assert (req.status, req.reply_number, _events()) == (RequestStatus.RECEIVED, "", n)


def test_an_extension_not_approved_by_the_office_head_is_refused(w):
    req = factories.request(w, on=D(2019, 9, 2))
    n = _events()
    with pytest.raises(PermissionDenied) as exc:
        services.request_extend(
            actor=w.clerk, request=req, days=10, reason="需调档", on=D(2019, 9, 20)
        )
    assert str(exc.value) == (
        "延长答复期限须经政府信息公开工作机构负责人批准（政府信息公开条例第三十三条）。"
    )
    assert (_due(req), _events()) == (D(2019, 9, 30), n)
    # nor by the head of another body
    with pytest.raises(PermissionDenied):
        services.request_extend(
            actor=w.other_head, request=req, days=10, reason="需调档", on=D(2019, 9, 20)
        )


def test_a_correction_notice_sent_twice_is_refused(w):
    req = factories.request(w, on=D(2019, 9, 2))
    req = services.request_notify_correction(
        actor=w.clerk, request=req, items="请写明文号", on=D(2019, 9, 3)
    )
    req = services.request_correction_received(actor=w.clerk, request=req, on=D(2019, 9, 5))
    n = _events()
    with pytest.raises(InvalidTransition) as exc:
        services.request_notify_correction(
            actor=w.clerk, request=req, items="请再写明年份", on=D(2019, 9, 6)
        )
    assert exc.value.message == (
        "补正告知只能一次性发出（政府信息公开条例第三十条），本申请已于2019年9月3日告知补正。"
    )
    req.refresh_from_db()
    assert (req.status, req.correction_items, _events()) == (
        RequestStatus.RECEIVED,
        "请写明文号",
        n,
    )


def test_a_correction_notice_after_seven_working_days_is_refused(w):
    req = factories.request(w, on=D(2019, 9, 2))
    with pytest.raises(InvalidTransition) as exc:
        services.request_notify_correction(
            actor=w.clerk, request=req, items="请写明文号", on=D(2019, 9, 12)
        )
    assert exc.value.message == (
        "补正告知应当自收到申请之日起7个工作日内一次性发出（政府信息公开条例第三十条），"
        "本申请的告知期限至2019年9月11日。"
    )


def test_a_partial_disclosure_without_grounds_for_a_withheld_part_is_refused(w):
    req = factories.request(w, on=D(2019, 9, 2))
    n = _events()
    with pytest.raises(InvalidTransition) as exc:
        services.request_answer(
            actor=w.clerk,
            request=req,
            reply_type=ReplyType.PARTLY,
            withheld=[("评审专家名单", "")],
            on=D(2019, 9, 20),
        )
    assert exc.value.message == (
        "部分公开的，每一项不予公开的部分都须写明理由和依据（“评审专家名单”未写）。"
    )
    req.refresh_from_db()
    assert (req.status, req.withheld.count(), _events()) == (RequestStatus.RECEIVED, 0, n)
    with pytest.raises(InvalidTransition) as exc:
        services.request_answer(
            actor=w.clerk, request=req, reply_type=ReplyType.NOT_DISCLOSED, on=D(2019, 9, 20)
        )
    assert exc.value.message == "不予公开的，须写明理由和依据。"


def test_an_applicant_id_number_that_fails_its_check_is_refused(w):
    n = _events()
    with pytest.raises(ValidationError) as exc:
        factories.request(w, applicant_id_number="430102198503170024")
    assert exc.value.messages[0].startswith("申请人身份证号码有误：")
    assert "校验" in exc.value.messages[0]
    from ..models import DisclosureRequest

    assert (DisclosureRequest.objects.count(), _events()) == (0, n)


def test_a_stranger_cannot_act_on_the_request(w):
    req = factories.request(w, on=D(2019, 9, 2))
    with pytest.raises(PermissionDenied):
        services.request_answer(
            actor=w.stranger, request=req, reply_type=ReplyType.DISCLOSED, on=D(2019, 9, 20)
        )
