"""Generate the labelled corpus of government pages: half tampered (by kind), half clean.

    python benchmarks/monitor/corpus/generate.py [--out benchmarks/monitor/corpus/pages]

Deterministic (seeded): the same run writes the same files. Each page is realistic portal HTML
(six layouts: article, notice with a document number, column list, service guide, message
board, homepage with tabs), the site's footer, menus hidden by CSS, analytics. Tampering
follows the kinds of issue 19 and portal-monitoring.md §3.1:

* ``gambling``, ``lottery``, ``porn``, ``fraud`` — spam phrasing in the title, keyword meta,
  an appended tail, a sentence in the body, a link list, or the issuer slot;
* ``formulation`` — a canonical formulation whose name or key word spam replaced;
* ``obfuscated`` — the spam in Traditional script, full-width, sprinkled with symbols, spelled
  in pinyin, split by separators or into components (always with its category);
* ``junk_markup`` — clusters of empty elements with random ids, ``<noframes>`` link farms;
* ``hidden`` — spam links hidden by CSS (off-screen, display:none, zero size …);
* ``script`` — script-written spam, referrer/user-agent redirects, meta refresh.

Clean pages include the hard negatives of :data:`phrases.HARD_NEGATIVES` (lottery funds,
anti-gambling news, the tax office's 代开发票 guide …). ``labels.json`` lists every page with
its kinds; ``handwritten/`` holds pages written by hand (labelled in ``handwritten.json``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import string
from pathlib import Path

import phrases as P
from opencc_purepy import OpenCC

HERE = Path(__file__).resolve().parent
SITE = "长沙市芙蓉区人民政府"
HOST = "http://www.furong.gov.cn"
FOOTER = (
    '<div class="footer"><p>主办单位：长沙市芙蓉区人民政府办公室　承办：芙蓉区大数据中心</p>'
    "<p>网站标识码：4301020000　湘ICP备05001234号-1　"
    '<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=43010202000123">'
    "湘公网安备 43010202000123号</a></p>"
    "<p>地址：长沙市芙蓉区八一路1号　联系电话：0731-84681234</p></div>"
)
NAV = (
    '<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a>'
    '<ul class="sub"><li><a href="/zwgk/tzgg/">通知公告</a></li><li><a href="/zwgk/zcwj/">政策文件</a>'
    '</li></ul></li><li><a href="/bsfw/">办事服务</a><ul class="sub"><li><a href="/bsfw/grbs/">'
    '个人办事</a></li></ul></li><li><a href="/hdjl/">互动交流</a></li></ul>'
)
ANALYTICS = (
    '<script>var _hmt=_hmt||[];(function(){var hm=document.createElement("script");'
    'hm.src="https://hm.baidu.com/hm.js?5a1c0e3b";var s=document.getElementsByTagName("script")'
    "[0];s.parentNode.insertBefore(hm,s);})();</script>"
)
CSS = (
    "<style>.nav .sub{display:none}.nav li:hover .sub{display:block}"
    ".tab-pane{display:none}.tab-pane.active{display:block}"
    ".sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)}</style>"
)
SPRINKLES = "★✿ღ◈☆♡❀※"
S2T = OpenCC("s2t")
SPLIT = {
    "赌": "贝者",
    "博": "十尃",
    "彩": "采彡",
    "娱": "女吴",
    "棋": "木其",
    "牌": "片卑",
    "注": "氵主",
    "投": "扌殳",
    "钱": "钅戋",
    "贷": "代贝",
    "证": "讠正",
}
PINYIN_BRANDS = {
    "凯发": "kaifa",
    "亚博体育": "yabo tiyu",
    "澳门新葡京": "aomen xinpujing",
    "百家乐": "baijiale",
    "金沙国际": "jinsha guoji",
    "bet365": "bet365",
}


# --------------------------------------------------------------------------- helpers
def _date(rng: random.Random) -> dt.date:
    return dt.date(2025, 6, 30) - dt.timedelta(days=rng.randint(1, 300))


def _cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _paras(rng: random.Random, topic: str, n: int) -> list[str]:
    pool = P.TOPICS[topic][:]
    rng.shuffle(pool)
    out = pool[:n]
    if n > 3 and rng.random() < 0.5:
        out.insert(rng.randint(1, len(out) - 1), rng.choice(P.HEADS))
    return out


def _random_id(rng: random.Random) -> str:
    chars = string.ascii_lowercase + string.digits
    while True:
        s = "".join(rng.choice(chars) for _ in range(rng.randint(4, 7)))
        if any(c.isdigit() for c in s[1:]) and any(c.isalpha() for c in s):
            pos = next(i for i, c in enumerate(s) if c.isdigit())
            if pos + 1 < len(s) and s[pos + 1].isalpha():
                return s


def _fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in s)


def obfuscate(text: str, how: str, rng: random.Random) -> str:
    """Apply one evasion trick to a spam phrase (symbols sprinkled when the trick would leave
    this phrase unchanged: no Latin letters to widen, no brand to spell in pinyin …)."""
    out = _obfuscate(text, how, rng)
    return out if out != text else _obfuscate(text, "sprinkle", rng)


def _obfuscate(text: str, how: str, rng: random.Random) -> str:
    if how == "traditional":
        return S2T.convert(text)
    if how == "fullwidth":
        return _fullwidth(text)
    if how == "sprinkle":
        return "".join(c + (rng.choice(SPRINKLES) if rng.random() < 0.6 else "") for c in text)
    if how == "separator":
        sep = rng.choice([".", "-", "_", "|", "·"])
        return sep.join(text)
    if how == "split":
        return "".join(SPLIT.get(c, c) for c in text)
    if how == "pinyin":
        for k, v in PINYIN_BRANDS.items():
            if k in text:
                return text.replace(k, v)
        return text
    raise ValueError(how)


# --------------------------------------------------------------------------- layouts
def page_html(
    *,
    title: str,
    body: str,
    head_extra: str = "",
    body_extra: str = "",
    keywords: str = "",
    title_tag: str | None = None,
) -> str:
    t = title_tag if title_tag is not None else f"{title}_{SITE}"
    kw = keywords or "芙蓉区,政务公开,政府信息"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{t}</title>
<meta name="SiteName" content="{SITE}"><meta name="SiteIDCode" content="4301020000">
<meta name="ArticleTitle" content="{title}"><meta name="keywords" content="{kw}">
{CSS}{head_extra}</head><body>
<a class="sr-only" href="#main">跳到主要内容</a>
<div class="header"><h2 class="logo">{SITE}</h2>{NAV}</div>
<div id="main" class="main">{body}</div>
{FOOTER}{body_extra}{ANALYTICS}</body></html>
"""


