"""K4 — script and meta redirects and injectors.

Signals are combined rather than alarmed on singly: ``document.write`` of markup, packers
(``eval(function(p,a,c,k,e,d)…``), URLs hidden behind ``unescape``/``String.fromCharCode``/
``atob``/escapes, and redirects conditioned on ``document.referrer`` or ``navigator.userAgent``.
Analytics snippets (百度统计, CNZZ, 51.la, Google) read the referrer but never redirect: quiet.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from urllib.parse import unquote

from ..findings import Finding
from ..page import Page
from ..urls import host_of, is_gov_host
from . import CheckContext
from .context import spam_categories
from .k1_lexicon import _JS_STRING, hits_in

_TAG = re.compile(r"<[^>]*>")
_CJK = re.compile(r"[\u3400-\u9fff]")

ANALYTICS_HOSTS = frozenset(
    {
        "hm.baidu.com",
        "zz.bdstatic.com",
        "push.zhanzhang.baidu.com",
        "www.google-analytics.com",
        "google-analytics.com",
        "www.googletagmanager.com",
        "s4.cnzz.com",
        "s9.cnzz.com",
        "s95.cnzz.com",
        "c.cnzz.com",
        "w.cnzz.com",
        "js.users.51.la",
        "sdk.51.la",
        "api.share.baidu.com",
        "bdimg.share.baidu.com",
    }
)
_URL = re.compile(r"(?:https?:)?//[A-Za-z0-9.\-]+(?::\d+)?(?:/[^\s'\"<>)\\]*)?")
_UNESCAPE = re.compile(r"(?:unescape|decodeURIComponent|decodeURI)\s*\(\s*(['\"])(.*?)\1", re.S)
_FROMCHAR = re.compile(r"String\.fromCharCode\s*\(([\d\s,x+a-fA-F]+)\)")
_ATOB = re.compile(r"atob\s*\(\s*(['\"])([A-Za-z0-9+/=]{8,})\1\s*\)")
_ESC = re.compile(r"(?:\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}){6,}")
_PACKER = re.compile(r"eval\s*\(\s*function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k\s*,\s*e\s*,")
_WRITE = re.compile(r"document\s*\.\s*write(?:ln)?\s*\(")
_INSERT = re.compile(
    r"document\s*\.\s*write(?:ln)?\s*\(|\.\s*(?:innerHTML|outerHTML|innerText|textContent)\s*\+?="
    r"|insertAdjacentHTML\s*\("
)
_MARKUP = re.compile(r"<\s*(a|script|iframe|frame|meta|div)[\s>]", re.I)
_REDIRECT = re.compile(
    r"(?:window\.|top\.|self\.|document\.|parent\.)?location(?:\.href)?\s*=(?!=)|"
    r"location\.(?:replace|assign)\s*\(|window\.open\s*\(|window\.navigate\s*\("
)
_CONDITION = re.compile(r"document\.referrer|navigator\.userAgent|navigator\.language", re.I)
_ENGINES = re.compile(r"baidu|sogou|so\.com|sm\.cn|google|bing|yahoo|360|spider|bot|haosou", re.I)


def _decode_layers(js: str) -> list[str]:
    out: list[str] = []
    for m in _UNESCAPE.finditer(js):
        out.append(unquote(m.group(2)))
    for m in _FROMCHAR.finditer(js):
        try:
            codes = [int(x, 0) for x in re.split(r"[\s,+]+", m.group(1).strip()) if x]
            out.append("".join(chr(c) for c in codes if 0 < c < 0x110000))
        except ValueError:
            continue
    for m in _ATOB.finditer(js):
        try:
            out.append(base64.b64decode(m.group(2), validate=False).decode("utf-8", "replace"))
        except (binascii.Error, ValueError):
            continue
    for m in _ESC.finditer(js):
        try:
            out.append(m.group(0).encode("ascii").decode("unicode_escape"))
        except UnicodeDecodeError:
            continue
    return out


def _bad_host(host: str, ctx: CheckContext) -> bool:
    if not host or host in ctx.site.host_set or host in ANALYTICS_HOSTS:
        return False
    if host in ctx.site.external_allow:
        return False
    return not is_gov_host(host)


def analyse_script(js: str, ctx: CheckContext) -> tuple[str, str, list[str], list[str]] | None:
    """Return (rule_id, severity, signals, external hosts) for a suspicious script, else None."""
    if not js or not js.strip():
        return None
    decoded = _decode_layers(js)
    blob = js + "\n" + "\n".join(decoded)
    hosts = sorted(
        {host_of(("http:" + u) if u.startswith("//") else u) for u in _URL.findall(blob)}
    )
    bad_hosts = [h for h in hosts if _bad_host(h, ctx)]
    hidden_hosts = sorted(
        {
            h
            for d in decoded
            for h in (host_of(("http:" + u) if u.startswith("//") else u) for u in _URL.findall(d))
            if _bad_host(h, ctx)
        }
    )
    signals: list[str] = []
    packed = bool(_PACKER.search(js))
    writes_markup = bool(_WRITE.search(js)) and bool(_MARKUP.search(blob))
    redirect = bool(_REDIRECT.search(blob))
    conditional = redirect and bool(_CONDITION.search(blob)) and bool(_ENGINES.search(blob))
    if packed:
        signals.append("packer eval(function(p,a,c,k,e,d))")
    if writes_markup:
        signals.append("document.write 写入标签")
    if hidden_hosts:
        signals.append("混淆 URL（unescape/fromCharCode/atob/转义）")
    if conditional:
        signals.append("按 referrer/UA 条件跳转")
    elif redirect and bad_hosts:
        signals.append("脚本跳转到外部网站")
    if conditional:
        return "K4.redirect", "high", signals, bad_hosts
    if redirect and bad_hosts and not writes_markup and not packed:
        return "K4.redirect", "high", signals, bad_hosts
    if packed:
        return "K4.script", "high", signals, bad_hosts
    if writes_markup and bad_hosts:
        return "K4.script", "high", signals, bad_hosts
    if hidden_hosts:
        return "K4.script", "high", signals, bad_hosts
    if _INSERT.search(js):
        spam = hits_in(blob, ctx)
        if spam:
            signals.append("脚本写入违规内容：" + "、".join(spam[:4]))
            return "K4.script", "high", signals, bad_hosts
    return None


def check_script(url: str, js: str, ctx: CheckContext, where: str) -> list[Finding]:
    """Findings for one script body (inline or an external file)."""
    res = analyse_script(js, ctx)
    if res is None:
        return []
    rule, sev, signals, hosts = res
    digest = hashlib.sha1(js.encode("utf-8", "replace")).hexdigest()[:12]
    strings = "\n".join(
        _TAG.sub("\n", m.group(2))
        for m in _JS_STRING.finditer(js[:20000])
        if _CJK.search(m.group(2))
    )
    cats = spam_categories(strings, ctx) if strings else []
    ev = f"{where}：" + "；".join(signals)
    if hosts:
        ev += "；外部域名：" + "、".join(hosts[:5])
    return [
        Finding(
            url=url,
            rule_id=rule,
            indicator="19-V1(4)",
            severity=sev,  # type: ignore[arg-type]
            evidence=ev,
            needs_confirmation=False,
            key=f"{where}|{digest}",
            detail={"signals": signals, "hosts": hosts, "categories": cats},
        )
    ]


def check(page: Page, ctx: CheckContext) -> list[Finding]:
    """Inline scripts and meta refresh of one page."""
    out: list[Finding] = []
    for i, js in enumerate(page.inline_scripts):
        out += check_script(page.url, js, ctx, f"内联脚本#{i + 1}")
    if page.meta_refresh:
        host = host_of(page.meta_refresh)
        if _bad_host(host, ctx):
            out.append(
                Finding(
                    url=page.url,
                    rule_id="K4.redirect",
                    indicator="19-V1(4)",
                    severity="high",
                    evidence=f"meta refresh 跳转到外部网站 {page.meta_refresh}",
                    key="meta-refresh|" + host,
                )
            )
    return out
