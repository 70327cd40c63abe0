"""The fixture site: every technique of portal-monitoring.md §7, negatives, traps and failures.

Hosts (all served by one loopback server, chosen by the ``Host`` header; tests map every name
to 127.0.0.1 through :class:`~fazhi.monitor.engine.transport.MappedTransport`):

* ``www.furong.gov.cn`` — the monitored portal (identity: 长沙市芙蓉区人民政府). The real site
  is never contacted: the name is only what the fixture claims to be.
* ``www.kaifa-k8.example`` — a gambling landing page (target of injected links/redirects).
* ``www.expired-partner.example`` — a former partner whose domain now serves gambling (外链变异).
* ``www.xinhuanet.example`` — a non-government news site (K7 non-gov review item).
* ``www.changsha.gov.cn`` — another government body (forwarded documents link to it).
* ``dead-ext.example`` — answers 404 to everything.
* ``closed.example`` — mapped to a closed loopback port (connection refused).

``FixtureSite.variant`` switches between last month (``"before"``) and this month
(``"after"``) for the K6 snapshot-diff test.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from urllib.parse import quote

from .documents import GUIDE_PDF_LINES, make_pdf
from .server import Request, Response

HOST = "www.furong.gov.cn"
BASE = f"http://{HOST}"
SITE_NAME = "长沙市芙蓉区人民政府"
SITE_ID_CODE = "4301020000"  # placeholder 网站标识码
AS_OF = dt.date(2025, 6, 30)  # monitoring time point
EXTERNAL_HOSTS = (
    "www.kaifa-k8.example",
    "www.expired-partner.example",
    "www.xinhuanet.example",
    "www.changsha.gov.cn",
    "dead-ext.example",
)
CLOSED_HOST = "closed.example"
LAST_MODIFIED = "Mon, 02 Jun 2025 08:00:00 GMT"
SPIDER_MARKERS = ("baiduspider", "sogou", "360spider", "yisouspider", "bytespider", "googlebot")

SEED_TEXT = (
    resources.files("fazhi.core.data.seed")
    .joinpath("furong-2019-report.txt")
    .read_text(encoding="utf-8")
)
SEED_TITLE = SEED_TEXT.splitlines()[0].strip()
assert SEED_TITLE == "芙蓉区凯发一触即发关于2019年度法治政府建设情况的报告"

SITE_CSS = """
body{background:#fff;color:#333}
.nav .sub{display:none}
.nav li:hover .sub{display:block}
.x{display:none}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;
 clip:rect(0,0,0,0);border:0}
