"""The one scoping function, tested with users of other organisations."""

import pytest

from fazhi.core import scoping
from fazhi.core.models import DataScope, Organisation, Role
from fazhi.core.tests.signin import sign_in

from .factories import user

pytestmark = pytest.mark.django_db


def names(qs):
    return sorted(o.name for o in qs)


def test_deny_by_default(district):
    nobody = user("nobody")
    assert scoping.scope(nobody, Organisation).count() == 0
    from django.contrib.auth.models import AnonymousUser

    assert scoping.scope(AnonymousUser(), Organisation).count() == 0


def test_subtree_scope_covers_the_street_and_below(district):
    assert names(scoping.scope(district.street_a_leader, Organisation)) == [
        "甲街道",
        "甲街道一社区",
    ]


def test_org_scope_is_the_organisation_only(district):
    assert names(scoping.scope(district.clerk, Organisation)) == ["测试区行政执法局"]


def test_all_scope_sees_everything(district):
    assert scoping.scope(district.supervisor, Organisation).count() == Organisation.objects.count()


def test_self_scope_on_an_ownerless_model_falls_back_to_the_organisation(district):
    assert names(scoping.scope(district.officer, Organisation)) == ["测试区行政执法局"]


def test_get_for_other_street_is_404(district):
    from django.http import Http404

    with pytest.raises(Http404):
        scoping.get_for(district.street_a_leader, Organisation, district.street_b.pk)
    assert (
        scoping.get_for(district.street_a_leader, Organisation, district.comm_a.pk)
        == district.comm_a
    )


def test_unknown_and_malformed_ids_are_404(district):
    from django.http import Http404

    for pk in [999999, "abc", None]:
        with pytest.raises(Http404):
            scoping.get_for(district.supervisor, Organisation, pk)


def test_role_restricted_scope(district):
    both = user("both", org=district.street_a, role=Role.CLERK, scope=DataScope.ORG)
    from fazhi.core import services

    services.membership_grant(
        actor=district.admin,
        user=both,
        org=district.street_b,
        role=Role.LEADER,
        data_scope=DataScope.SUBTREE,
    )
    both = type(both).objects.get(pk=both.pk)
    assert names(scoping.scope(both, Organisation)) == ["乙街道", "乙街道一社区", "甲街道"]
    assert names(scoping.scope(both, Organisation, roles=[Role.CLERK])) == ["甲街道"]


def test_org_page_of_other_street_is_404(client, district):
    sign_in(client, "street_a")
    assert client.get(f"/workspace/orgs/{district.comm_a.pk}/").status_code == 200
    assert client.get(f"/workspace/orgs/{district.street_b.pk}/").status_code == 404
    assert client.get("/workspace/orgs/999999/").status_code == 404


def test_api_object_of_other_street_is_404(client, district):
    sign_in(client, "street_a")
    assert client.get(f"/api/v1/orgs/{district.street_a.pk}").status_code == 200
    assert client.get(f"/api/v1/orgs/{district.street_b.pk}").status_code == 404
    listed = [o["name"] for o in client.get("/api/v1/orgs").json()]
    assert listed == ["甲街道", "甲街道一社区"]


def test_org_list_page_is_scoped(client, district):
    sign_in(client, "street_b")
    body = client.get("/workspace/orgs/").content.decode()
    assert "乙街道一社区" in body and "甲街道" not in body
