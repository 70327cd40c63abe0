"""Statutory periods (法定期限): from a rule's length and unit to a due date, with its reasons.

Pure functions over a :class:`~fazhi.core.workcal.engine.WorkCalendar`; no Django, no clock.
Each computation returns a :class:`Due` whose ``steps`` say, in Chinese with an English twin,
everything the count met, so a due date can be explained and proven later.

Rules applied (``docs/reference/legal-rules.md`` §0; ``laws-2019.md`` §7). The civil-law
articles are cited from 民法典 (in force 2021-01-01) or, for an event before 2021, from
民法总则 (2017-10-01 to 2020-12-31), whose Arts.200–204 have the same wording and numbers.

1. **Day zero.** The day of the triggering event is not counted; counting starts the next day
   (民法典 / 民法总则 Art.201; 民事诉讼法 Art.85, 2017 text Art.82). Applying this to
   administrative periods is the usual practice, not a statute (P2 ⚠).
2. **WD** (working days): count the working days of the official calendar — make-up Saturdays
   and Sundays (调休上班) count, weekdays inside a holiday block do not (P6). The last counted
   day is a working day, so nothing rolls.
3. **CD** (calendar days): count every day. If the last day is a rest day (a Saturday, Sunday
   or holiday that the official calendar does not make a working day) and ``roll_forward`` is
   true, the period ends on the next working day (民法典 Art.203; 民事诉讼法 Art.85 / 2017
   Art.82; reading weekends as rest days is the common reading, P4 ⚠). A make-up working
   Saturday is not a rest day.
4. **MONTH / YEAR**: the period ends on the same-numbered day of the final month, or on that
   month's last day when it has none (民法典 Art.202: 2019-01-31 + 1 month = 2019-02-28); then
   the same roll-forward as CD. A year is 12 months (2020-02-29 + 1 year = 2021-02-28).
5. **Pauses** (中止 / 不计入期限的时间, e.g. 行政许可法 Art.45, 政府信息公开条例 Art.33 para 3):
   a pause A..B (inclusive) removes its days from the count. WD: the working days in A..B are
   not counted (the due date moves by that many working days). CD, MONTH, YEAR: the days
   A..B are not counted (the last counted day moves by the number of paused calendar days
   after the start). Only the part of a pause after the counting start removes anything.
   A pause must overlap the period: it must end after the counting start and begin no later
   than the due date as it stands after the earlier pauses (for CD/MONTH/YEAR, the rolled due
   date). A pause that begins in the roll gap — after the last counted day but on or before
   the rolled due date — removes no counted day, but the due date may not fall inside it:
   the period then ends on the first working day after the pause (the platform's choice).
   Otherwise ``PeriodError("中止期间…不在期限之内")``.
   Pauses may not overlap one another. If the spec lists ``pauses_allowed``, each pause's
   reason must be one of them.
6. **Extension** (延长): lengthens the period measured from the same start (60 + 30 CD = the
   90th day after the start), in ``extension_unit`` (the period's own unit when none is given).
   When the two units differ, the extension is counted from the un-extended last day. More
   than ``extension_max`` → PeriodError naming the maximum; any extension when
   ``extension_max`` is None or 0 → PeriodError("该期限不得延长"). The roll-forward applies
   once, at the end of the extended period.
7. **Restart** (重新起算, e.g. 政府信息公开条例 Art.30: the reply period runs again from receipt of
   the corrected application): the clock starts again from the restart day, which is not
   counted and must be later than the original start. Pauses must then fall after it.
8. **Negative length** ("N days before the event", e.g. 行政许可法 Art.48(1): notify 7 days
   before the hearing): count backwards from the event, the event day not counted. WD: the
   |N|-th working day before. CD/MONTH/YEAR with ``roll_forward``: a last day on a rest day
   moves to the **previous** working day — the platform's choice, so that the notice period is
   never shortened by a rest day. Pauses, extensions and restarts do not apply.
9. **Length 0** ("on the spot", 当场): the due date is the event day itself, not rolled.
10. **ANNUAL**: a fixed date ``annual_month_day`` in the year after the start's year (the
    report for year Y is due on Y+1-01-31, 政府信息公开条例 Art.49). ``length`` is ignored
    (the rule registry stores 1).
    The fixed date is not rolled unless ``roll_forward`` is true (then it moves to the next
    working day, which needs the calendar to cover that year). Pauses, extensions and restarts
    do not apply.
11. **NONE**: the rule has no period; computing one is ``PeriodError("该规则没有计算期限")``.

Any date the calendar does not cover — start, pause, or a result — raises
:class:`~fazhi.core.workcal.engine.UnknownYearError` naming the year; nothing is guessed.
"""

