"""Kernel CLI commands (wired in ``fazhi.cli``)."""

from __future__ import annotations

import argparse
import sys

from django.core.exceptions import ValidationError

from fazhi.core.cliutil import CliError, check_database


def cmd_migrate(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    from fazhi.core import schemasnap

    check_database()
    if schemasnap.migrate(verbosity=1):  # an empty SQLite database: the migrated schema at once
        print("空数据库：已按迁移快照建表并核对迁移。")
    call_command("createcachetable", verbosity=0)  # the shared cache of the rate limits
    return 0


def cmd_createuser(args: argparse.Namespace) -> int:
    import getpass

    from django.db.models import Q

    from fazhi.core import services
    from fazhi.core.ledger import SystemActor
    from fazhi.core.models import Organisation

    check_database()
    org = Organisation.objects.filter(Q(name=args.org) | Q(short_name=args.org)).first()
    if org is None:
        raise CliError(f"找不到机构：{args.org}")
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("密码：")
        if password != getpass.getpass("再次输入密码："):
            raise CliError("两次输入的密码不一致。")
    actor = SystemActor("系统（命令行 createuser）")
    try:
        user = services.user_create(
            actor=actor,
            username=args.username,
            password=password,
            full_name=args.name,
            primary_org=org,
            is_superuser=args.role == "admin",
        )
        services.membership_grant(
            actor=actor, user=user, org=org, role=args.role, data_scope=args.scope
        )
    except ValidationError as exc:
        raise CliError("；".join(exc.messages)) from exc
    print(f"已创建用户 {user.username}（{org.name} · {args.role}）")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from fazhi.core import demo

    if args.list_steps:
        for name in demo.step_names():
            print(name)
        return 0
    check_database()
    _require_migrated()
    if demo.is_loaded():
        raise CliError("数据库中已有数据，演示数据只能载入空数据库。")
    try:
        demo.load(steps=args.step, verbose=print)
    except demo.UnknownStepError as exc:
        raise CliError(str(exc)) from exc
    print_logins()
    return 0


def print_logins() -> None:
    from fazhi.core import demo

    print(f"演示账户（密码均为 {demo.DEMO_PASSWORD}）：")
    for username, label, _org, role, _scope in demo.DEMO_USERS:
        print(f"  {username:<11} {label}（{role.label}）")
    for username, label, role in demo.EXTRA_LOGINS:
        print(f"  {username:<11} {label}（{role.label}）")
    print(
        "系统管理员、监督人员、负责人、法制审核人员须使用动态口令：首次登录时用手机上的身份验证器"
        "（任一 TOTP 应用）扫码或手动输入页面显示的密钥完成绑定，并保存显示的恢复码。"
    )


def _require_migrated() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise CliError("数据库尚未迁移，请先运行 fazhi migrate。")


def cmd_check(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    check_database()
    print(f"数据目录：{settings.HOME}")
    print(f"数据库：{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    try:
        call_command("check", deploy=True, fail_level="ERROR")
    except SystemCheckError as exc:
        raise CliError(str(exc).strip().splitlines()[0], 1) from exc
    for line in background_warnings():
        print(f"警告：{line}")
    return 0


def background_warnings() -> list[str]:
    """What ``fazhi check`` warns about beyond Django's checks: no task worker seen for a
    day (checkpoints, crawls and probes are not running), and a ledger key that is missing,
    readable by others, or kept inside the data directory in production."""
    import datetime as dt
    from pathlib import Path

    from django.conf import settings

    from fazhi.core import clock, fieldkey, ledgerkey, tasks
    from fazhi.core.models import LedgerEvent

    out = []
    first = LedgerEvent.objects.order_by("seq").values_list("at", flat=True).first()
    last = tasks.last_finished()
    day_ago = clock.now() - dt.timedelta(days=1)
    if first is not None and first < day_ago and (last is None or last < day_ago):
        out.append(
            "一天以上没有后台任务完成：后台任务进程（fazhi worker）似乎没有运行，"
            "检查点、网站抓取和探测都不会执行。"
        )
    try:
        ledgerkey.load()
    except ledgerkey.KeyError_ as exc:
        out.append(str(exc))
    key = Path(settings.LEDGER_KEY_PATH).resolve()
    if settings.HTTPS and str(key).startswith(str(Path(settings.HOME).resolve()) + "/"):
        out.append(
            f"台账密钥 {key} 位于数据目录内：生产环境请用 FAZHI_LEDGER_KEY 放到数据目录之外"
            "（见 docs/deploy.md）。"
        )
    if fieldkey.path().exists():
        try:
            fieldkey.load()
        except fieldkey.FieldKeyError as exc:
            out.append(str(exc))
    fkey = fieldkey.path().resolve()
    if settings.HTTPS and str(fkey).startswith(str(Path(settings.HOME).resolve()) + "/"):
        out.append(
            f"字段密钥 {fkey} 位于数据目录内：生产环境请用 FAZHI_FIELD_KEY 放到数据目录之外"
            "（见 docs/deploy.md）。"
        )
    return out


def cmd_ledger(args: argparse.Namespace) -> int:
    from fazhi.core import checkpoints, ledger, ledgerkey, ledgerstate

    if args.action == "keygen":
        from fazhi.core import fieldkey

        made = ledgerkey.create()
        print(
            f"已生成台账密钥：{ledgerkey.path()}（权限 600，请另行备份）"
            if made
            else f"台账密钥已存在：{ledgerkey.path()}，未改动。"
        )
        made = fieldkey.create()
        print(
            f"已生成字段密钥：{fieldkey.path()}（权限 600，请另行备份）"
            if made
            else f"字段密钥已存在：{fieldkey.path()}，未改动。"
        )
        return 0
    check_database()
    if args.action == "checkpoint":
        path = checkpoints.export()
        print(f"已导出签名检查点：{path}")
        if getattr(args, "print", False):
            print(checkpoints.witness_text(path), end="")
        return 0
    result = ledger.verify()
    if not result.ok:
        where = f"第 {result.first_bad_seq} 号事件。" if result.first_bad_seq else ""
        print(f"哈希链被破坏：{where}{result.problem}")
        return 1
    checked, problems = checkpoints.verify()
    for p in problems:
        print(f"检查点 {p.file}：{p.problem}")
    if problems:
        return 1
    print(f"哈希链完整：共 {result.checked} 个事件；与 {checked} 个签名检查点一致。")
    if getattr(args, "state", False):
        n, bad = ledgerstate.verify_state()
        for p in bad[:200]:
            print(p.line())
        if bad:
            print(f"业务记录与全过程记录不一致：{len(bad)} 条（共核对 {n} 条）。")
            return 1
        print(f"业务记录与全过程记录一致：共核对 {n} 条。")
    return 0
