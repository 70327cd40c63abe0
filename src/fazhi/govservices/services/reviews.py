"""好差评: the applicant rates a closed application (at the window's device, online, or by the
code in an SMS); a bad rating opens a rectification with a deadline (HP-1, ⚠ configurable)
and a reply to the applicant.
"""

from __future__ import annotations

import datetime as dt
import hmac

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from fazhi.core import clocks, dates, ledger, numbering
from fazhi.core.ledger import Actor
from fazhi.core.models import Role
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from .. import actions, rules
from ..models import Application, AppStatus, Rating, RatingChannel, Rectification, RectStatus, Score
from . import common

CLERK, LEADER = Role.CLERK, Role.LEADER


def _is_applicant(app: Application, code: str) -> bool:
    code = (code or "").strip().upper()
    return bool(code) and code in {
        app.applicant_id_number,
        app.applicant_credit_code,
        app.agent_id_number,
    } - {""}


def rate(
    *,
    actor: Actor,
    application: Application,
    score: int,
    channel: str,
    on: dt.date,
    rater_code: str,
    check_code: str = "",
    comment: str = "",
) -> Rating:
    """A closed application rated by its applicant (or the agent), once. The rater proves it
    is the applicant by the ID number or credit code on the application and — online or by
    SMS — by the check code on the receipt. A bad rating (不满意, 非常不满意) opens a
    rectification in the body."""
    require_role(actor, CLERK, obj=application, message=_("只有本单位窗口可以发起现场评价。"))
    if channel not in RatingChannel.values:
        raise ValidationError(_("评价渠道不正确。"))
    if int(score) not in Score.values:
        raise ValidationError(_("请选择评价等级。"))
    if application.status != AppStatus.CLOSED:
        raise ValidationError(
            _("办件办结后才能评价（当前状态：%(s)s）。") % {"s": application.get_status_display()}
        )
    if channel != RatingChannel.DEVICE and not hmac.compare_digest(
        (check_code or "").strip(), application.check_code
    ):
        raise PermissionDenied(_("只有申请人（或其委托代理人）可以评价本办件。"))
    if not _is_applicant(application, rater_code):
        raise PermissionDenied(_("只有申请人（或其委托代理人）可以评价本办件。"))
    dates.check_new(_("评价日期"), on, (_("办结日期"), application.closed_on))
    with transaction.atomic():
        try:
            with transaction.atomic():
                r = Rating.objects.create(
                    application=application,
                    score=int(score),
                    comment=comment.strip()[:2000],
                    channel=channel,
                    rated_on=on,
                )
        except IntegrityError as exc:
            raise ValidationError(_("该办件已经评价过。")) from exc
        ledger.record(
            actor=actor,
            action=actions.RATING,
            subject=application,
            data={"score": r.score, "channel": channel, "on": on},
            also=[r],
        )
        if r.is_bad:
            _open_rectification(actor, r)
    return r


def _open_rectification(actor: Actor, rating: Rating) -> Rectification:
    app = rating.application
    rect = Rectification.objects.create(
        org=app.org,
        rating=rating,
        received_on=rating.rated_on,
        status=RectStatus.OPEN,
        title=_("%(n)s差评整改") % {"n": app.number},
    )
    series = numbering.series_get_or_create(
        actor=actor,
        org=app.org,
        kind="gs-rect",
        year=rating.rated_on.year,
        prefix=common.prefix(app.org) + "整改",
    )
    rect.number = numbering.issue(actor=actor, series=series, subject=rect).text
    rect.save(update_fields=["number"])
    ledger.record(
        actor=actor,
        action=actions.RECT_OPEN,
        subject=rect,
        data={"application": app.number, "score": rating.score},
    )
    clocks.start(
        actor=actor, subject=rect, rule_code=rules.RECTIFY, on=rating.rated_on, label=_("整改回复")
    )
    return rect


def rectification_reply(
    *,
    actor: Actor,
    rectification: Rectification,
    measures: str,
    reply: str,
    on: dt.date,
    version: int | None = None,
) -> Rectification:
    """整改并回复: the measures taken and the reply sent to the applicant close it."""
    require_role(
        actor, CLERK, LEADER, obj=rectification, message=_("只有被评价单位的工作人员可以回复整改。")
    )
    if not measures.strip() or not reply.strip():
        raise ValidationError(_("请写明整改措施和给申请人的回复。"))
    with transaction.atomic():

        def fill(r: Rectification) -> None:
            r.measures, r.reply = measures.strip(), reply.strip()

        rect = transition(
            actor=actor,
            matter=rectification,
            to=RectStatus.REPLIED,
            on=on,
            version=version,
            apply=fill,
        )
        ledger.record(actor=actor, action=actions.RECT_REPLY, subject=rect, data={"on": on})
    return rect
