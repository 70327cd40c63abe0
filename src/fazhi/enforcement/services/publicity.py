"""公示: decisions published through the one redaction function, within SZ-1's limit, and
withdrawn (SZ-3) when revoked or overturned — each step on the record."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from fazhi.core import clocks, cnformat, dates, ledger, redaction
from fazhi.core.ledger import Actor
from fazhi.core.models import Role
from fazhi.core.scoping import require_role

from .. import actions, rules
from ..models import Decision, Outcome, PartyKind, Publication

#: who publishes and withdraws a body's decisions
PUBLISHERS = (Role.LEADER, Role.OFFICER, Role.CLERK)

SCHEMA = {
    "party": "person_name",
    "id_number": "id_number",
    "credit_code": "credit_code",
    "address": "address",
    "phone": "phone",
    "facts": "free_text",
    "basis": "free_text",
}


def decision_text(d: Decision) -> tuple[str, str]:
    """The public title and body of a decision, redacted."""
    case = d.case
    person = case.party_kind == PartyKind.PERSON
    record = {
        "party": case.party_name,
        "id_number": case.party_id_number,
        "credit_code": case.party_credit_code,
        "address": case.party_address,
        "phone": case.party_phone,
        "facts": case.facts,
        "basis": d.basis,
    }
    schema = dict(SCHEMA)
    if not person:
        schema["party"] = "legal_person_name"
    red = redaction.redact_record(
        record,
        schema,
        names=[case.party_name] if person else [],
        addresses=[case.party_address] if case.party_address else [],
    )
    if d.outcome == Outcome.PENALTY:
        result = _("罚款%(f)s") % {"f": cnformat.fmt_yuan(d.fine)} if d.fine else _("警告")
    else:
        result = dict(Outcome.choices)[d.outcome]
    lines = [
        _("行政处罚决定书文号：%(n)s") % {"n": d.number},
        _("当事人：%(p)s") % {"p": red["party"]},
    ]
    if red.get("credit_code"):
        lines.append(_("统一社会信用代码：%(c)s") % {"c": red["credit_code"]})
    if red.get("id_number"):
        lines.append(_("身份证号码：%(c)s") % {"c": red["id_number"]})
    if red.get("address"):
        lines.append(_("住所：%(a)s") % {"a": red["address"]})
    lines += [
        _("违法事实：%(f)s") % {"f": red["facts"]},
        _("处罚依据：%(b)s") % {"b": red["basis"]},
        _("处罚结果：%(r)s") % {"r": result},
        _("作出决定机关：%(o)s") % {"o": case.body.org.name},
        _("作出决定日期：%(d)s") % {"d": cnformat.fmt_date(d.decided_on)},
    ]
    title = _("%(o)s行政处罚决定（%(n)s）") % {"o": case.body.org.name, "n": d.number}
    return title, "\n".join(lines)


def publish(*, actor: Actor, decision: Decision, on: dt.date) -> Publication:
    """Publish the redacted decision; stops the publicity clock (late is a red card).

    Publishing twice — a double click, two clerks at once — gives the same clear message
    to the second: the decision row is locked while the first one publishes."""
    require_role(
        actor, *PUBLISHERS, obj=decision.case, message=_("只有本执法主体的工作人员可以公示决定。")
    )
    dates.check_new(_("公示日期"), on, (_("决定日期"), decision.decided_on))
    try:
        with transaction.atomic():
            d = Decision.objects.select_for_update().get(pk=decision.pk)
            if Publication.objects.filter(decision=d).exists():
                raise ValidationError(_("决定书 %(n)s 已经公示。") % {"n": d.number})
            title, text = decision_text(d)
            pub = Publication.objects.create(decision=d, published_on=on, title=title, text=text)
            for c in clocks.for_subject(d.case).filter(
                rule__code=rules.PUBLICITY, stopped_on__isnull=True
            ):
                clocks.stop(actor=actor, clock=c, on=on)
            ledger.record(
                actor=actor,
                action=actions.PUBLISH,
                subject=d.case,
                data={"number": d.number, "on": on, "title": title},
            )
    except IntegrityError:  # a publisher on another connection got there first
        raise ValidationError(_("决定书 %(n)s 已经公示。") % {"n": decision.number}) from None
    return pub


def withdraw(*, actor: Actor, publication: Publication, on: dt.date, reason: str) -> Publication:
    """Take a published decision down (revoked, changed, declared illegal), with the reason;
    the withdrawal is due within 3 working days (SZ-3) of the change."""
    require_role(
        actor,
        *PUBLISHERS,
        obj=publication.decision.case,
        message=_("只有本执法主体的工作人员可以撤下公示。"),
    )
    if not reason.strip():
        raise ValidationError(_("请写明撤下公示的原因（如决定被撤销、变更或确认违法）。"))
    dates.check_new(_("撤下日期"), on, (_("公示日期"), publication.published_on))
    with transaction.atomic():
        pub = Publication.objects.select_for_update().get(pk=publication.pk)
        if pub.withdrawn_on:
            raise ValidationError(_("该公示已于 %(d)s 撤下。") % {"d": pub.withdrawn_on})
        pub.withdrawn_on, pub.withdrawal_reason = on, reason.strip()
        pub.save(update_fields=["withdrawn_on", "withdrawal_reason"])
        ledger.record(
            actor=actor,
            action=actions.WITHDRAW,
            subject=pub.decision.case,
            data={"number": pub.decision.number, "on": on, "reason": reason},
        )
    return pub
