"""docs/states.md: every matter's state diagram, generated from its transition table."""

from __future__ import annotations

from django.apps import apps

from .models import Matter
from .workflow import mermaid

HEADER = """# State diagrams

Generated from each matter's transition table (`states.py`) by `fazhi docs`; do not edit by
hand — a test fails when this file and the tables disagree.
"""


def matter_models() -> list:
    return sorted(
        (m for m in apps.get_models() if issubclass(m, Matter) and m.TRANSITIONS),
        key=lambda m: m._meta.label,
    )


def render() -> str:
    from django.utils import translation

    with translation.override("zh-hans"):
        return _render()


def _render() -> str:
    parts = [HEADER]
    for model in matter_models():
        parts.append(
            f"\n## {model._meta.verbose_name}（`{model._meta.label}`）\n\n"
            f"```mermaid\n{mermaid(model)}```\n"
        )
    return "".join(parts)
