"""The work calendar kept in the database, and its services.

The rows live in ``CalendarDay``/``CalendarYear`` (shipped from ``workcal/holidays_cn.csv``,
each with its gov.cn notice, and edited by administrators when the State Council publishes a
new year); the arithmetic is the pure engine in ``fazhi.core.workcal``. ``get_calendar()``
rebuilds the engine's index only when the rows changed (one cheap query per call).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading
import time
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import clock, ledger
from .actions import register
from .dataexchange import writer
from .ledger import Actor, SystemActor
from .models import CalendarDay, CalendarYear, DayKind
from .scoping import require_admin
from .workcal import WorkCalendar

CALENDAR_YEAR_SAVE = register("calendar.year", gettext_lazy("保存工作日历年度"))
CALENDAR_DAY_SAVE = register("calendar.day", gettext_lazy("保存节假日或调休日"))
CALENDAR_DAY_DELETE = register("calendar.day_delete", gettext_lazy("删除节假日或调休日"))
CALENDAR_SEED = register("calendar.seed", gettext_lazy("载入官方工作日历"))
CALENDAR_PUBLISH = register("calendar.publish", gettext_lazy("工作日历年度生效"))

#: the seven statutory festivals every year's notice arranges (全国年节及纪念日放假办法)
FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
#: days off a notice usually lists (2019–2026: 27–33, weekends inside the blocks included)
USUAL_HOLIDAYS = (25, 36)
#: make-up working days a notice usually lists (2019–2026: 5–8)
USUAL_WORKDAYS = (3, 10)

_lock = threading.Lock()
_cached: tuple[tuple, WorkCalendar, float] | None = None
RECHECK_SECONDS = 5.0  # another process's edit shows within this; this process's at once


def _revision() -> tuple:
    """Every edit of a day also stamps its year's ``updated_at``, so one query tells."""
    agg = CalendarYear.objects.aggregate(n=Count("year"), at=Max("updated_at"))
    return (agg["n"], agg["at"])


def invalidate() -> None:
    """Forget the cached calendar (called by every service that edits it)."""
    global _cached
    with _lock:
        _cached = None


def get_calendar() -> WorkCalendar:
    """The calendar as the database holds it. The index is rebuilt only when the rows
    changed; whether they changed is asked at most every few seconds, so a page of clock
    cards costs no query per card."""
    global _cached
    now = time.monotonic()
    with _lock:
        if _cached is not None and now - _cached[2] < RECHECK_SECONDS:
            return _cached[1]
    rev = _revision()
    with _lock:
        if _cached is not None and _cached[0] == rev:
            _cached = (rev, _cached[1], now)
            return _cached[1]
    # only years in force: a year being entered is still unannounced for every computation
    rows = [
        (d.date, d.kind, d.name) for d in CalendarDay.objects.filter(notice_year__in_force=True)
    ]
    years = list(CalendarYear.objects.filter(in_force=True).values_list("year", flat=True))
    cal = WorkCalendar.from_rows(rows, years)
    with _lock:
        _cached = (rev, cal, now)
    return cal


def shipped_rows() -> list[dict]:
    from .workcal import engine

    path = engine.DEFAULT_CSV
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def seed_from_shipped(actor: Actor | None = None) -> int:
    """Load the shipped calendar into an empty table (first migrate, tests). Returns rows."""
    if CalendarYear.objects.exists():
        return 0
    actor = actor or SystemActor("系统（官方工作日历）")
    rows = shipped_rows()
    with transaction.atomic():
        now = clock.now()
        years: dict[int, str] = {}
        for r in rows:
            years.setdefault(int(r["notice_year"]), r["source"])
        CalendarYear.objects.bulk_create(
            [
                CalendarYear(year=y, source=src, updated_at=now, in_force=True)
                for y, src in sorted(years.items())
            ]
        )
        CalendarDay.objects.bulk_create(
            [
                CalendarDay(
                    date=dt.date.fromisoformat(r["date"]),
                    kind=r["kind"],
                    name=r["name"],
                    notice_year_id=int(r["notice_year"]),
                    source=r["source"],
                )
                for r in rows
            ]
        )
        invalidate()
        transaction.on_commit(invalidate)
        ledger.record(
            actor=actor, action=CALENDAR_SEED, data={"years": sorted(years), "days": len(rows)}
        )
    return len(rows)


