"""The numbered roll-up report (审计查出问题整改情况汇总) an audit body issues for the report
to the People's Congress standing committee: the year's figures per kind of audit and the
open findings by age, frozen on the day issued, with the body's next number."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import dates, ledger, numbering
from fazhi.core.actions import register
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation
from fazhi.core.scoping import require_role

from .. import queries
from ..models import AuditProject, Rectification, RollupReport
from .projects import AUDITORS

ROLLUP_ISSUE = register("audit.rollup.issue", gettext_lazy("印发审计整改情况汇总报告"))


def _plain(rows: list[dict]) -> list[dict]:
    """Frozen as JSON: amounts to two decimals (SQLite's SUM drops them), labels as text."""

    def cell(v):
        if isinstance(v, Decimal):
            return f"{v:.2f}"
        return v if isinstance(v, int | str) else str(v)

    return [{k: cell(v) for k, v in r.items()} for r in rows]


def rollup_issue(*, actor: Actor, org: Organisation, year: int, on: dt.date) -> RollupReport:
    """Issue ``org``'s roll-up of ``year`` (its own projects and the findings they raised),
    numbered 〔year〕n in the body's series, after the year has ended."""
    require_role(actor, *AUDITORS, org=org, message=_("只有审计机关可以印发审计整改情况汇总报告。"))
    day = dates.check_new(_("印发日期"), on)
    if day.year <= int(year):
        raise ValidationError(_("%(y)s年度的汇总报告应在该年度结束后印发。") % {"y": year})
    projects = AuditProject.objects.filter(org=org)
    with translation.override(settings.LANGUAGE_CODE):  # the document's words are Chinese
        rows = queries.rollup_of(projects, int(year))
        ageing = queries.ageing_of(Rectification.objects.filter(finding__project__org=org), day)
    if not rows:
        raise ValidationError(_("本机关%(y)s年度没有出具报告的审计项目。") % {"y": year})
    with transaction.atomic():
        series = numbering.series_get_or_create(
            actor=actor,
            org=org,
            kind="audit-rollup",
            year=day.year,
            prefix=f"{org.short_name or org.name}整改报",
        )
        rep = RollupReport.objects.create(
            org=org,
            year=int(year),
            number="",
            issued_on=day,
            rows=_plain(rows),
            ageing=_plain(ageing),
        )
        rep.number = numbering.issue(actor=actor, series=series, subject=rep).text
        rep.save(update_fields=["number"])
        ledger.record(
            actor=actor,
            action=ROLLUP_ISSUE,
            subject=rep,
            org=org,
            data={"year": int(year), "on": day, "number": rep.number},
        )
    return rep
