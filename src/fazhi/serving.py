"""`fazhi up` and `fazhi serve`: a production server (granian, WSGI) with whitenoise.

Configuration from baselines.md, measured on these 2-core machines: granian, 2 workers,
one blocking thread each, persistent database connections — the best p99 of the servers tried.
"""

from __future__ import annotations

import argparse
import errno
import os
import signal
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


def _run(
    host: str, port: int, workers: int, task_worker: bool = True, announce: bool = True
) -> int:
    from django.conf import settings
    from granian import Granian
    from granian.constants import Interfaces

    os.environ["FAZHI_HOME"] = str(settings.HOME)
    if announce:
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
    if announce:
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
    from fazhi.core import firstrun

    if firstrun.status() is not None:
        raise CliError(
            "数据目录中的首次运行（fazhi up）尚未完成：请再次运行 fazhi up 载入演示数据。"
        )
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise CliError("数据库尚未迁移，请先运行 fazhi migrate。")
    _collectstatic()
    return _run(args.host, args.port, args.workers, task_worker=not args.no_task_worker)


def _sqlite_file():
    """The embedded database's file, or ``None`` when the database is a server."""
    from pathlib import Path

    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3") and str(db["NAME"]) not in ("", ":memory:"):
        return Path(db["NAME"]).resolve()
    return None


def cmd_up(args: argparse.Namespace) -> int:
    from django.db import connections

    from fazhi.core import demo, firstrun, schemasnap
    from fazhi.core.commands import print_logins

    _port_free(args.host, args.port)
    unknown = set(args.step or ()) - set(demo.step_names())
    if unknown:
        raise CliError(
            f"没有这个演示数据步骤：{'、'.join(sorted(unknown))}（见 fazhi demo --list-steps）"
        )
    check_database()
    db = _sqlite_file()
    if db is not None and firstrun.status() is not None:
        print("上次首次运行未完成：丢弃未载入完的演示数据，重新载入。", flush=True)
        connections.close_all()
        firstrun.discard(db)
        firstrun.clear_status()
    elif firstrun.status() is not None:  # left by an embedded first run; this one is a server's
        firstrun.clear_status()
    static = _collectstatic_beside()
    try:
        schemasnap.migrate(verbosity=0)  # an empty SQLite database: no 50 s of migrating
        fresh = not demo.is_loaded()
        if fresh and db is None:  # a database server: loaded before serving, as `fazhi demo`
            print("首次运行：载入演示区（长沙市芙蓉区）……", flush=True)
            demo.load(steps=args.step, verbose=lambda s: print("  " + s, flush=True))
    except BaseException:
        static.kill()
        raise
    if fresh and db is not None:
        return _up_first_run(args, db, static)
    print_logins()
    _wait_collectstatic(static)
    return _run(args.host, args.port, 2)


def _up_first_run(args: argparse.Namespace, db, static: subprocess.Popen) -> int:
    """An empty embedded database: serve the kernel's demo at once and build the whole demo
    beside it, then restart on the built file (``fazhi.core.firstrun``)."""
    from collections import deque

    from django.conf import settings
    from django.db import connections

    from fazhi.core import demo, fieldkey, firstrun, ledgerkey
    from fazhi.core.commands import print_logins

    # Stopped by SIGTERM or a closed terminal as by Ctrl-C: the children are stopped too
    # (below) instead of building and serving on without their parent.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.default_int_handler)
    names = [n for n in demo.step_names() if args.step is None or n in set(args.step)]
    firstrun.write_status(total=len(names), done=0, current=names[0] if names else "")
    builder = server = None
    try:
        print("首次运行：载入演示区（长沙市芙蓉区）……", flush=True)
        demo.load(steps=[], verbose=lambda s: print("  " + s, flush=True))
        connections.close_all()
        ledgerkey.create()  # both processes sign and encrypt with this installation's keys:
        fieldkey.create()  # made now, so neither reads a key file the other is still writing
        building = firstrun.building_path(db)
        for f in firstrun.sqlite_files(building):
            f.unlink(missing_ok=True)
        env = {
            **os.environ,
            "FAZHI_DATABASE_URL": f"sqlite:///{building}",
            "FAZHI_HOME": str(settings.HOME),
            "PYTHONUNBUFFERED": "1",
        }
        cmd = [sys.executable, "-m", "fazhi.core.firstrun", str(building)]
        cmd += [f"--step={s}" for s in args.step or ()]
        builder = subprocess.Popen(
            cmd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        _wait_collectstatic(static)
        server = _serve_preview(args.host, args.port)
        print(
            f"fazhi 正在运行：http://{args.host}:{args.port}/ （门户网站）  "
            f"http://{args.host}:{args.port}/workspace/ （工作台）  按 Ctrl-C 停止。\n"
            f"演示数据正在后台载入（{len(names)} 步，约两分钟）：此间可浏览，"
            "载入完成后服务自动重启，即可登录。",
            flush=True,
        )
        tail: deque[str] = deque(maxlen=20)
        for line in builder.stdout or ():
            if not line.startswith("  组织机构："):  # printed once already, for the preview
                print(line, end="", flush=True)
            tail.append(line.strip())
        code = builder.wait()
        _stop(server)
        if code != 0:
            last = next((t for t in reversed(tail) if t), f"退出码 {code}")
            raise CliError(f"演示数据载入失败：{last}。再次运行 fazhi up 会重新载入。")
        firstrun.install_built(db)
        firstrun.clear_status()
    except BaseException:
        static.kill()
        for proc in (builder, server):
            if proc is not None:
                _stop(proc)
        raise
    print("演示数据载入完成，服务重新启动。", flush=True)
    print_logins()
    return _run(args.host, args.port, 2)


def _serve_preview(host: str, port: int) -> subprocess.Popen:
    """The server on the kernel's demo while the whole demo is built: a child process, so
    it can be stopped before the built file takes the database's place (no task worker:
    its schedules belong to the database that stays)."""
    code = (
        "import sys\n"
        "from fazhi.cli import setup_django\n"
        "setup_django()\n"
        "from fazhi.serving import _run\n"
        "sys.exit(_run(sys.argv[1], int(sys.argv[2]), 2, task_worker=False, announce=False))"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, host, str(port)],
        start_new_session=True,  # Ctrl-C reaches the parent only, which stops it (_stop)
        preexec_fn=_die_with_parent,
    )


def _die_with_parent() -> None:
    """In a child, before it runs: ask Linux for SIGTERM when ``fazhi up`` ends, however it
    ends (killed too), so no server or build outlives it. Elsewhere: nothing."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()  # granian shuts down gracefully on SIGTERM; the build just ends
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
