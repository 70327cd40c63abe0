"""Composing 一、主要工作成效 from the records: the outline's points, filled with the parts the
domains registered (``fazhi.core.reportparts``), each ``{CODE}`` evaluated for the report's
organisation subtree and year and kept with the link to its records.

The composed body is plain data (stored on the report, frozen once signed):

    {"year": 2019, "org": 1, "subsections": [
        {"heading": "深入推进依法行政体制机制改革", "points": [
            {"key": "一(二)2", "lead": "探索推进…。", "segments": [
                {"t": "2019年，共办结案件"},
                {"code": "ENF-BUREAU-CASES", "t": "8130起", "value": "8130", "url": "…"}, …]}]}],
     "pending": [{"key": "一(二)1", "modules": ["govservices"]}],
     "empty": [{"key": "…", "module": "…"}]}

A point no domain has written yet is *pending*; a part whose every figure is zero for this
organisation and year is *empty* (the module has no records here) — both are told to the
editor and left out of the text, never printed as zeros. A part without figures (narrative)
is printed only where its module has printed figures.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.urls import reverse

from fazhi.core import indicators, reportparts
from fazhi.core.models import Organisation

from .outline import OUTLINE, SECTION_ONE, SECTION_THREE, SECTION_TWO

CN = "一二三四五六七八九十"


def figure_url(code: str, year: int, org: Organisation | None) -> str:
    url = reverse("web:indicator", args=[code]) + f"?year={year}"
    return url + (f"&org={org.pk}" if org is not None else "")


def fill(template: str, year: int, org: Organisation | None, cache: dict) -> list[dict]:
    """The template as segments: text, and figures with their code, value and link."""
    out: list[dict] = []
    pos = 0
    for m in reportparts.PLACEHOLDER.finditer(template):
        if m.start() > pos:
            out.append({"t": template[pos : m.start()]})
        name = m.group(1)
        if name == "year":
            out.append({"t": str(year)})
        elif name == "last_year":
            out.append({"t": str(year - 1)})
        else:
            if name not in cache:
                fig = indicators.evaluate(name, year=year, org=org)
                cache[name] = {
                    "code": name,
                    "t": fig.text,
                    "value": str(fig.value),
                    "url": figure_url(name, year, org),
                }
            out.append(dict(cache[name]))
        pos = m.end()
    if pos < len(template):
        out.append({"t": template[pos:]})
    return _merge_text(out)


def _merge_text(segments: list[dict]) -> list[dict]:
    out: list[dict] = []
    for s in segments:
        if "code" not in s and out and "code" not in out[-1]:
            out[-1] = {"t": out[-1]["t"] + s["t"]}
        else:
            out.append(s)
    return out


def _zero(seg: dict) -> bool:
    try:
        return float(seg["value"]) == 0
    except (TypeError, ValueError):
        return False


def compose(org: Organisation | None, year: int, templates: dict | None = None) -> dict:
    """一、主要工作成效 of ``org`` (its subtree) for ``year``; ``templates`` overrides the
    registered text of parts, keyed ``(key, module, order)``."""
    with indicators.batch():  # the subtree's organisations asked once for every figure
        return _compose(org, year, templates)


def _compose(org: Organisation | None, year: int, templates: dict | None) -> dict:
    templates = templates or {}
    cache: dict[str, dict] = {}
    filled: list[tuple[Any, Any, reportparts.Part, list[dict]]] = []
    pending, empty = [], []
    printed_modules: set[str] = set()
    for sub in OUTLINE:
        for point in sub.points:
            parts = reportparts.parts(point.key)
            if not parts:
                pending.append({"key": point.key, "modules": list(point.modules)})
            for part in parts:
                text = templates.get((part.key, part.module, part.order), part.template)
                segs = fill(text, year, org, cache)
                figs = [s for s in segs if "code" in s]
                if figs and all(_zero(s) for s in figs):
                    empty.append({"key": point.key, "module": part.module})
                    continue
                if figs:
                    printed_modules.add(part.module)
                filled.append((sub, point, part, segs))
    subsections: list[dict] = []
    for sub in OUTLINE:
        points = []
        for point in sub.points:
            segs: list[dict] = []
            for _sub, p, part, part_segs in filled:
                if p is not point:
                    continue
                has_figs = any("code" in x for x in part_segs)
                if not has_figs and part.module not in printed_modules:
                    empty.append({"key": point.key, "module": part.module})
                    continue
                segs.extend(part_segs)
            if segs:
                points.append({"key": point.key, "lead": point.lead, "segments": _merge_text(segs)})
        if points:
            subsections.append({"heading": sub.heading, "points": points})
    return {
        "year": year,
        "org": org.pk if org else None,
        "subsections": subsections,
        "pending": pending,
        "empty": empty,
    }


def blocks(report) -> list[tuple[str, Any]]:
    """The whole report as a sequence of blocks for every output (page, DOCX, portal):
    ``("title", str)``, ``("para", segments)``, ``("h1", str)``, ``("h2", str)``,
    ``("signature", (signer, date_text))``. Numbers (一、 (一) 1.) are given here, in order of
    what is printed, so a missing module leaves no gap."""
    out: list[tuple[str, Any]] = [("title", report.title)]
    if report.opening.strip():
        out.append(("para", [{"t": report.opening.strip()}]))
    out.append(("h1", f"一、{SECTION_ONE}"))
    for i, sub in enumerate(report.content.get("subsections", [])):
        out.append(("h2", f"（{CN[i]}）{sub['heading']}"))
        numbered = len(sub["points"]) > 1 or sub["points"][0]["lead"]
        for j, point in enumerate(sub["points"], start=1):
            lead = f"{j}.{point['lead']}" if numbered and point["lead"] else ""
            out.append(("para", _merge_text([{"t": lead}, *point["segments"]])))
    out.append(("h1", f"二、{SECTION_TWO}"))
    out.extend(("para", [{"t": p}]) for p in _paragraphs(report.problems))
    out.append(("h1", f"三、{SECTION_THREE}"))
    out.extend(("para", [{"t": p}]) for p in _paragraphs(report.next_steps))
    day = report.approved_on
    date_text = f"{day.year}年{day.month}月{day.day}日" if day else ""
    out.append(("signature", (report.signer, date_text)))
    return out


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").splitlines() if p.strip()]


def plain_text(report) -> str:
    """The report as text, one block a line (what the digest and the diff are taken of)."""
    lines = []
    for kind, value in blocks(report):
        if kind == "para":
            lines.append("".join(s["t"] for s in value))
        elif kind == "signature":
            lines.extend(v for v in value if v)
        else:
            lines.append(value)
    return "\n".join(lines)


def digest(report) -> str:
    """SHA-256 of the text and of every figure's code and exact value."""
    figures = sorted(
        (s["code"], s["value"])
        for sub in report.content.get("subsections", [])
        for p in sub["points"]
        for s in p["segments"]
        if "code" in s
    )
    payload = json.dumps({"text": plain_text(report), "figures": figures}, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
