"""GK-7 — requests whose number or frequency clearly goes beyond reason (申请公开政府信息的
数量、频次明显超过合理范围), as the regulation in force on the receipt date allows:

- the 2019 text (in force 2019-05-15) 第三十五条: the body may ask the applicant for reasons;
  unreasonable reasons → not handled (the reply 不予处理 / 无正当理由大量反复申请, an answer
  type of ``services.request_answer``); reasonable ones that cannot be met within the reply
  period → a reasonable later reply date, told to the applicant (``request_defer``);
- 第四十二条: a 信息处理费 for such requests, chargeable only under the State Council's method
  (国办函〔2020〕109号, charged from 2021-01-01 ☑, ``rules.FEE_FROM`` and time_rules.md J17): a
  fee notice (``request_fee_notice``) is refused
  for a request received earlier — none was possible in 2019;
- the 2007 text (requests received before 2019-05-15) has neither (laws-2019.md §5: GK-6 /
  GK-7 none found): both are refused for those requests, with the reason.

The reply clock (GK-4) stops on the day the later date is fixed; the reply is then on time up
to that date (the rule's note: the date entered replaces GK-4's due date, with its reason).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clocks, dates, ledger
from fazhi.core.actions import register
from fazhi.core.ledger import Actor
from fazhi.core.models import Role
from fazhi.core.scoping import require_role

from . import rules
from .models import DisclosureRequest
from .models import RequestStatus as S

DEFER = register("opengov.request.defer", gettext_lazy("确定延迟答复的合理期限"))
FEE_NOTICE = register("opengov.request.fee_notice", gettext_lazy("发出信息处理费收费通知"))
STAFF = (Role.CLERK, Role.LEADER)


def _open(request: DisclosureRequest) -> DisclosureRequest:
    req = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
    if req.status != S.RECEIVED:
        raise ValidationError(_("只有办理中的申请可以这样处理。"))
    return req


def request_defer(
    *, actor: Actor, request: DisclosureRequest, reply_by: dt.date, reason: str, on: dt.date
) -> DisclosureRequest:
    """确定延迟答复的合理期限 (第三十五条): decided by the head of the disclosure office,
    once, before the reply period runs out, to a date after it; the reason (the applicant's
    and the body's) is recorded and the applicant told."""
    require_role(
        actor,
        Role.LEADER,
        obj=request,
        message=_("确定延迟答复期限须经政府信息公开工作机构负责人决定。"),
    )
    try:
        rules.version(rules.EXCESSIVE, request.received_on)
    except LookupError:
        raise ValidationError(
            _(
                "该申请于%(d)s收到，适用2007年政府信息公开条例，该条例没有对数量、频次明显超过"
                "合理范围的申请确定延迟答复期限的规定（第三十五条自2019年5月15日起施行）。"
            )
            % {"d": dates.fmt(request.received_on)}
        ) from None
    if not (reason or "").strip():
        raise ValidationError(_("请写明申请人说明的理由和确定延迟答复期限的理由。"))
    day = dates.check_new(_("决定日期"), on, (_("收到申请日期"), request.received_on))
    with transaction.atomic():
        req = _open(request)
        if req.deferred_to:
            raise ValidationError(
                _("本申请已确定延迟答复期限至%(d)s。") % {"d": dates.fmt(req.deferred_to)}
            )
        c = rules.reply_clock(req)
        due = c.due_on if c is not None else None
        if due is not None and day > due:
            raise ValidationError(
                _("答复期限已于%(d)s届满，不能再确定延迟答复期限。") % {"d": dates.fmt(due)}
            )
        if not isinstance(reply_by, dt.date) or (due is not None and reply_by <= due):
            raise ValidationError(
                _("延迟答复的期限应晚于现行答复期限%(d)s。") % {"d": dates.fmt(due) if due else "—"}
            )
        req.deferred_to, req.deferred_reason = reply_by, reason.strip()
        req.version += 1
        req.save(update_fields=["deferred_to", "deferred_reason", "version"])
        if c is not None and c.stopped_on is None:
            clocks.stop(actor=actor, clock=c, on=day)
        ledger.record(
            actor=actor,
            action=DEFER,
            subject=req,
            data={"on": day, "reply_by": reply_by, "reason": req.deferred_reason, "due": due},
        )
    request.__dict__.update(
        deferred_to=req.deferred_to, deferred_reason=req.deferred_reason, version=req.version
    )
    return req


def request_fee_notice(
    *, actor: Actor, request: DisclosureRequest, amount, on: dt.date
) -> DisclosureRequest:
    """收费通知 for 信息处理费 (第四十二条): only for requests received once the fee method
    was in force (``rules.FEE_FROM``), once, with the amount."""
    require_role(actor, *STAFF, obj=request)
    if request.received_on < rules.FEE_FROM:
        raise ValidationError(
            _(
                "信息处理费按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取，"
                "该办法自2021年1月1日起施行；%(d)s收到的申请不能发出收费通知"
                "（政府信息公开条例第四十二条）。"
            )
            % {"d": dates.fmt(request.received_on)}
        )
    try:
        fee = Decimal(str(amount).strip()).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        fee = Decimal(0)
    if fee <= 0:
        raise ValidationError(_("请填写信息处理费金额。"))
    day = dates.check_new(_("收费通知日期"), on, (_("收到申请日期"), request.received_on))
    with transaction.atomic():
        req = _open(request)
        if req.fee_notified_on:
            raise ValidationError(
                _("本申请已于%(d)s发出收费通知。") % {"d": dates.fmt(req.fee_notified_on)}
            )
        req.fee_notified_on, req.fee_amount = day, fee
        req.version += 1
        req.save(update_fields=["fee_notified_on", "fee_amount", "version"])
        ledger.record(
            actor=actor, action=FEE_NOTICE, subject=req, data={"on": day, "fee": str(fee)}
        )
    request.__dict__.update(fee_notified_on=day, fee_amount=fee, version=req.version)
    return req
