"""Tests for the statutory time-limit registry (time_rules.toml) and its validator.

Pure pytest, no Django:  python -m pytest src/fazhi/core/data/tests -q -p no:django
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fazhi.core.data.check_time_rules import (
    DEFAULT_PATH,
    caveats,
    find_rule,
    load_conventions,
    load_rules,
    main,
    version_on,
)

DATA_DIR = Path(__file__).resolve().parent.parent

# Every ID of legal-rules.md §1 (items 1–3 of the brief), spelled out.
REQUIRED_CODES = [
    # 行政许可法 §1.1
    "XK-1",
    "XK-2",
    "XK-3",
    "XK-4",
    "XK-5",
    "XK-6",
    "XK-7",
    "XK-8",
    "XK-9",
    "XK-10",
    # 行政处罚法 §1.2
    "CF-1",
    "CF-2",
    "CF-3",
    "CF-4",
    "CF-5",
    "CF-6",
    "CF-7",
    "CF-8",
    "CF-9",
    "CF-10",
    "CF-11",
    "CF-12",
    "CF-13",
    # 政府信息公开条例 §1.4
    "GK-1",
    "GK-2",
    "GK-3",
    "GK-4",
    "GK-5",
    "GK-6",
    "GK-7",
    "GK-8",
    "GK-9",
    # 行政复议法 §1.5
    "FY-1",
    "FY-2",
    "FY-3",
    "FY-4",
    "FY-5",
    "FY-6",
    "FY-7",
    "FY-8",
    "FY-9",
    "FY-10",
    "FY-11",
    "FY-12",
    "FY-13",
    "FY-14",
    # 行政诉讼法 §1.6
    "SS-1",
    "SS-2",
    "SS-3",
    "SS-4",
    "SS-5",
    "SS-6",
    "SS-7",
    "SS-8",
    # 信访 §1.7
    "XF-1",
    "XF-2",
    "XF-3",
    "XF-4",
    "XF-5",
    "XF-6",
    "XF-7",
    "XF-8",
    # 代表建议 §1.12
    "RD-1",
    "RD-2",
    # 三项制度 §1.13
    "SZ-1",
    "SZ-2",
    "SZ-3",
    "SZ-4",
]

# Codes chosen for this registry (brief item 4 and sub-clocks split out of a §1 row).
INVENTED_CODES = [
    "XK-8b",
    "HP-1",
    "CF-2b",
    "CF-12b",
    "CF-13b",
    "QZ-1",
    "QZ-2",
    "QZ-3",
    "FY-3b",
    "FY-5b",
    "FY-7b",
    "FY-11b",
    "FY-11c",
    "FY-11d",
    "FY-11e",
    "FY-12b",
    "SS-5b",
    "SS-6b",
    "SS-7b",
    "SS-7c",
    "XF-6b",
    "XF-7b",
    "TA-1",
    "TA-2",
    "JC-1",
    "JC-2",
    "JC-3",
    "BA-1",
    "BA-2",
    "BA-3",
    "BA-4",
    "BA-5",
    "HS-1",
    "HS-2",
    "HS-3",
    "GF-1",
    "TJ-1",
    "TJ-2",
    "BG-1",
    "BG-2",
    "WZ-1",
    "RX-1",
    "RX-2",
    "RX-3",
    "RX-4",
    "RX-5",
    "RX-6",
    "CG-1",
    "CG-2",
    "CG-3",
    "CG-4",
    "CG-5",
    "SJ-1",
    "GV-1",
]

# Switch dates: (law as written in `law`, last day of the old text, first day of the new).
SWITCHES = {
    "行政处罚法": ("2021-07-14", "2021-07-15"),
    "行政复议法": ("2023-12-31", "2024-01-01"),
    "政府信息公开条例": ("2019-05-14", "2019-05-15"),
}


@pytest.fixture(scope="module")
def rules() -> list[dict]:
    return load_rules()


@pytest.fixture(scope="module")
def conventions() -> list[dict]:
    return load_conventions()


def _all_versions(rules):
    for r in rules:
        for v in r["version"]:
            yield r, v


def _day_units(v) -> bool:
    return v["unit"] in {"WD", "CD"}


# --------------------------------------------------------------------------- coverage


def test_default_file_loads_and_counts(rules):
    assert DEFAULT_PATH == DATA_DIR / "time_rules.toml"
    assert len(rules) == len(REQUIRED_CODES) + len(INVENTED_CODES)
    assert sum(len(r["version"]) for r in rules) >= len(rules)


def test_every_required_id_is_present(rules):
    codes = {r["code"] for r in rules}
    missing = [c for c in REQUIRED_CODES if c not in codes]
    assert not missing, f"missing: {missing}"


def test_no_unexpected_codes(rules):
    codes = {r["code"] for r in rules}
    assert codes == set(REQUIRED_CODES) | set(INVENTED_CODES)


def test_every_code_is_documented_in_the_markdown(rules):
    text = (DATA_DIR / "time_rules.md").read_text(encoding="utf-8")
    undocumented = [r["code"] for r in rules if f"`{r['code']}`" not in text]
    assert not undocumented, f"not explained in time_rules.md: {undocumented}"


def test_every_rule_is_open_ended_today(rules):
    assert all(r["version"][-1]["valid_to"] == "" for r in rules)


def test_each_required_rule_covers_2019_or_is_new(rules):
    """Rules the 2019 texts lacked start at the new law's date; all others cover 2019."""
    new_only = {
        "CF-7",
        "CF-8",
        "FY-6",
        "FY-7",
        "FY-10",
        "GK-2",
        "GK-6",
        "GK-7",
        "XF-4",
        "CF-13b",
        "FY-7b",
        "FY-11d",
        "FY-11e",
    }
    for r in rules:
        first = dt.date.fromisoformat(r["version"][0]["valid_from"])
        if r["code"] in new_only:
            assert first >= dt.date(2019, 5, 15), r["code"]
        elif r["code"] in REQUIRED_CODES:
            assert first <= dt.date(2019, 1, 1), r["code"]


