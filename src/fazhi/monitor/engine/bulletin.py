"""Monthly bulletin (通报) in the form real bulletins take (portal-monitoring.md §2.3).

``build_bulletin`` turns a :class:`~fazhi.monitor.engine.crawler.CrawlResult` (plus optional
uptime statistics) into a structured :class:`Bulletin`; ``render_html`` prints it as one
standalone HTML page. DOCX/Excel renderers come later from the Django layer.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from dataclasses import dataclass, field

from .checks.freshness import CATEGORY_ZH, ColumnStatus, HomepageStatus
from .config import SiteConfig
from .findings import RULES, SEVERITY_ORDER, SEVERITY_ZH, Finding
from .uptime import UptimeStats

INJECTION_PREFIXES = ("K1.", "K2.issuer", "K3.", "K4.", "K5.", "K7.external_bad")
V1_RULES = INJECTION_PREFIXES + ("EXPR.variant", "K6.title_changed")
LINK_PREFIX = "LINK."
STATUS_ORDER = {"触发": 3, "预警": 2, "OK": 1, "未检测": 0}


@dataclass
class VetoRow:
    """One row of the 单项否决 panel."""

    code: str
    label: str
    status: str
    measured: str
    threshold: str
    evidence: list[str] = field(default_factory=list)
    source: str = ""


@dataclass
class DeductionRow:
    """One row of the estimated deduction table."""

    id: str
    label: str
    automatable: bool
    count: int
    points: float | None
    cap: float
    source: str


@dataclass
class RectItem:
    """A row of the rectification annex: 问题 / URL / 类型 / 严重度 / 建议."""

    problem: str
    url: str
    kind: str
    severity: str
    suggestion: str
    needs_confirmation: bool
    fingerprint: str


@dataclass
class Bulletin:
    """Structured monthly bulletin."""

    title: str
    site_name: str
    site_id: str
    owner: str
    period: str
    as_of: dt.date
    scope: dict[str, object]
    method: str
    conclusion: str
    vetoes: list[VetoRow]
    score: float | None
    deductions: list[DeductionRow]
    injection: list[Finding]
    homepage: HomepageStatus
    columns: list[ColumnStatus]
    broken_links: list[Finding]
    expression: list[Finding]
    privacy: list[Finding]
    changes: list[Finding]
    identifiers: list[Finding]
    rectification: list[RectItem]
    notes: list[str]
    uptime: UptimeStats | None = None


def _status_count(value: int, veto: float | None, warn: float | None) -> str:
    if veto is not None and value >= veto:
        return "触发"
    if warn is not None and value >= warn:
        return "预警"
    return "OK"


def _sorted(fs: Iterable[Finding]) -> list[Finding]:
    return sorted(fs, key=lambda f: (-SEVERITY_ORDER[f.severity], f.url, f.rule_id, f.evidence))


def build_bulletin(
    result,
    *,
    site: SiteConfig,
    uptime: UptimeStats | None = None,
    period: str | None = None,
    dismissed: Iterable[str] = (),
) -> Bulletin:
    """Build the bulletin from a crawl result. ``dismissed`` are finding fingerprints staff
    marked as false positives; they are left out everywhere."""
    gone = set(dismissed)
    fs = [f for f in result.findings if f.fingerprint not in gone]
    th = site.thresholds
    as_of: dt.date = result.as_of
    period = period or f"{as_of.year}年{as_of.month}月"

    # ---- V1
    v1 = [f for f in fs if f.rule_id.startswith(V1_RULES) and f.severity == "high"]
    confirmed = [f for f in v1 if not f.needs_confirmation]
    v1_status = "触发" if confirmed else ("预警" if v1 else "OK")
    vetoes = [
        VetoRow(
            "V1",
            "安全、泄密事故等严重问题",
            v1_status,
            f"高危 {len(v1)} 项（其中需人工确认 {len(v1) - len(confirmed)} 项）",
            "≥1 项（内容篡改/违规内容及链接/严重表述错误）",
            [f"{f.rule_id} {f.url}：{f.evidence[:80]}" for f in _sorted(v1)[:10]],
            "19号 单项否决 V1(1)(3)(4)；泄密与舆情 V1(2)(6) 需人工",
        )
    ]
    # ---- V2
    if uptime is None or uptime.ratio is None:
        vetoes.append(
            VetoRow(
                "V2",
                "站点无法访问",
                "未检测",
                "—",
                "7 天、每天≥20 次、15 秒，失败≥5%（预警 3%）",
                [],
                th["V2.failure_ratio"].source,
            )
        )
    else:
        vetoes.append(
            VetoRow(
                "V2",
                "站点无法访问",
                uptime.status
                if uptime.enough
                else ("未检测" if uptime.status == "OK" else uptime.status),
                f"{uptime.failures}/{uptime.probes} = {uptime.ratio:.1%}"
                + ("" if uptime.enough else "（样本不足 7 天×20 次）"),
                f"≥{th['V2.failure_ratio'].veto:.0%}（预警 {th['V2.failure_ratio'].warn:.0%}）",
                uptime.evidence[:10],
                th["V2.failure_ratio"].source,
            )
        )
    # ---- V3
    hp: HomepageStatus = result.homepage
    t3 = th["V3.homepage_days"]
    vetoes.append(
        VetoRow(
            "V3",
            "首页不更新",
            hp.status,
            f"{hp.via}最新信息 {hp.latest} 距监测时间点 {hp.days_since} 天" if hp.latest else "—",
            f">{t3.veto:g} 天（预警 >{t3.warn:g} 天）",
            [],
            t3.source,
        )
    )
    # ---- V4
    cols: list[ColumnStatus] = result.columns
    stale_a = [c for c in cols if c.stale and c.category in ("news", "notice", "policy")]
    stale_all = [c for c in cols if c.stale]
    blank = [c for c in cols if c.blank]
    ta, tb, tc = th["V4.stale_columns"], th["V4.long_stale_columns"], th["V4.blank_columns"]
    sa = _status_count(len(stale_a), ta.veto, ta.warn)
    sb = _status_count(len(stale_all), tb.veto, tb.warn)
    sc = _status_count(len(blank), tc.veto, tc.warn)
    v4 = max((sa, sb, sc), key=lambda s: STATUS_ORDER[s])
    vetoes.append(
        VetoRow(
            "V4",
            "栏目不更新",
            v4 if cols else "未检测",
            f"(a) {len(stale_a)} 个；(b) {len(stale_all)} 个；(c) 空白 {len(blank)} 个",
            f"(a)≥{ta.veto:g} (b)≥{tb.veto:g} (c)≥{tc.veto:g}（预警 {ta.warn:g}/{tb.warn:g}/{tc.warn:g}）",
            [
                f"{c.name} {c.url}" + ("（空白）" if c.blank else "（未更新）")
                for c in blank + stale_all
            ][:15],
            f"{ta.source}；{tb.source}；{tc.source}",
        )
    )
    vetoes.append(
        VetoRow(
            "V5",
            "互动回应差",
            "未检测",
            "—",
            "留言超过 3 个月未回复",
            ["需人工（留言系统多需登录或按 CMS 适配）"],
            th["V5.unanswered_days"].source,
        )
    )
    vetoes.append(
        VetoRow(
            "V6",
            "服务不实用",
            "未检测",
            "—",
            "办事指南要素缺失",
            ["需人工（办事指南多在政务服务网）"],
            "19号 单项否决 V6",
        )
    )

    # ---- deductions (automatable items only)
    deductions = []
    total = 0.0
    for d in th.deductions:
        if not d.automatable:
            deductions.append(DeductionRow(d.id, d.label, False, 0, None, d.cap, d.source))
            continue
        n = sum(1 for f in fs if f.rule_id in d.rules)
        pts = min(d.cap, n * d.points_each)
        total += pts
        deductions.append(DeductionRow(d.id, d.label, True, n, pts, d.cap, d.source))
    score = round(100 - total, 1)

    if any(v.status == "触发" for v in vetoes):
        conclusion = (
            "不合格（单项否决：" + "、".join(v.code for v in vetoes if v.status == "触发") + "）"
        )
    elif score < 60:
        conclusion = "不合格（估算得分低于 60 分）"
    else:
        conclusion = "暂未发现单项否决情形（估算，待人工复核）"

    by = lambda *prefixes: _sorted(f for f in fs if f.rule_id.startswith(prefixes))  # noqa: E731
    rect = [
        RectItem(
            problem=f"{RULES.get(f.rule_id, (f.rule_id, ''))[0]}：{f.evidence[:120]}",
            url=f.url,
            kind=f.rule_id,
            severity=SEVERITY_ZH[f.severity],
            suggestion=f.suggestion,
            needs_confirmation=f.needs_confirmation,
            fingerprint=f.fingerprint,
        )
        for f in _sorted(fs)
        if f.severity != "info"
    ]
    scope = {
        "hosts": sorted(site.host_set),
        "pages": result.stats.get("pages", 0),
        "urls_checked": result.stats.get("urls_checked", 0),
        "external_checked": result.stats.get("external_checked", 0),
        "sitemap_urls": result.stats.get("sitemap_urls", 0),
        "k5_pages": len(result.cloaking_checked),
        "complete": result.complete,
    }
    notes = [
        "得分仅按可自动监测的扣分项估算，分值为待核对的占位值（⚠ UNVERIFIED），其余项目需人工。",
        "差异抓取（K5）只能发现按 User-Agent/Referer 分流的伪装；按搜索引擎真实 IP 分流的伪装"
        "无法从外部复现，建议网站主办单位开展服务器端文件完整性监测。",
        "标注「需人工确认」的问题为疑似问题，经人工核实后计入。",
    ]
    if not result.complete:
        notes.insert(0, f"本次抓取未完成（{result.stop_reason}），结论仅供参考。")
    return Bulletin(
        title=f"关于{period}{site.name}监测情况的通报",
        site_name=site.name,
        site_id=site.identity.site_id_code,
        owner=site.owner,
        period=period,
        as_of=as_of,
        scope=scope,
        method="系统自动监测 + 人工复核",
        conclusion=conclusion,
        vetoes=vetoes,
        score=score,
        deductions=deductions,
        injection=by(*INJECTION_PREFIXES),
        homepage=hp,
        columns=cols,
        broken_links=by(LINK_PREFIX),
        expression=by("EXPR."),
        privacy=by("PRIV."),
        changes=by("K6."),
        identifiers=by("K2.sitename", "K2.sitecode", "K7.raw_ip", "K7.non_gov"),
        rectification=rect,
        notes=notes,
        uptime=uptime,
    )


# --------------------------------------------------------------------------- HTML

_CSS = """body{font-family:"Noto Serif CJK SC","SimSun",serif;max-width:1100px;margin:2em auto;
line-height:1.6;color:#222}h1{text-align:center;font-size:1.6em}h2{border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.2em}td,th{border:1px solid #999;
padding:.25em .5em;vertical-align:top;font-size:.92em}th{background:#eee}.触发{color:#b00;
font-weight:bold}.预警{color:#c60}.OK{color:#070}.未检测{color:#666}.note{color:#555;font-size:.9em}
td.url{word-break:break-all;max-width:22em}"""


def _e(x: object) -> str:
    return html.escape("" if x is None else str(x))


def _table(headers: list[str], rows: list[list[object]], url_col: int | None = None) -> str:
    if not rows:
        return '<p class="note">无。</p>'
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for r in rows:
        cells = []
        for i, c in enumerate(r):
            cls = ' class="url"' if i == url_col else ""
            cells.append(f"<td{cls}>{_e(c)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def _findings_table(fs: list[Finding]) -> str:
    return _table(
        ["严重度", "规则", "指标", "URL", "证据", "需人工确认"],
        [
            [
                SEVERITY_ZH[f.severity],
                f.rule_id,
                f.indicator,
                f.url,
                f.evidence,
                "是" if f.needs_confirmation else "",
            ]
            for f in fs
        ],
        url_col=3,
    )


def render_html(b: Bulletin) -> str:
    """A standalone HTML page for the bulletin (no external resources)."""
    s = b.scope
    veto_rows = "".join(
        f'<tr><td>{_e(v.code)}</td><td>{_e(v.label)}</td><td class="{_e(v.status)}">'
        f"{_e(v.status)}</td><td>{_e(v.measured)}</td><td>{_e(v.threshold)}</td>"
        f"<td>{'<br>'.join(_e(x) for x in v.evidence) or '—'}</td></tr>"
        for v in b.vetoes
    )
    ded = _table(
        ["项目", "可自动", "问题数", "估算扣分", "上限", "依据"],
        [
            [
                d.label,
                "是" if d.automatable else "否",
                d.count if d.automatable else "—",
                f"{d.points:g}" if d.points is not None else "需人工",
                f"{d.cap:g}",
                d.source,
            ]
            for d in b.deductions
        ],
    )
    hp = b.homepage
    cols = _table(
        ["栏目", "类别", "最新日期", "未更新天数", "期限", "条目数", "空白", "结论"],
        [
            [
                c.name,
                CATEGORY_ZH.get(c.category, c.category),
                c.latest or "—",
                c.days_since if c.days_since is not None else "—",
                c.limit or "—",
                c.items,
                "是" if c.blank else "",
                "空白"
                if c.blank
                else ("未按期更新" if c.stale else ("未找到" if not c.found else "正常")),
            ]
            for c in b.columns
        ],
    )
    rect = _table(
        ["序号", "问题", "URL", "类型", "严重度", "建议", "需人工确认"],
        [
            [
                i,
                r.problem,
                r.url,
                r.kind,
                r.severity,
                r.suggestion,
                "是" if r.needs_confirmation else "",
            ]
            for i, r in enumerate(b.rectification, 1)
        ],
        url_col=2,
    )
    notes = "".join(f"<li>{_e(n)}</li>" for n in b.notes)
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{_e(b.title)}</title><style>{_CSS}</style></head><body>
<h1>{_e(b.title)}</h1>
<h2>一、总体情况</h2>
<p>监测对象：{_e(b.site_name)}（网站标识码 {_e(b.site_id)}，主办单位 {_e(b.owner)}）；
监测时间点：{_e(b.as_of)}；监测方法：{_e(b.method)}。</p>
<p>监测范围：主机 {_e("、".join(s["hosts"]))}；抓取页面 {_e(s["pages"])} 个，检查链接
{_e(s["urls_checked"])} 个（外部链接 {_e(s["external_checked"])} 个），sitemap 收录
{_e(s["sitemap_urls"])} 个，差异抓取 {_e(s["k5_pages"])} 个页面。</p>
<h2>二、结论</h2>
<p><strong>{_e(b.conclusion)}</strong>；可自动监测扣分项估算得分 <strong>{_e(b.score)}</strong>
分（满分 100，其余项目需人工）。</p>
<h3>单项否决</h3>
<table><tr><th>编号</th><th>否决项</th><th>状态</th><th>监测值</th><th>阈值</th><th>证据</th></tr>
{veto_rows}</table>
<h3>扣分估算</h3>{ded}
<h2>三、安全与内容篡改</h2>{_findings_table(b.injection)}
<h2>四、更新情况</h2>
<p>首页：{_e(hp.via)}最新信息 {_e(hp.latest or "—")}，距监测时间点
{_e(hp.days_since if hp.days_since is not None else "—")} 天（{_e(hp.status)}）。</p>{cols}
<h2>五、链接可用性</h2>{_findings_table(b.broken_links)}
<h2>六、表述与错别字</h2>{_findings_table(b.expression)}
<h2>七、隐私泄露</h2>{_findings_table(b.privacy)}
<h2>八、网站标识与外链</h2>{_findings_table(b.identifiers)}
<h2>九、环比变化</h2>{_findings_table(b.changes)}
<h2>十、说明</h2><ul>{notes}</ul>
<h2>附件：整改清单</h2>{rect}
</body></html>"""
