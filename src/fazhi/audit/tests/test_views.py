"""The rectification page: the responsible body records evidence and reports, the audit
body confirms and closes; another organisation gets 404."""

import pytest
from django.urls import reverse

from fazhi.core.tests.signin import sign_in

from . import factories


@pytest.fixture
def w(db):
    return factories.World()


def test_a_finding_is_rectified_and_closed_on_its_page(w, client):
    rect = factories.rectification(w)
    url = reverse("audit:rectification", args=[rect.pk])
    act = reverse("audit:rectification_act", args=[rect.pk])
    sign_in(client, w.clerk)
    client.post(act, {"op": "evidence", "description": "记账凭证第0315号", "on": "2019-07-15"})
    client.post(
        act,
        {"op": "submit", "measures": "已扣回预付款", "on": "2019-07-16", "version": rect.version},
    )
    assert "待审计机关确认" in client.get(url).content.decode()
    sign_in(client, w.auditor)
    client.post(act, {"op": "close", "confirmation": "", "on": "2019-07-25"})
    assert "销号须有审计机关的确认意见。" in client.get(url).content.decode()
    client.post(act, {"op": "close", "confirmation": "同意销号", "on": "2019-07-25"})
    rect.refresh_from_db()
    assert (rect.status, str(rect.closed_on)) == ("closed", "2019-07-25")
    for name in ("audit:projects", "audit:rectifications", "audit:commitments"):
        assert client.get(reverse(name)).status_code == 200


def test_another_organisation_gets_404(w, client):
    rect = factories.rectification(w)
    com = factories.commitment(w)
    sign_in(client, w.stranger)
    assert client.get(reverse("audit:rectification", args=[rect.pk])).status_code == 404
    assert client.get(reverse("audit:commitment", args=[com.pk])).status_code == 404
    assert client.get(reverse("audit:project", args=[rect.finding.project.pk])).status_code == 404


def test_the_rollup_for_the_peoples_congress(w, client):
    rect = factories.rectification(w)
    factories.project(
        w, name="第二个结算审计", submitted_amount="1000000", approved_amount="900000"
    )
    sign_in(client, w.supervisor)
    body = client.get(reverse("audit:rollup"), {"year": "2019"}).content.decode()
    assert (
        "政府投资项目审计</td><td>2</td><td>13500000.00</td><td>12220000.00</td><td>1280000.00</td><td>1</td><td>0</td>"
        in body
    )
    assert rect.status == "rectifying"
    resp = client.get(reverse("audit:rollup"), {"year": "2019", "export": "xlsx"})
    assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd.openxml")


def test_a_visit_is_recorded_on_its_page(w, client):
    sign_in(client, w.clerk)
    url = reverse("audit:visits")
    client.post(
        url,
        {
            "org": w.body.pk,
            "kind": "visit",
            "company": "湖南湘禾建设工程有限公司",
            "credit_code": factories.CREDIT,
            "problems": "反映工程尾款未付",
            "on": "2019-04-02",
        },
    )
    body = client.get(url).content.decode()
    assert "湖南湘禾建设工程有限公司" in body and "反映工程尾款未付" in body
    client.post(
        url,
        {
            "org": w.body.pk,
            "kind": "visit",
            "company": "某公司",
            "credit_code": "91430102MA4L16JX67",
            "on": "2019-04-02",
        },
    )
    assert "统一社会信用代码有误" in client.get(url).content.decode()
