"""Redaction (去标识化) of personal data in everything the platform publishes.

Every publication path — portal pages, 行政处罚决定书 publicity, open-data exports, the API for
the public — goes through :func:`redact_text` / :func:`redact_record`; the portal monitor uses
:func:`find_personal_data` (the same detectors) to report personal data exposed on pages.

The rules follow common practice for publishing 行政处罚决定书 and similar documents online
(what local governments' publicity pages and court-judgment publication commonly do). They are
**practice, not a statutory text**: no single national rule fixing these exact masks was read.
The goal under the 个人信息保护法 is that a published document does not identify a natural
person beyond what the publication needs.

Masks (``*`` is ASCII; ``某`` for names), kind → example → masked:

* ``id_number`` (18 digits): ``43010219800101123X`` → ``430102********123X``;
* ``id_number`` (15 digits): ``430102800101123`` → ``430102******123``;
* ``phone`` (mobile): ``138 1234 5678`` → ``138****5678``; ``+86 13812345678`` →
  ``+86138****5678`` (separators dropped);
* ``phone`` (landline): ``0731-84567890`` → ``0731-****7890``; ``(0731)84567890`` →
  ``(0731)****7890``;
* ``person_name``: ``张三`` → ``张某``; ``欧阳小明`` → ``欧阳某某``;
* ``address``: ``长沙市芙蓉区五一大道123号4栋501室`` → ``长沙市芙蓉区五一大道****``;
* ``bank_account``: ``6222 0212 3456 7890 123`` → ``***************0123``;
* ``legal_person_name`` (a company's name) and ``credit_code`` (统一社会信用代码): kept.

Rules:

* **ID numbers** keep the 6-digit address code (a county, no more precise than the street-level
  address that stays visible) and the last 4 characters (so the person can recognise their own
  number); the birth date — the personal attribute — is always hidden. In free text an 18-digit
  number is treated as an ID when it has a known province code (GB/T 2260 first two digits), a
  real birth date between 1900 and this year, and ends in ``[0-9Xx]`` — *whether or not its
  check digit is right* (typos are still personal data). 15-digit first-generation numbers
  need a real YYMMDD and are skipped after labels like 注册号 (old 15-digit business
  registration numbers).
* **Mobile numbers** ``1[3-9]`` + 9 digits, optionally ``+86``/``86`` and space/dash groups
  (3-4-4): keep the first 3 and last 4. **Landlines** need an area code (``010``, ``02x``,
  ``0xxx``) written with a dash, space or brackets: the area code and the last 4 digits of the
  local number stay, the rest is masked; an extension stays. Local numbers without an area
  code are not detected (too easily confused with amounts and serial numbers).
* **Names** of natural persons, in ``person_name`` fields: the surname stays and every other
  character becomes 某 (张三 → 张某, 张三丰 → 张某某); the common two-character surnames
  (欧阳, 司马, 诸葛 …) stay whole for names of 3+ characters (欧阳小明 → 欧阳某某). Names
  with ``·`` keep their first character and the dots. Each name passed in ``names`` (and each
  name in a record's ``person_name`` fields) is replaced wherever it appears in free text.
  In free text, 2–4 character names (or a list joined by 、) right after a label with a
  colon (当事人：, 姓名：, 申请人：, 举报人：, 经营者： …) are masked too, unless they end like
  an organisation (…店, …公司, …局). Names of legal persons (companies) stay visible, and so
  do names after 法定代表人：/承办人员：/执法人员： (officers' names are published under the
  行政执法公示 system; a legal representative's name is public registration data).
* **Addresses** in ``address`` fields keep the administrative and road levels (省/市/区/县/
  街道/镇/乡/社区/村/路/街/大道/巷/胡同/弄) up to the first part that is more precise, then
  ``****``; without any road or area level the whole address becomes ``****``. Addresses
  passed in ``addresses`` are masked wherever they appear; in free text an address after a
  personal-address label (住址：, 家庭住址：, 户籍地址：, 现住址：, 居住地：) is masked too.
  住所 (a company's registered seat) is not.
* **Bank accounts** keep the last 4 digits. In free text, 12–19 digits (optionally grouped by
  spaces or dashes) count as an account when a bank label (账号, 账户, 卡号, 银行, 开户 …)
  precedes them within a few characters; without a label, only 16–19-digit numbers that pass
  the Luhn check (ISO/IEC 7812 bank cards) and do not start with a date (serial numbers like
  2019092700012345). 12-digit statistics division codes, dates (20190927), document numbers
  (芙政发〔2019〕3号), amounts (7678821元) are therefore never accounts.
* **统一社会信用代码** (GB 32100) stay visible and are never taken for an ID number or an
  account: an 18-character token that passes both GB 32100 checks is protected (as is any
  credit-code-shaped token right after 信用代码, since real anomalies exist), unless it is
  all digits, also passes the ID check and an ID label (身份证 …) precedes it.
* **Overlaps**: a protected credit code blocks every detection it touches; otherwise the
  longer detection wins, then the more specific kind (ID, phone, bank account, then
  names/addresses). If a losing detection sticks out of the winner, the part outside is
  masked too, so nothing leaks through the gap.
* Redaction is **idempotent**: masked output contains nothing the detectors match again, so
  ``redact_text(redact_text(t)) == redact_text(t)`` (:func:`redact_text` repeats its pass
  until nothing is found; one pass in practice).

Pure Python: no Django import; all patterns are compiled once at import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta, timezone
from typing import Any, Literal

from fazhi.core.identity import check_credit_code, id_check_char

__all__ = [
    "COMPOUND_SURNAMES",
    "FIELD_KINDS",
    "Hit",
    "find_personal_data",
    "mask_address",
    "mask_bank_account",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "redact_record",
    "redact_text",
]

HitKind = Literal["id_number", "phone", "person_name", "address", "bank_account"]

#: Field kinds :func:`redact_record` understands.
FIELD_KINDS = frozenset(
    {
        "person_name",
        "id_number",
        "phone",
        "address",
        "bank_account",
        "legal_person_name",
        "credit_code",
        "free_text",
        "keep",
    }
)

#: Common two-character (复姓) surnames, kept whole when masking a name of 3+ characters.
COMPOUND_SURNAMES = frozenset(
    {
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "轩辕",
        "令狐",
        "钟离",
        "澹台",
        "公冶",
        "太史",
        "端木",
        "申屠",
        "万俟",
        "闻人",
        "呼延",
        "南宫",
        "西门",
        "百里",
        "东郭",
        "濮阳",
        "单于",
        "赫连",
        "独孤",
        "拓跋",
        "第五",
        "司空",
        "公羊",
        "左丘",
        "宗政",
        "淳于",
        "仲孙",
        "亓官",
        "梁丘",
        "谷梁",
        "段干",
    }
)

#: GB/T 2260 province-level prefixes (first two digits of an address code).
_PROVINCES = frozenset(
    {
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    }
)

_CN_TZ = timezone(timedelta(hours=8))
_MASK = "****"
_MAX_PASSES = 5

# --------------------------------------------------------------------------------------------
# precompiled patterns
# --------------------------------------------------------------------------------------------

_NB = r"(?<![0-9A-Za-z])"  # not preceded by an ASCII letter or digit
_NA = r"(?![0-9A-Za-z])"  # not followed by one
_CREDIT_RE = re.compile(_NB + r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}" + _NA)
_ID18_RE = re.compile(
    _NB + r"(?P<addr>[1-8][0-9]{5})(?P<birth>(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])"
    r"(?:0[1-9]|[12][0-9]|3[01]))(?P<seq>[0-9]{3})(?P<check>[0-9Xx])" + _NA
)
_ID15_RE = re.compile(
    _NB + r"(?P<addr>[1-8][0-9]{5})(?P<birth>[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]))"
    r"(?P<seq>[0-9]{3})" + _NA
)
_MOBILE_RE = re.compile(
    r"(?<![0-9])(?P<prefix>(?:\+|＋)?86[ -]?)?"
    r"(?P<number>1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4})(?![0-9])"
)
_LANDLINE_RE = re.compile(
    r"(?<![0-9])(?:(?P<area1>0(?:10|2[0-9]|[3-9][0-9]{2}))[ -]|"
    r"(?P<open>[(（])(?P<area2>0(?:10|2[0-9]|[3-9][0-9]{2}))(?P<close>[)）])[ ]?)"
    r"(?P<local>[2-9][0-9]{2,3}[ -]?[0-9]{4})(?P<ext>[-转][0-9]{1,5})?(?![0-9])"
)
# Field-level (whole value) forms that also accept an already-masked value, for idempotence.
_MOBILE_FIELD_RE = re.compile(
    r"(?P<prefix>(?:\+|＋)?86[ -]?)?(?P<number>1[3-9][0-9*][ -]?[0-9*]{4}[ -]?[0-9]{4})"
)
_LANDLINE_FIELD_RE = re.compile(
    r"(?:(?P<area1>0(?:10|2[0-9]|[3-9][0-9]{2}))[ -]?|"
    r"(?P<open>[(（])(?P<area2>0(?:10|2[0-9]|[3-9][0-9]{2}))(?P<close>[)）])[ ]?)"
    r"(?P<local>[2-9*][0-9*]{2,3}[ -]?[0-9]{4})(?P<ext>[-转][0-9]{1,5})?"
)
_DIGITS_RE = re.compile(
    _NB + r"[0-9]{3,8}(?:[ -][0-9]{3,8}){1,5}" + _NA + r"|" + _NB + r"[0-9]{12,19}" + _NA
)
_NOT_DIGIT_RE = re.compile(r"[^0-9]")
_RUN_RE = re.compile(r"[0-9]{3,}")
_WINDOW_MARGIN = 20  # > any prefix before a digit run, and ≥ a credit code's length
_MIN_DIGITS = 10  # the shortest numeric hit (a landline, 3 + 7 digits)
_SEPARATORS_RE = re.compile(r"[ -]")

_ID_LABEL_RE = re.compile(r"(身份证|身份号码|证件号|公民身份)")
_CREDIT_LABEL_RE = re.compile(r"(信用代码|社会信用)")
_REG_NO_LABEL_RE = re.compile(r"(注册号|登记号|编号|文号|案号|单号|流水号|批号)")
_BANK_LABEL_RE = re.compile(r"(账号|帐号|账户|帐户|卡号|银行|开户|户名|汇款|转账|收款)")
_SERIAL_LABEL_RE = re.compile(r"(编号|单号|案号|文号|流水号|订单|工单|批号|序号|代码)")
_DATE_PREFIX_RE = re.compile(
    r"(?:19[89][0-9]|20[0-9]{2})(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
)

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
_NAME = r"[" + _CJK + r"]{2,4}(?:[·•][" + _CJK + r"]{1,10})?"
_NAME_LABELS = (
    "姓名",
    "当事人",
    "申请人",
    "被申请人",
    "被处罚人",
    "违法行为人",
    "违法嫌疑人",
    "举报人",
    "投诉人",
    "信访人",
    "来访人",
    "受害人",
    "被害人",
    "法定监护人",
    "监护人",
    "驾驶人",
    "经营者",
    "当事人姓名",
)
_LABELLED_NAME_RE = re.compile(
    r"(?:" + "|".join(sorted(_NAME_LABELS, key=len, reverse=True)) + r")"
    r"[ \t]*[:：][ \t]*"
    r"(?P<names>" + _NAME + r"(?:、" + _NAME + r"(?![:：]))*)"
    r"(?=[，,、。；;：:（(）)\s]|男|女|性别|$)"
)
_NAME_RE = re.compile(_NAME)
# Endings that mark an organisation rather than a person (characters common in given names,
# such as 会, 行, 园, 庄, 社, 院, are only listed inside longer words).
_ORG_SUFFIX_RE = re.compile(
    r"(公司|店|厂|中心|局|委|所|馆|站|处|队|场|铺|坊|吧|厅|部门|学校|小学|中学|大学|政府|街道|"
    r"办事处|合作社|旅行社|报社|集团|银行|商行|车行|医院|法院|学院|研究院|协会|商会|学会|"
    r"委员会|工会|超市|市场|酒楼|餐厅|诊所|药房|门诊|幼儿园|公园|农庄|山庄|工作室)$"
)
_ADDRESS_LABELS = (
    "住址",
    "家庭住址",
    "现住址",
    "户籍地址",
    "户籍所在地",
    "现居住地",
    "居住地",
    "居住地址",
    "家庭地址",
    "联系地址",
    "送达地址",
    "户籍地",
)
_LABELLED_ADDRESS_RE = re.compile(
    r"(?:" + "|".join(sorted(_ADDRESS_LABELS, key=len, reverse=True)) + r")"
    r"[ \t]*[:：][ \t]*(?P<address>[^，,。；;\s（()）]{4,})"
)
# One administrative or road level: 1–12 characters (no digits) ending with a level suffix.
_ADDRESS_LEVEL_RE = re.compile(
    r"[^0-9０-９\s，,。；;*]{1,12}?"
    r"(?:街道|社区|大道|胡同|自治区|自治州|自治县|地区|省|市(?!场)|州|盟|县|旗|镇|乡|村|"
    r"(?<!小)(?<!校)(?<!景)区|路(?!口)|街|巷|弄|道)"
)


def _today_cn() -> date:
    from fazhi.core import clock

    return clock.today()


# --------------------------------------------------------------------------------------------
# masks for single values
# --------------------------------------------------------------------------------------------


def mask_id_number(value: str) -> str:
    """Mask an ID number: 18 → first 6 + 8×``*`` + last 4; 15 → first 6 + 6×``*`` + last 3.

    ``43010219800101123X`` → ``430102********123X``. Other lengths (a malformed field value)
    keep only the last 4 characters. Already-masked values come back unchanged.
    """
    text = value.strip()
    if len(text) == 18:
        return text[:6] + "*" * 8 + text[14:]
    if len(text) == 15:
        return text[:6] + "*" * 6 + text[12:]
    return _keep_last(text, 4)


def _keep_last(text: str, keep: int) -> str:
    chars = [c for c in text if c.isalnum() or c == "*"]
    if len(chars) <= keep:
        return "*" * len(chars)
    return "*" * (len(chars) - keep) + "".join(chars[-keep:])


def mask_phone(value: str) -> str:
    """Mask a phone number: mobile ``138****5678``; landline ``0731-****7890``.

    Anything else keeps its last 4 digits.
    """
    text = value.strip()
    match = _MOBILE_FIELD_RE.fullmatch(text)
    if match:
        return _mask_mobile(match)
    match = _LANDLINE_FIELD_RE.fullmatch(text)
    if match:
        return _mask_landline(match)
    return _keep_last(text, 4)


def _mask_mobile(match: re.Match[str]) -> str:
    number = _SEPARATORS_RE.sub("", match.group("number"))
    prefix = _SEPARATORS_RE.sub("", match.group("prefix") or "").replace("＋", "+")
    return f"{prefix}{number[:3]}****{number[-4:]}"


def _mask_landline(match: re.Match[str]) -> str:
    local = _SEPARATORS_RE.sub("", match.group("local"))
    masked_local = "*" * (len(local) - 4) + local[-4:]
    ext = match.group("ext") or ""
    if match.group("area1"):
        rest = match.group(0)[len(match.group("area1"))]
        sep = rest if rest in " -" else ""
        return f"{match.group('area1')}{sep}{masked_local}{ext}"
    return f"{match.group('open')}{match.group('area2')}{match.group('close')}{masked_local}{ext}"


def mask_bank_account(value: str) -> str:
    """Keep the last 4 digits: ``6222 0212 3456 7890 123`` → ``***************0123``."""
    return _keep_last(value.strip(), 4)


def mask_name(name: str) -> str:
    """Keep the surname, replace every other character with 某 (practice for 决定书 publicity).

    ``张三`` → ``张某``; ``张三丰`` → ``张某某``; ``欧阳小明`` → ``欧阳某某`` (复姓 kept for
    names of 3+ characters); ``阿依·古丽`` → ``阿某·某某``. Non-CJK names keep their first
    letter: ``Smith`` → ``S某``. Idempotent: ``张某`` stays ``张某``.
    """
    text = name.strip()
    if len(text) < 2:
        return text
    if not re.match("[" + _CJK + "]", text):
        return text[0] + "某"
    keep = 2 if len(text) >= 3 and text[:2] in COMPOUND_SURNAMES else 1
    rest = "".join(c if c in "·• " else "某" for c in text[keep:])
    return text[:keep] + rest


def mask_address(address: str) -> str:
    """Keep an address down to the road/street level, then ``****``.

    ``长沙市芙蓉区五一大道123号4栋501室`` → ``长沙市芙蓉区五一大道****``;
    ``芙蓉区定王台街道马王街12号`` → ``芙蓉区定王台街道马王街****``;
    ``某某小区3栋`` (no level at all) → ``****``. Idempotent.
    """
    text = address.strip()
    pos = 0
    while True:
        match = _ADDRESS_LEVEL_RE.match(text, pos)
        if match is None or match.end() == pos:
            break
        pos = match.end()
    if pos == len(text):
        return text
    return text[:pos] + _MASK


# --------------------------------------------------------------------------------------------
# detection
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    """Personal data found in a text: ``kind``, span ``[start, end)``, the text and its mask."""

    kind: HitKind
    start: int
    end: int
    text: str
    masked: str

    @property
    def span(self) -> tuple[int, int]:
        """``(start, end)``, as ``re.Match.span()``."""
        return (self.start, self.end)


def _before(text: str, start: int, width: int = 12) -> str:
    return text[max(0, start - width) : start]


def _plausible_birth(year: int, month: int, day: int, today: date) -> bool:
    try:
        born = date(year, month, day)
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= today


def _digit_windows(text: str) -> list[tuple[int, int]]:
    """Regions worth scanning for numbers: runs of 3+ digits, widened and merged.

    Every numeric detector needs at least 10 digits in runs of 3 or more, within a few
    characters of each other, so windows with fewer digits are skipped. The margin also covers
    prefixes (``+86``, ``(``) and a whole 18-character credit code around a run. Scanning only
    these windows keeps :func:`find_personal_data` fast on long pages with few numbers.
    """
    windows: list[list[int]] = []
    size = len(text)
    for match in _RUN_RE.finditer(text):
        start, end = max(0, match.start() - _WINDOW_MARGIN), min(size, match.end() + _WINDOW_MARGIN)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
            windows[-1][2] += match.end() - match.start()
        else:
            windows.append([start, end, match.end() - match.start()])
    return [(start, end) for start, end, digits in windows if digits >= _MIN_DIGITS]


def _credit_spans(text: str, today: date, pos: int, endpos: int) -> list[tuple[int, int]]:
    """Spans of valid 统一社会信用代码 (GB 32100), which must stay visible."""
    spans = []
    for match in _CREDIT_RE.finditer(text, pos, endpos):
        code = match.group(0)
        if check_credit_code(code):
            # an invalid code still counts as a credit code right after its label
            if not _CREDIT_LABEL_RE.search(_before(text, match.start())):
                continue
        elif code[:17].isdigit() and code[17] in "0123456789X":
            # all-digit: could also be an ID number; an ID label and a valid ID check win
            if (
                _ID_LABEL_RE.search(_before(text, match.start()))
                and id_check_char(code[:17]) == code[17]
                and _plausible_birth(int(code[6:10]), int(code[10:12]), int(code[12:14]), today)
            ):
                continue
        spans.append(match.span())
    return spans


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _candidates(
    text: str, names: Iterable[str], addresses: Iterable[str], today: date
) -> tuple[list[tuple[int, int]], list[tuple[int, Hit]]]:
    """Protected spans (credit codes) and all raw hits with a priority (lower wins)."""
    found: list[tuple[int, Hit]] = []
    protected: list[tuple[int, int]] = []

    def add(priority: int, kind: HitKind, start: int, end: int, masked: str) -> None:
        original = text[start:end]
        if masked != original:
            found.append((priority, Hit(kind, start, end, original, masked)))

    for w_start, w_end in _digit_windows(text):
        protected.extend(_credit_spans(text, today, w_start, w_end))
        for m in _ID18_RE.finditer(text, w_start, w_end):
            birth = m.group("birth")
            if m.group("addr")[:2] in _PROVINCES and _plausible_birth(
                int(birth[:4]), int(birth[4:6]), int(birth[6:]), today
            ):
                add(1, "id_number", m.start(), m.end(), mask_id_number(m.group(0)))
        for m in _ID15_RE.finditer(text, w_start, w_end):
            birth = m.group("birth")
            if (
                m.group("addr")[:2] in _PROVINCES
                and _plausible_birth(1900 + int(birth[:2]), int(birth[2:4]), int(birth[4:]), today)
                and not _REG_NO_LABEL_RE.search(_before(text, m.start()))
                and not _BANK_LABEL_RE.search(_before(text, m.start(), 16))
            ):
                add(2, "id_number", m.start(), m.end(), mask_id_number(m.group(0)))
        for m in _MOBILE_RE.finditer(text, w_start, w_end):
            add(3, "phone", m.start(), m.end(), _mask_mobile(m))
        for m in _LANDLINE_RE.finditer(text, w_start, w_end):
            add(3, "phone", m.start(), m.end(), _mask_landline(m))
        for m in _DIGITS_RE.finditer(text, w_start, w_end):
            digits = _NOT_DIGIT_RE.sub("", m.group(0))
            if not 12 <= len(digits) <= 19:
                continue
            before = _before(text, m.start(), 16)
            labelled = _BANK_LABEL_RE.search(before) is not None
            if not labelled:
                if (
                    len(digits) < 16
                    or not _luhn_ok(digits)
                    or _DATE_PREFIX_RE.match(digits)
                    or _SERIAL_LABEL_RE.search(_before(text, m.start(), 8))
                ):
                    continue
            add(4, "bank_account", m.start(), m.end(), mask_bank_account(m.group(0)))
    for m in _LABELLED_NAME_RE.finditer(text):
        for n in _NAME_RE.finditer(text, m.start("names"), m.end("names")):
            if not _ORG_SUFFIX_RE.search(n.group(0)):
                add(5, "person_name", n.start(), n.end(), mask_name(n.group(0)))
    for m in _LABELLED_ADDRESS_RE.finditer(text):
        add(5, "address", m.start("address"), m.end("address"), mask_address(m.group("address")))
    explicit: tuple[tuple[HitKind, Iterable[str], Any], ...] = (
        ("person_name", names, mask_name),
        ("address", addresses, mask_address),
    )
    for kind, values, masker in explicit:
        for value in sorted(
            {v.strip() for v in values if v and len(v.strip()) >= 2}, key=len, reverse=True
        ):
            masked = masker(value)
            if masked == value:
                continue
            start = text.find(value)
            while start != -1:
                add(6, kind, start, start + len(value), masked)
                start = text.find(value, start + len(value))
    return protected, found


def find_personal_data(
    text: str,
    *,
    names: Iterable[str] = (),
    addresses: Iterable[str] = (),
    today: date | None = None,
) -> list[Hit]:
    """Personal data in ``text`` that :func:`redact_text` would mask, in text order.

    Overlapping detections are resolved: a protected 统一社会信用代码 blocks everything it
    covers; otherwise the longer span wins, then the more specific kind (ID before phone
    before bank account before names/addresses). ``today`` bounds plausible birth dates.
    """
    if not text:
        return []
    protected, candidates = _candidates(text, names, addresses, today or _today_cn())
    candidates.sort(key=lambda ph: (-(ph[1].end - ph[1].start), ph[0], ph[1].start))
    taken: list[tuple[int, int]] = list(protected)
    hits: list[Hit] = []
    losers: list[Hit] = []
    for _priority, hit in candidates:
        if any(hit.start < end and start < hit.end for start, end in taken):
            losers.append(hit)
            continue
        taken.append((hit.start, hit.end))
        hits.append(hit)
    # A loser that sticks out of the winners would leave a fragment (e.g. a landline's local
    # number whose area code went into an address): mask the fragment outside the winners.
    for loser in losers:
        for start, end in _uncovered(loser.start, loser.end, taken):
            fragment = text[start:end]
            masked = _mask_fragment(loser.kind, fragment)
            if masked != fragment:
                taken.append((start, end))
                hits.append(Hit(loser.kind, start, end, fragment, masked))
    return sorted(hits, key=lambda h: h.start)


def _uncovered(start: int, end: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Parts of ``[start, end)`` not covered by ``spans``."""
    parts = [(start, end)]
    for s_start, s_end in spans:
        next_parts = []
        for p_start, p_end in parts:
            if s_end <= p_start or p_end <= s_start:
                next_parts.append((p_start, p_end))
                continue
            if p_start < s_start:
                next_parts.append((p_start, s_start))
            if s_end < p_end:
                next_parts.append((s_end, p_end))
        parts = next_parts
    return parts


def _mask_fragment(kind: HitKind, fragment: str) -> str:
    if kind == "person_name":
        return "".join("某" if re.match("[" + _CJK + "]", c) else c for c in fragment)
    if kind == "address":
        return _MASK if fragment.strip("*") else fragment
    return "".join("*" if c.isalnum() else c for c in fragment)


def redact_text(
    text: str,
    *,
    names: Iterable[str] = (),
    addresses: Iterable[str] = (),
    today: date | None = None,
) -> str:
    """Mask every personal datum :func:`find_personal_data` finds (rules: module docstring).

    ``names`` and ``addresses`` (natural persons' names and home addresses known from the
    record) are replaced wherever they appear. Idempotent: the pass is repeated until
    :func:`find_personal_data` finds nothing (at most a few passes; one in practice).
    """
    if not text:
        return text
    names, addresses = list(names), list(addresses)
    # One pass masks everything found; when detections overlapped (e.g. digits run together),
    # masking the winner can expose the loser, so repeat until nothing is found (bounded).
    for _ in range(_MAX_PASSES):
        hits = find_personal_data(text, names=names, addresses=addresses, today=today)
        if not hits:
            break
        parts: list[str] = []
        pos = 0
        for hit in hits:
            parts.append(text[pos : hit.start])
            parts.append(hit.masked)
            pos = hit.end
        parts.append(text[pos:])
        text = "".join(parts)
    return text


def _mask_value(kind: str, value: Any) -> Any:
    if value is None or kind in ("keep", "legal_person_name", "credit_code"):
        return value
    text = value if isinstance(value, str) else str(value)
    if not text.strip():
        return value
    if kind == "person_name":
        return mask_name(text)
    if kind == "id_number":
        return mask_id_number(text)
    if kind == "phone":
        return mask_phone(text)
    if kind == "address":
        return mask_address(text)
    if kind == "bank_account":
        return mask_bank_account(text)
    raise AssertionError(kind)  # pragma: no cover - kinds are checked by redact_record


def redact_record(
    record: Mapping[str, Any],
    schema: Mapping[str, str],
    *,
    names: Iterable[str] = (),
    addresses: Iterable[str] = (),
    strict: bool = False,
    today: date | None = None,
) -> dict[str, Any]:
    """Return a copy of ``record`` with each field masked according to ``schema``.

    ``schema`` maps field → kind, one of :data:`FIELD_KINDS`: ``person_name``,
    ``id_number``, ``phone``, ``address``, ``bank_account`` (masked as in the module
    docstring), ``legal_person_name``, ``credit_code``, ``keep`` (unchanged) and ``free_text``
    (the :func:`redact_text` pass). Names in the record's ``person_name`` fields and addresses
    in its ``address`` fields are also masked wherever they appear in its ``free_text`` fields.

    A field missing from ``schema`` gets the ``free_text`` pass (deny by default), or raises
    ``KeyError`` when ``strict``. An unknown kind raises ``ValueError``. ``None`` stays
    ``None``; a non-string free-text value is returned unchanged unless the pass masks
    something in its string form.
    """
    unknown = {k for k in schema.values() if k not in FIELD_KINDS}
    if unknown:
        raise ValueError(f"unknown redaction kind(s): {sorted(unknown)}")
    if strict:
        missing = [f for f in record if f not in schema]
        if missing:
            raise KeyError(f"fields without a redaction kind: {missing}")
    all_names = list(names)
    all_addresses = list(addresses)
    for key, value in record.items():
        kind = schema.get(key)
        if isinstance(value, str) and value.strip():
            if kind == "person_name":
                all_names.append(value)
            elif kind == "address":
                all_addresses.append(value)
    result: dict[str, Any] = {}
    for key, value in record.items():
        kind = schema.get(key, "free_text")
        if kind == "free_text":
            if value is None:
                result[key] = value
                continue
            text = value if isinstance(value, str) else str(value)
            redacted = redact_text(text, names=all_names, addresses=all_addresses, today=today)
            result[key] = redacted if (isinstance(value, str) or redacted != text) else value
        else:
            result[key] = _mask_value(kind, value)
    return result
