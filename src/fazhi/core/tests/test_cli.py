"""The CLI: one clear line and a non-zero exit for bad arguments, no database, a busy port."""

import os
import socket
import subprocess
import sys

import pytest

from fazhi.cli import main


def run(*args, env=None):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "fazhi.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().out


def test_bad_arguments_exit_2_with_one_line():
    result = run("serve", "--port", "eighty")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("fazhi serve: error: argument --port")
    assert "Traceback" not in result.stderr


def test_unreachable_database_is_one_line(tmp_path):
    result = run(
        "migrate",
        env={
            "FAZHI_HOME": str(tmp_path),
            "FAZHI_DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        },
    )
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fazhi migrate: 无法连接数据库：")


def test_port_in_use_is_one_line(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = run("serve", "--port", str(port), env={"FAZHI_HOME": str(tmp_path)})
    assert result.returncode == 4
    assert (
        result.stderr.strip()
        == f"fazhi serve: 端口 127.0.0.1:{port} 已被占用，请用 --port 换一个端口。"
    )


def test_serve_refuses_an_unmigrated_database(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run(
        "serve",
        "--port",
        str(port),
        env={
            "FAZHI_HOME": str(tmp_path),
            "FAZHI_DATABASE_URL": f"sqlite:///{tmp_path}/empty.sqlite3",
        },
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == "fazhi serve: 数据库尚未迁移，请先运行 fazhi migrate。"


@pytest.mark.django_db
def test_createuser_unknown_org_is_one_line(capsys):
    assert (
        main(["createuser", "x", "--org", "不存在的机构", "--role", "clerk", "--password-stdin"])
        == 2
    )
    assert capsys.readouterr().err.strip() == "fazhi createuser: 找不到机构：不存在的机构"
