"""K1 — lexicon hits after normalisation, weighted by where they occur."""

from __future__ import annotations

import re
from collections import defaultdict

from ..findings import Finding, snippet
from ..normalise import TRICKS, normalise, obfuscations
from ..page import Page
from . import STRONG, WEAK, CheckContext

#: Location → weight factor. Spam in title/meta/hidden text/link text is worse than in prose.
LOCATION_WEIGHT: dict[str, float] = {
    "title": 3.0,
    "meta": 2.0,
    "hidden": 2.0,
    "link": 2.0,
    "script": 1.5,
    "visible": 1.0,
}
LOCATION_ZH = {
    "title": "标题",
    "meta": "meta",
    "hidden": "隐藏文字",
    "link": "链接文字",
    "script": "脚本字符串",
    "visible": "正文",
}
INDICATOR = {
    "gambling": "19-V1(3)",
    "lottery": "19-V1(3)",
    "porn": "19-V1(3)",
    "fraud": "19-V1(4)",
    "seo": "19-V1(4)",
}
TRICK_ZH = {**TRICKS, "pinyin": "拼音拼写"}
_JS_STRING = re.compile(r"""(['"])((?:\\.|(?!\1)[^\\\n]){2,400})\1""")


def page_locations(page: Page) -> list[tuple[str, str]]:
    """(location, raw text) pairs scanned by K1."""
    meta = " ".join(
        page.meta.get(k, "")
        for k in ("keywords", "description", "sitename", "articletitle", "columnname")
    )
    scripts = " ".join(
        m.group(2) for js in page.inline_scripts[:50] for m in _JS_STRING.finditer(js[:20000])
    )
    return [
        ("title", page.title + " " + " ".join(page.h1)),
        ("meta", meta),
        ("hidden", " ".join(b.text for b in page.hidden_blocks)),
        ("link", page.link_texts + " " + page.alt_texts),
        ("script", scripts),
        ("visible", page.visible_text),
    ]


#: A hit needing an evasion trick counts this much more (hiding a word is itself a signal).
OBFUSCATION_BONUS = 3
#: A hit in a sentence that warns against the thing counts this much of its weight.
WARNED_FACTOR = 0.2
CATEGORY_ZH = {
    "gambling": "博彩",
    "lottery": "私彩/彩票app",
    "porn": "色情",
    "fraud": "诈骗广告",
    "seo": "黑帽SEO",
    "spam": "博彩/彩票推广",
}


def tricks_at(raw: str, norm: str, start: int, end: int) -> list[str]:
    """Evasion tricks behind the normalised text ``norm[start:end]`` and a few characters
    around it (a Traditional word next to a brand is part of the disguise): read the raw line
    that holds it."""
    line_start = norm.rfind("\n", 0, start) + 1
    line_end = norm.find("\n", end)
    chunk = norm[max(line_start, start - 4) : min(end + 4, len(norm) if line_end < 0 else line_end)]
    for line in raw.split("\n"):
        if chunk in normalise(line):
            return obfuscations(line, chunk)
    return []


def categories_of(cats: dict[str, str], weights: dict[str, float]) -> list[str]:
    """The spam categories of counted hits; generic phrasing (``spam``) names a category only
    when nothing more specific was found (then: gambling, where such phrasing comes from)."""
    found = {cats[t] for t in cats if weights.get(t, 0) >= WEAK}
    specific = sorted(found - {"spam"})
    return specific or (["gambling"] if "spam" in found else [])


def check(page: Page, ctx: CheckContext) -> list[Finding]:
    """One finding per page summarising all lexicon hits (or none)."""
    lex = ctx.lex
    per_term: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    first_snip: dict[str, str] = {}
    weights: dict[str, float] = {}
    cats: dict[str, str] = {}
    tricks: dict[str, list[str]] = {}
    warned: set[str] = set()
    for loc, raw in page_locations(page):
        if not raw.strip():
            continue
        norm = normalise(raw)
        for hit in lex.scan(norm, warn=loc != "script"):
            term = hit.term
            name = term.term
            if hit.warned:
                if name not in per_term:
                    warned.add(name)
                continue
            warned.discard(name)
            per_term[name][loc] += 1
            cats[name] = term.category
            if name not in tricks:
                tricks[name] = (
                    (
                        ["pinyin"]
                        if hit.via == "pinyin"
                        else tricks_at(raw, norm, hit.start, hit.end)
                    )
                    if term.weight >= WEAK
                    else []
                )
            bonus = OBFUSCATION_BONUS if tricks[name] else 0
            weights[name] = max(weights.get(name, 0), term.weight + bonus)
            if name not in first_snip:
                first_snip[name] = f"{LOCATION_ZH[loc]}：" + snippet(norm, hit.start, hit.end)
    if not per_term:
        return []
    strong = [t for t, w in weights.items() if w >= STRONG]
    if not strong:
        # weak terms only count next to something stronger
        for t in [t for t, w in weights.items() if w < WEAK]:
            per_term.pop(t)
    if not per_term:
        return []
    score = sum(
        weights[t] * LOCATION_WEIGHT[loc] * min(n, 3)
        for t, locs in per_term.items()
        for loc, n in locs.items()
    )
    if strong:
        severity = "high"
    elif score >= 8:
        severity = "medium"
    else:
        severity = "low"
    ordered = sorted(per_term, key=lambda t: (-weights[t], t))
    parts = []
    for t in ordered:
        locs = "、".join(
            f"{LOCATION_ZH[loc]}×{n}" if n > 1 else LOCATION_ZH[loc]
            for loc, n in sorted(per_term[t].items())
        )
        parts.append(f"{t}（{locs}）")
    top = ordered[0]
    cat = cats[top]
    used = sorted({k for t in per_term for k in tricks.get(t, [])})
    categories = categories_of({t: cats[t] for t in per_term}, weights)
    evidence = "命中：" + "；".join(parts) + " — " + first_snip[top]
    if used:
        evidence += "（规避手法：" + "、".join(TRICK_ZH[k] for k in used) + "）"
    return [
        Finding(
            url=page.url,
            rule_id="K1.lexicon",
            indicator=INDICATOR.get(cat, "19-V1(3)"),
            severity=severity,
            evidence=evidence,
            needs_confirmation=severity != "high",
            key="|".join(sorted(per_term)),
            detail={
                "terms": {t: dict(v) for t, v in per_term.items()},
                "score": score,
                "categories": categories,
                "obfuscation": used,
                "warned": sorted(warned),
            },
        )
    ]


def hits_in(text: str, ctx: CheckContext, min_weight: int = 5) -> list[str]:
    """Terms (weight ≥ min_weight) found in raw ``text`` — used by other checks."""
    return sorted({t.term for t, _ in ctx.lex.hits(normalise(text)) if t.weight >= min_weight})