def article(rng, title, paras, *, org, date, extra_tail="", source=None):
    ps = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f'<div class="crumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>'
        f'<div class="article"><h1>{title}</h1><div class="info">发布时间：{date.isoformat()}　'
        f'来源：{source or org}　字号：大 中 小</div><div class="content">{ps}{extra_tail}'
        f'<p class="sign">{org}</p><p class="sign">{_cn_date(date)}</p></div></div>'
    )


def notice(rng, title, paras, *, org, prefix, date, extra_tail=""):
    no = f"{prefix}〔{date.year}〕{rng.randint(1, 40)}号"
    ps = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f'<div class="article"><h1>{title}</h1><p class="docno">{no}</p>'
        f"<p>各街道办事处，区直各单位：</p>{ps}{extra_tail}"
        f'<p class="sign">{org}</p><p class="sign">{_cn_date(date)}</p></div>'
    )


def _intro(paras: list[str]) -> str:
    return '<div class="intro">' + "".join(f"<p>{p}</p>" for p in paras) + "</div>"


def column(rng, title, items, *, extra_tail=""):
    lis = "".join(
        f'<li><a href="/zwgk/{rng.randint(1000, 9999)}.html">{t}</a><span>{d.isoformat()}</span></li>'
        for t, d in items
    )
    return f'<div class="list"><h1>{title}</h1><ul class="news-list">{lis}</ul>{extra_tail}</div>'


def guide(rng, title, *, extra_tail=""):
    rows = [
        ("事项名称", title),
        ("设定依据", "《中华人民共和国行政许可法》"),
        ("申请条件", "符合法定条件的自然人、法人或者其他组织"),
        ("办理材料", "申请书、身份证明材料"),
        ("办理地点", "芙蓉区政务服务中心二楼综合窗口"),
        ("办理时间", "工作日上午9:00-12:00，下午13:30-17:00"),
        ("联系电话", "0731-84680000"),
    ]
    tr = "".join(f"<tr><th>{a}</th><td>{b}</td></tr>" for a, b in rows)
    return f'<div class="guide"><h1>{title}办事指南</h1><table>{tr}</table>{extra_tail}</div>'