# --------------------------------------------------------------------------- named cases from the brief


def test_gk4_after_the_2019_revision(rules):
    v = version_on(rules, "GK-4", dt.date(2019, 9, 27))
    assert v["law"] == "政府信息公开条例"
    assert "711" in v["law_version"]
    assert (v["length"], v["unit"]) == (20, "WD")
    assert (v["extension_max"], v["extension_unit"]) == (20, "WD")
    assert v["extension_approver"] == "政府信息公开工作机构负责人"
    assert v["extension_notify"] == "申请人"
    assert v["pauses"] == ["征求第三方意见", "征求其他机关意见"]
    assert v["restart_on"] == ["补正"]
    assert v["confirmed"] == "✅"


def test_gk4_before_the_2019_revision(rules):
    v = version_on(rules, "GK-4", "2019-05-10")
    assert "492" in v["law_version"]
    assert v["article"] == "第二十四条"
    assert (v["length"], v["unit"]) == (15, "WD")
    assert (v["extension_max"], v["extension_unit"]) == (15, "WD")
    assert v["extension_approver"] == "政府信息公开工作机构负责人"
    assert v["pauses"] == ["征求第三方意见"]


def test_cf2_in_2019_has_no_statutory_period(rules):
    v = version_on(rules, "CF-2", "2019-06-01")
    assert v["law"] == "行政处罚法"
    assert "2017" in v["law_version"]
    assert (v["unit"], v["length"]) == ("NONE", 0)
    assert v["confirmed"] == "⚠"
    assert "部门规章" in v["note"] and "⚠" in v["note"]


def test_cf2_from_2021_is_90_calendar_days_without_extension(rules):
    v = version_on(rules, "CF-2", "2021-07-15")
    assert (v["article"], v["length"], v["unit"], v["extension_max"]) == ("第六十条", 90, "CD", 0)


def test_fy9_approver_changed_in_2024(rules):
    old = version_on(rules, "FY-9", "2019-07-01")
    assert (old["length"], old["unit"]) == (60, "CD")
    assert (old["extension_max"], old["extension_unit"]) == (30, "CD")
    assert old["extension_approver"] == "行政复议机关的负责人"
    assert old["extension_notify"] == "申请人和被申请人"
    new = version_on(rules, "FY-9", "2024-03-01")
    assert (new["length"], new["unit"], new["extension_max"]) == (60, "CD", 30)
    assert new["extension_approver"] == "行政复议机构的负责人"


