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
