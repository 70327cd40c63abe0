"""A throw-away PostgreSQL for the benchmarks: initdb + pg_ctl in a temporary directory on
127.0.0.1, as ``scripts/test`` does it (as the ``postgres`` OS user when run as root); stopped
and removed by ``stop()``. Scripts import it with their parent directory on ``sys.path``."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def pg_bin() -> Path:
    bins = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: [int(x) for x in p.parent.name.split(".") if x.isdigit()],
    )
    if not bins or not (bins[-1] / "initdb").exists():
        raise SystemExit("PostgreSQL not found under /usr/lib/postgresql (apt install postgresql)")
    return bins[-1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Postgres:
    def __init__(self, prefix: str = "fazhi-pg-bench.") -> None:
        self.bin = pg_bin()
        self.dir = Path(tempfile.mkdtemp(prefix=prefix))
        self.port = free_port()
        self.root = os.geteuid() == 0
        self.started = False
        if self.root:
            shutil.chown(self.dir, user="postgres")

    def _run(self, *args: str) -> None:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode != 0:
            logf = self.dir / "log"
            tail = logf.read_text()[-2000:] if logf.exists() else ""
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{res.stdout}{res.stderr}{tail}")

    def start(self, fast: bool) -> None:
        """Start (initdb on first start); ``fast`` = scripts/test's settings, no durability."""
        data = str(self.dir / "data")
        if not (self.dir / "data").exists():
            self._run(
                "initdb", "-D", data, "-U", "fazhi", "-A", "trust", "-E", "UTF8",
                "--locale=C.UTF-8",
            )  # fmt: skip
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir}"
        if fast:
            opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", data, "-l", str(self.dir / "log"), "-w", "-o", opts, "start")
        self.started = True

    def createdb(self, name: str) -> str:
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "fazhi", name)
        return f"postgres://fazhi@127.0.0.1:{self.port}/{name}"

    def version(self) -> str:
        out = subprocess.run([str(self.bin / "postgres"), "--version"], capture_output=True)
        found = re.search(r"\d+(\.\d+)+", out.stdout.decode())
        return found.group(0) if found else "?"

    def stop(self) -> None:
        if self.started:
            try:
                self._run("pg_ctl", "-D", str(self.dir / "data"), "stop", "-m", "fast")
            except Exception as exc:  # still remove the directory
                print(f"pg_ctl stop: {exc}", file=sys.stderr)
            self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)