def board(rng, title, *, extra_tail=""):
    qs = [
        ("请问老旧小区改造什么时候开始？", "您好，该小区已列入今年改造计划，预计下半年开工。"),
        ("孩子入学需要准备哪些材料？", "您好，请准备户口簿、房产证明等材料，具体见招生方案。"),
        ("小区门口路灯坏了没人修。", "您好，已转交街道处理，路灯已于次日修复。"),
    ]
    rng.shuffle(qs)
    items = "".join(
        f'<div class="msg"><p class="q">留言：{q}</p><p class="a">答复：{a}</p></div>'
        for q, a in qs
    )
    return f'<div class="board"><h1>{title}</h1>{items}{extra_tail}</div>'


def home(rng, items, *, extra_tail=""):
    tabs = "".join(
        f'<div class="tab-pane{" active" if i == 0 else ""}" role="tabpanel"><ul>'
        + "".join(
            f'<li><a href="/xw/{rng.randint(100, 999)}.html">{t}</a><span>{d}</span></li>'
            for t, d in items[i::3]
        )
        + "</ul></div>"
        for i in range(3)
    )
    return (
        '<div class="banner"><img src="/img/banner.jpg" alt="芙蓉区"></div>'
        f'<div class="tabs"><ul class="tab-nav"><li>要闻</li><li>公告</li><li>部门动态</li></ul>{tabs}</div>'
        f"{extra_tail}"
    )


# --------------------------------------------------------------------------- spam pieces
def _fill(rng, tpl, **kw):
    return tpl.format(
        n=rng.choice([18, 38, 58, 88, 188]),
        m=rng.choice([50, 100]),
        p=rng.randint(10000000, 99999999),
        w=f"fp{rng.randint(1000, 9999)}",
        **kw,
    )


def spam_phrase(rng, kind: str) -> tuple[str, str]:
    """(short phrase for titles and links, sentence for the body) of a spam kind."""
    if kind == "gambling":
        b = rng.choice(P.GAMBLING_BRANDS)
        return _fill(rng, rng.choice(P.GAMBLING_TEMPLATES), b=b), _fill(
            rng, rng.choice(P.GAMBLING_SENTENCES), b=b
        )
    if kind == "lottery":
        a = rng.choice(P.LOTTERY_APPS)
        return _fill(rng, rng.choice(P.LOTTERY_TEMPLATES), a=a), _fill(
            rng, rng.choice(P.LOTTERY_SENTENCES), a=a
        )
    if kind == "porn":
        tails = rng.sample(P.PORN_TAILS, 3)
        return tails[0], "，".join(tails)
    if kind == "fraud":
        sub = rng.choice(sorted(P.FRAUD_ADS))
        ads = rng.sample(P.FRAUD_ADS[sub], 2)
        return _fill(rng, ads[0]), _fill(rng, ads[0]) + "。" + _fill(rng, ads[1])
    raise ValueError(kind)


def place_content_spam(rng, kind: str, obf: str | None):
    """Where the spam goes, and its (possibly obfuscated) short and long forms."""
    short, sentence = spam_phrase(rng, kind)
    if obf:
        short, sentence = obfuscate(short, obf, rng), obfuscate(sentence, obf, rng)
    where = rng.choice(["title", "tail", "tail", "body", "keywords", "links", "footer"])
    return where, short, sentence


