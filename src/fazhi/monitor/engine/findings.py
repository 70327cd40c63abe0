"""The Finding record every check produces.

A finding is deliberately small and serialisable: the Django layer stores it, the bulletin
groups it, and staff dismiss it by its ``fingerprint`` (which stays stable across monthly runs
as long as the URL, the rule and the evidence key do not change).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["high", "medium", "low", "info"]

SEVERITY_ORDER: dict[str, int] = {"high": 3, "medium": 2, "low": 1, "info": 0}
SEVERITY_ZH: dict[str, str] = {"high": "高", "medium": "中", "low": "低", "info": "提示"}

#: Rule id → (Chinese label, default suggestion for the rectification list).
RULES: dict[str, tuple[str, str]] = {
    "K1.lexicon": ("敏感词（博彩/色情/诈骗）", "删除违规内容，排查篡改来源并修补漏洞"),
    "K1.context": ("与页面无关的违规语句（语境异常）", "核实并删除插入的语句，排查篡改来源"),
    "K2.issuer": ("发文机关/标题被篡改", "恢复原标题与发文机关，排查篡改来源"),
    "K2.sitename": ("网站名称/标识码与登记不一致", "核对 SiteName、SiteIDCode 元数据"),
    "K2.sitecode_missing": ("缺少网站标识码元数据", "按《网页设计规范》补充 SiteIDCode"),
    "FOOT.icp_missing": ("缺少 ICP 备案编号", "在页面底部标注 ICP 备案编号"),
    "FOOT.icp_malformed": ("ICP 备案编号不规范或与登记不符", "核对并更正 ICP 备案编号"),
    "FOOT.psb_missing": ("缺少公安机关备案号", "在页面底部标注公安机关备案号"),
    "FOOT.psb_malformed": ("公安机关备案号不规范或与登记不符", "核对并更正公安机关备案号"),
    "FOOT.sitecode_missing": ("页面底部缺少网站标识码", "在页面底部标注网站标识码"),
    "FOOT.sitecode_mismatch": ("网站标识码与登记不符", "核对并更正网站标识码"),
    "K3.hidden": ("隐藏链接/隐藏文字（暗链）", "删除隐藏链接，排查模板与样式表篡改"),
    "K3.junk": ("随机标识的垃圾标签（泛目录/寄生页特征）", "删除垃圾标签，排查模板与程序篡改"),
    "K4.script": ("可疑脚本（注入/混淆）", "删除注入脚本，核对公共脚本文件完整性"),
    "K4.redirect": ("跳转劫持（脚本或 meta 跳转）", "删除跳转代码，排查服务器篡改"),
    "K5.cloaking": ("对搜索引擎伪装（cloaking）", "排查服务器端按 UA/Referer 分流的代码"),
    "K6.new_external_domain": ("新增外部域名（环比）", "核实新增外链是否为本单位发布"),
    "K6.new_hidden": ("新增隐藏内容（环比）", "核实新增隐藏内容"),
    "K6.tampered": ("旧文章内容被修改（环比）", "核对原稿，恢复被篡改内容"),
    "K6.title_changed": ("旧文章标题/发文机关变化（环比）", "核对原稿，恢复标题"),
    "K6.script_changed": ("公共脚本文件变化（环比）", "核对脚本文件变更记录"),
    "K6.new_page": ("新出现的孤立页面", "核实页面来源，删除非本单位发布页面"),
    "K7.external_bad": ("外链指向违规网站（外链变异）", "立即删除该外链"),
    "K7.raw_ip": ("链接使用 IP 地址", "改用正式域名或删除链接"),
    "K7.non_gov": ("链接非政府网站域名", "核实外链必要性，必要时加注提示"),
    "LINK.dead": ("不可用链接（死链）", "修复或删除链接"),
    "LINK.timeout": ("链接超时（≥15 秒未打开）", "检查目标服务器或删除链接"),
    "LINK.soft404": ("软 404（页面不存在但返回 200）", "修复或删除链接"),
    "LINK.image": ("图片无法显示", "修复图片地址"),
    "LINK.attachment": ("附件无法下载", "重新上传附件或修正地址"),
    "LINK.redirect": ("链接重定向异常（循环或过多）", "修正链接地址"),
    "FRESH.homepage": ("首页不更新", "及时更新首页信息"),
    "FRESH.column_stale": ("栏目不更新", "按要求更新栏目或按规定整合/关停栏目"),
    "FRESH.column_blank": ("空白栏目", "补充内容或撤销栏目"),
    "EXPR.formulation": ("规范表述被篡改（关键词缺失或被替换）", "按规范表述恢复，排查篡改来源"),
    "EXPR.variant": ("严重表述错误（已知错误写法）", "按规范表述改正"),
    "EXPR.homophone": ("疑似表述错误（同音替换）", "人工核对后改正"),
    "EXPR.one_char": ("疑似表述错误（一字之差）", "人工核对后改正"),
    "EXPR.leader_title": ("疑似领导职务表述错误", "人工核对领导姓名与职务"),
    "ATT.too_large": ("附件过大（未检查内容）", "核实附件，必要时压缩或拆分后重新发布"),
    "ATT.zip_bomb": ("附件疑似压缩炸弹", "删除该附件，排查上传来源"),
    "ATT.malformed": ("附件无法解析", "核实附件是否损坏，重新上传"),
    "PRIV.id_number": ("泄露公民身份号码", "删除或脱敏处理"),
    "PRIV.phone": ("泄露手机号码", "删除或脱敏处理"),
    "CLONE.copy": ("页面被其他网站克隆（含篡改）", "取证后联系对方网站或有关部门处置"),
    "CRAWL.too_large": ("页面过大（已截断检查）", "核查页面是否异常"),
    "CRAWL.trap": ("疑似爬虫陷阱（已限制）", "无需整改，仅提示"),
    "CRAWL.charset": ("页面编码声明错误", "修正页面 charset 声明"),
    "CRAWL.unreachable": ("站点无法访问", "检查服务器与网络"),
    "CRAWL.robots": ("robots.txt 禁止抓取（已遵守）", "如需全面监测，请网站主办单位放行"),
    "CRAWL.parse": ("页面无法解析", "检查页面结构"),
}


@dataclass(frozen=True)
class Finding:
    """One problem found on one URL.

    ``indicator`` names the inspection indicator the finding supports, e.g. ``19-V1(4)`` for
    国办秘函〔2019〕19号 单项否决 V1 item (4). ``needs_confirmation`` marks "疑似" findings a
    person must confirm before they count.
    """

    url: str
    rule_id: str
    indicator: str
    severity: Severity
    evidence: str
    needs_confirmation: bool = False
    key: str = ""
    detail: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def fingerprint(self) -> str:
        """Stable id for remembering dismissals: url + rule + evidence key (or evidence)."""
        basis = "\x1f".join((self.url, self.rule_id, self.key or self.evidence))
        return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:20]

    @property
    def label(self) -> str:
        """Chinese label of the rule."""
        return RULES.get(self.rule_id, (self.rule_id, ""))[0]

    @property
    def suggestion(self) -> str:
        """Default rectification suggestion."""
        return RULES.get(self.rule_id, ("", "人工核查"))[1]

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly dict including the fingerprint."""
        return {
            "url": self.url,
            "rule_id": self.rule_id,
            "indicator": self.indicator,
            "severity": self.severity,
            "evidence": self.evidence,
            "needs_confirmation": self.needs_confirmation,
            "key": self.key,
            "detail": self.detail,
            "fingerprint": self.fingerprint,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        """Inverse of :meth:`to_dict` (ignores the derived fingerprint)."""
        fields = {k: v for k, v in data.items() if k != "fingerprint"}
        return cls(**fields)

    def line(self) -> str:
        """One CLI line: rule id, severity, flag, url, evidence."""
        flag = " [需人工确认]" if self.needs_confirmation else ""
        return f"{self.rule_id}\t{self.severity}{flag}\t{self.url}\t{self.evidence}"


def max_severity(findings: list[Finding]) -> str | None:
    """Highest severity among findings, or None."""
    if not findings:
        return None
    return max(findings, key=lambda f: SEVERITY_ORDER[f.severity]).severity


def snippet(text: str, start: int, end: int, width: int = 18) -> str:
    """Return ``…context[hit]context…`` around ``text[start:end]`` on one line."""
    a = max(0, start - width)
    b = min(len(text), end + width)
    out = text[a:start] + "【" + text[start:end] + "】" + text[end:b]
    out = " ".join(out.split())
    return ("…" if a > 0 else "") + out + ("…" if b < len(text) else "")
