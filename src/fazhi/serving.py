"""`fazhi up` and `fazhi serve`: a production server (granian, WSGI) with whitenoise.

Configuration from baselines.md, measured on these 2-core machines: granian, 2 workers,
one blocking thread each, persistent database connections — the best p99 of the servers tried.
"""

from __future__ import annotations

import argparse
import errno
import os
import socket
import subprocess
import sys

from fazhi.core.cliutil import CliError, check_database


def _port_free(host: str, port: int) -> None:
    if not 0 < port < 65536:
        raise CliError(f"端口号无效：{port}")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise CliError(f"端口 {host}:{port} 已被占用，请用 --port 换一个端口。", 4) from exc
            raise CliError(f"无法监听 {host}:{port}：{exc.strerror}", 4) from exc


def _collectstatic() -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)  # rate limits' shared cache (idempotent)


def _collectstatic_beside() -> subprocess.Popen:
    """collectstatic in its own process (copying and compressing ≈600 files is ≈5 s of CPU):
    on first run it overlaps the migration and the demo load instead of following them."""
    return subprocess.Popen(
        [sys.executable, "-m", "django", "collectstatic", "--noinput", "--verbosity", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_collectstatic(proc: subprocess.Popen) -> None:
    _out, err = proc.communicate()
    if proc.returncode != 0:
        last = (err or b"").decode(errors="replace").strip().splitlines()[-1:] or ["?"]
        raise CliError(f"静态文件收集失败：{last[0]}")


def _start_worker() -> subprocess.Popen:
    """The background task worker beside the server (checkpoints, crawls, probes); it stops
    with the server."""
    return subprocess.Popen([sys.executable, "-m", "fazhi.cli", "worker"])


def _run(host: str, port: int, workers: int, task_worker: bool = True) -> int:
    from django.conf import settings
    from granian import Granian
    from granian.constants import Interfaces

    os.environ["FAZHI_HOME"] = str(settings.HOME)
    print(
        f"fazhi 正在运行：http://{host}:{port}/ （门户网站）  "
        f"http://{host}:{port}/workspace/ （工作台）  按 Ctrl-C 停止。",
        flush=True,
    )
    worker = _start_worker() if task_worker else None
    try:
        Granian(
            "fazhi.wsgi:application",
            address=host,
            port=port,
            interface=Interfaces.WSGI,
            workers=workers,
            blocking_threads=1,
            log_access=False,
        ).serve()
    finally:
        if worker is not None:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
    print("fazhi 已停止。", flush=True)
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    """Run the Tasks framework's database worker, after making sure the nightly ledger
    checkpoint is scheduled."""
    from django.core.management import call_command

    from fazhi.core import tasks

    check_database()
    tasks.ensure_schedule()
    opts = {"batch": True} if getattr(args, "batch", False) else {}
    call_command("db_worker", interval=5, **opts)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    _port_free(args.host, args.port)
    if args.workers < 1 or args.workers > 64:
        raise CliError("--workers 应在 1 到 64 之间。")
    check_database()
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise CliError("数据库尚未迁移，请先运行 fazhi migrate。")
    _collectstatic()
    return _run(args.host, args.port, args.workers, task_worker=not args.no_task_worker)


def cmd_up(args: argparse.Namespace) -> int:

    from fazhi.core import demo, schemasnap
    from fazhi.core.commands import print_logins

    _port_free(args.host, args.port)
    check_database()
    static = _collectstatic_beside()
    try:
        schemasnap.migrate(verbosity=0)  # an empty SQLite database: no 50 s of migrating
        if not demo.is_loaded():
            print("首次运行：载入演示区（长沙市芙蓉区）……", flush=True)
            demo.load(verbose=lambda s: print("  " + s, flush=True))
    except BaseException:
        static.kill()
        raise
    print_logins()
    _wait_collectstatic(static)
    return _run(args.host, args.port, 2)
