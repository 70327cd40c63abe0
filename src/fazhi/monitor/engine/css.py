"""Just enough CSS to tell whether an element is visually hidden (K3).

No cascade or specificity: a rule that hides is applied to every element its selector matches
(selectolax/lexbor does the matching). Print-only media blocks are ignored, because they do not
affect what a visitor sees on screen.
"""

from __future__ import annotations

import re
from functools import lru_cache

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_NUM = re.compile(r"^\s*(-?\d*\.?\d+)\s*(px|em|rem|pt|%|vw|vh)?\s*$")

NAMED_COLOURS = {
    "white": "#ffffff",
    "black": "#000000",
    "red": "#ff0000",
    "blue": "#0000ff",
    "green": "#008000",
    "gray": "#808080",
    "grey": "#808080",
    "silver": "#c0c0c0",
    "yellow": "#ffff00",
    "transparent": "transparent",
}

HIDING_PROPS = frozenset(
    {
        "display",
        "visibility",
        "opacity",
        "left",
        "top",
        "right",
        "margin-left",
        "margin-top",
        "text-indent",
        "font-size",
        "height",
        "width",
        "max-height",
        "max-width",
        "overflow",
        "clip",
        "clip-path",
        "z-index",
        "position",
        "transform",
    }
)


def parse_declarations(text: str) -> dict[str, str]:
    """``"a: b; c: d"`` → ``{"a": "b", "c": "d"}`` (lowercased, ``!important`` dropped)."""
    out: dict[str, str] = {}
    for part in text.split(";"):
        if ":" not in part:
            continue
        k, _, v = part.partition(":")
        k = k.strip().lower()
        v = v.replace("!important", "").strip().lower()
        if k and v:
            out[k] = v
    return out


def parse_stylesheet(css: str) -> list[tuple[str, dict[str, str]]]:
    """Return (selector, declarations) pairs; print-only @media blocks are skipped.

    Cached per stylesheet text: a site's stylesheets (and its inline ``<style>`` template
    blocks) are the same on every page. The declaration dicts are shared: read them only."""
    return list(_parsed(css))


@lru_cache(maxsize=256)
def _parsed(css: str) -> tuple[tuple[str, dict[str, str]], ...]:
    css = _COMMENT.sub("", css)
    rules: list[tuple[str, dict[str, str]]] = []
    _parse_block(css, rules, 0)
    return tuple(rules)


def _parse_block(css: str, rules: list[tuple[str, dict[str, str]]], depth: int) -> None:
    i, n = 0, len(css)
    while i < n:
        brace = css.find("{", i)
        if brace < 0:
            return
        prelude = css[i:brace].strip()
        # find the matching close brace
        level, j = 1, brace + 1
        while j < n and level:
            c = css[j]
            if c == "{":
                level += 1
            elif c == "}":
                level -= 1
            j += 1
        body = css[brace + 1 : j - 1]
        i = j
        # drop anything before a previous ';' (e.g. @import/@charset statements)
        if ";" in prelude:
            prelude = prelude.rsplit(";", 1)[1].strip()
        if prelude.startswith("@"):
            low = prelude.lower()
            if low.startswith("@media"):
                query = low[6:]
                if "print" in query and "screen" not in query and "all" not in query:
                    continue
                if depth < 4:
                    _parse_block(body, rules, depth + 1)
            elif low.startswith("@supports") and depth < 4:
                _parse_block(body, rules, depth + 1)
            continue
        if prelude:
            rules.append((prelude, parse_declarations(body)))


def _length(value: str) -> float | None:
    m = _NUM.match(value)
    if not m:
        return None
    num = float(m.group(1))
    unit = m.group(2) or "px"
    if unit in ("em", "rem"):
        return num * 16
    if unit == "pt":
        return num * 4 / 3
    if unit in ("%", "vw", "vh"):
        return num * 10  # rough: −100 % off-screen is as hidden as −1000 px
    return num


def norm_colour(value: str | None) -> str | None:
    """Normalise a colour to ``#rrggbb`` (or None when unknown)."""
    if not value:
        return None
    v = value.strip().lower().split()[0] if value.strip() else ""
    if v in NAMED_COLOURS:
        return NAMED_COLOURS[v]
    if v.startswith("#"):
        h = v[1:]
        if len(h) in (3, 4):
            h = "".join(c * 2 for c in h[:3])
        if len(h) in (6, 8) and all(c in "0123456789abcdef" for c in h[:6]):
            return "#" + h[:6]
        return None
    m = re.match(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)", v)
    if m:
        return "#" + "".join(f"{min(255, int(x)):02x}" for x in m.groups())
    return None


