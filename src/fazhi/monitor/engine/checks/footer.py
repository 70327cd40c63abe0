"""Footer and filing identifiers on the homepage (国办发〔2017〕47号 网页设计规范): the ICP
filing number, the public-security filing number and the 网站标识码.

* ICP: ``湘ICP备05001234号`` (optionally ``-1``): a province abbreviation, eight digits. The
  abbreviation must be the site's province (from the first two digits of its 网站标识码, a
  GB/T 2260 code); a registered number (identity ``icp``) must match exactly.
* 公安备案: ``湘公网安备 43010202000123号``: fourteen digits, the first six a division code of
  the site's province; a registered number (identity ``psb``) must match exactly.
* 网站标识码: ten characters (a six-digit division code and four digits, or ``bm`` and eight
  digits for a State Council department) and equal to the registered code.

Missing, malformed or different: one finding each. Only the homepage is checked — the footer
is the same template on every page.
"""

from __future__ import annotations

import re

from ..findings import Finding
from ..page import Page
from ..urls import normalise_url
from . import CheckContext

#: GB/T 2260 province prefix → abbreviations used in filing numbers. Sichuan, Guizhou, Yunnan and
#: Gansu are filed as 蜀/黔/滇/陇 at the MIIT and as 川/贵/云/甘 by public security in some
#: places; both forms are accepted (⚠ not checked against the MIIT's own list).
PROVINCES: dict[str, tuple[str, ...]] = {
    "11": ("京",), "12": ("津",), "13": ("冀",), "14": ("晋",), "15": ("蒙",), "21": ("辽",),
    "22": ("吉",), "23": ("黑",), "31": ("沪",), "32": ("苏",), "33": ("浙",), "34": ("皖",),
    "35": ("闽",), "36": ("赣",), "37": ("鲁",), "41": ("豫",), "42": ("鄂",), "43": ("湘",),
    "44": ("粤",), "45": ("桂",), "46": ("琼",), "50": ("渝",), "51": ("蜀", "川"),
    "52": ("黔", "贵"), "53": ("滇", "云"), "54": ("藏",), "61": ("陕",), "62": ("陇", "甘"),
    "63": ("青",), "64": ("宁",), "65": ("新",),
}  # fmt: skip
_ABBR = "".join(sorted({a for v in PROVINCES.values() for a in v}))
ICP = re.compile(rf"([{_ABBR}])ICP备(\d{{8}})号(?:-(\d+))?", re.I)
ICP_ANY = re.compile(r"ICP\s*[备證证]?\s*[:：]?\s*[^\s，,。]{0,20}", re.I)
PSB = re.compile(rf"([{_ABBR}])公网安备\s*(\d{{14}})\s*号")
PSB_ANY = re.compile(r"公网安备[^\s，,。]{0,24}")
SITECODE = re.compile(r"网站标识码\s*[:：]?\s*([0-9A-Za-z]{6,14})")
SITECODE_SHAPE = re.compile(r"^(?:\d{10}|bm\d{8})$", re.I)
INDICATOR = "47-网页设计规范"


def _finding(page: Page, rule: str, evidence: str, key: str) -> Finding:
    return Finding(page.url, rule, INDICATOR, "medium", evidence, key=key)


def _province(code: str) -> tuple[str, ...]:
    return PROVINCES.get(code[:2], ()) if code[:2].isdigit() else ()


def check(page: Page, ctx: CheckContext) -> list[Finding]:
    """Identifier findings for the homepage (nothing for other pages)."""
    site = ctx.site
    if not page.is_html or page.url != (normalise_url(site.homepage) or site.homepage):
        return []
    ident = site.identity
    text = page.footer_text or "\n".join(page.lines[-15:])
    own = _province(ident.site_id_code)
    out: list[Finding] = []

    m = ICP.search(text)
    if m:
        number = m.group(0)
        if own and m.group(1) not in own:
            out.append(_finding(page, "FOOT.icp_malformed",
                                f"ICP 备案号「{number}」的省份简称「{m.group(1)}」与网站所在省份"
                                f"（{'/'.join(own)}）不符", "icp-province"))  # fmt: skip
        elif (
            ident.icp
            and number.upper() != ident.icp.upper()
            and not number.upper().startswith(ident.icp.upper())
        ):
            out.append(_finding(page, "FOOT.icp_malformed",
                                f"ICP 备案号「{number}」与登记的「{ident.icp}」不一致", "icp-registered"))  # fmt: skip
    elif ICP_ANY.search(text):
        shown = ICP_ANY.search(text).group(0)
        out.append(_finding(page, "FOOT.icp_malformed",
                            f"ICP 备案号格式不正确：「{shown}」（应为“湘ICP备12345678号”）", "icp-format"))  # fmt: skip
    else:
        out.append(_finding(page, "FOOT.icp_missing", "页面底部没有 ICP 备案编号", "icp-missing"))

    m = PSB.search(text)
    if m:
        number, digits = m.group(0), m.group(2)
        if own and (m.group(1) not in own or not digits.startswith(ident.site_id_code[:2])):
            out.append(_finding(page, "FOOT.psb_malformed",
                                f"公安机关备案号「{number}」不属于网站所在省份", "psb-province"))  # fmt: skip
        elif ident.psb and digits != re.sub(r"\D", "", ident.psb):
            out.append(_finding(page, "FOOT.psb_malformed",
                                f"公安机关备案号「{number}」与登记的「{ident.psb}」不一致", "psb-registered"))  # fmt: skip
    elif PSB_ANY.search(text):
        shown = PSB_ANY.search(text).group(0)
        out.append(_finding(page, "FOOT.psb_malformed",
                            f"公安机关备案号格式不正确：「{shown}」（应为 14 位数字）", "psb-format"))  # fmt: skip
    else:
        out.append(_finding(page, "FOOT.psb_missing", "页面底部没有公安机关备案号", "psb-missing"))

    m = SITECODE.search(text)
    if not m:
        out.append(
            _finding(page, "FOOT.sitecode_missing", "页面底部没有网站标识码", "sitecode-missing")
        )
    elif not SITECODE_SHAPE.match(m.group(1)):
        out.append(_finding(page, "FOOT.sitecode_mismatch",
                            f"网站标识码「{m.group(1)}」格式不正确（应为 10 位）", "sitecode-format"))  # fmt: skip
    elif ident.site_id_code and m.group(1).lower() != ident.site_id_code.lower():
        out.append(_finding(page, "FOOT.sitecode_mismatch",
                            f"网站标识码「{m.group(1)}」与登记的「{ident.site_id_code}」不一致",
                            "sitecode-registered"))  # fmt: skip
    return out
