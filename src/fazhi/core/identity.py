"""Identity checks: 统一社会信用代码 (GB 32100-2015) and 公民身份号码 (GB 11643-1999).

Both validators normalise the input (strip surrounding white space, full-width → half-width
via NFKC, upper case), then check it and either return a parsed dataclass or raise
:class:`IdentityError`. The error says *which* check failed, in Chinese (``str(err)`` /
``err.message``) with an English twin (``err.message_en``) and a machine-readable
``err.code``; every problem found is in ``err.problems``.

统一社会信用代码 — GB 32100-2015 (standards.md §3.2, ☑ several public validators agree):

* 18 characters from the 31-character set ``0123456789ABCDEFGHJKLMNPQRTUWXY`` (no I, O, S,
  V, Z); each character's value is its index 0–30;
* pos 1 登记管理部门代码, pos 2 机构类别代码, pos 3–8 登记管理机关行政区划码 (GB/T 2260,
  digits), pos 9–17 主体标识码 = 组织机构代码 (GB 11714: 8 body characters + 1 check),
  pos 18 check character;
* check character: Wᵢ = 3^(i−1) mod 31, r = 31 − (Σ vᵢ·Wᵢ mod 31), 31 → 0, character
  ``charset[r]`` (the GB/T 17710 scheme the standard refers to);
* embedded 组织机构代码 check (GB 11714-1997): weights ``[3,7,9,10,5,8,4,2]`` over pos 9–16,
  values 0–9, A=10 … Z=35, c = 11 − (Σ mod 11), 10 → ``X``, 11 → ``0``.

Real codes that fail a check exist (``91350203M0001QAY9B`` is whitelisted by a public
validator; its computed check character is ``9``). So the two check-character failures are
*overridable*: :func:`check_credit_code` reports problems without raising, and
``validate_credit_code(code, accept_check_mismatch=True)`` parses such a code and records the
problems on the result, so a caller can warn and store a manual override with its reason.
Length, character-set and division-digit problems are never overridable.

公民身份号码 — GB 11643-1999 (standards.md §3.3, ☑):

* 6-digit address code (the GB/T 2260 county code in force *when the number was assigned*;
  unknown or former codes are **not** rejected — :attr:`IdNumber.division_known` says whether
  the shipped table knows it), 8-digit birth date YYYYMMDD, 3-digit sequence (odd = male,
  even = female), 1 check character;
* check ISO 7064:1983 MOD 11-2: Wᵢ = 2^(18−i) mod 11, check = ``"10X98765432"[Σ mod 11]``;
  ``X`` (or ``x``) stands for 10;
* the birth date must exist, not be before 1900-01-01 and not be after ``today`` (injectable);
* 15-digit first-generation numbers are rejected with a message saying they must be upgraded
  to 18 digits; :func:`upgrade_id_number_15` computes the conventional upgrade (insert
  ``19``, append the check character) for staff who need it.

Pure Python: no Django import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta, timezone
from typing import Literal

from fazhi.core import divisions

__all__ = [
    "CREDIT_CHARSET",
    "CreditCode",
    "IdNumber",
    "IdentityError",
    "Problem",
    "check_credit_code",
    "check_id_number",
    "credit_check_char",
    "generate_credit_code",
    "generate_id_number",
    "id_check_char",
    "normalise",
    "org_check_char",
    "upgrade_id_number_15",
    "validate_credit_code",
    "validate_id_number",
]

# --------------------------------------------------------------------------------------------
# constants (GB 32100-2015, GB 11714-1997, GB 11643-1999)
# --------------------------------------------------------------------------------------------

#: GB 32100-2015 character set: digits and capitals without I, O, S, V, Z; value = index.
CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_VALUE = {c: i for i, c in enumerate(CREDIT_CHARSET)}
#: GB 32100-2015 check weights Wᵢ = 3^(i−1) mod 31.
CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
#: GB 11714-1997 组织机构代码 check weights.
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_VALUE = {c: i for i, c in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
#: GB 11643-1999 / ISO 7064 MOD 11-2 weights Wᵢ = 2^(18−i) mod 11.
ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_ID_CHECK = "10X98765432"
_FORBIDDEN_LETTERS = "IOSVZ"

#: 登记管理部门代码 → (name, {机构类别代码: name}).
#: Departments 1, 5, 9 and Y are in GB 32100-2015 itself (standards.md §3.2 ☑). The others
#: were assigned later; their names come from several public implementations that agree
#: (☑ secondary, not read in an official text). Position 1 is NOT restricted to this table.
DEPARTMENTS: dict[str, tuple[str, dict[str, str]]] = {
    "1": (
        "机构编制",
        {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"},
    ),
    "2": ("外交", {"1": "外国常驻新闻机构", "9": "其他"}),
    "3": (
        "司法行政",
        {
            "1": "律师执业机构",
            "2": "公证处",
            "3": "基层法律服务所",
            "4": "司法鉴定机构",
            "5": "仲裁委员会",
            "9": "其他",
        },
    ),
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
    "6": (
        "旅游",
        {
            "1": "外国旅游部门常驻代表机构",
            "2": "港澳台地区旅游部门常驻内地（大陆）代表机构",
            "9": "其他",
        },
    ),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("工商", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": (
        "农业",
        {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"},
    ),
    "Y": ("其他", {"1": "其他"}),
}

_CN_TZ = timezone(timedelta(hours=8))  # China has no daylight saving time


# --------------------------------------------------------------------------------------------
# problems and errors
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """One failed check, with a Chinese message, an English twin and a stable ``code``.

    ``code`` is one of ``empty``, ``length``, ``charset``, ``division``, ``org_check``,
    ``check_char``, ``birth_date``, ``first_generation``. ``overridable`` is True for the
    check-character failures of a credit code (GB 32100 anomalies exist, standards.md §3.2).
    """

    code: str
    message: str
    message_en: str
    position: int | None = None
    expected: str | None = None
    actual: str | None = None
    overridable: bool = False

    def __str__(self) -> str:
        return self.message


class IdentityError(ValueError):
    """An identifier failed a check. ``str(err)`` is the Chinese message of the first problem.

    Attributes: ``message`` (Chinese), ``message_en``, ``code`` and ``problems`` (all found).
    """

    def __init__(self, problems: list[Problem] | Problem) -> None:
        if isinstance(problems, Problem):
            problems = [problems]
        if not problems:
            raise ValueError("IdentityError needs at least one problem")
        self.problems: list[Problem] = list(problems)
        first = self.problems[0]
        self.message: str = first.message
        self.message_en: str = first.message_en
        self.code: str = first.code
        super().__init__(first.message)


def normalise(value: str) -> str:
    """Strip, convert full-width to half-width (NFKC) and upper-case an identifier.

    ``"９１４３０１０２ｍａ…"`` → ``"91430102MA…"``; ideographic spaces are stripped too.
    """
    if not isinstance(value, str):
        raise TypeError(f"identifier must be str, not {type(value).__name__}")
    return unicodedata.normalize("NFKC", value).strip().upper()


def _char_repr(ch: str) -> str:
    return "空格" if ch.isspace() else ch


def _length_problem(label: str, label_en: str, want: int, got: int) -> Problem:
    return Problem(
        "length",
        f"{label}长度应为{want}位，实际为{got}位",
        f"{label_en} must be {want} characters long, got {got}",
        expected=str(want),
        actual=str(got),
    )


# --------------------------------------------------------------------------------------------
# 统一社会信用代码 — GB 32100-2015
# --------------------------------------------------------------------------------------------


def org_check_char(body8: str) -> str:
    """GB 11714-1997 check character for an 8-character 组织机构代码 body.

    c = 11 − (Σ vᵢ·Wᵢ mod 11) with W = [3,7,9,10,5,8,4,2], 0–9 → 0–9, A=10 … Z=35;
    10 → ``X``, 11 → ``0``. Example (public worked example): ``59467239`` → ``9``.
    """
    body = normalise(body8)
    if len(body) != 8 or any(c not in _ORG_VALUE for c in body):
        raise ValueError(f"组织机构代码本体应为8位数字或大写字母，实际为 {body8!r}")
    c = 11 - sum(_ORG_VALUE[ch] * w for ch, w in zip(body, ORG_WEIGHTS, strict=True)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def credit_check_char(prefix17: str) -> str:
    """GB 32100-2015 check character (pos 18) for the first 17 characters.

    r = 31 − (Σ vᵢ·3^(i−1) mod 31), 31 → 0; returns ``CREDIT_CHARSET[r]``.
    Example (public worked example): ``91512081MA62K0260`` → ``E``.
    """
    prefix = normalise(prefix17)
    if len(prefix) != 17 or any(c not in _CREDIT_VALUE for c in prefix):
        raise ValueError(f"统一社会信用代码前17位应取自 {CREDIT_CHARSET}，实际为 {prefix17!r}")
    total = sum(_CREDIT_VALUE[ch] * w for ch, w in zip(prefix, CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


@dataclass(frozen=True, slots=True)
class CreditCode:
    """A parsed 统一社会信用代码 (GB 32100-2015 §4, structure in the module docstring).

    ``problems`` is empty for a fully valid code; it holds the overridable check failures
    when parsed with ``accept_check_mismatch=True``.
    """

    code: str
    department_code: str
    department_name: str | None
    category_code: str
    category_name: str | None
    division_code: str
    org_code: str
    check_char: str
    problems: tuple[Problem, ...] = field(default=())

    @property
    def org_code_display(self) -> str:
        """组织机构代码 in its traditional ``XXXXXXXX-X`` form (GB 11714)."""
        return f"{self.org_code[:8]}-{self.org_code[8]}"

    @property
    def division_name(self) -> str | None:
        """Name of the 登记管理机关行政区划 if the shipped GB/T 2260 table knows it."""
        return divisions.division_name(self.division_code)

    @property
    def division_known(self) -> bool:
        """True when :mod:`fazhi.core.divisions` knows the division code."""
        return divisions.is_known(self.division_code)

    @property
    def is_valid(self) -> bool:
        """True when every check passed (no recorded override needed)."""
        return not self.problems

    def __str__(self) -> str:
        return self.code


def check_credit_code(code: str) -> list[Problem]:
    """Every problem with a 统一社会信用代码, without raising (GB 32100-2015).

    An empty list means valid. Structural problems (empty, length, character set, division
    digits) are returned alone, since the check characters cannot be computed then. Otherwise
    the embedded 组织机构代码 check (GB 11714) and the final check character are both
    reported, as ``overridable`` problems.
    """
    value = normalise(code)
    label, label_en = "统一社会信用代码", "Unified social credit code"
    if not value:
        return [Problem("empty", f"{label}为空", f"{label_en} is empty")]
    if len(value) != 18:
        return [_length_problem(label, label_en, 18, len(value))]
    for pos, ch in enumerate(value, start=1):
        if ch in _CREDIT_VALUE:
            continue
        shown = _char_repr(ch)
        if ch in _FORBIDDEN_LETTERS:
            zh = f"{label}第{pos}位含有不允许的字符 {shown}（统一社会信用代码不使用 I、O、S、V、Z）"
            en = (
                f"{label_en}: character {ch!r} at position {pos} is not allowed "
                "(the code never uses I, O, S, V, Z)"
            )
        else:
            zh = (
                f"{label}第{pos}位含有不允许的字符 {shown}（只能使用数字和除 I、O、S、V、Z "
                "以外的大写字母）"
            )
            en = (
                f"{label_en}: character {ch!r} at position {pos} is not allowed "
                "(only digits and capital letters other than I, O, S, V, Z)"
            )
        return [Problem("charset", zh, en, position=pos, actual=ch)]
    division = value[2:8]
    if not division.isdigit():
        return [
            Problem(
                "division",
                f"{label}第3–8位（登记管理机关行政区划码）应为6位数字，实际为{division}",
                f"{label_en}: positions 3–8 (registration authority division code) must be six "
                f"digits, got {division}",
                position=3,
                actual=division,
            )
        ]
    problems: list[Problem] = []
    org_expected = org_check_char(value[8:16])
    if value[16] != org_expected:
        problems.append(
            Problem(
                "org_check",
                f"{label}第17位（组织机构代码校验码）应为{org_expected}，实际为{value[16]}",
                f"{label_en}: position 17 (organisation code check, GB 11714) should be "
                f"{org_expected}, got {value[16]}",
                position=17,
                expected=org_expected,
                actual=value[16],
                overridable=True,
            )
        )
    expected = credit_check_char(value[:17])
    if value[17] != expected:
        problems.append(
            Problem(
                "check_char",
                f"{label}第18位校验码应为{expected}，实际为{value[17]}",
                f"{label_en}: check character (position 18) should be {expected}, got {value[17]}",
                position=18,
                expected=expected,
                actual=value[17],
                overridable=True,
            )
        )
    return problems


def validate_credit_code(code: str, *, accept_check_mismatch: bool = False) -> CreditCode:
    """Normalise, check and parse a 统一社会信用代码 (GB 32100-2015).

    Raises :class:`IdentityError` naming the failed check, e.g.
    ``统一社会信用代码第18位校验码应为9，实际为B``. With ``accept_check_mismatch=True`` the
    overridable check-character failures do not raise; they are recorded in
    ``CreditCode.problems`` so the caller can warn and keep a manual override on record.
    """
    problems = check_credit_code(code)
    hard = [p for p in problems if not p.overridable]
    if hard or (problems and not accept_check_mismatch):
        raise IdentityError(problems)
    value = normalise(code)
    department = DEPARTMENTS.get(value[0])
    return CreditCode(
        code=value,
        department_code=value[0],
        department_name=department[0] if department else None,
        category_code=value[1],
        category_name=department[1].get(value[1]) if department else None,
        division_code=value[2:8],
        org_code=value[8:17],
        check_char=value[17],
        problems=tuple(problems),
    )


def generate_credit_code(prefix: str) -> str:
    """Complete a 统一社会信用代码 from its first 16 or 17 characters (GB 32100-2015).

    * 16 characters (department, category, division, 8-character org body): the
      GB 11714 org check (pos 17) and the final check character (pos 18) are appended;
    * 17 characters: the org check already present must be right (else
      :class:`IdentityError`); the final check character is appended.

    Used by demo data and tests; the result always passes :func:`validate_credit_code`.
    """
    value = normalise(prefix)
    if len(value) not in (16, 17):
        raise IdentityError(
            Problem(
                "length",
                f"生成统一社会信用代码需要前16或17位，实际为{len(value)}位",
                f"generating a credit code needs its first 16 or 17 characters, got {len(value)}",
            )
        )
    if len(value) == 16:
        structural = [p for p in check_credit_code(value + "00") if not p.overridable]
        if structural:
            raise IdentityError(structural)
        value += org_check_char(value[8:16])
    problems = [p for p in check_credit_code(value + "0") if p.code != "check_char"]
    if problems:
        raise IdentityError(problems)
    return value + credit_check_char(value)


# --------------------------------------------------------------------------------------------
# 公民身份号码 — GB 11643-1999
# --------------------------------------------------------------------------------------------

_ID18_RE = re.compile(r"[0-9]{17}[0-9X]")
_ID15_RE = re.compile(r"[0-9]{15}")


def id_check_char(first17: str) -> str:
    """ISO 7064:1983 MOD 11-2 check character for the first 17 digits (GB 11643-1999 §5).

    ``"34052419800101001"`` → ``"X"``.
    """
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"公民身份号码前17位应为数字，实际为 {first17!r}")
    total = sum(int(ch) * w for ch, w in zip(first17, ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


@dataclass(frozen=True, slots=True)
class IdNumber:
    """A parsed 公民身份号码 (GB 11643-1999 §4).

    ``division_known`` only says whether the shipped GB/T 2260 table knows the address code;
    unknown or former codes are valid (the code is the one in force when it was assigned).
    """

    number: str
    division_code: str
    birth_date: date
    sequence: str
    check_char: str
    division_known: bool

    @property
    def sex(self) -> Literal["male", "female"]:
        """From the sequence code: odd = male, even = female (GB 11643-1999 §4.2.3)."""
        return "male" if int(self.sequence) % 2 else "female"

    @property
    def sex_zh(self) -> str:
        """``"男"`` or ``"女"``."""
        return "男" if self.sex == "male" else "女"

    @property
    def division_name(self) -> str | None:
        """Name of the address code if known (former names included, e.g. 望城县)."""
        return divisions.division_name(self.division_code)

    @property
    def province_name(self) -> str | None:
        """Province of the address code if the province is known."""
        return divisions.province_name(self.division_code)

    def age_on(self, day: date) -> int:
        """Age in full years on ``day``."""
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - int(before_birthday)

    def __str__(self) -> str:
        return self.number


def _today_cn() -> date:
    from fazhi.core import clock

    return clock.today()


def _parse_birth(text: str) -> date | None:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def check_id_number(s: str, *, today: date | None = None) -> list[Problem]:
    """Every problem with a 公民身份号码, without raising (GB 11643-1999).

    An empty list means valid. ``today`` (default: today in China) bounds the birth date.
    """
    value = normalise(s)
    label, label_en = "公民身份号码", "Citizen ID number"
    if not value:
        return [Problem("empty", f"{label}为空", f"{label_en} is empty")]
    if len(value) == 15 and _ID15_RE.fullmatch(value):
        return [
            Problem(
                "first_generation",
                f"{label}为15位第一代号码，须升级为18位号码后再登记（GB 11643-1999）",
                f"{label_en} is a 15-digit first-generation number; it must be upgraded to the "
                "18-digit form (GB 11643-1999) before it can be recorded",
                actual=value,
            )
        ]
    if len(value) != 18:
        return [_length_problem(label, label_en, 18, len(value))]
    if not _ID18_RE.fullmatch(value):
        for pos, ch in enumerate(value, start=1):
            if not (ch.isascii() and ch.isdigit()) and not (pos == 18 and ch == "X"):
                allowed = "数字或 X" if pos == 18 else "数字"
                allowed_en = "a digit or X" if pos == 18 else "a digit"
                return [
                    Problem(
                        "charset",
                        f"{label}第{pos}位含有不允许的字符 {_char_repr(ch)}（该位只能是{allowed}）",
                        f"{label_en}: character {ch!r} at position {pos} is not allowed "
                        f"(must be {allowed_en})",
                        position=pos,
                        actual=ch,
                    )
                ]
    problems: list[Problem] = []
    birth_text = value[6:14]
    birth = _parse_birth(birth_text)
    limit = today or _today_cn()
    if birth is None:
        problems.append(
            Problem(
                "birth_date",
                f"{label}第7–14位出生日期{birth_text}不是有效日期",
                f"{label_en}: positions 7–14 ({birth_text}) are not a valid birth date",
                position=7,
                actual=birth_text,
            )
        )
    elif birth < date(1900, 1, 1):
        problems.append(
            Problem(
                "birth_date",
                f"{label}出生日期{birth.isoformat()}早于1900年1月1日",
                f"{label_en}: birth date {birth.isoformat()} is before 1900-01-01",
                position=7,
                actual=birth_text,
            )
        )
    elif birth > limit:
        problems.append(
            Problem(
                "birth_date",
                f"{label}出生日期{birth.isoformat()}晚于今天（{limit.isoformat()}）",
                f"{label_en}: birth date {birth.isoformat()} is in the future "
                f"(today is {limit.isoformat()})",
                position=7,
                actual=birth_text,
            )
        )
    expected = id_check_char(value[:17])
    if value[17] != expected:
        problems.append(
            Problem(
                "check_char",
                f"{label}第18位校验码应为{expected}，实际为{value[17]}",
                f"{label_en}: check character (position 18) should be {expected}, got {value[17]}",
                position=18,
                expected=expected,
                actual=value[17],
            )
        )
    return problems


def validate_id_number(s: str, *, today: date | None = None) -> IdNumber:
    """Normalise, check and parse an 18-digit 公民身份号码 (GB 11643-1999).

    Accepts a lower-case ``x`` and full-width digits. Raises :class:`IdentityError` naming
    the failed check (``公民身份号码第18位校验码应为X，实际为1``); 15-digit first-generation
    numbers are rejected with a message that they must be upgraded to 18 digits.
    """
    problems = check_id_number(s, today=today)
    if problems:
        raise IdentityError(problems)
    value = normalise(s)
    birth = _parse_birth(value[6:14])
    assert birth is not None  # checked above
    return IdNumber(
        number=value,
        division_code=value[:6],
        birth_date=birth,
        sequence=value[14:17],
        check_char=value[17],
        division_known=divisions.is_known(value[:6]),
    )


def generate_id_number(division: str, birth: date, seq: int) -> str:
    """Build an 18-digit 公民身份号码 from its parts and compute the check character.

    ``division`` is a six-digit address code, ``seq`` the 0–999 sequence code (odd = male).
    ``generate_id_number("340524", date(1980, 1, 1), 1)`` → ``"34052419800101001X"``.
    For demo data and tests only.
    """
    if not divisions.is_valid_format(division):
        raise ValueError(f"地址码应为6位数字，实际为 {division!r}")
    if not 0 <= seq <= 999:
        raise ValueError(f"顺序码应在0–999之间，实际为 {seq}")
    if not isinstance(birth, date) or birth.year < 1900:
        raise ValueError(f"出生日期无效：{birth!r}")
    first17 = f"{division}{birth:%Y%m%d}{seq:03d}"
    return first17 + id_check_char(first17)


def upgrade_id_number_15(s: str) -> str:
    """Conventional upgrade of a 15-digit first-generation number to 18 digits.

    Inserts ``19`` before the two-digit birth year and appends the MOD 11-2 check character.
    First-generation numbers were issued to people born in the 1900s, hence ``19``. The
    upgraded number should still be confirmed by the person or the public-security record.
    """
    value = normalise(s)
    if not _ID15_RE.fullmatch(value):
        raise ValueError(f"第一代公民身份号码应为15位数字，实际为 {s!r}")
    first17 = value[:6] + "19" + value[6:]
    return first17 + id_check_char(first17)
