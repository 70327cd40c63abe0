"""Audit projects, their findings and the rectification of each finding.

The audit body (its 负责人 or 监督人员) registers the project with its report and amounts;
each finding opens a rectification matter for the responsible body under the SJ-1 clock
from the report date; the responsible body records evidence and reports; the audit body
confirms and closes (销号) — never without evidence and a confirmation.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from fazhi.core import clocks, dates, ledger, numbering
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from .. import actions
from .. import states as _states  # noqa: F401  (the tables are set on the models at import)
from ..models import (
    AuditKind,
    AuditProject,
    Evidence,
    Finding,
    FindingCategory,
    Rectification,
)
from ..models import RectificationStatus as R

AUDITORS = (Role.SUPERVISOR, Role.LEADER)
STAFF = (Role.CLERK, Role.LEADER)
RULE = "SJ-1"


def _amount(value, label) -> Decimal:
    try:
        v = Decimal(str(value))
    except Exception as exc:
        raise ValidationError(_("%(l)s应为金额。") % {"l": label}) from exc
    if v < 0:
        raise ValidationError(_("%(l)s不能为负数。") % {"l": label})
    return v.quantize(Decimal("0.01"))


def project_create(
    *,
    actor: Actor,
    org: Organisation,
    name: str,
    kind: str,
    audited_name: str,
    started_on: dt.date,
    reported_on: dt.date | None = None,
    audited: Organisation | None = None,
    period: str = "",
    submitted_amount=0,
    approved_amount=0,
    recovered_amount=0,
    prefix: str = "",
) -> AuditProject:
    """登记审计项目 of the audit body ``org``; with a report date it takes the body's next
    report number. 审减 = 送审金额 − 审定金额 (project audits only)."""
    require_role(actor, *AUDITORS, org=org, message=_("只有审计机关可以登记审计项目。"))
    if kind not in AuditKind.values:
        raise ValidationError(_("请选择审计类型。"))
    if not name.strip() or not audited_name.strip():
        raise ValidationError(_("请填写项目名称和被审计单位。"))
    start = dates.check_new(_("进点日期"), started_on)
    if reported_on is not None:
        dates.check_new(_("审计报告日期"), reported_on, (_("进点日期"), start))
    sub = _amount(submitted_amount, _("送审金额"))
    app = _amount(approved_amount, _("审定金额"))
    if app > sub:
        raise ValidationError(_("审定金额不能大于送审金额。"))
    with transaction.atomic():
        p = AuditProject.objects.create(
            org=org,
            name=name.strip(),
            kind=kind,
            audited=audited,
            audited_name=audited_name.strip(),
            period=period.strip(),
            started_on=start,
            reported_on=reported_on,
            submitted_amount=sub,
            approved_amount=app,
            cut_amount=sub - app,
            recovered_amount=_amount(recovered_amount, _("追缴及归还资金")),
        )
        if reported_on is not None:
            series = numbering.series_get_or_create(
                actor=actor,
                org=org,
                kind="audit-report",
                year=reported_on.year,
                prefix=prefix or f"{org.short_name or org.name}审报",
            )
            p.number = numbering.issue(actor=actor, series=series, subject=p).text
            p.save(update_fields=["number"])
        ledger.record(
            actor=actor,
            action=actions.PROJECT_CREATE,
            subject=p,
            org=org,
            data={"kind": kind, "audited": p.audited_name, "cut": p.cut_amount},
        )
    return p


def finding_add(
    *,
    actor: Actor,
    project: AuditProject,
    category: str,
    description: str,
    basis: str,
    responsible: Organisation,
    amount=0,
) -> Rectification:
    """A finding of the report, and its rectification by ``responsible`` under the SJ-1
    clock from the report date."""
    require_role(actor, *AUDITORS, obj=project, message=_("只有审计机关可以登记审计发现问题。"))
    if project.reported_on is None:
        raise ValidationError(_("请先登记审计报告日期，再登记发现的问题。"))
    if category not in FindingCategory.values:
        raise ValidationError(_("请选择问题类别。"))
    if not description.strip() or not basis.strip():
        raise ValidationError(_("请填写问题描述和定性依据。"))
    with transaction.atomic():
        locked = AuditProject.objects.select_for_update().get(pk=project.pk)
        seq = (locked.findings.aggregate(m=Max("seq"))["m"] or 0) + 1
        try:
            with transaction.atomic():
                f = Finding.objects.create(
                    project=locked,
                    seq=seq,
                    category=category,
                    description=description.strip(),
                    amount=_amount(amount, _("涉及金额")),
                    basis=basis.strip(),
                )
        except IntegrityError as exc:
            raise ValidationError(_("该问题序号已被占用，请重试。")) from exc
        rect = Rectification.objects.create(
            org=responsible,
            number=f"{locked.number}-{seq}",
            title=description.strip()[:300],
            status=R.RECTIFYING,
            received_on=locked.reported_on,
            finding=f,
        )
        ledger.record(
            actor=actor,
            action=actions.FINDING_ADD,
            subject=rect,
            also=[locked],
            data={"seq": seq, "category": category, "amount": f.amount},
        )
        clocks.start(
            actor=actor, subject=rect, rule_code=RULE, on=locked.reported_on, label=_("整改期限")
        )
    return rect


def evidence_add(
    *, actor: Actor, rectification: Rectification, description: str, dated_on: dt.date
) -> Evidence:
    """整改佐证材料 of the responsible body."""
    require_role(actor, *STAFF, obj=rectification, message=_("只有整改责任单位可以登记佐证材料。"))
    if rectification.status == R.CLOSED:
        raise ValidationError(_("该问题已销号。"))
    if not description.strip():
        raise ValidationError(_("请填写材料名称。"))
    on = dates.check_new(_("材料日期"), dated_on, (_("审计报告日期"), rectification.received_on))
    with transaction.atomic():
        ev = Evidence.objects.create(
            rectification=rectification, description=description.strip(), dated_on=on
        )
        ledger.record(
            actor=actor,
            action=actions.EVIDENCE_ADD,
            subject=rectification,
            data={"evidence": ev.pk, "description": ev.description, "on": on},
        )
    return ev


def rectification_submit(
    *,
    actor: Actor,
    rectification: Rectification,
    measures: str,
    on: dt.date,
    recovered_amount=0,
    version: int | None = None,
) -> Rectification:
    require_role(actor, *STAFF, obj=rectification)
    amount = _amount(recovered_amount, _("整改金额"))

    def apply(r):
        r.measures = measures.strip()
        r.recovered_amount = amount

    return transition(
        actor=actor,
        matter=rectification,
        to=R.SUBMITTED,
        version=version,
        data={"measures": measures.strip(), "amount": amount},
        apply=apply,
        on=on,
    )


def rectification_close(
    *,
    actor: Actor,
    rectification: Rectification,
    confirmation: str,
    on: dt.date,
    version: int | None = None,
) -> Rectification:
    """销号 by the audit body, with its confirmation; the clock stops."""
    require_role(actor, Role.SUPERVISOR, obj=rectification, message=_("只有审计机关可以确认销号。"))

    def apply(r):
        r.confirmation = confirmation.strip()

    return transition(
        actor=actor,
        matter=rectification,
        to=R.CLOSED,
        version=version,
        data={"confirmation": confirmation.strip()},
        apply=apply,
        on=on,
    )


def rectification_return(
    *,
    actor: Actor,
    rectification: Rectification,
    reason: str,
    on: dt.date,
    version: int | None = None,
) -> Rectification:
    require_role(actor, Role.SUPERVISOR, obj=rectification)
    return transition(
        actor=actor,
        matter=rectification,
        to=R.RECTIFYING,
        reason=reason,
        version=version,
        on=on,
    )
