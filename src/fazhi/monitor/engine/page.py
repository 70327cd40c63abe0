"""Parse a page once (selectolax/lexbor) into a :class:`Page` that every check reads.

The parse extracts title and meta tags, headings, links with their hidden state, hidden blocks
(computed from inline styles, ``<style>`` blocks and same-host external CSS), scripts, meta
refresh, dated list items (for column freshness), the publication date and the signature line.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from .css import (
    background_colour,
    hiding_reason,
    is_screen_reader_box,
    norm_colour,
    parse_declarations,
    parse_stylesheet,
    revealing_rules,
    specificity,
)
from .urls import normalise_url, url_kind

DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_SIG_DATE = re.compile(r"^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)
_BENIGN_TOKEN = re.compile(
    r"(sr-only|screen-reader|visually-hidden|visuallyhidden|element-invisible|skip|"
    r"^nav|-nav|nav-|menu|dropdown|drop-down|submenu|sub-menu|tab|modal|dialog|popup|pop-|"
    r"print|carousel|slide|swiper|collapse|accordion|tooltip|hidden-xs|hidden-sm|search)",
    re.I,
)
_BENIGN_ROLES = frozenset(
    {"tabpanel", "dialog", "alertdialog", "menu", "menubar", "tooltip", "navigation", "listbox"}
)
_STRIP_TAGS = ("script", "style", "noscript", "template", "noframes")
#: ids that look generated at random ("q8w2e", "zn3x9", "xkqzt"), as spam templates stamp on
#: clusters of empty elements; CMS ids like "news12", "c1024", "tab3" do not.
_ID_SHAPE = re.compile(r"^[A-Za-z0-9]{4,12}$")
_DIGIT_THEN_LETTER = re.compile(r"\d[A-Za-z]")
_VOWELS = set("aeiouAEIOU")


def random_looking_id(value: str) -> bool:
    """Whether an id looks generated at random (see :data:`_ID_SHAPE`)."""
    if not _ID_SHAPE.match(value):
        return False
    if any(c.isdigit() for c in value):
        return bool(_DIGIT_THEN_LETTER.search(value)) and any(c.isalpha() for c in value)
    return len(value) >= 5 and sum(c in _VOWELS for c in value) <= len(value) // 5


_LINK_SELECTOR = (
    "a[href], area[href], img[src], script[src], link[href], iframe[src], frame[src], "
    "embed[src], source[src]"
)
#: Checks read at most this many characters of visible text (huge pages are bounded).
MAX_TEXT = 300_000
GBK_FAMILY = {"gbk", "gb2312", "gb_2312-80", "x-gbk", "gb18030", "cp936", "euc-cn", "hz-gb-2312"}


@dataclass
class Link:
    """One outgoing reference."""

    url: str
    tag: str
    kind: str
    text: str = ""
    hidden: str | None = None
    hidden_block: int | None = None


@dataclass
class HiddenBlock:
    """An outermost visually hidden element."""

    reason: str
    benign: bool
    text: str
    links: list[str]
    descr: str
    snippet: str
    tag: str = ""
    sr_box: bool = False


@dataclass
class ListItem:
    """A dated (or undated) entry of a list page."""

    title: str
    url: str
    date: dt.date | None


@dataclass
class Page:
    """Everything the checks need, extracted in one parse."""

    url: str
    status: int = 200
    encoding: str = "utf-8"
    charset_note: str = ""
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    h1: list[str] = field(default_factory=list)
    visible_text: str = ""
    lines: list[str] = field(default_factory=list)
    hidden_blocks: list[HiddenBlock] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)
    script_srcs: list[str] = field(default_factory=list)
    css_hrefs: list[str] = field(default_factory=list)
    meta_refresh: str | None = None
    list_items: list[ListItem] = field(default_factory=list)
    has_list_container: bool = False
    pub_date: dt.date | None = None
    signature: str = ""
    link_texts: str = ""
    alt_texts: str = ""
    size: int = 0
    truncated: bool = False
    is_html: bool = True
    junk: list[tuple[str, str, str]] = field(default_factory=list)
    has_frameset: bool = False
    footer_text: str = ""

    @property
    def doc_title(self) -> str:
        """Title of the document itself: ``ArticleTitle`` meta, else ``<title>`` before the
        site-name suffix."""
        at = self.meta.get("articletitle", "").strip()
        if at:
            return at
        return split_title(self.title)

    @property
    def all_dates(self) -> list[dt.date]:
        """Dates of list items."""
        return [i.date for i in self.list_items if i.date]


def split_title(title: str) -> str:
    """ "文章标题_芙蓉区人民政府" → "文章标题" (first segment before a site suffix)."""
    t = title.strip()
    for sep in ("_", " - ", "-", "—", "–", "|", "｜"):
        if sep in t:
            head = t.split(sep, 1)[0].strip()
            if len(head) >= 4:
                return head
    return t


def parse_date(text: str) -> dt.date | None:
    """First plausible date in ``text``."""
    for m in DATE_RE.finditer(text):
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
    return None


# --------------------------------------------------------------------------- decoding


def _lookup(enc: str | None) -> str | None:
    if not enc:
        return None
    e = enc.strip().lower()
    if e in GBK_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(e).name
    except LookupError:
        return None


def decode_html(
    body: bytes, content_type: str | None = None, *, truncated: bool = False
) -> tuple[str, str, str]:
    """Decode ``body``; return (text, encoding, note). Never raises.

    Order: BOM → UTF-8 (strict) → declared charset (header, then meta) → GB18030 → replace.
    GBK/GB2312 are decoded as GB18030 (a superset). A note is returned when the declared
    charset was wrong.
    """
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", "replace"), "utf-8", ""
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return body.decode("utf-16", "replace"), "utf-16", ""
    declared = None
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m:
            declared = m.group(1)
    if not declared:
        m = _META_CHARSET.search(body[:4096])
        if m:
            declared = m.group(1).decode("ascii", "ignore")
    decl = _lookup(declared)
    probe = body[:-8] if truncated and len(body) > 8 else body
    candidates = ["utf-8"]
    if decl and decl not in candidates:
        candidates.append(decl)
    if "gb18030" not in candidates:
        candidates.append("gb18030")
    for enc in candidates:
        try:
            probe.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        text = body.decode(enc, "replace")
        note = ""
        if decl and enc != decl and not (enc == "utf-8" and body.isascii()):
            note = f"声明编码 {declared}，实际按 {enc} 解码"
        elif declared and decl is None:
            note = f"未知编码声明 {declared}，按 {enc} 解码"
        return text, enc, note
    return body.decode(decl or "utf-8", "replace"), decl or "utf-8", "无法确定编码，按替换解码"


# --------------------------------------------------------------------------- parsing


def _descr(node) -> str:
    attrs = node.attributes or {}
    out = node.tag or ""
    if attrs.get("id"):
        out += "#" + str(attrs["id"])
    if attrs.get("class"):
        out += "." + ".".join(str(attrs["class"]).split())
    return out


def _is_benign(node, decls: dict[str, str] | None) -> bool:
    if decls and is_screen_reader_box(decls):
        return True
    cur, depth = node, 0
    while cur is not None and depth < 6 and cur.tag not in ("body", "html", None):
        attrs = cur.attributes or {}
        if cur.tag in ("nav", "dialog", "menu", "template", "select", "option"):
            return True
        if (attrs.get("role") or "").lower() in _BENIGN_ROLES:
            return True
        for tok in (str(attrs.get("class") or "") + " " + str(attrs.get("id") or "")).split():
            if _BENIGN_TOKEN.search(tok):
                return True
        cur, depth = cur.parent, depth + 1
    return False


def _small(value: str | None) -> bool:
    if value is None:
        return False
    m = re.match(r"\s*(\d+(?:\.\d+)?)", str(value))
    return bool(m) and float(m.group(1)) <= 5


def parse_page(
    html: str,
    url: str,
    *,
    status: int = 200,
    external_css: Mapping[str, str] | None = None,
    encoding: str = "utf-8",
    charset_note: str = "",
    size: int = 0,
    truncated: bool = False,
) -> Page:
    """Parse ``html`` (already decoded) fetched from ``url``."""
    page = Page(
        url=url,
        status=status,
        encoding=encoding,
        charset_note=charset_note,
        size=size or len(html),
        truncated=truncated,
    )
    tree = LexborHTMLParser(html)
    root = tree.root
    if root is None:
        return page

    # ---- head: title, meta, refresh, stylesheets
    t = tree.css_first("title")
    page.title = " ".join(t.text().split()) if t is not None else ""
    for m in tree.css("meta"):
        a = m.attributes
        key = (a.get("name") or a.get("property") or a.get("http-equiv") or "").strip()
        content = (a.get("content") or "").strip()
        if not key:
            continue
        lk = key.lower()
        if lk == "refresh":
            mm = re.search(r"url\s*=\s*['\"]?([^'\";]+)", content, re.I)
            if mm:
                page.meta_refresh = normalise_url(mm.group(1).strip(), url)
            continue
        page.meta[lk] = content
    page.h1 = [" ".join(h.text().split()) for h in tree.css("h1")]

    # ---- scripts and styles
    css_texts: list[str] = []
    for s in tree.css("script"):
        src = s.attributes.get("src")
        if src:
            u = normalise_url(src, url)
            if u:
                page.script_srcs.append(u)
        else:
            body = s.text(deep=True)
            if body.strip():
                page.inline_scripts.append(body)
    for s in tree.css("style"):
        media = (s.attributes.get("media") or "").lower()
        if "print" in media and "screen" not in media:
            continue
        css_texts.append(s.text(deep=True))
    for ln in tree.css("link[href]"):
        rel = (ln.attributes.get("rel") or "").lower()
        if "stylesheet" in rel:
            u = normalise_url(ln.attributes.get("href") or "", url)
            media = (ln.attributes.get("media") or "").lower()
            if u:
                page.css_hrefs.append(u)
                if (
                    external_css
                    and u in external_css
                    and not ("print" in media and "screen" not in media)
                ):
                    css_texts.append(external_css[u])

    # ---- junk markup: empty elements with random-looking ids
    page.has_frameset = tree.css_first("frameset") is not None
    for n in tree.css("body [id]"):
        ident = str(n.attributes.get("id") or "")
        if n.tag in ("script", "style") or not random_looking_id(ident):
            continue
        txt = " ".join(n.text(separator=" ").split())
        if len(txt) <= 40:
            page.junk.append((n.tag or "", ident, txt))

    # ---- hidden elements
    hidden: dict[int, tuple[object, str, dict[str, str] | None]] = {}
    colour_nodes: list[tuple[object, str]] = []
    bg_of: dict[int, str] = {}
    rules = []
    for css in css_texts:
        rules.extend(parse_stylesheet(css))
    rule_colours: list[tuple[str, str]] = []
    rule_bgs: list[tuple[str, str]] = []
    revealed = revealing_rules(tree, rules)
    for order, (selector, decls) in enumerate(rules):
        reason = hiding_reason(decls)
        fg = norm_colour(decls.get("color"))
        bg = background_colour(decls)
        if reason is None and fg and bg and fg == bg:
            reason = "color=background"
        if reason:
            try:
                matched = tree.css(selector)
            except Exception:
                continue
            spec = specificity(selector)
            for n in matched:
                # a later or more specific rule shows it again (.tab-pane.active{display:block})
                if any(
                    (rspec, rorder) >= (spec, order)
                    for rspec, rorder in revealed.get((n.mem_id, reason.split(":")[0]), ())
                ):
                    continue
                hidden.setdefault(n.mem_id, (n, reason, decls))
        else:
            if fg:
                rule_colours.append((selector, fg))
            if bg:
                rule_bgs.append((selector, bg))
    for n in tree.css("[style]"):
        decls = parse_declarations(n.attributes.get("style") or "")
        reason = hiding_reason(decls)
        fg = norm_colour(decls.get("color"))
        bg = background_colour(decls)
        if bg:
            bg_of[n.mem_id] = bg
        if reason is None and fg and bg and fg == bg:
            reason = "color=background"
        if reason:
            hidden.setdefault(n.mem_id, (n, reason, decls))
        elif fg:
            colour_nodes.append((n, fg))
    for n in tree.css("[hidden]"):
        hidden.setdefault(n.mem_id, (n, "hidden 属性", None))
    for n in tree.css("marquee"):
        a = n.attributes
        d = parse_declarations(a.get("style") or "")
        if (
            _small(a.get("width"))
            or _small(a.get("height"))
            or _small(d.get("width"))
            or _small(d.get("height"))
        ):
            hidden.setdefault(n.mem_id, (n, "tiny marquee", None))
    for n in tree.css("iframe, frame"):
        a = n.attributes
        d = parse_declarations(a.get("style") or "")
        w = a.get("width") or d.get("width")
        h = a.get("height") or d.get("height")
        if (w is not None and _small(w) and str(w).strip().startswith(("0", "1"))) or (
            h is not None and _small(h) and str(h).strip().startswith(("0", "1"))
        ):
            hidden.setdefault(n.mem_id, (n, "zero-size iframe", None))
    # colour equal to background (inline colour or CSS colour vs nearest background)
    if colour_nodes or rule_colours:
        bg_values = set(bg_of.values()) | {c for _, c in rule_bgs}
        for selector, fg in rule_colours:
            if fg not in bg_values:
                continue
            try:
                colour_nodes.extend((n, fg) for n in tree.css(selector))
            except Exception:
                continue
        wanted = {fg for _, fg in colour_nodes} & bg_values
        for selector, bg in rule_bgs:
            if bg in wanted:
                try:
                    for n in tree.css(selector):
                        bg_of.setdefault(n.mem_id, bg)
                except Exception:
                    continue
        for n, fg in colour_nodes:
            if fg not in wanted or n.mem_id in hidden:
                continue
            cur, depth = n, 0
            while cur is not None and depth < 12:
                bg = bg_of.get(cur.mem_id)
                if bg is not None:
                    if bg == fg:
                        hidden.setdefault(n.mem_id, (n, "color=background", None))
                    break
                cur, depth = cur.parent, depth + 1

    # outermost hidden roots
    roots: list[tuple[object, str, dict[str, str] | None]] = []
    for mid, (n, reason, decls) in hidden.items():
        cur = n.parent
        inner = False
        while cur is not None:
            if cur.mem_id in hidden and cur.mem_id != mid:
                inner = True
                break
            cur = cur.parent
        if not inner and n.tag not in ("head", "html", "script", "style", "title", "meta"):
            roots.append((n, reason, decls))
    hidden_link_ids: dict[int, int] = {}
    for idx, (n, reason, decls) in enumerate(roots):
        links = []
        for a in [n, *n.css(_LINK_SELECTOR)]:
            attrs = a.attributes or {}
            href = attrs.get("href") or attrs.get("src")
            if a.tag in ("a", "area", "iframe", "frame", "img", "embed") and href:
                u = normalise_url(href, url)
                if u:
                    links.append(u)
                    hidden_link_ids[a.mem_id] = idx
        text = " ".join(n.text(separator=" ").split())
        page.hidden_blocks.append(
            HiddenBlock(
                reason=reason,
                benign=_is_benign(n, decls),
                text=text[:2000],
                links=links,
                descr=_descr(n),
                snippet=" ".join((n.html or "")[:240].split()),
                tag=n.tag or "",
                sr_box=bool(decls and is_screen_reader_box(decls)),
            )
        )

    # <noframes> is raw text to the parser and shown by no current browser: a hiding place
    if not page.has_frameset:
        for n in tree.css("noframes"):
            inner = LexborHTMLParser("<body>" + n.text() + "</body>")
            links = [
                u
                for a in inner.css("a[href], iframe[src], img[src]")
                if (
                    u := normalise_url(
                        a.attributes.get("href") or a.attributes.get("src") or "", url
                    )
                )
            ]
            text = " ".join((inner.body.text(separator=" ") if inner.body else "").split())
            if text or links:
                page.hidden_blocks.append(
                    HiddenBlock(
                        reason="noframes",
                        benign=False,
                        text=text[:2000],
                        links=links,
                        descr=_descr(n),
                        snippet=" ".join((n.html or "")[:240].split()),
                        tag="noframes",
                    )
                )
                for u in links:
                    page.links.append(
                        Link(
                            url=u,
                            tag="a",
                            kind=url_kind(u, "a", ""),
                            text="",
                            hidden="noframes",
                            hidden_block=len(page.hidden_blocks) - 1,
                        )
                    )

    # ---- links
    link_texts: list[str] = []
    alts: list[str] = []
    for a in tree.css(_LINK_SELECTOR):
        attrs = a.attributes
        tag = a.tag
        href = attrs.get("href") if tag in ("a", "area", "link") else attrs.get("src")
        if tag == "img" and attrs.get("alt"):
            alts.append(attrs.get("alt") or "")
        u = normalise_url(href or "", url)
        if not u:
            continue
        rel = (attrs.get("rel") or "").lower() if tag == "link" else ""
        if tag == "link" and "stylesheet" not in rel and "icon" not in rel:
            continue
        text = ""
        if tag in ("a", "area"):
            text = " ".join(a.text().split())
            if attrs.get("title"):
                text = (text + " " + (attrs.get("title") or "")).strip()
            link_texts.append(text)
        bi = hidden_link_ids.get(a.mem_id)
        page.links.append(
            Link(
                url=u,
                tag=tag,
                kind=url_kind(u, tag, rel),
                text=text,
                hidden=roots[bi][1] if bi is not None else None,
                hidden_block=bi,
            )
        )
    page.link_texts = "\n".join(link_texts)
    page.alt_texts = "\n".join(alts)

    # ---- list items (before stripping, so hidden menus do not count as lists)
    containers = tree.css(
        "[class*=list], [id*=list], [class*=List], [class*=news], [class*=column]"
    )
    page.has_list_container = bool(containers)
    seen_items: set[int] = set()
    scopes = containers if containers else [root]
    for scope in scopes:
        for li in scope.css("li, tr, dd"):
            if li.mem_id in seen_items:
                continue
            seen_items.add(li.mem_id)
            a = li.css_first("a[href]")
            if a is None:
                continue
            txt = li.text(separator=" ")
            date = parse_date(txt)
            if date is None and not containers:
                continue
            u = normalise_url(a.attributes.get("href") or "", url) or ""
            page.list_items.append(ListItem(" ".join(a.text().split()), u, date))

    # ---- footer (filing numbers, 网站标识码)
    feet = tree.css(
        "footer, [class*=foot], [id*=foot], [class*=bottom], [id*=bottom], "
        "[class*=copyright], [id*=copyright]"
    )
    page.footer_text = "\n".join(" ".join(n.text(separator=" ").split()) for n in feet)[:5000]

    # ---- visible text: drop scripts, styles and hidden roots, then read the body
    for tag in _STRIP_TAGS:
        for n in tree.css(tag):
            n.decompose()
    for n, _, _ in roots:
        try:
            n.decompose()
        except Exception:
            pass
    body = tree.body or root
    raw = body.text(separator="\n")
    page.lines = [" ".join(line.split()) for line in raw.split("\n")]
    page.lines = [ln for ln in page.lines if ln]
    page.visible_text = "\n".join(page.lines)[:MAX_TEXT]

    # ---- dates and signature
    pub = page.meta.get("pubdate") or page.meta.get("publishdate") or ""
    page.pub_date = parse_date(pub) if pub else None
    if page.pub_date is None:
        m = re.search(r"(?:发布|发文|成文)(?:时间|日期)\s*[:：]?\s*(\S{8,12})", page.visible_text)
        if m:
            page.pub_date = parse_date(m.group(1))
    tail = page.lines[-15:]
    for i in range(len(tail) - 1, 0, -1):
        if _SIG_DATE.match(tail[i]) and len(tail[i - 1]) <= 30:
            page.signature = tail[i - 1]
            break
    return page


def page_from_text(text: str, url: str) -> Page:
    """A Page from plain text (first line = title), e.g. the scraped seed file."""
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    title = lines[0] if lines else ""
    page = Page(url=url, title=title, h1=[title] if title else [], lines=lines, is_html=False)
    page.visible_text = "\n".join(lines)
    page.size = len(text)
    tail = lines[-15:]
    for i in range(len(tail) - 1, 0, -1):
        if _SIG_DATE.match(tail[i]) and len(tail[i - 1]) <= 30:
            page.signature = tail[i - 1]
            break
    return page
