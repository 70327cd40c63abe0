"""Configuration of monitored sites, thresholds and lexicons — all data, no code.

Everything here is a frozen dataclass loaded from TOML or JSON so that staff can edit the
files (and the Django layer can store versions of them). Each threshold carries its source
string, so the bulletin can quote where a line comes from.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fazhi.core import clock as _clock

from .urls import host_of as _host_of

DATA_PACKAGE = "fazhi.monitor.engine.data"

#: Column categories and their freshness rule (threshold ids in thresholds.toml).
COLUMN_CATEGORIES: dict[str, str] = {
    "news": "V4.news_days",  # 动态/要闻: 2 weeks
    "notice": "V4.notice_months",  # 通知公告: 6 months
    "policy": "V4.notice_months",  # 政策文件: 6 months
    "personnel": "V4.personnel_days",  # 人事、规划计划: 1 year
    "plan": "V4.personnel_days",
    "other": "",  # no freshness rule; only blank-column check
}


CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")


def today_cn() -> dt.date:
    """Today's date in China Standard Time (the monitoring time point default)."""
    return _clock.today()


def _parse_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


# --------------------------------------------------------------------------- thresholds


@dataclass(frozen=True)
class Threshold:
    """One numeric line: ``veto`` is the official line, ``warn`` an earlier warning line."""

    id: str
    label: str
    veto: float | None
    warn: float | None
    unit: str
    source: str
    warn_source: str = ""

    def status(self, value: float | None, *, higher_is_worse: bool = True) -> str:
        """Return 'OK' / '预警' / '触发' / '未检测' for a measured value."""
        if value is None:
            return "未检测"
        if higher_is_worse:
            if self.veto is not None and value >= self.veto:
                return "触发"
            if self.warn is not None and value >= self.warn:
                return "预警"
        else:
            if self.veto is not None and value <= self.veto:
                return "触发"
            if self.warn is not None and value <= self.warn:
                return "预警"
        return "OK"


@dataclass(frozen=True)
class Deduction:
    """A deduction (扣分) item; ``automatable`` False means the bulletin prints 需人工."""

    id: str
    label: str
    points_each: float
    cap: float
    automatable: bool
    rules: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Thresholds:
    """All thresholds plus the deduction table, versioned."""

    version: str
    source: str
    items: Mapping[str, Threshold]
    deductions: tuple[Deduction, ...] = ()

    def __getitem__(self, key: str) -> Threshold:
        return self.items[key]

    def value(self, key: str) -> float:
        """The veto value of a threshold (raises if it has none)."""
        v = self.items[key].veto
        if v is None:
            raise KeyError(f"threshold {key} has no veto value")
        return v

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Thresholds:
        items = {}
        for row in data.get("threshold", []):
            t = Threshold(
                id=row["id"],
                label=row.get("label", row["id"]),
                veto=row.get("veto"),
                warn=row.get("warn"),
                unit=row.get("unit", ""),
                source=row.get("source", ""),
                warn_source=row.get("warn_source", ""),
            )
            items[t.id] = t
        deds = tuple(
            Deduction(
                id=row["id"],
                label=row["label"],
                points_each=float(row.get("points_each", 0)),
                cap=float(row.get("cap", 0)),
                automatable=bool(row.get("automatable", False)),
                rules=tuple(row.get("rules", ())),
                source=row.get("source", ""),
            )
            for row in data.get("deduction", [])
        )
        return cls(str(data.get("version", "")), data.get("source", ""), items, deds)


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Term:
    """A spam/sensitive term. ``weight`` ≥ 8 is a strong term (brand); < 3 is weak."""

    term: str
    category: str
    weight: int = 5
    note: str = ""


@dataclass(frozen=True)
class Pattern:
    """Spam phrasing as a regular expression over normalised text (lower case, no spaces)."""

    pattern: str
    category: str
    weight: int = 5
    note: str = ""


@dataclass(frozen=True)
class Formulation:
    """A canonical political formulation whose ``remainder`` must follow its ``head`` (or one
    of the ``also`` heads); the remainder without its head means the key word was replaced."""

    canonical: str
    head: str
    remainder: str
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Variant:
    """A known wrong formulation and its canonical form."""

    wrong: str
    right: str
    source: str = ""


@dataclass(frozen=True)
class Leader:
    """A leader's name with the titles valid in a date range (placeholders by default)."""

    name: str
    titles: tuple[str, ...]
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    placeholder: bool = False

    def valid_on(self, day: dt.date) -> bool:
        """Whether the entry applies on ``day``."""
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)


