"""K9 — personal data exposed on pages (ID numbers with a valid GB 11643 check digit, mobile
numbers). Evidence is always masked.

Detection reuses :func:`fazhi.core.redaction.find_personal_data` and
:func:`fazhi.core.identity.check_id_number` (pure Python, no Django). A minimal fallback with the
same interface keeps the engine usable on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..findings import Finding, snippet
from ..page import Page
from . import CheckContext

try:  # the platform's shared detectors
    from fazhi.core.identity import check_id_number as _check_id_number
    from fazhi.core.redaction import find_personal_data as _find_personal_data
except ImportError:  # pragma: no cover - exercised only when core is absent
    _find_personal_data = None
    _check_id_number = None

_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_C = "10X98765432"
_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


@dataclass(frozen=True)
class _Hit:
    kind: str
    start: int
    end: int
    text: str
    masked: str


def _valid_id(s: str, today: dt.date) -> bool:
    if _check_id_number is not None:
        return not _check_id_number(s, today=today)
    if sum(int(c) * w for c, w in zip(s[:17], _W, strict=True)) % 11 != _C.index(s[17].upper()):
        return False
    try:
        birth = dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= birth <= today


def find_hits(text: str, today: dt.date) -> list[_Hit]:
    """ID-number and mobile hits in ``text`` (IDs only with a valid check digit)."""
    hits: list[_Hit] = []
    if _find_personal_data is not None:
        for h in _find_personal_data(text, today=today):
            digits = re.sub(r"\D", "", h.text)
            if h.kind == "id_number":
                if len(h.text) == 18 and _valid_id(h.text, today):
                    hits.append(_Hit("id_number", h.start, h.end, h.text, h.masked))
            elif h.kind == "phone":
                if digits.startswith("86") and len(digits) == 13:
                    digits = digits[2:]
                if len(digits) == 11 and digits[0] == "1":
                    hits.append(_Hit("phone", h.start, h.end, h.text, h.masked))
        return hits
    for m in _ID.finditer(text):
        if _valid_id(m.group(0), today):
            s = m.group(0)
            hits.append(_Hit("id_number", m.start(), m.end(), s, s[:6] + "********" + s[-4:]))
    for m in _MOBILE.finditer(text):
        s = m.group(0)
        if any(h.start <= m.start() < h.end for h in hits):
            continue
        hits.append(_Hit("phone", m.start(), m.end(), s, s[:3] + "****" + s[-4:]))
    return hits


_LONG_DIGITS = re.compile(r"\d{7,}[\dXx]?")


def _scrub(text: str) -> str:
    """Mask any other long digit run left in a snippet (typos of IDs are personal data too)."""
    return _LONG_DIGITS.sub(lambda m: "*" * (len(m.group(0)) - 4) + m.group(0)[-4:], text)


def check(page: Page, ctx: CheckContext) -> list[Finding]:
    """One finding per distinct exposed number on the page."""
    text = page.visible_text
    if not text:
        return []
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    hits = sorted(find_hits(text, ctx.as_of), key=lambda h: h.start)
    # mask every hit first so that no snippet shows a neighbouring number in clear
    pieces: list[str] = []
    new_start: list[int] = []
    pos = 0
    length = 0
    for h in hits:
        pieces.append(text[pos : h.start])
        length += h.start - pos
        new_start.append(length)
        pieces.append(h.masked)
        length += len(h.masked)
        pos = h.end
    pieces.append(text[pos:])
    masked_text = "".join(pieces)
    for h, ns in zip(hits, new_start, strict=True):
        if (h.kind, h.masked) in seen:
            continue
        seen.add((h.kind, h.masked))
        ctx_snip = _scrub(snippet(masked_text, ns, ns + len(h.masked), 12))
        if h.kind == "id_number":
            out.append(
                Finding(
                    url=page.url,
                    rule_id="PRIV.id_number",
                    indicator="隐私-个人信息保护法",
                    severity="high",
                    evidence=f"公民身份号码 {h.masked}（校验位有效）— {ctx_snip}",
                    needs_confirmation=True,
                    key=h.masked,
                )
            )
        else:
            out.append(
                Finding(
                    url=page.url,
                    rule_id="PRIV.phone",
                    indicator="隐私-个人信息保护法",
                    severity="medium",
                    evidence=f"手机号码 {h.masked} — {ctx_snip}",
                    needs_confirmation=True,
                    key=h.masked,
                )
            )
    return out
