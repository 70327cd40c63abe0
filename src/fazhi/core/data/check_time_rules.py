"""Loader and validator for the statutory time-limit registry (``time_rules.toml``).

The registry is data: one ``[[rule]]`` per time limit, each with one or more
``[[rule.version]]`` giving the text in force over a date range. This module parses it
(``tomllib``, standard library only — no Django), checks every field and raises
``ValueError`` naming the rule, the version and the field on the first problem found.

Public API:

- ``load_rules(path=None) -> list[dict]`` — parse and validate; returns the rules.
- ``load_conventions(path=None) -> list[dict]`` — the cross-cutting day-counting
  conventions (legal-rules.md §0 P2, P3, P4, P4W, P6), validated.
- ``version_on(rules, code, day) -> dict`` — the version of rule ``code`` (or alias) in
  force on ``day``; ``KeyError`` for an unknown code, ``LookupError`` if none was in force.
- ``select_version(versions, day, span)`` — the one rule of version selection, shared with
  the database registry (``fazhi.core.rules.version_on``).
- ``caveats(version, conventions) -> list[dict]`` — the conventions that are not
  confirmed for that version's law (e.g. P2's start-day rule applied to 公开条例 by
  analogy).

Run ``python -m fazhi.core.data.check_time_rules [path]`` to validate a file by hand.
The schema and every judgement call are explained in ``time_rules.md``.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

V = TypeVar("V")

DEFAULT_PATH = Path(__file__).with_name("time_rules.toml")

UNITS = frozenset({"WD", "CD", "MONTH", "YEAR", "ANNUAL", "NONE"})
EXTENSION_UNITS = frozenset({"WD", "CD", "MONTH"})
DOMAINS = frozenset(
    {
        "govservices",
        "enforcement",
        "legality",
        "oversight",
        "disputes",
        "governance",
        "reports",
        "core",
    }
)
MARKS = frozenset({"✅", "☑", "⚠"})
KINDS = frozenset({"deadline", "earliest"})

CODE_RE = re.compile(r"^[A-Z]{2}-[0-9]+[a-z]?$")
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
MONTH_DAY_RE = re.compile(r"^[0-9]{2}-[0-9]{2}$")

TOP_KEYS = {"schema_version": int, "convention": list, "rule": list}

RULE_FIELDS: dict[str, type] = {
    "code": str,
    "aliases": list,
    "name": str,
    "name_en": str,
    "domain": str,
    "matter": str,
    "version": list,
}

VERSION_FIELDS: dict[str, type] = {
    "valid_from": str,
    "valid_to": str,
    "law": str,
    "law_version": str,
    "article": str,
    "basis": str,
    "start_event": str,
    "length": int,
    "unit": str,
    "kind": str,
    "annual_month_day": str,
    "roll_forward": bool,
    "extension_max": int,
    "extension_unit": str,
    "extension_approver": str,
    "extension_notify": str,
    "pauses": list,
    "restart_on": list,
    "confirmed": str,
    "note": str,
    "source": str,
}

# Text fields that must say something (article may be "—" style placeholders, but not empty).
VERSION_REQUIRED_TEXT = (
    "law",
    "law_version",
    "article",
    "basis",
    "start_event",
    "confirmed",
    "note",
    "source",
)

# Column widths of core.models.TimeRule / TimeRuleVersion (PostgreSQL enforces them, SQLite
# does not): a longer string here would load on SQLite and fail on a real deployment.
MAX_LENGTHS: dict[str, int] = {
    "code": 20,
    "name": 100,
    "name_en": 200,
    "domain": 20,
    "matter": 60,
    "law": 100,
    "law_version": 100,
    "article": 100,
    "start_event": 200,
    "annual_month_day": 5,
    "extension_unit": 10,
    "extension_approver": 100,
    "extension_notify": 100,
    "source": 300,
}

CONVENTION_FIELDS: dict[str, type] = {
    "code": str,
    "rule": str,
    "source": str,
    "units": list,
    "roll_forward_only": bool,
    "confirmed_for": list,
    "mark": str,
    "otherwise": str,
    "note": str,
}


# --------------------------------------------------------------------------- helpers


def _where(rule_code: str | None, index: int | None = None, field: str | None = None) -> str:
    parts = [f"规则 {rule_code}" if rule_code else "登记表"]
    if index is not None:
        parts.append(f"第 {index + 1} 个版本")
    if field:
        parts.append(f"字段 {field}")
    return "，".join(parts)


def _parse_date(value: str, where: str) -> dt.date:
    if not DATE_RE.match(value):
        raise ValueError(f"{where}：日期应为 YYYY-MM-DD，实为 {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{where}：无效日期 {value!r}（{exc}）") from None


def _check_month_day(value: str, where: str) -> None:
    if not MONTH_DAY_RE.match(value):
        raise ValueError(f"{where}：annual_month_day 应为 MM-DD，实为 {value!r}")
    month, day = (int(x) for x in value.split("-"))
    try:
        # A non-leap year: 02-29 is refused, as the period engine (core/workcal) refuses it.
        dt.date(2001, month, day)
    except ValueError:
        raise ValueError(
            f"{where}：annual_month_day {value!r} 不是每年都有的月日（不得为 02-29）"
        ) from None


def _check_type(obj: dict, name: str, expected: type, where: str) -> Any:
    if name not in obj:
        raise ValueError(f"{where}：缺少字段 {name}")
    value = obj[name]
    # bool is a subclass of int: an int field must not accept True/False.
    if expected is int and isinstance(value, bool):
        raise ValueError(f"{where}：字段 {name} 应为整数，实为布尔值")
    if not isinstance(value, expected):
        raise ValueError(
            f"{where}：字段 {name} 应为 {expected.__name__}，实为 {type(value).__name__}"
        )
    return value


def _check_lengths(obj: dict, where: str) -> None:
    for name, limit in MAX_LENGTHS.items():
        value = obj.get(name)
        if isinstance(value, str) and len(value) > limit:
            raise ValueError(f"{where}，字段 {name}：长度 {len(value)} 超过数据库列宽 {limit}")


def _check_keys(obj: dict, allowed: Iterable[str], where: str) -> None:
    extra = sorted(set(obj) - set(allowed))
    if extra:
        raise ValueError(f"{where}：未知字段 {', '.join(extra)}")


def _check_str_list(values: list, field: str, where: str) -> None:
    for item in values:
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"{where}：{field} 的元素应为非空字符串，实为 {item!r}")
    if len(set(values)) != len(values):
        raise ValueError(f"{where}：{field} 有重复元素")


# --------------------------------------------------------------------------- validation


def _validate_version(code: str, index: int, v: Any) -> tuple[dt.date, dt.date | None]:
    where = _where(code, index)
    if not isinstance(v, dict):
        raise ValueError(f"{where}：版本应为表（table）")
    _check_keys(v, VERSION_FIELDS, where)
    for name, expected in VERSION_FIELDS.items():
        _check_type(v, name, expected, _where(code, index, name))
    for name in VERSION_REQUIRED_TEXT:
        if not v[name].strip():
            raise ValueError(f"{_where(code, index, name)}：不能为空")
    _check_lengths(v, where)

    start = _parse_date(v["valid_from"], _where(code, index, "valid_from"))
    end = None
    if v["valid_to"] != "":
        end = _parse_date(v["valid_to"], _where(code, index, "valid_to"))
        if end < start:
            raise ValueError(f"{where}：valid_from {v['valid_from']} 晚于 valid_to {v['valid_to']}")

    unit, length, kind = v["unit"], v["length"], v["kind"]
    if unit not in UNITS:
        raise ValueError(f"{_where(code, index, 'unit')}：单位 {unit!r} 不在 {sorted(UNITS)} 中")
    if kind not in KINDS:
        raise ValueError(f"{_where(code, index, 'kind')}：{kind!r} 不在 {sorted(KINDS)} 中")

    if unit == "NONE":
        if length != 0:
            raise ValueError(f"{where}：unit 为 NONE 时 length 必须为 0，实为 {length}")
        if v["roll_forward"]:
            raise ValueError(f"{where}：unit 为 NONE 时 roll_forward 应为 false")
    elif unit == "ANNUAL":
        if length < 1:
            raise ValueError(
                f"{where}：unit 为 ANNUAL 时 length 为届满年份距起始年份的年数，应 ≥ 1"
            )
    elif length == 0:
        raise ValueError(f"{where}：unit 为 {unit} 时 length 不能为 0（无期限请用 NONE）")

    if length < 0:
        if unit not in {"WD", "CD"}:
            raise ValueError(f"{where}：负数期间（事件之前）只用于 WD 或 CD，实为 {unit}")
        if kind != "deadline":
            raise ValueError(f"{where}：负数期间只能是 kind = deadline")

    if unit == "ANNUAL":
        if not v["annual_month_day"]:
            raise ValueError(f"{where}：unit 为 ANNUAL 时必须填写 annual_month_day")
        _check_month_day(v["annual_month_day"], _where(code, index, "annual_month_day"))
    elif v["annual_month_day"] != "":
        raise ValueError(f"{where}：只有 unit 为 ANNUAL 时才填写 annual_month_day")

    if unit == "WD" and not v["roll_forward"]:
        raise ValueError(
            f"{where}：工作日期间的 roll_forward 应为 true（对工作日无影响，统一取 true）"
        )

    ext = v["extension_max"]
    if ext < 0:
        raise ValueError(f"{_where(code, index, 'extension_max')}：不能为负数，实为 {ext}")
    if ext > 0:
        if unit in {"NONE", "ANNUAL"}:
            raise ValueError(f"{where}：unit 为 {unit} 时不能设延长")
        if v["extension_unit"] not in EXTENSION_UNITS:
            raise ValueError(
                f"{_where(code, index, 'extension_unit')}：有延长时应为 {sorted(EXTENSION_UNITS)} 之一，"
                f"实为 {v['extension_unit']!r}"
            )
    else:
        for name in ("extension_unit", "extension_approver", "extension_notify"):
            if v[name] != "":
                raise ValueError(f"{_where(code, index, name)}：extension_max 为 0 时应为空字符串")

    _check_str_list(v["pauses"], "pauses", where)
    _check_str_list(v["restart_on"], "restart_on", where)
    if unit in {"NONE", "ANNUAL"} and (v["pauses"] or v["restart_on"]):
        raise ValueError(f"{where}：unit 为 {unit} 时不能有 pauses 或 restart_on")

    mark = v["confirmed"]
    if mark not in MARKS:
        raise ValueError(f"{_where(code, index, 'confirmed')}：{mark!r} 不在 ✅ ☑ ⚠ 之中")
    if mark == "⚠" and "⚠" not in v["note"]:
        raise ValueError(f"{where}：标为 ⚠ 的版本须在 note 中以 ⚠ 写明未确认的原因")
    return start, end


def _validate_rule(r: Any, position: int) -> str:
    code_hint = r.get("code") if isinstance(r, dict) else None
    where = _where(code_hint if isinstance(code_hint, str) else f"#{position + 1}")
    if not isinstance(r, dict):
        raise ValueError(f"{where}：规则应为表（table）")
    _check_keys(r, RULE_FIELDS, where)
    for name, expected in RULE_FIELDS.items():
        _check_type(r, name, expected, f"{where}，字段 {name}")
    code = r["code"]
    if not CODE_RE.match(code):
        raise ValueError(f"{where}：编码 {code!r} 不符合格式 XX-数字[小写字母]")
    for alias in r["aliases"]:
        if not isinstance(alias, str) or not CODE_RE.match(alias):
            raise ValueError(f"{where}：别名 {alias!r} 不符合编码格式")
    for name in ("name", "name_en", "matter"):
        if not r[name].strip():
            raise ValueError(f"{where}，字段 {name}：不能为空")
    _check_lengths(r, where)
    if r["domain"] not in DOMAINS:
        raise ValueError(f"{where}，字段 domain：{r['domain']!r} 不在 {sorted(DOMAINS)} 中")
    versions = r["version"]
    if not versions:
        raise ValueError(f"{where}：至少需要一个 [[rule.version]]")

    spans = [_validate_version(code, i, v) for i, v in enumerate(versions)]
    # Versions must be listed in date order, touch end-to-start (no gap, no overlap);
    # only the last may be open-ended.
    for i in range(1, len(spans)):
        prev_start, prev_end = spans[i - 1]
        start, _ = spans[i]
        if start <= prev_start:
            raise ValueError(f"{where}：版本应按 valid_from 升序排列（第 {i + 1} 个版本）")
        if prev_end is None:
            raise ValueError(
                f"{where}：第 {i} 个版本未设 valid_to，与第 {i + 1} 个版本重叠（只有最后一个版本可以不设终止日）"
            )
        expected = prev_end + dt.timedelta(days=1)
        if start < expected:
            raise ValueError(f"{where}：第 {i} 个与第 {i + 1} 个版本重叠（{prev_end} ≥ {start}）")
        if start > expected:
            raise ValueError(
                f"{where}：第 {i} 个与第 {i + 1} 个版本之间有空档（{prev_end} 之后应从 {expected} 开始，实为 {start}）"
            )
    return code


def _validate_convention(c: Any, position: int) -> str:
    code_hint = c.get("code") if isinstance(c, dict) else None
    where = f"计算规则 {code_hint or '#' + str(position + 1)}"
    if not isinstance(c, dict):
        raise ValueError(f"{where}：应为表（table）")
    _check_keys(c, CONVENTION_FIELDS, where)
    for name, expected in CONVENTION_FIELDS.items():
        _check_type(c, name, expected, f"{where}，字段 {name}")
    for name in ("code", "rule", "source", "note"):
        if not c[name].strip():
            raise ValueError(f"{where}，字段 {name}：不能为空")
    _check_str_list(c["units"], "units", where)
    bad = sorted(set(c["units"]) - (UNITS - {"NONE", "ANNUAL"}))
    if bad or not c["units"]:
        raise ValueError(f"{where}：units 只能取 WD、CD、MONTH、YEAR，实为 {c['units']}")
    _check_str_list(c["confirmed_for"], "confirmed_for", where)
    for name in ("mark", "otherwise"):
        if c[name] not in MARKS:
            raise ValueError(f"{where}，字段 {name}：{c[name]!r} 不在 ✅ ☑ ⚠ 之中")
    return c["code"]


def _read(path: str | Path | None) -> dict:
    p = Path(path) if path is not None else DEFAULT_PATH
    try:
        with p.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{p}：TOML 语法错误：{exc}") from None
    _check_keys(data, TOP_KEYS, "登记表顶层")
    for name, expected in TOP_KEYS.items():
        if name in data and not isinstance(data[name], expected):
            raise ValueError(f"登记表顶层：{name} 应为 {expected.__name__}")
    if data.get("schema_version") != 1:
        raise ValueError(f"登记表顶层：schema_version 应为 1，实为 {data.get('schema_version')!r}")
    return data


def _validate_all(data: dict) -> tuple[list[dict], list[dict]]:
    conventions = data.get("convention", [])
    seen_conv: set[str] = set()
    for i, c in enumerate(conventions):
        code = _validate_convention(c, i)
        if code in seen_conv:
            raise ValueError(f"计算规则编码重复：{code}")
        seen_conv.add(code)

    rules = data.get("rule", [])
    if not rules:
        raise ValueError("登记表中没有任何 [[rule]]")
    seen: dict[str, str] = {}
    for i, r in enumerate(rules):
        code = _validate_rule(r, i)
        for key in (code, *r["aliases"]):
            if key in seen:
                owner = seen[key]
                raise ValueError(
                    f"编码重复：{key}（规则 {owner} 与规则 {code}，编码和别名必须全表唯一）"
                )
            seen[key] = code
    return rules, conventions


# --------------------------------------------------------------------------- public API


def load_rules(path: str | Path | None = None) -> list[dict]:
    """Parse ``time_rules.toml`` (or ``path``), validate every field, return the rules.

    Each rule is a dict with ``code``, ``aliases``, ``name``, ``name_en``, ``domain``,
    ``matter`` and ``version`` (a list of version dicts in date order). Dates stay ISO
    strings, exactly as in the file. Raises ``ValueError`` with a message naming the
    rule, the version and the field at fault.
    """
    rules, _ = _validate_all(_read(path))
    return rules


def load_conventions(path: str | Path | None = None) -> list[dict]:
    """Return the validated cross-cutting computation conventions (P2, P3, P4, P4W, P6)."""
    _, conventions = _validate_all(_read(path))
    return conventions


def _as_date(day: dt.date | str) -> dt.date:
    if isinstance(day, dt.datetime):
        return day.date()
    if isinstance(day, dt.date):
        return day
    if isinstance(day, str):
        return _parse_date(day, "version_on 的日期参数")
    raise TypeError(f"日期参数应为 datetime.date 或 'YYYY-MM-DD'，实为 {type(day).__name__}")


def find_rule(rules: list[dict], code: str) -> dict:
    """Return the rule whose code or alias is ``code``; ``KeyError`` if there is none."""
    for rule in rules:
        if rule["code"] == code or code in rule["aliases"]:
            return rule
    raise KeyError(f"未知的时限规则编码：{code}")


def select_version(
    versions: Iterable[V], day: dt.date, span: Callable[[V], tuple[dt.date, dt.date | None]]
) -> V | None:
    """The version in force on ``day``: ``valid_from <= day <= valid_to`` (``valid_to``
    ``None``: still in force); of several — a local tightening from a later date inside a
    statute's span — the one with the latest ``valid_from``. ``None`` when none was.

    The shipped file (version dicts) and the database (``TimeRuleVersion`` rows) both choose
    with this function, so a date never selects one version in the file and another in the
    database."""
    best: V | None = None
    best_start: dt.date | None = None
    for v in versions:
        start, end = span(v)
        if (
            start <= day
            and (end is None or day <= end)
            and (best_start is None or start > best_start)
        ):
            best, best_start = v, start
    return best


def _dict_span(v: dict) -> tuple[dt.date, dt.date | None]:
    end = v["valid_to"]
    return dt.date.fromisoformat(v["valid_from"]), dt.date.fromisoformat(end) if end else None


def version_on(rules: list[dict], code: str, day: dt.date | str) -> dict:
    """Return the version of rule ``code`` (code or alias) in force on ``day``.

    A version is in force from ``valid_from`` through ``valid_to`` inclusive
    (``valid_to == ""`` means still in force). Which day to pass is the caller's
    clock-start rule — normally the day of the start event (laws-2019.md §8); for
    ANNUAL rules, a day inside the reporting year (its 31 December).

    Raises ``KeyError`` (Chinese message) for an unknown code and ``LookupError`` when
    no version of the rule was in force on that day.
    """
    rule = find_rule(rules, code)
    when = _as_date(day)
    v = select_version(rule["version"], when, _dict_span)
    if v is not None:
        return v
    first = rule["version"][0]["valid_from"]
    raise LookupError(
        f"时限规则 {rule['code']} 在 {when.isoformat()} 没有有效版本（最早版本自 {first} 起施行）"
    )


def caveats(version: dict, conventions: list[dict]) -> list[dict]:
    """Conventions that apply to ``version`` and are not ✅ for its law.

    Example: GK-4 (政府信息公开条例) counts working days from the day after receipt —
    P2 applied by analogy (⚠) — and relies on P6's working-day definition (⚠). Returns
    dicts with ``code``, ``mark``, ``rule`` and ``note``; empty for NONE/ANNUAL versions.
    """
    out: list[dict] = []
    for conv in conventions:
        if version["unit"] not in conv["units"]:
            continue
        if conv["roll_forward_only"] and not version["roll_forward"]:
            continue
        mark = conv["mark"] if version["law"] in conv["confirmed_for"] else conv["otherwise"]
        if mark != "✅":
            out.append(
                {"code": conv["code"], "mark": mark, "rule": conv["rule"], "note": conv["note"]}
            )
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = args[0] if args else None
    try:
        rules = load_rules(path)
    except ValueError as exc:
        print(f"时限登记表校验失败：{exc}", file=sys.stderr)
        return 1
    versions = sum(len(r["version"]) for r in rules)
    marks: dict[str, int] = {}
    for r in rules:
        for v in r["version"]:
            marks[v["confirmed"]] = marks.get(v["confirmed"], 0) + 1
    summary = "，".join(f"{m} {marks.get(m, 0)}" for m in ("✅", "☑", "⚠"))
    print(f"时限登记表校验通过：{len(rules)} 条规则，{versions} 个版本（{summary}）")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
