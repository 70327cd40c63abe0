"""K6 — month-over-month snapshot diff.

A snapshot keeps, per URL, the title, document title (issuer slot), publication date, a hash of
the normalised visible text, the external domains, the hidden-block keys and the script URLs;
and per same-host script its content hash. The diff reports new external domains, new hidden
blocks, changed titles or bodies of *old* articles (same publication date, older than the grace
period — legitimate corrections happen on new articles), changed shared scripts and new
orphan pages (only in the sitemap, linked from nowhere).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import SiteConfig
from ..findings import Finding
from ..urls import is_gov_host

OLD_ARTICLE_DAYS = 30


@dataclass
class Snapshot:
    """What a crawl saw, compactly, for next month's diff."""

    site_id: str
    taken: str
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    scripts: dict[str, str] = field(default_factory=dict)
    orphans: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form (shallow: the values are plain already; ``asdict`` would deep-copy
        thousands of pages)."""
        return {
            "site_id": self.site_id,
            "taken": self.taken,
            "pages": self.pages,
            "scripts": self.scripts,
            "orphans": self.orphans,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Snapshot:
        return cls(**d)

    def save(self, path: str | Path) -> None:
        """Write as JSON."""
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Snapshot:
        """Read a JSON snapshot."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def build_snapshot(
    site_id: str,
    as_of: dt.date,
    records: Mapping[str, Any],
    scripts: Mapping[str, str],
    orphans: Iterable[str] = (),
) -> Snapshot:
    """Snapshot from page records (url → PageOutcome) and script hashes."""
    pages = {}
    for url, r in records.items():
        if not r.is_html or r.status >= 400 or r.soft404:
            continue
        pages[url] = {
            "title": r.title,
            "doc_title": r.doc_title,
            "pub_date": r.pub_date,
            "text_hash": r.text_hash,
            "ext_domains": list(r.ext_domains),
            "hidden_keys": list(r.hidden_keys),
            "script_srcs": list(r.script_srcs),
        }
    return Snapshot(site_id, as_of.isoformat(), pages, dict(scripts), sorted(orphans))


def diff(
    prev: Snapshot | None,
    cur: Snapshot,
    site: SiteConfig,
    *,
    as_of: dt.date,
    bad_hosts: Iterable[str] = (),
) -> list[Finding]:
    """Findings for changes from ``prev`` to ``cur`` (orphans are reported without ``prev``)."""
    out: list[Finding] = []
    bad = set(bad_hosts)
    prev_pages = prev.pages if prev else {}
    for url in sorted(cur.orphans):
        if url in prev_pages:
            continue
        out.append(
            Finding(
                url,
                "K6.new_page",
                "19-V1(4)",
                "medium",
                "新出现的孤立页面：仅见于 sitemap，未被任何页面链接",
                needs_confirmation=True,
                key="orphan",
            )
        )
    if prev is None:
        return out
    for url in sorted(cur.pages):
        old = prev_pages.get(url)
        if old is None:
            continue
        new = cur.pages[url]
        added = sorted(set(new["ext_domains"]) - set(old["ext_domains"]))
        if added:
            sev = (
                "high"
                if any(h in bad for h in added)
                else ("low" if all(is_gov_host(h) for h in added) else "medium")
            )
            out.append(
                Finding(
                    url,
                    "K6.new_external_domain",
                    "19-V1(4)",
                    sev,
                    "新增外部域名：" + "、".join(added),
                    needs_confirmation=sev != "high",
                    key=",".join(added),
                )
            )
        new_hidden = sorted(set(new["hidden_keys"]) - set(old["hidden_keys"]))
        if new_hidden:
            out.append(
                Finding(
                    url,
                    "K6.new_hidden",
                    "19-V1(4)",
                    "medium",
                    f"新增隐藏内容块 {len(new_hidden)} 个",
                    needs_confirmation=True,
                    key=",".join(new_hidden),
                )
            )
        pd = new.get("pub_date")
        old_article = (
            pd is not None
            and pd == old.get("pub_date")
            and (as_of - dt.date.fromisoformat(pd)).days > OLD_ARTICLE_DAYS
        )
        if old_article and new["doc_title"] != old["doc_title"]:
            out.append(
                Finding(
                    url,
                    "K6.title_changed",
                    "19-V1(4)",
                    "high",
                    f"发布于 {pd} 的旧文章标题由「{old['doc_title']}」变为「{new['doc_title']}」",
                    needs_confirmation=True,
                    key=new["doc_title"],
                )
            )
        elif old_article and new["text_hash"] != old["text_hash"]:
            out.append(
                Finding(
                    url,
                    "K6.tampered",
                    "19-V1(4)",
                    "medium",
                    f"发布于 {pd} 的旧文章正文发生变化（发布日期未变）",
                    needs_confirmation=True,
                    key=new["text_hash"],
                )
            )
    for url in sorted(cur.scripts):
        old_hash = prev.scripts.get(url)
        if old_hash and old_hash != cur.scripts[url]:
            out.append(
                Finding(
                    url,
                    "K6.script_changed",
                    "19-V1(4)",
                    "medium",
                    "公共脚本文件内容与上月不同",
                    needs_confirmation=True,
                    key=cur.scripts[url],
                )
            )
    return out
