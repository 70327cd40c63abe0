"""Every write on an accepted application: review steps (the time the law does not count
pauses XK-3, Art.45), the extension approved by the head of the agency (Art.42), the
decision (refusals with reasons and remedies, Art.38), issuing and closing (XK-6, Art.44);
items decided on the spot (Art.34 para 2); approval on the applicant's written commitment
(告知承诺制) with its post-approval check, revocation and credit record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clocks, dates, ledger, scoping
from fazhi.core.ledger import Actor
from fazhi.core.models import Role, User
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from .. import actions, rules, states
from ..models import (
    Application,
    AppStatus,
    CheckResult,
    CreditRecord,
    ImplementationEntry,
    ItemMaterial,
    NoticeKind,
    Outcome,
    PostCheck,
    ReviewStep,
    StepKind,
)
from . import applications, common
from .catalogue import actor_name

S = AppStatus
CLERK, LEADER, OFFICER = Role.CLERK, Role.LEADER, Role.OFFICER


def step_start(
    *,
    actor: Actor,
    application: Application,
    kind: str,
    on: dt.date,
    note: str = "",
    days_needed: int = 0,
) -> ReviewStep:
    """A review step: site inspection, public notice, hearing, expert review, testing …
    Those the XK-3 rule does not count (its ``pauses``: 听证, 检验, 检测, 检疫, 鉴定, 专家评审,
    招标, 拍卖) pause the decision clock, and the applicant is told in writing how long they
    need (Art.45)."""
    require_role(
        actor, CLERK, LEADER, obj=application, message=_("只有本单位工作人员可以登记审查环节。")
    )
    if application.status != S.ACCEPTED:
        raise ValidationError(_("只有审查中的办件可以登记审查环节。"))
    if kind not in StepKind.values:
        raise ValidationError(_("审查环节不正确。"))
    if application.steps.filter(ended_on__isnull=True, paused_clock=True).exists():
        raise ValidationError(_("上一个不计入期限的审查环节尚未结束。"))
    dates.check_new(_("开始日期"), on, (_("受理日期"), application.accepted_on))
    label = str(StepKind(kind).label)
    c = states.open_clock(application, rules.DECISION)
    pauses = c is not None and label in (c.version.pauses or [])
    if pauses and days_needed <= 0:
        raise ValidationError(
            _(
                "%(k)s所需时间不计入审查期限，须书面告知申请人所需时间（行政许可法第四十五条），请填写所需天数。"
            )
            % {"k": label}
        )
    with transaction.atomic():
        step = ReviewStep.objects.create(
            application=application,
            kind=kind,
            started_on=on,
            paused_clock=pauses,
            note=note.strip(),
        )
        ledger.record(
            actor=actor,
            action=actions.APP_STEP,
            subject=application,
            data={"kind": kind, "on": on, "pauses": pauses},
            also=[step],
        )
        if pauses:
            clocks.pause(actor=actor, clock=c, on=on, reason=label)
            common.notice_issue(
                actor, application, NoticeKind.TIME_NEEDED, on, {"step": label, "days": days_needed}
            )
    return step


def step_end(*, actor: Actor, step: ReviewStep, on: dt.date, note: str = "") -> ReviewStep:
    app = step.application
    require_role(actor, CLERK, LEADER, obj=app, message=_("只有本单位工作人员可以登记审查环节。"))
    if step.ended_on is not None:
        raise ValidationError(_("该审查环节已于 %(d)s 结束。") % {"d": step.ended_on})
    dates.check_new(_("结束日期"), on, (_("开始日期"), step.started_on))
    with transaction.atomic():
        step.ended_on = on
        step.note = "\n".join(x for x in (step.note, note.strip()) if x)
        step.save(update_fields=["ended_on", "note"])
        ledger.record(
            actor=actor,
            action=actions.APP_STEP,
            subject=app,
            data={"kind": step.kind, "ended": on},
            also=[step],
        )
        c = states.open_clock(app, rules.DECISION)
        if step.paused_clock and c is not None and c.paused:
            clocks.resume(actor=actor, clock=c, on=on)
    return step


def extend(
    *, actor: Actor, application: Application, by: int, reason: str, on: dt.date
) -> Application:
    """延长审查期限: approved by the head of the agency, the reason told to the applicant in
    writing (Art.42 para 1: at most 10 working days)."""
    require_role(
        actor, LEADER, obj=application, message=_("延长审查期限须经本行政机关负责人批准。")
    )
    c = states.open_clock(application, rules.DECISION)
    if application.status != S.ACCEPTED or c is None:
        raise ValidationError(_("只有审查中的行政许可办件可以延长审查期限。"))
    dates.check_new(_("批准日期"), on, (_("受理日期"), application.accepted_on))
    with transaction.atomic():
        c = clocks.extend(actor=actor, clock=c, by=by, approver=actor_name(actor), reason=reason)
        common.notice_issue(
            actor,
            application,
            NoticeKind.EXTENSION,
            on,
            {"by": by, "reason": reason, "due": c.due_on},
        )
        ledger.record(
            actor=actor,
            action=actions.APP_EXTEND,
            subject=application,
            data={"by": by, "reason": reason, "due": c.due_on, "on": on},
        )
    return application


def decide(
    *,
    actor: Actor,
    application: Application,
    outcome: str,
    on: dt.date,
    reasons: str = "",
    late_reason: str = "",
    version: int | None = None,
    notice_kind: str = "",
) -> Application:
    """作出决定: a refusal states its reasons and the remedies with their periods; a decision
    after XK-3 needs the approved extension first (``rules.late_decision_problem``). A grant
    of a licence starts the 10 working days to issue it (XK-6)."""
    require_role(
        actor, CLERK, LEADER, obj=application, message=_("只有本单位工作人员可以作出决定。")
    )
    remedies = rules.remedies(_root_name(application), on) if outcome == Outcome.REFUSED else ""
    with transaction.atomic():

        def fill(a: Application) -> None:
            a.outcome, a.reasons = outcome, reasons.strip()

        app = transition(
            actor=actor,
            matter=application,
            to=S.DECIDED,
            on=on,
            reason=reasons,
            version=version,
            apply=fill,
            data={"outcome": outcome, "late_reason": late_reason.strip()},
        )
        kind = notice_kind or (
            NoticeKind.GRANT if outcome == Outcome.GRANTED else NoticeKind.REFUSAL
        )
        common.notice_issue(
            actor, app, kind, on, {"outcome": outcome, "reasons": app.reasons, "remedies": remedies}
        )
        c = states.open_clock(app, rules.DECISION)
        if c is not None:
            clocks.stop(actor=actor, clock=c, on=on)
        if (
            outcome == Outcome.GRANTED
            and rules.statutory_clocks(app.item.kind)
            and not app.on_the_spot
        ):
            clocks.start(
                actor=actor, subject=app, rule_code=rules.ISSUE, on=on, label=_("颁发证件")
            )
    return app


def _root_name(app: Application) -> str:
    return common.root_of(app.org).name


def close(
    *,
    actor: Actor,
    application: Application,
    at: dt.datetime,
    certificate_number: str = "",
    version: int | None = None,
) -> Application:
    """送达办结: the licence issued (its number) or the decision served; the promise is kept
    if this moment is not after ``promised_due_at``."""
    require_role(actor, CLERK, obj=application, message=_("只有本单位窗口人员可以办结。"))
    at = common.aware(at)
    day = common.local(at).date()
    if (
        application.outcome == Outcome.GRANTED
        and application.item.kind == "licence"
        and not certificate_number.strip()
    ):
        raise ValidationError(_("准予许可的，请填写颁发的证照编号。"))
    with transaction.atomic():

        def fill(a: Application) -> None:
            a.closed_at, a.certificate_number = at, certificate_number.strip()

        app = transition(
            actor=actor, matter=application, to=S.CLOSED, on=day, version=version, apply=fill
        )
        applications._package_follows(actor, app, day)
    return app


def _at_once(
    actor: Actor, app: Application, at: dt.datetime, certificate_number: str, kind: str
) -> Application:
    day = common.local(at).date()
    app.on_the_spot = True
    app.save(update_fields=["on_the_spot"])
    app = applications.accept(actor=actor, application=app, at=at)
    app = decide(actor=actor, application=app, outcome=Outcome.GRANTED, on=day, notice_kind=kind)
    return close(actor=actor, application=app, at=at, certificate_number=certificate_number)


def on_the_spot(
    *,
    actor: Actor,
    entry: ImplementationEntry,
    at: dt.datetime,
    received: Iterable[ItemMaterial],
    certificate_number: str = "",
    **applicant,
) -> Application:
    """即办件 (Art.34 para 2): received, accepted, decided and issued at the window at once —
    only for an item so marked and with every material there."""
    require_role(
        actor, CLERK, org=applicant.get("org") or entry.org, message=_("只有窗口人员可以当场办结。")
    )
    if not entry.on_the_spot:
        raise ValidationError(_("“%(i)s”不是即办件。") % {"i": entry.item.name})
    with transaction.atomic():
        app = applications.receive(
            actor=actor, entry=entry, channel="window", at=at, received=received, **applicant
        )
        missing = states.missing_materials(app)
        if missing:
            raise ValidationError(
                _("材料不齐全，不能当场办结。缺少：%(m)s。") % {"m": "、".join(missing)}
            )
        return _at_once(actor, app, at, certificate_number, NoticeKind.GRANT)


def commitment_approve(
    *,
    actor: Actor,
    entry: ImplementationEntry,
    at: dt.datetime,
    received: Iterable[ItemMaterial],
    certificate_number: str = "",
    **applicant,
) -> Application:
    """告知承诺制: the applicant signs the item's commitment; the licence is granted at once
    (准予许可通知书) and a post-approval check is due within the item's limit (natural days,
    moved to the next working day)."""
    require_role(
        actor,
        CLERK,
        org=applicant.get("org") or entry.org,
        message=_("只有窗口人员可以办理告知承诺。"),
    )
    if not entry.commitment:
        raise ValidationError(_("“%(i)s”未实行告知承诺制。") % {"i": entry.item.name})
    with transaction.atomic():
        app = applications.receive(
            actor=actor, entry=entry, channel="window", at=at, received=received, **applicant
        )
        day = common.local(common.aware(at)).date()
        app.commitment_signed_on = day
        app.save(update_fields=["commitment_signed_on"])
        app = _at_once(actor, app, at, certificate_number, NoticeKind.COMMITMENT)
        due, guessed = common.workday_after(day, entry.post_check_days)
        check = PostCheck.objects.create(application=app, due_on=due, due_provisional=guessed)
        ledger.record(
            actor=actor,
            action=actions.APP_POST_CHECK,
            subject=app,
            data={"scheduled": check.due_on, "text": entry.commitment_text[:200]},
            also=[check],
        )
    return app


def post_check_assign(*, actor: Actor, check: PostCheck, to: User) -> PostCheck:
    app = check.application
    require_role(actor, LEADER, obj=app, message=_("只有本单位负责人可以指派核查人员。"))
    if not scoping.has_role(to, CLERK, OFFICER, LEADER, org=app.org):
        raise ValidationError(_("%(u)s 不是本单位工作人员。") % {"u": to})
    if check.checked_on is not None:
        raise ValidationError(_("该核查已完成。"))
    with transaction.atomic():
        check.assigned_to = to
        check.save(update_fields=["assigned_to"])
        ledger.record(
            actor=actor,
            action=actions.APP_POST_CHECK,
            subject=app,
            data={"assigned": to.pk},
            also=[check],
        )
    return check


def post_check_record(
    *, actor: Actor, check: PostCheck, on: dt.date, result: str, note: str
) -> PostCheck:
    """The check's result: by the assigned member of staff (or the head of the body)."""
    app = check.application
    require_role(
        actor, CLERK, OFFICER, LEADER, obj=app, message=_("只有本单位工作人员可以登记核查结果。")
    )
    if (
        isinstance(actor, User)
        and check.assigned_to_id not in (None, actor.pk)
        and not scoping.has_role(actor, LEADER, obj=app)
    ):
        raise PermissionDenied(_("该核查已指派给%(u)s。") % {"u": check.assigned_to})
    if result not in CheckResult.values or not note.strip():
        raise ValidationError(_("请选择核查结果并写明核查情况。"))
    if check.checked_on is not None:
        raise ValidationError(_("该核查已于 %(d)s 完成。") % {"d": check.checked_on})
    dates.check_new(_("核查日期"), on, (_("决定日期"), app.decided_on))
    with transaction.atomic():
        check.checked_on, check.result, check.note = on, result, note.strip()
        check.save(update_fields=["checked_on", "result", "note"])
        ledger.record(
            actor=actor,
            action=actions.APP_POST_CHECK,
            subject=app,
            data={"result": result, "on": on},
            also=[check],
        )
    return check


def revoke(*, actor: Actor, application: Application, on: dt.date, reason: str) -> Application:
    """A false commitment: the licence is revoked and the applicant's credit record made."""
    require_role(actor, LEADER, obj=application, message=_("撤销许可须经本机关负责人决定。"))
    check = getattr(application, "post_check", None)
    if check is None or check.result != CheckResult.FALSE:
        raise ValidationError(_("只有事后核查认定承诺不实的，才能据此撤销许可。"))
    with transaction.atomic():
        app = transition(actor=actor, matter=application, to=S.REVOKED, on=on, reason=reason)
        rec = CreditRecord.objects.create(
            subject_name=app.applicant_name,
            subject_code=app.applicant_code,
            org=app.org,
            application=app,
            reason=reason.strip(),
            recorded_on=on,
            recorded_by=actor if isinstance(actor, User) else None,
        )
        ledger.record(
            actor=actor,
            action=actions.APP_CREDIT,
            subject=app,
            data={"on": on, "reason": rec.reason},
            also=[rec],
        )
    return app
