"""Generate a local government-style site for the monitor benchmark.

Layout (default 10,000 HTML pages): ``/index.html`` → 99 column pages ``/col{c}/index.html``
→ 101 articles each ``/col{c}/a{j}.html``. Every article has the portal template (nav, footer,
analytics snippet, shared CSS/JS), ~2.5 KB of Chinese text, one image, every third article a
PDF attachment (a real one-page PDF
with text), prev/next links; 100 articles link a missing page and 100 a missing image
(200 dead URLs). A handful of pages carry injected content so the content checks have work.

    python benchmarks/monitor/generate_site.py OUTDIR [--columns 99] [--per-column 101]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

PARA = (
    "芙蓉区深入贯彻落实全面依法治国战略部署，持续推进法治政府建设，严格规范公正文明执法，"
    "不断深化放管服改革，优化营商环境，推进一件事一次办，切实保障人民群众合法权益。"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def pdf(c: int, j: int) -> bytes:
    """A small real PDF (the crawler downloads and reads every attachment)."""
    from fazhi.monitor.fixtures_site.documents import make_pdf

    return make_pdf([f"Notice {c}-{j}", "芙蓉区政务公开附件", f"联系电话 0731-8468{j:04d}"])


CSS = ".nav .sub{display:none}.sr-only{position:absolute;width:1px;height:1px;overflow:hidden}"
JS = "/* shared */ (function(){window.site={};})();"


def _page(title: str, body: str, nav: str) -> str:
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{title}_长沙市芙蓉区人民政府</title>
<meta name="SiteName" content="长沙市芙蓉区人民政府"><meta name="SiteIDCode" content="4301020000">
<link rel="stylesheet" href="/css/site.css"><script src="/js/site.js"></script></head><body>
<a class="sr-only" href="#main">跳到主要内容</a>
<ul class="nav"><li><a href="/index.html">首页</a><ul class="sub">{nav}</ul></li></ul>
<div id="main">{body}</div>
<div class="footer">主办单位：长沙市芙蓉区人民政府办公室 网站标识码：4301020000</div>
<script>var _hmt=_hmt||[];(function(){{var hm=document.createElement("script");
hm.src="https://hm.baidu.com/hm.js?0";}})();</script></body></html>"""


def generate(out: Path, columns: int = 99, per_column: int = 101, seed: int = 7) -> dict:
    """Write the site; return counts."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "css").mkdir(exist_ok=True)
    (out / "js").mkdir(exist_ok=True)
    (out / "css/site.css").write_text(CSS, encoding="utf-8")
    (out / "js/site.js").write_text(JS, encoding="utf-8")
    as_of = dt.date(2025, 6, 30)
    pages = 1
    dead = 0
    n_img = n_pdf = 0
    col_links = "".join(
        f'<li><a href="/col{c}/index.html">栏目{c}</a></li>' for c in range(columns)
    )
    (out / "index.html").write_text(
        _page("首页", f"<div class='news-list'><ul>{col_links}</ul></div>", ""), encoding="utf-8"
    )
    art_no = 0
    for c in range(columns):
        d = out / f"col{c}"
        (d / "img").mkdir(parents=True, exist_ok=True)
        (d / "files").mkdir(exist_ok=True)
        nav = f'<li><a href="/col{c}/index.html">栏目{c}</a></li>'
        items = []
        for j in range(per_column):
            art_no += 1
            date = as_of - dt.timedelta(days=rng.randint(0, 400))
            items.append(f'<li><a href="/col{c}/a{j}.html">信息{c}-{j}</a><span>{date}</span></li>')
            text = "".join(f"<p>{PARA}</p>" for _ in range(5))
            links = [f'<img src="/col{c}/img/{j}.png" alt="图片">']
            (d / "img" / f"{j}.png").write_bytes(PNG)
            n_img += 1
            if j % 3 == 0:
                links.append(f'<a href="/col{c}/files/{j}.pdf">附件</a>')
                (d / "files" / f"{j}.pdf").write_bytes(pdf(c, j))
                n_pdf += 1
            if j > 0:
                links.append(f'<a href="/col{c}/a{j - 1}.html">上一篇</a>')
            if j + 1 < per_column:
                links.append(f'<a href="/col{c}/a{j + 1}.html">下一篇</a>')
            if art_no % 100 == 0:
                links.append(f'<a href="/missing/{art_no}.html">失效链接</a>')
                dead += 1
            if art_no % 100 == 50:
                links.append(f'<img src="/missing/{art_no}.png" alt="缺图">')
                dead += 1
            if art_no % 1000 == 1:
                text += (
                    '<div style="display:none"><a href="/col0/a0.html">凯发一触即发</a>'
                    "</div><p>扫黑险恶</p>"
                )
            body = (
                f"<h1>信息{c}-{j}</h1><p>发布时间：{date}</p>{text}"
                + "".join(links)
                + "<p>芙蓉区司法局</p>"
            )
            (d / f"a{j}.html").write_text(_page(f"信息{c}-{j}", body, nav), encoding="utf-8")
            pages += 1
        (d / "index.html").write_text(
            _page(f"栏目{c}", f"<div class='list'><ul>{''.join(items)}</ul></div>", nav),
            encoding="utf-8",
        )
        pages += 1
    return {
        "pages": pages,
        "images": n_img,
        "attachments": n_pdf,
        "dead": dead,
        "urls": pages + n_img + n_pdf + dead + 2,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--columns", type=int, default=99)
    ap.add_argument("--per-column", type=int, default=101)
    a = ap.parse_args()
    print(generate(Path(a.out), a.columns, a.per_column))


if __name__ == "__main__":
    main()
