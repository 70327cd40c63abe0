"""The lexicon compiled for matching: terms, phrasing patterns and pinyin spellings, the
allowlist and the warning words.

All matching happens on :func:`~fazhi.monitor.engine.normalise.normalise`d text. A hit that
overlaps an allowlisted phrase (福利彩票, 彩票公益金, 税务机关代开 …) is dropped. A hit in a
sentence that warns against the thing (打击网络赌博, 警惕代开发票诈骗 …) is kept but marked
``warned``: K1 counts it as news about spam, not as spam.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .config import Lexicon, Term
from .normalise import Hit, Matcher, normalise, pinyin_fold, pinyin_of

#: Where sentences end in normalised text (full-width punctuation is half-width there).
SENTENCE_END = re.compile(r"[。!?;\n]")
#: Text in quotation marks (normalised: “” 「」 『』 and ASCII quotes).
QUOTED = re.compile(r"[“「『\"]([^”」』\"\n]{1,40})[”」』\"]")
#: Pinyin spellings are matched only for strong terms this long (shorter ones collide with
#: ordinary words and names).
PINYIN_MIN_LETTERS = 7


@dataclass(frozen=True)
class LexHit:
    """One match: the lexicon entry (a pattern hit carries the matched text as its term), where
    it is in the normalised text, how it was found, and whether its sentence warns against it."""

    term: Term
    start: int
    end: int
    via: str = "term"  # term | pattern | pinyin
    warned: bool = False


class CompiledLexicon:
    """Matchers built once per lexicon (terms normalised the same way as page text)."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.term_info: dict[str, Term] = {}
        for t in lexicon.terms:
            key = normalise(t.term)
            old = self.term_info.get(key)
            if old is None or t.weight > old.weight:
                self.term_info[key] = t
        self.terms = Matcher(self.term_info)
        self.patterns = [(re.compile(p.pattern), p) for p in lexicon.patterns]
        self.any_pattern = (
            re.compile("|".join(f"(?:{p.pattern})" for p in lexicon.patterns))
            if lexicon.patterns
            else None
        )
        self.pinyin: dict[str, Term] = {}
        for key, t in self.term_info.items():
            py = pinyin_of(key)
            if t.weight >= 8 and len(py) >= PINYIN_MIN_LETTERS and py != key:
                self.pinyin.setdefault(py, t)
        self.pinyin_matcher = Matcher(self.pinyin)
        self.allow_norm = Matcher(normalise(a) for a in lexicon.allow)
        self.allow_raw = Matcher(lexicon.allow)
        self.warning = Matcher(normalise(w) for w in lexicon.warning)
        self.mention = Matcher(normalise(w) for w in lexicon.mention)
        self._cache: dict[tuple[str, bool], list[LexHit]] = {}

    # ------------------------------------------------------------------ matching
    def _pattern_hits(self, norm_text: str) -> list[LexHit]:
        if self.any_pattern is None:
            return []
        out = []
        for m in self.any_pattern.finditer(norm_text):
            if m.end() == m.start():
                continue
            for rx, p in self.patterns:
                if rx.fullmatch(m.group(0)):
                    term = Term(m.group(0), p.category, p.weight, "pattern")
                    out.append(LexHit(term, m.start(), m.end(), "pattern"))
                    break
        return out

    def _pinyin_hits(self, norm_text: str) -> list[LexHit]:
        if not self.pinyin:
            return []
        out = []
        for start, end, folded in pinyin_fold(norm_text):
            for h in self.pinyin_matcher.find(folded):
                # the span is the whole mixed run: evidence quotes it as written
                out.append(LexHit(self.pinyin[h.term], start, end, "pinyin"))
        return out

    def scan(self, norm_text: str, *, warn: bool = True) -> list[LexHit]:
        """Every term, pattern and pinyin hit in normalised text, allowlisted ones removed,
        each marked ``warned`` when its sentence holds a warning word.

        Scanned line by line (no term, sentence or quotation crosses a line), each line's
        result cached: a portal's navigation, footer and sidebars repeat on every page."""
        if not norm_text:
            return []
        if "\n" not in norm_text:
            return self._line(norm_text, warn)
        out: list[LexHit] = []
        pos = 0
        for line in norm_text.split("\n"):
            if line:
                for h in self._line(line, warn):
                    out.append(LexHit(h.term, h.start + pos, h.end + pos, h.via, h.warned))
            pos += len(line) + 1
        return out

    def _line(self, line: str, warn: bool) -> list[LexHit]:
        key = (line, warn)
        hit = self._cache.get(key)
        if hit is None:
            if len(self._cache) > 50_000:
                self._cache.clear()
            hit = self._cache[key] = self._scan(line, warn)
        return hit

    def _scan(self, norm_text: str, warn: bool) -> list[LexHit]:
        if not norm_text:
            return []
        hits = [LexHit(self.term_info[h.term], h.start, h.end) for h in self.terms.find(norm_text)]
        hits += self._pattern_hits(norm_text)
        hits += self._pinyin_hits(norm_text)
        if not hits:
            return []
        allowed = self.allow_norm.spans(norm_text)
        hits = [h for h in hits if not any(a < h.end and h.start < b for a, b in allowed)]
        if not warn or not hits:
            return hits
        warned_spans = self._warned_sentences(norm_text)
        quoted = self._quoted_mentions(norm_text)
        if not warned_spans and not quoted:
            return hits
        return [
            LexHit(h.term, h.start, h.end, h.via, True)
            if any(a <= h.start < b for a, b in warned_spans)
            or any(a <= h.start and h.end <= b for a, b in quoted)
            else h
            for h in hits
        ]

    def _sentence(self, norm_text: str, start: int, end: int) -> tuple[int, int]:
        a = start
        while a > 0 and not SENTENCE_END.match(norm_text[a - 1]):
            a -= 1
        m = SENTENCE_END.search(norm_text, end)
        return a, (m.start() if m else len(norm_text))

    def _quoted_mentions(self, norm_text: str) -> list[tuple[int, int]]:
        """Quoted spans in sentences that also carry a mention cue (等、名义、话术 …)."""
        if not self.mention.terms or not QUOTED.search(norm_text):
            return []
        out = []
        for m in QUOTED.finditer(norm_text):
            a, b = self._sentence(norm_text, m.start(), m.end())
            rest = norm_text[a : m.start()] + norm_text[m.end() : b]
            if self.mention.find(rest):
                out.append((m.start(), m.end()))
        return out

    def _warned_sentences(self, norm_text: str) -> list[tuple[int, int]]:
        if not self.warning.terms:
            return []
        return [self._sentence(norm_text, w.start, w.end) for w in self.warning.find(norm_text)]

    def hits(self, norm_text: str) -> list[tuple[Term, Hit]]:
        """Lexicon hits (terms, patterns, pinyin) in normalised text, allowlist applied,
        warnings ignored — for checks where any spam vocabulary is suspicious (an issuer slot,
        hidden text, a landing page)."""
        return [
            (h.term, Hit(h.term.term, h.start, h.end)) for h in self.scan(norm_text, warn=False)
        ]

    def strong_hits(self, text: str, min_weight: int = 5) -> list[tuple[Term, Hit]]:
        """Hits of entries with weight ≥ ``min_weight`` in raw ``text``."""
        return [(t, h) for t, h in self.hits(normalise(text)) if t.weight >= min_weight]

    def count_pages(self, texts, entry: str, *, pattern: bool = False) -> int:
        """How many of ``texts`` (raw page texts) one new entry would hit — the save check
        refuses an entry that would flag (nearly) every page."""
        if pattern:
            rx = re.compile(entry)
            return sum(1 for t in texts if rx.search(normalise(t)))
        key = normalise(entry)
        return sum(1 for t in texts if key and key in normalise(t))
