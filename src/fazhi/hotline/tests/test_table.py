"""The order's transition table walked by role, and scoping: another organisation sees
nothing; a co-handler of another organisation sees the order and gives its opinion."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from fazhi.core import scoping
from fazhi.core.models import Role
from fazhi.core.tests.factories import user
from fazhi.core.tests.harness import WorkflowTableTests
from fazhi.core.tests.signin import sign_in

from .. import queries
from ..models import Order
from ..services import orders
from .world import Hotline, at

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def h(db):
    with at(D(2019, 6, 3)):
        yield Hotline()


class TestOrderTable(WorkflowTableTests):
    model = Order

    @pytest.fixture(autouse=True)
    def _setup(self, h):
        self.h = h
        self.org = h.body
        self.users = {}

    def actor(self, role):
        if role not in self.users:
            scope = "all" if role == Role.SUPERVISOR else ("org" if role == Role.OFFICER else None)
            self.users[role] = user(org=self.org, role=role, scope=scope)
        return self.users[role]

    def make(self, status):
        with at(D(2019, 6, 3)):
            o = self.h.take(kind="enquiry", category=self.h.policy)
        Order.objects.filter(pk=o.pk).update(status=status, org=self.org, reply="已答复")
        return Order.objects.get(pk=o.pk)


def test_another_organisation_sees_nothing_a_co_handler_sees_and_acts(h, client):
    with at(D(2019, 6, 3)):
        o = orders.order_assign(actor=h.agent, order=h.take(), body=h.body, cohandlers=[h.other])
        o = orders.order_sign(actor=h.body_clerk, order=o)
    assert not queries.orders(h.outsider).filter(pk=o.pk).exists()
    with pytest.raises(Http404):
        queries.order(h.outsider, o.pk)
    sign_in(client, h.outsider)
    assert client.get(f"/workspace/hotline/orders/{o.pk}/").status_code == 404
    # the co-handler (甲街道, another organisation) sees it through the visibility hook
    assert queries.order(h.street_clerk, o.pk) == o
    assert scoping.has_role(h.street_clerk, Role.CLERK, obj=o)
    with at(D(2019, 6, 4)):
        ch = orders.order_opinion(actor=h.street_clerk, order=o, org=h.other, opinion="已约谈")
    assert ch.opinion == "已约谈"
    sign_in(client, h.street_clerk)
    body = client.get(f"/workspace/hotline/orders/{o.pk}/").content.decode()
    assert o.number in body and "已约谈" in body
    # …but another clerk of a third organisation may not give an opinion for 甲街道
    with at(D(2019, 6, 4)), pytest.raises(Exception) as exc:
        orders.order_opinion(actor=h.outsider, order=o, org=h.other, opinion="x")
    assert type(exc.value).__name__ == "PermissionDenied"