# --------------------------------------------------------------------------- pages
def make_page(rng: random.Random, i: int, kinds: list[str], hard: str | None) -> dict:
    layout = rng.choice(["article", "article", "notice", "column", "guide", "board", "home"])
    topic = rng.choice(sorted(P.TOPICS))
    org, prefix = rng.choice(P.ORGS)
    date = _date(rng)
    if hard:
        layout = "article"
        title, paras = P.HARD_NEGATIVES[hard]
    else:
        title = (
            f"{rng.choice(P.STREETS)}{topic}工作情况"
            if layout != "notice"
            else (f"关于做好{topic}工作的通知")
        )
        paras = _paras(rng, topic, rng.randint(3, 6))
    title_tag = None
    keywords = ""
    tail = ""
    head_extra = ""
    body_extra = ""
    note = []
    content_kinds = [k for k in kinds if k in ("gambling", "lottery", "porn", "fraud")]
    obf = None
    if "obfuscated" in kinds:
        obf = rng.choice(["traditional", "fullwidth", "sprinkle", "separator", "split", "pinyin"])
        note.append(f"obfuscation={obf}")
    structural = any(k in kinds for k in ("hidden", "script", "junk_markup"))
    for k in content_kinds:
        if structural:
            note.append(f"{k}@carrier")  # the structural kind carries the spam text
            continue
        where, short, sentence = place_content_spam(rng, k, obf)
        note.append(f"{k}@{where}")
        if where == "title":
            title_tag = f"{short}_{title}_{SITE}" if rng.random() < 0.5 else f"{title}-{short}"
        elif where == "keywords":
            keywords = ",".join([short, sentence[:20], "芙蓉区"])
            tail += f"<p>{sentence}</p>"
        elif where == "tail":
            tail += f"<p>{sentence}</p>"
        elif where == "body":
            paras = paras[:]
            paras.insert(rng.randint(1, len(paras)), sentence)
        elif where == "links":
            tail += (
                f'<div class="related"><h3>相关链接</h3><ul><li><a href="/zwgk/{i}.html">'
                f'{short}</a></li><li><a href="/zwgk/{i + 1}.html">{sentence[:24]}</a></li></ul></div>'
            )
        elif where == "footer":
            host = rng.choice(P.EXTERNAL_SPAM_HOSTS)
            body_extra += f'<div class="links">友情链接：<a href="http://{host}/">{short}</a></div>'
    carrier = ""
    if content_kinds and structural:
        carrier = spam_phrase(rng, content_kinds[0])[0]
        if obf:
            carrier = obfuscate(carrier, obf, rng)
    ext = f"http://{rng.choice(P.EXTERNAL_SPAM_HOSTS)}/{rng.randint(1, 99)}.html"
    if "formulation" in kinds:
        x, cat = rng.choice(P.FORMULATION_REPLACEMENTS)
        s = rng.choice(P.FORMULATION_SENTENCES).format(x=x)
        paras = [s, *paras]
        note.append(f"formulation={x}")
        kinds = sorted({*kinds, cat})  # the replacement is itself spam of its category
    if "hidden" in kinds:
        text = carrier or "点击进入"
        style = rng.choice(
            [
                "display:none",
                "position:absolute;left:-9999px;top:-9999px",
                "text-indent:-9999px",
                "font-size:0",
                "height:0;overflow:hidden",
                "visibility:hidden",
                "opacity:0",
                "width:1px;height:1px;overflow:hidden;position:absolute;left:-3000px",
            ]
        )
        links = "".join(f'<a href="{ext}?{n}">{text}</a>' for n in range(rng.randint(1, 4)))
        body_extra = f'<div style="{style}">{links}</div>' + body_extra
        note.append(f"hidden={style}")
    if "script" in kinds:
        # with spam text to carry, the script writes it; otherwise any injector
        how = rng.choice(
            ["write", "useragent"]
            if carrier
            else ["write", "referrer", "useragent", "refresh", "escape"]
        )
        text = carrier or "进入"
        if how == "write":
            head_extra += f'<script>document.write(\'<a href="{ext}" style="color:#fff">{text}</a>\');</script>'
        elif how == "referrer":
            head_extra += (
                "<script>var r=document.referrer;if(r.indexOf('baidu')>-1||r.indexOf('sogou')>-1"
                f"||r.indexOf('so.com')>-1){{window.location.href='{ext}';}}</script>"
            )
        elif how == "useragent":
            head_extra += (
                "<script>var u=navigator.userAgent.toLowerCase();if(/baiduspider|sogou|360spider/"
                f".test(u)){{document.title='{text}';}}else if(/mobile/.test(u)){{top.location='{ext}';}}</script>"
            )
        elif how == "refresh":
            head_extra += f'<meta http-equiv="refresh" content="0;url={ext}">'
        else:
            enc = "".join(f"%{ord(c):02X}" for c in f'<a href="{ext}">x</a>')
            head_extra += f"<script>document.write(unescape('{enc}'));</script>"
        note.append(f"script={how}")
    if "junk_markup" in kinds:
        tags = [
            "address",
            "dfn",
            "tt",
            "var",
            "acronym",
            "big",
            "strike",
            "sub",
            "sup",
            "bdo",
            "del",
            "ins",
            "em",
            "small",
            "cite",
            "abbr",
            "kbd",
            "samp",
            "legend",
            "label",
        ]
        n = rng.randint(10, 40)
        junk = "".join(
            f'<{t} id="{_random_id(rng)}"></{t}>' for t in (rng.choice(tags) for _ in range(n))
        )
        extra = rng.random()
        if carrier or extra < 0.4:
            junk += f'<noframes><a href="{ext}">{carrier or "友情链接"}</a></noframes>'
        elif extra < 0.7:
            junk += f'<iframe src="{ext}" width="0" height="0" frameborder="0"></iframe>'
        body_extra = junk + body_extra
        note.append(f"junk={n}")
    d = date
    if layout == "article":
        body = article(rng, title, paras, org=org, date=d, extra_tail=tail)
    elif layout == "notice":
        body = notice(rng, title, paras, org=org, prefix=prefix, date=d, extra_tail=tail)
    elif layout == "column":
        items = [(p[:18], _date(rng)) for p in paras] + [
            (f"{rng.choice(P.STREETS)}开展{rng.choice(sorted(P.TOPICS))}宣传活动", _date(rng))
            for _ in range(6)
        ]
        body = column(rng, title, items, extra_tail=_intro(paras) + tail)
    elif layout == "guide":
        body = guide(rng, title, extra_tail=_intro(paras) + tail)
    elif layout == "board":
        body = board(rng, "网民留言", extra_tail=_intro(paras) + tail)
    else:
        items = [(p[:16], _date(rng).isoformat()) for p in paras] + [
            (f"{s}召开{t}工作会议", _date(rng).isoformat())
            for s, t in zip(
                rng.sample(P.STREETS, 6), rng.choices(sorted(P.TOPICS), k=6), strict=True
            )
        ]
        body = home(rng, items, extra_tail=_intro(paras) + tail)
        title = "首页"
    html = page_html(
        title=title,
        body=body,
        head_extra=head_extra,
        body_extra=body_extra,
        keywords=keywords,
        title_tag=title_tag,
    )
    # lottery-app phrasing is labelled gambling (issue 19 names them together); the note keeps it
    label = sorted({"gambling" if k == "lottery" else k for k in kinds})
    return {
        "layout": layout,
        "html": html,
        "note": ";".join(note),
        "hard": hard or "",
        "kinds": label,
    }


