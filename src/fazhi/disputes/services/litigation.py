"""行政应诉: a district body as the defendant in a lawsuit, or as the respondent before the
higher reconsideration body. Receipt of the copy starts the answer period (SS-2: 15 days, a
hard clock; FY-5b for a reconsideration); hearings record who appeared and whether the head
of the body did; the judgment starts the appeal period (SS-6 / SS-6b); the final outcome —
a loss written against the act when it is fazhi's own — and its performance close the case.
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

from .. import actions, matterref, rules
from ..models import (
    ENDING,
    LOSSES,
    CourtHearing,
    Outcome,
    RespondentCase,
    RespondentKind,
    RespondentStatus,
    Ruling,
)
from .common import _issue_number, clean, party_problems

S = RespondentStatus
DESK = (Role.CLERK, Role.REVIEWER, Role.LEADER)


def _desk(actor: Actor, case: RespondentCase) -> None:
    require_role(
        actor,
        *DESK,
        obj=case,
        message=_("只有承办单位或被告（被申请人）的工作人员可以办理应诉事项。"),
    )


def receive(
    *,
    actor: Actor,
    org: Organisation,
    kind: str,
    respondent: Organisation,
    counterpart_kind: str,
    counterpart_name: str,
    forum: str,
    cause: str,
    received_on: dt.date,
    forum_number: str = "",
    counterpart_id_number: str = "",
    counterpart_credit_code: str = "",
    act_number: str = "",
    handler: User | None = None,
) -> RespondentCase:
    """收到起诉状副本 (or the application for reconsideration) on ``received_on``: the answer,
    the evidence and the normative documents relied on are due within the period of the
    rule in force — SS-2 (15 days) for a lawsuit, FY-5b for a reconsideration."""
    require_role(actor, *DESK, org=org, message=_("只有本单位的工作人员可以登记应诉案件。"))
    problems = party_problems(
        kind=counterpart_kind,
        name=counterpart_name,
        id_number=counterpart_id_number,
        credit_code=counterpart_credit_code,
        who=_("原告或申请人"),
        key="counterpart_",
    )
    if kind not in RespondentKind.values:
        problems["kind"] = _("请选择案件类别。")
    if not clean(forum):
        problems["forum"] = _("请填写受理法院或复议机关。")
    if not clean(cause):
        problems["cause"] = _("请填写案由。")
    msg = dates.not_future(_("收到副本日期"), received_on)
    if msg:
        problems["received_on"] = msg
    if problems:
        raise ValidationError(problems)
    ref = matterref.by_number(act_number)
    with transaction.atomic():
        case = RespondentCase.objects.create(
            org=org,
            kind=kind,
            respondent=respondent,
            counterpart_kind=counterpart_kind,
            counterpart_name=clean(counterpart_name),
            counterpart_id_number=clean(counterpart_id_number).upper(),
            counterpart_credit_code=clean(counterpart_credit_code).upper(),
            forum=clean(forum),
            forum_number=clean(forum_number),
            cause=clean(cause),
            act_number=clean(act_number),
            received_on=received_on,
            handler=handler or (actor if isinstance(actor, User) else None),
            status=S.RECEIVED,
            title=_("%(p)s诉%(r)s%(c)s") % {
                "p": clean(counterpart_name),
                "r": respondent.short_name or respondent.name,
                "c": clean(cause),
            }
            if kind == RespondentKind.LAWSUIT
            else _("%(p)s申请复议%(r)s%(c)s") % {
                "p": clean(counterpart_name),
                "r": respondent.short_name or respondent.name,
                "c": clean(cause),
            },
            **(ref.as_fields() if ref else {}),
        )  # fmt: skip
        case.number = _issue_number(
            actor=actor,
            org=org,
            kind="dis-ys-case",
            prefix=f"{org.short_name or org.name}应诉",
            year=received_on.year,
            subject=case,
        )
        case.save(update_fields=["number"])
        ledger.record(
            actor=actor,
            action=actions.YS_RECEIVE,
            subject=case,
            data={"kind": kind, "forum": case.forum, "forum_number": case.forum_number,
                  "respondent": respondent.name, "on": received_on},
        )  # fmt: skip
        clocks.start(
            actor=actor,
            subject=case,
            rule_code=rules.answer_code(kind),
            on=received_on,
            label=_("答辩举证期限"),
        )
    return case


def answer(
    *,
    actor: Actor,
    case: RespondentCase,
    on: dt.date,
    evidence_list: str,
    late_reason: str = "",
    version: int | None = None,
) -> RespondentCase:
    """提交答辩状、证据和所依据的规范性文件. After the period an answer is taken only with the
    reason for the delay, and stays on record as late (a red card: 超期办结)."""
    _desk(actor, case)
    if not clean(evidence_list):
        raise ValidationError(_("请列明答辩状、证据和所依据的规范性文件。"))
    c = rules.open_clock(case, rules.answer_code(case.kind))
    if c is not None and c.due_on is not None and on > c.due_on and not clean(late_reason):
        raise ValidationError(
            _(
                "答辩举证期限（%(c)s，收到副本之日起%(n)d日）已于%(d)s届满；"
                "逾期提交须写明逾期原因，本案将记为超期答辩（红牌）。"
            )
            % {"c": c.rule.code, "n": c.version.length, "d": dates.fmt(c.due_on)}
        )
    with transaction.atomic():
        case = transition(
            actor=actor,
            matter=case,
            to=S.ANSWERED,
            on=on,
            version=version,
            apply=lambda x: (
                setattr(x, "evidence_list", clean(evidence_list)),
                setattr(x, "answer_late_reason", clean(late_reason)),
            ),
        )
        c = rules.stop(actor, case, rules.answer_code(case.kind), on)
        ledger.record(
            actor=actor,
            action=actions.YS_ANSWER,
            subject=case,
            data={"on": on, "late": bool(c and c.due_on and on > c.due_on),
                  "late_reason": clean(late_reason)},
        )  # fmt: skip
    return case


def hearing_record(
    *,
    actor: Actor,
    case: RespondentCase,
    held_on: dt.date,
    appeared: str,
    head_appeared: bool,
    head_name: str = "",
    place: str = "",
) -> CourtHearing:
    """开庭 and who appeared; the head of the body appearing (负责人出庭应诉) is named."""
    _desk(actor, case)
    if case.status not in (S.ANSWERED, S.APPEAL, S.RECEIVED):
        raise ValidationError(_("本案当前状态不能登记庭审。"))
    if not clean(appeared):
        raise ValidationError(_("请填写出庭人员。"))
    if head_appeared and not clean(head_name):
        raise ValidationError(_("请填写出庭的负责人姓名和职务。"))
    dates.check_new(_("开庭日期"), held_on, (_("收到副本日期"), case.received_on))
    with transaction.atomic():
        h = CourtHearing.objects.create(
            case=case,
            held_on=held_on,
            place=clean(place),
            instance=2 if case.status == S.APPEAL else 1,
            appeared=clean(appeared),
            head_appeared=head_appeared,
            head_name=clean(head_name) if head_appeared else "",
        )
        ledger.record(
            actor=actor,
            action=actions.YS_HEARING,
            subject=case,
            data={"held": held_on, "instance": h.instance, "head": h.head_name},
        )
    return h


def judgment(
    *,
    actor: Actor,
    case: RespondentCase,
    on: dt.date,
    ruling: str,
    outcome: str,
    served_on: dt.date,
    version: int | None = None,
) -> RespondentCase:
    """一审裁判 (or the reconsideration decision) served on ``served_on``. A lawsuit's
    judgment runs its appeal period (SS-6 15 days; a ruling SS-6b 10 days); a reconsideration
    decision binds the respondent at once; a withdrawal or mediation ends the case."""
    _desk(actor, case)
    if ruling not in Ruling.values or outcome not in Outcome.values:
        raise ValidationError(_("请选择裁判形式和裁判结果。"))
    dates.check_new(_("裁判送达日期"), served_on, (_("裁判日期"), on))
    ending = outcome in ENDING
    final = case.kind == RespondentKind.RECONSIDERATION or ending
    with transaction.atomic():
        if ending:
            case = transition(
                actor=actor,
                matter=case,
                to=S.WITHDRAWN,
                on=on,
                reason=str(Outcome(outcome).label),
                version=version,
                apply=lambda x: _set_judgment(x, on, ruling, outcome, served_on, final=True),
            )
        else:
            case = transition(
                actor=actor,
                matter=case,
                to=S.FINAL if final else S.JUDGED,
                on=on,
                version=version,
                apply=lambda x: _set_judgment(x, on, ruling, outcome, served_on, final=final),
            )
        if not final:
            clocks.start(
                actor=actor,
                subject=case,
                rule_code=rules.appeal_code(ruling),
                on=served_on,
                label=_("上诉期限"),
                party=True,
            )
        ledger.record(
            actor=actor,
            action=actions.YS_JUDGMENT,
            subject=case,
            data={"ruling": ruling, "outcome": outcome, "served": served_on, "final": final},
        )
        if final:
            _loss_event(actor, case)
    return case


def _set_judgment(x, on, ruling, outcome, served_on, *, final: bool) -> None:
    x.judged_on, x.ruling, x.outcome, x.judgment_served_on = on, ruling, outcome, served_on
    if final:
        x.final_on, x.final_outcome = on, outcome


def appeal(
    *,
    actor: Actor,
    case: RespondentCase,
    on: dt.date,
    by_us: bool,
    version: int | None = None,
) -> RespondentCase:
    """上诉 — by the body within its period, or by the other side (recorded when known)."""
    _desk(actor, case)
    c = rules.open_clock(case, rules.appeal_code(case.ruling))
    if by_us and c is not None and c.due_on is not None and on > c.due_on:
        raise ValidationError(
            _("上诉期限（%(c)s）已于%(d)s届满。") % {"c": c.rule.code, "d": dates.fmt(c.due_on)}
        )
    with transaction.atomic():
        case = transition(
            actor=actor,
            matter=case,
            to=S.APPEAL,
            on=on,
            version=version,
            data={"by_us": by_us},
            apply=lambda x: setattr(x, "appealed_by_us", by_us),
        )
        if c is not None:
            clocks.stop(actor=actor, clock=c, on=max(on, c.started_on))
    return case


def final(
    *,
    actor: Actor,
    case: RespondentCase,
    on: dt.date,
    outcome: str = "",
    version: int | None = None,
) -> RespondentCase:
    """The outcome becomes final: the first-instance judgment once nobody appealed within
    the period, or the second-instance judgment (``outcome``)."""
    _desk(actor, case)
    second = case.status == S.APPEAL
    if second and outcome not in Outcome.values:
        raise ValidationError(_("请选择二审裁判结果。"))
    result = outcome if second else case.outcome
    with transaction.atomic():
        case = transition(
            actor=actor,
            matter=case,
            to=S.FINAL,
            on=on,
            version=version,
            data={"outcome": result, "second_instance": second},
            apply=lambda x: setattr(x, "final_outcome", result),
        )
        rules.stop(actor, case, rules.appeal_code(case.ruling), on)
        _loss_event(actor, case)
    return case


def perform(
    *,
    actor: Actor,
    case: RespondentCase,
    on: dt.date,
    performance: str,
    version: int | None = None,
) -> RespondentCase:
    """履行生效裁判 (or nothing to perform: a won case) — the case is closed."""
    _desk(actor, case)
    with transaction.atomic():
        case = transition(
            actor=actor,
            matter=case,
            to=S.CLOSED,
            on=on,
            version=version,
            data={"performance": clean(performance)},
            apply=lambda x: setattr(x, "performance", clean(performance)),
        )
        ledger.record(
            actor=actor,
            action=actions.YS_PERFORM,
            subject=case,
            data={"on": on, "performance": clean(performance)},
        )
    return case


def withdraw(
    *, actor: Actor, case: RespondentCase, on: dt.date, reason: str, version: int | None = None
) -> RespondentCase:
    """撤诉 (or the application withdrawn) before judgment."""
    _desk(actor, case)
    return transition(
        actor=actor,
        matter=case,
        to=S.WITHDRAWN,
        on=on,
        reason=reason,
        version=version,
        apply=lambda x: (
            setattr(x, "final_outcome", Outcome.WITHDRAWN),
            setattr(x, "final_on", on),
        ),
    )


def _loss_event(actor: Actor, case: RespondentCase) -> None:
    ref = matterref.ref_of(case)
    if ref is None or case.final_outcome not in LOSSES:
        return
    ledger.record(
        actor=actor,
        action=actions.YS_LOSS,
        subject_ref=(ref.type, ref.id, ref.label),
        org=case.respondent,
        data={
            "case": case.number,
            "forum": case.forum,
            "forum_number": case.forum_number,
            "outcome": case.final_outcome,
            "outcome_label": str(Outcome(case.final_outcome).label),
            "final_on": case.final_on,
        },
    )