def test_xf5_in_2019_is_xinfang_tiaoli_article_33(rules):
    v = version_on(rules, "XF-5", "2019-08-08")
    assert (v["law"], v["article"]) == ("信访条例", "第三十三条")
    assert (v["length"], v["unit"], v["extension_max"]) == (60, "CD", 30)
    assert version_on(rules, "XF-5", "2022-05-01")["article"] == "第三十四条"


def test_rd1_article_moves_in_2025(rules):
    assert version_on(rules, "RD-1", "2025-03-10")["article"].startswith("第四十二条")
    v = version_on(rules, "RD-1", "2025-03-11")
    assert v["article"].startswith("第五十一条")
    assert (v["length"], v["unit"]) == (3, "MONTH")
    assert (version_on(rules, "RD-2", "2019-06-01")["length"], "MONTH") == (6, "MONTH")


def test_sanxiang_zhidu_figures(rules):
    assert (version_on(rules, "SZ-1", "2019-06-01")["length"], "WD") == (7, "WD")
    assert version_on(rules, "SZ-2", "2019-06-01")["length"] == 20
    sz3_2019 = version_on(rules, "SZ-3", "2019-06-01")
    assert sz3_2019["unit"] == "NONE" and sz3_2019["confirmed"] == "⚠"
    sz3_2021 = version_on(rules, "SZ-3", "2021-07-15")
    assert (sz3_2021["law"], sz3_2021["length"], sz3_2021["unit"], sz3_2021["confirmed"]) == (
        "行政处罚法",
        3,
        "WD",
        "✅",
    )
    sz4 = version_on(rules, "SZ-4", "2019-12-31")
    assert (sz4["unit"], sz4["annual_month_day"]) == ("ANNUAL", "01-31")


def test_annual_reports(rules):
    assert version_on(rules, "GK-8", "2019-12-31")["annual_month_day"] == "01-31"
    assert version_on(rules, "GK-9", "2019-12-31")["annual_month_day"] == "03-31"
    assert version_on(rules, "GK-8", "2018-12-31")["annual_month_day"] == "03-31"
    assert version_on(rules, "GK-8", "2019-12-31")["article"] == "第四十九条第一款"
    bg1 = version_on(rules, "BG-1", "2019-12-31")
    assert (bg1["annual_month_day"], bg1["article"]) == ("03-31", "第二十四条")
    assert "4月1日之前" in bg1["note"]
    assert version_on(rules, "WZ-1", "2019-12-31")["annual_month_day"] == "01-31"


def test_no_period_rules_are_none(rules):
    for code in ["XK-2", "XK-7", "CF-1", "CF-3", "CF-6", "CF-8", "FY-6", "FY-12", "XF-8", "GK-7"]:
        for v in find_rule(rules, code)["version"]:
            assert (v["unit"], v["length"]) == ("NONE", 0), code


def test_cf1_caps_are_in_the_notes(rules):
    old = version_on(rules, "CF-1", "2019-06-01")["note"]
    new = version_on(rules, "CF-1", "2022-01-01")["note"]
    assert "50元" in old and "1,000元" in old
    assert "200元" in new and "3,000元" in new


def test_switch_dates(rules):
    for law, (last_old, first_new) in SWITCHES.items():
        switching = [
            r
            for r in rules
            if any(v["law"] == law and v["valid_to"] == last_old for v in r["version"])
        ]
        assert switching, law
        for r in switching:
            old = version_on(rules, r["code"], last_old)
            new = version_on(rules, r["code"], first_new)
            assert old is not new, r["code"]
            assert new["valid_from"] == first_new, r["code"]
    assert version_on(rules, "XF-1", "2022-04-30")["law"] == "信访条例"
    assert version_on(rules, "XF-1", "2022-05-01")["law"] == "信访工作条例"


# --------------------------------------------------------------------------- units by each law's own clause


def test_penalty_law_2017_has_no_working_days(rules):
    for r, v in _all_versions(rules):
        if v["law"] == "行政处罚法" and v["valid_to"] == "2021-07-14":
            assert v["unit"] != "WD", r["code"]
            assert v["confirmed"] != "✅", r["code"]  # 2017 text only from reprints


def test_penalty_law_2021_working_days_only_for_2_3_5_7(rules):
    for r, v in _all_versions(rules):
        if v["law"] == "行政处罚法" and v["valid_from"] == "2021-07-15" and _day_units(v):
            assert (v["unit"] == "WD") == (abs(v["length"]) in {2, 3, 5, 7}), r["code"]


