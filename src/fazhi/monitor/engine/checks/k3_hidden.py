"""K3 — hidden elements (暗链) from inline and external CSS.

The page parse already computed the outermost hidden blocks and why they are hidden. Here a
block becomes a finding when it hides an *external* link or lexicon text. UI patterns (menus,
tab panels, dialogs, screen-reader text) with same-host links stay quiet.
"""

from __future__ import annotations

from ..findings import Finding
from ..page import Page
from ..urls import host_of
from . import CheckContext
from .k1_lexicon import hits_in


def check(page: Page, ctx: CheckContext) -> list[Finding]:
    """One finding per suspicious hidden block."""
    out: list[Finding] = []
    site = ctx.site
    for b in page.hidden_blocks:
        ext_hosts = sorted({host_of(u) for u in b.links if not site.in_scope(u)} - {""})
        hits = hits_in(b.text + " " + " ".join(b.links), ctx)
        if not ext_hosts and not hits:
            continue
        if b.benign and not hits:
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
                detail={"reason": b.reason, "snippet": b.snippet, "hosts": ext_hosts},
            )
        )
    return out
