"""Reading an uploaded spreadsheet without putting the server at risk.

The bytes go to a temporary file; a child process (``child.py``) with a capped address
space checks them (``xlsxguard``), reads the first sheet with python-calamine and writes
the rows, one per line, to another temporary file, which the server then reads one row at
a time. Whatever the file does to the reader — a dense allocation, a crash, an endless
loop — ends the child (killed after ``TIMEOUT_SECONDS``), and the upload is refused with a
message; the server keeps serving.

    with SheetReader(data) as rows:
        for number, cells in rows:   # Excel's row number, the cells from column A
            ...
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess  # nosec B404 - the reader's own child: fixed arguments, no shell
import sys
import tempfile
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from .xlsxguard import MAX_COLS, MAX_FILE_BYTES, MAX_ROWS

TIMEOUT_SECONDS = 600


def memory_mb() -> int:
    return int(getattr(settings, "IMPORT_READER_MEMORY_MB", 512))


class FileRefused(Exception):
    """The file as a whole cannot be imported; ``str()`` is the message for the user."""

    def __init__(self, code: str, params: dict[str, Any] | None = None):
        self.code, self.params = code, params or {}
        super().__init__(message(code, self.params))


def message(code: str, params: dict[str, Any]) -> str:
    """The user's message for a refusal code of the reader (in the active language)."""
    p = dict(params)
    texts = {
        "not_xlsx": _("无法读取文件，请上传 Excel（.xlsx）文件。"),
        "file_too_large": _("文件超过 %(mb)d MB，请拆分后再导入。"),
        "too_many_parts": _("文件结构异常（部件过多），已拒绝。"),
        "bomb": _("文件解压后过大（疑似压缩炸弹），已拒绝。"),
        "part_too_large": _("文件解压后过大（疑似压缩炸弹），已拒绝。"),
        "xml_dtd": _("文件含有 DTD 或实体声明（%(part)s），可能是 XXE 攻击，已拒绝。"),
        "xml_broken": _("文件内容已损坏（%(part)s），请用 Excel 重新保存后再导入。"),
        "external_link": _("文件含有外部链接，请另存为不含外部链接的工作簿后再导入。"),
        "macro": _("文件含有宏，请另存为 .xlsx 工作簿后再导入。"),
        "no_sheet": _("文件中没有工作表。"),
        "formula": _("单元格 %(cell)s 是公式，请把公式“选择性粘贴为数值”后再导入。"),
        "cell_too_long": _("单元格 %(cell)s 超过 %(limit)d 个字符。"),
        "too_many_rows": _("工作表在 %(cell)s 还有内容：一次最多导入 %(limit)d 行。"),
        "too_many_cols": _("工作表在 %(cell)s 还有内容：最多 %(limit)d 列。"),
        "reader_mismatch": _("文件读取不完整，未导入任何数据。"),
        "reader_crashed": _(
            "读取文件的进程异常退出（超出内存上限或文件结构异常），未导入任何数据。"
        ),
        "timeout": _("读取文件超时，未导入任何数据。"),
        "empty": _("文件是空的。"),
    }
    if code == "file_too_large":
        p["mb"] = MAX_FILE_BYTES // (1024 * 1024)
    if code == "too_many_rows":
        p["limit"] = MAX_ROWS
    try:
        return texts.get(code, texts["not_xlsx"]) % p
    except (KeyError, TypeError, ValueError):  # a refusal without its parameters
        return texts["not_xlsx"]


def _value(v: Any) -> Any:
    if isinstance(v, dict):
        if "d" in v:
            return dt.date.fromisoformat(v["d"])
        if "dt" in v:
            return dt.datetime.fromisoformat(v["dt"])
        if "t" in v:
            return dt.time.fromisoformat(v["t"])
        if "s" in v:
            return dt.timedelta(seconds=v["s"])
    return v


class SheetReader:
    """The first sheet's rows from the reading child (module docstring).

    The child writes its lines to a temporary file and ends; only then are they read, one
    at a time. So the child's wall-clock limit covers the reading alone — however long the
    import of its rows then takes — and its memory is returned before the import begins."""

    def __init__(self, data: bytes, *, guard: bool = True):
        if len(data) > MAX_FILE_BYTES:
            raise FileRefused("file_too_large")
        self.data, self.guard = data, guard
        self.paths: list[str] = []
        self.out = None
        self.facts: dict[str, Any] = {}

    def _temp(self, suffix: str) -> str:
        fd, path = tempfile.mkstemp(prefix="fazhi-import-", suffix=suffix)
        os.close(fd)
        self.paths.append(path)
        return path

    def __enter__(self) -> SheetReader:
        try:
            self._read()
        except BaseException:
            self.close()
            raise
        return self

    def _read(self) -> None:
        source, lines = self._temp(".xlsx"), self._temp(".jsonl")
        with open(source, "wb") as f:
            f.write(self.data)
        args = [sys.executable, "-m", "fazhi.core.dataexchange.child", source, str(memory_mb())]
        if not self.guard:
            args.append("--no-guard")
        with open(lines, "wb") as out, tempfile.TemporaryFile() as err:
            proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=out, stderr=err)  # nosec B603
            try:
                code = proc.wait(timeout=TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                raise FileRefused("timeout") from None
        self.out = open(lines, encoding="utf-8")
        # the copies are unlinked now (the rows stay readable through the open file), so an
        # import killed while writing rows leaves no copy of the upload in the temp directory
        self._unlink()
        first = self._line()
        if first is None or "refused" in first or code != 0:
            self._refuse(first if code == 0 else None)
        self.facts = first

    def _line(self) -> Any:
        if not (self.out is not None):
            raise RuntimeError("internal: self.out is not None")
        line = self.out.readline()
        if not line:
            return None
        try:
            return json.loads(line)
        except ValueError:
            return None

    def _refuse(self, doc: Any):
        if doc and "refused" in doc:
            raise FileRefused(doc["refused"], doc.get("params") or {})
        raise FileRefused("reader_crashed")

    def __iter__(self) -> Iterator[tuple[int, list[Any]]]:
        while True:
            doc = self._line()
            if isinstance(doc, list):
                n, cells = doc
                yield int(n), [_value(v) for v in cells[:MAX_COLS]]
            elif isinstance(doc, dict) and doc.get("end"):
                return
            else:
                self._refuse(doc)

    def close(self) -> None:
        if self.out is not None:
            self.out.close()
            self.out = None
        self._unlink()

    def _unlink(self) -> None:
        for path in self.paths:
            try:
                os.unlink(path)
            except OSError:
                pass
        self.paths = []

    def __exit__(self, *exc) -> None:
        self.close()
