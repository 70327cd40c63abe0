"""China's official working-day calendar: exact, fast, and refusing what it does not know.

Pure Python (plus numpy for the vectorised forms); no Django. The data are the State Council
General Office's (国务院办公厅) annual notices on holiday arrangements, shipped as
``holidays_cn.csv`` beside this module (see ``holidays_cn.SOURCE.md``).

What a working day (工作日) is
    Monday to Friday, unless the day lies inside an announced holiday block (放假); plus every
    announced make-up Saturday or Sunday (调休上班). Rows of kind ``holiday`` mark days off
    (weekend days inside a block included), rows of kind ``workday`` mark working weekend days.
    That 调休上班 weekend days count as 工作日 for statutory periods is the practice, not a
    statute (``legal-rules.md`` P6, ⚠).

Known range
    From 1 January of the first known notice year to 31 December of the last; the years must
    be contiguous. A notice for year Y may fix days at the end of December of Y−1 (the 2019
    notice fixes 2018-12-29 … 2018-12-31 for 元旦); for the first known year those rows extend
    the range back to the earliest of them, because no other notice governs them. Any date
    outside the range, and any result that would fall outside it, raises
    :class:`UnknownYearError` naming the year. The calendar never guesses a weekday pattern for
    an unannounced year (``legal-rules.md`` §0: "It must never infer holidays for a year that
    has not been announced").

Counting convention (民法典 Art.201; 民法总则 Art.201 before 2021: the starting day is not
counted)
    ``add_workdays(d, n)`` is the n-th working day after ``d``, ``d`` itself not counted; for
    negative ``n`` the |n|-th working day before ``d``. ``add_workdays(d, 0)`` is ``d`` itself,
    even on a rest day (the identity; use :meth:`WorkCalendar.next_workday` to move onto a
    working day). ``workdays_between(a, b)`` counts working days in ``(a, b]`` when ``a <= b``
    and is minus the count in ``[b, a)`` when ``a > b``: the start is never counted, the end
    always is. So ``workdays_between(a, add_workdays(a, n)) == n`` for every ``a`` and ``n``.

Implementation
    A cumulative index over every day of the range: ``C[k]`` = number of working days among
    the first ``k`` days. Then working days in ``(a, b]`` = ``C[ib+1] - C[ia+1]`` and the
    n-th working day after ``a`` is ``W[C[ia+1] + n - 1]`` where ``W`` lists the working days
    in order. Scalar operations use plain lists (and check ranges explicitly: a negative list
    index would silently wrap); the ``*_vec`` forms use the same index as numpy arrays.
"""

from __future__ import annotations

import csv
import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from numbers import Integral
from pathlib import Path

import numpy as np

__all__ = [
    "MAX_N",
    "CalendarError",
    "HolidayBlock",
    "SpecialDay",
    "UnknownYearError",
    "WorkCalendar",
    "default_calendar",
    "fmt_date_en",
    "fmt_date_zh",
]

#: Largest |n| accepted by the arithmetic (about 14 years of working days; no statutory
#: period comes near it, so a larger value is an input error).
MAX_N = 3650

DEFAULT_CSV = Path(__file__).with_name("holidays_cn.csv")
KINDS = ("holiday", "workday")
CSV_HEADER = ("date", "kind", "name", "notice_year")

_WEEKDAY_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_WEEKDAY_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_EPOCH_ORD = date(1970, 1, 1).toordinal()


def fmt_date_zh(d: date, *, weekday: bool = False) -> str:
    """A date the way Chinese official texts write it: 2019年10月8日 (optionally （星期二）)."""
    s = f"{d.year}年{d.month}月{d.day}日"
    return f"{s}（{_WEEKDAY_ZH[d.weekday()]}）" if weekday else s


def fmt_date_en(d: date, *, weekday: bool = False) -> str:
    """ISO date for the English twin texts: 2019-10-08 (optionally ``(Tue)``)."""
    return f"{d.isoformat()} ({_WEEKDAY_EN[d.weekday()]})" if weekday else d.isoformat()


