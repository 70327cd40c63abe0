"""Text normalisation against keyword-filter evasion, and a small multi-term matcher.

``normalise`` undoes the tricks seen on injected government pages (portal-monitoring.md §3.1):
full-width and compatibility forms (NFKC), zero-width and other format characters, decorative
symbols sprinkled between characters (★✿ღ◈), pinyin annotations after characters
("辦(ban)公廳"), Traditional characters (OpenCC t2s), separators put between the characters of
a word ("凯.发", "博-彩") and characters split into their components ("贝者" for 赌), whitespace
and case. Line breaks are kept, so a term never matches across two lines.

:func:`obfuscations` tells which of those tricks a hit needed (the evidence names them), and
:func:`pinyin_fold` turns spelled-out pinyin ("kaifa yule", "凯fa") into a form the pinyin
spellings of lexicon terms can match.
"""

from __future__ import annotations

import itertools
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
    if ch == "\n":
        return False
    return unicodedata.category(ch) in _DROPPED_CATEGORIES or ch.isspace()


_DROPPED_CATEGORIES = frozenset({"Cf", "So", "Sk", "Zs", "Cc", "Zl", "Zp"})


@lru_cache(maxsize=1)
def _drop_table() -> dict[int, None]:
    """Every code point ``normalise`` drops (planes 0–3), for ``str.translate`` — built once."""
    # the same set as ``_is_dropped`` over every code point, with the per-character test done
    # by ``map`` in C (≈5× faster: this ran in every crawl's warm-up, issue 19)
    chars = list(map(chr, range(0x40000)))
    dropped = {
        c
        for c, cat in zip(chars, map(unicodedata.category, chars), strict=True)
        if cat in _DROPPED_CATEGORIES
    }
    dropped.update(itertools.compress(chars, map(str.isspace, chars)))
    dropped.update(_EXTRA_DECOR)
    dropped.discard("\n")
    return dict.fromkeys(map(ord, dropped))


def _drop_chars(text: str) -> str:
    return text.translate(_drop_table())


@lru_cache(maxsize=1)
def _traditional() -> tuple[frozenset[str], tuple[str, ...]]:
    """Characters OpenCC's t2s changes, and the few phrases it changes without one of them."""
    d = _opencc().dictionary  # type: ignore[attr-defined]
    chars = frozenset(d.ts_characters[0])
    phrases = tuple(p for p in d.ts_phrases[0] if chars.isdisjoint(p))
    return chars, phrases


def _needs_t2s(text: str) -> bool:
    chars, phrases = _traditional()
    return not chars.isdisjoint(text) or any(p in text for p in phrases)


def to_simplified(text: str) -> str:
    """Traditional → Simplified (OpenCC t2s); text without a Traditional character is returned
    as it is (most pages: OpenCC's pure-Python conversion is the slowest step otherwise)."""
    return _opencc().convert(text) if _needs_t2s(text) else text  # type: ignore[attr-defined]


_CJK = "\u3400-\u9fff"
#: Separators spammers put between every character of a word ("凯.发.娱.乐"): dropped where
#: single CJK characters alternate with them. A separator between two words ("工作情况-凯发
#: 娱乐", a title's site suffix) is left alone.
_SEP = r"[.\-_|/\\·•*~+^=#:'\"`]+"
_SEPARATED_RUN = re.compile(
    rf"[{_CJK}](?:{_SEP}[{_CJK}]){{2,}}|(?<![{_CJK}])[{_CJK}]{_SEP}[{_CJK}](?![{_CJK}])"
)
_SEPARATOR = re.compile(_SEP)
#: Characters written as their two components ("拆字"). Only pairs that do not occur in
#: ordinary text: a radical that is not a word on its own, or a rare sequence.
SPLIT_PAIRS: dict[str, str] = {
    "贝者": "赌",
    "十尃": "博",
    "采彡": "彩",
    "女吴": "娱",
    "木其": "棋",
    "片卑": "牌",
    "扌殳": "投",
    "氵主": "注",
    "女票": "嫖",
    "女昌": "娼",
    "讠正": "证",
    "钅戋": "钱",
    "亻弋": "代",
    "亻氐": "低",
    "氵去": "法",
    "纟冬": "终",
    "彳导": "得",
    "亻言": "信",
    "讠兑": "说",
    "木仓": "枪",
    "钅艮": "银",
    "贝兑": "贷",
    "代贝": "贷",
    "王见": "现",
}
_SPLIT_RE = re.compile("|".join(re.escape(p) for p in SPLIT_PAIRS))


