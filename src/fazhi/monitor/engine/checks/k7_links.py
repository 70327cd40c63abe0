"""K7 and link availability — dead links (status, 15 s timeouts, soft 404, images,
attachments, redirect loops) and outbound link reputation (gambling landing pages, raw-IP
links, non-government hosts).

The crawler records one :class:`LinkStatus` per checked URL; this module turns the link graph
(page → targets) into findings, one per (page, target) for broken links and one per external
host for review items.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..config import SiteConfig
from ..findings import Finding
from ..urls import host_of, is_gov_host, is_ip_host


@dataclass
class LinkStatus:
    """The result of checking one URL (page, asset or external)."""

    url: str
    kind: str = "page"
    status: int | None = None
    final_url: str = ""
    error: str = ""
    soft404: bool = False
    title: str = ""
    bad_terms: list[str] = field(default_factory=list)
    elapsed: float = 0.0
    chain: list[str] = field(default_factory=list)
    external: bool = False
    tries: int = 1

    @property
    def broken(self) -> bool:
        """Whether the target counts as unusable."""
        if self.error in ("robots", "skipped", "not-fetched"):
            return False
        return bool(self.error) or (self.status is not None and self.status >= 400)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form (field by field: written once per URL)."""
        return {f: getattr(self, f) for f in _LINK_FIELDS}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> LinkStatus:
        return cls(**d)


_LINK_FIELDS = tuple(LinkStatus.__dataclass_fields__)

ERROR_ZH = {
    "timeout": "超时（≥15 秒未打开）",
    "connect": "无法连接",
    "redirect-loop": "重定向循环",
    "too-many-redirects": "重定向次数过多",
    "refused": "目标被拒绝（不在允许范围）",
    "reset": "连接被重置",
}


def _dead_rule(kind: str, st: LinkStatus) -> tuple[str, str]:
    if st.error == "timeout":
        return "LINK.timeout", "medium"
    if st.error in ("redirect-loop", "too-many-redirects"):
        return "LINK.redirect", "medium"
    if kind == "image":
        return "LINK.image", "low"
    if kind == "attachment":
        return "LINK.attachment", "medium"
    return "LINK.dead", "medium"


def link_findings(
    outgoing: Mapping[str, list[tuple[str, str, bool]]],
    statuses: Mapping[str, LinkStatus],
    site: SiteConfig,
    *,
    timeout_s: float = 15.0,
) -> list[Finding]:
    """Findings from the link graph ``outgoing`` (source → [(target, kind, hidden)])."""
    out: list[Finding] = []
    ip_hosts: dict[str, set[str]] = defaultdict(set)
    nongov: dict[str, set[str]] = defaultdict(set)
    bad_pairs: dict[tuple[str, str], str] = {}
    for source in sorted(outgoing):
        for target, kind, _hidden in outgoing[source]:
            if target == source:
                continue
            host = host_of(target)
            if is_ip_host(host):
                ip_hosts[host].add(source)
                continue
            st = statuses.get(target)
            if st is None:
                continue
            external = not site.in_scope(target)
            if st.broken:
                rule, sev = _dead_rule(kind, st)
                what = ERROR_ZH.get(st.error, st.error) if st.error else f"HTTP {st.status}"
                tried = f"{st.tries} 次尝试均失败" if st.tries > 1 else ""
                if rule == "LINK.timeout":
                    what = (
                        f"超时（{timeout_s:g} 秒内未打开" + (f"，{tried}" if tried else "") + "）"
                    )
                elif tried:
                    what += f"（{tried}）"
                out.append(
                    Finding(
                        url=source,
                        rule_id=rule,
                        indicator="15-链接可用性",
                        severity=sev,  # type: ignore[arg-type]
                        evidence=f"{target} → {what}" + ("（外部链接）" if external else ""),
                        key=target,
                    )
                )
                continue
            if st.soft404:
                out.append(
                    Finding(
                        url=source,
                        rule_id="LINK.soft404",
                        indicator="15-链接可用性",
                        severity="low",
                        evidence=f"{target} → 200 但页面提示不存在（软 404）",
                        key=target,
                    )
                )
                continue
            if external:
                if st.bad_terms:
                    bad_pairs.setdefault(
                        (source, host),
                        f"{target} → {st.final_url or target}：{'、'.join(st.bad_terms[:4])}",
                    )
                elif (
                    not is_gov_host(host)
                    and host not in site.external_allow
                    and not is_gov_host(host_of(st.final_url or target))
                ):
                    nongov[host].add(source)
    for (source, host), ev in sorted(bad_pairs.items()):
        out.append(
            Finding(
                url=source,
                rule_id="K7.external_bad",
                indicator="19-V1(3)",
                severity="high",
                evidence=f"外链指向违规网站 {ev}",
                key=host,
            )
        )
    for host, sources in sorted(ip_hosts.items()):
        out.append(
            Finding(
                url=min(sources),
                rule_id="K7.raw_ip",
                indicator="47-域名规范",
                severity="medium",
                evidence=f"链接使用 IP 地址 {host}（{len(sources)} 个页面引用；未访问）",
                key=host,
            )
        )
    for host, sources in sorted(nongov.items()):
        out.append(
            Finding(
                url=min(sources),
                rule_id="K7.non_gov",
                indicator="47-域名规范",
                severity="low",
                evidence=f"外链域名 {host} 非政府网站（{len(sources)} 个页面引用）",
                needs_confirmation=True,
                key=host,
            )
        )
    return out
