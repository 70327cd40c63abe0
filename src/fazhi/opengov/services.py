"""依申请公开 — every write on a disclosure request, each a service (role first, dates
checked, one transaction, a ledger event).

The reply period is the GK-4 clock started at receipt, under the version of the regulation
in force on the receipt date; 补正 restarts it where that version says so (2019: 第三十条),
a consultation pauses it for the reasons that version lists (2007: the third party only;
2019: a third party or another agency), an extension needs the head of the disclosure office
(政府信息公开工作机构负责人, the body's 负责人 role) and is capped by the version.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, clocks, dates, ledger, numbering
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role, User
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from . import actions, rules
from . import states as _states  # noqa: F401  (the table is set on the model at import)
from .models import (
    ApplicantKind,
    Channel,
    Consultation,
    ConsultationKind,
    DisclosureRequest,
    ReplyType,
    WithheldPart,
)
from .models import RequestStatus as S

STAFF = (Role.CLERK, Role.LEADER)


def _prefix(org: Organisation, what: str) -> str:
    return f"{org.short_name or org.name}{what}"


def request_receive(
    *,
    actor: Actor,
    org: Organisation,
    channel: str,
    applicant_kind: str,
    applicant_name: str,
    description: str,
    received_on: dt.date,
    applicant_id_number: str = "",
    applicant_credit_code: str = "",
    applicant_phone: str = "",
    applicant_address: str = "",
    title: str = "",
) -> DisclosureRequest:
    """登记: the receipt date is the one GK-2 fixes for the channel (the day submitted in
    person, signed for by post, confirmed with the applicant for ordinary letters, online and
    fax); the reply clock (GK-4) starts on it."""
    require_role(actor, *STAFF, org=org, message=_("只有本机关的窗口人员或负责人可以登记申请。"))
    if channel not in Channel.values:
        raise ValidationError(_("请选择申请方式。"))
    if applicant_kind not in ApplicantKind.values:
        raise ValidationError(_("请选择申请人类型。"))
    if not applicant_name.strip() or not description.strip():
        raise ValidationError(_("请填写申请人姓名或名称，以及所需信息的内容描述。"))
    id_number = applicant_id_number.strip().upper()
    credit = applicant_credit_code.strip().upper()
    rules.applicant_problem(applicant_kind, id_number, credit)
    on = dates.check_new(_("收到申请日期"), received_on)
    with transaction.atomic():
        req = DisclosureRequest.objects.create(
            org=org,
            title=(title or description).strip()[:300],
            status=S.RECEIVED,
            received_on=on,
            handler=actor if isinstance(actor, User) else None,
            channel=channel,
            applicant_kind=applicant_kind,
            applicant_name=applicant_name.strip(),
            applicant_id_number=id_number,
            applicant_credit_code=credit,
            applicant_phone=applicant_phone.strip(),
            applicant_address=applicant_address.strip(),
            description=description.strip(),
            check_code=f"{secrets.randbelow(10**6):06d}",
        )
        series = numbering.series_get_or_create(
            actor=actor, org=org, kind="goi-request", year=on.year, prefix=_prefix(org, "信公申")
        )
        req.number = numbering.issue(actor=actor, series=series, subject=req).text
        req.save(update_fields=["number"])
        ledger.record(
            actor=actor,
            action=actions.REQUEST_RECEIVE,
            subject=req,
            data={"channel": channel, "kind": applicant_kind, "on": on},
        )
        clocks.start(actor=actor, subject=req, rule_code=rules.REPLY, on=on, label=_("答复期限"))
    return req


def request_notify_correction(
    *,
    actor: Actor,
    request: DisclosureRequest,
    items: str,
    on: dt.date,
    version: int | None = None,
) -> DisclosureRequest:
    """告知补正 — once, stating what to supply (条例第三十条)."""
    require_role(actor, *STAFF, obj=request)
    if not items.strip():
        raise ValidationError(_("请写明需要补正的事项和补正期限。"))

    def apply(r):
        r.correction_items = items.strip()

    return transition(
        actor=actor,
        matter=request,
        to=S.CORRECTION,
        version=version,
        data={"items": items.strip()},
        apply=apply,
        on=on,
    )


def request_correction_received(
    *, actor: Actor, request: DisclosureRequest, on: dt.date, version: int | None = None
) -> DisclosureRequest:
    """收到补正: under the 2019 text the reply period runs again from this day (GK-4
    restart_on 补正); the 2007 text has no restart, so the first period keeps running."""
    require_role(actor, *STAFF, obj=request)
    with transaction.atomic():
        req = transition(actor=actor, matter=request, to=S.RECEIVED, version=version, on=on)
        c = rules.reply_clock(req)
        if c is not None and "补正" in (c.version.restart_on or []):
            clocks.restart(actor=actor, clock=c, on=on, reason="补正")
    return req


def request_consult(
    *,
    actor: Actor,
    request: DisclosureRequest,
    kind: str,
    consulted: str,
    on: dt.date,
    version: int | None = None,
) -> Consultation:
    """征求意见: the reply clock pauses from ``on`` (第三十三条第三款; the 2007 text allows
    only the third party), and the consulted party's own period (GK-5 / GK-6) starts."""
    require_role(actor, *STAFF, obj=request)
    if kind not in ConsultationKind.values:
        raise ValidationError(_("请选择征求意见的类型。"))
    if not consulted.strip():
        raise ValidationError(_("请填写征求意见的对象。"))
    with transaction.atomic():
        req = transition(
            actor=actor,
            matter=request,
            to=S.CONSULTING,
            version=version,
            data={"kind": kind, "consulted": consulted.strip()},
            on=on,
        )
        c = rules.reply_clock(req)
        if c is not None:
            clocks.pause(actor=actor, clock=c, on=on, reason=str(ConsultationKind(kind).label))
        cons = Consultation.objects.create(
            request=req, kind=kind, consulted=consulted.strip(), sent_on=on
        )
        code = rules.THIRD_PARTY if kind == ConsultationKind.THIRD_PARTY else rules.CO_AGENCY
        try:
            has_period = rules.version(code, on).length > 0
        except LookupError:
            has_period = False  # GK-6 has no 2007 version
        if has_period:
            clocks.start(
                actor=actor,
                subject=req,
                rule_code=code,
                on=on,
                label=_("%(w)s提出意见期限") % {"w": consulted.strip()[:40]},
                party=True,
            )
        ledger.record(
            actor=actor,
            action=actions.REQUEST_CONSULT,
            subject=req,
            data={"kind": kind, "consulted": cons.consulted, "on": on},
        )
    return cons


