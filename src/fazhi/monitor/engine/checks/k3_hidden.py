"""K3 — hidden elements (暗链) from inline and external CSS, and junk markup.

The page parse already computed the outermost hidden blocks and why they are hidden (including
``<noframes>`` content, which no browser shows). Here a block becomes a finding when it hides
an *external* link or lexicon text. UI patterns (menus, tab panels, dialogs, screen-reader
text) with same-host links stay quiet.

Junk markup: spam templates (泛目录、寄生虫页面) stamp clusters of empty elements with random
ids (``<address id="q8w2e"></address><dfn id="zn3x9"></dfn>…``) to make each generated copy
look different to a search engine. :data:`JUNK_MIN` such elements on one page are a finding.
"""

from __future__ import annotations

from ..findings import Finding
from ..page import Page
from ..urls import host_of, is_gov_host
from . import CheckContext
from .context import spam_categories
from .k1_lexicon import hits_in

#: Empty elements with random-looking ids on one page that make a junk cluster.
JUNK_MIN = 8


def check(page: Page, ctx: CheckContext) -> list[Finding]:
    """One finding per suspicious hidden block."""
    out: list[Finding] = []
    site = ctx.site
    for b in page.hidden_blocks:
        ext_hosts = sorted({host_of(u) for u in b.links if not site.in_scope(u)} - {""})
        hits = hits_in(b.text + " " + " ".join(b.links), ctx)
        if not ext_hosts and not hits:
            continue
        nongov = [h for h in ext_hosts if not is_gov_host(h) and h not in site.external_allow]
        if b.benign and not hits and not (b.sr_box and nongov):
            # a screen-reader box holds skip links and labels, never other sites' links
            continue
        frame = b.tag in ("iframe", "frame") and bool(ext_hosts)
        severity = "high" if hits or frame else "medium"
        parts = [f"隐藏方式：{b.reason}", f"元素：{b.descr}"]
        if ext_hosts:
            parts.append("外链：" + "、".join(ext_hosts[:5]))
        if hits:
            parts.append("违规词：" + "、".join(hits[:5]))
        if b.text:
            parts.append("文字：" + b.text[:60])
        out.append(
            Finding(
                url=page.url,
                rule_id="K3.hidden",
                indicator="19-V1(4)",
                severity=severity,
                evidence="；".join(parts),
                needs_confirmation=severity != "high",
                key=f"{b.reason}|{b.descr}|{','.join(ext_hosts)}",
                detail={
                    "reason": b.reason,
                    "snippet": b.snippet,
                    "hosts": ext_hosts,
                    "categories": spam_categories(b.text, ctx) if b.text else [],
                },
            )
        )
    return out


def junk(page: Page, ctx: CheckContext) -> list[Finding]:
    """One finding when the page carries a cluster of random-id junk elements."""
    if len(page.junk) < JUNK_MIN:
        return []
    tags = sorted({t for t, _, _ in page.junk})
    texts = " ".join(x for _, _, x in page.junk if x)
    hits = hits_in(texts, ctx)
    sample = "、".join(f"<{t} id={i}>" for t, i, _ in page.junk[:4])
    evidence = f"{len(page.junk)} 个随机标识的空标签（{'、'.join(tags[:8])}），如 {sample}" + (
        f"；违规词：{'、'.join(hits[:5])}" if hits else ""
    )
    return [
        Finding(
            url=page.url,
            rule_id="K3.junk",
            indicator="19-V1(4)",
            severity="high" if hits else "medium",
            evidence=evidence,
            needs_confirmation=not hits,
            key="junk",
            detail={
                "count": len(page.junk),
                "tags": tags,
                "categories": spam_categories(texts, ctx) if texts else [],
            },
        )
    ]
