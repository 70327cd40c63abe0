"""Forms of the monitor's staff pages. The site form edits the structured part of a site file
(identity, hosts, columns, limits) and writes it back as TOML; thresholds and the lexicon are
edited as the engine's TOML files themselves."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from fazhi.core import scoping
from fazhi.core.models import Organisation
from fazhi.ui.forms import StyledForm

from .engine.checks.freshness import CATEGORY_ZH
from .services import CONFIG_ROLES

CATEGORY_BY_LABEL = {v: k for k, v in CATEGORY_ZH.items()}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _text(lines: Any) -> str:
    return "\n".join(lines or [])


def config_orgs(user):
    return scoping.scope(user, Organisation, roles=CONFIG_ROLES).order_by("path")


class SiteForm(StyledForm):
    code = forms.SlugField(
        label=_("网站代号"), max_length=60, help_text=_("英文字母、数字和连字符")
    )
    name = forms.CharField(label=_("网站名称"), max_length=120)
    org = forms.ModelChoiceField(queryset=None, label=_("主办单位（负责整改）"))
    is_active = forms.BooleanField(label=_("启用监测"), required=False, initial=True)
    start_urls = forms.CharField(
        label=_("起始网址"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("每行一个，第一行为首页"),
    )
    hosts = forms.CharField(
        label=_("监测主机"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("门户及部门子站主机名，每行一个"),
    )
    site_name = forms.CharField(label=_("网站名称（SiteName）"), max_length=120)
    site_id_code = forms.CharField(
        label=_("网站标识码（SiteIDCode）"), max_length=20, required=False
    )
    host_unit = forms.CharField(label=_("主办单位名称"), max_length=120, required=False)
    org_names = forms.CharField(
        label=_("本单位名称"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("每行一个")
    )
    area_names = forms.CharField(
        label=_("地名"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    sub_units = forms.CharField(
        label=_("下属及相关单位"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    columns = forms.CharField(
        label=_("栏目与类别"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_(
            "每行：栏目名称 | 网址 | 类别（news/notice/policy/personnel/plan/other 或中文类别）"
        ),
    )
    external_allow = forms.CharField(
        label=_("可信外部域名"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    k5_authorized = forms.BooleanField(
        label=_("已获主办单位授权进行差异抓取（K5）"), required=False, initial=True
    )
    delay = forms.FloatField(label=_("同一主机请求间隔（秒）"), min_value=0, initial=1.0)
    per_host_concurrency = forms.IntegerField(
        label=_("每主机并发数"), min_value=1, max_value=4, initial=2
    )
    timeout = forms.FloatField(label=_("请求超时（秒）"), min_value=1, max_value=60, initial=15)
    max_pages = forms.IntegerField(label=_("最多抓取页面"), min_value=1, initial=20000)
    bulletin_issuer = forms.CharField(label=_("通报发文机关"), max_length=120, required=False)
    bulletin_prefix = forms.CharField(label=_("通报机关代字"), max_length=40, required=False)
    note = forms.CharField(label=_("修改说明"), max_length=200, required=False)

    def __init__(self, *args, user, creating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = config_orgs(user)
        if not creating:
            del self.fields["code"]

    @staticmethod
    def initial_from(site, mapping: dict[str, Any]) -> dict[str, Any]:
        ident = mapping.get("identity") or {}
        limits = mapping.get("limits") or {}
        bulletin = mapping.get("bulletin") or {}
        cols = [
            f"{c.get('name', '')} | {c.get('url', '')} | {c.get('category', 'other')}"
            for c in mapping.get("columns", [])
        ]
        return {
            "name": site.name,
            "org": site.org_id,
            "is_active": site.is_active,
            "start_urls": _text(mapping.get("start_urls")),
            "hosts": _text(mapping.get("hosts")),
            "site_name": ident.get("site_name", ""),
            "site_id_code": ident.get("site_id_code", ""),
            "host_unit": ident.get("host_unit", ""),
            "org_names": _text(ident.get("org_names")),
            "area_names": _text(ident.get("area_names")),
            "sub_units": _text(ident.get("sub_units")),
            "columns": "\n".join(cols),
            "external_allow": _text(mapping.get("external_allow")),
            "k5_authorized": mapping.get("k5_authorized", True),
            "delay": limits.get("delay", 1.0),
            "per_host_concurrency": limits.get("per_host_concurrency", 2),
            "timeout": limits.get("timeout", 15.0),
            "max_pages": limits.get("max_pages", 20000),
            "bulletin_issuer": bulletin.get("issuer", ""),
            "bulletin_prefix": bulletin.get("prefix", ""),
        }

    def clean_columns(self) -> list[dict[str, str]]:
        out = []
        for line in _lines(self.cleaned_data.get("columns", "")):
            parts = [p.strip() for p in line.split("|")]
            if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
                raise ValidationError(
                    _("栏目格式应为：栏目名称 | 网址 | 类别：%(l)s") % {"l": line}
                )
            cat = parts[2] if len(parts) == 3 and parts[2] else "other"
            cat = CATEGORY_BY_LABEL.get(cat, cat)
            if cat not in CATEGORY_ZH:
                raise ValidationError(_("未知的栏目类别：%(c)s") % {"c": cat})
            out.append({"name": parts[0], "url": parts[1], "category": cat})
        return out

    def mapping(self, base: dict[str, Any]) -> dict[str, Any]:
        """The site file: ``base`` (the current version) with the form's fields applied, so
        keys the form does not show (a local lexicon, other limits) are kept."""
        d = self.cleaned_data
        data = dict(base)
        starts = _lines(d["start_urls"])
        data.update(
            site_id=d.get("code") or base.get("site_id", ""),
            name=d["name"],
            owner=d["host_unit"],
            start_urls=starts,
            hosts=_lines(d["hosts"]),
            external_allow=_lines(d["external_allow"]),
            k5_authorized=bool(d["k5_authorized"]),
        )
        data["identity"] = {
            **(base.get("identity") or {}),
            "org_names": _lines(d["org_names"]),
            "host_unit": d["host_unit"],
            "site_name": d["site_name"],
            "site_id_code": d["site_id_code"],
            "area_names": _lines(d["area_names"]),
            "sub_units": _lines(d["sub_units"]),
        }
        data["limits"] = {
            **(base.get("limits") or {}),
            "delay": d["delay"],
            "per_host_concurrency": d["per_host_concurrency"],
            "timeout": d["timeout"],
            "max_pages": d["max_pages"],
        }
        data["bulletin"] = {"issuer": d["bulletin_issuer"], "prefix": d["bulletin_prefix"]}
        data["columns"] = d["columns"]
        return data


class TextVersionForm(StyledForm):
    """A TOML text (thresholds or lexicon) and a change note."""

    text = forms.CharField(
        label=_("内容（TOML）"),
        widget=forms.Textarea(attrs={"rows": 28, "class": "font-monospace"}),
    )
    note = forms.CharField(label=_("修改说明"), max_length=200, required=False)


class LexiconForm(TextVersionForm):
    org = forms.ModelChoiceField(queryset=None, label=_("维护单位"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = config_orgs(user)


class GenerateForm(StyledForm):
    site = forms.ModelChoiceField(queryset=None, label=_("网站"))
    month = forms.RegexField(
        label=_("月份"), regex=r"^\d{4}-(0[1-9]|1[0-2])$", help_text=_("YYYY-MM，如 2026-11")
    )

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
