"""Per-page and per-crawl checks. Each module implements one technique (K1–K7, freshness,
expression, privacy) and returns :class:`~fazhi.monitor.engine.findings.Finding` lists.

:func:`run_page_checks` runs every check that needs only one parsed page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from ..config import Lexicon, SiteConfig, Term, today_cn
from ..findings import Finding
from ..normalise import Hit, Matcher, normalise
from ..page import Page

STRONG = 8
WEAK = 3


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
        self.allow_norm = Matcher(normalise(a) for a in lexicon.allow)
        self.allow_raw = Matcher(lexicon.allow)

    def hits(self, norm_text: str) -> list[tuple[Term, Hit]]:
        """Lexicon hits in already-normalised text, minus those inside allowlisted phrases."""
        hits = self.terms.find(norm_text)
        if not hits:
            return []
        allowed = self.allow_norm.spans(norm_text)
        out = []
        for h in hits:
            if any(a <= h.start and h.end <= b for a, b in allowed):
                continue
            out.append((self.term_info[h.term], h))
        return out

    def strong_hits(self, text: str, min_weight: int = 5) -> list[tuple[Term, Hit]]:
        """Hits of terms with weight ≥ ``min_weight`` in raw ``text``."""
        return [(t, h) for t, h in self.hits(normalise(text)) if t.weight >= min_weight]


_COMPILED: dict[int, CompiledLexicon] = {}


def compiled(lexicon: Lexicon) -> CompiledLexicon:
    """Cached :class:`CompiledLexicon` for a lexicon object."""
    key = id(lexicon)
    c = _COMPILED.get(key)
    if c is None or c.lexicon is not lexicon:
        c = CompiledLexicon(lexicon)
        _COMPILED[key] = c
    return c


@dataclass
class CheckContext:
    """What every check may read besides the page."""

    site: SiteConfig
    as_of: dt.date = field(default_factory=today_cn)

    @cached_property
    def lex(self) -> CompiledLexicon:
        """Compiled lexicon of the site."""
        return compiled(self.site.lexicon)

    @cached_property
    def expr(self):
        """Compiled expression lexicon (see :mod:`.expression`)."""
        from .expression import compiled_expressions

        return compiled_expressions(self.site.lexicon)


def run_page_checks(page: Page, ctx: CheckContext) -> list[Finding]:
    """All single-page checks: K1, K2, K3, K4, expression errors, personal data."""
    from . import expression, k1_lexicon, k2_identity, k3_hidden, k4_scripts, privacy

    out: list[Finding] = []
    out += k1_lexicon.check(page, ctx)
    out += k2_identity.check(page, ctx)
    out += k3_hidden.check(page, ctx)
    out += k4_scripts.check(page, ctx)
    out += expression.check(page, ctx)
    out += privacy.check(page, ctx)
    return out
