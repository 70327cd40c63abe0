"""The deadline calculator: one function behind the CLI, the staff page, the public page and
the API, so all four give the same answer with the same explanation."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from . import rules
from .calendar import get_calendar
from .models import TimeRule, TimeRuleVersion
from .workcal import CalendarError, Pause

RANGE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*(?:\.\.|~|至|到)\s*(\d{4}-\d{2}-\d{2})\s*$")
UNIT_ZH = {
    "WD": "个工作日",
    "CD": "日（自然日）",
    "MONTH": "个月",
    "YEAR": "年",
    "ANNUAL": "（每年固定日期）",
    "NONE": "",
}


class DeadlineInputError(ValueError):
    """Bad input to the calculator: one clear line."""


def parse_date(text: str, what: str = "日期") -> dt.date:
    try:
        return dt.date.fromisoformat(str(text).strip())
    except (TypeError, ValueError):
        raise DeadlineInputError(
            _("%(w)s不是有效日期（应为 YYYY-MM-DD）：%(t)s") % {"w": what, "t": text}
        ) from None


def parse_pause(text: str) -> Pause:
    m = RANGE.match(text or "")
    if not m:
        raise DeadlineInputError(
            _("中止期间格式应为 起..止（如 2019-10-08..2019-10-10）：%(t)s") % {"t": text}
        )
    a, b = parse_date(m.group(1), _("中止起始日")), parse_date(m.group(2), _("中止结束日"))
    if b < a:
        raise DeadlineInputError(_("中止期间起止颠倒：%(t)s") % {"t": text})
    return Pause(a, b, "")


@dataclass(frozen=True)
class Answer:
    due: dt.date
    rule: TimeRule
    version: TimeRuleVersion
    start: dt.date
    lines: list[str]
    lines_en: list[str]
    steps: list[dict[str, Any]]
    #: years counted as plain weeks because their holidays are not announced (待公布)
    provisional: frozenset[int] = frozenset()

    @property
    def provisional_note(self) -> str:
        return rules.provisional_note(self.provisional) if self.provisional else ""

    def as_dict(self) -> dict[str, Any]:
        v = self.version
        return {
            "code": self.rule.code,
            "name": self.rule.name,
            "name_en": self.rule.name_en,
            "due": self.due.isoformat(),
            "provisional": bool(self.provisional),
            "provisional_years": sorted(self.provisional),
            "provisional_note": self.provisional_note,
            "start": self.start.isoformat(),
            "law": v.law,
            "law_version": v.law_version,
            "article": v.article,
            "basis": v.basis,
            "unit": v.unit,
            "length": v.length,
            "kind": v.kind,
            "version": {
                "valid_from": v.valid_from.isoformat(),
                "valid_to": v.valid_to.isoformat() if v.valid_to else None,
            },
            "confirmed": v.confirmed,
            "unconfirmed": v.unconfirmed,
            "note": v.note,
            "extension_max": v.extension_max,
            "extension_approver": v.extension_approver,
            "explanation": self.lines,
            "explanation_en": self.lines_en,
            "steps": self.steps,
        }


def calculate(
    code: str,
    start: str | dt.date,
    *,
    pauses: list[str] | None = None,
    extend: int | str | None = None,
    restart: str | dt.date | None = None,
) -> Answer:
    """Compute and explain. Raises DeadlineInputError (bad input) with one clear line."""
    start_d = start if isinstance(start, dt.date) else parse_date(start, _("起算日"))
    restart_d = None
    if restart not in (None, ""):
        restart_d = (
            restart if isinstance(restart, dt.date) else parse_date(restart, _("重新起算日"))
        )
    try:
        ext = int(extend) if extend not in (None, "") else 0
    except (TypeError, ValueError):
        raise DeadlineInputError(_("延长天数应为整数：%(t)s") % {"t": extend}) from None
    pause_list = [parse_pause(p) for p in (pauses or []) if p]
    try:
        rule = rules.resolve(code)
        d = rules.compute(
            get_calendar(),
            rule,
            start_d,
            pauses=pause_list,
            extension=ext,
            restart=restart_d,
            any_pause_reason=True,
        )
    except (LookupError, CalendarError) as exc:
        raise DeadlineInputError(str(exc)) from exc
    v = d.version
    head = [
        _("规则：%(c)s %(n)s") % {"c": rule.code, "n": rule.name},
        _("依据：《%(l)s》%(a)s（%(lv)s）")
        % {"l": v.law, "a": v.public_article, "lv": v.law_version},
        _("规定：%(b)s") % {"b": v.basis},
        _("期限：%(n)s%(u)s，自%(e)s起算；适用自 %(f)s 起施行的版本（按起算日确定）")
        % {
            "n": abs(v.length) if v.unit != "ANNUAL" else v.annual_month_day,
            "u": UNIT_ZH.get(v.unit, v.unit),
            "e": v.start_event or _("事件发生之日"),
            "f": v.valid_from.isoformat(),
        },
    ]
    if v.unconfirmed:
        # the public sees this line too: the caveat, not the registry's working note
        head.append(_("⚠ 该规则未经确认，仅供参考，不作为法律依据。"))
    if v.local_basis:
        head.append(_("本地规定收紧：%(b)s") % {"b": v.local_basis})
    head_en = [
        f"Rule: {rule.code} {rule.name_en or rule.name}",
        f"Basis: {v.law} {v.public_article} ({v.law_version})",
        f"Period: {v.length} {v.unit}, version in force from {v.valid_from}",
    ]
    if v.unconfirmed:
        head_en.append("⚠ Unconfirmed rule: for reference only")
    steps = d.due.steps
    if d.provisional:
        head.append(rules.provisional_note(d.provisional))
        head_en.append(
            "Provisional (待公布): the holidays of "
            + ", ".join(str(y) for y in sorted(d.provisional))
            + " are not announced yet; counted on plain weeks and recomputed once they are."
        )
    return Answer(
        due=d.due.due,
        rule=rule,
        version=v,
        start=start_d,
        lines=head + [s.text for s in steps],
        lines_en=head_en + [s.text_en for s in steps],
        steps=[
            {
                "kind": s.kind,
                "day": s.day.isoformat() if s.day else None,
                "text": s.text,
                "text_en": s.text_en,
                "data": s.data,
            }
            for s in steps
        ],
        provisional=d.provisional,
    )


def catalogue() -> list[tuple[TimeRule, TimeRuleVersion | None]]:
    """Every rule with its current version, for --list and the pages' pickers."""
    out = []
    for rule in TimeRule.objects.prefetch_related("versions").order_by("code"):
        versions = sorted(rule.versions.all(), key=lambda v: v.valid_from)
        out.append((rule, versions[-1] if versions else None))
    return out
