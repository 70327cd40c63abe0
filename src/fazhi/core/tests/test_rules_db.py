"""The rule registry: dated versions, aliases, never looser than the statute."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import rules
from fazhi.core.models import TimeRule

pytestmark = pytest.mark.django_db

IDS = (
    [f"XK-{i}" for i in range(1, 11)]
    + [f"CF-{i}" for i in range(1, 14)]
    + [f"GK-{i}" for i in range(1, 10)]
    + [f"FY-{i}" for i in range(1, 15)]
    + [f"SS-{i}" for i in range(1, 9)]
    + [f"XF-{i}" for i in range(1, 9)]
    + ["RD-1", "RD-2", "SZ-1", "SZ-2", "SZ-3"]
)


def test_every_rule_of_the_reference_is_loaded():
    codes = set(TimeRule.objects.values_list("code", flat=True))
    assert set(IDS) <= codes


def test_version_in_force_on_the_start_day():
    gk4 = rules.resolve("gk-4")
    assert (
        rules.version_on(gk4, dt.date(2019, 5, 10)).length,
        rules.version_on(gk4, dt.date(2019, 5, 15)).length,
    ) == (15, 20)
    fy9 = rules.resolve("FY-9")
    assert "机关" in rules.version_on(fy9, dt.date(2019, 6, 1)).extension_approver
    assert "机构" in rules.version_on(fy9, dt.date(2024, 6, 1)).extension_approver


def test_unknown_code():
    with pytest.raises(rules.UnknownRule) as exc:
        rules.resolve("ZZ-9")
    assert str(exc.value) == "未知的期限规则代码：ZZ-9（fazhi deadline --list 列出全部代码）"


def test_tighten_but_never_loosen(district):
    v = rules.version_on(rules.resolve("GK-4"), dt.date(2020, 1, 1))
    with pytest.raises(ValidationError) as exc:
        rules.tighten(actor=district.admin, version=v, length=25, local_basis="某规定")
    assert exc.value.messages == ["GK-4 的法定期限为 20，本地规定只能缩短，不能改为 25。"]
    with pytest.raises(ValidationError):
        rules.tighten(actor=district.admin, version=v, extension_max=30, local_basis="某规定")
    v = rules.tighten(actor=district.admin, version=v, length=15, local_basis="本区规定第5条")
    from fazhi.core.calendar import get_calendar

    d = rules.compute(get_calendar(), "GK-4", dt.date(2019, 9, 27))
    assert d.due.due == dt.date(
        2019, 10, 23
    )  # 15 WD: 9/29, 9/30, 10/8-11, 10/12, 10/14-18, 10/21-23


def test_an_upgrade_adds_the_rules_and_versions_shipped_since_and_keeps_local_changes(district):
    from fazhi.core.models import LedgerEvent, TimeRuleVersion

    # as if the database had been seeded before CG-5 and GK-4's 2019 version were shipped
    TimeRuleVersion.objects.filter(rule__code="CG-5").delete()
    TimeRule.objects.filter(code="CG-5").delete()
    gk4 = rules.resolve("GK-4")
    TimeRuleVersion.objects.filter(rule=gk4, valid_from=dt.date(2019, 5, 15)).delete()
    cf2 = rules.version_on(rules.resolve("CF-2"), dt.date(2024, 1, 1))
    rules.tighten(actor=district.admin, version=cf2, length=60, local_basis="本区规定第3条")
    events = LedgerEvent.objects.count()
    assert rules.seed_from_shipped() == 2  # CG-5's one version and GK-4's 2019 version
    assert rules.version_on(rules.resolve("CG-5"), dt.date(2020, 1, 1)).length == 5
    assert rules.version_on(gk4, dt.date(2019, 5, 15)).length == 20
    cf2.refresh_from_db()
    assert (cf2.length, cf2.statutory_length) == (60, 90)  # the local tightening stays
    event = LedgerEvent.objects.latest("seq")
    assert event.data["new_rules"] == ["CG-5"] and event.data["versions"] == 2
    assert rules.seed_from_shipped() == 0 and LedgerEvent.objects.count() == events + 1
