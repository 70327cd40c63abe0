"""Suggestions from registration to the deputy's evaluation: 登记, 交办 to a lead body with
co-handlers (its reply clock starts on the day), 申请调整 (back to the office), 答复 after at
least one 面商/沟通, and the evaluation — satisfied closes it, dissatisfied sends it back to
the same body for another round with a new clock. Every status change goes through the
kernel's ``transition()`` and ``states.SUGGESTION_TRANSITIONS``."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, clocks, dates, ledger, numbering
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from .. import actions
from ..models import CoHandler, Evaluation, Point, ResultClass, Suggestion, SuggestionKind
from ..models import SuggestionStatus as S
from .common import OFFICE_ROLES, reply_rule, require_lead, require_office, stop_open

NUMBER_KIND = "suggestion"


def _number(actor: Actor, s: Suggestion) -> str:
    prefix = "建" if s.kind == SuggestionKind.NPC else "提"
    series = numbering.series_get_or_create(
        actor=actor,
        org=s.office,
        kind=f"{NUMBER_KIND}-{s.kind}",
        year=s.received_on.year,
        prefix=prefix,
        pattern="{prefix}〔{year}〕{n}号",
    )
    return numbering.issue(actor=actor, series=series, subject=s).text


def suggestion_create(
    *,
    actor: Actor,
    office: Organisation,
    kind: str,
    session: str,
    serial: str,
    author: str,
    title: str,
    text: str,
    co_authors: str = "",
    received_on: dt.date | None = None,
) -> Suggestion:
    """登记 a suggestion or proposal the office received from the 人大常委会 or the 政协."""
    require_role(
        actor, *OFFICE_ROLES, org=office, message=_("只有区政府办的工作人员可以登记建议提案。")
    )
    errors = {}
    if kind not in SuggestionKind.values:
        errors["kind"] = _("请选择类别：人大代表建议或政协提案。")
    for field, value, msg in (
        ("session", session, _("请填写会议名称（如区十七届人大四次会议）。")),
        ("serial", serial, _("请填写建议（提案）号。")),
        ("author", author, _("请填写领衔代表（委员）姓名。")),
        ("title", title, _("请填写标题。")),
        ("text", text, _("请填写内容。")),
    ):
        if not (value or "").strip():
            errors[field] = msg
    if errors:
        raise ValidationError(errors)
    on = dates.check_new(_("收到日期"), received_on or clock.today())
    dup = Suggestion.objects.filter(
        office=office, kind=kind, session=session.strip(), serial=serial.strip()
    ).first()
    if dup is not None:
        raise ValidationError(
            {"serial": _("该会议的%(s)s号已登记：%(n)s") % {"s": serial, "n": dup.number}}
        )
    with transaction.atomic():
        s = Suggestion.objects.create(
            org=office,
            office=office,
            kind=kind,
            session=session.strip(),
            serial=serial.strip(),
            author=author.strip(),
            co_authors=(co_authors or "").strip(),
            title=title.strip()[:300],
            text=text.strip(),
            status=S.RECEIVED,
            received_on=on,
        )
        s.number = _number(actor, s)
        s.save(update_fields=["number"])
        ledger.record(
            actor=actor,
            action=actions.CREATE,
            subject=s,
            data={"kind": kind, "session": s.session, "serial": s.serial, "on": on},
        )
    return s


def suggestion_assign(
    *,
    actor: Actor,
    suggestion: Suggestion,
    body: Organisation | None,
    cohandlers: list[Organisation] = (),
    difficult: bool = False,
    on: dt.date | None = None,
    version: int | None = None,
) -> Suggestion:
    """交办 to the lead body (主办) with the co-handlers (会办); the reply clock (RD-1/RD-2 or
    TA-1/TA-2) starts on the day of 交办."""
    require_office(actor, suggestion)
    if body is None:
        raise ValidationError({"body": _("请选择主办单位。")})
    if body.pk == suggestion.office_id:
        raise ValidationError({"body": _("交办机关不能作为主办单位。")})
    if not body.is_active:
        raise ValidationError({"body": _("主办单位已停用：%(o)s") % {"o": body.name}})
    on = on or clock.today()
    extra = [o for o in cohandlers if o.pk != body.pk]

    def apply(s: Suggestion) -> None:
        s.org, s.difficult = body, bool(difficult)

    with transaction.atomic():
        s = transition(
            actor=actor,
            matter=suggestion,
            to=S.ASSIGNED,
            version=version,
            data={"body": body.pk, "body_name": body.name, "difficult": bool(difficult)},
            apply=apply,
            on=on,
        )
        for org in extra:
            ch, created = CoHandler.objects.get_or_create(suggestion=s, org=org)
            if created:
                ledger.record(
                    actor=actor,
                    action=actions.COHANDLER,
                    subject=s,
                    also=[ch],
                    data={"org": org.pk, "org_name": org.name},
                )
        _start_clock(actor, s, on)
    return s


def _start_clock(actor: Actor, s: Suggestion, on: dt.date) -> None:
    clocks.start(
        actor=actor,
        subject=s,
        rule_code=reply_rule(s),
        on=on,
        org=s.org,
        label=_("答复期限"),
    )


def suggestion_return(
    *,
    actor: Actor,
    suggestion: Suggestion,
    reason: str,
    on: dt.date | None = None,
    version: int | None = None,
) -> Suggestion:
    """申请调整承办单位: not the body's responsibility; back to the office with the reason,
    the clock stops."""
    require_lead(actor, suggestion)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请写明申请调整的理由。")})
    on = on or clock.today()

    def apply(s: Suggestion) -> None:
        s.org = s.office

    with transaction.atomic():
        s = transition(
            actor=actor,
            matter=suggestion,
            to=S.RECEIVED,
            version=version,
            reason=reason,
            data={"from_org": suggestion.org_id},
            apply=apply,
            on=on,
        )
        stop_open(actor, s, on)
    return s


def _reply_number(actor: Actor, s: Suggestion, on: dt.date) -> str:
    """答复文号 in the lead body's yearly series: 测住建建复〔2019〕12号 for a deputy's
    suggestion, …提复… for a proposal."""
    series = numbering.series_get_or_create(
        actor=actor,
        org=s.org,
        kind=f"{NUMBER_KIND}-reply-{s.kind}",
        year=on.year,
        prefix=f"{s.org.short_name or s.org.name}{'建复' if s.kind == SuggestionKind.NPC else '提复'}",
    )
    return numbering.issue(actor=actor, series=series, subject=s).text


def _check_points(points) -> list[tuple[str, str, str]]:
    out, errors = [], []
    for i, (text, cls, answer) in enumerate(points, 1):
        text, answer = (text or "").strip(), (answer or "").strip()
        if not (text or answer or cls):
            continue
        if not text or not answer or cls not in ResultClass.values:
            errors.append(_("第%(i)d个问题须填写问题、答复分类（A至D类）和答复意见。") % {"i": i})
        out.append((text, cls, answer))
    if errors:
        raise ValidationError({"points": errors})
    return out


def suggestion_reply(
    *,
    actor: Actor,
    suggestion: Suggestion,
    reply: str,
    result_class: str = "",
    points: list[tuple[str, str, str]] = (),
    on: dt.date | None = None,
    version: int | None = None,
) -> Suggestion:
    """答复 by the lead body (after 面商/沟通); the clock stops and the reply is numbered in
    the body's series. A suggestion of several issues is answered issue by issue
    (``points``: text, class A–D, answer); its own class is then the least solved of them
    (the latest letter), else the ``result_class`` given."""
    require_lead(actor, suggestion)
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": _("请填写答复内容。")})
    points = _check_points(points)
    if points:
        result_class = max(cls for _t, cls, _a in points)
    if result_class not in ResultClass.values:
        raise ValidationError({"result_class": _("请选择答复分类（A类、B类、C类或D类）。")})
    on = on or clock.today()

    def apply(s: Suggestion) -> None:
        s.reply, s.result_class = reply, result_class

    with transaction.atomic():
        s = transition(
            actor=actor,
            matter=suggestion,
            to=S.REPLIED,
            version=version,
            data={
                "reply": reply,
                "result_class": result_class,
                "points": [f"{t}：{c}" for t, c, _a in points],
            },
            apply=apply,
            on=on,
        )
        stop_open(actor, s, on)
        Point.objects.filter(suggestion=s).delete()
        Point.objects.bulk_create(
            Point(suggestion=s, n=i, text=t, result_class=c, answer=a)
            for i, (t, c, a) in enumerate(points, 1)
        )
        s.reply_number = _reply_number(actor, s, on)
        Suggestion.objects.filter(pk=s.pk).update(reply_number=s.reply_number)
    return s


def suggestion_evaluate(
    *,
    actor: Actor,
    suggestion: Suggestion,
    evaluation: str,
    reason: str = "",
    on: dt.date | None = None,
    version: int | None = None,
) -> Suggestion:
    """The deputy's (member's) evaluation, recorded by the office: 满意 or 基本满意 closes
    it; 不满意 (with the reason) sends it back to the same lead body for another round, with
    a new reply clock from the evaluation day."""
    require_office(actor, suggestion)
    if evaluation not in Evaluation.values:
        raise ValidationError({"evaluation": _("请选择评价：满意、基本满意或不满意。")})
    reason = (reason or "").strip()
    if evaluation == Evaluation.DISSATISFIED and not reason:
        raise ValidationError({"reason": _("代表（委员）不满意时须记录不满意的原因。")})
    on = on or clock.today()

    def apply(s: Suggestion) -> None:
        s.evaluation, s.evaluated_on = evaluation, on
        if evaluation == Evaluation.DISSATISFIED:
            s.rounds += 1
            s.assigned_on, s.replied_on = on, None

    with transaction.atomic():
        if evaluation == Evaluation.DISSATISFIED:
            s = transition(
                actor=actor,
                matter=suggestion,
                to=S.ASSIGNED,
                version=version,
                reason=reason,
                data={"evaluation": evaluation},
                apply=apply,
                on=on,
            )
            _start_clock(actor, s, on)
        else:
            s = transition(
                actor=actor,
                matter=suggestion,
                to=S.CLOSED,
                version=version,
                data={"evaluation": evaluation},
                apply=apply,
                on=on,
            )
    return s
