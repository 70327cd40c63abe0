"""信访事项 from registration to closing, under the text in force on the day each clock
starts (2005 信访条例 for 2019, every period in calendar days): registration with the
petitioners' identities checked, assignment to the unit that handles it, acceptance with the
written notice (XF-2 / XF-3), handling within 60 days (+30 approved, XF-5) and the
处理意见书, 复查 and 复核 (XF-6, XF-7) — and 诉访分离: a petition that belongs to
reconsideration or litigation is not accepted, and the petitioner is told the route and the
time left for it (FY-1, SS-3), which runs on as the petitioner's own period.
"""

from __future__ import annotations

import datetime as dt

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
    DivertRoute,
    DocKind,
    Petition,
    PetitionCategory,
    PetitionChannel,
    PetitionOffice,
    PetitionPerson,
    PetitionSource,
    PetitionStatus,
    ReplyOutcome,
    Stage,
)
from .common import SUFFIX, _issue_document, _issue_number, clean, new_check_code, party_problems

S = PetitionStatus
CLERK, LEADER, ADMIN = Role.CLERK, Role.LEADER, Role.ADMIN
DESK = (CLERK, LEADER)


def office_save(*, actor: Actor, org: Organisation, doc_prefix: str = "芙信") -> PetitionOffice:
    require_role(actor, LEADER, ADMIN, org=org, message=_("只有本机构负责人或系统管理员可以设置。"))
    if not clean(doc_prefix):
        raise ValidationError(_("请填写机关代字。"))
    with transaction.atomic():
        office, _created = PetitionOffice.objects.update_or_create(
            org=org, defaults={"doc_prefix": clean(doc_prefix)}
        )
        ledger.record(
            actor=actor,
            action=actions.XF_REGISTER,
            subject=office,
            org=org,
            data={"office": org.name, "prefix": office.doc_prefix},
        )
    return office


def _office(petition: Petition) -> PetitionOffice:
    office = PetitionOffice.objects.filter(org=petition.org).first()
    if office is None:
        raise ValidationError(_("%(o)s尚未设置为信访工作机构。") % {"o": petition.org.name})
    return office


def _desk(actor: Actor, petition: Petition) -> None:
    require_role(
        actor, *DESK, obj=petition, message=_("只有信访工作机构或承办单位的工作人员可以办理。")
    )


def person_problems(persons: list[dict]) -> dict[str, str]:
    """Every petitioner named, every ID number valid (a wrong check digit is refused)."""
    problems: dict[str, str] = {}
    if not persons:
        problems["persons"] = _("请登记至少一名信访人。")
    for i, p in enumerate(persons):
        problems.update(
            party_problems(
                kind=p.get("kind", "person"),
                name=p.get("name", ""),
                id_number=p.get("id_number", ""),
                credit_code=p.get("credit_code", ""),
                who=_("信访人%(n)d") % {"n": i + 1} if len(persons) > 1 else _("信访人"),
                key=f"person{i}_",
            )
        )
    return problems


def register(
    *,
    actor: Actor,
    office: PetitionOffice,
    channel: str,
    category: str,
    source: str,
    persons: list[dict],
    content: str,
    received_on: dt.date,
    street: Organisation | None = None,
    handler_org: Organisation | None = None,
    person_count: int | None = None,
    ref: tuple[str, str, str] | None = None,
) -> Petition:
    """登记 a petition. Whoever accepts it owes the petitioner a written notice within 15 days
    (XF-2 for one received directly, XF-3 for one transferred or assigned)."""
    require_role(
        actor, *DESK, org=office.org, message=_("只有信访工作机构的工作人员可以登记信访事项。")
    )
    problems = person_problems(persons)
    if channel not in PetitionChannel.values:
        problems["channel"] = _("请选择信访形式。")
    if category not in PetitionCategory.values:
        problems["category"] = _("请选择信访事项类别。")
    if source not in PetitionSource.values:
        problems["source"] = _("请选择来源。")
    if not clean(content):
        problems["content"] = _("请填写信访事由。")
    msg = dates.not_future(_("登记日期"), received_on)
    if msg:
        problems["received_on"] = msg
    if problems:
        raise ValidationError(problems)
    count = max(person_count or len(persons), len(persons))
    with transaction.atomic():
        p = Petition.objects.create(
            org=office.org,
            handler_org=handler_org,
            channel=channel,
            category=category,
            source=source,
            street=street,
            person_count=count,
            content=clean(content),
            received_on=received_on,
            handler=actor if isinstance(actor, User) else None,
            status=S.REGISTERED,
            check_code=new_check_code(),
            title=_("%(n)s%(m)s反映%(c)s") % {
                "n": clean(persons[0]["name"]),
                "m": _("等%(k)d人") % {"k": count} if count > 1 else "",
                "c": clean(content)[:40],
            },
            **(dict(zip(("ref_type", "ref_id", "ref_label"), ref, strict=True)) if ref else {}),
        )  # fmt: skip
        for i, person in enumerate(persons):
            PetitionPerson.objects.create(
                petition=p,
                is_representative=i == 0,
                kind=person.get("kind", "person"),
                name=clean(person["name"]),
                id_number=clean(person.get("id_number", "")).upper(),
                credit_code=clean(person.get("credit_code", "")).upper(),
                phone=clean(person.get("phone", "")),
                address=clean(person.get("address", "")),
            )
        p.number = _issue_number(
            actor=actor,
            org=office.org,
            kind="dis-xf-case",
            prefix=f"{office.doc_prefix}登",
            year=received_on.year,
            subject=p,
        )
        p.save(update_fields=["number"])
        ledger.record(
            actor=actor,
            action=actions.XF_REGISTER,
            subject=p,
            data={"channel": channel, "category": category, "source": source,
                  "persons": count, "on": received_on},
        )  # fmt: skip
        clocks.start(
            actor=actor,
            subject=p,
            rule_code=rules.notice_code(source),
            on=received_on,
            org=handler_org or office.org,
            label=_("书面告知期限"),
        )
    return p


