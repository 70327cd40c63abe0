"""Template filters for the monitor's pages."""

from django import template
from django.utils.translation import gettext_lazy as _

from ..engine.checks.freshness import CATEGORY_ZH
from ..engine.findings import RULES

register = template.Library()

SEVERITY = {"high": _("高"), "medium": _("中"), "low": _("低"), "info": _("提示")}
SEVERITY_CSS = {"high": "danger", "medium": "warning", "low": "secondary", "info": "light"}
STATUS_CSS = {"触发": "danger", "预警": "warning", "OK": "success", "未检测": "secondary"}


@register.filter
def severity_zh(code: str) -> str:
    return str(SEVERITY.get(code, code))


@register.filter
def severity_css(code: str) -> str:
    return SEVERITY_CSS.get(code, "secondary")


@register.filter
def veto_css(status: str) -> str:
    return STATUS_CSS.get(status, "secondary")


@register.filter
def rule_label(rule_id: str) -> str:
    return RULES.get(rule_id, (rule_id, ""))[0]


@register.filter
def category_zh(code: str) -> str:
    return CATEGORY_ZH.get(code, code)


@register.filter
def percent(value) -> str:
    return "—" if value is None else f"{float(value):.1%}"


@register.filter
def lookup(mapping, key):
    """``mapping[key]`` or None."""
    return mapping.get(key) if hasattr(mapping, "get") else None