from __future__ import annotations

import calendar as _pycal
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .engine import (
    MAX_N,
    CalendarError,
    SpecialDay,
    WorkCalendar,
    check_date,
    fmt_date_en,
    fmt_date_zh,
)

__all__ = [
    "UNITS",
    "Due",
    "Pause",
    "PeriodError",
    "PeriodSpec",
    "Step",
    "add_months",
    "compute_due",
]

UNITS = ("WD", "CD", "MONTH", "YEAR", "ANNUAL", "NONE")
COUNT_UNITS = ("WD", "CD", "MONTH", "YEAR")
STEP_KINDS = (
    "start",
    "restart",
    "holiday_block",
    "makeup_day",
    "pause",
    "extension",
    "roll_forward",
    "due",
)
CIVIL_CODE_IN_FORCE = date(2021, 1, 1)
_ONE = timedelta(days=1)

_UNIT_ZH = {"WD": "个工作日", "CD": "日", "MONTH": "个月", "YEAR": "年"}
_UNIT_EN = {"WD": "working day(s)", "CD": "calendar day(s)", "MONTH": "month(s)", "YEAR": "year(s)"}
_HOLIDAY_EN = {
    "元旦": "New Year's Day",
    "春节": "Spring Festival",
    "清明节": "Qingming Festival",
    "劳动节": "Labour Day",
    "端午节": "Dragon Boat Festival",
    "中秋节": "Mid-Autumn Festival",
    "国庆节": "National Day",
}


class PeriodError(CalendarError):
    """A period that cannot be computed as asked (bad spec, pause, extension or restart)."""


def _err(zh: str, en: str) -> PeriodError:
    return PeriodError(zh, message_en=en)


def _holiday_en(name: str) -> str:
    return " and ".join(_HOLIDAY_EN.get(part, part) for part in name.split("、"))


def _amount(n: int, unit: str) -> tuple[str, str]:
    return f"{n}{_UNIT_ZH[unit]}", f"{n} {_UNIT_EN[unit]}"


