"""A readable comparison of two versions of a text, paragraph by paragraph.

Paragraphs are aligned with ``difflib.SequenceMatcher`` (the standard library's
Ratcliff–Obershelp matcher); a replaced paragraph is compared again character by character,
so the reader sees which words changed inside it. The result is a list of rows a template
renders as a two-column table; nothing here knows about HTML escaping — the template does.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

_BREAK = re.compile(r"\r?\n\s*")


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs: lines with content, stripped (full-width spaces too)."""
    return [p.strip(" \t\u3000") for p in _BREAK.split(text or "") if p.strip(" \t\u3000")]


@dataclass
class Piece:
    text: str
    change: str = ""  # "" same | "del" | "ins"


@dataclass
class Row:
    """One aligned pair of paragraphs: ``kind`` is same / changed / removed / added."""

    kind: str
    old_no: int | None
    new_no: int | None
    old: list[Piece] = field(default_factory=list)
    new: list[Piece] = field(default_factory=list)


def _inline(a: str, b: str) -> tuple[list[Piece], list[Piece]]:
    old, new = [], []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            old.append(Piece(a[i1:i2]))
            new.append(Piece(b[j1:j2]))
            continue
        if i2 > i1:
            old.append(Piece(a[i1:i2], "del"))
        if j2 > j1:
            new.append(Piece(b[j1:j2], "ins"))
    return old, new


def compare(a: str, b: str) -> list[Row]:
    """Rows comparing text ``a`` (older) with ``b`` (newer), paragraph by paragraph."""
    pa, pb = paragraphs(a), paragraphs(b)
    rows: list[Row] = []
    sm = difflib.SequenceMatcher(None, pa, pb, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                rows.append(
                    Row("same", i1 + k + 1, j1 + k + 1, [Piece(pa[i1 + k])], [Piece(pb[j1 + k])])
                )
            continue
        olds, news = pa[i1:i2], pb[j1:j2]
        pairs = min(len(olds), len(news)) if op == "replace" else 0
        for k in range(pairs):
            o, n = _inline(olds[k], news[k])
            rows.append(Row("changed", i1 + k + 1, j1 + k + 1, o, n))
        for k in range(pairs, len(olds)):
            rows.append(Row("removed", i1 + k + 1, None, [Piece(olds[k], "del")], []))
        for k in range(pairs, len(news)):
            rows.append(Row("added", None, j1 + k + 1, [], [Piece(news[k], "ins")]))
    return rows


def summary(rows: list[Row]) -> dict[str, int]:
    out = {"same": 0, "changed": 0, "removed": 0, "added": 0}
    for r in rows:
        out[r.kind] += 1
    return out
