"""GK-7: an excessive request deferred to a reasonable later date (2019 text only), the fee
notice refused before the fee method was in force, and repeated requests turned into an
item of the catalogue."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from fazhi.core import clocks
from fazhi.core.tests.signin import sign_in

from .. import excessive, proactive, services
from ..models import DisclosureItem, DisclosureRequest, ReplyType
from . import factories

D = dt.date


@pytest.fixture
def w(db):
    return factories.World()


def test_an_excessive_request_is_deferred_to_a_later_date(w):
    req = factories.request(w, on=D(2019, 9, 2))  # GK-4 due 2019-09-30 (20 WD)
    args = dict(
        request=req,
        reply_by=D(2019, 10, 31),
        reason="申请人一个月内提出42件申请",
        on=D(2019, 9, 20),
    )
    with pytest.raises(PermissionDenied) as exc:
        excessive.request_defer(actor=w.clerk, **args)
    assert str(exc.value) == "确定延迟答复期限须经政府信息公开工作机构负责人决定。"
    for kw, msg in [
        ({"reason": " "}, "请写明申请人说明的理由和确定延迟答复期限的理由。"),
        ({"reply_by": D(2019, 9, 30)}, "延迟答复的期限应晚于现行答复期限2019年9月30日。"),
        ({"on": D(2019, 10, 8)}, "答复期限已于2019年9月30日届满，不能再确定延迟答复期限。"),
    ]:
        with pytest.raises(ValidationError) as exc:
            excessive.request_defer(actor=w.head, **{**args, **kw})
        assert exc.value.messages == [msg]
    excessive.request_defer(actor=w.head, **args)
    req.refresh_from_db()
    assert (req.deferred_to, req.deferred_reason) == (D(2019, 10, 31), "申请人一个月内提出42件申请")
    assert clocks.for_subject(req).get(rule__code="GK-4").stopped_on == D(2019, 9, 20)
    with pytest.raises(ValidationError) as exc:
        excessive.request_defer(actor=w.head, **args)
    assert exc.value.messages == ["本申请已确定延迟答复期限至2019年10月31日。"]
    late = dict(actor=w.clerk, request=req, reply_type=ReplyType.DISCLOSED)
    with pytest.raises(Exception) as exc:
        services.request_answer(**late, on=D(2019, 11, 1))
    assert "答复日期2019年11月1日晚于告知申请人的延迟答复期限2019年10月31日" in str(exc.value)
    from fazhi.core.models import OrgKind, Role
    from fazhi.core.tests import factories as f

    from ..todo import requests_coming_due

    sup = f.user(org=w.gov, role=Role.SUPERVISOR, scope="all")
    assert w.gov.kind == OrgKind.DISTRICT
    assert [
        (r.title, r.due_on, r.days_left) for r in requests_coming_due(sup, D(2019, 10, 25))
    ] == [(f"政府信息公开申请延迟答复期限：{req.number}", D(2019, 10, 31), 6)]
    assert requests_coming_due(sup, D(2019, 10, 20)) == []
    req = services.request_answer(**late, on=D(2019, 10, 30))
    assert (req.status, req.on_time) == ("answered", True)


def test_the_2007_text_has_no_deferral_and_2019_no_fee(w):
    old = factories.request(w, on=D(2019, 5, 10))  # received under the 2007 text
    with pytest.raises(ValidationError) as exc:
        excessive.request_defer(
            actor=w.head, request=old, reply_by=D(2019, 7, 31), reason="大量申请", on=D(2019, 5, 20)
        )
    assert exc.value.messages == [
        "该申请于2019年5月10日收到，适用2007年政府信息公开条例，该条例没有对数量、频次明显超过"
        "合理范围的申请确定延迟答复期限的规定（第三十五条自2019年5月15日起施行）。"
    ]
    req = factories.request(w, on=D(2019, 9, 2))
    with pytest.raises(ValidationError) as exc:
        excessive.request_fee_notice(actor=w.clerk, request=req, amount="1100", on=D(2019, 9, 5))
    assert exc.value.messages == [
        "信息处理费按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取，该办法自"
        "2021年1月1日起施行；2019年9月2日收到的申请不能发出收费通知（政府信息公开条例第四十二条）。"
    ]
    assert DisclosureRequest.objects.filter(fee_notified_on__isnull=False).count() == 0


def test_a_fee_notice_from_2021(w):
    req = factories.request(w, on=D(2021, 3, 1))
    with pytest.raises(ValidationError) as exc:
        excessive.request_fee_notice(actor=w.clerk, request=req, amount="0", on=D(2021, 3, 3))
    assert exc.value.messages == ["请填写信息处理费金额。"]
    excessive.request_fee_notice(actor=w.clerk, request=req, amount="1100", on=D(2021, 3, 3))
    req.refresh_from_db()
    assert (req.fee_notified_on, str(req.fee_amount)) == (D(2021, 3, 3), "1100.00")
    with pytest.raises(ValidationError) as exc:
        excessive.request_fee_notice(actor=w.clerk, request=req, amount="100", on=D(2021, 3, 4))
    assert exc.value.messages == ["本申请已于2021年3月3日发出收费通知。"]


def test_the_request_page_counts_the_applicants_month(w, client):
    for day in range(2, 14):
        req = factories.request(w, on=D(2019, 9, day), description=f"第{day}号文件")
    factories.request(w, on=D(2019, 10, 8))
    sign_in(client, w.head)
    body = client.get(reverse("opengov:request", args=[req.pk])).content.decode()
    assert '<dd class="col-9" id="monthly-count">12 件 <span' in body
    assert 'id="form-defer"' in body and 'id="form-fee"' not in body
    client.post(
        reverse("opengov:request_act", args=[req.pk]),
        {"op": "defer", "reason": "一个月内12件", "reply_by": "2019-11-29", "on": "2019-09-20"},
    )
    req.refresh_from_db()
    assert req.deferred_to == D(2019, 11, 29)


def test_repeated_requests_become_a_catalogue_item(w, client):
    text = "2019年部门预算"
    for day in (2, 3):
        factories.request(w, on=D(2019, 9, day), description=text)
    args = dict(org=w.body, description=text, category="budget", formed_on=D(2019, 9, 10))
    with pytest.raises(ValidationError) as exc:
        proactive.suggestion_adopt(actor=w.clerk, **args)
    assert exc.value.messages == ["“2019年部门预算”只有2件申请，不足3件，不作为转主动公开的建议。"]
    factories.request(w, on=D(2019, 9, 4), description=text)
    sign_in(client, w.clerk)
    client.post(
        reverse("opengov:items"),
        {
            "op": "adopt",
            "org": w.body.pk,
            "description": text,
            "category": "budget",
            "formed_on": "2019-09-10",
        },
    )
    item = DisclosureItem.objects.get()
    assert (item.title, item.formed_on, item.category) == (text, D(2019, 9, 10), "budget")
    body = client.get(reverse("opengov:items")).content.decode()
    assert '2019年部门预算（3 次申请） <span class="badge bg-success">已转为主动公开</span>' in body
    with pytest.raises(ValidationError) as exc:
        proactive.suggestion_adopt(actor=w.clerk, **args)
    assert exc.value.messages == ["“2019年部门预算”已列入本机关的主动公开事项。"]
