#!/usr/bin/env python3
"""fazhi's own lint rules: the dangers generic linters do not know about.

Run by the test command's gate. Each rule names where it applies, with a bad and a good line.

R1  fetch through scoped queries in views, API and portal code
      bad:  case = Case.objects.get(pk=pk)
      good: case = scoping.get_for(request.user, Case, pk)
R2  faces never write models: writes go through services (which check the role and append
    the ledger event). Faces are views*, api*, portal, commands and cli* modules (and
    packages of those names): .save(, .delete(, bulk_create(, bulk_update(, and
    .objects….create/update/delete/get_or_create/update_or_create( are refused there.
      bad:  obj.save()   /   Case.objects.filter(pk=pk).update(status="closed")
      good: services.case_update(actor=request.user, case=obj, ...)
R3  nobody updates or deletes ledger events
      bad:  LedgerEvent.objects.filter(...).update(...)   /   event.delete()
      good: ledger.record(...)       (append only)
R4  the wall clock is read only in fazhi.core.clock
      bad:  datetime.now()  /  date.today()  /  timezone.now()
      good: clock.now()  /  clock.today()
R5  faces never move a matter themselves: a move that needs data (a date, a number, a
    decision) is reachable only through the service that supplies it
      bad:  workflow.transition(actor=request.user, matter=case, to="closed")
      good: cases.close(actor=request.user, case=case, on=on)
R6  Excel files are written only through fazhi.core.dataexchange.writer (no cell a formula)
      bad:  book = xlsxwriter.Workbook(buf); ws.write(r, c, value)
      good: book, buf, fmt = writer.new_book(); writer.write_cell(ws, r, c, value)

Tests, benchmarks and migrations are exempt. ``# lint: allow R<n> <reason>`` on the line
exempts one line, with its reason.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "fazhi"

FACE = re.compile(r"(^|/)(views[a-z_]*|api[a-z_]*|portal|commands|cli[a-z_]*)(\.py|/)")
RULES = [
    (
        "R1",
        FACE,
        re.compile(r"\.objects\.get\("),
        "fetch through scoping.get_for(), not .objects.get()",
    ),
    (
        "R2",
        FACE,
        re.compile(
            r"\.save\(|\.delete\(|\bbulk_(create|update)\(|"
            r"\.objects\.[^\n]*\b(create|update|delete|get_or_create|update_or_create)\("
        ),
        "faces call services; they never write a model",
    ),
    (
        "R3",
        re.compile(r".*"),
        re.compile(
            r"LedgerEvent\.objects\.[^\n]*\.(update|delete)\(|"
            r"\bevent\.delete\(|\bev\.delete\(|\bev\.save\((?!force_insert)"
        ),
        "ledger events are append-only",
    ),
    (
        "R4",
        re.compile(r"^(?!core/clock\.py$)"),
        re.compile(
            r"\b(datetime\.now|datetime\.datetime\.now|date\.today|datetime\.date\.today|"
            r"timezone\.now|dt\.datetime\.now|dt\.date\.today)\("
        ),
        "read the clock through fazhi.core.clock",
    ),
    (
        "R5",
        FACE,
        re.compile(r"\btransition\("),
        "faces call the service that makes the move, never transition()",
    ),
    (
        "R6",
        re.compile(r"^(?!core/dataexchange/writer\.py$)"),
        re.compile(r"^\s*(import xlsxwriter|from xlsxwriter)|xlsxwriter\.Workbook\("),
        "write Excel through fazhi.core.dataexchange.writer (write_cell never writes a formula)",
    ),
]
EXEMPT_DIRS = ("/tests/", "/migrations/", "/fixtures_site/")


def check(path: Path, rel: str) -> list[str]:
    problems = []
    if any(d in "/" + rel for d in EXEMPT_DIRS):
        return problems
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.split("#", 1)[0]
        for code, where, pattern, message in RULES:
            if not where.search(rel) or not pattern.search(stripped):
                continue
            if f"lint: allow {code}" in line:
                continue
            problems.append(f"src/fazhi/{rel}:{n}: {code} {message}")
    return problems


def main(paths: list[str]) -> int:
    files = [Path(p) for p in paths] or sorted(SRC.rglob("*.py"))
    problems = []
    for f in files:
        rel = f.resolve().relative_to(SRC).as_posix()
        problems += check(f, rel)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) — see scripts/lint_rules.py for each rule's good form")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
