"""Configuration as text: the stored TOML of a site, its thresholds and the lexicon.

Staff edit configuration in the engine's own file formats (``engine/data/*.toml``), so a saved
version can be run with the engine's CLI as it is. This module parses and validates those
texts, turns a version into the engine's :class:`SiteConfig` and crawl :class:`Limits`, and
writes a mapping back as TOML (the structured site form edits a mapping).
"""

from __future__ import annotations

import dataclasses
import json
import re
import tomllib
from importlib import resources
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .engine.config import (
    COLUMN_CATEGORIES,
    DATA_PACKAGE,
    Lexicon,
    SiteConfig,
    Thresholds,
)
from .engine.crawler import Limits
from .engine.normalise import normalise

#: Crawl limits a site's ``[limits]`` table may set (politeness and bounds), with their caps.
LIMIT_FIELDS: dict[str, tuple[type, float, float]] = {
    "max_pages": (int, 1, 200_000),
    "max_depth": (int, 1, 100),
    "timeout": (float, 0.1, 60),
    "per_host_concurrency": (int, 1, 4),
    "workers": (int, 1, 32),
    "delay": (float, 0, 60),
    "jitter": (float, 0, 1),
    "polite": (bool, 0, 1),
    "retries": (int, 0, 5),
    "timeout_retries": (int, 0, 5),
    "retry_backoff": (float, 0, 60),
    "max_retry_after": (float, 0, 600),
    "max_query_variants": (int, 1, 1000),
    "k5_max_pages": (int, 0, 1000),
    "max_external": (int, 0, 100_000),
    "max_time": (float, 60, 24 * 3600),
    "read_attachments": (bool, 0, 1),
    "max_attachment_bytes": (int, 0, 500 * 1024 * 1024),
    # page and attachment checks in worker processes (0: in the crawler's own threads)
    "check_workers": (int, 0, 8),
}

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def shipped_text(name: str) -> str:
    """Text of a file shipped with the engine (``site_default.toml``, ``thresholds.toml``,
    ``lexicon.toml``)."""
    return resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- parsing


def parse(text: str, what: str) -> dict[str, Any]:
    """Parse TOML, turning a syntax error into a ValidationError naming ``what``."""
    try:
        return tomllib.loads(text or "")
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(_("%(what)s格式错误：%(err)s") % {"what": what, "err": exc}) from exc