def assign(*, actor: Actor, petition: Petition, handler_org: Organisation, on: dt.date) -> Petition:
    """交办 to the unit with the remit: its 15 days to tell the petitioner (XF-3) start on the
    day it receives the assignment."""
    require_role(actor, *DESK, org=petition.org, message=_("只有信访工作机构的工作人员可以交办。"))
    if petition.status != S.REGISTERED:
        raise ValidationError(_("只有已登记、尚未受理的信访事项可以交办。"))
    dates.check_new(_("交办日期"), on, (_("登记日期"), petition.received_on))
    with transaction.atomic():
        p = Petition.objects.select_for_update().get(pk=petition.pk)
        p.handler_org = handler_org
        p.version += 1
        p.save(update_fields=["handler_org", "version"])
        rules.stop(actor, p, rules.notice_code(p.source), on)
        clocks.start(
            actor=actor,
            subject=p,
            rule_code=rules.NOTICE_ASSIGNED,
            on=on,
            org=handler_org,
            label=_("书面告知期限"),
        )
        ledger.record(
            actor=actor,
            action=actions.XF_ASSIGN,
            subject=p,
            data={"to": handler_org.name, "on": on},
        )
    petition.__dict__.update({k: v for k, v in p.__dict__.items() if not k.startswith("_")})
    return p


def accept(
    *, actor: Actor, petition: Petition, on: dt.date, version: int | None = None
) -> Petition:
    """受理, with the written notice (受理告知书); the 60 days of handling start (XF-5)."""
    _desk(actor, petition)
    office = _office(petition)
    with transaction.atomic():
        petition = transition(
            actor=actor,
            matter=petition,
            to=S.ACCEPTED,
            on=on,
            version=version,
            apply=lambda p: setattr(p, "notified_on", on),
        )
        for code in (rules.NOTICE_DIRECT, rules.NOTICE_ASSIGNED):
            rules.stop(actor, petition, code, on)
        _issue_document(
            actor=actor,
            matter=petition,
            kind=DocKind.XF_ACCEPT,
            prefix=office.doc_prefix + SUFFIX[DocKind.XF_ACCEPT],
            on=on,
        )
        clocks.start(
            actor=actor,
            subject=petition,
            rule_code=rules.HANDLING,
            on=on,
            org=petition.handler_org or petition.org,
            label=_("信访事项办理期限"),
        )
    return petition


def transfer(
    *, actor: Actor, petition: Petition, on: dt.date, to: str, version: int | None = None
) -> Petition:
    """转送 to the organ with the remit (a matter for another body); closed here."""
    _desk(actor, petition)
    if not clean(to):
        raise ValidationError(_("请填写转送的有权处理机关。"))
    return transition(
        actor=actor,
        matter=petition,
        to=S.TRANSFERRED,
        on=on,
        version=version,
        data={"to": clean(to)},
        apply=lambda p: setattr(p, "transferred_to", clean(to)),
    )