def _clocks_follow(actor: Actor, why: str) -> None:
    """Open clocks follow the calendar: in the same transaction as the edit, every open
    clock's due date and 待公布 mark is recomputed against the edited calendar (a ledger
    event on each matter whose date changed)."""
    from . import clocks  # clocks reads the calendar: imported here, not at module level

    invalidate()
    clocks.recompute_open(actor=actor, reason=why)


def _require_admin(actor: Actor) -> None:
    """The calendar belongs to no organisation: any administrator keeps it."""
    require_admin(actor, message=_("只有系统管理员可以修改工作日历。"))


def year_save(
    *,
    actor: Actor,
    year: int,
    source: str,
    note: str = "",
    notice_number: str = "",
    notice_date: dt.date | None = None,
) -> CalendarYear:
    """Add (or update) a year from the State Council General Office's notice (文号, date,
    where it was published). A new year is not in force until ``year_publish``: until then
    every computation treats it as unannounced (clocks into it stay 待公布)."""
    _require_admin(actor)
    if not 2000 <= int(year) <= 2100:
        raise ValidationError(_("年份不正确：%(y)s") % {"y": year})
    if not source.strip():
        raise ValidationError(_("请填写该年度放假通知的出处（文号或网址）。"))
    with transaction.atomic():
        known = list(CalendarYear.objects.values_list("year", flat=True))
        if known and int(year) not in known and not (min(known) - 1 <= int(year) <= max(known) + 1):
            raise ValidationError(
                _("工作日历的年份须连续：已有 %(a)d–%(b)d 年，不能添加 %(y)d 年。")
                % {"a": min(known), "b": max(known), "y": int(year)}
            )
        if notice_date is not None and notice_date > clock.today():
            raise ValidationError(_("通知发布日期不能晚于今天。"))
        obj, created = CalendarYear.objects.update_or_create(
            year=int(year),
            defaults={
                "source": source.strip(),
                "note": note,
                "notice_number": notice_number.strip(),
                "notice_date": notice_date,
                "updated_at": clock.now(),
            },
            create_defaults={
                "source": source.strip(),
                "note": note,
                "notice_number": notice_number.strip(),
                "notice_date": notice_date,
                "updated_at": clock.now(),
                "in_force": False,
            },
        )
        invalidate()
        transaction.on_commit(invalidate)
        ledger.record(
            actor=actor,
            action=CALENDAR_YEAR_SAVE,
            subject=obj,
            data={
                "year": obj.year,
                "source": obj.source,
                "notice_number": obj.notice_number,
                "notice_date": obj.notice_date,
                "in_force": obj.in_force,
            },
        )
        if obj.in_force:
            _clocks_follow(actor, _("%(y)d年度工作日历变更") % {"y": obj.year})
    return obj


def year_anomalies(year: int) -> list[str]:
    """What is unusual about a year's entered days: no holidays at all, a count far from the
    usual, a statutory festival missing. Empty when the year looks like every notice."""
    days = list(CalendarDay.objects.filter(notice_year=year).values_list("kind", "name"))
    holidays = sum(1 for k, _n in days if k == DayKind.HOLIDAY)
    workdays = sum(1 for k, _n in days if k == DayKind.WORKDAY)
    out = []
    if holidays == 0:
        out.append(
            _("%(y)d年没有登记任何放假日期（春节等法定节假日将按工作日计算）。") % {"y": year}
        )
    elif not USUAL_HOLIDAYS[0] <= holidays <= USUAL_HOLIDAYS[1]:
        out.append(
            _("%(y)d年登记了%(n)d天放假，历年通常为%(a)d至%(b)d天。")
            % {"y": year, "n": holidays, "a": USUAL_HOLIDAYS[0], "b": USUAL_HOLIDAYS[1]}
        )
    if holidays and not USUAL_WORKDAYS[0] <= workdays <= USUAL_WORKDAYS[1]:
        out.append(
            _("%(y)d年登记了%(n)d天调休上班，历年通常为%(a)d至%(b)d天。")
            % {"y": year, "n": workdays, "a": USUAL_WORKDAYS[0], "b": USUAL_WORKDAYS[1]}
        )
    named = {part for _k, n in days for part in n.split("、")}
    missing = [f for f in FESTIVALS if f not in named]
    if holidays and missing:
        out.append(_("%(y)d年缺少这些节日的安排：%(f)s。") % {"y": year, "f": "、".join(missing)})
    return out