def test_reconsideration_units(rules):
    for r, v in _all_versions(rules):
        if v["law"] != "行政复议法" or not _day_units(v):
            continue
        days = abs(v["length"])
        if v["valid_to"] == "2023-12-31":
            assert (v["unit"] == "WD") == (days in {5, 7}), r["code"]
        else:
            assert (v["unit"] == "WD") == (days in {3, 5, 7, 10}), r["code"]


def test_enforcement_law_ten_days_or_less_are_working_days(rules):
    for r, v in _all_versions(rules):
        if v["law"] == "行政强制法" and _day_units(v):
            assert (v["unit"] == "WD") == (abs(v["length"]) <= 10), r["code"]


def test_licensing_agency_periods_are_working_days(rules):
    applicant_side = {"XK-8", "XK-10"}
    for r, v in _all_versions(rules):
        if v["law"] == "行政许可法" and _day_units(v):
            if r["code"] in applicant_side:
                assert v["confirmed"] == "⚠", r["code"]
            else:
                assert v["unit"] == "WD", r["code"]


def test_disclosure_periods_are_working_days(rules):
    for r, v in _all_versions(rules):
        if v["law"] == "政府信息公开条例" and _day_units(v):
            assert v["unit"] == "WD", r["code"]


def test_petition_periods_are_calendar_days_except_xf4(rules):
    for r, v in _all_versions(rules):
        if v["law"] in {"信访条例", "信访工作条例"} and _day_units(v):
            assert v["unit"] == ("WD" if r["code"] == "XF-4" else "CD"), r["code"]
    assert find_rule(rules, "XF-4")["version"][0]["confirmed"] == "⚠"


# --------------------------------------------------------------------------- marks


@pytest.mark.parametrize(
    "law",
    [
        "行政许可法",
        "行政处罚法",
        "行政强制法",
        "政府信息公开条例",
        "行政复议法",
        "行政复议法实施条例",
        "行政诉讼法",
        "信访条例",
        "信访工作条例",
        "全国人民代表大会和地方各级人民代表大会代表法",
        "重大行政决策程序暂行条例",
        "人民调解法",
    ],
)
def test_every_law_the_reference_checked_has_a_confirmed_rule(rules, law):
    marks = [v["confirmed"] for _, v in _all_versions(rules) if v["law"] == law]
    assert marks, law
    assert "✅" in marks, law


def test_unconfirmed_versions_say_why(rules):
    for r, v in _all_versions(rules):
        if v["confirmed"] == "⚠":
            assert "⚠" in v["note"], r["code"]


@pytest.mark.parametrize("prefix", ["BA-", "RX-", "TA-", "CG-"])
def test_local_and_unverified_families_are_all_unconfirmed(rules, prefix):
    for r, v in _all_versions(rules):
        if r["code"].startswith(prefix):
            assert v["confirmed"] == "⚠", r["code"]


def test_hotline_and_proposal_examples_are_not_presented_as_law(rules):
    for r, v in _all_versions(rules):
        if r["code"].startswith(("RX-", "TA-", "CG-")):
            assert "不是法定期限" in v["note"], r["code"]
            assert "示例" in v["law"], r["code"]


def test_applicant_side_doubts_are_flagged(rules):
    for code in ("XK-8", "XK-10"):
        assert find_rule(rules, code)["version"][0]["confirmed"] == "⚠"
    assert version_on(rules, "CF-4", "2019-06-01")["confirmed"] == "⚠"
    assert version_on(rules, "FY-12", "2024-06-01")["confirmed"] == "⚠"


def test_caveats_follow_the_conventions(rules, conventions):
    gk4 = version_on(rules, "GK-4", "2019-09-27")
    assert {c["code"] for c in caveats(gk4, conventions)} == {"P2", "P6"}
    fy9 = version_on(rules, "FY-9", "2019-09-27")
    assert {c["code"] for c in caveats(fy9, conventions)} == {"P4W"}  # P2/P4 via 民诉法
    assert caveats(version_on(rules, "XK-2", "2019-01-01"), conventions) == []
    assert caveats(version_on(rules, "GK-8", "2019-12-31"), conventions) == []
    assert {c["code"] for c in conventions} == {"P2", "P3", "P4", "P4W", "P6"}