@dataclass(frozen=True)
class PeriodSpec:
    """How long a period is and how it is counted (one version of a time-limit rule)."""

    length: int
    unit: str
    roll_forward: bool = True
    extension_max: int | None = None
    extension_unit: str | None = None
    annual_month_day: str | None = None
    #: Pause reasons the rule allows (None: not checked here).
    pauses_allowed: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise _err(
                f"期限单位错误：{self.unit!r}（应为 {'、'.join(UNITS)} 之一）。",
                f"Bad period unit {self.unit!r} (one of {', '.join(UNITS)}).",
            )
        if isinstance(self.length, bool) or not isinstance(self.length, int):
            raise _err(
                f"期限长度应为整数，收到 {self.length!r}。",
                f"Period length must be an integer, got {self.length!r}.",
            )
        if abs(self.length) > MAX_N:
            raise _err(
                f"期限长度超出范围：{self.length}（绝对值不得超过 {MAX_N}）。",
                f"Period length out of range: {self.length} (absolute value at most {MAX_N}).",
            )
        if self.extension_unit is not None and self.extension_unit not in COUNT_UNITS:
            raise _err(
                f"延长单位错误：{self.extension_unit!r}（应为 {'、'.join(COUNT_UNITS)} 之一）。",
                f"Bad extension unit {self.extension_unit!r}.",
            )
        if self.extension_max is not None and (
            isinstance(self.extension_max, bool)
            or not isinstance(self.extension_max, int)
            or not 0 <= self.extension_max <= MAX_N
        ):
            raise _err(
                f"可延长上限应为非负整数，收到 {self.extension_max!r}。",
                f"extension_max must be a non-negative integer, got {self.extension_max!r}.",
            )
        if self.unit == "ANNUAL":
            self.month_day()  # validates

    def month_day(self) -> tuple[int, int]:
        """``annual_month_day`` as (month, day); PeriodError if absent or not a real date."""
        md = self.annual_month_day
        try:
            if not isinstance(md, str) or len(md) != 5 or md[2] != "-":
                raise ValueError
            m, d = int(md[:2]), int(md[3:])
            date(2001, m, d)  # a non-leap year: 02-29 is refused
        except ValueError:
            raise _err(
                f"固定日期格式错误：{md!r}（应为 MM-DD，如 01-31；不得为 02-29）。",
                f"Bad annual_month_day {md!r} (MM-DD such as 01-31; not 02-29).",
            ) from None
        return m, d

    @classmethod
    def from_rule(cls, rule: Mapping[str, Any]) -> PeriodSpec:
        """Build from a rule-registry record (e.g. a table of ``core/data/time_rules.toml``).

        Missing keys and empty strings (TOML has no null) mean "not set"; other keys of the
        record (code, name, restart_on, …) are ignored here. The allowed pause reasons are
        read from ``pauses_allowed`` or, as ``time_rules.toml`` names them, ``pauses``; an
        empty list means the rule allows no pause.
        """

        def opt(key: str) -> Any:
            v = rule.get(key)
            return None if v == "" else v

        pauses = opt("pauses_allowed") if "pauses_allowed" in rule else opt("pauses")
        return cls(
            length=rule.get("length", 0),
            unit=rule.get("unit", ""),
            roll_forward=bool(rule.get("roll_forward", True)),
            extension_max=opt("extension_max"),
            extension_unit=opt("extension_unit"),
            annual_month_day=opt("annual_month_day"),
            pauses_allowed=tuple(pauses) if pauses is not None else None,
        )


@dataclass(frozen=True)
class Pause:
    """Time not counted (中止, 听证, 鉴定, 补正 …), ``start``..``end`` inclusive."""

    start: date
    end: date
    reason: str = ""


@dataclass(frozen=True)
class Step:
    """One thing the count met. ``data`` holds JSON-ready values (ISO dates, ints, strings)."""

    kind: str
    day: date | None
    text: str
    text_en: str
    data: dict


@dataclass(frozen=True)
class Due:
    """The result: the due date, what it was computed from, and why."""

    due: date
    spec: PeriodSpec
    start: date
    steps: tuple[Step, ...]
    counted_from: date
    #: The last counted day before any roll-forward (None for ANNUAL and length 0).
    last_counted: date | None = None

    def explain(self, *, lang: str = "zh") -> str:
        """The steps as one text, one line each."""
        return "\n".join(s.text_en if lang == "en" else s.text for s in self.steps)


def add_months(d: date, months: int) -> date:
    """``d`` plus ``months`` months: the same-numbered day, or the month's last day (Art.202)."""
    y, m0 = divmod(d.month - 1 + months, 12)
    y += d.year
    if not 1 <= y <= 9999:
        raise _err("日期超出范围。", "Date out of range.")
    last = _pycal.monthrange(y, m0 + 1)[1]
    return date(y, m0 + 1, min(d.day, last))


def _civil(start: date) -> tuple[str, str]:
    if start >= CIVIL_CODE_IN_FORCE:
        return "《中华人民共和国民法典》", "Civil Code"
    return "《中华人民共和国民法总则》", "General Provisions of the Civil Law"


