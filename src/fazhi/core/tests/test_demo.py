"""The demo district: the organisations of the seed report, one user per role."""

import pytest

from fazhi.core import demo
from fazhi.core.models import LedgerEvent, Membership, Organisation, OrgKind, Role, User

# The whole demo (every module's step) as `fazhi demo` loads it, built once per test run and
# copied for this module (tests/demodb.py).
pytestmark = [pytest.mark.demo, pytest.mark.django_db]


def test_demo_district_shape():
    assert Organisation.objects.filter(kind=OrgKind.STREET).count() == 13
    assert Organisation.objects.filter(kind__in=[OrgKind.COMMUNITY, OrgKind.VILLAGE]).count() == 79
    assert Organisation.objects.filter(kind=OrgKind.VILLAGE).count() == 6
    dwt = Organisation.objects.get(name="芙蓉区定王台街道办事处")
    assert dwt.children.count() == 12 and not dwt.children.exclude(note="").exists()
    gov = Organisation.objects.get(name="长沙市芙蓉区人民政府")
    assert gov.division_code == "430102"
    for name in ["长沙市人民政府", "中共长沙市委员会", "长沙市芙蓉区人民代表大会常务委员会"]:
        assert Organisation.objects.get(name=name).kind == OrgKind.EXTERNAL
    office = Organisation.objects.get(short_name="区委依法治区办")
    assert office.parent.short_name == "区司法局"


def test_one_user_per_role():
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    for username, _label, _org, role, _scope in demo.DEMO_USERS:
        assert Membership.objects.filter(user__username=username, role=role).exists()
    assert User.objects.get(username="supervisor").memberships.get().data_scope == "all"
    assert User.objects.get(username="admin").password.startswith("argon2")


def test_demo_is_in_the_ledger_and_verifies(demo_ledger):
    # `fazhi ledger verify --state`, run once per test run on the demo template (tests/demodb.py)
    assert demo_ledger.exit == 0, demo_ledger.output
    assert demo_ledger.events == LedgerEvent.objects.count() > Organisation.objects.count()
    assert "业务记录与全过程记录一致" in demo_ledger.output and demo_ledger.records > 0


def test_demo_refuses_a_loaded_database():
    with pytest.raises(RuntimeError):
        demo.load()