#: Tampered pages per kind set (150), then 150 clean pages of which every hard negative
#: appears at least four times.
PLAN: list[list[str]] = (
    [["gambling"]] * 22
    + [["lottery"]] * 17
    + [["porn"]] * 17
    + [["fraud"]] * 20
    + [["formulation"]] * 14
    + [["formulation", "gambling"]] * 2
    + [["obfuscated", "gambling"]] * 8
    + [["obfuscated", "lottery"]] * 3
    + [["obfuscated", "porn"]] * 4
    + [["obfuscated", "fraud"]] * 3
    + [["junk_markup"]] * 6
    + [["junk_markup", "gambling"]] * 6
    + [["hidden", "gambling"]] * 9
    + [["hidden", "porn"]] * 3
    + [["hidden"]] * 2
    + [["script", "gambling"]] * 5
    + [["script"]] * 9
)


def generate(out: Path, seed: int = 19) -> list[dict]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.html"):
        old.unlink()
    labels = []
    hard = sorted(P.HARD_NEGATIVES)
    jobs: list[tuple[list[str], str | None]] = [(k, None) for k in PLAN]
    jobs += [([], hard[i % len(hard)]) for i in range(len(hard) * 4)]
    jobs += [([], None)] * (300 - len(jobs))
    for i, (kinds, hn) in enumerate(jobs, 1):
        p = make_page(rng, i, kinds, hn)
        name = f"g{i:03d}.html"
        (out / name).write_text(p["html"], encoding="utf-8")
        labels.append(
            {
                "file": f"pages/{name}",
                "kinds": p["kinds"],
                "layout": p["layout"],
                "hard_negative": p["hard"],
                "note": p["note"],
            }
        )
    return labels


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(HERE / "pages"))
    a = ap.parse_args()
    labels = generate(Path(a.out))
    (HERE / "labels.json").write_text(
        json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    tampered = sum(1 for x in labels if x["kinds"])
    print(f"{len(labels)} pages ({tampered} tampered, {len(labels) - tampered} clean)")


if __name__ == "__main__":
    main()
