"""The monthly bulletin as a DOCX in the official document format (GB/T 9704-2012).

The layout itself (page, fonts, 版头, title, headings, signature, 附件 page, page numbers)
is the shared :mod:`fazhi.ui.officialdoc`; this module writes the bulletin's content: the
总体情况, 监测结论 with the veto table, 主要问题 by kind, 整改要求, and the rectification
list as 附件 on its own page. Dates like 2026年11月30日.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.ui import officialdoc as od
from fazhi.ui.officialdoc import CN_NUM, blank, heading, table
from fazhi.ui.officialdoc import paragraph as _para


def _section_findings(doc, title: str, rows: list[dict], empty: str, limit: int = 10) -> None:
    if title:
        heading(doc, title, level=2)
    if not rows:
        _para(doc, empty)
        return
    high = sum(1 for r in rows if r["severity"] == "high")
    _para(doc, f"共发现 {len(rows)} 个问题（其中高危 {high} 个），主要如下：")
    for i, r in enumerate(rows[:limit], 1):
        flag = "（需人工确认）" if r.get("needs_confirmation") else ""
        _para(
            doc, f"{i}. {r.get('label') or r['rule_id']}{flag}：{r['evidence'][:90]}（{r['url']}）"
        )
    if len(rows) > limit:
        _para(doc, f"其余 {len(rows) - limit} 个问题见附件。")


def render(snap: dict[str, Any]) -> bytes:
    """The bulletin snapshot (``bulletins.snapshot``) as DOCX bytes (deterministic)."""
    b = snap["bulletin"]
    doc = od.new_document()
    issuer = snap["issuer"]
    od.masthead(doc, issuer, snap["number"])

    # 主体
    od.title(doc, b["title"])
    blank(doc)
    _para(doc, f"{snap['site']['org']}：", indent=False)
    _para(
        doc,
        f"根据国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》和国办发〔2017〕47号"
        f"《政府网站发展指引》，对{b['site_name']}开展了{b['period']}监测。现将有关情况通报如下：",
    )
    s = b["scope"]
    n = iter(CN_NUM)
    heading(doc, f"{next(n)}、总体情况")
    _para(
        doc,
        f"监测对象为{b['site_name']}（网站标识码 {b['site_id']}，主办单位 {b['owner']}），"
        f"监测时间点为{snap['run']['as_of_text']}，监测方法为{b['method']}。本次抓取页面 "
        f"{s['pages']} 个，检查链接 {s['urls_checked']} 个（其中外部链接 {s['external_checked']} 个），"
        f"对 {s['k5_pages']} 个页面进行了差异抓取。",
    )
    heading(doc, f"{next(n)}、监测结论")
    score = b["score"]
    _para(
        doc,
        f"{b['conclusion']}。按可自动监测的扣分项估算，得分为 {score:g} 分（满分 100 分，"
        "其余扣分项需人工评测）。单项否决指标情况如下：",
    )
    table(
        doc,
        ["编号", "否决项", "状态", "监测值", "阈值"],
        [[v["code"], v["label"], v["status"], v["measured"], v["threshold"]] for v in b["vetoes"]],
        [12, 34, 16, 50, 44],
    )
    heading(doc, f"{next(n)}、主要问题")
    _section_findings(doc, "（一）安全与内容篡改", b["injection"], "未发现内容篡改与注入问题。")
    hp = b["homepage"]
    heading(doc, "（二）更新情况", level=2)
    stale = [c for c in b["columns"] if c["stale"] or c["blank"]]
    _para(
        doc,
        f"首页最新信息日期为{hp.get('latest') or '—'}，距监测时间点 "
        f"{hp.get('days_since') if hp.get('days_since') is not None else '—'} 天（{hp['status']}）。"
        f"监测栏目 {len(b['columns'])} 个，其中未按期更新或空白栏目 {len(stale)} 个"
        + ("：" + "、".join(c["name"] for c in stale[:15]) + "。" if stale else "。"),
    )
    _section_findings(doc, "（三）链接可用性", b["broken_links"], "未发现不可用链接。")
    _section_findings(doc, "（四）表述与错别字", b["expression"], "未发现表述错误。")
    _section_findings(doc, "（五）隐私泄露", b["privacy"], "未发现个人信息泄露。")
    _section_findings(doc, "（六）网站标识与外链", b["identifiers"], "未发现网站标识问题。")
    mom = snap["mom"]
    heading(doc, "（七）环比变化", level=2)
    if mom.get("has_previous"):
        _para(
            doc,
            f"本月问题 {mom['total']} 个，上月 {mom['previous_total']} 个；新增 {mom['new']} 个，"
            f"已消除 {mom['resolved']} 个。",
        )
    else:
        _para(doc, "上月无监测记录，本月为首次监测。")
    if b["changes"]:
        _section_findings(doc, "", b["changes"], "")
    heading(doc, f"{next(n)}、整改要求")
    _para(
        doc,
        f"请{snap['site']['org']}对照附件所列问题逐项整改，自通报印发之日起20个工作日内完成，"
        "并将整改情况报送监督部门。高危问题（内容篡改、违规内容及链接、隐私泄露）应立即处置。"
        "标注“需人工确认”的问题经核实后整改。",
    )
    for note in b["notes"]:
        _para(doc, note)
    blank(doc)
    _para(doc, "附件：网站监测问题整改清单")
    blank(doc, 2)
    od.signature(doc, issuer, snap["issued_on_text"])
    od.attachment_page(doc, "网站监测问题整改清单")
    table(
        doc,
        ["序号", "问题", "URL", "类型", "严重度", "建议"],
        [
            [
                i,
                r["problem"] + ("（需人工确认）" if r["needs_confirmation"] else ""),
                r["url"],
                r["kind"],
                r["severity"],
                r["suggestion"],
            ]
            for i, r in enumerate(b["rectification"], 1)
        ],
        [10, 50, 40, 20, 12, 24],
    )

    od.page_numbers(doc)
    issued = snap.get("issued_on")
    if isinstance(issued, str):
        issued = dt.date.fromisoformat(issued[:10])
    return od.to_bytes(doc, when=issued, title_text=b["title"])