# --------------------------------------------------------------------------- version_on errors


def test_unknown_code_raises_key_error_in_chinese(rules):
    with pytest.raises(KeyError, match="未知的时限规则编码"):
        version_on(rules, "ZZ-99", "2019-01-01")


def test_no_version_in_force_raises_lookup_error(rules):
    with pytest.raises(LookupError, match="没有有效版本"):
        version_on(rules, "CF-7", "2019-06-01")  # 2017 text had no such rule
    with pytest.raises(LookupError):
        version_on(rules, "GK-6", "2019-05-14")
    assert version_on(rules, "GK-6", "2019-05-15")["length"] == 15


def test_version_on_rejects_a_bad_day(rules):
    with pytest.raises(ValueError):
        version_on(rules, "GK-4", "2019-13-01")
    with pytest.raises(TypeError):
        version_on(rules, "GK-4", 20190101)


def test_cli_reports_success(capsys):
    assert main([]) == 0
    assert "校验通过" in capsys.readouterr().out


# --------------------------------------------------------------------------- validator (synthetic files)

VERSION_A = """
  [[rule.version]]
  valid_from = "2018-01-01"
  valid_to = "2021-07-14"
  law = "行政处罚法"
  law_version = "2017"
  article = "第一条"
  basis = "示例"
  start_event = "立案之日"
  length = 7
  unit = "CD"
  kind = "deadline"
  annual_month_day = ""
  roll_forward = true
  extension_max = 0
  extension_unit = ""
  extension_approver = ""
  extension_notify = ""
  pauses = []
  restart_on = []
  confirmed = "☑"
  note = "示例"
  source = "test"
"""

VERSION_B = """
  [[rule.version]]
  valid_from = "2021-07-15"
  valid_to = ""
  law = "行政处罚法"
  law_version = "2021"
  article = "第二条"
  basis = "示例"
  start_event = "立案之日"
  length = 7
  unit = "WD"
  kind = "deadline"
  annual_month_day = ""
  roll_forward = true
  extension_max = 3
  extension_unit = "WD"
  extension_approver = "负责人"
  extension_notify = "当事人"
  pauses = ["听证"]
  restart_on = []
  confirmed = "✅"
  note = "示例"
  source = "test"
"""


def _rule(code="ZZ-1", aliases="[]", versions=(VERSION_A, VERSION_B)) -> str:
    head = f"""
[[rule]]
code = "{code}"
aliases = {aliases}
name = "示例"
name_en = "Example"
domain = "enforcement"
matter = "示例"
"""
    return head + "".join(versions)


