"""“1+X” mediation: committees and mediators, and a dispute from intake to the performed
agreement (or the failure and the route suggested). People's mediation sets no time limit
(人民调解法); the one-month guide (TJ-1, ⚠) runs as a clock, and after a written agreement
the parties' 30 days to apply jointly for 司法确认 (TJ-2) are a party's period, reminded.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clocks, dates, ledger
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role, User
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from .. import actions, rules
from ..models import (
    Agreement,
    AgreementForm,
    Category,
    Committee,
    CommitteeKind,
    CommitteeLevel,
    Dispute,
    DisputeParty,
    DisputeSource,
    DisputeStatus,
    FailureRoute,
    Mediator,
    Performance,
    Sector,
    Session,
    Side,
)
from .common import _issue_number, clean, new_check_code, party_problems

S = DisputeStatus
CLERK, LEADER, ADMIN = Role.CLERK, Role.LEADER, Role.ADMIN
MEDIATORS = (CLERK, LEADER)
LEVEL_RANK = {
    CommitteeLevel.COMMUNITY: 0,
    CommitteeLevel.SECTOR: 1,
    CommitteeLevel.STREET: 1,
    CommitteeLevel.DISTRICT: 2,
}


def committee_save(
    *,
    actor: Actor,
    org: Organisation,
    name: str,
    kind: str,
    level: str,
    doc_prefix: str,
    sector: str = Sector.GENERAL,
    committee: Committee | None = None,
) -> Committee:
    """A committee (or mediation room) of ``org``, set up by its leader or an administrator."""
    require_role(
        actor, LEADER, ADMIN, org=org, message=_("只有本单位负责人或系统管理员可以设置调解组织。")
    )
    problems = {}
    if not clean(name):
        problems["name"] = _("请填写名称。")
    if kind not in CommitteeKind.values:
        problems["kind"] = _("请选择类别。")
    if level not in CommitteeLevel.values:
        problems["level"] = _("请选择层级。")
    if sector not in Sector.values:
        problems["sector"] = _("请选择领域。")
    if not clean(doc_prefix):
        problems["doc_prefix"] = _("请填写协议书代字。")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        c = committee or Committee(org=org)
        c.org, c.name, c.kind, c.level, c.sector = org, clean(name), kind, level, sector
        c.doc_prefix = clean(doc_prefix)
        c.save()
        ledger.record(
            actor=actor,
            action=actions.TJ_COMMITTEE,
            subject=c,
            data={"name": c.name, "kind": kind, "level": level, "sector": sector},
        )
    return c


def mediator_save(
    *,
    actor: Actor,
    committee: Committee,
    name: str,
    post: str = "调解员",
    phone: str = "",
    full_time: bool = False,
    user: User | None = None,
) -> Mediator:
    require_role(
        actor, LEADER, ADMIN, org=committee.org, message=_("只有本单位负责人可以登记调解员。")
    )
    if not clean(name):
        raise ValidationError(_("请填写调解员姓名。"))
    with transaction.atomic():
        m = Mediator.objects.create(
            committee=committee,
            name=clean(name),
            post=clean(post) or "调解员",
            phone=clean(phone),
            full_time=full_time,
            user=user,
        )
        ledger.record(
            actor=actor,
            action=actions.TJ_MEDIATOR,
            subject=committee,
            data={"mediator": m.name, "post": m.post},
        )
    return m


def _mediator_of(committee: Committee, mediator: Mediator | None) -> Mediator | None:
    if mediator is not None and mediator.committee_id != committee.pk:
        raise ValidationError(_("%(m)s不是%(c)s的调解员。") % {"m": mediator, "c": committee})
    return mediator


def receive(
    *,
    actor: Actor,
    committee: Committee,
    category: str,
    source: str,
    facts: str,
    parties: list[dict],
    received_on: dt.date,
    street: Organisation | None = None,
    place: str = "",
    amount_claimed: Decimal | None = None,
    is_major: bool = False,
    major_reason: str = "",
    mediator: Mediator | None = None,
    ref: tuple[str, str, str] | None = None,
) -> Dispute:
    """受理 a dispute: at least one party on each side, every identity number valid. A major
    and complex dispute (重大疑难复杂) is flagged with the reason."""
    require_role(
        actor, *MEDIATORS, org=committee.org, message=_("只有本调解组织的工作人员可以受理纠纷。")
    )
    problems: dict[str, str] = {}
    if category not in Category.values:
        problems["category"] = _("请选择纠纷类型。")
    if source not in DisputeSource.values:
        problems["source"] = _("请选择纠纷来源。")
    if not clean(facts):
        problems["facts"] = _("请填写纠纷简要情况。")
    sides = {p.get("side") for p in parties}
    if not {Side.APPLICANT, Side.RESPONDENT} <= sides:
        problems["parties"] = _("请至少登记申请方和被申请方各一名当事人。")
    for i, p in enumerate(parties):
        problems.update(
            party_problems(
                kind=p.get("kind", "person"),
                name=p.get("name", ""),
                id_number=p.get("id_number", ""),
                credit_code=p.get("credit_code", ""),
                who=_("当事人%(n)d") % {"n": i + 1},
                key=f"party{i}_",
            )
        )
    if is_major and not clean(major_reason):
        problems["major_reason"] = _("请写明认定为重大疑难复杂纠纷的理由。")
    if amount_claimed is not None and amount_claimed < 0:
        problems["amount_claimed"] = _("涉及金额不能为负数。")
    msg = dates.not_future(_("受理日期"), received_on)
    if msg:
        problems["received_on"] = msg
    if problems:
        raise ValidationError(problems)
    _mediator_of(committee, mediator)
    with transaction.atomic():
        d = Dispute.objects.create(
            org=committee.org,
            committee=committee,
            mediator=mediator,
            category=category,
            source=source,
            street=street,
            place=clean(place),
            facts=clean(facts),
            amount_claimed=amount_claimed,
            is_major=is_major,
            major_reason=clean(major_reason),
            received_on=received_on,
            handler=actor if isinstance(actor, User) else None,
            status=S.RECEIVED,
            check_code=new_check_code(),
            title=_("%(a)s与%(b)s%(c)s") % {
                "a": _first(parties, Side.APPLICANT),
                "b": _first(parties, Side.RESPONDENT),
                "c": Category(category).label,
            },
            **(dict(zip(("ref_type", "ref_id", "ref_label"), ref, strict=True)) if ref else {}),
        )  # fmt: skip
        for p in parties:
            DisputeParty.objects.create(
                dispute=d,
                side=p["side"],
                kind=p.get("kind", "person"),
                name=clean(p["name"]),
                id_number=clean(p.get("id_number", "")).upper(),
                credit_code=clean(p.get("credit_code", "")).upper(),
                phone=clean(p.get("phone", "")),
                address=clean(p.get("address", "")),
            )
        d.number = _issue_number(
            actor=actor,
            org=committee.org,
            kind=f"dis-tj-{committee.pk}",
            prefix=f"{committee.doc_prefix}受",
            year=received_on.year,
            subject=d,
        )
        d.save(update_fields=["number"])
        ledger.record(
            actor=actor,
            action=actions.TJ_RECEIVE,
            subject=d,
            data={"committee": committee.name, "source": source, "category": category,
                  "parties": len(parties), "major": is_major, "on": received_on},
        )  # fmt: skip
        clocks.start(
            actor=actor, subject=d, rule_code=rules.MEDIATION, on=received_on, label=_("调解期限")
        )
    return d


def _first(parties: list[dict], side: str) -> str:
    names = [clean(p["name"]) for p in parties if p.get("side") == side]
    return names[0] + (_("等") if len(names) > 1 else "") if names else ""


def session_add(
    *,
    actor: Actor,
    dispute: Dispute,
    held_on: dt.date,
    mediator: Mediator,
    summary: str,
    place: str = "",
) -> Session:
    """调解 (a session); the first one opens the mediation."""
    require_role(
        actor, *MEDIATORS, obj=dispute, message=_("只有本调解组织的工作人员可以登记调解。")
    )
    if dispute.status not in (S.RECEIVED, S.MEDIATING):
        raise ValidationError(
            _("纠纷已%(s)s，不能再登记调解。") % {"s": dispute.get_status_display()}
        )
    _mediator_of(dispute.committee, mediator)
    if not clean(summary):
        raise ValidationError(_("请填写调解情况。"))
    dates.check_new(_("调解日期"), held_on, (_("受理日期"), dispute.received_on))
    with transaction.atomic():
        if dispute.status == S.RECEIVED:
            dispute = transition(
                actor=actor,
                matter=dispute,
                to=S.MEDIATING,
                on=held_on,
                apply=lambda d: setattr(d, "mediator", d.mediator or mediator),
            )
        s = Session.objects.create(
            dispute=dispute,
            held_on=held_on,
            mediator=mediator,
            place=clean(place),
            summary=clean(summary),
        )
        ledger.record(
            actor=actor,
            action=actions.TJ_SESSION,
            subject=dispute,
            data={"held": held_on, "mediator": mediator.name},
        )
    return s


def escalate(
    *,
    actor: Actor,
    dispute: Dispute,
    to: Committee,
    on: dt.date,
    reason: str,
) -> Dispute:
    """重大疑难复杂纠纷上报: the dispute is flagged major and moves to a committee of a higher
    level (community → street or sector → district), which takes it over."""
    require_role(actor, *MEDIATORS, obj=dispute, message=_("只有本调解组织的工作人员可以上报。"))
    if dispute.status not in (S.RECEIVED, S.MEDIATING):
        raise ValidationError(_("只有受理或调解中的纠纷可以上报。"))
    if LEVEL_RANK[to.level] <= LEVEL_RANK[dispute.committee.level]:
        raise ValidationError(_("应上报至更高层级的调解组织。"))
    if not clean(reason):
        raise ValidationError(_("请写明上报理由。"))
    dates.check_new(_("上报日期"), on, (_("受理日期"), dispute.received_on))
    with transaction.atomic():
        d = Dispute.objects.select_for_update().get(pk=dispute.pk)
        before = d.committee
        d.escalated_from, d.committee, d.org = before, to, to.org
        d.mediator = None
        d.is_major = True
        d.major_reason = d.major_reason or clean(reason)
        d.escalated_on = on
        d.version += 1
        d.save()
        ledger.record(
            actor=actor,
            action=actions.TJ_ESCALATE,
            subject=d,
            data={"from": before.name, "to": to.name, "reason": clean(reason), "on": on},
        )
    dispute.__dict__.update({k: v for k, v in d.__dict__.items() if not k.startswith("_")})
    return d


def agreement_record(
    *,
    actor: Actor,
    dispute: Dispute,
    form: str,
    signed_on: dt.date,
    terms: str,
    amount: Decimal = Decimal(0),
    signatures: dict[int, dt.date] | None = None,
    schedule: list[dict] | None = None,
    version: int | None = None,
) -> Agreement:
    """调解协议: a written agreement takes effect when every party has signed (or sealed) it
    (人民调解法 Art.29) — each party's signature date is recorded, or nothing is; an oral one
    when reached (Art.30). Numbered from the committee's series; the parties' 30 days to
    apply for 司法确认 (TJ-2) start with a written agreement."""
    require_role(
        actor, *MEDIATORS, obj=dispute, message=_("只有本调解组织的工作人员可以登记协议。")
    )
    if form not in AgreementForm.values:
        raise ValidationError(_("请选择协议形式。"))
    if not clean(terms):
        raise ValidationError(_("请填写协议内容。"))
    if amount < 0:
        raise ValidationError(_("协议金额不能为负数。"))
    parties = list(dispute.parties.all())
    signatures = signatures or {}
    if form == AgreementForm.WRITTEN:
        missing = [p.name for p in parties if not signatures.get(p.pk)]
        if missing:
            raise ValidationError(
                _("书面调解协议须由各方当事人签名、盖章或者按指印，%(n)s的签名尚未登记。")
                % {"n": "、".join(missing)}
            )
        for p in parties:
            dates.check_new(
                _("%(n)s签名日期") % {"n": p.name},
                signatures[p.pk],
                (_("受理日期"), dispute.received_on),
            )
        signed_on = max(signatures[p.pk] for p in parties)
    schedule = [
        {"due": str(item["due"]), "amount": f"{Decimal(str(item['amount'])):.2f}"}
        for item in (schedule or [])
    ]
    with transaction.atomic():
        dispute = transition(
            actor=actor,
            matter=dispute,
            to=S.AGREED,
            on=signed_on,
            version=version,
            data={"agreement": True},
        )
        a = Agreement(
            dispute=dispute,
            form=form,
            signed_on=signed_on,
            amount=amount,
            terms=clean(terms),
            schedule=schedule,
        )
        a.number = _issue_number(
            actor=actor,
            org=dispute.org,
            kind=f"dis-tj-agreement-{dispute.committee_id}",
            prefix=dispute.committee.doc_prefix,
            year=signed_on.year,
            subject=dispute,
        )
        a.save()
        for p in parties:
            if p.pk in signatures:
                p.signed_on = signatures[p.pk]
                p.save(update_fields=["signed_on"])
        rules.stop(actor, dispute, rules.MEDIATION, signed_on)
        ledger.record(
            actor=actor,
            action=actions.TJ_AGREEMENT,
            subject=dispute,
            also=[a],
            data={"number": a.number, "form": form, "amount": amount, "signed": signed_on},
        )
        if form == AgreementForm.WRITTEN:
            clocks.start(
                actor=actor,
                subject=dispute,
                rule_code=rules.CONFIRMATION,
                on=signed_on,
                label=_("申请司法确认期限"),
                party=True,
            )
    return a


def performance_record(
    *,
    actor: Actor,
    dispute: Dispute,
    on: dt.date,
    note: str,
    amount: Decimal = Decimal(0),
    complete: bool = False,
    version: int | None = None,
) -> Performance:
    """履行 (in part or in full); with ``complete`` the dispute is 履行完毕 — only once what the
    agreement promised has been delivered."""
    require_role(
        actor, *MEDIATORS, obj=dispute, message=_("只有本调解组织的工作人员可以登记履行。")
    )
    a = getattr(dispute, "agreement", None)
    if a is None or dispute.status != S.AGREED:
        raise ValidationError(_("只有已达成协议、尚在履行中的纠纷可以登记履行。"))
    if not clean(note):
        raise ValidationError(_("请填写履行情况。"))
    if amount < 0:
        raise ValidationError(_("履行金额不能为负数。"))
    dates.check_new(_("履行日期"), on, (_("达成协议日期"), a.signed_on))
    with transaction.atomic():
        p = Performance.objects.create(
            agreement=a, performed_on=on, amount=amount, note=clean(note)
        )
        ledger.record(
            actor=actor,
            action=actions.TJ_PERFORMANCE,
            subject=dispute,
            data={"on": on, "amount": amount, "note": clean(note)},
        )
        if complete:
            transition(actor=actor, matter=dispute, to=S.PERFORMED, on=on, version=version)
    return p


def confirmation_apply(*, actor: Actor, dispute: Dispute, on: dt.date, court: str) -> Agreement:
    """The parties jointly applied for 司法确认 (人民调解法 Art.33) — within the 30 days."""
    require_role(actor, *MEDIATORS, obj=dispute, message=_("只有本调解组织的工作人员可以登记。"))
    a = getattr(dispute, "agreement", None)
    if a is None or a.form != AgreementForm.WRITTEN:
        raise ValidationError(_("只有书面调解协议可以申请司法确认。"))
    if a.confirmation_applied_on:
        raise ValidationError(
            _("已于%(d)s申请司法确认。") % {"d": dates.fmt(a.confirmation_applied_on)}
        )
    if not clean(court):
        raise ValidationError(_("请填写受理司法确认申请的人民法院。"))
    dates.check_new(_("申请司法确认日期"), on, (_("达成协议日期"), a.signed_on))
    c = rules.open_clock(dispute, rules.CONFIRMATION)
    if c is not None and c.due_on is not None and on > c.due_on:
        raise ValidationError(
            _("申请司法确认应在调解协议生效之日起三十日内提出（%(c)s，已于%(d)s届满）。")
            % {"c": rules.CONFIRMATION, "d": dates.fmt(c.due_on)}
        )
    with transaction.atomic():
        a.confirmation_applied_on, a.confirmation_court = on, clean(court)
        a.save(update_fields=["confirmation_applied_on", "confirmation_court"])
        if c is not None:
            clocks.stop(actor=actor, clock=c, on=on)
        ledger.record(
            actor=actor,
            action=actions.TJ_CONFIRMATION,
            subject=dispute,
            data={"on": on, "court": a.confirmation_court},
        )
    return a


def fail(
    *,
    actor: Actor,
    dispute: Dispute,
    on: dt.date,
    route: str,
    reason: str,
    version: int | None = None,
) -> Dispute:
    """调解不成, with the route suggested to the parties (litigation, arbitration, …)."""
    require_role(actor, *MEDIATORS, obj=dispute, message=_("只有本调解组织的工作人员可以办理。"))
    if route not in FailureRoute.values:
        raise ValidationError(_("请选择建议当事人采取的途径。"))
    return transition(
        actor=actor,
        matter=dispute,
        to=S.FAILED,
        on=on,
        reason=reason,
        version=version,
        data={"route": route},
        apply=lambda d: setattr(d, "failure_route", route),
    )


def refuse(
    *, actor: Actor, dispute: Dispute, on: dt.date, reason: str, version: int | None = None
) -> Dispute:
    """不予受理 (a party refused mediation, the matter belongs elsewhere …)."""
    require_role(actor, *MEDIATORS, obj=dispute, message=_("只有本调解组织的工作人员可以办理。"))
    return transition(
        actor=actor, matter=dispute, to=S.REFUSED, on=on, reason=reason, version=version
    )


def breach(
    *, actor: Actor, dispute: Dispute, on: dt.date, reason: str, version: int | None = None
) -> Dispute:
    """协议未履行: a party did not perform; the other is told of the court route."""
    require_role(actor, *MEDIATORS, obj=dispute, message=_("只有本调解组织的工作人员可以办理。"))
    return transition(
        actor=actor, matter=dispute, to=S.BREACHED, on=on, reason=reason, version=version
    )
