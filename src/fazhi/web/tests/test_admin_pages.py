"""Organisation and user management through the workspace, by an administrator."""

import pytest

from fazhi.core.models import LedgerEvent, Membership, Organisation, User
from fazhi.core.tests.signin import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, district):
    sign_in(client, "admin")
    return client


def test_create_org_through_the_page(admin_client, district):
    resp = admin_client.post(
        "/workspace/orgs/new/",
        {"name": "测试区城市管理局", "kind": "bureau", "parent": district.gov.pk, "sort_order": 0},
    )
    org = Organisation.objects.get(name="测试区城市管理局")
    assert resp.status_code == 302 and resp["Location"] == f"/workspace/orgs/{org.pk}/"
    assert LedgerEvent.objects.filter(action="org.create", subject_id=str(org.pk)).count() == 1


def test_bad_org_form_shows_message_and_changes_nothing(admin_client, district):
    count = Organisation.objects.count()
    resp = admin_client.post(
        "/workspace/orgs/new/", {"name": "甲街道", "kind": "street", "sort_order": 0}
    )
    assert resp.status_code == 200 and "已有同名机构：甲街道" in resp.content.decode()
    assert Organisation.objects.count() == count


def test_create_user_and_grant_role(admin_client, district):
    resp = admin_client.post(
        "/workspace/users/new/",
        {
            "username": "newclerk",
            "full_name": "新窗口人员",
            "primary_org": district.street_a.pk,
            "language": "zh-hans",
            "password": "Good@Pass2019",
        },
    )
    u = User.objects.get(username="newclerk")
    assert resp.status_code == 302
    resp = admin_client.post(
        f"/workspace/users/{u.pk}/",
        {"org": district.street_a.pk, "role": "clerk", "data_scope": ""},
    )
    assert resp.status_code == 302
    m = Membership.objects.get(user=u)
    assert (m.role, m.data_scope) == ("clerk", "org")


def test_clerk_cannot_manage_users(client, district):
    sign_in(client, "clerk")
    assert client.get("/workspace/users/").status_code == 404
    assert client.get("/workspace/orgs/new/").status_code == 404