def _write(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "rules.toml"
    p.write_text("schema_version = 1\n" + body, encoding="utf-8")
    return p


def test_synthetic_valid_file_and_alias_lookup(tmp_path):
    p = _write(tmp_path, _rule(aliases='["ZZ-1b"]'))
    rules = load_rules(p)
    assert version_on(rules, "ZZ-1b", "2019-01-01")["article"] == "第一条"
    assert version_on(rules, "ZZ-1", "2021-07-15")["article"] == "第二条"
    with pytest.raises(LookupError):
        version_on(rules, "ZZ-1", "2017-12-31")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (_rule() + _rule(), "编码重复"),
        (_rule() + _rule(code="ZZ-2", aliases='["ZZ-1"]'), "编码重复"),
        (_rule(aliases='["ZZ-3"]') + _rule(code="ZZ-3"), "编码重复"),
        (_rule(code="zz-1"), "不符合格式"),
        (_rule(versions=(VERSION_A.replace('"CD"', '"DAY"'),)), "单位"),
        (
            _rule(
                versions=(VERSION_A.replace('valid_to = "2021-07-14"', 'valid_to = "2017-01-01"'),)
            ),
            "晚于",
        ),
        (_rule(versions=(VERSION_A, VERSION_B.replace("2021-07-15", "2021-07-10"))), "重叠"),
        (_rule(versions=(VERSION_A, VERSION_B.replace("2021-07-15", "2021-08-01"))), "空档"),
        (
            _rule(
                versions=(VERSION_A.replace('valid_to = "2021-07-14"', 'valid_to = ""'), VERSION_B)
            ),
            "重叠",
        ),
        (_rule(versions=(VERSION_B, VERSION_A)), "升序"),
        (_rule(versions=(VERSION_B.replace("extension_max = 3", "extension_max = -1"),)), "负数"),
        (
            _rule(versions=(VERSION_B.replace('extension_unit = "WD"', 'extension_unit = ""'),)),
            "extension_unit",
        ),
        (_rule(versions=(VERSION_A.replace('confirmed = "☑"', 'confirmed = "?"'),)), "confirmed"),
        (_rule(versions=(VERSION_A.replace('confirmed = "☑"', 'confirmed = "⚠"'),)), "⚠"),
        (
            _rule(
                versions=(
                    VERSION_A.replace('unit = "CD"', 'unit = "ANNUAL"').replace(
                        "length = 7", "length = 1"
                    ),
                )
            ),
            "annual_month_day",
        ),
        (
            _rule(
                versions=(
                    VERSION_A.replace('unit = "CD"', 'unit = "ANNUAL"')
                    .replace("length = 7", "length = 1")
                    .replace('annual_month_day = ""', 'annual_month_day = "02-30"'),
                )
            ),
            "annual_month_day",
        ),
        (
            _rule(
                versions=(VERSION_A.replace('annual_month_day = ""', 'annual_month_day = "01-31"'),)
            ),
            "ANNUAL",
        ),
        (_rule(versions=(VERSION_A.replace('unit = "CD"', 'unit = "NONE"'),)), "length"),
        (_rule(versions=(VERSION_A.replace("length = 7", "length = 0"),)), "NONE"),
        (_rule(versions=(VERSION_A.replace("length = 7", 'length = "7"'),)), "length"),
        (_rule(versions=(VERSION_A.replace("length = 7", "length = true"),)), "整数"),
        (
            _rule(versions=(VERSION_A.replace("roll_forward = true", 'roll_forward = "yes"'),)),
            "roll_forward",
        ),
        (_rule(versions=(VERSION_A.replace('  source = "test"\n', ""),)), "缺少字段 source"),
        (_rule(versions=(VERSION_A + '  typo_field = "x"\n',)), "未知字段"),
        (
            _rule(
                versions=(
                    VERSION_A.replace('valid_from = "2018-01-01"', 'valid_from = "2018-02-30"'),
                )
            ),
            "无效日期",
        ),
        (_rule(versions=(VERSION_A.replace('kind = "deadline"', 'kind = "soon"'),)), "kind"),
        (_rule(versions=(VERSION_A.replace("pauses = []", 'pauses = ["听证", "听证"]'),)), "重复"),
        (_rule(versions=(VERSION_A.replace('law = "行政处罚法"', 'law = ""'),)), "不能为空"),
        (_rule(versions=()), "缺少字段 version"),
        (_rule(versions=()) + "version = []\n", "至少需要一个"),
        (_rule().replace('domain = "enforcement"', 'domain = "elsewhere"'), "domain"),
        ("", "没有任何"),
        (
            _rule(
                versions=(
                    VERSION_A.replace('article = "第一条"', 'article = "' + "条" * 101 + '"'),
                )
            ),
            "列宽",
        ),
        (_rule() + '\n[[convention]]\ncode = "P9"\n', "缺少字段"),
    ],
)
def test_validator_rejects(tmp_path, body, message):
    with pytest.raises(ValueError, match=message):
        load_rules(_write(tmp_path, body))


def test_validator_rejects_bad_toml_and_schema_version(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text("schema_version = 1\n[[rule]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="TOML"):
        load_rules(p)
    p.write_text("schema_version = 2\n" + _rule(), encoding="utf-8")
    with pytest.raises(ValueError, match="schema_version"):
        load_rules(p)


def test_february_29_is_refused_like_the_period_engine(tmp_path):
    annual = VERSION_A.replace('unit = "CD"', 'unit = "ANNUAL"').replace("length = 7", "length = 1")
    annual = annual.replace("roll_forward = true", "roll_forward = false")
    ok = annual.replace('annual_month_day = ""', 'annual_month_day = "02-28"')
    assert load_rules(_write(tmp_path, _rule(versions=(ok,))))
    leap = annual.replace('annual_month_day = ""', 'annual_month_day = "02-29"')
    with pytest.raises(ValueError, match="02-29"):
        load_rules(_write(tmp_path, _rule(versions=(leap,))))
