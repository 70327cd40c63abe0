"""主动公开: the index number, GK-1's 20 working days from formation, a late item marked."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import clocks
from fazhi.core.indicators import evaluate

from .. import proactive
from ..models import DisclosureItem, ItemCategory
from . import factories
from .factories import SYSTEM

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
    assert a.index_number == f"430102-{w.body.pk:04d}/2019-00001"
    assert b.index_number.endswith("/2019-00002")
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


def test_the_catalogue_is_kept_per_body_with_its_responsible_unit(w):
    from fazhi.core.tests import factories as f

    office = f.org("测试住建局办公室", parent=w.body)
    cat = proactive.category_save(
        actor=w.clerk, org=w.body, name="重大建设项目", responsible=office, content="批准和实施"
    )
    assert (cat.org, cat.responsible, cat.active) == (w.body, office, True)
    for kw, msg in [
        ({"name": " "}, "请填写目录类别名称。"),
        ({"responsible": w.other}, "责任单位应为本机关或其内设、下属单位。"),
        ({"name": "重大建设项目"}, "本机关的目录中已有类别“重大建设项目”。"),
    ]:
        values = {"actor": w.clerk, "org": w.body, "name": "财政预决算", "responsible": w.body}
        values.update(kw)
        with pytest.raises(ValidationError) as exc:
            proactive.category_save(**values)
        assert exc.value.messages == [msg]
    assert (
        proactive.category_save(
            actor=w.clerk, org=w.body, category=cat, name="重大建设项目", responsible=w.body
        ).responsible
        == w.body
    )
    other = proactive.category_save(
        actor=SYSTEM, org=w.other, name="财政预决算", responsible=w.other
    )
    with pytest.raises(ValidationError) as exc:
        proactive.item_register(
            actor=w.clerk,
            org=w.body,
            category=ItemCategory.BUDGET,
            catalogue_category=other,
            title="2019年部门预算",
            formed_on=D(2019, 9, 2),
        )
    assert exc.value.messages == ["所选目录类别不在本机关在用的主动公开目录中。"]
    item = proactive.item_register(
        actor=w.clerk,
        org=w.body,
        category=ItemCategory.PROJECTS,
        catalogue_category=cat,
        title="东湖片区老旧小区改造项目批复",
        formed_on=D(2019, 9, 2),
    )
    assert item.catalogue_category == cat


def test_late_items_are_red_carded_on_the_list_and_the_todo(w, client):
    from django.urls import reverse

    from fazhi.core.tests.signin import sign_in

    from ..todo import items_coming_due

    a = proactive.item_register(
        actor=w.clerk,
        org=w.body,
        category=ItemCategory.BUDGET,
        title="2019年部门预算",
        formed_on=D(2019, 9, 2),
    )
    b = proactive.item_register(
        actor=w.clerk,
        org=w.body,
        category=ItemCategory.BUDGET,
        title="2019年部门决算",
        formed_on=D(2019, 9, 3),
    )
    proactive.item_publish(actor=w.clerk, item=b, on=D(2019, 9, 10))
    reminders = items_coming_due(w.clerk, D(2019, 9, 27))
    assert [(r.title, r.due_on, r.days_left, r.status) for r in reminders] == [
        (f"主动公开期限：{a.index_number} 2019年部门预算", D(2019, 9, 30), 3, "yellow")
    ]
    assert items_coming_due(w.clerk, D(2019, 10, 8))[0].days_left == -8
    assert items_coming_due(w.clerk, D(2019, 10, 8))[0].status == "red"
    assert items_coming_due(w.stranger, D(2019, 10, 8)) == []
    assert items_coming_due(w.clerk, D(2019, 9, 19)) == []
    sign_in(client, w.clerk)
    body = client.get(reverse("opengov:items")).content.decode()
    assert body.count("逾期未公开</span>") == 1  # today is past 2019-09-30 for the unpublished one
    late = client.get(reverse("opengov:items") + "?late=1").content.decode()
    assert "2019年部门预算" in late and "2019年部门决算" not in late


def test_the_catalogue_page(w, client):
    from django.urls import reverse

    from fazhi.core.tests.signin import sign_in

    from ..models import CatalogueCategory

    sign_in(client, w.clerk)
    url = reverse("opengov:catalogue")
    r = client.post(
        url,
        {
            "org": w.body.pk,
            "name": "财政预决算",
            "content": "部门预算、决算",
            "responsible": w.body.pk,
        },
    )
    assert r.status_code == 302
    cat = CatalogueCategory.objects.get()
    assert (cat.name, cat.content, cat.responsible) == ("财政预决算", "部门预算、决算", w.body)
    client.post(
        url,
        {"category": cat.pk, "name": "财政预决算", "responsible": w.other.pk, "active": "1"},
        follow=True,
    )
    cat.refresh_from_db()
    assert cat.responsible == w.body  # another body is refused
    page = client.get(url).content.decode()
    assert "财政预决算" in page and "部门预算、决算" in page
    client.logout()
    sign_in(client, w.stranger)
    assert "财政预决算" not in client.get(url).content.decode()
    r = client.post(url, {"category": cat.pk, "name": "改名", "responsible": w.other.pk})
    assert r.status_code == 404
