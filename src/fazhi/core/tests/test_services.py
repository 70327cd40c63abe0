"""Kernel services: clear messages, nothing changed on bad input, users never deleted."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import services
from fazhi.core.models import LedgerEvent, Organisation, OrgKind, User

pytestmark = pytest.mark.django_db


def test_only_admins_manage_organisations(district):
    with pytest.raises(PermissionDenied):
        services.org_create(actor=district.clerk, name="越权机构", kind=OrgKind.OFFICE)
    assert not Organisation.objects.filter(name="越权机构").exists()


@pytest.mark.parametrize(
    "kw,field,message",
    [
        ({"name": " ", "kind": OrgKind.OFFICE}, "name", "请填写名称。"),
        ({"name": "甲", "kind": "planet"}, "kind", "未知的机构类型：planet"),
        (
            {"name": "乙", "kind": OrgKind.OFFICE, "division_code": "43a"},
            "division_code",
            "行政区划代码只能由数字组成。",
        ),
    ],
)
def test_org_create_bad_input(district, kw, field, message):
    count = LedgerEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.org_create(actor=district.admin, **kw)
    assert exc.value.message_dict[field] == [message]
    assert LedgerEvent.objects.count() == count


def test_moving_an_org_rewrites_its_subtree_paths(district):
    services.org_update(actor=district.admin, org=district.street_a, parent=district.justice)
    comm = Organisation.objects.get(pk=district.comm_a.pk)
    assert (
        comm.path == f"{district.gov.path}{district.justice.pk}/{district.street_a.pk}/{comm.pk}/"
    )


def test_cannot_move_an_org_below_itself(district):
    with pytest.raises(ValidationError) as exc:
        services.org_update(actor=district.admin, org=district.street_a, parent=district.comm_a)
    assert "不能把机构移到它自己或它的下级之下" in exc.value.messages[0]


def test_users_are_deactivated_never_deleted(client, district):
    services.user_set_active(actor=district.admin, user=district.clerk, active=False)
    assert User.objects.filter(pk=district.clerk.pk, is_active=False).exists()
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        district.clerk.delete()


def test_duplicate_username_message(district):
    with pytest.raises(ValidationError) as exc:
        services.user_create(actor=district.admin, username="clerk", password="Another@Pass9")
    assert exc.value.message_dict["username"] == ["登录名已被使用：clerk"]


def test_api_token_round_trip(client, district):
    token, key = services.token_create(actor=district.clerk, user=district.clerk, name="网格APP")
    resp = client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"})
    assert resp.status_code == 200 and resp.json()["username"] == "clerk"
    services.token_revoke(actor=district.clerk, token=token)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}).status_code == 401
    assert client.get("/api/v1/me").status_code == 401


def test_health_needs_no_login(client, db):
    resp = client.get("/api/v1/health")
    assert resp.status_code == 200 and resp.json()["status"] == "ok"