def object_to_assignment(*, actor: Actor, petition: Petition, on: dt.date, reason: str) -> Petition:
    """异议: the unit a petition was transferred or assigned to says it is outside its remit,
    within 5 WD (XF-4) — a procedure of the 2022 信访工作条例 only; the 2005 regulation has
    none, so a petition received before 2022-05-01 is refused it with the text named."""
    if petition.handler_org is None:
        raise ValidationError(_("该信访事项尚未交办，无需提出异议。"))
    require_role(
        actor,
        *DESK,
        org=petition.handler_org,
        message=_("只有承办单位的工作人员可以提出异议。"),
    )
    rules.version_or_refuse(rules.OBJECTION, petition.received_on, _("对转送、交办事项提出异议"))
    if petition.status != S.REGISTERED:
        raise ValidationError(_("已受理的信访事项不能再提出异议。"))
    c = rules.last_clock(petition, rules.NOTICE_ASSIGNED)
    start = c.started_on if c is not None else petition.received_on
    limit = rules.due(rules.OBJECTION, start)
    dates.check_new(_("异议日期"), on, (_("交办日期"), start))
    if on > limit:
        raise ValidationError(
            _("异议应在收到之日起五个工作日内提出（%(c)s，已于%(d)s届满）。")
            % {"c": rules.OBJECTION, "d": dates.fmt(limit)}
        )
    if not clean(reason):
        raise ValidationError(_("请写明异议理由。"))
    with transaction.atomic():
        p = Petition.objects.select_for_update().get(pk=petition.pk)
        unit = p.handler_org
        p.handler_org = None
        p.version += 1
        p.save(update_fields=["handler_org", "version"])
        rules.stop(actor, p, rules.NOTICE_ASSIGNED, on)
        ledger.record(
            actor=actor,
            action=actions.XF_ASSIGN,
            subject=p,
            data={"objection": unit.name, "reason": clean(reason), "on": on},
        )
    return p


def divert(
    *,
    actor: Actor,
    petition: Petition,
    on: dt.date,
    route: str,
    reason: str,
    act_known_on: dt.date | None = None,
    version: int | None = None,
) -> Petition:
    """诉访分离: a claim that belongs to reconsideration, litigation or arbitration is not
    accepted as a petition; the petitioner is told the route in writing, and — for
    reconsideration (FY-1, 60 days) and litigation (SS-3, 6 months) — how long they have from
    knowing the act: the petitioner's own period, shown until it ends."""
    _desk(actor, petition)
    office = _office(petition)
    if route not in DivertRoute.values:
        raise ValidationError(_("请选择应当导入的法定途径。"))
    code = {
        DivertRoute.RECONSIDERATION: rules.APPLICATION,
        DivertRoute.LITIGATION: rules.DIRECT_SUIT,
    }.get(route)
    if code and act_known_on is None:
        raise ValidationError(_("请填写信访人知道该行政行为的日期，以告知其申请期限。"))
    if act_known_on is not None:
        dates.check_new(_("知道该行政行为之日"), act_known_on)
    with transaction.atomic():
        petition = transition(
            actor=actor,
            matter=petition,
            to=S.DIVERTED,
            on=on,
            reason=reason,
            version=version,
            data={"route": route},
            apply=lambda p: setattr(p, "divert_route", route),
        )
        _issue_document(
            actor=actor,
            matter=petition,
            kind=DocKind.XF_DIVERT,
            prefix=office.doc_prefix + SUFFIX[DocKind.XF_DIVERT],
            on=on,
        )
        if code:
            clocks.start(
                actor=actor,
                subject=petition,
                rule_code=code,
                on=act_known_on,
                label=_("信访人申请%(r)s期限") % {"r": DivertRoute(route).label},
                party=True,
            )
    return petition


def extend(
    *, actor: Actor, petition: Petition, on: dt.date, days: int, approver: str, reason: str
) -> Petition:
    """延长办理期限 (XF-5: at most 30 days, approved by the head of the body; the petitioner
    is told why) — approved before the 60 days end."""
    _desk(actor, petition)
    c = rules.open_clock(petition, rules.HANDLING)
    if c is None:
        raise ValidationError(_("该信访事项没有正在计算的办理期限。"))
    dates.check_new(_("批准日期"), on, (_("受理日期"), petition.accepted_on))
    if c.due_on is not None and on > c.due_on:
        raise ValidationError(
            _("延长须在办理期限届满前批准，办理期限已于%(d)s届满。") % {"d": dates.fmt(c.due_on)}
        )
    with transaction.atomic():
        clocks.extend(actor=actor, clock=c, by=days, approver=approver, reason=reason)
    return petition