def workdays_in(year: int) -> int:
    """Working days of ``year`` by its entered days (in force or not): Monday–Friday, less
    the holidays on weekdays, plus the make-up weekend days."""
    days = {
        d: k for d, k in CalendarDay.objects.filter(date__year=year).values_list("date", "kind")
    }
    n = 0
    d = dt.date(year, 1, 1)
    while d.year == year:
        kind = days.get(d)
        n += kind == DayKind.WORKDAY if kind else d.weekday() < 5
        d += dt.timedelta(days=1)
    return n


def year_publish(*, actor: Actor, year: int, confirm_unusual: bool = False) -> CalendarYear:
    """Put an entered year in force: from now on it counts, and every open clock reaching
    into it is recomputed (its 待公布 mark goes). A year whose days look unusual
    (``year_anomalies``) needs ``confirm_unusual``, and stays flagged on the calendar page."""
    _require_admin(actor)
    with transaction.atomic():
        y = CalendarYear.objects.select_for_update().filter(year=year).first()
        if y is None:
            raise ValidationError(_("没有 %(y)d 年度，请先添加。") % {"y": year})
        known = set(CalendarYear.objects.filter(in_force=True).values_list("year", flat=True))
        if known and year not in known and year - 1 not in known and year + 1 not in known:
            raise ValidationError(
                _("工作日历的年份须连续：%(y)d 年的前一年尚未生效。") % {"y": year}
            )
        problems = year_anomalies(year)
        if problems and not confirm_unusual:
            raise ValidationError(
                [*problems, _("如确认与国务院办公厅通知一致，请勾选“确认天数异常属实”后再生效。")]
            )
        y.in_force, y.unusual_confirmed = True, bool(problems)
        y.updated_at = clock.now()
        y.save(update_fields=["in_force", "unusual_confirmed", "updated_at"])
        ledger.record(
            actor=actor,
            action=CALENDAR_PUBLISH,
            subject=y,
            data={"year": year, "anomalies": problems, "confirmed": bool(problems)},
        )
        _clocks_follow(actor, _("%(y)d年度工作日历生效") % {"y": year})
    return y


def day_save(
    *, actor: Actor, day: dt.date, kind: str, name: str, notice_year: int, source: str = ""
) -> CalendarDay:
    _require_admin(actor)
    if kind not in DayKind.values:
        raise ValidationError(_("类型应为放假或调休上班。"))
    if not name.strip():
        raise ValidationError(_("请填写节日名称。"))
    with transaction.atomic():
        year = CalendarYear.objects.select_for_update().filter(year=notice_year).first()
        if year is None:
            raise ValidationError(_("请先添加 %(y)d 年度（含放假通知出处）。") % {"y": notice_year})
        if kind == DayKind.WORKDAY and day.weekday() < 5:
            raise ValidationError(
                _("%(d)s 是工作日（周一至周五），不需要登记为调休上班。") % {"d": day}
            )
        before = CalendarDay.objects.filter(date=day).values("kind", "name").first() or {}
        obj, _c = CalendarDay.objects.update_or_create(
            date=day,
            defaults={
                "kind": kind,
                "name": name.strip(),
                "notice_year": year,
                "source": source.strip() or year.source,
            },
        )
        year.updated_at = clock.now()
        year.save(update_fields=["updated_at"])
        invalidate()
        transaction.on_commit(invalidate)
        ledger.record(
            actor=actor,
            action=CALENDAR_DAY_SAVE,
            subject=obj,
            data={"date": day, **ledger.diff(before, {"kind": kind, "name": obj.name})},
        )
        if year.in_force:
            _clocks_follow(actor, _("%(d)s 工作日历变更") % {"d": day})
    return obj