class CalendarError(ValueError):
    """Bad input to the calendar. ``str(err)`` is Chinese; ``err.message_en`` the English twin."""

    def __init__(self, message: str, *, message_en: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message


class UnknownYearError(CalendarError):
    """A date (or a result) in a year whose holiday notice the calendar does not hold."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"工作日历未收录 {year} 年（国务院办公厅尚未发布或尚未录入该年放假安排），无法计算。",
            message_en=(
                f"The working-day calendar does not cover {year} (the State Council's holiday "
                f"notice for that year is not published or not entered yet); cannot compute."
            ),
        )


@dataclass(frozen=True, slots=True)
class SpecialDay:
    """A day named by a notice: a day off inside a holiday block, or a make-up working day."""

    day: date
    kind: str  # 'holiday' | 'workday'
    name: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class HolidayBlock:
    """A run of consecutive ``holiday`` days with the same name (e.g. 国庆节 10-01 … 10-07)."""

    name: str
    start: date
    end: date
    sources: tuple[str, ...] = ()

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _bad_date(d: object, what: str = "日期") -> CalendarError:
    return CalendarError(
        f"日期格式错误：{what}应为日期（datetime.date），收到 {type(d).__name__} {d!r}。",
        message_en=f"Bad date: {what} must be a datetime.date, got {type(d).__name__} {d!r}.",
    )


def check_date(d: object, what: str = "日期") -> date:
    """Return ``d`` if it is a plain ``date``; a ``datetime`` or anything else is refused.

    A ``datetime`` is refused rather than truncated: a deadline is a day, and silently
    dropping the time (and the time zone) hides mistakes.
    """
    if type(d) is date or (isinstance(d, date) and not isinstance(d, _dt.datetime)):
        return d  # type: ignore[return-value]
    raise _bad_date(d, what)


def check_n(n: object, what: str = "天数") -> int:
    """Return ``n`` as an int if it is an integer with |n| <= MAX_N, else a CalendarError."""
    if isinstance(n, bool) or not isinstance(n, Integral):
        raise CalendarError(
            f"{what}格式错误：应为整数，收到 {type(n).__name__} {n!r}。",
            message_en=f"Bad {what}: must be an integer, got {type(n).__name__} {n!r}.",
        )
    n = int(n)
    if n > MAX_N or n < -MAX_N:
        raise CalendarError(
            f"{what}超出范围：{n}（绝对值不得超过 {MAX_N}）。",
            message_en=f"Day count out of range: {n} (absolute value at most {MAX_N}).",
        )
    return n


def _parse_row_date(value: object, where: str) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise CalendarError(
                f"{where}日期格式错误：{value!r}（应为 YYYY-MM-DD）。",
                message_en=f"{where}bad date {value!r} (expected YYYY-MM-DD).",
            ) from None
    try:
        return check_date(value)
    except CalendarError as exc:
        raise CalendarError(where + exc.message, message_en=where + exc.message_en) from None


class WorkCalendar:
    """The official working-day calendar over a contiguous run of announced years.

    Build it with :meth:`from_csv` (the shipped table) or :meth:`from_rows` (e.g. rows an
    administrator edited in the database). Instances are immutable after construction and
    safe to share between threads.
    """

    years: frozenset[int]
    first: date
    last: date

    def __init__(
        self,
        years: Iterable[int],
        special: dict[date, SpecialDay],
    ) -> None:
        years_set = frozenset(int(y) for y in years)
        if not years_set:
            raise CalendarError("工作日历没有任何年份。", message_en="The calendar has no years.")
        lo, hi = min(years_set), max(years_set)
        missing = sorted(set(range(lo, hi + 1)) - years_set)
        if missing:
            raise CalendarError(
                f"工作日历年份不连续：缺少 {'、'.join(str(y) for y in missing)} 年。",
                message_en=f"Calendar years are not contiguous: missing {missing}.",
            )
        first = date(lo, 1, 1)
        last = date(hi, 12, 31)
        for d in special:
            # A notice for the first year may fix days of the December before it (元旦).
            if d.year == lo - 1 and d.month == 12:
                first = min(first, d)
            elif not lo <= d.year <= hi:
                raise CalendarError(
                    f"{d.isoformat()} 不在工作日历的年份（{lo}–{hi} 年）之内。",
                    message_en=f"{d.isoformat()} lies outside the calendar's years {lo}-{hi}.",
                )
        self.years = years_set
        self.first = first
        self.last = last
        self._special = dict(sorted(special.items()))
        self._special_days = list(self._special)  # sorted, for bisect
        self._extended: dict[int, WorkCalendar] = {}  # extended(): one per year asked for
        self._build_index()

    # -- construction -------------------------------------------------------------------------

    def _build_index(self) -> None:
        o0 = self.first.toordinal()
        ndays = self.last.toordinal() - o0 + 1
        wd: list[bool] = []
        for i in range(ndays):
            d = date.fromordinal(o0 + i)
            sp = self._special.get(d)
            wd.append(sp.kind == "workday" if sp is not None else d.weekday() < 5)
        cum = [0] * (ndays + 1)
        wdates: list[date] = []
        wpos: list[int] = []
        c = 0
        for i, flag in enumerate(wd):
            if flag:
                c += 1
                wpos.append(i)
                wdates.append(date.fromordinal(o0 + i))
            cum[i + 1] = c
        self._o0 = o0
        self._ndays = ndays
        self._wd = wd
        self._cum = cum
        self._wdates = wdates
        self._nwd = len(wdates)
        self._year_before = (self.first - timedelta(days=1)).year
        self._year_after = self.last.year + 1
        # numpy twins for the vectorised forms; day numbers are days since 1970-01-01.
        self._np_base = o0 - _EPOCH_ORD
        self._np_cum = np.asarray(cum, dtype=np.int64)
        # For n > 0 the result's rank is after[i] + n; for n < 0 it is before[i] + n.
        self._np_after = self._np_cum[1:] - 1
        self._np_before = self._np_cum[:-1].copy()
        self._np_wdates = (np.asarray(wpos, dtype=np.int64) + self._np_base).astype("datetime64[D]")
        self._np_wd = np.asarray(wd, dtype=bool)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple], years: Iterable[int]) -> WorkCalendar:
        """Build from ``(date, kind, name)`` or ``(date, kind, name, source)`` rows.

        ``kind`` is ``'holiday'`` or ``'workday'``; ``date`` a ``date`` or an ISO string.
        ``years`` are the years whose notices are known (contiguous). A date listed twice, an
        unknown kind, or a row outside the known years is a :class:`CalendarError`.
        """
        special: dict[date, SpecialDay] = {}
        for lineno, row in enumerate(rows, start=1):
            where = f"第 {lineno} 条："
            if not isinstance(row, tuple | list) or len(row) not in (3, 4):
                raise CalendarError(
                    f"{where}应为（日期, 类别, 名称[, 来源]），收到 {row!r}。",
                    message_en=f"row {lineno}: expected (date, kind, name[, source]), got {row!r}.",
                )
            d = _parse_row_date(row[0], where)
            kind = str(row[1]).strip()
            if kind not in KINDS:
                raise CalendarError(
                    f"{where}类别错误：{kind!r}（应为 holiday 或 workday）。",
                    message_en=f"row {lineno}: bad kind {kind!r} (holiday or workday).",
                )
            name = str(row[2]).strip()
            source = str(row[3]).strip() if len(row) == 4 and row[3] is not None else ""
            if d in special:
                raise CalendarError(
                    f"{where}日期重复：{d.isoformat()}。",
                    message_en=f"row {lineno}: duplicate date {d.isoformat()}.",
                )
            special[d] = SpecialDay(d, kind, name, source)
        return cls(years, special)

    def extended(self, to_year: int) -> WorkCalendar:
        """A *provisional* calendar: this one with the unannounced years up to ``to_year``
        added as plain weeks (Monday to Friday working, no holidays, no make-up days).

        Only for a clock that must not block a statutory act while next year's notice is
        not out: its due date is marked provisional (待公布) and recomputed when the year is
        entered. The calendar itself never answers for an unannounced year
        (``provisional_years`` says which years were guessed).

        Made once per calendar and year: a to-do page asks it for every clock due next year
        (building the day index was ≈1 ms each, a fifth of the page at year's end)."""
        if to_year <= max(self.years):
            return self
        cal = self._extended.get(int(to_year))
        if cal is None:  # two threads at once may both build it: the same calendar either way
            years = set(self.years) | set(range(max(self.years) + 1, int(to_year) + 1))
            cal = WorkCalendar(years, self._special)
            cal.provisional_years = frozenset(years - self.years) | self.provisional_years
            self._extended[int(to_year)] = cal
        return cal

    #: years of an ``extended()`` calendar that are weekends-only guesses
    provisional_years: frozenset[int] = frozenset()

    @classmethod
    def from_csv(cls, path: str | Path | None = None) -> WorkCalendar:
        """Load the shipped ``holidays_cn.csv`` (or another file with the same columns).

        Columns ``date,kind,name,notice_year`` and optionally ``source``. The known years are
        the ``notice_year`` values present; a row must lie in its notice year or the December
        before it.
        """
        p = Path(path) if path is not None else DEFAULT_CSV
        rows: list[tuple[date, str, str, str]] = []
        years: set[int] = set()
        with p.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            header = tuple(reader.fieldnames or ())
            if header[:4] != CSV_HEADER:
                raise CalendarError(
                    f"工作日历文件表头错误：{','.join(header)}（应为 {','.join(CSV_HEADER)}[,source]）。",
                    message_en=f"Bad calendar header {header}; expected {CSV_HEADER}[+source].",
                )
            for lineno, rec in enumerate(reader, start=2):
                where = f"第 {lineno} 行："
                d = _parse_row_date(rec["date"], where)
                try:
                    ny = int(rec["notice_year"])
                except (TypeError, ValueError):
                    raise CalendarError(
                        f"{where}通知年份错误：{rec['notice_year']!r}。",
                        message_en=f"line {lineno}: bad notice_year {rec['notice_year']!r}.",
                    ) from None
                if d.year not in (ny, ny - 1):
                    raise CalendarError(
                        f"{where}{d.isoformat()} 不属于 {ny} 年的放假通知。",
                        message_en=f"line {lineno}: {d.isoformat()} is not in notice year {ny}.",
                    )
                years.add(ny)
                rows.append((d, rec["kind"], rec["name"], rec.get("source") or ""))
        return cls.from_rows(rows, years)

    # -- scalar operations --------------------------------------------------------------------

    def _index(self, d: object) -> int:
        if type(d) is not date:
            d = check_date(d)
        i = d.toordinal() - self._o0  # type: ignore[union-attr]
        if i < 0 or i >= self._ndays:
            raise UnknownYearError(d.year)  # type: ignore[union-attr]
        return i

    def is_workday(self, d: date) -> bool:
        """Whether ``d`` is a working day of the official calendar (see the module docstring)."""
        return self._wd[self._index(d)]

    def add_workdays(self, d: date, n: int) -> date:
        """The n-th working day after ``d`` (``d`` not counted, 民法典 Art.201).

        Negative ``n``: the |n|-th working day before ``d``. ``n == 0`` returns ``d`` itself.
        """
        if type(d) is not date:
            d = check_date(d)
        if type(n) is not int or n > MAX_N or n < -MAX_N:
            n = check_n(n)
        i = d.toordinal() - self._o0
        if i < 0 or i >= self._ndays:
            raise UnknownYearError(d.year)
        if n > 0:
            k = self._cum[i + 1] + n - 1
            if k >= self._nwd:
                raise UnknownYearError(self._year_after)
        elif n < 0:
            k = self._cum[i] + n
            if k < 0:
                raise UnknownYearError(self._year_before)
        else:
            return d
        return self._wdates[k]

    def workdays_between(self, a: date, b: date) -> int:
        """Working days in ``(a, b]``; if ``a > b``, minus the working days in ``[b, a)``.

        The start ``a`` is never counted and the end ``b`` always is, so
        ``workdays_between(a, add_workdays(a, n)) == n``.
        """
        if type(a) is not date:
            a = check_date(a)
        if type(b) is not date:
            b = check_date(b)
        o0, nd = self._o0, self._ndays
        ia = a.toordinal() - o0
        if ia < 0 or ia >= nd:
            raise UnknownYearError(a.year)
        ib = b.toordinal() - o0
        if ib < 0 or ib >= nd:
            raise UnknownYearError(b.year)
        cum = self._cum
        if ib >= ia:
            return cum[ib + 1] - cum[ia + 1]
        return cum[ib] - cum[ia]

    def next_workday(self, d: date, *, include_self: bool = True) -> date:
        """The first working day on or after ``d`` (strictly after it if not ``include_self``)."""
        i = self._index(d)
        if include_self and self._wd[i]:
            return d
        return self.add_workdays(d, 1)

    def previous_workday(self, d: date, *, include_self: bool = True) -> date:
        """The last working day on or before ``d`` (strictly before it if not ``include_self``)."""
        i = self._index(d)
        if include_self and self._wd[i]:
            return d
        return self.add_workdays(d, -1)

    def check(self, d: date) -> date:
        """Return ``d`` if the calendar covers it; else CalendarError / UnknownYearError."""
        self._index(d)
        return d

    def count_workdays(self, a: date, b: date) -> int:
        """Working days in the closed range ``[a, b]`` (0 if ``a > b``)."""
        ia, ib = self._index(a), self._index(b)
        return max(0, self._cum[ib + 1] - self._cum[ia])

    # -- explanations -------------------------------------------------------------------------

    def special_days(self, a: date, b: date) -> list[SpecialDay]:
        """Holidays and make-up working days in ``[a, b]`` (both must be covered), in order."""
        from bisect import bisect_left, bisect_right

        self._index(a)
        self._index(b)
        days = self._special_days
        lo, hi = bisect_left(days, a), bisect_right(days, b)
        return [self._special[d] for d in days[lo:hi]]

    def holiday_blocks(self, a: date, b: date) -> list[HolidayBlock]:
        """Holiday blocks that overlap ``[a, b]``, each with its full announced extent."""
        from bisect import bisect_left, bisect_right

        self._index(a)
        self._index(b)
        days = self._special_days
        spec = self._special
        lo, hi = bisect_left(days, a), bisect_right(days, b)
        blocks: list[HolidayBlock] = []
        seen_until: date | None = None
        for d in days[lo:hi]:
            sp = spec[d]
            if sp.kind != "holiday" or (seen_until is not None and d <= seen_until):
                continue
            start = end = d
            while (p := spec.get(start - timedelta(days=1))) is not None and (
                p.kind == "holiday" and p.name == sp.name
            ):
                start = p.day
            while (q := spec.get(end + timedelta(days=1))) is not None and (
                q.kind == "holiday" and q.name == sp.name
            ):
                end = q.day
            seen_until = end
            sources: list[str] = []
            for o in range(start.toordinal(), end.toordinal() + 1):
                src = spec[date.fromordinal(o)].source
                if src and src not in sources:
                    sources.append(src)
            blocks.append(HolidayBlock(sp.name, start, end, tuple(sources)))
        return blocks

    def special_day(self, d: date) -> SpecialDay | None:
        """The notice row for ``d``, if any."""
        self._index(d)
        return self._special.get(d)

    # -- vectorised operations ----------------------------------------------------------------

    def _vec_dates(self, dates: np.ndarray, what: str) -> np.ndarray:
        arr = np.asarray(dates)
        if arr.dtype == np.dtype("datetime64[D]"):
            return arr
        if arr.dtype.kind not in "MU" and arr.dtype != object:
            raise CalendarError(
                f"日期格式错误：{what}数组应为 datetime64[D]，收到 {arr.dtype}。",
                message_en=f"Bad date array: expected datetime64[D], got {arr.dtype}.",
            )
        try:
            return arr.astype("datetime64[D]")
        except (TypeError, ValueError):
            raise CalendarError(
                f"日期格式错误：{what}数组无法转换为日期。",
                message_en="Bad date array: cannot convert to datetime64[D].",
            ) from None

    def _vec_index(self, dates: np.ndarray, what: str = "日期") -> np.ndarray:
        """Day indexes of a date array; every element must be covered (checked by min/max)."""
        arr = self._vec_dates(dates, what)
        idx = arr.view(np.int64) - self._np_base
        if idx.size and (idx.min() < 0 or idx.max() >= self._ndays):
            if np.isnat(arr).any():
                raise CalendarError(
                    f"日期格式错误：{what}数组含有空值（NaT）。",
                    message_en="Bad date array: contains NaT.",
                )
            bad = arr[(idx < 0) | (idx >= self._ndays)].flat[0]
            raise UnknownYearError(int(bad.astype("datetime64[Y]").astype(np.int64)) + 1970)
        return idx

    def _vec_n(self, n: np.ndarray) -> tuple[np.ndarray, int, int]:
        arr = np.asarray(n)
        if arr.dtype.kind not in "iu":
            raise CalendarError(
                f"天数格式错误：应为整数数组，收到 {arr.dtype}。",
                message_en=f"Bad day counts: expected an integer array, got {arr.dtype}.",
            )
        arr = arr.astype(np.int64, copy=False)
        if not arr.size:
            return arr, 0, 0
        lo, hi = int(arr.min()), int(arr.max())
        if lo < -MAX_N or hi > MAX_N:
            raise CalendarError(
                f"天数超出范围（绝对值不得超过 {MAX_N}）。",
                message_en=f"Day count out of range (absolute value at most {MAX_N}).",
            )
        return arr, lo, hi

    def is_workday_vec(self, dates: np.ndarray) -> np.ndarray:
        """Vectorised :meth:`is_workday` over a ``datetime64[D]`` array."""
        return self._np_wd[self._vec_index(dates)]

    def add_workdays_vec(self, dates: np.ndarray, n: np.ndarray) -> np.ndarray:
        """Vectorised :meth:`add_workdays`; ``dates`` and ``n`` broadcast; returns datetime64[D].

        Same semantics and errors as the scalar form (an element out of range raises for the
        whole array).
        """
        idx = self._vec_index(dates)
        nn, lo, hi = self._vec_n(n)
        if nn.shape != idx.shape:
            idx, nn = np.broadcast_arrays(idx, nn)
        if not idx.size:
            return np.empty(idx.shape, dtype="datetime64[D]")
        if lo > 0:  # the common case: one gather for the rank, one for the date
            k = self._np_after[idx] + nn
        elif hi < 0:
            k = self._np_before[idx] + nn
        else:
            k = np.where(nn > 0, self._np_after[idx], self._np_before[idx]) + nn
            zero = nn == 0
            k[zero] = 0  # placeholder; replaced by the start date below
        if k.max() >= self._nwd:
            raise UnknownYearError(self._year_after)
        if k.min() < 0:
            raise UnknownYearError(self._year_before)
        out = self._np_wdates[k]
        if lo <= 0 <= hi:
            out[zero] = (idx[zero] + self._np_base).astype("datetime64[D]")
        return out

    def workdays_between_vec(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Vectorised :meth:`workdays_between` (same sign convention); returns int64."""
        ia = self._vec_index(a)
        ib = self._vec_index(b)
        if ia.shape != ib.shape:
            ia, ib = np.broadcast_arrays(ia, ib)
        after, before = self._np_after, self._np_before
        return np.where(ib >= ia, after[ib] - after[ia], before[ib] - before[ia])

    def __repr__(self) -> str:
        return f"<WorkCalendar {self.first.isoformat()}..{self.last.isoformat()}>"


_DEFAULT: WorkCalendar | None = None


def default_calendar() -> WorkCalendar:
    """The calendar built from the shipped CSV, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = WorkCalendar.from_csv()
    return _DEFAULT
