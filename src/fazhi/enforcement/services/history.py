"""Past cases (历史案件): cases closed before the platform, entered from the body's own records.

A past case is not walked through the workflow again — its steps happened elsewhere and their
papers are in the paper file. It is recorded as what it is: a closed (or archived) case with its
decision, service and payments as the body's records give them, one ledger event holding every
value entered, marked as imported. It then counts in the indicators like any other case closed
that year (``indicators.closed_cases``), which is the point: a district that starts using
fazhi in the middle of a year still reports the whole year.

The checks are the ones a case carries live, less the ones that need the steps (officers,
review, clocks): the party's identifiers (GB 11643 / GB 32100), the item belongs to the body
and field, the dates run in order and none lies in the future, the decision number is unused,
a fine is not negative and payments do not exceed it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clock, ledger, unique
from fazhi.core.actions import register
from fazhi.core.ledger import Actor
from fazhi.core.models import Role
from fazhi.core.scoping import require_role

from ..models import (
    Case,
    CaseStatus,
    Decision,
    EnforcementBody,
    EnforcementField,
    EnforcementItem,
    Outcome,
    Payment,
    PaymentKind,
    Procedure,
    Source,
)
from .cases import party_problems

CASE_IMPORT = register("enf.case.import", gettext_lazy("导入历史案件"))


def _order_problems(dates: list[tuple[str, dt.date | None]]) -> list[tuple[str, str]]:
    """(field, message) for each date earlier than the one before it, or in the future."""
    problems = []
    today = clock.today()
    previous: tuple[str, dt.date] | None = None
    for key, day in dates:
        if day is None:
            continue
        if day > today:
            problems.append((key, _("日期 %(d)s 晚于今天。") % {"d": day.isoformat()}))
        if previous and day < previous[1]:
            problems.append(
                (
                    key,
                    _("日期 %(d)s 早于%(what)s %(p)s。")
                    % {"d": day.isoformat(), "what": previous[0], "p": previous[1].isoformat()},
                )
            )
        previous = (_DATE_NAMES.get(key, key), day)
    return problems


_DATE_NAMES = {
    "received_on": gettext_lazy("收到日期"),
    "registered_on": gettext_lazy("立案日期"),
    "decided_on": gettext_lazy("决定日期"),
    "served_on": gettext_lazy("送达日期"),
    "paid_on": gettext_lazy("缴纳日期"),
    "closed_on": gettext_lazy("结案日期"),
    "archived_on": gettext_lazy("归档日期"),
}


def case_import_closed(
    *,
    actor: Actor,
    body: EnforcementBody,
    number: str,
    field: EnforcementField,
    source: str,
    procedure: str,
    party_kind: str,
    party_name: str,
    received_on: dt.date,
    closed_on: dt.date,
    outcome: str,
    item: EnforcementItem | None = None,
    party_id_number: str = "",
    party_credit_code: str = "",
    party_address: str = "",
    facts: str = "",
    registered_on: dt.date | None = None,
    decision_number: str = "",
    decided_on: dt.date | None = None,
    fine: Decimal = Decimal("0"),
    confiscated: Decimal = Decimal("0"),
    basis: str = "",
    served_on: dt.date | None = None,
    paid: Decimal = Decimal("0"),
    paid_on: dt.date | None = None,
    archived_on: dt.date | None = None,
) -> Case:
    """Record one case closed before the platform (module docstring). Errors are raised as a
    ValidationError keyed by field, so an import can name the column."""
    require_role(
        actor,
        Role.LEADER,
        Role.ADMIN,
        org=body.org,
        message=_("只有本执法主体负责人或系统管理员可以导入历史案件。"),
    )
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    number = number.strip()
    decision_number = decision_number.strip()
    if not number:
        add("number", _("请填写案件编号。"))
    elif Case.objects.filter(body=body, number=number).exists():
        add("number", _("案件编号 %(n)s 已经存在。") % {"n": number})
    for key, message in party_problems(
        party_kind, party_name, party_id_number, party_credit_code
    ).items():
        add(key, message)
    if source not in Source.values:
        add("source", _("请选择案件来源。"))
    if procedure not in Procedure.values:
        add("procedure", _("程序类型不正确。"))
    if outcome not in Outcome.values:
        add("outcome", _("处理结果不正确。"))
    if not body.fields.filter(pk=field.pk).exists():
        add("field", _("%(b)s 不具有“%(f)s”领域的执法权。") % {"b": body, "f": field})
    if item is not None and (item.body_id != body.pk or item.field_id != field.pk):
        add("item", _("执法事项与执法主体或领域不符。"))
    decided = outcome in (Outcome.PENALTY, Outcome.NO_PENALTY, Outcome.FIRST_OFFENCE)
    if decided:
        if not decision_number:
            add("decision_number", _("作出决定的案件须填写决定书文号。"))
        elif Decision.objects.filter(number=decision_number).exists():
            add("decision_number", _("决定书文号 %(n)s 已经存在。") % {"n": decision_number})
        if decided_on is None:
            add("decided_on", _("作出决定的案件须填写决定日期。"))
        if not basis.strip():
            add("basis", _("请填写处罚（处理）依据。"))
    elif decision_number or fine or paid:
        add("outcome", _("不予立案或撤销立案的案件没有决定书、罚款或缴款。"))
    if fine < 0 or confiscated < 0 or paid < 0:
        add("fine", _("金额不能为负数。"))
    if outcome != Outcome.PENALTY and fine:
        add("fine", _("不予处罚的案件不能有罚款。"))
    if paid > fine:
        add("paid", _("缴纳金额 %(p)s 元超过罚款 %(f)s 元。") % {"p": paid, "f": fine})
    if paid and paid_on is None:
        add("paid_on", _("请填写缴纳日期。"))
    dates = [
        ("received_on", received_on),
        ("registered_on", registered_on),
        ("decided_on", decided_on),
        ("served_on", served_on),
        ("paid_on", paid_on),
        ("closed_on", closed_on),
        ("archived_on", archived_on),
    ]
    for key, message in _order_problems(dates):
        add(key, message)
    if errors:
        raise ValidationError(errors)

    status = (
        CaseStatus.DROPPED
        if not decided
        else CaseStatus.ARCHIVED
        if archived_on
        else CaseStatus.CLOSED
    )
    with unique.conflict_as(
        {"decision_number": _("决定书文号 %(n)s 已经存在。") % {"n": decision_number}}
    ):
        # the body row is the lock: the same file imported twice at once finds the first copy
        EnforcementBody.objects.select_for_update().get(pk=body.pk)
        if Case.objects.filter(body=body, number=number).exists():
            raise ValidationError({"number": _("案件编号 %(n)s 已经存在。") % {"n": number}})
        case = Case.objects.create(
            org=body.org,
            body=body,
            field=field,
            item=item,
            number=number,
            title=_("%(p)s涉嫌违法案") % {"p": party_name.strip()},
            source=source,
            procedure=procedure,
            party_kind=party_kind,
            party_name=party_name.strip(),
            party_id_number=party_id_number.strip().upper(),
            party_credit_code=party_credit_code.strip().upper(),
            party_address=party_address.strip(),
            facts=facts.strip(),
            received_on=received_on,
            registered_on=registered_on,
            closed_on=closed_on,
            archived_on=archived_on,
            outcome=outcome,
            status=status,
        )
        decision = None
        if decided:
            decision = Decision.objects.create(
                case=case,
                number=decision_number,
                decided_on=decided_on,
                outcome=outcome,
                kinds=["fine"] if fine else [],
                fine=fine,
                confiscated=confiscated,
                basis=basis.strip(),
                served_on=served_on,
            )
            if paid:
                Payment.objects.create(
                    decision=decision, paid_on=paid_on, amount=paid, kind=PaymentKind.FINE
                )
        ledger.record(
            actor=actor,
            action=CASE_IMPORT,
            subject=case,
            data={
                "number": number,
                "field": field.code,
                "item": item.code if item else "",
                "source": source,
                "procedure": procedure,
                "party_kind": party_kind,
                "outcome": outcome,
                "status": status,
                "received": received_on,
                "registered": registered_on,
                "decision": decision_number,
                "decided": decided_on,
                "fine": fine,
                "confiscated": confiscated,
                "served": served_on,
                "paid": paid,
                "paid_on": paid_on,
                "closed": closed_on,
                "archived": archived_on,
            },
            also=[decision] if decision is not None else [],  # its state, for verify --state
        )
    return case
