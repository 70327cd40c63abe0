"""``fazhi import`` and ``fazhi export`` (wired in ``fazhi.cli``).

    fazhi import --list
    fazhi import REGISTER FILE.xlsx [--org ORG] [--user NAME] [--dry-run] [--valid-rows-only]
    fazhi export REGISTER [--year Y] [--org ORG] [--user NAME] -o FILE.xlsx

Without ``--user`` the command acts as the system (the operator of the server) and sees every
organisation; with it, as that user: their roles, their data scope, their language. A file
refused as a whole (unknown register, not a workbook, wrong headers, an organisation out of
scope…) is one line on stderr and exit status 2; rows with errors are listed, nothing is
imported and the exit status is 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _

from ..cliutil import CliError, check_database

ROW_ERRORS = 1


def _actor(args: argparse.Namespace, what: str):
    from ..ledger import SystemActor
    from ..models import User

    if not getattr(args, "user", None):
        return SystemActor(_("系统（命令行 %(w)s）") % {"w": what})
    user = User.objects.filter(username=args.user, is_active=True).first()
    if user is None:
        raise CliError(_("找不到用户：%(u)s") % {"u": args.user})
    return user


def _language(args: argparse.Namespace) -> str:
    """The language of ``--user`` (the command speaks it), else the site's."""
    from django.conf import settings

    from ..models import User

    if getattr(args, "user", None):
        lang = User.objects.filter(username=args.user).values_list("language", flat=True).first()
        if lang:
            return lang
    return settings.LANGUAGE_CODE


def _org(args: argparse.Namespace):
    from django.db.models import Q

    from ..models import Organisation

    if not args.org:
        return None
    org = Organisation.objects.filter(Q(name=args.org) | Q(short_name=args.org)).first()
    if org is None:
        raise CliError(_("单位“%(n)s”不存在或不在您的数据范围内。") % {"n": args.org})
    return org


def print_list(out=None) -> None:
    from . import exporting, registry

    out = out or sys.stdout
    for reg in registry.all_registers():
        ways = [w for w, ok in ((_("导入"), reg.importable), (_("导出"), reg.exportable)) if ok]
        print(f"{reg.name}  {reg.title}（{'、'.join(ways)}）", file=out)
        for c in exporting.describe(reg):
            need = _("必填") if c["required"] else _("可空")
            fmt = c["format"]
            if c["max_length"]:
                fmt += _("，最多 %(n)d 字") % {"n": c["max_length"]}
            print(f"  {c['header']}\t{need}\t{c['meaning']}\t{fmt}".rstrip(), file=out)
        print(file=out)


class _Bar:
    """A progress line on stderr for long files (only when stderr is a terminal, or asked)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.start = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        rate = done / max(time.monotonic() - self.start, 1e-6)
        width = 30
        filled = int(width * done / total) if total else 0
        bar = "#" * filled + "." * (width - filled)
        sys.stderr.write(
            "\r"
            + _("导入 [%(b)s] %(d)d/%(t)d 行，%(r)d 行/秒")
            % {"b": bar, "d": done, "t": total, "r": rate}
        )
        sys.stderr.flush()

    def end(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def cmd_import(args: argparse.Namespace) -> int:
    check_database()
    with translation.override(_language(args)):
        return _import(args)


def _import(args: argparse.Namespace) -> int:
    from . import runner
    from .values import ImportFileError

    if args.list:
        print_list()
        return 0
    if not args.register or not args.file:
        raise CliError(_("用法：fazhi import 名册 文件.xlsx（fazhi import --list 列出全部名册）"))
    path = Path(args.file)
    if not path.is_file():
        raise CliError(_("找不到文件：%(f)s") % {"f": args.file})
    actor = _actor(args, "import")
    bar = _Bar(args.progress or sys.stderr.isatty())
    try:
        result = runner.run(
            args.register,
            actor=actor,
            data=path.read_bytes(),
            filename=path.name,
            org=_org(args),
            dry_run=args.dry_run,
            valid_rows_only=args.valid_rows_only,
            progress=bar,
        )
    except ImportFileError as exc:
        bar.end()
        raise CliError(str(exc)) from exc
    bar.end()
    if args.json:
        import json

        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=1))
        return 0 if result.ok else ROW_ERRORS
    for e in result.errors:
        print(str(e))
    if result.error_count > len(result.errors):
        print(_("……另有 %(n)d 处错误未列出。") % {"n": result.error_count - len(result.errors)})
    print(summary(result))
    return 0 if result.ok else ROW_ERRORS


def summary(result) -> str:
    if result.already is not None:
        run = result.already
        return _(
            "这份文件（SHA-256 %(h)s）已于 %(at)s 由 %(who)s 导入（%(n)d 行），本次没有新增任何数据。"
        ) % {
            "h": result.sha256[:12],
            "at": run.finished_at.strftime("%Y-%m-%d %H:%M") if run.finished_at else "",
            "who": run.actor_name,
            "n": run.rows,
        }
    counts = {
        "rows": result.rows,
        "a": result.added,
        "u": result.updated,
        "s": result.unchanged,
        "e": result.error_count,
        "f": result.failed_rows,
    }
    if result.dry_run:
        return (
            _(
                "检查完毕（未导入）：共 %(rows)d 行，%(e)d 处错误；可新增 %(a)d 行，与系统中一致 %(s)d 行。"
            )
            % counts
        )
    if not result.ok and not result.added and not result.updated:
        return _("未导入任何数据：共 %(rows)d 行，%(f)d 行有误（%(e)d 处错误）。") % counts
    return (
        _(
            "已导入：共 %(rows)d 行，新增 %(a)d 行，更新 %(u)d 行，与系统中一致 %(s)d 行，跳过有误的 %(f)d 行。"
        )
        % counts
    )


def cmd_export(args: argparse.Namespace) -> int:
    check_database()
    with translation.override(_language(args)):
        return _export(args)


def _export(args: argparse.Namespace) -> int:
    from . import exporting
    from .values import ImportFileError

    actor = _actor(args, "export")
    try:
        data = exporting.export(args.register, actor=actor, org=_org(args), year=args.year)
    except ImportFileError as exc:
        raise CliError(str(exc)) from exc
    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        raise CliError(_("输出文件须以 .xlsx 结尾：%(f)s") % {"f": args.output})
    out.write_bytes(data)
    print(_("已导出到 %(f)s（%(n)d 字节）") % {"f": out, "n": len(data)})
    return 0
