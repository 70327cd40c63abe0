"""The annual report's writes: generate (or regenerate) the table from the records, and
publish — after which it is frozen. The deadline is a clock: GK-8 (departments, 31 January)
or GK-9 (the government itself, 31 March), started on 31 December of the report year."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clock, clocks, dates, ledger
from fazhi.core.actions import register
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role
from fazhi.core.scoping import require_role

from . import annual, rules
from .models import AnnualReport, ReportKind

REPORT_GENERATE = register("opengov.report.generate", gettext_lazy("生成政府信息公开工作年度报告"))
REPORT_PUBLISH = register("opengov.report.publish", gettext_lazy("公布政府信息公开工作年度报告"))
STAFF = (Role.CLERK, Role.LEADER)


def report_generate(
    *, actor: Actor, org: Organisation, year: int, kind: str, on: dt.date | None = None
) -> AnnualReport:
    require_role(
        actor, *STAFF, org=org, message=_("只有本机关的政府信息公开工作人员可以生成年度报告。")
    )
    if kind not in ReportKind.values:
        raise ValidationError(_("请选择报告类型。"))
    day = dates.check_new(_("生成日期"), on or clock.today())
    if day <= dt.date(year, 12, 31):
        raise ValidationError(_("%(y)s年度报告须在该年度结束后生成。") % {"y": year})
    with transaction.atomic():
        rep = AnnualReport.objects.select_for_update().filter(org=org, year=year).first()
        if rep is not None and rep.published_on:
            raise ValidationError(
                _("该年度报告已于%(d)s公布，不能重新生成。") % {"d": dates.fmt(rep.published_on)}
            )
        table = annual.build(org, year)
        if rep is None:
            rep = AnnualReport.objects.create(
                org=org, year=year, kind=kind, table=table, generated_on=day
            )
            code = (
                rules.ANNUAL_DEPARTMENT
                if kind == ReportKind.DEPARTMENT
                else rules.ANNUAL_GOVERNMENT
            )
            clocks.start(
                actor=actor,
                subject=rep,
                rule_code=code,
                on=dt.date(year, 12, 31),
                label=_("年度报告公布期限"),
            )
        else:
            rep.table, rep.kind, rep.generated_on = table, kind, day
            rep.save(update_fields=["table", "kind", "generated_on"])
        ledger.record(
            actor=actor,
            action=REPORT_GENERATE,
            subject=rep,
            org=org,
            data={"year": year, "kind": kind, "on": day},
        )
    return rep


def report_publish(*, actor: Actor, report: AnnualReport, on: dt.date) -> AnnualReport:
    """公布: the table is frozen; the deadline clock stops."""
    require_role(actor, Role.LEADER, obj=report, message=_("年度报告须经本机关负责人批准公布。"))
    day = dates.check_new(_("公布日期"), on, (_("生成日期"), report.generated_on))
    with transaction.atomic():
        rep = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if rep.published_on:
            raise ValidationError(_("该年度报告已公布。"))
        rep.published_on = day
        rep.save(update_fields=["published_on"])
        for c in clocks.for_subject(rep).filter(stopped_on__isnull=True):
            clocks.stop(actor=actor, clock=c, on=day)
        ledger.record(
            actor=actor, action=REPORT_PUBLISH, subject=rep, org=rep.org, data={"on": day}
        )
    report.published_on = day
    return rep
