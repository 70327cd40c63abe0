"""What each domain writes into the annual rule-of-law government report (法治政府建设年度报告).

The report module (``fazhi.reports``) owns the report's outline — the seed's sections 一、
(一)…(七) and their numbered points with their lead sentences — and never imports a domain.
A domain declares the sentences it contributes to a point, from its ``AppConfig.ready()``:

    from fazhi.core import reportparts

    reportparts.register(
        reportparts.Part(
            key="一(二)2",  # the point of the outline (reports/outline.py)
            module="enforcement",
            template="{year}年，共办结案件{ENF-BUREAU-CASES}、罚款{ENF-BUREAU-FINES}。",
        )
    )

A template is text with placeholders: ``{year}`` (the report's year), ``{last_year}`` (the
year before, for a sentence comparing with it: 在2018年减少…基础上) and ``{CODE}``, a
registered indicator (``fazhi.core.indicators``), written in the indicator's own format (8130起,
259万余元, 97.50%) and linked to its records. A template naming an unknown indicator is
refused when it is registered (or saved by the office). Several parts may share a point
(一(六)1 draws on suggestions, the hotline and audit); ``order`` puts them in sequence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import indicators

#: ``{year}``, ``{last_year}`` or ``{CODE}`` (an indicator code: capitals, digits and hyphens)
PLACEHOLDER = re.compile(r"\{(year|last_year|[A-Z][A-Z0-9-]*)\}")
YEARS = ("year", "last_year")


@dataclass(frozen=True)
class Part:
    key: str  # the outline's point, e.g. "一(五)1"
    module: str  # the contributing domain, e.g. "enforcement"
    template: str
    order: int = 100


_parts: dict[tuple[str, str, int], Part] = {}


def codes_in(template: str) -> list[str]:
    """The indicator codes a template names, in order of appearance (no repeats)."""
    return list(dict.fromkeys(m for m in PLACEHOLDER.findall(template) if m not in YEARS))


def template_problem(template: str) -> str:
    """What is wrong with a template ('' when nothing): unknown indicators, stray braces."""
    unknown = [c for c in codes_in(template) if c not in indicators.REGISTRY]
    if unknown:
        return _("模板引用了未登记的指标：%(codes)s（fazhi indicators list 列出全部指标）。") % {
            "codes": "、".join(unknown)
        }
    rest = PLACEHOLDER.sub("", template)
    if "{" in rest or "}" in rest:
        return _("模板中的花括号只能用于 {year}、{last_year} 或 {指标代码}。")
    return ""


def register(part: Part) -> Part:
    """Declare a domain's contribution; refused (ValueError) when the template is wrong, so
    a domain that names an indicator it has not registered fails at start-up."""
    problem = template_problem(part.template)
    if problem:
        raise ValueError(f"{part.module} {part.key}: {problem}")
    _parts[(part.key, part.module, part.order)] = part
    return part


def parts(key: str | None = None) -> list[Part]:
    """Registered parts (of one point), in order."""
    out = [p for p in _parts.values() if key is None or p.key == key]
    return sorted(out, key=lambda p: (p.key, p.order, p.module))


def modules() -> set[str]:
    return {p.module for p in _parts.values()}