@media print{.noprint{display:none}}
@media screen{.print-only{display:none}}
.tab-pane{display:none}
.tab-pane.active{display:block}
"""

JQUERY_CLEAN = "/*! jQuery v3.7.1 (fixture stub) */\n(function(){window.jQuery=function(){};})();\n"
JQUERY_INFECTED = JQUERY_CLEAN + (
    "document.write(unescape('%3Ca%20href%3D%22http%3A//www.kaifa-k8.example/jq%22%20style%3D"
    "%22display%3Anone%22%3Ek8%3C/a%3E'));\n"
)

BAIDU_TONGJI = """<script>
var _hmt = _hmt || [];
(function() {
  var hm = document.createElement("script");
  hm.src = "https://hm.baidu.com/hm.js?0123456789abcdef0123456789abcdef";
  var s = document.getElementsByTagName("script")[0];
  s.parentNode.insertBefore(hm, s);
})();
</script>"""


def _d(days: int) -> str:
    return (AS_OF - dt.timedelta(days=days)).isoformat()


def _months_ago(months: int, extra_days: int) -> str:
    y, m = AS_OF.year, AS_OF.month - months
    while m <= 0:
        y, m = y - 1, m + 12
    return (dt.date(y, m, AS_OF.day) - dt.timedelta(days=extra_days)).isoformat()


def page(
    title: str,
    body: str,
    *,
    h1: str | None = None,
    sitename: str = SITE_NAME,
    sitecode: str | None = SITE_ID_CODE,
    head: str = "",
    charset: str = "utf-8",
    pubdate: str | None = None,
    keywords: str = "芙蓉区,政府信息公开",
) -> str:
    """Wrap a body in the portal template (nav menu, CSS, shared JS, footer, analytics)."""
    code = f'<meta name="SiteIDCode" content="{sitecode}">' if sitecode else ""
    pd = f'<meta name="PubDate" content="{pubdate}">' if pubdate else ""
    heading = f"<h1>{h1}</h1>" if h1 else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}">
<title>{title}</title>
<meta name="SiteName" content="{sitename}">{code}{pd}
<meta name="keywords" content="{keywords}">
<link rel="stylesheet" href="/css/site.css">
<script src="/js/jquery.min.js"></script>
{head}</head>
<body>
<a class="sr-only" href="#main">跳到主要内容</a>
<ul class="nav"><li><a href="/">首页</a><ul class="sub"><li><a href="/xwzx/frxw/">芙蓉要闻</a></li>
<li><a href="/tzgg/">通知公告</a></li></ul></li></ul>
<div id="main">{heading}
{body}
</div>
<div class="footer">主办单位：长沙市芙蓉区人民政府办公室 网站标识码：{SITE_ID_CODE} 湘ICP备05001234号-1
湘公网安备 43010202000123号</div>
{BAIDU_TONGJI}
</body></html>"""


def _seed_body(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines()[1:] if ln.strip()]
    return "\n".join(f"<p>{ln}</p>" for ln in lines)


def _gamble_landing(title: str = "凯发k8官网-凯发一触即发-百家乐真人娱乐") -> str:
    return (
        f"<html><head><title>{title}</title></head><body><h1>凯发K8 天生赢家 一触即发</h1>"
        "<p>百家乐 真人娱乐 注册送彩金</p></body></html>"
    )


HIDDEN_BLOCKS = [
    ('<div style="display:none"><a href="http://www.kaifa-k8.example/a1">凯发娱乐</a></div>'),
    ('<div style="visibility:hidden"><a href="http://www.kaifa-k8.example/a2">百家乐</a></div>'),
    (
        '<div style="position:absolute;left:-9999px"><a href="http://www.kaifa-k8.example/a3">'
        "凯发一触即发</a></div>"
    ),
    ('<p style="text-indent:-9999px"><a href="http://www.kaifa-k8.example/a4">澳门金沙</a></p>'),
    ('<span style="font-size:0"><a href="http://www.kaifa-k8.example/a5">新葡京</a></span>'),
    (
        '<div style="background:#fff"><a style="color:#fff" href="http://www.kaifa-k8.example/a6">'
        "太阳城娱乐</a></div>"
    ),
    ('<div style="opacity:0"><a href="http://www.kaifa-k8.example/a7">时时彩</a></div>'),
    (
        '<div style="height:0;overflow:hidden"><a href="http://www.kaifa-k8.example/a8">六合彩</a>'
        "</div>"
    ),
    (
        '<div style="position:absolute;clip:rect(0,0,0,0)"><a href="http://www.kaifa-k8.example/a9">'
        "老虎机</a></div>"
    ),
    (
        '<div style="position:relative"><div style="position:absolute;z-index:-10">'
        '<a href="http://www.kaifa-k8.example/a10">真人娱乐</a></div>'
        '<div style="position:relative;background:#fff">正文内容覆盖层</div></div>'
    ),
    (
        '<marquee width="1" height="1"><a href="http://www.kaifa-k8.example/a11">线上赌场</a>'
        "</marquee>"
    ),
    '<iframe src="http://www.kaifa-k8.example/frame" width="0" height="0"></iframe>',
    '<div class="x"><a href="http://www.kaifa-k8.example/a13">网上赌场</a></div>',
]


