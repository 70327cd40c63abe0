"""Per-page and per-crawl checks. Each module implements one technique (K1–K7, freshness,
expression, privacy) and returns :class:`~fazhi.monitor.engine.findings.Finding` lists.

:func:`run_page_checks` runs every check that needs only one parsed page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from ..config import Lexicon, SiteConfig, today_cn
from ..findings import Finding
from ..lexmatch import CompiledLexicon
from ..page import Page

STRONG = 8
WEAK = 3


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
    """All single-page checks: K1 (lexicon and context), K2, K3, K4, expression errors and
    formulation integrity, personal data."""
    from . import (
        context,
        expression,
        footer,
        formulation,
        k1_lexicon,
        k2_identity,
        k3_hidden,
        k4_scripts,
        privacy,
    )

    out: list[Finding] = []
    out += k1_lexicon.check(page, ctx)
    out += context.check(page, ctx)
    out += k2_identity.check(page, ctx)
    out += k3_hidden.check(page, ctx)
    out += k3_hidden.junk(page, ctx)
    out += k4_scripts.check(page, ctx)
    out += expression.check(page, ctx)
    out += formulation.check(page, ctx)
    out += privacy.check(page, ctx)
    out += footer.check(page, ctx)
    return out
