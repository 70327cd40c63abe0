"""The reading process: ``python -m fazhi.core.dataexchange.child FILE MEMORY_MB [--no-guard]``.

Uploads are read here, never in a server worker: the process caps its own address space
(``RLIMIT_AS``) and CPU time before it imports the spreadsheet library, runs the pre-pass
(``xlsxguard``) and only then lets python-calamine read the first sheet. If a reader still
misbehaves — a bug, a version that allocates by a new field — the kernel ends this process,
not the server. ``--no-guard`` skips the pre-pass; only the tests use it, to show the cap.

Output, one JSON document per line on stdout: first ``{"refused": code, "params": {…}}`` or
``{"ok": true, "rows": …}``, then each row from the sheet's first line on, as
``[row_number, [cell, …]]`` and a last ``{"end": true}`` (dates as ``{"d": "2019-05-20"}``, date-times as ``{"dt": …}``,
times as ``{"t": …}``, durations as ``{"s": seconds}``). Nothing from Django is imported.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import resource
import sys

CPU_SECONDS = 300


def _cap(memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _cell(v):
    if isinstance(v, dt.datetime):
        return {"dt": v.isoformat()}
    if isinstance(v, dt.date):
        return {"d": v.isoformat()}
    if isinstance(v, dt.time):
        return {"t": v.isoformat()}
    if isinstance(v, dt.timedelta):
        return {"s": v.total_seconds()}
    if v == "":
        return None
    return v


def _emit(out, doc) -> None:
    out.write(json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    out.write("\n")


def main(argv: list[str]) -> int:
    path, memory_mb = argv[0], int(argv[1])
    _cap(memory_mb)
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", write_through=False)
    with open(path, "rb") as f:
        data = f.read()
    from fazhi.core.dataexchange import xlsxguard

    facts = None
    if "--no-guard" not in argv:
        try:
            facts = xlsxguard.inspect(data)
        except xlsxguard.Refused as exc:
            _emit(out, {"refused": exc.code, "params": exc.params})
            out.flush()
            return 0
    from python_calamine import CalamineWorkbook

    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    except Exception:  # the library's errors are many; any of them means "not readable"
        _emit(out, {"refused": "not_xlsx", "params": {}})
        out.flush()
        return 0
    del data
    start_row, start_col = sheet.start or (0, 0)
    _emit(
        out,
        {
            "ok": True,
            "rows": facts.rows if facts else None,
            "cols": facts.cols if facts else None,
            "declared": facts.declared if facts else "",
        },
    )
    # python-calamine's iter_rows() starts at the sheet's first row but at the first used
    # column; other versions start both at the used area. Tell them apart by the first row
    # (the used area's first row always holds a value) and check the count at the end.
    rows = sheet.iter_rows()
    first = next(rows, None)
    if first is None:
        _emit(out, {"end": True, "rows": 0})
        out.flush()
        return 0
    absolute_rows = start_row > 0 and all(v == "" for v in first)
    n = 1 if absolute_rows else start_row + 1
    pad = [None] * start_col if len(first) == sheet.width else []
    for row in _chain(first, rows):
        cells = pad + [_cell(v) for v in row]
        while cells and cells[-1] is None:
            cells.pop()
        if cells:
            _emit(out, [n, cells])
        n += 1
    last = (sheet.end or (0, 0))[0] + 1
    if n - 1 != last:
        _emit(out, {"refused": "reader_mismatch", "params": {"rows": n - 1, "last": last}})
    else:
        _emit(out, {"end": True, "rows": n - 1})
    out.flush()
    return 0


def _chain(first, rest):
    yield first
    yield from rest


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