@dataclass(frozen=True)
class Lexicon:
    """All word lists the content checks use. Merge a site's local list with ``merged``."""

    version: str = ""
    source: str = ""
    terms: tuple[Term, ...] = ()
    canonical: tuple[str, ...] = ()
    variants: tuple[Variant, ...] = ()
    leaders: tuple[Leader, ...] = ()
    allow: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    patterns: tuple[Pattern, ...] = ()
    warning: tuple[str, ...] = ()
    formulations: tuple[Formulation, ...] = ()
    mention: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Lexicon:
        terms = tuple(
            Term(r["term"], r.get("category", "other"), int(r.get("weight", 5)), r.get("note", ""))
            for r in data.get("terms", [])
        )
        variants = tuple(
            Variant(r["wrong"], r["right"], r.get("source", "")) for r in data.get("variants", [])
        )
        leaders = tuple(
            Leader(
                r["name"],
                tuple(r.get("titles", ())),
                _parse_date(r.get("valid_from")),
                _parse_date(r.get("valid_to")),
                bool(r.get("placeholder", False)),
            )
            for r in data.get("leaders", [])
        )
        patterns = tuple(
            Pattern(
                r["pattern"], r.get("category", "other"), int(r.get("weight", 5)), r.get("note", "")
            )
            for r in data.get("patterns", [])
        )
        formulations = tuple(
            Formulation(r["canonical"], r["head"], r["remainder"], tuple(r.get("also", ())))
            for r in data.get("formulations", [])
        )
        return cls(
            version=str(data.get("version", "")),
            source=data.get("source", ""),
            terms=terms,
            canonical=tuple(data.get("canonical", ())),
            variants=variants,
            leaders=leaders,
            allow=tuple(data.get("allow", ())),
            titles=tuple(data.get("titles", ())),
            patterns=patterns,
            warning=tuple(data.get("warning", ())),
            formulations=formulations,
            mention=tuple(data.get("mention", ())),
        )

    def merged(self, other: Lexicon) -> Lexicon:
        """Union of two lexicons (other's entries appended; version joined)."""
        return Lexicon(
            version="+".join(v for v in (self.version, other.version) if v),
            source="; ".join(s for s in (self.source, other.source) if s),
            terms=self.terms + other.terms,
            canonical=tuple(dict.fromkeys(self.canonical + other.canonical)),
            variants=self.variants + other.variants,
            leaders=self.leaders + other.leaders,
            allow=tuple(dict.fromkeys(self.allow + other.allow)),
            titles=tuple(dict.fromkeys(self.titles + other.titles)),
            patterns=self.patterns + other.patterns,
            warning=tuple(dict.fromkeys(self.warning + other.warning)),
            formulations=self.formulations + other.formulations,
            mention=tuple(dict.fromkeys(self.mention + other.mention)),
        )


# --------------------------------------------------------------------------- site


@dataclass(frozen=True)
class Identity:
    """Who the site says it is: the K2 check compares issuer slots with this."""

    org_names: tuple[str, ...]
    host_unit: str = ""
    site_name: str = ""
    site_id_code: str = ""
    area_names: tuple[str, ...] = ()
    sub_units: tuple[str, ...] = ()
    icp: str = ""
    psb: str = ""

    def all_names(self) -> tuple[str, ...]:
        """Every name that counts as "ourselves" (orgs, host unit, site name, sub-units)."""
        names = [*self.org_names, self.host_unit, self.site_name, *self.sub_units]
        return tuple(dict.fromkeys(n for n in names if n))


@dataclass(frozen=True)
class ColumnRule:
    """A column (栏目): its list-page URL and freshness category."""

    name: str
    url: str
    category: str = "other"
    list_selector: str = ""