@dataclass
class FixtureSite:
    """Router for all fixture hosts. ``variant`` = "after" (this month) or "before"."""

    variant: str = "after"
    slow_seconds: float = 20.0
    huge_bytes: int = 50 * 1024 * 1024
    extra: dict[str, Response] = field(default_factory=dict)

    # ------------------------------------------------------------------ routing
    def __call__(self, req: Request) -> Response:
        if req.host != HOST:
            return self._external(req)
        key = req.path
        if key in self.extra:
            return self.extra[key]
        if key.startswith("/trap/calendar"):
            return self._calendar(req)
        handler = self.routes().get(key)
        if handler is None:
            gen = self._generic_article(key)
            if gen is None:
                return Response(404, b"<html><body>404 Not Found</body></html>")
            return self._static(req, gen)
        resp = handler(req)
        if isinstance(resp, str):
            return self._static(req, resp.encode("utf-8"))
        return resp

    def _static(self, req: Request, body: bytes, ctype: str = "text/html; charset=utf-8"):
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        if req.headers.get("if-none-match") == etag:
            return Response(304, b"", headers)
        return Response(200, body, headers, ctype)

    def routes(self) -> dict:
        """path → handler(req) -> str | Response."""
        r = {
            "/": self.home,
            "/robots.txt": lambda q: Response(200, self.robots().encode(), {}, "text/plain"),
            "/sitemap_index.xml": lambda q: Response(200, self.sitemap_index(), {}, "text/xml"),
            "/sitemap_news.xml": lambda q: Response(200, self.sitemap_news(), {}, "text/xml"),
            "/sitemap_pages.xml.gz": lambda q: Response(
                200, gzip.compress(self.sitemap_pages()), {}, "application/x-gzip"
            ),
            "/css/site.css": lambda q: self._static(q, SITE_CSS.encode(), "text/css"),
            "/js/jquery.min.js": lambda q: self._static(
                q,
                (JQUERY_INFECTED if self.variant == "after" else JQUERY_CLEAN).encode(),
                "application/javascript",
            ),
            "/images/logo.png": lambda q: self._static(q, b"\x89PNG\r\n\x1a\n", "image/png"),
            "/files/guide.pdf": lambda q: self._static(
                q, make_pdf(GUIDE_PDF_LINES), "application/pdf"
            ),
            "/seed_report.html": lambda q: self.seed(tampered=True),
            "/seed_clean.html": lambda q: self.seed(tampered=False),
            "/brand_sprinkle.html": lambda q: self.brand_sprinkle(),
            "/obfuscated.html": lambda q: self.obfuscated(),
            "/title_meta_only.html": lambda q: self.title_meta_only(),
            "/hidden_links.html": lambda q: self.hidden_links(),
            "/benign_hidden.html": lambda q: self.benign_hidden(),
            "/js_write.html": lambda q: self.js_write(),
            "/js_referrer_redirect.html": lambda q: self.js_referrer(),
            "/analytics.html": lambda q: self.analytics(),
            "/meta_refresh.html": lambda q: self.meta_refresh(),
            "/cloak_ua.html": self.cloak_ua,
            "/cloak_ref.html": self.cloak_ref,
            "/orphan_jp.html": lambda q: self.orphan(),
            "/old_article.html": lambda q: self.old_article(),
            "/forwarded.html": lambda q: self.forwarded(),
            "/expression.html": lambda q: self.expression(),
            "/privacy.html": lambda q: self.privacy(),
            "/sitecode.html": lambda q: self.sitecode(),
            "/links.html": lambda q: self.links(),
            "/soft404.html": lambda q: page(
                "页面不存在", "<p>对不起，您访问的页面不存在或已被删除。</p>"
            ),
            "/error500.html": lambda q: Response(500, b"<html><body>Internal error</body></html>"),
            "/slow.html": lambda q: Response(
                200, page("慢页面", "<p>慢</p>").encode(), delay=self.slow_seconds
            ),
            "/loop/a": lambda q: Response(302, b"", {"Location": "/loop/b"}),
            "/loop/b": lambda q: Response(302, b"", {"Location": "/loop/a"}),
            "/huge.html": lambda q: self.huge(),
            "/gbk.html": lambda q: Response(200, self.gbk_page(), {}, "text/html; charset=gbk"),
            "/gbk_wrong_meta.html": lambda q: Response(200, self.gbk_wrong(), {}, "text/html"),
            "/utf8_bom.html": lambda q: Response(
                200,
                b"\xef\xbb\xbf" + page("BOM 页面", "<p>依法行政。</p>").encode(),
                {},
                "text/html",
            ),
            "/admin/secret.html": lambda q: page("后台", "<p>不应被抓取</p>"),
            "/hub.html": lambda q: page("导航", "<p>导航</p>"),
        }
        for col in COLUMNS:
            r[col.path] = self._column(col)
        return r

    # ------------------------------------------------------------------ pages
    def home(self, req: Request) -> str:
        items = "\n".join(
            f'<li><a href="/xwzx/frxw/h{i}.html">芙蓉区召开第{i}次常务会议</a><span>{_d(d)}</span></li>'
            for i, d in enumerate((5, 8, 20), start=1)
        )
        cols = "\n".join(f'<li><a href="{c.path}">{c.name}</a></li>' for c in COLUMNS)
        fixtures = "\n".join(f'<a href="{p}">{p}</a>' for p in LINKED_PAGES)
        body = f"""<div class="news-list"><ul>{items}</ul></div>
<div class="columns"><ul>{cols}</ul></div>
<div class="fixtures">{fixtures}</div>
<img src="/images/logo.png" alt="芙蓉区人民政府">
<a href="/admin/secret.html">管理</a>
<a href="/trap/calendar?date=2025-06-01">日历</a>"""
        return page("长沙市芙蓉区人民政府门户网站", body)

    def robots(self) -> str:
        return "User-agent: *\nDisallow: /admin/\nSitemap: http://www.furong.gov.cn/sitemap_index.xml\n"

    def sitemap_index(self) -> bytes:
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{BASE}/sitemap_pages.xml.gz</loc></sitemap>
<sitemap><loc>{BASE}/sitemap_news.xml</loc></sitemap>
</sitemapindex>""".encode()

    def sitemap_pages(self) -> bytes:
        urls = ["/", "/seed_report.html", "/forwarded.html", "/orphan_jp.html"]
        locs = "".join(f"<url><loc>{BASE}{u}</loc></url>" for u in urls)
        return (
            '<?xml version="1.0" encoding="UTF-8"?><urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
        ).encode()

    def sitemap_news(self) -> bytes:
        locs = f"<url><loc>{BASE}/xwzx/frxw/</loc></url>"
        return (
            '<?xml version="1.0" encoding="UTF-8"?><urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
        ).encode()

    def seed(self, tampered: bool) -> str:
        text = SEED_TEXT if tampered else SEED_TEXT.replace("凯发一触即发", "人民政府")
        title = text.splitlines()[0].strip()
        return page(title, _seed_body(text), h1=title, pubdate="2020-03-17")

    def brand_sprinkle(self) -> str:
        body = (
            "<p>芙蓉区深入推进依法行政，凯发app官方网站★✿持续优化营商环境。</p>"
            "<p>加强行政执法监督，凯发K8天生赢家一触即发✿ღ★◈，规范执法行为。</p>"
        )
        return page("芙蓉区推进依法行政工作", body, h1="芙蓉区推进依法行政工作")

    def obfuscated(self) -> str:
        body = (
            "<p>國務院辦(ban)公廳關於加強政府網站管理的通知。</p>"
            "<p>百\u200b家\u200c樂线上平台。</p>"
        )
        return page("政务信息", body, h1="政务信息")

    def title_meta_only(self) -> str:
        return page(
            "芙蓉区政务服务指南-凯发官网",
            "<p>本页介绍政务服务事项办理流程。</p>",
            h1="政务服务指南",
            keywords="百家乐,澳门金沙,真人娱乐",
        )

    def hidden_links(self) -> str:
        return page(
            "芙蓉区工作动态",
            "<p>工作动态正文。</p>\n" + "\n".join(HIDDEN_BLOCKS),
            h1="芙蓉区工作动态",
        )

    def benign_hidden(self) -> str:
        body = """<p>政务公开栏目说明。</p>
