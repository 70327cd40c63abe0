"""GB/T 2260 行政区划代码 (administrative division codes) for the demo area.

What is shipped (``core/data/``):

* ``divisions_430000.csv`` — 430000 湖南省 → 430100 长沙市 → 430102 芙蓉区 and its siblings
  (430103 天心区, 430104 岳麓区, 430105 开福区, 430111 雨花区, 430112 望城区, 430121 长沙县,
  430181 浏阳市, 430182 宁乡市), plus the **former** codes 430122 望城县 (now 430112 望城区)
  and 430124 宁乡县 (now 430182 宁乡市). Former codes stay known because a 公民身份号码 keeps
  the address code in force *when it was assigned* (GB 11643-1999 §4.2.1; standards.md §3.3);
* ``divisions_provinces.csv`` — the 34 province-level codes (XX0000), so that an ID number or
  credit code from elsewhere can at least be named by its province.

Structure of a code (GB/T 2260): two digits province, two digits prefecture (地级), two digits
county (县级). ``XX0000`` is a province, ``XXXX00`` a prefecture, anything else a county-level
division. Middle digits ``90`` mark county-level divisions directly under the province
(省直辖县级行政区划), whose parent is the province.

⚠ **Edition unconfirmed.** GB/T 2260-2007 is cited in public code, and 民政部 publishes
periodic updates to the codes; the current edition has not been checked (standards.md §3.4).
The data above is ☑ — consistent across several public datasets. 街道 and 社区 codes (9 or
12 digits, the statistics division codes) are not part of GB/T 2260 and are not handled here.

Pure Python: no Django import. The tables load lazily, once.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

__all__ = [
    "Division",
    "children",
    "division_name",
    "full_name",
    "get_division",
    "is_current",
    "is_known",
    "is_valid_format",
    "level_of",
    "parent",
    "province_name",
    "successor",
]

Level = Literal["province", "prefecture", "county"]

_CODE_RE = re.compile(r"[0-9]{6}")
_DATA_FILES = ("divisions_provinces.csv", "divisions_430000.csv")


@dataclass(frozen=True, slots=True)
class Division:
    """One GB/T 2260 division as shipped in ``core/data``.

    ``status`` is ``"current"`` or ``"former"``; a former division names its ``successor``
    (e.g. 430122 望城县 → 430112 望城区).
    """

    code: str
    name: str
    level: Level
    parent: str | None
    status: Literal["current", "former"]
    successor: str | None = None
    note: str = ""

    @property
    def is_current(self) -> bool:
        """True when the code is in force in the shipped edition (⚠ edition unconfirmed)."""
        return self.status == "current"


def is_valid_format(code: str) -> bool:
    """True when ``code`` is six ASCII digits (GB/T 2260 county-level code shape)."""
    return isinstance(code, str) and _CODE_RE.fullmatch(code) is not None


def _check(code: str) -> str:
    if not is_valid_format(code):
        raise ValueError(f"行政区划代码应为6位数字，实际为 {code!r} (must be 6 digits)")
    return code


@cache
def _table() -> dict[str, Division]:
    table: dict[str, Division] = {}
    base = resources.files("fazhi.core") / "data"
    for filename in _DATA_FILES:
        text = (base / filename).read_text(encoding="utf-8")
        for row in csv.DictReader(io.StringIO(text)):
            code = _check(row["code"].strip())
            if code in table:
                raise ValueError(f"duplicate division code {code} in {filename}")
            table[code] = Division(
                code=code,
                name=row["name"].strip(),
                level=row["level"].strip(),  # type: ignore[arg-type]
                parent=row["parent"].strip() or None,
                status=row["status"].strip(),  # type: ignore[arg-type]
                successor=row["successor"].strip() or None,
                note=row["note"].strip(),
            )
    return table


def level_of(code: str) -> Level:
    """Level implied by the code's shape (GB/T 2260): ``XX0000`` province, ``XXXX00`` prefecture."""
    _check(code)
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "prefecture"
    return "county"


def get_division(code: str) -> Division | None:
    """The shipped record for ``code``, or ``None`` when it is not in the tables."""
    return _table().get(_check(code))


def is_known(code: str) -> bool:
    """True when ``code`` is in the shipped tables (current *or* former).

    Returns False (never raises) for malformed input, so callers can use it as a flag.
    """
    return is_valid_format(code) and code in _table()


def is_current(code: str) -> bool:
    """True when ``code`` is known and in force; former codes (430122 望城县) give False."""
    division = _table().get(code) if is_valid_format(code) else None
    return division is not None and division.is_current


def division_name(code: str) -> str | None:
    """Name of the division (``"芙蓉区"`` for 430102), or ``None`` when unknown.

    Raises ``ValueError`` when ``code`` is not six digits.
    """
    division = get_division(code)
    return division.name if division else None


def parent(code: str) -> str | None:
    """Parent code by GB/T 2260 structure: county → prefecture → province → ``None``.

    The shipped parent is used when known; otherwise it is derived from the code's shape.
    County-level codes whose middle digits are ``90`` (省直辖县级行政区划) belong to the
    province directly.
    """
    division = get_division(code)
    if division is not None:
        return division.parent
    level = level_of(code)
    if level == "province":
        return None
    if level == "prefecture" or code[2:4] == "90":
        return code[:2] + "0000"
    return code[:4] + "00"


def children(code: str, *, include_former: bool = False) -> list[str]:
    """Known child codes of ``code`` in code order (current only unless ``include_former``)."""
    _check(code)
    return sorted(
        d.code for d in _table().values() if d.parent == code and (include_former or d.is_current)
    )


def successor(code: str) -> str | None:
    """For a former code, the code that replaced it (430124 → 430182); else ``None``."""
    division = get_division(code)
    return division.successor if division else None


def province_name(code: str) -> str | None:
    """Name of the province the code belongs to (first two digits), or ``None``."""
    return division_name(_check(code)[:2] + "0000")


def full_name(code: str) -> str | None:
    """Concatenated names from province down, e.g. ``"湖南省长沙市芙蓉区"`` for 430102.

    Returns ``None`` when ``code`` itself is unknown; unknown ancestors are skipped.
    """
    if get_division(code) is None:
        return None
    names: list[str] = []
    current: str | None = code
    while current is not None:
        name = division_name(current)
        if name:
            names.append(name)
        current = parent(current)
    return "".join(reversed(names))