@dataclass(frozen=True)
class SiteConfig:
    """One monitored site."""

    site_id: str
    name: str
    start_urls: tuple[str, ...]
    identity: Identity
    owner: str = ""
    hosts: tuple[str, ...] = ()
    columns: tuple[ColumnRule, ...] = ()
    external_allow: tuple[str, ...] = ()
    user_agent: str = "fazhi-monitor/1.0 (+https://example.invalid/fazhi-monitor-contact)"
    k5_authorized: bool = True
    thresholds: Thresholds = field(default_factory=lambda: default_thresholds())
    lexicon: Lexicon = field(default_factory=lambda: default_lexicon())
    version: str = ""

    @cached_property
    def host_set(self) -> frozenset[str]:
        """Hosts in scope (configured hosts plus hosts of the start URLs), lowercase."""
        hosts = {h.lower() for h in self.hosts}
        hosts.update((urlsplit(u).hostname or "").lower() for u in self.start_urls)
        hosts.discard("")
        return frozenset(hosts)

    @property
    def homepage(self) -> str:
        """The first start URL is the homepage."""
        return self.start_urls[0] if self.start_urls else ""

    def in_scope(self, url: str) -> bool:
        """Whether ``url`` is on one of the configured hosts."""
        return _host_of(url) in self.host_set

    def with_lexicon(self, lexicon: Lexicon) -> SiteConfig:
        """Copy with another lexicon."""
        return replace(self, lexicon=lexicon)

    @classmethod
    def from_mapping(
        cls,
        data: Mapping[str, Any],
        *,
        thresholds: Thresholds | None = None,
        lexicon: Lexicon | None = None,
    ) -> SiteConfig:
        ident = data.get("identity", {})
        identity = Identity(
            org_names=tuple(ident.get("org_names", ())),
            host_unit=ident.get("host_unit", ""),
            site_name=ident.get("site_name", ""),
            site_id_code=str(ident.get("site_id_code", "")),
            area_names=tuple(ident.get("area_names", ())),
            sub_units=tuple(ident.get("sub_units", ())),
            icp=str(ident.get("icp", "")),
            psb=str(ident.get("psb", "")),
        )
        columns = tuple(
            ColumnRule(c["name"], c["url"], c.get("category", "other"), c.get("list_selector", ""))
            for c in data.get("columns", [])
        )
        lex = lexicon or default_lexicon()
        if "lexicon" in data:
            lex = lex.merged(Lexicon.from_mapping(data["lexicon"]))
        kwargs: dict[str, Any] = {}
        if "user_agent" in data:
            kwargs["user_agent"] = data["user_agent"]
        return cls(
            site_id=data["site_id"],
            name=data.get("name", data["site_id"]),
            owner=data.get("owner", ""),
            start_urls=tuple(data.get("start_urls", ())),
            hosts=tuple(data.get("hosts", ())),
            identity=identity,
            columns=columns,
            external_allow=tuple(data.get("external_allow", ())),
            k5_authorized=bool(data.get("k5_authorized", True)),
            thresholds=thresholds or default_thresholds(),
            lexicon=lex,
            version=str(data.get("version", "")),
            **kwargs,
        )


# --------------------------------------------------------------------------- loaders


def _load_file(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    raw = p.read_bytes()
    if p.suffix.lower() == ".json":
        return json.loads(raw.decode("utf-8"))
    return tomllib.loads(raw.decode("utf-8"))


def _load_data(name: str) -> dict[str, Any]:
    text = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    return tomllib.loads(text)


_DEFAULT_CACHE: dict[str, Any] = {}


def default_thresholds() -> Thresholds:
    """Thresholds shipped in ``data/thresholds.toml`` (cached)."""
    if "t" not in _DEFAULT_CACHE:
        _DEFAULT_CACHE["t"] = Thresholds.from_mapping(_load_data("thresholds.toml"))
    return _DEFAULT_CACHE["t"]


def default_lexicon() -> Lexicon:
    """Lexicon shipped in ``data/lexicon.toml`` (cached)."""
    if "l" not in _DEFAULT_CACHE:
        _DEFAULT_CACHE["l"] = Lexicon.from_mapping(_load_data("lexicon.toml"))
    return _DEFAULT_CACHE["l"]


def load_thresholds(path: str | Path) -> Thresholds:
    """Load a thresholds file (TOML or JSON)."""
    return Thresholds.from_mapping(_load_file(path))


def load_lexicon(path: str | Path) -> Lexicon:
    """Load a lexicon file (TOML or JSON)."""
    return Lexicon.from_mapping(_load_file(path))


def load_site_config(
    path: str | Path,
    *,
    thresholds: Thresholds | None = None,
    lexicon: Lexicon | None = None,
) -> SiteConfig:
    """Load a site file (TOML or JSON); its optional ``[lexicon]`` table extends the default."""
    return SiteConfig.from_mapping(_load_file(path), thresholds=thresholds, lexicon=lexicon)


def default_site() -> SiteConfig:
    """The demo district's portal (data/site_default.toml) — identity only, never contacted."""
    return SiteConfig.from_mapping(_load_data("site_default.toml"))


def iter_terms(lexicon: Lexicon, categories: Iterable[str] | None = None) -> list[Term]:
    """Terms of the given categories (all when None)."""
    cats = set(categories) if categories is not None else None
    return [t for t in lexicon.terms if cats is None or t.category in cats]
