"""The municipal platform's API: it pushes an order (a retry returns the same order), pulls
the result after the body replied and the office closed it; bad input is a Chinese 400, a
body's account may not push, another organisation's order is a 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import include, path
from ninja import NinjaAPI
from ninja.security import HttpBearer

from fazhi.core import services as core_services
from fazhi.core.models import Role
from fazhi.core.tests.factories import user

from ..api import router
from ..models import Order
from ..services import orders
from .world import Hotline, at


class _Token(HttpBearer):
    def authenticate(self, request, token):
        u = core_services.token_user(token)
        if u is not None:
            request.user = u
        return u


_api = NinjaAPI(urls_namespace="hotline_api_test", auth=[_Token()])
_api.add_router("/v1/hotline/", router)
urlpatterns = [path("api/", _api.urls), path("", include(settings.ROOT_URLCONF))]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
URL = "/api/v1/hotline/orders"
DAY = dt.date(2019, 6, 3)


@pytest.fixture
def h(db):
    with at(DAY):
        yield Hotline()


def _bearer(account):
    _t, key = core_services.token_create(actor=account, user=account, name="市级平台")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _push(**kw):
    body = {
        "external_no": "CS2019060300123",
        "kind": "complaint",
        "category_code": "HJ01",
        "caller_phone": "13807318826",
        "caller_name": "刘建华",
        "text": "夜间施工噪声扰民",
        "received_on": "2019-06-03",
    }
    body.update(kw)
    return body


def test_the_platform_pushes_an_order_and_pulls_the_result(h, client):
    platform = _bearer(user("platform", org=h.office, role=Role.CLERK))
    with at(DAY):
        resp = client.post(URL, _push(), content_type="application/json", **platform)
        assert resp.status_code == 201, resp.content
        got = resp.json()
        assert (got["number"], got["status"], got["external_no"]) == (
            "RX-2019-1",
            "received",
            "CS2019060300123",
        )
        again = client.post(URL, _push(), content_type="application/json", **platform)
        assert again.status_code == 200 and again.json()["id"] == got["id"]
        assert Order.objects.count() == 1 and Order.objects.get().channel == "platform"
        o = Order.objects.get()
        o = orders.order_assign(actor=h.agent, order=o, body=h.body)
        o = orders.order_sign(actor=h.body_clerk, order=o)
        o = orders.order_reply(actor=h.body_clerk, order=o, reply="已责令夜间停工")
        orders.order_close(actor=h.agent, order=o)
        result = client.get(f"{URL}/result", {"external_no": "CS2019060300123"}, **platform).json()
    assert (result["status"], result["reply"], result["closed_on"], result["body"]) == (
        "closed",
        "已责令夜间停工",
        "2019-06-03",
        "测试区行政执法局",
    )


def test_bad_input_and_other_accounts(h, client):
    platform = _bearer(user("platform", org=h.office, role=Role.CLERK))
    with at(DAY):
        bad = client.post(
            URL, _push(category_code="XX99"), content_type="application/json", **platform
        )
        assert (bad.status_code, bad.json()["detail"]) == (400, "诉求分类编码不存在：XX99")
        phone = client.post(
            URL, _push(caller_phone="12345"), content_type="application/json", **platform
        )
        assert phone.status_code == 400 and "联系电话格式不正确：12345" in phone.json()["detail"]
        body = _bearer(user("body_app", org=h.body, role=Role.CLERK))
        refused = client.post(URL, _push(), content_type="application/json", **body)
        assert refused.status_code == 403
        assert not Order.objects.exists()
        o = h.take(external_no="CS-OTHER")
        outsider = _bearer(user("other_app", org=h.d.street_b, role=Role.CLERK))
        assert (
            client.get(f"{URL}/result", {"external_no": "CS-OTHER"}, **outsider).status_code == 404
        )
        assert (
            client.get(f"{URL}/result", {"external_no": "CS-OTHER"}, **platform).json()["id"]
            == o.pk
        )
