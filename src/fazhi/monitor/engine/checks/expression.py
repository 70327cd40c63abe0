"""严重表述错误 — known wrong variants, same-pinyin substitutions and one-character variants of
canonical formulations, and leader-title checks (19-V1(1)).

All three scans work on the text as written (no Traditional→Simplified conversion: a typo
must be reported as it appears). Pinyin and one-character findings are "疑似" and need a
person's confirmation; the local allowlist (全面依法治区 …) is never flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..config import Lexicon
from ..findings import Finding, snippet
from ..normalise import Matcher, char_pinyins, display_normalise
from ..page import Page
from . import CheckContext

MAX_EXPR_TEXT = 100_000
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass
class CompiledExpressions:
    """Pre-computed structures for the expression scans."""

    variants: dict[str, str]
    variant_matcher: Matcher
    canonical: tuple[str, ...]
    canon_set: frozenset[str]
    by_first: dict[str, list[str]]
    readings: dict[str, tuple[frozenset[str], ...]]
    halves: list[tuple[str, str, str]]
    allow: Matcher
    leader_names: Matcher
    titles: Matcher
    leaders: tuple = field(default_factory=tuple)
    char_cands: dict[str, tuple[str, ...]] = field(default_factory=dict)
    line_cache: dict[str, list] = field(default_factory=dict)


def compiled_expressions(lexicon: Lexicon) -> CompiledExpressions:
    """Build (and cache on the lexicon id) the expression structures."""
    key = id(lexicon)
    c = _CACHE.get(key)
    if c is not None and c[0] is lexicon:
        return c[1]
    variants = {v.wrong: v.right for v in lexicon.variants}
    canonical = tuple(dict.fromkeys(list(lexicon.canonical) + [ld.name for ld in lexicon.leaders]))
    readings = {
        p: tuple(char_pinyins(ch) if _CJK.match(ch) else frozenset({ch}) for ch in p)
        for p in canonical
    }
    by_first: dict[str, list[str]] = {}
    for p in canonical:
        if len(p) < 3:
            continue
        for syl in readings[p][0]:
            by_first.setdefault(syl, []).append(p)
    halves = []
    for p in lexicon.canonical:
        if len(p) >= 4:
            h = len(p) // 2
            halves.append((p, p[:h], p[h:]))
    ce = CompiledExpressions(
        variants=variants,
        variant_matcher=Matcher(variants),
        canonical=canonical,
        canon_set=frozenset(canonical) | frozenset(lexicon.allow),
        by_first=by_first,
        readings=readings,
        halves=halves,
        allow=Matcher(list(lexicon.allow) + list(canonical)),
        leader_names=Matcher(ld.name for ld in lexicon.leaders),
        titles=Matcher(lexicon.titles),
        leaders=lexicon.leaders,
    )
    _CACHE[key] = (lexicon, ce)
    return ce


_CACHE: dict[int, tuple[Lexicon, CompiledExpressions]] = {}


def _cands_for(ch: str, ce: CompiledExpressions) -> tuple[str, ...]:
    """Canonical phrases whose first character reads like ``ch``."""
    if ch < "\u3400":
        return ()
    out: set[str] = set()
    for syl in char_pinyins(ch):
        out.update(ce.by_first.get(syl, ()))
    return tuple(sorted(out))


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < e and s < b for s, e in spans)


def _inside(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= a and b <= e for s, e in spans)


def scan(text: str, ce: CompiledExpressions) -> list[tuple[str, int, int, str, str]]:
    """Return (rule_id, start, end, wrong, right) tuples found in ``text``, line by line (a
    formulation never spans two lines), each line's result cached: template lines repeat on
    every page of a portal."""
    out: list[tuple[str, int, int, str, str]] = []
    pos = 0
    cache = ce.line_cache
    for line in text.split("\n"):
        if len(line) >= 2:
            found = cache.get(line)
            if found is None:
                if len(cache) > 50_000:
                    cache.clear()
                found = cache[line] = _scan_line(line, ce)
            out += [(r, a + pos, b + pos, w, c) for r, a, b, w, c in found]
        pos += len(line) + 1
    return out


def _scan_line(text: str, ce: CompiledExpressions) -> list[tuple[str, int, int, str, str]]:
    found: list[tuple[str, int, int, str, str]] = []
    taken: list[tuple[int, int]] = []
    allowed = ce.allow.spans(text)
    # 1. known wrong variants
    for h in ce.variant_matcher.find(text):
        found.append(("EXPR.variant", h.start, h.end, h.term, ce.variants[h.term]))
        taken.append((h.start, h.end))
    # 2. same pinyin, different characters
    n = len(text)
    cache = ce.char_cands
    for i, ch in enumerate(text):
        cands = cache.get(ch)
        if cands is None:
            cands = cache[ch] = _cands_for(ch, ce)
        if not cands:
            continue
        for p in cands:
            L = len(p)
            if i + L > n:
                continue
            w = text[i : i + L]
            if w == p or w in ce.canon_set:
                continue
            pr = ce.readings[p]
            ok = True
            for j in range(L):
                c = w[j]
                if c == p[j]:
                    continue
                if not (char_pinyins(c) & pr[j]) if c >= "\u3400" else True:
                    ok = False
                    break
            if not ok or _overlaps(i, i + L, taken) or _inside(i, i + L, allowed):
                continue
            found.append(("EXPR.homophone", i, i + L, w, p))
            taken.append((i, i + L))
    # 3. one-character variants (either half matches exactly)
    for p, left, right in ce.halves:
        L = len(p)
        starts: set[int] = set()
        pos = text.find(left)
        while pos >= 0:
            starts.add(pos)
            pos = text.find(left, pos + 1)
        pos = text.find(right)
        while pos >= 0:
            starts.add(pos - len(left))
            pos = text.find(right, pos + 1)
        for s in sorted(starts):
            if s < 0 or s + L > n:
                continue
            w = text[s : s + L]
            if w == p or w in ce.canon_set:
                continue
            diff = [j for j in range(L) if w[j] != p[j]]
            if len(diff) != 1 or not _CJK.match(w[diff[0]]):
                continue
            if _overlaps(s, s + L, taken) or _overlaps(s, s + L, allowed):
                continue
            found.append(("EXPR.one_char", s, s + L, w, p))
            taken.append((s, s + L))
    return found


def check(page: Page, ctx: CheckContext) -> list[Finding]:
    """Expression findings for the title and visible text of a page."""
    text = display_normalise(page.title) + "\n" + page.visible_text[:MAX_EXPR_TEXT]
    if len(text) < 4:
        return []
    ce = ctx.expr
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for rule, s, e, wrong, right in scan(text, ce):
        if (wrong, right) in seen:
            continue
        seen.add((wrong, right))
        known = rule == "EXPR.variant"
        label = "" if known else "疑似"
        out.append(
            Finding(
                url=page.url,
                rule_id=rule,
                indicator="19-V1(1)",
                severity="high" if known else ("medium" if rule == "EXPR.homophone" else "low"),
                evidence=f"{label}「{wrong}」应为「{right}」— {snippet(text, s, e, 12)}",
                needs_confirmation=True,
                key=f"{wrong}>{right}",
            )
        )
    out += _leader_titles(page.url, text, ctx, seen)
    return out


def _leader_titles(url: str, text: str, ctx: CheckContext, seen) -> list[Finding]:
    ce = ctx.expr
    if not ce.leaders:
        return []
    out = []
    titles = ce.titles.find(text)
    for h in ce.leader_names.find(text):
        for ld in ce.leaders:
            if ld.name != h.term or not ld.valid_on(ctx.as_of):
                continue
            near = [t for t in titles if 0 <= h.start - t.end <= 1 or 0 <= t.start - h.end <= 1]
            for t in near:
                if t.term in ld.titles or any(t.term in vt for vt in ld.titles):
                    continue
                if (h.term, t.term) in seen:
                    continue
                seen.add((h.term, t.term))
                out.append(
                    Finding(
                        url=url,
                        rule_id="EXPR.leader_title",
                        indicator="19-V1(1)",
                        severity="medium",
                        evidence=(
                            f"疑似「{h.term}」的职务「{t.term}」与名录（{'、'.join(ld.titles)}）不符"
                            f" — {snippet(text, min(h.start, t.start), max(h.end, t.end), 10)}"
                        ),
                        needs_confirmation=True,
                        key=f"{h.term}/{t.term}",
                    )
                )
    return out
