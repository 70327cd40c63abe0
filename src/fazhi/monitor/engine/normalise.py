"""Text normalisation against keyword-filter evasion, and a small multi-term matcher.

``normalise`` undoes the tricks seen on injected government pages (portal-monitoring.md §3.1):
full-width and compatibility forms (NFKC), zero-width and other format characters, decorative
symbols sprinkled between characters (★✿ღ◈), pinyin annotations after characters
("辦(ban)公廳"), Traditional characters (OpenCC t2s), whitespace and case.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Decorative characters that are not in Unicode category So but are used as sprinkles.
_EXTRA_DECOR = set("ღ♡❤☆★✿❀✾❁❃❋✪✩✫✬✭✮✯✰◈◇◆□■○●◎※¤§∮ஐ♪♫♬〓ζ╰╯╭╮")
_PINYIN_ANNOT = re.compile(r"([\u3400-\u9fff])\(([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7}[1-5]?)\)")
_TONE_STRIP = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê", "aaaaeeeeiiiioooouuuuvvvvve")

_cc_lock = threading.Lock()
_cc: object | None = None


def _opencc():
    """Lazily build the OpenCC t2s converter (opencc-purepy; import name differs by version)."""
    global _cc
    if _cc is None:
        with _cc_lock:
            if _cc is None:
                try:
                    from opencc_purepy import OpenCC  # opencc-purepy ≥ 1.5
                except ImportError:  # pragma: no cover - older releases
                    from opencc import OpenCC  # type: ignore[no-redef]
                _cc = OpenCC("t2s")
    return _cc


@lru_cache(maxsize=8192)
def _char_pinyins(ch: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    out = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    return frozenset(p.replace("ü", "v") for p in out[0]) if out else frozenset()


def char_pinyins(ch: str) -> frozenset[str]:
    """All tone-less readings of one character (heteronyms included), cached."""
    return _char_pinyins(ch)


def _strip_pinyin_annotation(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        ch, ann = m.group(1), m.group(2)
        ann = ann.lower().translate(_TONE_STRIP).rstrip("12345")
        if ann in _char_pinyins(ch):
            return ch
        return m.group(0)

    if "(" not in text:
        return text
    return _PINYIN_ANNOT.sub(repl, text)


@lru_cache(maxsize=4096)
def _is_dropped(ch: str) -> bool:
    if ch in _EXTRA_DECOR:
        return True
    cat = unicodedata.category(ch)
    return cat in ("Cf", "So", "Sk", "Zs", "Cc", "Zl", "Zp") or ch.isspace()


_DROP_TABLE: dict[int, None] = {}


def _drop_chars(text: str) -> str:
    # translate() with a growing table keeps this in C for already-seen characters.
    missing = {c for c in set(text) if ord(c) not in _DROP_TABLE and _is_dropped(c)}
    for c in missing:
        _DROP_TABLE[ord(c)] = None
    return text.translate(_DROP_TABLE)


def _needs_t2s(text: str) -> bool:
    return any(ord(c) > 0x3400 for c in text)


def to_simplified(text: str) -> str:
    """Traditional → Simplified (OpenCC t2s)."""
    return _opencc().convert(text) if _needs_t2s(text) else text  # type: ignore[attr-defined]


def normalise(text: str) -> str:
    """Matching form of ``text``: NFKC, no format/decorative/space chars, no pinyin notes,
    simplified, case-folded."""
    if not text:
        return ""
    t = unicodedata.normalize("NFKC", text)
    t = _strip_pinyin_annotation(t)
    t = _drop_chars(t)
    t = to_simplified(t)
    return t.casefold()


def display_normalise(text: str) -> str:
    """Light normalisation for display and for expression checks: NFKC, zero-width removed,
    whitespace collapsed (characters are NOT simplified — typos must be shown as written)."""
    t = unicodedata.normalize("NFKC", text)
    t = "".join(c for c in t if unicodedata.category(c) != "Cf")
    return " ".join(t.split())


@dataclass(frozen=True)
class Hit:
    """A match of one lexicon term in a normalised text."""

    term: str
    start: int
    end: int


class Matcher:
    """Leftmost-longest matching of many literal terms (regex alternation, longest first)."""

    def __init__(self, terms: Iterable[str]):
        uniq = sorted({t for t in terms if t}, key=lambda s: (-len(s), s))
        self.terms = tuple(uniq)
        self._re = re.compile("|".join(re.escape(t) for t in uniq)) if uniq else None

    def find(self, text: str) -> list[Hit]:
        """All non-overlapping leftmost-longest hits."""
        if self._re is None or not text:
            return []
        return [Hit(m.group(0), m.start(), m.end()) for m in self._re.finditer(text)]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Spans of all hits."""
        return [(h.start, h.end) for h in self.find(text)]
