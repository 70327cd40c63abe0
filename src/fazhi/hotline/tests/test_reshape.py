"""The pages that reshape or extend an order: 拆分, 合并 with the duplicates suggested, 延期申请
and its approval, and the link to what the order became."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import clocks
from fazhi.core.models import LedgerEvent
from fazhi.core.tests.signin import sign_in

from ..models import Extension, Order, OrderLink, OrderStatus
from ..services import orders, reshape
from .world import Hotline, at

pytestmark = pytest.mark.django_db
D = dt.date
S = OrderStatus
DAY = D(2019, 6, 3)


@pytest.fixture
def h(db):
    with at(DAY):
        yield Hotline()


def _in(client, user):
    with at(DAY):
        sign_in(client, user)
    return client


def _handling_due(o):
    return next(c for c in clocks.for_subject(o) if c.rule.code == "RX-1").due_on


def test_the_agent_splits_an_order_into_two_more(h, client):
    with at(DAY):
        o = h.take(text="夜间施工噪声扰民；另小区路灯不亮；另咨询医保缴费")
    _in(client, h.agent)
    url = f"/workspace/hotline/orders/{o.pk}/split/"
    with at(DAY):
        page = client.get(url).content.decode()
        assert 'data-part="2"' in page
        bad = client.post(url, {"category_0": h.noise.pk, "text_0": ""}, follow=True)
    assert "第1项拆出的诉求须有分类和内容。" in bad.content.decode()
    assert Order.objects.count() == 1
    with at(DAY):
        ok = client.post(
            url,
            {
                "category_0": h.noise.pk,
                "text_0": "小区路灯不亮",
                "category_1": h.policy.pk,
                "text_1": "咨询灵活就业人员医保缴费",
            },
        )
    assert ok.status_code == 302 and ok["Location"] == f"/workspace/hotline/orders/{o.pk}/"
    parts = list(Order.objects.filter(split_from=o).order_by("id"))
    assert [(p.number, p.category, p.text, p.caller_phone, p.received_on) for p in parts] == [
        ("RX-2019-2", h.noise, "小区路灯不亮", "13807318826", DAY),
        ("RX-2019-3", h.policy, "咨询灵活就业人员医保缴费", "13807318826", DAY),
    ]
    event = LedgerEvent.objects.get(action="hotline.split")
    assert event.data["parts"] == ["RX-2019-2", "RX-2019-3"]
    with at(DAY):
        page = client.get(f"/workspace/hotline/orders/{o.pk}/").content.decode()
    assert ">RX-2019-2</a>、<a" in page
    # once dispatched, an order is no longer split
    with at(DAY):
        sent = orders.order_assign(actor=h.agent, order=o, body=h.body)
        with pytest.raises(ValidationError) as exc:
            reshape.order_split(actor=h.agent, order=sent, parts=[(h.noise, "又一项")])
    assert exc.value.messages == ["只有待派单的工单可以拆分（当前状态：已派单待签收）。"]
    # the body may not split the office's order
    _in(client, h.body_clerk)
    with at(DAY):
        assert client.get(url).status_code == 403


def test_the_merge_page_suggests_duplicates_and_asks_to_confirm_another_caller(h, client):
    with at(DAY):
        first = h.take(text="工地夜间施工")
        same_caller = h.take(text="又是夜间施工", category=h.policy, address="")
        same_place = h.take(caller_phone="13974185522", text="隔壁工地晚上施工")
        elsewhere = h.take(caller_phone="13974185523", address="韶山北路1号", text="别处")
        late = h.take(text="一个月后", received_on=D(2019, 6, 3))
    Order.objects.filter(pk=late.pk).update(received_on=D(2019, 5, 1))
    _in(client, h.agent)
    url = f"/workspace/hotline/orders/{same_place.pk}/merge/"
    with at(DAY):
        order_page = client.get(f"/workspace/hotline/orders/{same_place.pk}/").content.decode()
        page = client.get(url).content.decode()
    assert 'id="duplicates-hint">疑似重复工单 1 张</span>' in order_page
    assert f'data-candidate="{first.pk}"' in page
    assert f'data-candidate="{same_caller.pk}"' not in page  # other caller, other category
    assert f'data-candidate="{elsewhere.pk}"' not in page
    assert f'data-candidate="{late.pk}"' not in page
    with at(DAY):
        refused = client.post(
            url, {"into": first.pk, "version": same_place.version}, follow=True
        ).content.decode()
    assert "须确认是同一地址同一事项的重复诉求后才能合并" in refused
    same_place.refresh_from_db()
    assert same_place.status == S.RECEIVED
    with at(DAY):
        ok = client.post(url, {"into": first.pk, "version": same_place.version, "confirm": "1"})
    assert ok["Location"] == f"/workspace/hotline/orders/{first.pk}/"
    same_place.refresh_from_db()
    assert (same_place.status, same_place.merged_into) == (S.MERGED, first)
    # the same caller's order is offered for the caller's own duplicate
    with at(DAY):
        page = client.get(f"/workspace/hotline/orders/{same_caller.pk}/merge/").content.decode()
    assert f'data-candidate="{first.pk}"' in page and "同一来电人" in page


def test_the_body_asks_for_an_extension_and_the_office_leader_decides(h, client):
    with at(DAY):
        o = orders.order_sign(
            actor=h.body_clerk,
            order=orders.order_assign(actor=h.agent, order=h.take(), body=h.body),
        )
    due = _handling_due(o)
    _in(client, h.body_clerk)
    url = f"/workspace/hotline/orders/{o.pk}/extension/"
    with at(DAY):
        page = client.get(f"/workspace/hotline/orders/{o.pk}/").content.decode()
        assert 'data-move="extension"' in page
        bad = client.post(url, {"days": "3", "reason": " "}, follow=True).content.decode()
    assert "请写明申请延期的理由。" in bad and Extension.objects.count() == 0
    with at(DAY):
        client.post(url, {"days": "3", "reason": "需会同住建部门现场核实"})
        again = client.post(url, {"days": "2", "reason": "再延"}, follow=True).content.decode()
    assert "该工单已有待审批的延期申请。" in again
    ext = Extension.objects.get()
    assert (ext.org, ext.days, ext.decision, ext.asked_on) == (h.body, 3, "pending", DAY)
    # the agent (a clerk) may not approve; a leader of the office may
    with pytest.raises(PermissionDenied):
        with at(DAY):
            reshape.extension_decide(actor=h.agent, extension=ext, approve=True)
    _in(client, h.chief)
    decide = f"/workspace/hotline/orders/{o.pk}/extension/{ext.pk}/"
    with at(DAY):
        page = client.get(f"/workspace/hotline/orders/{o.pk}/").content.decode()
        assert 'data-move="extension-decide"' in page
        client.post(decide, {"decision": "approved", "note": "同意"})
    ext.refresh_from_db()
    assert (ext.decision, ext.decided_on, ext.note) == ("approved", DAY, "同意")
    c = next(c for c in clocks.for_subject(o) if c.rule.code == "RX-1")
    assert c.extension == 3 and c.due_on > due
    # a second request refused needs its reason
    _in(client, h.body_clerk)
    with at(DAY):
        client.post(url, {"days": "2", "reason": "仍需协调"})
    second = Extension.objects.order_by("id").last()
    _in(client, h.chief)
    with at(DAY):
        resp = client.post(
            f"/workspace/hotline/orders/{o.pk}/extension/{second.pk}/",
            {"decision": "refused", "note": ""},
            follow=True,
        ).content.decode()
        assert "不予批准延期时须写明理由。" in resp
        client.post(
            f"/workspace/hotline/orders/{o.pk}/extension/{second.pk}/",
            {"decision": "refused", "note": "已延期一次，请按期办结"},
        )
    second.refresh_from_db()
    assert second.decision == "refused"
    c.refresh_from_db()
    assert c.extension == 3


def test_the_body_links_the_order_to_what_it_became(h, client):
    with at(DAY):
        o = orders.order_sign(
            actor=h.body_clerk,
            order=orders.order_assign(actor=h.agent, order=h.take(), body=h.body),
        )
    petition = apps.get_model("disputes", "Petition").objects.create(
        org=h.body,
        number="测信〔2019〕0612号",
        title="夜间施工噪声",
        status="registered",
        received_on=DAY,
        channel="visit",
        category="complaint",
        source="direct",
        content="夜间施工噪声",
    )
    hidden = apps.get_model("disputes", "Petition").objects.create(
        org=h.d.street_b,
        number="测信〔2019〕0613号",
        title="别处",
        status="registered",
        received_on=DAY,
        channel="visit",
        category="complaint",
        source="direct",
        content="别处",
    )
    _in(client, h.body_clerk)
    url = f"/workspace/hotline/orders/{o.pk}/link/"
    with at(DAY):
        page = client.get(f"/workspace/hotline/orders/{o.pk}/").content.decode()
        assert '<option value="disputes.petition">' in page
        bad = client.post(
            url, {"subject_type": "disputes.petition", "number": hidden.number}, follow=True
        ).content.decode()
    assert "找不到编号为测信〔2019〕0613号的事项，或您无权查看。" in bad
    assert OrderLink.objects.count() == 0
    with at(DAY):
        client.post(url, {"subject_type": "disputes.petition", "number": petition.number})
        page = client.get(f"/workspace/hotline/orders/{o.pk}/").content.decode()
    link = OrderLink.objects.get()
    assert (link.subject_type, link.subject_id) == ("disputes.petition", str(petition.pk))
    assert link.label.endswith(" 测信〔2019〕0612号")
    assert 'id="order-links"' in page and "测信〔2019〕0612号" in page
