"""Clone detection: which page of our last crawl a suspect page copies, and what was changed.

Whole government pages are copied onto other domains with spam added (portal-monitoring.md
§3.1). Given the suspect's text, candidates come from MinHash signatures over character
5-gram shingles of every crawled page (128 permutations, numpy — about thirty lines, where the
``datasketch`` package would bring scipy along for the same arithmetic); the best few are then
scored by their exact Jaccard similarity. The diff (difflib, by sentence) lists what was added,
removed and changed, and marks as *injected* every added or changed sentence the lexicon or the
context model calls spam.
"""

from __future__ import annotations

import difflib
import re
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from .normalise import normalise

SHINGLE = 5
PERMUTATIONS = 128
#: Below this Jaccard similarity the suspect is not taken for a copy of the page.
MIN_SIMILARITY = 0.3
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20251)
_A = _rng.integers(1, _PRIME, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, PERMUTATIONS, dtype=np.uint64)
_KEEP = re.compile(r"[^0-9a-z\u3400-\u9fff]+")
_SENTENCE = re.compile(r"(?<=[。！？!?；;])|\n")


def shingles(text: str) -> set[int]:
    """CRC-32 of every character 5-gram of the normalised text (punctuation and spaces out)."""
    t = _KEEP.sub("", normalise(text))
    if len(t) < SHINGLE:
        return {zlib.crc32(t.encode())} if t else set()
    return {zlib.crc32(t[i : i + SHINGLE].encode()) for i in range(len(t) - SHINGLE + 1)}


def signature(sh: set[int]) -> np.ndarray:
    """The MinHash signature of a shingle set (all-max for an empty set)."""
    if not sh:
        return np.full(PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    x = np.fromiter(sh, dtype=np.uint64, count=len(sh))
    # (a·x + b) mod p with 61-bit arithmetic kept below 2^64: x < 2^32 and a < 2^61 would
    # overflow, so the product is taken on a reduced a (mod 2^31) — still a universal family
    # good enough for estimating overlap.
    a = (_A % np.uint64(1 << 31))[:, None]
    return ((a * x[None, :] + _B[:, None]) % np.uint64(_PRIME)).min(axis=1)


@dataclass
class Candidate:
    """A crawled page and how much the suspect overlaps it."""

    url: str
    estimate: float
    jaccard: float = 0.0


@dataclass
class CloneIndex:
    """Signatures of the crawled pages (built once per comparison)."""

    urls: list[str]
    shingle_sets: list[set[int]]
    signatures: np.ndarray

    @classmethod
    def build(cls, texts: Mapping[str, str]) -> CloneIndex:
        urls = sorted(texts)
        sets = [shingles(texts[u]) for u in urls]
        sigs = np.stack([signature(s) for s in sets]) if sets else np.zeros((0, PERMUTATIONS))
        return cls(urls, sets, sigs)

    def best(self, text: str, top: int = 3) -> list[Candidate]:
        """The pages the suspect most likely copies, best first (exact Jaccard of the top)."""
        if not self.urls:
            return []
        sh = shingles(text)
        est = (self.signatures == signature(sh)[None, :]).mean(axis=1)
        order = np.argsort(-est, kind="stable")[: max(top, 1) * 3]
        out = []
        for i in order:
            other = self.shingle_sets[i]
            union = len(sh | other)
            jac = len(sh & other) / union if union else 0.0
            out.append(Candidate(self.urls[i], float(est[i]), jac))
        out.sort(key=lambda c: (-c.jaccard, c.url))
        return out[:top]


@dataclass
class CloneReport:
    """What the copy changed: sentences added, removed, changed; the injected ones named."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)
    injected: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The diff for a terminal: ``+`` added, ``-`` removed, ``~`` changed; injected
        text between 【】 with its category."""
        out = []
        marked = dict(self.injected)
        for s in self.added:
            out.append(f"+ {_mark(s, marked)}")
        for old, new in self.changed:
            out.append(f"~ {old} → {_mark(new, marked)}")
        for s in self.removed:
            out.append(f"- {s}")
        return out


def _mark(sentence: str, injected: Mapping[str, str]) -> str:
    why = injected.get(sentence)
    return f"【{sentence}】（{why}）" if why else sentence


def sentences(text: str) -> list[str]:
    """Sentences of a page text (punctuation kept), blank ones out."""
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


def diff(original: str, suspect: str, spam_of: callable | None = None) -> CloneReport:
    """Sentence diff of ``suspect`` against ``original``; ``spam_of(sentence)`` names the spam
    category of a sentence (or returns '') to mark the injected ones."""
    a, b = sentences(original), sentences(suspect)
    report = CloneReport()
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "insert":
            report.added += b[j1:j2]
        elif op == "delete":
            report.removed += a[i1:i2]
        elif op == "replace":
            olds, news = a[i1:i2], b[j1:j2]
            for k in range(max(len(olds), len(news))):
                if k < len(olds) and k < len(news):
                    report.changed.append((olds[k], news[k]))
                elif k < len(news):
                    report.added.append(news[k])
                else:
                    report.removed.append(olds[k])
    if spam_of is not None:
        for s in [*report.added, *(new for _, new in report.changed)]:
            why = spam_of(s)
            if why:
                report.injected.append((s, why))
    return report


def best_original(texts: Mapping[str, str], suspect: str) -> Candidate | None:
    """The crawled page the suspect copies, or None when nothing is similar enough."""
    found = CloneIndex.build(texts).best(suspect, top=1)
    if not found or found[0].jaccard < MIN_SIMILARITY:
        return None
    return found[0]


def pack(text: str) -> bytes:
    """Compressed page text for the crawl state (level 1: ≈3× faster than 6, and the state
    file is a cache, not an archive)."""
    return zlib.compress(text.encode("utf-8"), 1)


def unpack(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


def texts_of(rows: Iterable[tuple[str, bytes]]) -> dict[str, str]:
    return {url: unpack(blob) for url, blob in rows}
