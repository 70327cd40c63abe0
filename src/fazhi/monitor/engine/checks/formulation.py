"""严重表述错误 — integrity of canonical political formulations (19-V1(1)).

Injected spam often replaces the name or the key word of a formulation and leaves the rest
("凯发娱乐新时代中国特色社会主义思想"). The lexicon's ``formulations`` name each formulation's
head and remainder; wherever the remainder stands, the head (or one of its legitimate
alternatives) must stand right before it. What stands there instead is quoted in the finding.
Same-pinyin and one-character variants are the expression check's business.
"""

from __future__ import annotations

import re

from ..findings import Finding, snippet
from ..normalise import normalise
from ..page import Page
from . import CheckContext
from .context import spam_categories
from .k1_lexicon import CATEGORY_ZH

#: Characters allowed between a head and its remainder (quotes, brackets, spaces).
_JOINERS = "“”\"'‘’「」『』《》()（）[]【】 "
_BOUNDARY = re.compile(r"[。,，;；:：!！?？、\n]")
MAX_TEXT = 100_000


def check(page: Page, ctx: CheckContext) -> list[Finding]:
    """One finding per formulation whose remainder appears without its head."""
    forms = ctx.site.lexicon.formulations
    if not forms:
        return []
    text = normalise(page.title) + "\n" + normalise(page.visible_text)
    out: list[Finding] = []
    for f in forms:
        rem = normalise(f.remainder)
        heads = [normalise(h) for h in (f.head, *f.also) if h]
        pos = text.find(rem)
        seen: set[str] = set()
        while pos >= 0:
            before = text[max(0, pos - 40) : pos].rstrip(_JOINERS)
            if not any(before.endswith(h) for h in heads):
                cut = [m.end() for m in _BOUNDARY.finditer(before)]
                instead = before[cut[-1] if cut else 0 :][-10:]
                if instead not in seen:
                    seen.add(instead)
                    spam = ctx.lex.hits(instead) if instead else []
                    cats = spam_categories(instead, ctx) if instead else []
                    what = f"实为「{instead}」" if instead else "前面没有内容"
                    if cats:
                        what += "（" + "、".join(CATEGORY_ZH.get(c, c) for c in cats) + "类内容）"
                    out.append(
                        Finding(
                            url=page.url,
                            rule_id="EXPR.formulation",
                            indicator="19-V1(1)",
                            severity="high",
                            evidence=(
                                f"「{f.remainder}」前应为「{f.head}」，{what}"
                                f"（规范表述：{f.canonical}）— "
                                + snippet(text, pos - len(instead), pos + len(rem), 10)
                            ),
                            needs_confirmation=not cats,
                            key=f"{f.canonical}|{instead}",
                            detail={
                                "canonical": f.canonical,
                                "instead": instead,
                                "spam": sorted({t.term for t, _ in spam}),
                                "categories": cats,
                            },
                        )
                    )
            pos = text.find(rem, pos + 1)
    return out
