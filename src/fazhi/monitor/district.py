"""The combined monthly bulletin of every monitored site of a district — the form the 政务公开
office sends out (portal-monitoring.md §2.1): 总体情况 (how many sites, how many failed, the
合格率), a ranking, one section per site, the rectification requirements, and the 附件 table
网站标识码 / 网站名称 / 不合格原因. The per-site bulletins stay as they are; each site's part
here is built from the same engine bulletin (:func:`fazhi.monitor.bulletins.build`).

Also: the combined bulletin as a DOCX in the GB/T 9704 layout (:mod:`fazhi.ui.officialdoc`)
and as an Excel workbook (ranking, every problem, the veto panel of every site).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.core import cnformat
from fazhi.core.models import Organisation
from fazhi.ui import officialdoc as od
from fazhi.ui.officialdoc import CN_NUM, blank, heading, table
from fazhi.ui.officialdoc import paragraph as para

from . import bulletins, configtext
from .models import Site

TOP_PROBLEMS = 8


def sites_of(org: Organisation) -> list[Site]:
    """Active monitored sites owned by ``org`` or an organisation under it."""
    return list(
        Site.objects.filter(org__path__startswith=org.path, is_active=True)
        .select_related("org")
        .order_by("code")
    )


def _site_part(site: Site, month: str) -> dict[str, Any] | None:
    run = bulletins.run_for_month(site, month)
    if run is None:
        return None
    b, _fpmap, stored = bulletins.build(site, run)
    live = [f for f in stored if f.status != "dismissed"]
    by = {s: sum(1 for f in live if f.severity == s) for s in ("high", "medium", "low", "info")}
    failed = [v.code for v in b.vetoes if v.status == "触发"]
    ident = configtext.parse(run.config_version.text, "网站配置").get("identity") or {}
    return {
        "code": site.code,
        "name": site.name,
        "org": site.org.name,
        "site_id": ident.get("site_id_code", ""),
        "run": run.pk,
        "as_of": run.as_of.isoformat(),
        "pages": (run.stats or {}).get("pages", run.pages_done),
        "score": b.score,
        "conclusion": b.conclusion,
        "passed": not failed,
        "failed_vetoes": [f"{v.code} {v.label}" for v in b.vetoes if v.status == "触发"],
        "by_severity": by,
        "problems": len(b.rectification),
        "top": [
            {"problem": r.problem, "url": r.url, "kind": r.kind, "severity": r.severity}
            for r in b.rectification[:TOP_PROBLEMS]
        ],
        "rectification": [
            {
                "problem": r.problem,
                "url": r.url,
                "kind": r.kind,
                "severity": r.severity,
                "suggestion": r.suggestion,
            }
            for r in b.rectification
        ],  # fmt: skip
        "vetoes": [
            {"code": v.code, "label": v.label, "status": v.status, "measured": v.measured}
            for v in b.vetoes
        ],
    }


def snapshot(
    *, org: Organisation, month: str, number: str, issued_on: dt.date, issuer: str
) -> dict[str, Any]:
    """Everything the combined bulletin shows, frozen as JSON (sites without a finished crawl
    of the month are listed as not monitored)."""
    y, m = bulletins.parse_month(month)
    parts, missing = [], []
    for site in sites_of(org):
        part = _site_part(site, month)
        if part is None:
            missing.append({"code": site.code, "name": site.name})
        else:
            parts.append(part)
    ranked = sorted(
        parts,
        key=lambda p: (not p["passed"], -(p["score"] or 0), p["by_severity"]["high"], p["code"]),
    )
    for i, p in enumerate(ranked, 1):
        p["rank"] = i
    passed = sum(1 for p in parts if p["passed"])
    period = cnformat.fmt_month(y, m)
    return bulletins.plain(
        {
            "number": number,
            "issued_on": issued_on,
            "issued_on_text": cnformat.fmt_date(issued_on),
            "issuer": issuer,
            "org": org.name,
            "month": month,
            "period": period,
            "title": f"关于{period}{org.name}政府网站监测情况的通报",
            "sites": ranked,
            "not_monitored": missing,
            "total": len(parts),
            "passed": passed,
            "failed": len(parts) - passed,
            "pass_rate": round(passed / len(parts), 4) if parts else None,
            "problems": sum(p["problems"] for p in parts),
            "high": sum(p["by_severity"]["high"] for p in parts),
        }
    )


# --------------------------------------------------------------------------- DOCX


def render_docx(snap: dict[str, Any]) -> bytes:
    """The combined bulletin as DOCX (GB/T 9704 layout; deterministic bytes)."""
    doc = od.new_document()
    od.masthead(doc, snap["issuer"], snap["number"])
    od.title(doc, snap["title"])
    blank(doc)
    para(doc, "各街道办事处，区直各单位：", indent=False)
    rate = f"{snap['pass_rate']:.2%}" if snap["pass_rate"] is not None else "—"
    para(
        doc,
        f"根据国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》，{snap['period']}对全区"
        f"{snap['total']}个政府网站开展了监测。现将有关情况通报如下：",
    )
    n = iter(CN_NUM)
    heading(doc, f"{next(n)}、总体情况")
    para(
        doc,
        f"本次监测网站{snap['total']}个，合格{snap['passed']}个，不合格{snap['failed']}个，"
        f"合格率{rate}；共发现问题{snap['problems']}个，其中高危问题{snap['high']}个。"
        + (
            f"另有{len(snap['not_monitored'])}个网站本月未完成监测："
            + "、".join(s["name"] for s in snap["not_monitored"])
            + "。"
            if snap["not_monitored"]
            else ""
        ),
    )
    heading(doc, f"{next(n)}、排名情况")
    table(
        doc,
        ["名次", "网站名称", "结论", "估算得分", "高危问题", "问题总数"],
        [
            [
                p["rank"],
                p["name"],
                "合格" if p["passed"] else "不合格",
                f"{p['score']:g}" if p["score"] is not None else "—",
                p["by_severity"]["high"],
                p["problems"],
            ]
            for p in snap["sites"]
        ],  # fmt: skip
        [12, 52, 18, 20, 18, 18],
    )
    heading(doc, f"{next(n)}、各网站情况")
    for i, p in enumerate(snap["sites"]):
        heading(doc, f"（{CN_NUM[i % 10]}）{p['name']}", level=2)
        para(
            doc,
            f"{p['conclusion']}。监测页面{p['pages']}个，发现问题{p['problems']}个"
            f"（高危{p['by_severity']['high']}个）。"
            + (
                "触发单项否决：" + "、".join(p["failed_vetoes"]) + "。"
                if p["failed_vetoes"]
                else ""
            ),
        )
        for j, t in enumerate(p["top"], 1):
            para(doc, f"{j}. {t['problem'][:80]}（{t['url']}）")
    heading(doc, f"{next(n)}、整改要求")
    para(
        doc,
        "请各网站主办单位对照通报问题逐项整改，自通报印发之日起20个工作日内完成，并将整改情况"
        "报送监督部门。高危问题（内容篡改、违规内容及链接、隐私泄露）应立即处置。",
    )
    blank(doc)
    para(doc, "附件：不合格网站名单")
    blank(doc, 2)
    od.signature(doc, snap["issuer"], snap["issued_on_text"])
    od.attachment_page(doc, "不合格网站名单")
    failed = [p for p in snap["sites"] if not p["passed"]]
    table(
        doc,
        ["序号", "网站标识码", "网站名称", "不合格原因"],
        [
            [i, p["site_id"], p["name"], "；".join(p["failed_vetoes"])]
            for i, p in enumerate(failed, 1)
        ]
        or [["—", "—", "—", "本月无不合格网站"]],
        [12, 30, 50, 64],
    )
    od.page_numbers(doc)
    issued = dt.date.fromisoformat(str(snap["issued_on"])[:10])
    return od.to_bytes(doc, when=issued, title_text=snap["title"])


# --------------------------------------------------------------------------- Excel


def render_xlsx(snap: dict[str, Any]) -> bytes:
    """The combined bulletin as a workbook: 排名, 问题清单 (every site's problems), 单项否决."""
    from fazhi.core.dataexchange import writer

    book, out, fmt = writer.new_book()

    def sheet(name: str, header: list[str], rows: list[list[Any]]) -> None:
        ws = writer.add_sheet(book, fmt, name, header, rows)
        ws.freeze_panes(1, 0)

    sheet(
        "排名",
        [
            "名次",
            "网站代号",
            "网站名称",
            "主办单位",
            "结论",
            "估算得分",
            "高危",
            "中危",
            "低危",
            "问题总数",
        ],
        [
            [
                p["rank"],
                p["code"],
                p["name"],
                p["org"],
                "合格" if p["passed"] else "不合格",
                p["score"] if p["score"] is not None else "",
                p["by_severity"]["high"],
                p["by_severity"]["medium"],
                p["by_severity"]["low"],
                p["problems"],
            ]
            for p in snap["sites"]
        ],  # fmt: skip
    )
    sheet(
        "问题清单",
        ["网站名称", "问题", "URL", "类型", "严重度", "建议"],
        [
            [p["name"], r["problem"], r["url"], r["kind"], r["severity"], r["suggestion"]]
            for p in snap["sites"]
            for r in p["rectification"]
        ],
    )
    sheet(
        "单项否决",
        ["网站名称", "编号", "否决项", "状态", "监测值"],
        [
            [p["name"], v["code"], v["label"], v["status"], v["measured"]]
            for p in snap["sites"]
            for v in p["vetoes"]
        ],
    )
    book.close()
    return out.getvalue()