def background_colour(decls: dict[str, str]) -> str | None:
    """Background colour of a declaration block, if any."""
    if "background-color" in decls:
        return norm_colour(decls["background-color"])
    bg = decls.get("background")
    if bg:
        for tok in bg.replace(",", " ").split():
            c = norm_colour(tok)
            if c:
                return c
        m = re.search(r"rgba?\([^)]*\)", bg)
        if m:
            return norm_colour(m.group(0))
    return None


def hiding_reason(decls: dict[str, str]) -> str | None:
    """Why a declaration block hides its element, or None."""
    if not decls:
        return None
    d = decls
    if d.get("display", "").startswith("none"):
        return "display:none"
    if d.get("visibility", "") in ("hidden", "collapse"):
        return "visibility:hidden"
    op = d.get("opacity")
    if op is not None:
        try:
            if float(op.rstrip("%")) <= 0.05:
                return "opacity:0"
        except ValueError:
            pass
    for prop in ("left", "top", "right", "margin-left", "margin-top", "text-indent"):
        if prop in d:
            v = _length(d[prop])
            if v is not None and v <= -999:
                return f"{prop}:{d[prop]}"
    tr = d.get("transform", "")
    m = re.search(r"translate[xy]?\(\s*(-\d+)px", tr)
    if m and int(m.group(1)) <= -999:
        return f"transform:{tr}"
    fs = d.get("font-size")
    if fs is not None:
        v = _length(fs)
        if v is not None and v < 1:
            return "font-size:0"
    clip = d.get("clip", "")
    if clip.startswith("rect"):
        nums = [float(x) for x in re.findall(r"-?\d*\.?\d+", clip)]
        if nums and max(nums) <= 1:
            return "clip:rect(0)"
    cp = d.get("clip-path", "")
    if cp.startswith("inset(50%") or cp.startswith("inset(100%") or re.match(r"circle\(0", cp):
        return "clip-path"
    overflow = d.get("overflow", "") in ("hidden", "clip") or d.get("overflow-y") == "hidden"
    for prop in ("height", "width", "max-height", "max-width"):
        if prop in d:
            v = _length(d[prop])
            if v is not None and v <= 1 and overflow:
                return f"{prop}:0;overflow:hidden"
    z = d.get("z-index")
    if z is not None and d.get("position") in ("absolute", "relative", "fixed"):
        try:
            if int(z) < 0:
                return "z-index<0"
        except ValueError:
            pass
    return None


def is_screen_reader_box(decls: dict[str, str]) -> bool:
    """The 1×1 px clipped box used by ``.sr-only``/``.visually-hidden`` utility classes."""
    w = _length(decls.get("width", "")) if "width" in decls else None
    h = _length(decls.get("height", "")) if "height" in decls else None
    return w is not None and h is not None and w == 1 and h == 1


_SPEC_ID = re.compile(r"#[\w-]+")
_SPEC_CLASS = re.compile(r"\.[\w-]+|\[[^\]]*\]|:(?!:)[\w-]+")
_SPEC_TAG = re.compile(r"(?:^|[\s>+~])([a-zA-Z][\w-]*)")


def specificity(selector: str) -> tuple[int, int, int]:
    """CSS specificity (ids, classes/attributes/pseudo-classes, types) of one selector."""
    return (
        len(_SPEC_ID.findall(selector)),
        len(_SPEC_CLASS.findall(selector)),
        len(_SPEC_TAG.findall(selector)),
    )


def revealing_rules(tree, rules) -> dict[tuple[int, str], list[tuple[tuple[int, int, int], int]]]:
    """(node, property) → (specificity, order) of the rules that set ``display`` to a visible
    value or ``visibility:visible`` on it. Selectors with a state (``:hover``) never count:
    a menu shown on hover is hidden the rest of the time."""
    out: dict[tuple[int, str], list[tuple[tuple[int, int, int], int]]] = {}
    for order, (selector, decls) in enumerate(rules):
        props = []
        if decls.get("display", "none") != "none" and not decls["display"].startswith("none"):
            props.append("display")
        if decls.get("visibility") == "visible":
            props.append("visibility")
        if not props or ":" in selector:
            continue
        try:
            matched = tree.css(selector)
        except Exception:  # nosec B112 - a selector the parser cannot read reveals nothing
            continue
        spec = specificity(selector)
        for n in matched:
            for prop in props:
                out.setdefault((n.mem_id, prop), []).append((spec, order))
    return out