<nav><ul class="dropdown-menu" style="display:none"><li><a href="/tzgg/">通知公告</a></li></ul></nav>
<div role="tablist"><button>一</button></div>
<div role="tabpanel" hidden><a href="/zcwj/">政策文件</a></div>
<div class="tab-pane"><a href="/xwzx/frxw/">要闻</a></div>
<span class="sr-only">当前位置：首页</span>
<div class="print-only">打印本页</div>
<div role="dialog" style="display:none"><a href="/">关闭</a></div>"""
        return page("栏目说明", body, h1="栏目说明")

    def js_write(self) -> str:
        k8 = "http://www.kaifa-k8.example/w"
        codes = ",".join(str(ord(c)) for c in k8)
        import base64

        b64 = base64.b64encode(k8.encode()).decode()
        enc = quote(f'<a href="{k8}">k8</a>', safe="")
        scripts = f"""
<script>document.write(unescape('{enc}'));</script>
<script>eval(function(p,a,c,k,e,d){{e=function(c){{return c}};return p}}('0 1',2,2,'var|x'.split('|'),0,{{}}))</script>
<script>var u=String.fromCharCode({codes});var i=new Image();i.src=u;</script>
<script>var t=atob('{b64}');var s=document.createElement('script');s.src=t;</script>
"""
        return page("脚本测试", "<p>正文。</p>" + scripts, h1="脚本测试")

    def js_referrer(self) -> str:
        js = (
            "<script>if(/baidu|sogou|so\\.com|sm\\.cn/.test(document.referrer))"
            "{location.href='http://www.kaifa-k8.example/r';}</script>"
        )
        return page("芙蓉区简介", "<p>芙蓉区位于长沙市中心城区。</p>" + js, h1="芙蓉区简介")

    def analytics(self) -> str:
        js = (
            "<script>var ref=document.referrer;var img=new Image();"
            "img.src='https://hm.baidu.com/hm.gif?r='+encodeURIComponent(ref);</script>"
            '<script>if(/Android|iPhone/i.test(navigator.userAgent)){location.href="/m/";}'
            "</script>"
        )
        return page("访问统计说明", "<p>本站使用访问统计。</p>" + js, h1="访问统计说明")

    def meta_refresh(self) -> str:
        return page(
            "跳转",
            "<p>正在跳转。</p>",
            head='<meta http-equiv="refresh" content="0;url=http://www.kaifa-k8.example/m">',
        )

    def cloak_ua(self, req: Request) -> Response:
        ua = req.headers.get("user-agent", "").lower()
        if any(s in ua for s in SPIDER_MARKERS):
            body = page(
                "凯发k8官网-百家乐-真人娱乐",
                '<p>凯发一触即发 百家乐</p><a href="http://www.kaifa-k8.example/c">进入</a>',
            )
        else:
            body = page(
                "芙蓉区概况", "<p>芙蓉区是长沙市的中心城区，历史悠久。</p>", h1="芙蓉区概况"
            )
        return Response(200, body.encode(), {"Vary": "User-Agent"})

    def cloak_ref(self, req: Request) -> Response:
        ref = req.headers.get("referer", "").lower()
        if "baidu.com" in ref or "sogou.com" in ref:
            return Response(302, b"", {"Location": "http://www.kaifa-k8.example/ref"})
        return Response(200, page("芙蓉区人口", "<p>常住人口数据。</p>", h1="芙蓉区人口").encode())

    def orphan(self) -> str:
        body = "<p>オンラインカジノ 百家乐 真人娱乐 凯发一触即发 登録ボーナス</p>"
        return page("百家乐真人娱乐", body)

    def old_article(self) -> str:
        base = "<p>芙蓉区2024年法治政府建设年度报告全文。</p>"
        if self.variant == "after":
            base += '<p>详见<a href="http://www.expired-partner.example/more">相关链接</a></p>'
        title = "芙蓉区人民政府关于2024年度法治政府建设情况的报告"
        return page(title, base, h1=title, pubdate="2025-01-20")

    def forwarded(self) -> str:
        title = "长沙市人民政府关于印发《长沙市重大行政决策程序规定》的通知"
        body = (
            "<p>湖南省人民政府办公厅关于进一步加强行政规范性文件管理的通知已转发。</p>"
            '<p>原文见<a href="http://www.changsha.gov.cn/zwgk/1.html">长沙市人民政府网站</a></p>'
            "<p>长沙市人民政府</p><p>2019年12月20日</p>"
        )
        return page(title, body, h1=title)

    def expression(self) -> str:
        body = (
            "<p>坚持以习近平新时代中国特色社会注意思想为指导，深入开展扫黑险恶专项斗争。</p>"
            "<p>芙蓉区人民正府印发通知，要求践行社会主义核心价值关。</p>"
            "<p>坚决做到两个维持，区长李某某出席会议。</p>"
            "<p>推进全面依法治区，坚持依法执政、依法行政，实现开户即开业。</p>"
        )
        return page("芙蓉区法治建设动态", body, h1="芙蓉区法治建设动态")

    def privacy(self) -> str:
        body = """<table class="gs"><tr><th>姓名</th><th>身份证号</th><th>电话</th></tr>
