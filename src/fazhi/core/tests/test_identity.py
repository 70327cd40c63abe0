"""Tests for :mod:`fazhi.core.identity`: GB 32100-2015 and GB 11643-1999 (standards.md §3.2–3.3)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.identity import (
    CREDIT_CHARSET,
    IdentityError,
    check_credit_code,
    check_id_number,
    credit_check_char,
    generate_credit_code,
    generate_id_number,
    id_check_char,
    org_check_char,
    upgrade_id_number_15,
    validate_credit_code,
    validate_id_number,
)

TODAY = date(2020, 3, 17)

# Public sample codes (legal persons' registration identifiers, public by law) listed in
# 02020/vite learn/utils/validateSocialCreditCode.js; standards.md §3.2 records that they pass
# both checks. Plus the worked example printed in public explanations of GB 32100.
PUBLIC_SAMPLES = [
    "91350200776049653A",
    "91350500798359476R",
    "91350503MA31DKY80A",
    "91350200MA31E12PXF",
    "91440101MA5CJQ4N59",
    "913502000728319549",
    "123502001549897397",
    "9135021359498494XQ",
    "91350213678251743X",
    "91110107082833558H",
    "91420103594531449D",
    "91512081MA62K0260E",
]
ANOMALY = "91350203M0001QAY9B"  # whitelisted by the same source; computed check char is 9


# ------------------------------------------------------------------ 统一社会信用代码


@pytest.mark.parametrize("code", PUBLIC_SAMPLES)
def test_public_samples_pass_both_checks(code: str) -> None:
    assert check_credit_code(code) == []
    parsed = validate_credit_code(code)
    assert parsed.code == code
    assert parsed.is_valid


def test_hand_computed_codes() -> None:
    # Org check of 00000001: Σ = 1×2 = 2; 11 − 2 = 9.
    # Final check of 11430102000000019: Σ = 1·1 + 1·3 + 4·9 + 3·27 + 1·26 + 2·17 + 1·30 + 9·28
    # = 463; 463 mod 31 = 29; 31 − 29 = 2 → "2".
    assert org_check_char("00000001") == "9"
    assert generate_credit_code("1143010200000001") == "114301020000000192"
    # Org check of MA4L0000: M=22, A=10, L=21 → 66 + 70 + 36 + 210 = 382; 382 mod 11 = 8 → 3.
    # Final: 9+3+36+81+26+34 + M(21)·20 + A(10)·29 + 4·25 + L(20)·13 + 3·28 = 1343;
    # 1343 mod 31 = 10; 31 − 10 = 21 → charset[21] = "M".
    assert org_check_char("MA4L0000") == "3"
    assert generate_credit_code("91430102MA4L0000") == "91430102MA4L00003M"
    # Worked examples printed with the standards: 59467239-9 and 91512081MA62K0260E.
    assert org_check_char("59467239") == "9"
    assert credit_check_char("91512081MA62K0260") == "E"


def test_parse_structure() -> None:
    parsed = validate_credit_code("91430102MA4L00003M")
    assert parsed.department_code == "9"
    assert parsed.department_name == "工商"
    assert parsed.category_code == "1"
    assert parsed.category_name == "企业"
    assert parsed.division_code == "430102"
    assert parsed.division_name == "芙蓉区"
    assert parsed.division_known
    assert parsed.org_code == "MA4L00003"
    assert parsed.org_code_display == "MA4L0000-3"
    assert parsed.check_char == "M"
    gov = validate_credit_code("114301020000000192")
    assert (gov.department_name, gov.category_name) == ("机构编制", "机关")


def test_unknown_department_is_not_rejected() -> None:
    code = generate_credit_code("R1430102MA4L0000")
    parsed = validate_credit_code(code)
    assert parsed.department_name is None
    assert parsed.category_name is None


def test_normalisation() -> None:
    full_width = "\u3000９１４３０１０２ｍａ４ｌ００００３ｍ "
    assert validate_credit_code(full_width).code == "91430102MA4L00003M"
    assert validate_credit_code(" 91430102ma4l00003m\n").code == "91430102MA4L00003M"


def test_anomaly_warns_and_allows_override() -> None:
    problems = check_credit_code(ANOMALY)
    assert [p.code for p in problems] == ["check_char"]
    assert problems[0].message == "统一社会信用代码第18位校验码应为9，实际为B"
    assert problems[0].overridable
    with pytest.raises(IdentityError) as err:
        validate_credit_code(ANOMALY)
    assert str(err.value) == "统一社会信用代码第18位校验码应为9，实际为B"
    assert "check character" in err.value.message_en
    parsed = validate_credit_code(ANOMALY, accept_check_mismatch=True)
    assert not parsed.is_valid
    assert parsed.problems[0].expected == "9"


@pytest.mark.parametrize(
    ("code", "kind", "message"),
    [
        ("91430102MA4L00003", "length", "统一社会信用代码长度应为18位，实际为17位"),
        ("", "empty", "统一社会信用代码为空"),
        (
            "91430102MA4I00003M",
            "charset",
            "统一社会信用代码第12位含有不允许的字符 I（统一社会信用代码不使用 I、O、S、V、Z）",
        ),
        ("91430102MA4L-0003M", "charset", None),
        ("9143A102MA4L00003M", "division", None),
        (
            "91430102MA4L00004M",
            "org_check",
            "统一社会信用代码第17位（组织机构代码校验码）应为3，实际为4",
        ),
    ],
)
def test_credit_code_errors(code: str, kind: str, message: str | None) -> None:
    with pytest.raises(IdentityError) as err:
        validate_credit_code(code)
    assert err.value.code == kind
    assert err.value.message_en
    if message:
        assert err.value.message == message
    assert isinstance(err.value, ValueError)


def test_structural_errors_never_overridable() -> None:
    with pytest.raises(IdentityError):
        validate_credit_code("91430102MA4L0000", accept_check_mismatch=True)
    with pytest.raises(IdentityError):
        validate_credit_code("91430102MA4O00003M", accept_check_mismatch=True)


def test_org_and_final_mismatch_both_reported() -> None:
    problems = check_credit_code("91430102MA4L00004N")
    assert {p.code for p in problems} == {"org_check", "check_char"}


def test_generate_rejects_bad_prefix() -> None:
    with pytest.raises(IdentityError):
        generate_credit_code("91430102MA4L00004")  # wrong org check at pos 17
    with pytest.raises(IdentityError):
        generate_credit_code("9143")
    with pytest.raises(IdentityError):
        generate_credit_code("91430102MA4I0000")


_CREDIT_CHARS = st.sampled_from(CREDIT_CHARSET)
_prefix16 = st.tuples(
    st.text(_CREDIT_CHARS, min_size=2, max_size=2),
    st.text(st.sampled_from("0123456789"), min_size=6, max_size=6),
    st.text(_CREDIT_CHARS, min_size=8, max_size=8),
).map("".join)


@given(_prefix16)
def test_generated_credit_codes_validate(prefix: str) -> None:
    code = generate_credit_code(prefix)
    assert len(code) == 18
    assert validate_credit_code(code).code == code


@given(_prefix16, st.integers(0, 17), st.integers(1, 30))
def test_any_single_change_to_credit_code_detected(prefix: str, pos: int, shift: int) -> None:
    code = generate_credit_code(prefix)
    new_char = CREDIT_CHARSET[(CREDIT_CHARSET.index(code[pos]) + shift) % 31]
    changed = code[:pos] + new_char + code[pos + 1 :]
    assert changed != code
    assert check_credit_code(changed) != []


# ------------------------------------------------------------------ 公民身份号码


@pytest.mark.parametrize(
    ("number", "birth", "sex"),
    [
        ("34052419800101001X", date(1980, 1, 1), "male"),
        ("11010519491231002X", date(1949, 12, 31), "female"),
    ],
)
def test_verified_id_samples(number: str, birth: date, sex: str) -> None:
    parsed = validate_id_number(number, today=TODAY)
    assert parsed.birth_date == birth
    assert parsed.sex == sex
    assert parsed.check_char == "X"
    assert id_check_char(number[:17]) == "X"


def test_lower_case_x_and_full_width() -> None:
    assert validate_id_number("34052419800101001x", today=TODAY).number == "34052419800101001X"
    assert validate_id_number("３４０５２４１９８００１０１００１Ｘ", today=TODAY).check_char == "X"


def test_id_parts() -> None:
    number = generate_id_number("430102", date(1980, 1, 1), 123)
    assert number == "430102198001011233"
    parsed = validate_id_number(number, today=TODAY)
    assert parsed.division_code == "430102"
    assert parsed.division_name == "芙蓉区"
    assert parsed.division_known
    assert parsed.sequence == "123"
    assert parsed.sex == "male" and parsed.sex_zh == "男"
    assert parsed.age_on(date(2020, 1, 1)) == 40
    assert parsed.age_on(date(2019, 12, 31)) == 39
    female = validate_id_number(generate_id_number("430102", date(1990, 6, 1), 124), today=TODAY)
    assert female.sex == "female" and female.sex_zh == "女"


def test_old_and_unknown_division_codes_accepted() -> None:
    old = validate_id_number(generate_id_number("430122", date(1975, 5, 5), 11), today=TODAY)
    assert old.division_known and old.division_name == "望城县"
    unknown = validate_id_number(generate_id_number("659999", date(1975, 5, 5), 11), today=TODAY)
    assert not unknown.division_known
    assert unknown.division_name is None


@pytest.mark.parametrize(
    ("number", "kind", "message"),
    [
        ("34052419800101001", "length", "公民身份号码长度应为18位，实际为17位"),
        ("340524198001010011", "check_char", "公民身份号码第18位校验码应为X，实际为1"),
        ("34052419800230001X", "birth_date", None),
        ("3405241980010100AX", "charset", None),
        ("", "empty", "公民身份号码为空"),
    ],
)
def test_id_errors(number: str, kind: str, message: str | None) -> None:
    with pytest.raises(IdentityError) as err:
        validate_id_number(number, today=TODAY)
    assert err.value.code == kind
    assert err.value.message_en
    if message:
        assert err.value.message == message


def test_birth_date_bounds() -> None:
    future = generate_id_number("430102", date(2020, 3, 18), 1)
    with pytest.raises(IdentityError) as err:
        validate_id_number(future, today=TODAY)
    assert err.value.code == "birth_date" and "晚于今天" in err.value.message
    assert validate_id_number(future, today=date(2020, 3, 18)).birth_date == date(2020, 3, 18)
    old = "430102189912310010"
    old = old[:17] + id_check_char(old[:17])
    with pytest.raises(IdentityError) as err:
        validate_id_number(old, today=TODAY)
    assert "1900" in err.value.message


def test_fifteen_digit_numbers_must_be_upgraded() -> None:
    with pytest.raises(IdentityError) as err:
        validate_id_number("430102800101123", today=TODAY)
    assert err.value.code == "first_generation"
    assert "15位" in err.value.message and "升级为18位" in err.value.message
    assert "upgraded" in err.value.message_en
    upgraded = upgrade_id_number_15("430102800101123")
    assert upgraded[:17] == "43010219800101123"
    assert validate_id_number(upgraded, today=TODAY).birth_date == date(1980, 1, 1)


def test_check_id_number_non_raising() -> None:
    assert check_id_number("34052419800101001X", today=TODAY) == []
    assert [p.code for p in check_id_number("340524198002300011", today=TODAY)] == [
        "birth_date",
        "check_char",
    ]


def test_generate_id_number_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        generate_id_number("43010", date(1980, 1, 1), 1)
    with pytest.raises(ValueError):
        generate_id_number("430102", date(1980, 1, 1), 1000)


_births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
_divisions = st.text(st.sampled_from("0123456789"), min_size=6, max_size=6)


@given(_divisions, _births, st.integers(0, 999))
def test_generated_id_numbers_validate(division: str, birth: date, seq: int) -> None:
    number = generate_id_number(division, birth, seq)
    parsed = validate_id_number(number, today=TODAY)
    assert parsed.birth_date == birth
    assert parsed.sex == ("male" if seq % 2 else "female")


@given(_divisions, _births, st.integers(0, 999), st.integers(0, 17), st.sampled_from("0123456789X"))
def test_any_single_change_to_id_detected(
    division: str, birth: date, seq: int, pos: int, new_char: str
) -> None:
    number = generate_id_number(division, birth, seq)
    changed = number[:pos] + new_char + number[pos + 1 :]
    if changed == number:
        return
    assert check_id_number(changed, today=TODAY) != []
