"""Tests for :mod:`fazhi.core.redaction` (masking rules: module docstring; practice, not law).

All people, numbers and addresses here are synthetic (张某某-style placeholders, generated ID
numbers and credit codes).
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.core.identity import generate_credit_code, generate_id_number
from fazhi.core.redaction import (
    find_personal_data,
    mask_address,
    mask_bank_account,
    mask_id_number,
    mask_name,
    mask_phone,
    redact_record,
    redact_text,
)

TODAY = date(2020, 3, 17)
ID18 = generate_id_number("430102", date(1980, 1, 1), 123)  # 430102198001011233
ID18X = "34052419800101001X"  # verified sample, standards.md §3.3
CREDIT = generate_credit_code("91430102MA4L0000")  # 91430102MA4L00003M
CREDIT_DIGITS = generate_credit_code("1143010200000001")  # 114301020000000192


def _luhn_complete(body: str) -> str:
    for d in "0123456789":
        digits = [int(c) for c in body + d][::-1]
        total = sum(
            x if i % 2 == 0 else (x * 2 - 9 if x * 2 > 9 else x * 2) for i, x in enumerate(digits)
        )
        if total % 10 == 0:
            return body + d
    raise AssertionError


CARD = _luhn_complete("622202123456789")  # 16 digits, Luhn-valid (synthetic)
CARD19 = _luhn_complete("622202123456789012")


def red(text: str, **kw: object) -> str:
    return redact_text(text, today=TODAY, **kw)  # type: ignore[arg-type]


def kinds(text: str, *, today: date = TODAY, **kw: object) -> list[str]:
    return [h.kind for h in find_personal_data(text, today=today, **kw)]  # type: ignore[arg-type]


# ------------------------------------------------------------------ single-value masks


def test_id_number_masks() -> None:
    assert mask_id_number("43010219800101123X") == "430102********123X"
    assert mask_id_number("430102800101123") == "430102******123"
    assert red(f"身份证号：{ID18}。") == "身份证号：430102********1233。"
    assert red(f"号码{ID18X.lower()}") == "号码340524********001x"


def test_id_number_with_wrong_check_digit_still_masked() -> None:
    wrong = ID18[:17] + ("0" if ID18[17] != "0" else "1")
    assert red(wrong) == "430102********" + wrong[14:]


def test_fifteen_digit_id() -> None:
    assert red("旧身份证430102800101123") == "旧身份证430102******123"
    assert kinds("注册号430102800101123") == []  # old 15-digit business registration number


def test_phone_masks() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert red("电话13812345678。") == "电话138****5678。"
    assert red("手机：138 1234 5678") == "手机：138****5678"
    assert red("手机：138-1234-5678") == "手机：138****5678"
    assert red("+86 13812345678") == "+86138****5678"
    assert red("86-13812345678") == "86138****5678"
    assert red("座机0731-84567890") == "座机0731-****7890"
    assert red("座机(0731)84567890") == "座机(0731)****7890"
    assert red("座机（0731）84567890") == "座机（0731）****7890"
    assert red("座机010-62345678转123") == "座机010-****5678转123"
    assert red("座机0731 8456789") == "座机0731 ***6789"
    assert mask_phone("0731-84567890") == "0731-****7890"


def test_names() -> None:
    assert mask_name("张三") == "张某"
    assert mask_name("张三丰") == "张某某"
    assert mask_name("欧阳小明") == "欧阳某某"
    assert mask_name("司马乙丙") == "司马某某"
    assert mask_name("欧阳") == "欧某"  # two characters: a one-character surname
    assert mask_name("阿甲·乙丙") == "阿某·某某"
    assert mask_name("张某") == "张某"
    assert mask_name("欧阳某某") == "欧阳某某"


def test_names_in_free_text() -> None:
    text = "经查，张甲乙于2019年5月在某店销售散煤，张甲乙系该店经营者；证人李丙。"
    assert red(text, names=["张甲乙", "李丙"]) == (
        "经查，张某某于2019年5月在某店销售散煤，张某某系该店经营者；证人李某。"
    )
    # the longer name wins over a name it contains
    assert red("张甲与张甲乙", names=["张甲", "张甲乙"]) == "张某与张某某"


def test_labelled_names_in_free_text() -> None:
    assert red("当事人：张甲，男，汉族") == "当事人：张某，男，汉族"
    assert red("申请人：王甲、赵乙丙；") == "申请人：王某、赵某某；"
    assert red("当事人：长沙甲乙餐饮有限公司，") == "当事人：长沙甲乙餐饮有限公司，"
    assert red("当事人：甲乙店，") == "当事人：甲乙店，"
    assert red("投诉人：甲乙协会，") == "投诉人：甲乙协会，"
    assert red("举报人：李会，") == "举报人：李某，"  # 会 alone is a given-name character
    assert red("法定代表人：张甲，") == "法定代表人：张甲，"  # not masked by label
    assert red("当事人的权利") == "当事人的权利"


def test_address_masks() -> None:
    assert mask_address("长沙市芙蓉区五一大道123号4栋501室") == "长沙市芙蓉区五一大道****"
    assert mask_address("芙蓉区定王台街道马王街12号") == "芙蓉区定王台街道马王街****"
    assert mask_address("湖南省长沙市芙蓉区韶山北路1号") == "湖南省长沙市芙蓉区韶山北路****"
    assert mask_address("芙蓉区东湖街道甲乙村5组12号") == "芙蓉区东湖街道甲乙村****"
    assert mask_address("芙蓉区甲乙小区3栋") == "芙蓉区****"
    assert mask_address("芙蓉区马王堆甲乙市场12号门面") == "芙蓉区****"
    assert mask_address("甲乙小区3栋") == "****"
    assert mask_address("长沙市芙蓉区五一大道") == "长沙市芙蓉区五一大道"
    assert mask_address("长沙市芙蓉区五一大道****") == "长沙市芙蓉区五一大道****"


def test_addresses_in_free_text() -> None:
    home = "长沙市芙蓉区五一大道123号4栋501室"
    text = f"送达至{home}，当事人拒收。"
    assert red(text, addresses=[home]) == "送达至长沙市芙蓉区五一大道****，当事人拒收。"
    assert red(f"住址：{home}，") == "住址：长沙市芙蓉区五一大道****，"
    seat = "住所：长沙市芙蓉区五一大道123号"  # a company's registered seat is public
    assert red(seat) == seat


def test_bank_accounts() -> None:
    assert mask_bank_account("6222 0212 3456 7890 123") == "***************0123"
    assert red("开户行：某银行，账号：6222 0212 3456 7890 123") == (
        "开户行：某银行，账号：***************0123"
    )
    assert red("账户430102001001123") == "账户***********1123"
    assert red(f"卡{CARD}") == "卡" + "*" * 12 + CARD[-4:]
    assert red(f"卡号{CARD[:-1]}{(int(CARD[-1]) + 1) % 10}").startswith("卡号****")
    assert red(f"{CARD19}") == "*" * 15 + CARD19[-4:]


def test_credit_codes_stay_visible() -> None:
    for code in (CREDIT, CREDIT_DIGITS, "913502000728319549", "91350203M0001QAY9B"):
        text = f"统一社会信用代码：{code}，"
        assert red(text) == text
        assert kinds(text) == []
    # an all-digit credit code is not an account even without a label and next to a bank label
    assert kinds(f"户名：长沙甲乙有限公司 {CREDIT_DIGITS}") == []
    assert kinds(CREDIT_DIGITS) == []


def _ambiguous_number() -> str:
    """An all-digit string that is both a valid credit code and a valid ID number.

    As a credit code: 1 2 | 110119 | 850101xx + org check | check. As an ID: address 121101,
    birth 1985-01-01, sequence xx + org check, check digit.
    """
    from fazhi.core.identity import check_id_number

    for tail in range(100):
        try:
            code = generate_credit_code(f"12110119850101{tail:02d}")
        except ValueError:
            continue
        if code.isdigit() and not check_id_number(code, today=TODAY):
            return code
    raise AssertionError("no ambiguous number found")


def test_number_that_is_both_credit_code_and_id_number() -> None:
    number = _ambiguous_number()
    assert kinds(f"统一社会信用代码{number}") == []
    assert kinds(f"代码{number}") == []  # a valid credit code is protected by default
    assert kinds(f"身份证号{number}") == ["id_number"]  # an ID label wins


@pytest.mark.parametrize(
    "text",
    [
        "2019年受理的案件于20190927办结。",
        "依据芙政发〔2019〕3号文件，",
        "罚款7678821元，",
        "统计用区划代码430102001001，",
        "统计用区划代码130102001001，",
        "工单号2019092700012345已办结",
        "共办结案件8130起、罚款259万余元，累计出动121947人次，抽检13051批次",
        "时间戳20190927103000，",
        "办理时限压减90%以上，平均回访满意度达97.50%。",
        "编号：1234567890123456",
        "芙蓉区凯发一触即发关于2019年度法治政府建设情况的报告",
    ],
)
def test_no_false_positives(text: str) -> None:
    assert find_personal_data(text, today=TODAY) == []
    assert red(text) == text


def test_seed_report_has_no_personal_data() -> None:
    from pathlib import Path

    seed = Path(__file__).resolve().parents[1] / "data" / "seed" / "furong-2019-report.txt"
    assert find_personal_data(seed.read_text(encoding="utf-8"), today=TODAY) == []


def test_hits_describe_what_would_be_masked() -> None:
    text = f"当事人：张甲，身份证号{ID18}，电话13812345678"
    hits = find_personal_data(text, today=TODAY)
    assert [h.kind for h in hits] == ["person_name", "id_number", "phone"]
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
        assert hit.span == (hit.start, hit.end)
    assert hits[1].masked == "430102********1233"
    assert hits[2].masked == "138****5678"


def test_birth_date_bounds_in_text() -> None:
    future = generate_id_number("430102", date(2021, 1, 1), 1)
    assert kinds(future) == []  # not a plausible birth date on TODAY
    assert kinds(future, today=date(2021, 1, 1)) == ["id_number"]


# ------------------------------------------------------------------ records


SCHEMA = {
    "party": "person_name",
    "id_no": "id_number",
    "mobile": "phone",
    "home": "address",
    "account": "bank_account",
    "company": "legal_person_name",
    "credit_code": "credit_code",
    "facts": "free_text",
    "case_no": "keep",
}


def test_redact_record() -> None:
    record = {
        "party": "欧阳甲乙",
        "id_no": ID18X,
        "mobile": "13812345678",
        "home": "长沙市芙蓉区五一大道123号4栋501室",
        "account": "6222 0212 3456 7890 123",
        "company": "长沙甲乙餐饮有限公司",
        "credit_code": CREDIT,
        "facts": "欧阳甲乙在长沙市芙蓉区五一大道123号4栋501室存放散煤，联系电话0731-84567890。",
        "case_no": "芙执罚〔2019〕3号",
        "extra": f"备注：身份证{ID18}",
        "amount": 7678821,
        "missing": None,
    }
    out = redact_record(record, SCHEMA, today=TODAY)
    assert out == {
        "party": "欧阳某某",
        "id_no": "340524********001X",
        "mobile": "138****5678",
        "home": "长沙市芙蓉区五一大道****",
        "account": "***************0123",
        "company": "长沙甲乙餐饮有限公司",
        "credit_code": CREDIT,
        "facts": "欧阳某某在长沙市芙蓉区五一大道****存放散煤，联系电话0731-****7890。",
        "case_no": "芙执罚〔2019〕3号",
        "extra": "备注：身份证430102********1233",
        "amount": 7678821,
        "missing": None,
    }
    assert record["party"] == "欧阳甲乙"  # input untouched
    assert redact_record(out, SCHEMA, today=TODAY) == out  # idempotent


def test_redact_record_errors() -> None:
    with pytest.raises(ValueError):
        redact_record({"a": "x"}, {"a": "secret"})
    with pytest.raises(KeyError):
        redact_record({"a": "x"}, {}, strict=True)


# ------------------------------------------------------------------ idempotence


_FRAGMENTS = st.sampled_from(
    [
        "当事人：张甲乙",
        "张甲乙",
        "李丙",
        "身份证号",
        ID18,
        ID18X,
        "电话",
        "13812345678",
        "138 1234 5678",
        "0731-84567890",
        "(0731)84567890",
        "账号：6222 0212 3456 7890 123",
        CARD,
        CREDIT,
        CREDIT_DIGITS,
        "20190927",
        "芙政发〔2019〕3号",
        "7678821元",
        "住址：长沙市芙蓉区五一大道123号4栋501室",
        "长沙市芙蓉区五一大道123号4栋501室",
        "430102001001",
        "男",
        "2.4万件",
        "430102800101123",
        "欧阳甲乙",
        "申请人：王甲、赵乙丙",
        "统一社会信用代码：" + CREDIT,
    ]
)
_SEPARATED = st.lists(
    st.tuples(_FRAGMENTS, st.sampled_from(["，", "。", " ", "；", "\n", "的", "、"]))
).map(lambda parts: "".join(f + sep for f, sep in parts))


@settings(max_examples=300)
@given(_SEPARATED)
def test_idempotent(text: str) -> None:
    names = ["张甲乙", "欧阳甲乙"]
    addresses = ["长沙市芙蓉区五一大道123号4栋501室"]
    once = red(text, names=names, addresses=addresses)
    assert red(once, names=names, addresses=addresses) == once
    assert find_personal_data(once, names=names, addresses=addresses, today=TODAY) == []
    for secret in (
        ID18,
        ID18X,
        "13812345678",
        "张甲乙",
        "欧阳甲乙",
        "王甲",
        "84567890",
        "19800101",
        "123号4栋",
    ):
        assert secret not in once
    if CREDIT in text:
        assert CREDIT in once


@given(st.lists(_FRAGMENTS).map("".join))
def test_adjacent_fragments_idempotent(text: str) -> None:
    once = red(text, names=["张甲乙"])
    assert red(once, names=["张甲乙"]) == once


@given(st.text(max_size=60))
def test_arbitrary_text_never_crashes_and_is_idempotent(text: str) -> None:
    once = red(text)
    assert red(once) == once