def validate_site(text: str) -> dict[str, Any]:
    """Parse and check a site file: at least one http(s) start URL, known column categories,
    an identity, limits within their caps. Returns the mapping."""
    data = parse(text, _("网站配置"))
    data.setdefault("site_id", "site")
    starts = data.get("start_urls") or []
    if not starts or not all(
        isinstance(u, str) and u.startswith(("http://", "https://")) for u in starts
    ):
        raise ValidationError(_("请至少填写一个以 http:// 或 https:// 开头的起始网址。"))
    ident = data.get("identity") or {}
    if not (ident.get("org_names") or ident.get("site_name")):
        raise ValidationError(_("请填写网站身份：单位名称或网站名称（SiteName）。"))
    for col in data.get("columns", []):
        if not col.get("name") or not col.get("url"):
            raise ValidationError(_("每个栏目都要有名称和网址。"))
        if col.get("category", "other") not in COLUMN_CATEGORIES:
            raise ValidationError(
                _("栏目「%(n)s」的类别「%(c)s」未知，可选：%(all)s")
                % {"n": col["name"], "c": col.get("category"), "all": "、".join(COLUMN_CATEGORIES)}
            )
    limits_from(data)
    try:
        SiteConfig.from_mapping(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(_("网站配置内容有误：%(e)s") % {"e": exc}) from exc
    return data


def validate_thresholds(text: str) -> Thresholds:
    """Parse and check a thresholds file: every line has a source; the V2 lines exist."""
    data = parse(text, _("阈值"))
    try:
        th = Thresholds.from_mapping(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(_("阈值内容有误：%(e)s") % {"e": exc}) from exc
    missing = [t.id for t in th.items.values() if not t.source.strip()]
    if missing:
        raise ValidationError(
            _("以下阈值缺少出处（source）：%(ids)s") % {"ids": "、".join(missing)}
        )
    for need in ("V2.failure_ratio", "V2.timeout_s", "V2.probes_per_day", "V2.window_days"):
        if need not in th.items:
            raise ValidationError(_("阈值缺少必需项：%(id)s") % {"id": need})
    return th


def validate_lexicon(text: str) -> Lexicon:
    """Parse and check a lexicon file."""
    data = parse(text, _("词库"))
    try:
        lex = Lexicon.from_mapping(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(_("词库内容有误：%(e)s") % {"e": exc}) from exc
    if not lex.terms:
        raise ValidationError(_("词库中至少要有一个敏感词（terms）。"))
    for t in lex.terms:
        if not normalise(t.term):
            raise ValidationError(_("词条「%(t)s」规范化后为空，无法匹配。") % {"t": t.term})
    for p in lex.patterns:
        try:
            rx = re.compile(p.pattern)
        except re.error as exc:
            raise ValidationError(
                _("正则表达式「%(p)s」有误：%(e)s") % {"p": p.pattern, "e": exc}
            ) from exc
        if rx.search(""):
            raise ValidationError(
                _("正则表达式「%(p)s」能匹配空文本，会命中所有页面。") % {"p": p.pattern}
            )
    return lex


def limits_from(data: dict[str, Any], **overrides: Any) -> Limits:
    """Crawl limits from a site mapping's ``[limits]`` table, then ``overrides`` (CLI)."""
    values: dict[str, Any] = {}
    given = {k: v for k, v in overrides.items() if v is not None}
    for key, value in {**(data.get("limits") or {}), **given}.items():
        if key not in LIMIT_FIELDS:
            raise ValidationError(_("未知的抓取限制项：%(k)s") % {"k": key})
        kind, low, high = LIMIT_FIELDS[key]
        try:
            v = kind(value)
        except (TypeError, ValueError) as exc:
            raise ValidationError(_("抓取限制 %(k)s 的值无效") % {"k": key}) from exc
        if kind is not bool and not low <= v <= high:
            raise ValidationError(
                _("抓取限制 %(k)s 应在 %(lo)s 至 %(hi)s 之间") % {"k": key, "lo": low, "hi": high}
            )
        values[key] = v
    return dataclasses.replace(Limits(), **values)


def engine_site(
    *,
    code: str,
    version_no: int,
    text: str,
    thresholds_text: str,
    lexicon_text: str,
    lexicon_no: int,
) -> SiteConfig:
    """The engine's SiteConfig for a stored configuration version and lexicon version."""
    data = parse(text, _("网站配置"))
    data["site_id"] = code
    lex = Lexicon.from_mapping(parse(lexicon_text, _("词库")))
    lex = dataclasses.replace(lex, version=f"{lex.version or 'lexicon'}#L{lexicon_no}")
    th = Thresholds.from_mapping(parse(thresholds_text, _("阈值")))
    cfg = SiteConfig.from_mapping(data, thresholds=th, lexicon=lex)
    return dataclasses.replace(cfg, version=f"{code}/v{version_no}")


def bulletin_settings(text: str) -> dict[str, str]:
    """The site's ``[bulletin]`` table: issuer (发文机关) and number prefix (机关代字)."""
    table = parse(text, _("网站配置")).get("bulletin") or {}
    return {"issuer": str(table.get("issuer", "")), "prefix": str(table.get("prefix", ""))}


# --------------------------------------------------------------------------- writing


def _key(k: str) -> str:
    return k if _BARE_KEY.match(k) else json.dumps(k, ensure_ascii=False)


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def dumps(data: dict[str, Any]) -> str:
    """Write a mapping as TOML: scalars and lists first, then ``[tables]`` (one level; nested
    mappings inside them become inline tables), then ``[[arrays of tables]]``."""
    lines: list[str] = []
    tables: list[tuple[str, dict]] = []
    arrays: list[tuple[str, list]] = []
    for k, v in data.items():
        if isinstance(v, dict):
            tables.append((k, v))
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            arrays.append((k, v))
        else:
            lines.append(f"{_key(k)} = {_value(v)}")
    for k, table in tables:
        lines += ["", f"[{_key(k)}]"]
        lines += [f"{_key(a)} = {_value(b)}" for a, b in table.items()]
    for k, rows in arrays:
        for row in rows:
            lines += ["", f"[[{_key(k)}]]"]
            lines += [f"{_key(a)} = {_value(b)}" for a, b in row.items()]
    return "\n".join(lines) + "\n"


def mapping_from_config(cfg: SiteConfig) -> dict[str, Any]:
    """The site-file mapping of an engine SiteConfig (thresholds and lexicon are stored apart)."""
    ident = cfg.identity
    return {
        "site_id": cfg.site_id,
        "name": cfg.name,
        "owner": cfg.owner,
        "start_urls": list(cfg.start_urls),
        "hosts": list(cfg.hosts),
        "external_allow": list(cfg.external_allow),
        "k5_authorized": cfg.k5_authorized,
        "identity": {
            "org_names": list(ident.org_names),
            "host_unit": ident.host_unit,
            "site_name": ident.site_name,
            "site_id_code": ident.site_id_code,
            "area_names": list(ident.area_names),
            "sub_units": list(ident.sub_units),
            "icp": ident.icp,
            "psb": ident.psb,
        },
        "columns": [{"name": c.name, "url": c.url, "category": c.category} for c in cfg.columns],
    }
