"""Reads of the annual report. Staff reads go through ``scoping``; the portal reads only the
published editions, their words redacted (``core.redaction``) and figures without links."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import redaction

from . import compose
from .models import AnnualReport
from .models import ReportStatus as S


def public_reports() -> QuerySet[AnnualReport]:
    return (
        AnnualReport.objects.filter(status=S.PUBLISHED)
        .select_related("org")
        .order_by("-year", "org__name", "-edition")
    )


def public_blocks(report: AnnualReport) -> list[tuple[str, object]]:
    """The published text, every piece of it through the redaction (a name or number a
    drafter typed into the narrative never reaches the portal)."""
    out: list[tuple[str, object]] = []
    for kind, value in compose.blocks(report):
        if kind == "para":
            text = redaction.redact_text("".join(s["t"] for s in value))
            out.append((kind, [{"t": text}]))
        elif kind == "signature":
            out.append((kind, tuple(redaction.redact_text(v) for v in value)))
        else:
            out.append((kind, redaction.redact_text(value)))
    return out
