"""CLI commands for the calendar, the deadline calculator and ledger checkpoints."""

from __future__ import annotations

import argparse
import json

from django.utils.translation import gettext as _

from .cliutil import CliError, check_database


def cmd_calendar(args: argparse.Namespace) -> int:
    from .calendar import get_calendar
    from .deadlines import DeadlineInputError, parse_date
    from .workcal import CalendarError

    check_database()
    cal = get_calendar()
    try:
        if args.action == "add":
            if len(args.values) != 2:
                raise CliError(_("用法：fazhi calendar add 日期 天数"))
            day = parse_date(args.values[0])
            try:
                n = int(args.values[1])
            except ValueError:
                raise CliError(_("天数应为整数：%(v)s") % {"v": args.values[1]}) from None
            print(cal.add_workdays(day, n).isoformat())
        elif args.action == "between":
            if len(args.values) != 2:
                raise CliError(_("用法：fazhi calendar between 日期A 日期B"))
            a, b = parse_date(args.values[0]), parse_date(args.values[1])
            print(cal.workdays_between(a, b))
        else:
            if len(args.values) != 1 or not args.values[0].isdigit():
                raise CliError(_("用法：fazhi calendar show 年份"))
            year = int(args.values[0])
            if year not in cal.years:
                raise CliError(
                    _("工作日历未收录 %(y)d 年。已收录：%(a)d–%(b)d 年。")
                    % {"y": year, "a": min(cal.years), "b": max(cal.years)}
                )
            _show_year(year)
    except (CalendarError, DeadlineInputError) as exc:
        raise CliError(str(exc)) from exc
    return 0


def _show_year(year: int) -> None:
    from .models import CalendarDay, CalendarYear

    y = CalendarYear.objects.get(year=year)  # lint: allow R1 the calendar is public data
    print(_("%(y)d 年放假安排（依据：%(s)s）") % {"y": year, "s": y.source})
    for d in CalendarDay.objects.filter(notice_year=y).order_by("date"):
        kind = _("放假") if d.kind == "holiday" else _("调休上班")
        print(f"{d.date.isoformat()}  {'一二三四五六日'[d.date.weekday()]}  {kind:<4}  {d.name}")


def cmd_deadline(args: argparse.Namespace) -> int:
    from .deadlines import DeadlineInputError, calculate, catalogue

    check_database()
    if args.list:
        for rule, v in catalogue():
            mark = v.confirmed if v else "?"
            basis = f"{v.law}{v.article}" if v else ""
            flag = _("（未经确认）") if v and v.unconfirmed else ""
            print(f"{rule.code:<6} {mark} {rule.name}  —  {basis}{flag}")
        return 0
    if not args.code or not args.start:
        raise CliError(
            _(
                "用法：fazhi deadline 规则代码 起算日 [--pause 起..止] [--extend N] "
                "[--restart 日期] [--json]；fazhi deadline --list 列出全部规则"
            )
        )
    try:
        ans = calculate(
            args.code, args.start, pauses=args.pause, extend=args.extend, restart=args.restart
        )
    except DeadlineInputError as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        print(json.dumps(ans.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(ans.due.isoformat() + (" " + _("待公布") if ans.provisional else ""))
        for line in ans.lines:
            print(line)
    return 0


def cmd_indicators(args: argparse.Namespace) -> int:
    from django.db.models import Q

    from . import indicators
    from .models import Organisation

    check_database()
    if args.action == "list":
        for ind in sorted(indicators.REGISTRY.values(), key=lambda i: i.code):
            print(
                f"{ind.code}\t{ind.name}\t单位：{ind.unit}\t按{ind.date_basis}计入年度\t"
                f"{ind.definition}"
            )
        return 0
    if args.year is None:
        raise CliError(_("请用 --year 指定年度。"))
    org = None
    if args.org:
        org = Organisation.objects.filter(Q(name=args.org) | Q(short_name=args.org)).first()
        if org is None:
            raise CliError(_("找不到机构：%(o)s") % {"o": args.org})
    codes = sorted(indicators.REGISTRY) if args.all else [args.code]
    if not args.all and not args.code:
        raise CliError(
            _("用法：fazhi indicators show 指标代码 --year 年度 [--org 机构]（或 --all）")
        )
    for code in codes:
        try:
            fig = indicators.evaluate(code, year=args.year, org=org)
        except LookupError as exc:
            raise CliError(str(exc)) from exc
        if args.all:
            print(f"{fig.indicator.code}\t{fig.indicator.name}\t{fig.text}")
        else:
            print(fig.text)
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    from pathlib import Path

    from . import statedocs

    path = Path(args.output)
    path.write_text(statedocs.render(), encoding="utf-8")
    print(_("已生成 %(p)s") % {"p": path})
    return 0