def request_consult_answered(
    *,
    actor: Actor,
    request: DisclosureRequest,
    on: dt.date,
    opinion: str = "",
    version: int | None = None,
) -> DisclosureRequest:
    """The opinion came back (or its period ran out): the reply clock counts again."""
    require_role(actor, *STAFF, obj=request)
    with transaction.atomic():
        cons = request.consultations.filter(answered_on__isnull=True).order_by("-id").first()
        if cons is None:
            raise ValidationError(_("本申请没有待答复的征求意见。"))
        dates.check_new(_("收到意见日期"), on, (_("发出日期"), cons.sent_on))
        req = transition(actor=actor, matter=request, to=S.RECEIVED, version=version, on=on)
        cons.answered_on, cons.opinion = on, opinion.strip()
        cons.save(update_fields=["answered_on", "opinion"])
        c = rules.reply_clock(req)
        if c is not None and c.paused:
            clocks.resume(actor=actor, clock=c, on=on)
        for party in clocks.for_subject(req).filter(party=True, stopped_on__isnull=True):
            clocks.stop(actor=actor, clock=party, on=on)
        ledger.record(
            actor=actor,
            action=actions.REQUEST_CONSULT_ANSWER,
            subject=req,
            data={"consulted": cons.consulted, "on": on},
        )
    return req


