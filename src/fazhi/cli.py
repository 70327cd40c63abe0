"""`fazhi …` — the command line for staff, administrators and scripts.

Every command sets Django up itself. Bad arguments, an unreachable database or a port in use
give one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from fazhi.core.cliutil import EXIT_USAGE, CliError


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()


COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], str]] = {}


def command(name: str, help_text: str, target: str):
    """Register a subcommand: ``target`` is ``module:function`` taking the parsed args."""

    def deco(add_args: Callable[[argparse.ArgumentParser], None]):
        COMMANDS[name] = (help_text, add_args, target)
        return add_args

    return deco


@command(
    "up", "首次运行：建库、迁移、载入演示数据并启动服务（127.0.0.1:8000）", "fazhi.serving:cmd_up"
)
def _up(p):
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument(
        "--step",
        action="append",
        metavar="名称",
        help="首次运行只载入这个演示数据步骤（可重复；默认全部，名称见 fazhi demo --list-steps）",
    )


@command("serve", "生产方式启动服务（不创建用户或演示数据）", "fazhi.serving:cmd_serve")
def _serve(p):
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument(
        "--no-task-worker",
        action="store_true",
        help="不启动后台任务进程（已由 systemd 的 fazhi-worker 服务运行时）",
    )


@command(
    "worker",
    "后台任务进程：定时检查点、网站监测的抓取和探测（fazhi serve 会自动启动）",
    "fazhi.serving:cmd_worker",
)
def _worker(p):
    p.add_argument("--batch", action="store_true", help="处理完已到期的任务后退出")


@command("migrate", "应用数据库迁移", "fazhi.core.commands:cmd_migrate")
def _migrate(p):
    pass


@command("createuser", "新建用户并授予岗位角色", "fazhi.core.commands:cmd_createuser")
def _createuser(p):
    p.add_argument("username")
    p.add_argument("--name", default="")
    p.add_argument("--org", required=True, help="机构名称或简称")
    p.add_argument(
        "--role",
        required=True,
        choices=[
            "clerk",
            "officer",
            "reviewer",
            "leader",
            "supervisor",
            "admin",
            "security",
            "audit",
        ],
        help="admin 系统管理员、security 安全管理员、audit 审计管理员（三权分立：须为不同账号）",
    )
    p.add_argument("--scope", choices=["all", "subtree", "org", "self"])
    p.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码")


@command(
    "demo",
    "向空数据库载入演示区（芙蓉区）的组织、用户和各模块演示数据",
    "fazhi.core.commands:cmd_demo",
)
def _demo(p):
    p.add_argument(
        "--step",
        action="append",
        metavar="名称",
        help="只载入这个演示数据步骤（可重复；默认全部，名称见 fazhi demo --list-steps）",
    )
    p.add_argument("--list-steps", action="store_true", help="列出已登记的演示数据步骤")


@command("check", "检查配置（含 Django 部署检查）与数据库连接", "fazhi.core.commands:cmd_check")
def _check(p):
    pass


@command(
    "ledger",
    "全过程记录：verify 校验哈希链（--state 同时核对业务记录）；checkpoint 导出签名检查点；"
    "keygen 生成台账密钥",
    "fazhi.core.commands:cmd_ledger",
)
def _ledger(p):
    p.add_argument("action", choices=["verify", "checkpoint", "keygen"])
    p.add_argument("--state", action="store_true", help="核对每条业务记录与其最后一次记录的状态")
    p.add_argument("--print", action="store_true", help="打印检查点，供外部见证人留存")


@command(
    "backup",
    "备份数据库（PostgreSQL：pg_dump；SQLite：在线备份）与附件、检查点、密钥为一个文件",
    "fazhi.core.backup:cmd_backup",
)
def _backup(p):
    p.add_argument("--output", "-o", help="备份文件（默认 fazhi-backup-日期时间.tar）")


@command(
    "restore",
    "从备份文件恢复到空的数据库和数据目录，并核对行数与哈希链",
    "fazhi.core.backup:cmd_restore",
)
def _restore(p):
    p.add_argument("archive")


@command(
    "calendar",
    "工作日历：add 日期 N / between A B / show 年份",
    "fazhi.core.cli_kernel:cmd_calendar",
)
def _calendar(p):
    p.add_argument("action", choices=["add", "between", "show"])
    p.add_argument("values", nargs="*")


@command(
    "deadline",
    "法定期限计算：规则代码 起算日 [--pause A..B] [--extend N] [--restart 日期]",
    "fazhi.core.cli_kernel:cmd_deadline",
)
def _deadline(p):
    p.add_argument("code", nargs="?")
    p.add_argument("start", nargs="?")
    p.add_argument("--pause", action="append", default=[], metavar="A..B")
    p.add_argument("--extend", metavar="N")
    p.add_argument("--restart", metavar="DATE")
    p.add_argument("--json", action="store_true")
    p.add_argument("--list", action="store_true", help="列出全部规则代码")


@command(
    "indicators",
    "指标：list 列出全部；show 代码 --year 年度 [--org 机构] [--all]；"
    "export --year 年度 [--org 机构] [--codes 代码,…] [--from 日期 --to 日期] [-o 文件.xlsx]",
    "fazhi.reports.commands:cmd_indicators",
)
def _indicators(p):
    p.add_argument("action", choices=["list", "show", "export"])
    p.add_argument("code", nargs="?")
    p.add_argument("--year", type=int)
    p.add_argument("--org")
    p.add_argument("--all", action="store_true")
    p.add_argument("--codes", default="")
    p.add_argument("--from", dest="start", default="")
    p.add_argument("--to", dest="end", default="")
    p.add_argument("-o", "--output")


@command("docs", "由各事项的流转表生成状态图（docs/states.md）", "fazhi.core.cli_kernel:cmd_docs")
def _docs(p):
    p.add_argument("--output", default="docs/states.md")


@command(
    "monitor",
    "网站监测：crawl 站点 / check 网址或文件 / bulletin 月份 / probe / compare 可疑页面",
    "fazhi.monitor.commands:cmd_monitor",
)
def _monitor(p):
    p.add_argument("action", choices=["crawl", "check", "bulletin", "probe", "sites", "compare"])
    p.add_argument("args", nargs=argparse.REMAINDER)


@command(
    "import",
    "从Excel导入名册：名册 文件.xlsx [--org 机构] [--dry-run] [--valid-rows-only]；--list 列出全部名册",
    "fazhi.core.dataexchange.commands:cmd_import",
)
def _import(p):
    p.add_argument("register", nargs="?", help="名册（fazhi import --list）")
    p.add_argument("file", nargs="?", help="Excel 文件（.xlsx）")
    p.add_argument("--org", help="导入到哪个机构（名称或简称）：只在其范围内查找")
    p.add_argument("--user", help="以该用户的身份、角色和数据范围导入（默认：系统）")
    p.add_argument("--dry-run", action="store_true", help="只检查，不导入")
    p.add_argument("--valid-rows-only", action="store_true", help="只导入无误的行")
    p.add_argument("--list", action="store_true", help="列出全部名册及其各列")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    p.add_argument("--progress", action="store_true", help="显示进度（终端中默认显示）")


@command(
    "export",
    "把名册导出为Excel：名册 [--year 年度] [--org 机构] -o 文件.xlsx",
    "fazhi.core.dataexchange.commands:cmd_export",
)
def _export(p):
    p.add_argument("register", help="名册（fazhi import --list）")
    p.add_argument("--year", type=int)
    p.add_argument("--org", help="机构名称或简称（含下级）")
    p.add_argument("--user", help="以该用户的数据范围导出（默认：系统）")
    p.add_argument("-o", "--output", required=True, help="输出文件（.xlsx）")


@command(
    "report",
    "法治政府建设年度报告：annual 年度 [--org 机构] [-o 目录]（DOCX、HTML，有 LibreOffice 时另出 PDF）",
    "fazhi.reports.commands:cmd_report",
)
def _report(p):
    p.add_argument("kind", choices=["annual"])
    p.add_argument("year", type=int)
    p.add_argument("--org")
    p.add_argument("-o", "--output", default=".")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fazhi", description="法治 — 法治政府建设工作平台")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, add_args, _target) in COMMANDS.items():
        add_args(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def _resolve(target: str) -> Callable[[argparse.Namespace], int]:
    import importlib

    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    # argparse exits with status 2 and a one-line message on bad arguments already.
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    try:
        setup_django()
        return int(_resolve(COMMANDS[args.command][2])(args) or 0)
    except CliError as exc:
        print(f"fazhi {args.command}: {exc}", file=sys.stderr)
        return exc.code
    except BrokenPipeError:  # `fazhi deadline --list | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("已停止。", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if _debug():
            raise
        print(f"fazhi {args.command}: 出错：{exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 1


def _debug() -> bool:
    """FAZHI_DEBUG as the settings read it (settings.py is the one reader of the environment);
    false when the settings themselves could not load."""
    try:
        from django.conf import settings

        return bool(settings.DEBUG)
    except Exception:
        return False


if __name__ == "__main__":
    sys.exit(main())
