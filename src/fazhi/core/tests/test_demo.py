"""The demo district: the organisations of the seed report, one user per role."""

import pytest

from fazhi.core import demo, ledger
from fazhi.core.models import Membership, Organisation, OrgKind, Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The whole demo (every module's step) loaded once for this module, then removed."""
    from django.core.management import call_command

    from fazhi.core import calendar, dbtriggers, seed

    with django_db_blocker.unblock():
        users = demo.load()
        yield users
        dbtriggers.remove()
        call_command("flush", interactive=False, verbosity=0)
        dbtriggers.install()
        seed.ensure_reference_data()
        calendar.invalidate()


def test_demo_district_shape(loaded):
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


def test_one_user_per_role(loaded):
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    for username, _label, _org, role, _scope in demo.DEMO_USERS:
        assert Membership.objects.filter(user__username=username, role=role).exists()
    assert User.objects.get(username="supervisor").memberships.get().data_scope == "all"
    assert User.objects.get(username="admin").password.startswith("argon2")


def test_demo_is_in_the_ledger_and_verifies(loaded):
    result = ledger.verify()
    assert result.ok and result.checked > Organisation.objects.count()


def test_demo_refuses_a_loaded_database(loaded):
    with pytest.raises(RuntimeError):
        demo.load()