def day_delete(*, actor: Actor, day: dt.date) -> None:
    _require_admin(actor)
    with transaction.atomic():
        obj = CalendarDay.objects.select_for_update().filter(date=day).first()
        if obj is None:
            raise ValidationError(_("%(d)s 不是登记的节假日或调休日。") % {"d": day})
        CalendarYear.objects.filter(year=obj.notice_year_id).update(updated_at=clock.now())
        in_force = CalendarYear.objects.filter(year=obj.notice_year_id, in_force=True).exists()
        data = {"date": day, "kind": obj.kind, "name": obj.name}
        obj.delete()
        invalidate()
        transaction.on_commit(invalidate)
        ledger.record(actor=actor, action=CALENDAR_DAY_DELETE, data=data)
        if in_force:
            _clocks_follow(actor, _("%(d)s 工作日历变更") % {"d": day})


EXPORT_HEADER = ["date", "kind", "name", "notice_year", "source"]


def export_year_csv(year: int) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(EXPORT_HEADER)
    for d in CalendarDay.objects.filter(notice_year=year).order_by("date"):
        w.writerow(writer.csv_row([d.date.isoformat(), d.kind, d.name, d.notice_year_id, d.source]))
    return out.getvalue()


def import_year(
    *,
    actor: Actor,
    year: int,
    rows: Iterable[dict],
    source: str,
    notice_number: str = "",
    notice_date: dt.date | None = None,
    confirm_unusual: bool = False,
) -> int:
    """Replace one year's rows from CSV/Excel rows and put the year in force — all or
    nothing, every row checked first; an unusual year needs ``confirm_unusual``."""
    _require_admin(actor)
    parsed, errors = [], []
    for i, r in enumerate(rows, start=2):
        try:
            day = dt.date.fromisoformat(str(r.get("date", "")).strip()[:10])
        except ValueError:
            errors.append(
                _("第%(i)d行：日期格式错误（应为 YYYY-MM-DD）：%(v)s")
                % {"i": i, "v": r.get("date")}
            )
            continue
        kind = str(r.get("kind", "")).strip()
        if kind not in DayKind.values:
            errors.append(_("第%(i)d行：类型应为 holiday 或 workday：%(v)s") % {"i": i, "v": kind})
            continue
        if kind == DayKind.WORKDAY and day.weekday() < 5:
            errors.append(
                _("第%(i)d行：%(d)s 是周一至周五，不能登记为调休上班。") % {"i": i, "d": day}
            )
            continue
        if not str(r.get("name", "")).strip():
            errors.append(_("第%(i)d行：缺少节日名称。") % {"i": i})
            continue
        name, src = str(r["name"]).strip(), str(r.get("source", "") or source)
        parsed.append((day, kind, writer.unescape(name), writer.unescape(src)))
    if errors:
        raise ValidationError(errors)
    if not parsed:
        raise ValidationError(_("文件中没有任何日期。"))
    with transaction.atomic():
        y = year_save(
            actor=actor,
            year=year,
            source=source,
            notice_number=notice_number,
            notice_date=notice_date,
        )
        CalendarDay.objects.filter(notice_year=y).delete()
        CalendarDay.objects.bulk_create(
            [
                CalendarDay(date=d, kind=k, name=n, notice_year=y, source=s or y.source)
                for d, k, n, s in parsed
            ]
        )
        invalidate()
        transaction.on_commit(invalidate)
        ledger.record(
            actor=actor,
            action=CALENDAR_DAY_SAVE,
            subject=y,
            data={"imported": len(parsed), "year": year},
        )
        year_publish(actor=actor, year=year, confirm_unusual=confirm_unusual)
    return len(parsed)
