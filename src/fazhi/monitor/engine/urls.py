"""URL normalisation, classification and trap guards."""

from __future__ import annotations

import ipaddress
import posixpath
import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

SESSION_PARAMS = frozenset(
    {"jsessionid", "phpsessid", "sid", "sessionid", "aspsessionid", "cfid", "cftoken", "_t"}
)
ATTACHMENT_EXT = frozenset(
    {
        ".pdf",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".zip",
        ".rar",
        ".7z",
        ".wps",
        ".et",
        ".ofd",
        ".csv",
        ".txt",
        ".mp4",
        ".mp3",
        ".apk",
    }
)
IMAGE_EXT = frozenset({".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".svg", ".ico"})
_SAFE = "/%:@!$&'()*+,;=-._~"


def normalise_url(href: str, base: str | None = None) -> str | None:
    """Absolute, canonical form of ``href`` (relative to ``base``), or None if not http(s).

    Lower-cases scheme and host, drops default ports, fragments and session ids, resolves dot
    segments, sorts the query and normalises percent-encoding. Cached for links whose result
    does not depend on the base's path (absolute or root-relative: the template's links).
    """
    if href[:1] == "/" and href[:2] != "//" and base:
        return _normalise_rooted(href, base[: base.find("/", base.find("//") + 2) + 1 or None])
    if href[:7].lower() in ("http://", "https:/"):
        return _normalise_absolute(href)
    return _normalise_url(href, base)


@lru_cache(maxsize=65536)
def _normalise_rooted(href: str, origin: str) -> str | None:
    return _normalise_url(href, origin)


@lru_cache(maxsize=65536)
def _normalise_absolute(href: str) -> str | None:
    return _normalise_url(href, None)


def _normalise_url(href: str, base: str | None = None) -> str | None:
    href = (href or "").strip().replace("\\", "/")
    if not href:
        return None
    low = href[:11].lower()
    if low.startswith(("mailto:", "tel:", "javascript", "data:", "#", "sms:", "about:")):
        return None
    try:
        url = urljoin(base, href) if base else href
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    netloc = host if ":" not in host else f"[{host}]"
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        netloc = f"{netloc}:{port}"
    path = parts.path or "/"
    path = path.split(";jsessionid=", 1)[0]
    trailing = path.endswith("/")
    path = posixpath.normpath(path) if path not in ("", "/") else "/"
    if path.startswith("//"):
        path = "/" + path.lstrip("/")
    if trailing and not path.endswith("/"):
        path += "/"
    path = quote(unquote(path), safe=_SAFE)
    query = ""
    if parts.query:
        pairs = [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k.lower() not in SESSION_PARAMS
        ]
        pairs.sort()
        query = urlencode(pairs, doseq=True)
    return urlunsplit((scheme, netloc, path, query, ""))


@lru_cache(maxsize=65536)
@lru_cache(maxsize=65536)
def host_of(url: str) -> str:
    """Lower-case host name of ``url`` ('' when none; cached: a crawl asks for the same URLs'
    hosts many times — scope checks of every link of every page)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


@lru_cache(maxsize=4096)
def is_ip_host(host: str) -> bool:
    """Whether ``host`` is a raw IPv4/IPv6 address."""
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return False


def is_gov_host(host: str) -> bool:
    """Whether a host is under gov.cn or a .政务 domain."""
    h = host.lower().rstrip(".")
    return (
        h == "gov.cn" or h.endswith(".gov.cn") or h.endswith(".政务") or h.endswith(".xn--zfr164b")
    )


def url_kind(url: str, tag: str = "a", rel: str = "") -> str:
    """Classify a link: page, image, attachment, script, css, frame."""
    path = urlsplit(url).path.lower()
    ext = posixpath.splitext(path)[1]
    if tag == "img" or ext in IMAGE_EXT and tag in ("a", "link", "source", "embed"):
        return "image"
    if tag == "script":
        return "script"
    if tag == "link":
        return "css" if "stylesheet" in rel else ("image" if "icon" in rel else "other")
    if tag in ("iframe", "frame"):
        return "frame"
    if ext in ATTACHMENT_EXT:
        return "attachment"
    if ext == ".css":
        return "css"
    if ext == ".js":
        return "script"
    return "page"


_REPEAT_SEG = re.compile(r"(/[^/]+)\1{3,}")


def looks_like_trap(url: str, max_length: int = 2048) -> str | None:
    """Cheap structural trap signals: very long URLs, a segment repeated ≥4 times."""
    if len(url) > max_length:
        return "URL 过长"
    if _REPEAT_SEG.search(urlsplit(url).path):
        return "路径片段重复"
    return None


def path_key(url: str) -> str:
    """scheme://host/path without the query — used to count query variants per path."""
    p = urlsplit(url)
    return f"{p.scheme}://{p.netloc}{p.path}"
