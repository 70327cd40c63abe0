"""K1 (context) — a sentence whose vocabulary belongs to a spam category, not to the page.

Each sentence of the title and the visible text is scored by the shipped character n-gram
model (:mod:`..context_model`). Sentences that warn against spam (打击、警惕 …) and sentences
the lexicon already flags as strong are left to K1. One finding per page lists the sentences,
each with the n-grams that decided it — the one-line explanation staff read.
"""

from __future__ import annotations

import re

from ..context_model import shipped_model
from ..findings import Finding
from ..lexmatch import SENTENCE_END
from ..normalise import normalise
from ..page import Page
from . import STRONG, CheckContext
from .k1_lexicon import _JS_STRING, CATEGORY_ZH, INDICATOR, TRICK_ZH, tricks_at

MAX_LISTED = 5
#: Evidence enough where a structural signal already points at the text.
LENIENT_TOTAL = 4.0
WEAK_CATEGORY = 3


def sentences(norm_text: str) -> list[tuple[int, str]]:
    """(start, sentence) pieces of normalised text."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(norm_text):
        if m.start() > start:
            out.append((start, norm_text[start : m.start()]))
        start = m.end()
    if start < len(norm_text):
        out.append((start, norm_text[start:]))
    return out


_TITLE_SPLIT = re.compile(r"[_|｜\-—–]+")


_TAG = re.compile(r"<[^>]*>")
#: Lines of a page footer: what follows an article's last paragraph on every page.
_FOOTER = re.compile(
    r"网站标识码|主办单位|承办单位|icp|公网安备|版权所有|联系电话|地址|技术支持|copyright"
)
_CJK = re.compile(r"[\u3400-\u9fff]")


def pieces(page: Page) -> list[str]:
    """The texts the model reads (each normalised on its own, so the visible text's normal
    form is the one K1 already computed): title segments (a spam suffix is a piece of its own),
    keywords, link texts, text in script strings, then the visible text."""
    title = "\n".join(_TITLE_SPLIT.split(page.title))
    keywords = "\n".join(re.split(r"[,，;；]", page.meta.get("keywords", "")))
    scripts = "\n".join(
        _TAG.sub("\n", m.group(2))
        for js in page.inline_scripts[:50]
        for m in _JS_STRING.finditer(js[:20000])
        if _CJK.search(m.group(2))
    )
    return [title, keywords, page.link_texts, page.alt_texts, scripts, page.visible_text]


def spam_categories(text: str, ctx: CheckContext) -> list[str]:
    """The spam categories of text a structural check already found suspicious (a hidden block,
    a script's strings, what replaced a formulation's key word): the lexicon's, else the model's
    best category when any n-gram of it is strongly spam-like."""
    from .k1_lexicon import categories_of

    # link farms repeat the same anchor text: count each phrase once
    norm = normalise("\n".join(dict.fromkeys(text.split())))
    hits = [h for h in ctx.lex.scan(norm, warn=False) if h.term.weight >= WEAK_CATEGORY]
    cats = categories_of(
        {h.term.term: h.term.category for h in hits}, {h.term.term: h.term.weight for h in hits}
    )
    if cats:
        return cats
    best = None
    for _, sent in sentences(norm):
        v = shipped_model().verdict(sent)
        if (
            v
            and v.strong >= 1
            and v.total >= LENIENT_TOTAL
            and (best is None or v.total > best.total)
        ):
            best = v
    return [best.category] if best else []


def _foreign_title_segments(page: Page) -> set[str]:
    """Normalised title segments found neither in the headings nor in the visible text nor in
    the site's names: a suffix someone added."""
    known = (
        normalise(page.visible_text),
        normalise(" ".join(page.h1)),
        normalise(page.meta.get("sitename", "")),
        normalise(page.meta.get("articletitle", "")),
    )
    out = set()
    for seg in _TITLE_SPLIT.split(page.title):
        n = normalise(seg)
        if len(n) >= 4 and not any(n in k for k in known):
            out.add(n)
    return out


def check(page: Page, ctx: CheckContext) -> list[Finding]:
    """One finding per page naming its out-of-context sentences (or none)."""
    model = shipped_model()
    parts = pieces(page)
    raw = "\n".join(parts)
    norm = "\n".join(normalise(p) for p in parts)
    foreign = _foreign_title_segments(page)
    flagged = []
    seen: set[str] = set()
    spam_chars = 0
    for start, sent in sentences(norm):
        if sent in seen:
            continue
        seen.add(sent)
        v = model.out_of_context(sent)
        if v is None and sent in foreign:
            # a title suffix foreign to the page needs less evidence
            v = model.verdict(sent)
            if v is not None and not (v.strong >= 1 and v.total >= LENIENT_TOTAL):
                v = None
        if v is None:
            continue
        hits = ctx.lex.scan(sent)
        if any(h.warned for h in hits):
            continue
        if any(h.term.weight >= STRONG for h in hits):
            continue  # K1.lexicon reports it
        flagged.append((start, sent, v))
        spam_chars += len(sent)
    if not flagged:
        return []
    rest = len(norm) - spam_chars
    last = flagged[-1][0]
    tail = not any(
        len(sent) >= 12 and not _FOOTER.search(sent) for start, sent in sentences(norm[last:])[1:]
    )
    cats = sorted({v.category for _, _, v in flagged})
    used = sorted(
        {k for start, sent, _ in flagged for k in tricks_at(raw, norm, start, start + len(sent))}
    )
    top = max(flagged, key=lambda x: x[2].total)
    strong = len(flagged) >= 2 or top[2].total >= 2 * model.thresholds.total
    where = "页面末尾" if tail else "正文中"
    topic = "与页面主题（政务）无关" if rest > spam_chars else "页面内容整体属于该类"
    parts = [
        f"「{s[:40]}」（{CATEGORY_ZH.get(v.category, v.category)}类，特征：{'、'.join(v.features)}）"
        for _, s, v in flagged[:MAX_LISTED]
    ]
    evidence = f"{where}出现 {len(flagged)} 句{topic}的语句：" + "；".join(parts)
    if used:
        evidence += "（规避手法：" + "、".join(TRICK_ZH[k] for k in used) + "）"
    return [
        Finding(
            url=page.url,
            rule_id="K1.context",
            indicator=INDICATOR.get(top[2].category, "19-V1(3)"),
            severity="high" if strong else "medium",
            evidence=evidence,
            needs_confirmation=True,
            key="|".join(sorted({s[:20] for _, s, _ in flagged})),
            detail={
                "categories": cats,
                "sentences": [
                    {
                        "text": s[:120],
                        "category": v.category,
                        "score": v.total,
                        "features": list(v.features),
                    }
                    for _, s, v in flagged[:MAX_LISTED]
                ],
                "tail": tail,
                "obfuscation": used,
            },
        )
    ]
