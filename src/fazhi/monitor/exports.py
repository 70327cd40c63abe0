"""The monitor's register in the kernel's data-exchange registry: the findings list
(export-only). The page downloads its filtered findings; ``fazhi export monitor-findings``
every finding the actor may see. The monthly bulletin's workbook (``excel.py``) is a report,
not a register, but writes through the same safe writer."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dataexchange import registry
from fazhi.core.dataexchange.registry import Column, Kind, Register
from fazhi.core.dataexchange.resolver import Resolver
from fazhi.core.dataexchange.values import label

from .engine.findings import SEVERITY_ZH
from .models import Finding, FindingStatus

EXPORT_LIMIT = 50_000


def _records(*, actor, org=None, year=None):
    qs = Resolver(actor, org).scoped(Finding.objects.select_related("site", "run"))
    if year:
        qs = qs.filter(run__month__startswith=f"{year}-")
    return qs.order_by("-id")[:EXPORT_LIMIT]


FINDINGS = Register(
    name="monitor-findings",
    title=gettext_lazy("网站监测问题"),
    model=Finding,
    columns=tuple(
        Column(h, k, kind=kind)
        for h, k, kind in (
            (gettext_lazy("网站"), "site", Kind.CODE),
            (gettext_lazy("月份"), "month", Kind.CODE),
            (gettext_lazy("规则"), "rule_id", Kind.CODE),
            (gettext_lazy("指标"), "indicator", Kind.TEXT),
            (gettext_lazy("严重度"), "severity", Kind.CHOICE),
            (gettext_lazy("网址"), "url", Kind.TEXT),
            (gettext_lazy("证据"), "evidence", Kind.TEXT),
            (gettext_lazy("需人工确认"), "needs_confirmation", Kind.TEXT),
            (gettext_lazy("处理状态"), "status", Kind.CHOICE),
            (gettext_lazy("处理说明"), "decision_note", Kind.TEXT),
        )
    ),
    row_of=lambda f: [
        f.site.code,
        f.run.month,
        f.rule_id,
        f.indicator,
        SEVERITY_ZH[f.severity],
        f.url,
        f.evidence,
        _("是") if f.needs_confirmation else "",
        label(FindingStatus, f.status),
        f.decision_note,
    ],
    records=_records,
)


def register() -> None:
    registry.register(FINDINGS)
