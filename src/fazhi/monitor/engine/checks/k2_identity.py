"""K2 — issuer / organisation consistency.

The issuer slots of a page (document title prefix before 关于/印发/转发, ``<h1>``, the
``ArticleTitle`` meta, the signature line) are compared with the site's identity. The seed's
"芙蓉区凯发一触即发关于…" is caught two ways: the slot holds a lexicon term, and it starts with
the district's own area name but is not a government body. Documents forwarded from other
government bodies (长沙市人民政府, 湖南省人民政府办公厅 …) end with an organ suffix and stay quiet.
"""

from __future__ import annotations

import re

from ..findings import Finding
from ..normalise import display_normalise, normalise
from ..page import Page, split_title
from . import CheckContext

ISSUER_RE = re.compile(r"^(.{2,30}?)(?:关于|印发|转发)")
GOV_SUFFIX = re.compile(
    r"(人民政府|政府|办公厅|办公室|委员会|常委会|人大|政协|管委会|管理委员会|街道办事处|街道|"
    r"党委|党组|区委|市委|县委|省委|法院|检察院|公安分局|分局|局|厅|委|部|院|署|办|处|中心|"
    r"所|站|队|室|会|社|公司|集团|学校|大学|医院|协会|联合会|总工会|团委|妇联)$"
)
_SPLIT_JOINT = re.compile(r"[、，,和及与\s]+")


def _issuer(text: str) -> str | None:
    t = display_normalise(text)
    m = ISSUER_RE.match(t)
    if not m:
        return None
    issuer = m.group(1).strip(" 　:：《》“”\"'")
    if len(issuer) < 2 or re.search(r"\d", issuer):
        return None
    return issuer


def _known(issuer: str, names: tuple[str, ...]) -> bool:
    if issuer in names or (GOV_SUFFIX.search(issuer) and not _SPLIT_JOINT.search(issuer)):
        return True
    if GOV_SUFFIX.search(issuer) and "和" in issuer and not re.search(r"[、，,及与\s]", issuer):
        # "住房和城乡建设局", "人力资源和社会保障局": one body whose name contains 和
        return True
    parts = [p for p in _SPLIT_JOINT.split(issuer) if p]
    return bool(parts) and all(p in names or GOV_SUFFIX.search(p) for p in parts)


def assess_issuer(issuer: str, ctx: CheckContext) -> tuple[str, str] | None:
    """(severity, reason) when an issuer string is suspicious, else None."""
    ident = ctx.site.identity
    hits = [t.term for t, _ in ctx.lex.hits(normalise(issuer)) if t.weight >= 5]
    if hits:
        return "high", f"发文机关位置出现违规词「{'、'.join(sorted(set(hits)))}」"
    names = ident.all_names()
    if _known(issuer, names):
        return None
    for area in sorted(ident.area_names, key=len, reverse=True):
        if issuer.startswith(area):
            return "high", f"以本地区名称「{area}」开头但不是机关名称，疑似机关名被替换"
    return "low", "发文机关不在本单位名录，也不是政府机关名称"


def check(page: Page, ctx: CheckContext) -> list[Finding]:
    """Issuer slots and site meta versus the configured identity."""
    out: list[Finding] = []
    ident = ctx.site.identity
    slots: dict[str, list[str]] = {}
    candidates = [("标题", split_title(page.title))]
    candidates += [("h1", h) for h in page.h1]
    if page.meta.get("articletitle"):
        candidates.append(("ArticleTitle", page.meta["articletitle"]))
    for slot, text in candidates:
        iss = _issuer(text)
        if iss:
            slots.setdefault(iss, []).append(slot)
    if page.signature:
        sig = display_normalise(page.signature)
        if sig and (GOV_SUFFIX.search(sig) or ctx.lex.hits(normalise(sig))):
            slots.setdefault(sig, []).append("落款")
    worst: tuple[str, str, str, list[str]] | None = None
    order = {"high": 2, "low": 1}
    for iss, where in slots.items():
        verdict = assess_issuer(iss, ctx)
        if verdict is None:
            continue
        sev, why = verdict
        if "落款" in where and where == ["落款"] and sev == "low":
            continue  # unknown signatures alone are too noisy
        if worst is None or order[sev] > order[worst[0]]:
            worst = (sev, iss, why, where)
    if worst:
        sev, iss, why, where = worst
        expected = ident.site_name or (ident.org_names[0] if ident.org_names else "")
        out.append(
            Finding(
                url=page.url,
                rule_id="K2.issuer",
                indicator="19-V1(4)",
                severity=sev,  # type: ignore[arg-type]
                evidence=f"发文机关「{iss}」（{'、'.join(where)}）与网站身份「{expected}」不符：{why}",
                needs_confirmation=True,
                key=iss,
            )
        )
    if page.is_html and ctx.site.in_scope(page.url) and page.status < 400:
        out += _meta_identity(page, ctx)
    return out


def _meta_identity(page: Page, ctx: CheckContext) -> list[Finding]:
    ident = ctx.site.identity
    out: list[Finding] = []
    name = page.meta.get("sitename", "").strip()
    if name and ident.site_name:
        names = ident.all_names()
        if name not in names:
            hits = [t.term for t, _ in ctx.lex.hits(normalise(name)) if t.weight >= 5]
            out.append(
                Finding(
                    url=page.url,
                    rule_id="K2.sitename",
                    indicator="19-V1(4)" if hits else "47-网页设计规范",
                    severity="high" if hits else "medium",
                    evidence=f"meta SiteName「{name}」≠ 登记名称「{ident.site_name}」",
                    needs_confirmation=not hits,
                    key="sitename:" + name,
                )
            )
    code = page.meta.get("siteidcode", "").strip()
    if ident.site_id_code:
        if code and code != ident.site_id_code:
            out.append(
                Finding(
                    url=page.url,
                    rule_id="K2.sitename",
                    indicator="47-网页设计规范",
                    severity="medium",
                    evidence=f"meta SiteIDCode「{code}」≠ 网站标识码「{ident.site_id_code}」",
                    key="siteidcode:" + code,
                )
            )
        elif not code and page.status == 200 and page.title:
            out.append(
                Finding(
                    url=page.url,
                    rule_id="K2.sitecode_missing",
                    indicator="47-网页设计规范",
                    severity="info",
                    evidence="页面缺少 meta SiteIDCode（网站标识码）",
                    key="siteidcode-missing",
                )
            )
    return out
