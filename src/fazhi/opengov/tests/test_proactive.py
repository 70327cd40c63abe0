"""主动公开: the index number, GK-1's 20 working days from formation, a late item marked."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import clocks
from fazhi.core.indicators import evaluate

from .. import proactive
from ..models import DisclosureItem, ItemCategory
from . import factories

D = dt.date


@pytest.fixture
def w(db):
    return factories.World()


def test_items_are_numbered_clocked_and_late_ones_marked(w):
    a = proactive.item_register(
        actor=w.clerk,
        org=w.body,
        category=ItemCategory.PROJECTS,
        title="东湖片区老旧小区改造项目批复",
        formed_on=D(2019, 9, 2),
    )
    b = proactive.item_register(
        actor=w.clerk,
        org=w.body,
        category=ItemCategory.BUDGET,
        title="2019年部门预算",
        formed_on=D(2019, 9, 3),
    )
    assert a.index_number == f"430102-{w.body.pk:04d}/2019-1"
    assert b.index_number.endswith("/2019-2")
    # 20 WD from 9-02 under the 2019 text (第二十六条): 9-30, as the reply example counts
    assert clocks.for_subject(a).get().due_on == D(2019, 9, 30)
    a = proactive.item_publish(actor=w.clerk, item=a, on=D(2019, 9, 20))
    b = proactive.item_publish(actor=w.clerk, item=b, on=D(2019, 10, 9))  # due 10-08
    assert (a.on_time, b.on_time) == (True, False)
    assert clocks.card(clocks.for_subject(b).get()).status == "late"
    with pytest.raises(ValidationError) as exc:
        proactive.item_publish(actor=w.clerk, item=b, on=D(2019, 10, 10))
    assert exc.value.messages == ["该事项已于2019年10月9日公开。"]
    org = w.gov
    assert evaluate("GK-PROACTIVE-PUBLISHED", year=2019, org=org).text == "2条"
    assert evaluate("GK-PROACTIVE-ON-TIME", year=2019, org=org).text == "1条"


def test_the_catalogue_pages(w, client):
    from django.urls import reverse

    from fazhi.core.tests.signin import sign_in

    sign_in(client, w.clerk)
    url = reverse("opengov:items")
    client.post(
        url,
        {
            "op": "register",
            "org": w.body.pk,
            "category": "budget",
            "title": "2019年部门预算",
            "formed_on": "2019-09-02",
        },
    )
    item = DisclosureItem.objects.get()
    assert "2019年部门预算" in client.get(url).content.decode()
    public = reverse("opengov_public:catalogue")
    assert "2019年部门预算" not in client.get(public).content.decode()
    client.post(url, {"op": "publish", "item": item.pk, "on": "2019-09-10"})
    assert item.index_number in client.get(public).content.decode()


def test_information_requested_three_times_is_suggested_for_the_catalogue(w, client):
    from django.urls import reverse

    from fazhi.core.tests.signin import sign_in

    for day in (2, 3):
        factories.request(w, on=D(2019, 9, day), description="2019年部门预算")
    sign_in(client, w.clerk)
    assert "没有多次申请的信息。" in client.get(reverse("opengov:items")).content.decode()
    factories.request(w, on=D(2019, 9, 4), description="2019年部门预算")
    body = client.get(reverse("opengov:items")).content.decode()
    assert "2019年部门预算（3 次申请）" in body
