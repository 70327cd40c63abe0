"""The staff pages: the agent's intake form (the caller's history, the catalogue's suggested
body, the knowledge base), the body inbox, the order page with its moves, and the to-do
(我的待办) of the hotline office and of the lead body."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import todo
from fazhi.core.models import LedgerEvent
from fazhi.core.tests.factories import SYSTEM
from fazhi.core.tests.signin import sign_in

from ..models import Order, OrderStatus
from ..services import catalogue, orders
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


def test_intake_shows_history_knowledge_and_the_suggested_body_then_takes_the_order(h, client):
    with at(DAY):
        old = h.take(text="楼下餐馆油烟扰民")
        catalogue.knowledge_save(
            actor=SYSTEM,
            office=h.office,
            category=h.policy,
            question="灵活就业人员医保怎么缴费",
            answer="持身份证到街道社保窗口办理，或在线上缴费。",
        )
    _in(client, h.agent)
    with at(DAY):
        page = client.get("/workspace/hotline/intake/", {"phone": "13807318826", "q": "医保"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "测试区12345市民热线办公室" in html
    assert f">{old.number}</a>" in html  # the caller's earlier order
    assert "灵活就业人员医保怎么缴费" in html
    with at(DAY):
        nothing = client.get("/workspace/hotline/intake/", {"phone": "13900000000", "q": "房产"})
    assert "无历史工单" in nothing.content.decode()
    assert "灵活就业人员医保怎么缴费" not in nothing.content.decode()
    form = {
        "caller_phone": "0731-84123456",
        "caller_name": "陈秀英",
        "kind": "complaint",
        "category": h.noise.pk,
        "street": h.d.street_a.pk,
        "address": "五一大道18号",
        "text": "广场舞音响声音太大",
    }
    n = Order.objects.count()
    with at(DAY):
        bad = client.post("/workspace/hotline/intake/", {**form, "caller_phone": "12345"})
    html = bad.content.decode()
    assert bad.status_code == 200 and Order.objects.count() == n
    assert "联系电话格式不正确：12345" in html
    # the catalogue suggests the street's own body for a noise complaint in 甲街道
    assert "派单目录建议承办单位：<strong>甲街道</strong>" in html
    with at(DAY):
        ok = client.post("/workspace/hotline/intake/", form)
    new = Order.objects.get(text="广场舞音响声音太大")
    assert ok.status_code == 302 and ok["Location"] == f"/workspace/hotline/orders/{new.pk}/"
    assert (new.number, new.status, new.office, new.caller_phone) == (
        "RX-2019-2",
        S.RECEIVED,
        h.office,
        "0731-84123456",
    )


def test_a_body_clerk_may_not_open_the_intake_form(h, client):
    _in(client, h.body_clerk)
    with at(DAY):
        assert client.get("/workspace/hotline/intake/").status_code == 403


def test_the_inbox_of_the_office_and_of_the_lead_body(h, client):
    with at(DAY):
        waiting = h.take(text="待派单的工单")
        sent = orders.order_assign(
            actor=h.agent, order=h.take(text="已派给执法局"), body=h.body, cohandlers=[h.other]
        )
    _in(client, h.agent)
    with at(DAY):
        html = client.get("/workspace/hotline/inbox/").content.decode()
    assert waiting.number in html and sent.number not in html
    _in(client, h.body_clerk)
    with at(DAY):
        html = client.get("/workspace/hotline/inbox/").content.decode()
    assert sent.number in html and waiting.number not in html
    _in(client, h.outsider)
    with at(DAY):
        html = client.get("/workspace/hotline/inbox/").content.decode()
    assert "没有待办工单" in html
    with at(DAY):
        assert client.get(f"/workspace/hotline/orders/{sent.pk}/").status_code == 404


def test_the_order_page_moves_it_from_assignment_to_closing(h, client):
    with at(DAY):
        o = h.take()
    _in(client, h.agent)
    with at(DAY):
        page = client.get(f"/workspace/hotline/orders/{o.pk}/").content.decode()
    assert 'data-move="assigned"' in page and 'data-move="merged"' in page
    assert f'<option value="{h.body.pk}" selected>' in page  # the catalogue's suggestion
    url = f"/workspace/hotline/orders/{o.pk}/move/"
    with at(DAY):
        client.post(
            url,
            {"to": "assigned", "version": o.version, "body": h.body.pk, "cohandlers": h.other.pk},
        )
    o.refresh_from_db()
    assert (o.status, o.org, list(o.cohandlers.values_list("org", flat=True))) == (
        S.ASSIGNED,
        h.body,
        [h.other.pk],
    )
    # the office sees the order but the sign-off is the body's: the page offers no button
    with at(DAY):
        page = client.get(f"/workspace/hotline/orders/{o.pk}/").content.decode()
    assert 'data-move="signed"' not in page
    _in(client, h.body_clerk)
    with at(DAY):
        client.post(url, {"to": "signed", "version": o.version})
        o.refresh_from_db()
        page = client.get(f"/workspace/hotline/orders/{o.pk}/").content.decode()
        assert 'data-move="replied"' in page  # the reply form, before any reply exists
        # a reply without its text is refused with the reason and changes nothing
        resp = client.post(url, {"to": "replied", "version": o.version, "reply": " "}, follow=True)
    assert "请填写答复来电人的内容。" in resp.content.decode()
    o.refresh_from_db()
    assert o.status == S.SIGNED
    with at(DAY):
        client.post(url, {"to": "replied", "version": o.version, "reply": "已责令夜间停工"})
    o.refresh_from_db()
    assert (o.status, o.reply, o.replied_on) == (S.REPLIED, "已责令夜间停工", DAY)
    _in(client, h.agent)
    with at(DAY):
        client.post(url, {"to": "closed", "version": o.version})
        o.refresh_from_db()
        page = client.get(f"/workspace/hotline/orders/{o.pk}/").content.decode()
        client.post(url, {"to": "callback", "version": o.version, "result": "satisfied"})
    assert 'data-move="callback"' in page
    o.refresh_from_db()
    assert (o.status, o.closed_on, o.satisfaction) == (S.CLOSED, DAY, "satisfied")
    steps = LedgerEvent.objects.filter(subject_type="hotline.order", subject_id=str(o.pk))
    assert steps.count() >= 6


def test_a_stale_version_is_refused_on_the_order_page(h, client):
    with at(DAY):
        o = h.take()
        stale = o.version
        o = orders.order_assign(actor=h.agent, order=o, body=h.body)
        o = orders.order_return(actor=h.body_clerk, order=o, reason="非本单位职责")
    _in(client, h.agent)
    with at(DAY):
        resp = client.post(
            f"/workspace/hotline/orders/{o.pk}/move/",
            {"to": "assigned", "version": stale, "body": h.other.pk},
            follow=True,
        )
    o.refresh_from_db()
    assert (o.status, o.org) == (S.RETURNED, h.office)
    assert "alert-danger" in resp.content.decode() or "error" in resp.content.decode()


def test_the_to_do_of_the_office_and_of_the_lead_body(h):
    with at(DAY):
        received = h.take(text="待派单")
        assigned = orders.order_assign(
            actor=h.agent, order=h.take(text="待签收"), body=h.body, cohandlers=[h.other]
        )

    def waiting(user):
        return {(w.matter.pk, tuple(str(m.to) for m in w.moves)) for w in todo.waiting_for(user)}

    with at(DAY):
        assert waiting(h.agent) == {(received.pk, ("assigned", "closed"))}
        assert waiting(h.body_clerk) == {(assigned.pk, ("signed",))}
        # the co-handler sees the order but no move of it is theirs
        assert waiting(h.street_clerk) == set()
        assert waiting(h.outsider) == set()
        assert todo.waiting_count(h.agent) == 1 and todo.waiting_count(h.body_clerk) == 1
