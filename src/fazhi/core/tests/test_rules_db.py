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


MONDAY = dt.datetime(2026, 3, 2, 2, tzinfo=dt.UTC)  # 2026-03-02 10:00 in Changsha


def test_tightening_is_a_new_dated_version_and_running_clocks_keep_theirs(district):
    from fazhi.core import clock, clocks, supervision
    from fazhi.core.calendar import get_calendar
    from fazhi.core.models import LedgerEvent

    gk4 = rules.resolve("GK-4")
    with clock.frozen(MONDAY):
        v = rules.version_on(gk4, clock.today())
        task = supervision.task_create(
            actor=district.supervisor, org=district.bureau, title="政府信息公开答复超期",
            description="请整改。", source="manual", rule_code="GK-4",
        )  # fmt: skip
        running = clocks.for_subject(task).get()
        assert running.due_on == dt.date(2026, 3, 30)  # 20 WD after Mon 03-02
        with pytest.raises(ValidationError) as exc:
            rules.tighten(actor=district.admin, version=v, valid_from=dt.date(2026, 4, 1),
                          length=25, local_basis="某规定")  # fmt: skip
        assert exc.value.messages == ["GK-4 的法定期限为 20，本地规定只能缩短，不能改为 25。"]
        with pytest.raises(ValidationError) as exc:
            rules.tighten(actor=district.admin, version=v, valid_from=dt.date(2026, 4, 1),
                          extension_max=30, local_basis="某规定")  # fmt: skip
        assert exc.value.messages == ["GK-4 法定最多延长 20，本地规定不能改为 30。"]
        with pytest.raises(ValidationError) as exc:
            rules.tighten(actor=district.admin, version=v, valid_from=dt.date(2026, 3, 1),
                          length=15, local_basis="某规定")  # fmt: skip
        assert exc.value.messages == [
            "施行日期 2026-03-01 早于今天：已经起算的期限按原规定计算，本地规定只能自今天起施行。"
        ]
        events = LedgerEvent.objects.count()
        new = rules.tighten(actor=district.admin, version=v, valid_from=dt.date(2026, 4, 1),
                            length=15, local_basis="本区规定第5条")  # fmt: skip
        assert LedgerEvent.objects.count() == events + 1
        v.refresh_from_db()
        assert (v.valid_to, v.length, v.local_basis) == (dt.date(2026, 3, 31), 20, "")
        assert (new.valid_from, new.valid_to, new.length, new.statutory_length) == (
            dt.date(2026, 4, 1), None, 15, 20,
        )  # fmt: skip
        assert rules.version_on(gk4, dt.date(2026, 3, 31)) == v
        assert rules.version_on(gk4, dt.date(2026, 4, 1)) == new
        cal = get_calendar()
        # 20 WD after Tue 03-31: 清明 04-04…06 off → 04-29; 15 WD after Wed 04-01 → 04-23
        assert rules.compute(cal, "GK-4", dt.date(2026, 3, 31)).due.due == dt.date(2026, 4, 29)
        assert rules.compute(cal, "GK-4", dt.date(2026, 4, 1)).due.due == dt.date(2026, 4, 23)
        # the running clock keeps its version and its date, also when clocks are recomputed
        clocks.recompute_open(actor=district.admin, reason="测试")
        running.refresh_from_db()
        assert (running.version_id, running.due_on) == (v.pk, dt.date(2026, 3, 30))
        # the tightened version cannot be tightened from its own first day again
        with pytest.raises(ValidationError) as exc:
            rules.tighten(actor=district.admin, version=v, valid_from=dt.date(2026, 4, 1),
                          length=10, local_basis="某规定")  # fmt: skip
        assert exc.value.messages == [
            "施行日期 2026-04-01 不在所收紧版本的施行期间（2019-05-15 之后至 2026-03-31）内。"
        ]


def test_an_upgrade_adds_the_rules_and_versions_shipped_since_and_keeps_local_changes(district):
    from fazhi.core.models import LedgerEvent, TimeRuleVersion

    # as if the database had been seeded before CG-5 and GK-4's 2019 version were shipped
    TimeRuleVersion.objects.filter(rule__code="CG-5").delete()
    TimeRule.objects.filter(code="CG-5").delete()
    gk4 = rules.resolve("GK-4")
    TimeRuleVersion.objects.filter(rule=gk4, valid_from=dt.date(2019, 5, 15)).delete()
    from fazhi.core import clock

    cf2 = rules.version_on(rules.resolve("CF-2"), dt.date(2024, 1, 1))
    local = rules.tighten(
        actor=district.admin,
        version=cf2,
        valid_from=clock.today(),
        length=60,
        local_basis="本区规定第3条",
    )
    events = LedgerEvent.objects.count()
    assert rules.seed_from_shipped() == 2  # CG-5's one version and GK-4's 2019 version
    assert rules.version_on(rules.resolve("CG-5"), dt.date(2020, 1, 1)).length == 5
    assert rules.version_on(gk4, dt.date(2019, 5, 15)).length == 20
    local.refresh_from_db()
    assert (local.length, local.statutory_length, local.valid_to) == (60, 90, None)  # it stays
    event = LedgerEvent.objects.latest("seq")
    assert event.data["new_rules"] == ["CG-5"] and event.data["versions"] == 2
    assert rules.seed_from_shipped() == 0 and LedgerEvent.objects.count() == events + 1