def _join_split(text: str) -> str:
    if not any("\u3400" <= c for c in text):
        return text
    t = _SEPARATED_RUN.sub(lambda m: _SEPARATOR.sub("", m.group(0)), text)
    return _SPLIT_RE.sub(lambda m: SPLIT_PAIRS[m.group(0)], t)


@lru_cache(maxsize=2048)
def normalise(text: str) -> str:
    """Matching form of ``text``: NFKC, no format/decorative/space chars (line breaks kept),
    no pinyin notes, simplified, separators and split characters joined, case-folded."""
    if not text:
        return ""
    t = unicodedata.normalize("NFKC", text)
    t = _strip_pinyin_annotation(t)
    t = _drop_chars(t)
    t = to_simplified(t)
    t = _join_split(t)
    return t.casefold()


#: The tricks :func:`obfuscations` can name, in the order ``normalise`` undoes them.
TRICKS: dict[str, str] = {
    "fullwidth": "全角字符",
    "pinyin_note": "拼音注音",
    "sprinkle": "插入符号或空格",
    "traditional": "繁体字",
    "split": "拆字或分隔符",
}
_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _steps(text: str, skip: str) -> str:
    t = text if skip == "fullwidth" else unicodedata.normalize("NFKC", text)
    if skip != "pinyin_note":
        t = _strip_pinyin_annotation(t)
    t = t.replace(" ", "") if skip == "sprinkle" else _drop_chars(t)
    if skip != "traditional":
        t = to_simplified(t)
    if skip != "split":
        t = _join_split(t)
    return t.casefold()


def obfuscations(raw: str, term: str) -> list[str]:
    """The tricks (keys of :data:`TRICKS`) that hide normalised ``term`` in ``raw`` text: those
    without which it would not be found. Empty when the term stands there as written (give
    ``raw`` a line or a sentence, not a whole page)."""
    if term in raw.casefold().replace(" ", ""):
        return []
    needed = [k for k in TRICKS if term not in _steps(raw, k)]
    if "fullwidth" in needed and not _FULLWIDTH_ALNUM.search(raw):
        needed.remove("fullwidth")
    return needed


@lru_cache(maxsize=8192)
def _first_pinyin(ch: str) -> str:
    from pypinyin import Style, lazy_pinyin

    out = lazy_pinyin(ch, style=Style.NORMAL, errors="ignore")
    return out[0].replace("ü", "v") if out else ""


def pinyin_of(term: str) -> str:
    """Tone-less pinyin of a term, letters only ("凯发娱乐" → "kaifayule")."""
    out = []
    for ch in normalise(term):
        if "\u3400" <= ch <= "\u9fff":
            out.append(_first_pinyin(ch))
        elif ch.isascii() and ch.isalnum():
            out.append(ch)
    return "".join(out)


_RUN = re.compile(rf"[a-z0-9{_CJK}]+")
_LETTERS = re.compile(r"[a-z]")


def pinyin_fold(norm_text: str) -> list[tuple[int, int, str]]:
    """Runs of normalised text that contain Latin letters — (start, end, folded) with their
    Chinese characters replaced by pinyin ("凯fa娱le官网" → "kaifayuleguanwang"). Runs without
    letters are left out: a homophone in plain Chinese is not a pinyin spelling."""
    out = []
    for m in _RUN.finditer(norm_text):
        run = m.group(0)
        if len(_LETTERS.findall(run)) < 3:
            continue
        folded = "".join(_first_pinyin(c) if c >= "\u3400" else c for c in run)
        out.append((m.start(), m.end(), folded))
    return out


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
