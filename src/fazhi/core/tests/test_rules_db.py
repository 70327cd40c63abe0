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
