"""Kernel CLI commands (wired in ``fazhi.cli``)."""

from __future__ import annotations

import argparse
import sys

from django.core.exceptions import ValidationError

from fazhi.core.cliutil import CliError, check_database


def cmd_migrate(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    check_database()
    call_command("migrate", interactive=False, verbosity=1)
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

    check_database()
    _require_migrated()
    if demo.is_loaded():
        raise CliError("数据库中已有数据，演示数据只能载入空数据库。")
    demo.load(verbose=print)
    print_logins()
    return 0


def print_logins() -> None:
    from fazhi.core import demo

    print(f"演示账户（密码均为 {demo.DEMO_PASSWORD}）：")
    for username, label, _org, role, _scope in demo.DEMO_USERS:
        print(f"  {username:<11} {label}（{role.label}）")
    for username, label, role in demo.EXTRA_LOGINS:
        print(f"  {username:<11} {label}（{role.label}）")


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
    return 0


def cmd_ledger(args: argparse.Namespace) -> int:
    from fazhi.core import checkpoints, ledger

    check_database()
    if args.action == "checkpoint":
        print(f"已导出签名检查点：{checkpoints.export()}")
        return 0
    result = ledger.verify()
    if not result.ok:
        print(f"哈希链被破坏：第 {result.first_bad_seq} 号事件。{result.problem}")
        return 1
    checked, problems = checkpoints.verify()
    for p in problems:
        print(f"检查点 {p.file}：{p.problem}")
    if problems:
        return 1
    print(f"哈希链完整：共 {result.checked} 个事件；与 {checked} 个签名检查点一致。")
    return 0