def _check_int(value: object, what_zh: str, what_en: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _err(
            f"{what_zh}应为整数，收到 {value!r}。", f"{what_en} must be an integer, got {value!r}."
        )
    return value


def _advance(cal: WorkCalendar, unit: str, d: date, n: int) -> date:
    """The last counted day of an n-unit period after ``d`` (``d`` not counted), unrolled."""
    if unit == "WD":
        return cal.add_workdays(d, n)
    if unit == "CD":
        out = d + timedelta(days=n)
        return cal.check(out)
    months = n if unit == "MONTH" else 12 * n
    return cal.check(add_months(d, months))


def _rest_reason(cal: WorkCalendar, d: date) -> tuple[str, str]:
    sp = cal.special_day(d)
    if sp is not None and sp.kind == "holiday":
        return f"{sp.name}放假日", f"a day off for {_holiday_en(sp.name)}"
    return "休息日", "a weekend rest day"


def _validate_pauses(cal: WorkCalendar, spec: PeriodSpec, pauses: Iterable[Pause]) -> list[Pause]:
    out: list[Pause] = []
    for p in pauses:
        if not isinstance(p, Pause):
            raise _err(
                f"中止期间格式错误：{p!r}。",
                f"Bad pause {p!r} (expected Pause(start, end, reason)).",
            )
        check_date(p.start, "中止开始日")
        check_date(p.end, "中止结束日")
        cal.check(p.start)
        cal.check(p.end)
        if p.end < p.start:
            raise _err(
                f"中止期间错误：结束日{fmt_date_zh(p.end)}早于开始日{fmt_date_zh(p.start)}。",
                f"Bad pause: ends {p.end} before it starts {p.start}.",
            )
        if spec.pauses_allowed is not None and p.reason not in spec.pauses_allowed:
            allowed = "、".join(spec.pauses_allowed) or "（无）"
            raise _err(
                f"该期限不因「{p.reason}」中止（允许的中止事由：{allowed}）。",
                f"This period cannot be paused for {p.reason!r} "
                f"(allowed: {', '.join(spec.pauses_allowed) or 'none'}).",
            )
        out.append(p)
    out.sort(key=lambda p: (p.start, p.end))
    for prev, nxt in zip(out, out[1:], strict=False):
        if nxt.start <= prev.end:
            raise _err(
                f"中止期间重叠：{fmt_date_zh(prev.start)}至{fmt_date_zh(prev.end)}与"
                f"{fmt_date_zh(nxt.start)}至{fmt_date_zh(nxt.end)}。",
                f"Overlapping pauses: {prev.start}..{prev.end} and {nxt.start}..{nxt.end}.",
            )
    return out


def _calendar_steps(
    cal: WorkCalendar,
    unit: str,
    lo: date,
    hi: date,
    pauses: list[Pause],
    *,
    backward: bool = False,
) -> list[Step]:
    """Holiday blocks crossed and make-up days met in ``[lo, hi]`` (the counted days)."""
    steps: list[Step] = []
    if hi < lo:
        return steps
    wd = unit == "WD"
    for b in cal.holiday_blocks(lo, hi):
        ov_lo, ov_hi = max(b.start, lo), min(b.end, hi)
        in_period = (ov_hi - ov_lo).days + 1
        weekdays = sum(
            1
            for o in range(ov_lo.toordinal(), ov_hi.toordinal() + 1)
            if date.fromordinal(o).weekday() < 5
        )
        span_zh = f"{fmt_date_zh(b.start)}至{fmt_date_zh(b.end)}，共{b.days}天"
        span_en = f"{fmt_date_en(b.start)} to {fmt_date_en(b.end)}, {b.days} days"
        name_en = _holiday_en(b.name)
        if wd:
            text = (
                f"经过{b.name}放假（{span_zh}），放假日不计为工作日"
                f"（期间内{in_period}天，其中周一至周五{weekdays}天）"
            )
            text_en = (
                f"Crosses the {name_en} holiday ({span_en}); days off are not working days "
                f"({in_period} day(s) in the period, {weekdays} of them Monday-Friday)"
            )
        else:
            text = f"经过{b.name}放假（{span_zh}），按自然日计算，放假日照常计入期间"
            text_en = (
                f"Crosses the {name_en} holiday ({span_en}); counted in calendar days, "
                f"days off count as usual"
            )
        steps.append(
            Step(
                "holiday_block",
                ov_lo,
                text,
                text_en,
                {
                    "name": b.name,
                    "start": b.start.isoformat(),
                    "end": b.end.isoformat(),
                    "days_in_period": in_period,
                    "weekdays_in_period": weekdays,
                    "sources": list(b.sources),
                },
            )
        )

    def paused(d: date) -> bool:
        return any(p.start <= d <= p.end for p in pauses)

    makeups: list[SpecialDay] = [s for s in cal.special_days(lo, hi) if s.kind == "workday"]
    for s in makeups:
        if wd:
            if paused(s.day):
                continue
            text = f"{fmt_date_zh(s.day, weekday=True)}为调休上班日（{s.name}），计为工作日"
            text_en = (
                f"{fmt_date_en(s.day, weekday=True)} is a make-up working day "
                f"({_holiday_en(s.name)}) and counts as a working day"
            )
        else:
            # In calendar days a make-up day matters only as the last day: it is not rolled.
            last = lo if backward else hi
            if s.day != last:
                continue
            text = (
                f"期间最后一日{fmt_date_zh(s.day, weekday=True)}为调休上班日（{s.name}），"
                f"是工作日，无需{'前移' if backward else '顺延'}"
            )
            text_en = (
                f"The last day {fmt_date_en(s.day, weekday=True)} is a make-up working day "
                f"({_holiday_en(s.name)}), so it is not moved"
            )
        steps.append(
            Step(
                "makeup_day",
                s.day,
                text,
                text_en,
                {"date": s.day.isoformat(), "name": s.name, "source": s.source},
            )
        )
    return steps


def compute_due(
    cal: WorkCalendar,
    spec: PeriodSpec,
    start: date,
    *,
    pauses: Iterable[Pause] = (),
    extension: int = 0,
    restart: date | None = None,
) -> Due:
    """The due date of a period of ``spec`` triggered on ``start``; semantics in the module doc.

    民法典 / 民法总则 Arts.201–203: the event day is not counted; month periods end on the
    corresponding day; a last day on a rest day rolls to the next working day.
    """
    start = check_date(start, "起算日")
    if not isinstance(spec, PeriodSpec):
        raise _err(f"期限规则格式错误：{spec!r}。", f"Bad period spec {spec!r}.")
    if spec.unit == "NONE":
        raise _err("该规则没有计算期限。", "This rule has no period to compute.")
    extension = _check_int(extension, "延长期限", "extension")
    if extension < 0:
        raise _err(
            f"延长期限不得为负数：{extension}。", f"Extension must not be negative: {extension}."
        )
    pauses = list(pauses)
    if restart is not None:
        restart = check_date(restart, "重新起算日")

    if spec.unit == "ANNUAL":
        return _annual(cal, spec, start, pauses, extension, restart)

    cal.check(start)
    law_zh, law_en = _civil(start)
    unit = spec.unit
    length = spec.length
    steps: list[Step] = []

    if length < 0:
        if pauses or extension or restart is not None:
            raise _err(
                "向前计算的期限（事件之前若干日）不适用中止、延长或重新起算。",
                "A period counted back from an event takes no pause, extension or restart.",
            )
        return _backward(cal, spec, start, law_zh, law_en)

    amount_zh, amount_en = _amount(length, unit)
    steps.append(
        Step(
            "start",
            start,
            f"起算事件日为{fmt_date_zh(start, weekday=True)}，当日不计入，自次日起计算"
            f"{amount_zh}（{law_zh}第二百零一条）",
            f"The event day {fmt_date_en(start, weekday=True)} is not counted; {amount_en} "
            f"are counted from the next day ({law_en}, Art.201)",
            {"date": start.isoformat(), "length": length, "unit": unit},
        )
    )

    counted_from = start
    if restart is not None:
        cal.check(restart)
        if restart <= start:
            raise _err(
                f"重新起算日{fmt_date_zh(restart)}须晚于原起算日{fmt_date_zh(start)}。",
                f"The restart day {restart} must be after the start {start}.",
            )
        counted_from = restart
        steps.append(
            Step(
                "restart",
                restart,
                f"自{fmt_date_zh(restart, weekday=True)}重新起算，当日不计入，此前经过的期间不再计算",
                f"The period restarts from {fmt_date_en(restart, weekday=True)} (not counted); "
                f"time before it no longer counts",
                {"date": restart.isoformat()},
            )
        )

    if length == 0:
        if pauses or extension:
            raise _err(
                "当场办理的期限不适用中止或延长。",
                "An on-the-spot period takes no pause or extension.",
            )
        steps.append(
            Step(
                "due",
                counted_from,
                f"当场办理，期限为当日：{fmt_date_zh(counted_from, weekday=True)}",
                f"On the spot: due the same day, {fmt_date_en(counted_from, weekday=True)}",
                {"date": counted_from.isoformat()},
            )
        )
        return Due(counted_from, spec, start, tuple(steps), counted_from, None)

    # -- extension ----------------------------------------------------------------------------
    ext_unit = spec.extension_unit or unit
    final_unit = unit
    if extension:
        if not spec.extension_max:
            raise _err("该期限不得延长。", "This period cannot be extended.")
        if extension > spec.extension_max:
            mx_zh, mx_en = _amount(spec.extension_max, ext_unit)
            raise _err(
                f"延长期限超过上限：最多可延长{mx_zh}，申请延长{extension}。",
                f"Extension exceeds the maximum of {mx_en} (asked {extension}).",
            )
        final_unit = ext_unit
    if extension and ext_unit == unit:
        raw = _advance(cal, unit, counted_from, length + extension)
    else:
        raw = _advance(cal, unit, counted_from, length)
        if extension:
            raw = _advance(cal, ext_unit, raw, extension)
    if extension:
        ext_zh, ext_en = _amount(extension, ext_unit)
        if ext_unit == unit:
            total_zh, total_en = _amount(length + extension, unit)
            how_zh = f"，自同一起算日共计{total_zh}"
            how_en = f"; {total_en} in all from the same start"
        else:
            how_zh, how_en = "，自原期限最后一日起算", "; counted from the original last day"
        steps.append(
            Step(
                "extension",
                None,
                f"期限经批准延长{ext_zh}{how_zh}",
                f"The period is extended by {ext_en}{how_en}",
                {"extension": extension, "unit": ext_unit, "max": spec.extension_max},
            )
        )

    # -- pauses -------------------------------------------------------------------------------
    plist = _validate_pauses(cal, spec, pauses)
    pause_steps: list[Step] = []
    rolls = final_unit != "WD" and spec.roll_forward
    floor: date | None = None  # the due date must fall after this day (end of a roll-gap pause)

    def settle(last: date) -> date:
        d = cal.next_workday(last) if rolls else last
        if floor is not None and d <= floor:
            d = cal.next_workday(floor, include_self=False)
        return d

    for p in plist:
        current_due = settle(raw)
        if p.end <= counted_from or p.start > current_due:
            raise _err(
                f"中止期间{fmt_date_zh(p.start)}至{fmt_date_zh(p.end)}不在期限之内"
                f"（自{fmt_date_zh(counted_from)}次日起至{fmt_date_zh(current_due)}）。",
                f"The pause {p.start}..{p.end} is not within the period "
                f"(after {counted_from} up to {current_due}).",
            )
        eff_start = max(p.start, counted_from + _ONE)
        in_gap = final_unit != "WD" and p.start > raw
        if final_unit == "WD":
            removed = cal.count_workdays(eff_start, p.end)
            raw = cal.add_workdays(raw, removed)
        elif in_gap:
            # Every day of the period was counted before the pause began; the due date (rolled
            # onto a working day) cannot lie inside the pause, so it moves past its end.
            removed = (p.end - p.start).days + 1
            floor = cal.check(p.end)
        else:
            removed = (p.end - eff_start).days + 1
            raw = cal.check(raw + timedelta(days=removed))
        rm_zh, rm_en = _amount(removed, "WD" if final_unit == "WD" else "CD")
        reason_zh = f"（{p.reason}）" if p.reason else ""
        reason_en = f" ({p.reason})" if p.reason else ""
        if in_gap:
            what_zh = "期间最后一日已过、届满日顺延期间内中止，届满日移至中止结束后的第一个工作日"
            what_en = (
                "begins after the last counted day, before the rolled due date; the due date "
                "moves to the first working day after the pause"
            )
        else:
            what_zh, what_en = f"不计入期限{rm_zh}", f"{rm_en} not counted"
        pause_steps.append(
            Step(
                "pause",
                p.start,
                f"中止{reason_zh}：{fmt_date_zh(p.start)}至{fmt_date_zh(p.end)}，{what_zh}",
                f"Paused{reason_en}: {fmt_date_en(p.start)} to {fmt_date_en(p.end)}; {what_en}",
                {
                    "start": p.start.isoformat(),
                    "end": p.end.isoformat(),
                    "reason": p.reason,
                    "removed": removed,
                    "unit": "WD" if final_unit == "WD" else "CD",
                    "in_roll_gap": in_gap,
                },
            )
        )

    # -- what the count met, the roll-forward, the due date --------------------------------------
    middle = _calendar_steps(cal, final_unit, counted_from + _ONE, raw, plist) + pause_steps
    order = {k: i for i, k in enumerate(STEP_KINDS)}
    middle.sort(key=lambda s: (s.day or date.min, order[s.kind]))
    steps.extend(middle)

    due = settle(raw)
    if due != raw:
        blocks = [
            {"name": b.name, "start": b.start.isoformat(), "end": b.end.isoformat()}
            for b in cal.holiday_blocks(raw, due)
        ]
        if floor is not None and due > cal.next_workday(raw):
            text = (
                f"期间最后一日为{fmt_date_zh(raw, weekday=True)}，届满日不落入中止期间"
                f"（至{fmt_date_zh(floor)}），顺延至中止结束后的第一个工作日"
                f"{fmt_date_zh(due, weekday=True)}（本平台做法，参照{law_zh}第二百零三条）"
            )
            text_en = (
                f"The last counted day is {fmt_date_en(raw, weekday=True)}; the due date may "
                f"not fall inside the pause (until {fmt_date_en(floor)}), so it moves to the "
                f"first working day after it, {fmt_date_en(due, weekday=True)} (platform rule, "
                f"by analogy with {law_en}, Art.203)"
            )
        else:
            why_zh, why_en = _rest_reason(cal, raw)
            text = (
                f"期间最后一日{fmt_date_zh(raw, weekday=True)}为{why_zh}，顺延至其后第一个工作日"
                f"{fmt_date_zh(due, weekday=True)}（{law_zh}第二百零三条）"
            )
            text_en = (
                f"The last day {fmt_date_en(raw, weekday=True)} is {why_en}; it moves to the "
                f"next working day {fmt_date_en(due, weekday=True)} ({law_en}, Art.203)"
            )
        steps.append(
            Step(
                "roll_forward",
                raw,
                text,
                text_en,
                {"from": raw.isoformat(), "to": due.isoformat(), "blocks": blocks},
            )
        )
    basis_zh = f"（{law_zh}第二百零二条）" if final_unit in ("MONTH", "YEAR") else ""
    basis_en = f" ({law_en}, Art.202)" if final_unit in ("MONTH", "YEAR") else ""
    steps.append(
        Step(
            "due",
            due,
            f"期限届满日：{fmt_date_zh(due, weekday=True)}{basis_zh}",
            f"Due: {fmt_date_en(due, weekday=True)}{basis_en}",
            {"date": due.isoformat(), "last_counted": raw.isoformat()},
        )
    )
    return Due(due, spec, start, tuple(steps), counted_from, raw)


def _backward(cal: WorkCalendar, spec: PeriodSpec, event: date, law_zh: str, law_en: str) -> Due:
    """A period of |length| units ending before ``event`` (rule 8 of the module docstring)."""
    unit, n = spec.unit, -spec.length
    amount_zh, amount_en = _amount(n, unit)
    steps = [
        Step(
            "start",
            event,
            f"事件日为{fmt_date_zh(event, weekday=True)}，当日不计入，向前计算{amount_zh}"
            f"（{law_zh}第二百零一条）",
            f"The event day {fmt_date_en(event, weekday=True)} is not counted; {amount_en} "
            f"are counted back from the day before ({law_en}, Art.201)",
            {"date": event.isoformat(), "length": spec.length, "unit": unit},
        )
    ]
    if unit == "WD":
        raw = cal.add_workdays(event, -n)
    elif unit == "CD":
        raw = cal.check(event - timedelta(days=n))
    else:
        raw = cal.check(add_months(event, -(n if unit == "MONTH" else 12 * n)))
    met = _calendar_steps(cal, unit, raw, event - _ONE, [], backward=True)
    met.sort(key=lambda s: s.day or date.min, reverse=True)
    steps.extend(met)
    due = raw
    if unit != "WD" and spec.roll_forward and not cal.is_workday(raw):
        due = cal.previous_workday(raw)
        why_zh, why_en = _rest_reason(cal, raw)
        steps.append(
            Step(
                "roll_forward",
                raw,
                f"期间最后一日{fmt_date_zh(raw, weekday=True)}为{why_zh}，提前至其前最后一个工作日"
                f"{fmt_date_zh(due, weekday=True)}（本平台做法：事前期限不因休息日缩短）",
                f"The last day {fmt_date_en(raw, weekday=True)} is {why_en}; it moves back to "
                f"the previous working day {fmt_date_en(due, weekday=True)} (platform rule: a "
                f"period before an event is never shortened by a rest day)",
                {"from": raw.isoformat(), "to": due.isoformat(), "direction": "backward"},
            )
        )
    steps.append(
        Step(
            "due",
            due,
            f"最迟应于{fmt_date_zh(due, weekday=True)}完成",
            f"Due no later than {fmt_date_en(due, weekday=True)}",
            {"date": due.isoformat(), "last_counted": raw.isoformat()},
        )
    )
    return Due(due, spec, event, tuple(steps), event, raw)


def _annual(
    cal: WorkCalendar,
    spec: PeriodSpec,
    start: date,
    pauses: list[Pause],
    extension: int,
    restart: date | None,
) -> Due:
    """A fixed date in the year after ``start``'s year (rule 10 of the module docstring)."""
    if pauses or restart is not None:
        raise _err(
            "固定日期的期限不适用中止或重新起算。",
            "A fixed-date period takes no pause or restart.",
        )
    if extension:
        raise _err("该期限不得延长。", "This period cannot be extended.")
    m, d = spec.month_day()
    fixed = date(start.year + 1, m, d)
    steps = [
        Step(
            "start",
            start,
            f"{start.year}年度事项，按固定日期计算：次年{m}月{d}日前",
            f"A matter of the year {start.year}: due on a fixed date, {m:02d}-{d:02d} of the "
            f"following year",
            {"date": start.isoformat(), "year": start.year, "month_day": spec.annual_month_day},
        )
    ]
    due = fixed
    if spec.roll_forward and not cal.is_workday(fixed):
        due = cal.next_workday(fixed)
        law_zh, law_en = _civil(fixed)
        why_zh, why_en = _rest_reason(cal, fixed)
        steps.append(
            Step(
                "roll_forward",
                fixed,
                f"{fmt_date_zh(fixed, weekday=True)}为{why_zh}，顺延至其后第一个工作日"
                f"{fmt_date_zh(due, weekday=True)}（{law_zh}第二百零三条）",
                f"{fmt_date_en(fixed, weekday=True)} is {why_en}; it moves to the next working "
                f"day {fmt_date_en(due, weekday=True)} ({law_en}, Art.203)",
                {"from": fixed.isoformat(), "to": due.isoformat()},
            )
        )
    steps.append(
        Step(
            "due",
            due,
            f"期限届满日：{fmt_date_zh(due, weekday=True)}",
            f"Due: {fmt_date_en(due, weekday=True)}",
            {"date": due.isoformat()},
        )
    )
    return Due(due, spec, start, tuple(steps), start, None)
