"""Every write on an enforcement case from the decision on: the numbered decision, its
service, payment (with the party's payment period), the reminder and court application,
closing and archiving. Execution beyond a plain payment (deferral, instalments) is in
``execution.py``; publicity in ``publicity.py``.

As in ``cases.py``: the role first (``require_role``), then the business dates (never in the
future, never before the step they follow), one transaction, ledger events carrying the
decision's state (``also=[decision]``) so ``fazhi ledger verify --state`` can prove it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, clocks, dates, ledger, numbering
from fazhi.core import rules as core_rules
from fazhi.core.calendar import get_calendar
from fazhi.core.ledger import Actor
from fazhi.core.models import Role
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from .. import actions, rules
from ..models import (
    Case,
    CaseStatus,
    CourtApplication,
    Decision,
    DiscretionBand,
    Outcome,
    Payment,
    PaymentKind,
)

S = CaseStatus
OFFICER, LEADER, CLERK = Role.OFFICER, Role.LEADER, Role.CLERK


def _decision_number(actor: Actor, case: Case, on: dt.date) -> str:
    series = numbering.series_get_or_create(
        actor=actor,
        org=case.body.org,
        kind="enf-decision",
        year=on.year,
        prefix=case.body.doc_prefix or "芙执罚决",
    )
    return numbering.issue(actor=actor, series=series, subject=case).text


def decide(
    *,
    actor: Actor,
    case: Case,
    on: dt.date,
    outcome: str,
    basis: str,
    fine: Decimal = Decimal(0),
    band: DiscretionBand | None = None,
    kinds: list[str] | None = None,
    confiscated: Decimal = Decimal(0),
    version: int | None = None,
) -> Decision:
    """作出决定: a numbered decision document in the body's series of the decision's year;
    the amount must lie within the band. The leader decides; on the spot (summary procedure)
    the certified officer does. The decision clock stops; a decision that must be published
    starts the publicity clock (SZ-1)."""
    roles = (OFFICER,) if case.status == S.CLUE else (LEADER,)
    require_role(actor, *roles, obj=case, message=_("只有有权作出决定的人员可以作出处罚决定。"))
    if outcome not in (Outcome.PENALTY, Outcome.NO_PENALTY, Outcome.FIRST_OFFENCE):
        raise ValidationError(_("处理结果应为给予处罚、不予处罚或首违不罚。"))
    if not basis.strip():
        raise ValidationError(_("请写明决定所依据的法律条款。"))
    fine = Decimal(fine or 0)
    if outcome != Outcome.PENALTY and fine:
        raise ValidationError(_("不予处罚的决定不能有罚款。"))
    problem = rules.fine_problem(case, fine, band)
    if problem:
        raise ValidationError(problem)

    def apply(c):
        c.outcome = outcome

    with transaction.atomic():
        case = transition(
            actor=actor,
            matter=case,
            to=S.DECIDED,
            version=version,
            apply=apply,
            data={"fine": fine},
            on=on,
        )
        d = Decision(
            case=case,
            decided_on=on,
            outcome=outcome,
            kinds=kinds or [],
            fine=fine,
            confiscated=confiscated,
            basis=basis.strip(),
            band=band,
        )
        d.number = _decision_number(actor, case, on)
        d.save()
        for c in clocks.for_subject(case).filter(stopped_on__isnull=True):
            clocks.stop(actor=actor, clock=c, on=on)
        if rules.must_publish(case, outcome):
            clocks.start(
                actor=actor,
                subject=case,
                rule_code=rules.PUBLICITY,
                on=on,
                label=_("执法决定公示期限"),
            )
        ledger.record(
            actor=actor,
            action=actions.DECISION,
            subject=case,
            also=[d],
            data={
                "number": d.number,
                "outcome": outcome,
                "fine": fine,
                "band": band.code if band else "",
                "kinds": d.kinds,
                "on": on,
            },
        )
    return d


def serve(
    *, actor: Actor, case: Case, on: dt.date, method: str, version: int | None = None
) -> Case:
    """送达 (not before the decision); the party's payment period (CF-11) starts when a fine
    or a confiscation is due."""
    require_role(
        actor,
        OFFICER,
        CLERK,
        obj=case,
        message=_("只有本执法主体的执法人员或窗口人员可以登记送达。"),
    )
    if not method.strip():
        raise ValidationError(_("请填写送达方式（直接送达、留置送达、邮寄送达、电子送达等）。"))
    with transaction.atomic():
        d = Decision.objects.select_for_update().filter(case=case).first()
        if d is None:
            raise ValidationError(_("本案尚未作出决定，不能登记送达。"))
        dates.check(case, "served", on)
        d.served_on, d.service_method = on, method.strip()
        d.save(update_fields=["served_on", "service_method"])
        case = transition(actor=actor, matter=case, to=S.SERVED, version=version, on=on)
        if d.fine + d.confiscated > 0:
            clocks.start(
                actor=actor,
                subject=case,
                rule_code=rules.PAYMENT,
                on=on,
                label=_("当事人缴纳罚款期限"),
                party=True,
            )
        ledger.record(
            actor=actor,
            action=actions.SERVICE,
            subject=case,
            also=[d],
            data={"on": on, "method": d.service_method},
        )
    return case


def pay(
    *,
    actor: Actor,
    case: Case,
    on: dt.date,
    amount: Decimal,
    receipt: str = "",
    kind: str = PaymentKind.FINE,
) -> Payment:
    """缴纳: never more than what is still owed, never dated before the decision; a second
    payment on a paid decision is refused."""
    require_role(
        actor,
        OFFICER,
        CLERK,
        LEADER,
        obj=case,
        message=_("只有本执法主体的工作人员可以登记缴款。"),
    )
    amount = Decimal(amount)
    if amount <= 0:
        raise ValidationError(_("缴纳金额应大于零。"))
    with transaction.atomic():
        d = Decision.objects.select_for_update().filter(case=case).first()
        if d is None:
            raise ValidationError(_("本案尚未作出决定，不能登记缴款。"))
        dates.check_new(_("缴纳日期"), on, (_("决定日期"), d.decided_on))
        owed = d.fine + d.confiscated + rules.late_surcharge(d, on) - rules.paid(d)
        if owed <= 0:
            raise ValidationError(
                _("决定书 %(n)s 的罚没款已缴清，不能重复缴纳。") % {"n": d.number}
            )
        if amount > owed:
            raise ValidationError(
                _("缴纳金额 %(a)s 元超过尚欠的 %(o)s 元。")
                % {"a": f"{amount:.2f}", "o": f"{owed:.2f}"}
            )
        p = Payment.objects.create(
            decision=d, paid_on=on, amount=amount, kind=kind, receipt=receipt
        )
        ledger.record(
            actor=actor,
            action=actions.PAYMENT,
            subject=case,
            also=[d],
            data={"amount": amount, "on": on, "receipt": receipt},
        )
        if rules.paid(d) >= d.fine + d.confiscated:
            for c in clocks.for_subject(case).filter(
                rule__code=rules.PAYMENT, stopped_on__isnull=True
            ):
                clocks.stop(actor=actor, clock=c, on=max(on, c.started_on))
    return p


def execute(
    *, actor: Actor, case: Case, on: dt.date | None = None, version: int | None = None
) -> Case:
    """进入执行: the party has not paid within the period (or asked for a deferral)."""
    require_role(
        actor, OFFICER, CLERK, obj=case, message=_("只有本执法主体的执法人员或窗口人员可以办理。")
    )
    return transition(
        actor=actor, matter=case, to=S.EXECUTING, version=version, on=on or clock.today()
    )


def court_apply(
    *,
    actor: Actor,
    case: Case,
    reminded_on: dt.date,
    applied_on: dt.date | None = None,
    court: str = "",
) -> CourtApplication:
    """催告, then application to the court for compulsory execution (行政强制法 Art.53–54):
    only for a case in execution; the application may not come before the reminder's waiting
    period (QZ-2, ten working days after the reminder) has run."""
    require_role(
        actor,
        OFFICER,
        LEADER,
        obj=case,
        message=_("只有本执法主体的执法人员或负责人可以催告和申请强制执行。"),
    )
    with transaction.atomic():
        c = Case.objects.select_for_update().get(pk=case.pk)
        if c.status != S.EXECUTING:
            raise ValidationError(_("只有进入执行阶段的案件可以催告和申请人民法院强制执行。"))
        d = Decision.objects.get(case=c)
        dates.check_new(_("催告日期"), reminded_on, (_("送达日期"), d.served_on))
        if applied_on is not None:
            dates.check_new(_("申请强制执行日期"), applied_on, (_("催告日期"), reminded_on))
            if not court.strip():
                raise ValidationError(_("请填写受理申请的人民法院。"))
            wait = core_rules.compute(get_calendar(), rules.COURT_WAIT, reminded_on).due.due
            if applied_on < wait:
                raise ValidationError(
                    _("催告书送达十日后当事人仍未履行的，才可以申请强制执行：%(d)s 以后才能申请。")
                    % {"d": wait.isoformat()}
                )
        app = CourtApplication.objects.create(
            decision=d, reminded_on=reminded_on, applied_on=applied_on, court=court.strip()
        )
        ledger.record(
            actor=actor,
            action=actions.COURT,
            subject=c,
            data={"reminded_on": reminded_on, "applied_on": applied_on, "court": court},
        )
    return app


def close(*, actor: Actor, case: Case, on: dt.date, version: int | None = None) -> Case:
    """结案: the kernel stops the case's clocks, except the duty to publish (SZ-1)."""
    roles = (LEADER,) if case.status == S.EXECUTING else (OFFICER, LEADER)
    require_role(actor, *roles, obj=case, message=_("只有本案的执法人员或负责人可以结案。"))
    return transition(actor=actor, matter=case, to=S.CLOSED, version=version, on=on)


def archive(*, actor: Actor, case: Case, on: dt.date, version: int | None = None) -> Case:
    """归档 (not before the case was closed)."""
    require_role(
        actor, OFFICER, CLERK, obj=case, message=_("只有本执法主体的执法人员或窗口人员可以归档。")
    )
    return transition(actor=actor, matter=case, to=S.ARCHIVED, version=version, on=on)