STAGE_DOC = {
    Stage.FIRST: DocKind.XF_REPLY,
    Stage.REVIEW: DocKind.XF_REVIEW,
    Stage.RECHECK: DocKind.XF_RECHECK,
}
STAGE_CLOCK = {
    Stage.FIRST: rules.HANDLING,
    Stage.REVIEW: rules.REVIEW_OPINION,
    Stage.RECHECK: rules.RECHECK_OPINION,
}
NEXT_REQUEST = {Stage.FIRST: rules.REVIEW_REQUEST, Stage.REVIEW: rules.RECHECK_REQUEST}


def reply(
    *,
    actor: Actor,
    petition: Petition,
    on: dt.date,
    outcome: str,
    served_on: dt.date | None = None,
    version: int | None = None,
) -> Petition:
    """出具处理意见书 (or, at 复查 and 复核, the 复查意见书 / 复核意见书), numbered; the
    petitioner's 30 days to ask for the next review (XF-6 / XF-7) start on service."""
    _desk(actor, petition)
    office = _office(petition)
    if outcome not in ReplyOutcome.values:
        raise ValidationError(_("请选择处理结果。"))
    served_on = served_on or on
    dates.check_new(_("意见书送达日期"), served_on, (_("出具意见日期"), on))
    stage = petition.stage
    with transaction.atomic():
        petition = transition(
            actor=actor,
            matter=petition,
            to=S.REPLIED,
            on=on,
            version=version,
            data={"outcome": outcome, "stage": stage},
            apply=lambda p: (
                setattr(p, "replied_on", on),
                setattr(p, "reply_outcome", outcome),
                setattr(p, "reply_served_on", served_on),
            ),
        )
        doc = _issue_document(
            actor=actor,
            matter=petition,
            kind=STAGE_DOC[stage],
            prefix=office.doc_prefix + SUFFIX[STAGE_DOC[stage]],
            on=on,
        )
        petition.reply_number = doc.number
        petition.save(update_fields=["reply_number"])
        rules.stop(actor, petition, STAGE_CLOCK[stage], on)
        if stage in NEXT_REQUEST:
            clocks.start(
                actor=actor,
                subject=petition,
                rule_code=NEXT_REQUEST[stage],
                on=served_on,
                label=_("信访人请求复查期限") if stage == Stage.FIRST else _("信访人请求复核期限"),
                party=True,
            )
        ledger.record(
            actor=actor,
            action=actions.XF_REPLY,
            subject=petition,
            data={"stage": stage, "outcome": outcome, "number": doc.number, "served": served_on},
        )
    return petition


def request_review(
    *, actor: Actor, petition: Petition, on: dt.date, version: int | None = None
) -> Petition:
    """The petitioner asks for 复查 (after the first reply) or 复核 (after the 复查), within
    30 days of receiving it; the opinion is due 30 days after the request (XF-6b / XF-7b)."""
    _desk(actor, petition)
    if petition.stage == Stage.RECHECK:
        raise ValidationError(_("复核意见作出后，信访人就同一事项提出的请求不再受理。"))
    nxt = Stage.REVIEW if petition.stage == Stage.FIRST else Stage.RECHECK
    code = NEXT_REQUEST[petition.stage]
    c = rules.open_clock(petition, code)
    if c is not None and c.due_on is not None and on > c.due_on:
        raise ValidationError(
            _("请求%(w)s应在收到意见书之日起三十日内提出（%(c)s，已于%(d)s届满）。")
            % {"w": nxt.label, "c": code, "d": dates.fmt(c.due_on)}
        )
    with transaction.atomic():
        petition = transition(
            actor=actor,
            matter=petition,
            to=S.REVIEWING,
            on=on,
            version=version,
            data={"stage": nxt},
            apply=lambda p: (
                setattr(p, "stage", nxt),
                setattr(
                    p,
                    "review_requested_on" if nxt == Stage.REVIEW else "recheck_requested_on",
                    on,
                ),
            ),
        )
        if c is not None:
            clocks.stop(actor=actor, clock=c, on=max(on, c.started_on))
        clocks.start(
            actor=actor,
            subject=petition,
            rule_code=STAGE_CLOCK[nxt],
            on=on,
            label=_("复查意见期限") if nxt == Stage.REVIEW else _("复核意见期限"),
        )
        ledger.record(
            actor=actor, action=actions.XF_REQUEST, subject=petition, data={"stage": nxt, "on": on}
        )
    return petition


def close(
    *,
    actor: Actor,
    petition: Petition,
    on: dt.date,
    satisfied: bool = False,
    version: int | None = None,
) -> Petition:
    """办结 after the reply: once the petitioner's period for the next review ran out, after
    the 复核, or when the petitioner said in writing they are satisfied."""
    _desk(actor, petition)
    return transition(
        actor=actor,
        matter=petition,
        to=S.CLOSED,
        on=on,
        version=version,
        data={"satisfied": satisfied},
    )
