"""会商: the hotline office's consultation meeting on 问题工单 and hot spots; its decisions
are kernel supervision tasks (督办) with their clock (RX-6)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, dates, ledger, supervision
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role, SupervisionTask
from fazhi.core.scoping import require_role

from .. import actions
from ..models import Consultation, Order

TASK_RULE = "RX-6"


def meeting_hold(
    *,
    actor: Actor,
    office: Organisation,
    topic: str,
    minutes: str,
    orders: list[Order] = (),
    bodies: list[Organisation] = (),
    held_on: dt.date | None = None,
) -> Consultation:
    """Record a 会商 meeting with its agenda (问题工单 and hot spots) and minutes."""
    require_role(
        actor, Role.LEADER, org=office, message=_("只有12345热线办负责人可以召开会商会议。")
    )
    if not (topic or "").strip():
        raise ValidationError({"topic": _("请填写会商议题。")})
    on = dates.check_new(_("会商日期"), held_on or clock.today())
    wrong = [o.number for o in orders if o.office_id != office.pk]
    if wrong:
        raise ValidationError({"orders": _("不是本热线办的工单：%(n)s") % {"n": "、".join(wrong)}})
    with transaction.atomic():
        m = Consultation.objects.create(
            office=office, held_on=on, topic=topic.strip(), minutes=(minutes or "").strip()
        )
        m.orders.set(orders)
        m.bodies.set(bodies)
        ledger.record(
            actor=actor,
            action=actions.MEETING,
            subject=m,
            data={
                "on": on,
                "orders": [o.number for o in orders],
                "bodies": [b.name for b in bodies],
            },
        )
    return m


def meeting_minutes(
    *, actor: Actor, meeting: Consultation, minutes: str, report_no: str = ""
) -> Consultation:
    """纪要: the minutes of a meeting held, and the number of its report to the executive
    meeting (区政府常务会), by a leader of the hotline office."""
    require_role(
        actor,
        Role.LEADER,
        org=meeting.office,
        message=_("只有12345热线办负责人可以整理会商会议纪要。"),
    )
    minutes = (minutes or "").strip()
    if not minutes:
        raise ValidationError({"minutes": _("请填写会议纪要。")})
    with transaction.atomic():
        meeting.minutes = minutes
        meeting.report_no = (report_no or "").strip()
        meeting.save(update_fields=["minutes", "report_no"])
        ledger.record(
            actor=actor,
            action=actions.MINUTES,
            subject=meeting,
            data={"report_no": meeting.report_no, "length": len(minutes)},
        )
    return meeting


def meeting_decide(
    *,
    actor: Actor,
    meeting: Consultation,
    org: Organisation,
    title: str,
    description: str,
    on: dt.date | None = None,
) -> SupervisionTask:
    """A decision of the meeting: a supervision task for ``org`` (督办), source 'hotline',
    its reference the meeting."""
    require_role(actor, Role.SUPERVISOR, org=org, message=_("只有监督人员可以下达督办整改任务。"))
    day = dates.check_new(_("下达日期"), on or clock.today(), (_("会商日期"), meeting.held_on))
    return supervision.task_create(
        actor=actor,
        org=org,
        title=title,
        description=description,
        source="hotline",
        rule_code=TASK_RULE,
        source_ref=f"会商{meeting.pk}",
        received_on=day,
    )