def request_extend(
    *,
    actor: Actor,
    request: DisclosureRequest,
    days: int,
    reason: str,
    on: dt.date | None = None,
) -> DisclosureRequest:
    """延长, approved by the head of the disclosure office and told to the applicant
    (第三十三条第二款): at most 20 working days (15 under the 2007 text), before the period
    runs out."""
    require_role(
        actor,
        Role.LEADER,
        obj=request,
        message=_("延长答复期限须经政府信息公开工作机构负责人批准（政府信息公开条例第三十三条）。"),
    )
    if request.status in DisclosureRequest.CLOSED_STATUSES:
        raise ValidationError(_("该申请已办结，不能延长。"))
    c = rules.reply_clock(request)
    if c is None:
        raise ValidationError(_("该申请没有答复期限。"))
    day = dates.check_new(
        _("批准延长日期"), on or clock.today(), (_("收到申请日期"), request.received_on)
    )
    if c.due_on is not None and day > c.due_on:
        raise ValidationError(
            _("答复期限已于%(d)s届满，不能再批准延长。") % {"d": dates.fmt(c.due_on)}
        )
    name = getattr(actor, "full_name", "") or str(actor)
    with transaction.atomic():
        clocks.extend(actor=actor, clock=c, by=days, approver=name, reason=reason)
        req = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
        req.extended_by = name
        req.version += 1
        req.save(update_fields=["extended_by", "version"])
        c.refresh_from_db()
        ledger.record(
            actor=actor,
            action=actions.REQUEST_EXTEND,
            subject=req,
            data={"days": days, "reason": reason.strip(), "on": day, "due": c.due_on},
        )
    request.__dict__.update(extended_by=name, version=req.version)
    return req


def request_answer(
    *,
    actor: Actor,
    request: DisclosureRequest,
    reply_type: str,
    on: dt.date,
    ground: str = "",
    withheld: Iterable[tuple[str, str]] = (),
    subtype: str = "",
    version: int | None = None,
) -> DisclosureRequest:
    """答复 with one of the statutory answer types; a partial disclosure records every
    withheld part with its ground; the reply letter takes the body's next 答复书 number."""
    require_role(actor, *STAFF, obj=request)
    parts = [(str(p).strip(), str(g).strip()) for p, g in withheld]
    org = request.org

    def apply(r):
        r.reply_type = reply_type
        r.reply_subtype = subtype
        r.reply_ground = ground.strip()
        c = rules.reply_clock(r)
        if r.deferred_to:  # GK-7: the later date the applicant was told
            r.on_time = on <= r.deferred_to
        else:
            r.on_time = c is None or c.due_on is None or on <= c.due_on
        series = numbering.series_get_or_create(
            actor=actor, org=org, kind="goi-reply", year=on.year, prefix=_prefix(org, "信公复")
        )
        r.reply_number = numbering.issue(actor=actor, series=series, subject=r).text

    with transaction.atomic():
        req = transition(
            actor=actor,
            matter=request,
            to=S.ANSWERED,
            version=version,
            data={
                "reply_type": reply_type,
                "ground": ground.strip(),
                "subtype": subtype,
                "withheld": [list(p) for p in parts],
            },
            apply=apply,
            on=on,
        )
        if reply_type == ReplyType.PARTLY:
            WithheldPart.objects.bulk_create(
                WithheldPart(request=req, part=p, ground=g) for p, g in parts
            )
    return req


def request_withdraw(
    *,
    actor: Actor,
    request: DisclosureRequest,
    reason: str,
    on: dt.date,
    version: int | None = None,
) -> DisclosureRequest:
    """撤回, or 逾期未补正视为放弃 — with the reason."""
    require_role(actor, *STAFF, obj=request)
    return transition(
        actor=actor, matter=request, to=S.WITHDRAWN, reason=reason, version=version, on=on
    )