<tr><td>王某</td><td>430102198506151231</td><td>13912345678</td></tr>
<tr><td>陈某</td><td>430102198506151230</td><td>0731-84567890</td></tr></table>
<p>依据芙政发〔2019〕3号文件公示。</p>"""
        return page("芙蓉区2025年低保公示", body, h1="芙蓉区2025年低保公示")

    def sitecode(self) -> str:
        return page("网站标识测试", "<p>标识码。</p>", h1="网站标识测试", sitecode="4301029999")

    def links(self) -> str:
        body = """<p>链接测试。</p>
<a href="/missing.html">缺失页面</a>
<a href="/error500.html">服务器错误</a>
<a href="/slow.html">超时页面</a>
<a href="http://closed.example/">拒绝连接</a>
<a href="/loop/a">循环跳转</a>
<a href="/soft404.html">软404</a>
<img src="/images/missing.png" alt="缺图">
<a href="/files/missing.pdf">附件</a>
<a href="/files/guide.pdf">办事指南</a>
<a href="mailto:office@example.invalid">邮箱</a>
<a href="http://1.2.3.4/">IP 链接</a>
<a href="http://www.expired-partner.example/">合作单位</a>
<a href="http://www.xinhuanet.example/news/1.html">新闻网</a>
<a href="http://dead-ext.example/gone">已失效外链</a>"""
        return page("链接测试", body, h1="链接测试")

    def huge(self) -> Response:
        chunk = ("<p>" + "法治" * 2000 + "</p>\n").encode()
        total = self.huge_bytes
        full = page("超大页面", "")
        head = full[: full.index("<body>") + 6].encode()

        def gen() -> Iterator[bytes]:
            sent = len(head)
            yield head
            while sent < total:
                piece = chunk[: total - sent]
                sent += len(piece)
                yield piece

        return Response(200, gen(), {}, "text/html; charset=utf-8", length=total)

    def gbk_page(self) -> bytes:
        return page(
            "国标编码页面", "<p>芙蓉区人民正府发布通知。</p>", h1="国标编码页面", charset="gbk"
        ).encode("gbk")

    def gbk_wrong(self) -> bytes:
        return page(
            "编码声明错误", "<p>深入开展扫黑险恶专项斗争。</p>", h1="编码声明错误", charset="utf-8"
        ).encode("gbk")

    def _calendar(self, req: Request) -> Response:
        date = req.query.get("date", ["2025-06-01"])[0]
        try:
            d = dt.date.fromisoformat(date)
        except ValueError:
            d = AS_OF
        nxt = (d + dt.timedelta(days=1)).isoformat()
        prv = (d - dt.timedelta(days=1)).isoformat()
        body = (
            f'<p>{d.isoformat()} 日程</p><a href="/trap/calendar?date={prv}">前一天</a>'
            f'<a href="/trap/calendar?date={nxt}">后一天</a>'
        )
        return Response(200, page(f"日程 {d.isoformat()}", body).encode())

    def _column(self, col: Column):
        def handler(req: Request) -> str:
            if col.blank:
                inner = '<div class="list"><p>暂无信息</p></div>'
            else:
                lis = "\n".join(
                    f'<li><a href="{col.path}art{i}.html">{col.name}信息{i}</a>'
                    + (f"<span>{d}</span>" if d else "")
                    + "</li>"
                    for i, d in enumerate(col.dates, start=1)
                )
                inner = f'<div class="list"><ul>{lis}</ul></div>'
            return page(f"{col.name}_{SITE_NAME}", inner, h1=col.name)

        return handler

    def _generic_article(self, path: str) -> bytes | None:
        for col in COLUMNS:
            if path.startswith(col.path) and path.endswith(".html"):
                title = f"{col.name}文章"
                return page(title, "<p>芙蓉区政务信息。</p>", h1=title).encode()
        return None

    # ------------------------------------------------------------------ externals
    def _external(self, req: Request) -> Response:
        h = req.host
        if h in ("www.kaifa-k8.example", "www.expired-partner.example"):
            return Response(200, _gamble_landing().encode())
        if h == "www.xinhuanet.example":
            return Response(
                200, "<html><head><title>新闻网</title></head><body>新闻</body></html>".encode()
            )
        if h == "www.changsha.gov.cn":
            return Response(
                200,
                "<html><head><title>长沙市人民政府</title></head><body>通知</body></html>".encode(),
            )
        return Response(404, b"not found")


@dataclass(frozen=True)
class Column:
    """A fixture column: path, name, category and the dates of its items."""

    path: str
    name: str
    category: str
    dates: tuple[str | None, ...] = ()
    blank: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("/xwzx/frxw/", "芙蓉要闻", "news", (_d(13), _d(30))),
    Column("/xwzx/bmdt/", "部门动态", "news", (_d(15), _d(40))),
    Column("/tzgg/", "通知公告", "notice", (_months_ago(6, -1), _d(400))),
    Column("/zcwj/", "政策文件", "policy", (_months_ago(6, 1), _d(400))),
    Column("/rsxx/", "人事信息", "personnel", (_d(366),)),
    Column("/ghjh/", "规划计划", "plan", (None, None)),
    Column("/kbl1/", "空白栏目一", "other", blank=True),
    Column("/kbl2/", "空白栏目二", "other", blank=True),
    Column("/kbl3/", "空白栏目三", "other", blank=True),
    Column("/kbl4/", "空白栏目四", "other", blank=True),
    Column("/kbl5/", "空白栏目五", "other", blank=True),
)

#: Pages linked from the homepage (the orphan is only in the sitemap).
LINKED_PAGES: tuple[str, ...] = (
    "/seed_report.html",
    "/seed_clean.html",
    "/brand_sprinkle.html",
    "/obfuscated.html",
    "/title_meta_only.html",
    "/hidden_links.html",
    "/benign_hidden.html",
    "/js_write.html",
    "/js_referrer_redirect.html",
    "/analytics.html",
    "/meta_refresh.html",
    "/cloak_ua.html",
    "/cloak_ref.html",
    "/old_article.html",
    "/forwarded.html",
    "/expression.html",
    "/privacy.html",
    "/sitecode.html",
    "/links.html",
    "/huge.html",
    "/gbk.html",
    "/gbk_wrong_meta.html",
    "/utf8_bom.html",
)
