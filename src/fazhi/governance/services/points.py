"""The year's work points (工作要点): the plan, its points with their lead and supporting
bodies, the issue (下发: every point's GV-1 clock starts that day), progress reports with
evidence by the bodies, the lead body's report of completion and the office's confirmation
(or return). Every status change goes through the kernel's ``transition()`` and
``states.POINT_TRANSITIONS``."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, clocks, dates, ledger, scoping, unique
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation
from fazhi.core.workflow import transition

from .. import actions
from ..models import PointStatus as S
from ..models import Progress, Supporter, WorkPlan, WorkPoint
from .common import RULE_CODE, STAFF, evidence, in_org, require_lead, require_office


def plan_create(
    *,
    actor: Actor,
    org: Organisation,
    office: Organisation,
    year: int,
    title: str,
    number: str = "",
) -> WorkPlan:
    """The committee's 《…年工作要点》, drafted by its office; one per committee per year."""
    require_office(actor, None, office)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("请填写工作要点标题。")})
    if not 2000 <= int(year) <= clock.today().year + 1:
        raise ValidationError({"year": _("年度不正确：%(y)s") % {"y": year}})
    taken = {"year": _("%(o)s %(y)s年的工作要点已登记。") % {"o": org.name, "y": year}}
    with transaction.atomic(), unique.conflict_as(taken):
        if WorkPlan.objects.filter(org=org, year=year).exists():
            raise ValidationError(taken)
        plan = WorkPlan.objects.create(
            org=org, office=office, year=year, title=title, number=(number or "").strip()
        )
        ledger.record(
            actor=actor,
            action=actions.PLAN,
            subject=plan,
            data={"year": year, "title": title, "number": plan.number},
        )
    return plan


def point_create(
    *,
    actor: Actor,
    plan: WorkPlan,
    seq: int,
    title: str,
    text: str,
    lead: Organisation | None,
    supporters: list[Organisation] = (),
    category: str = "",
    received_on: dt.date | None = None,
) -> WorkPoint:
    """One point of the plan (entered on the page or a row of the committee's spreadsheet),
    waiting to be issued with the plan; its number is the plan's year and its 序号."""
    require_office(actor, plan, plan.office)
    errors = {}
    if lead is None:
        errors["lead"] = _("请选择牵头单位。")
    elif not lead.is_active:
        errors["lead"] = _("牵头单位已停用：%(o)s") % {"o": lead.name}
    if not (title or "").strip():
        errors["title"] = _("请填写任务名称。")
    if not (text or "").strip():
        errors["text"] = _("请填写任务内容。")
    try:
        seq = int(seq)
        if seq < 1:
            raise ValueError
    except (TypeError, ValueError):
        errors["seq"] = _("序号应为正整数。")
    if errors:
        raise ValidationError(errors)
    on = dates.check_new(_("登记日期"), received_on or clock.today())
    extra = list({o.pk: o for o in supporters if o.pk != lead.pk}.values())
    taken = {"seq": _("工作要点第%(n)s项已登记。") % {"n": seq}}
    with transaction.atomic():
        WorkPlan.objects.select_for_update().get(pk=plan.pk)
        if WorkPoint.objects.filter(plan=plan, seq=seq).exists():
            raise ValidationError(taken)
        with unique.conflict_as(taken):
            p = WorkPoint.objects.create(
                plan=plan,
                office=plan.office,
                org=lead,
                seq=seq,
                number=f"{plan.year}-{seq:02d}",
                title=title.strip()[:300],
                text=text.strip(),
                category=(category or "").strip(),
                status=S.DRAFT,
                received_on=on,
            )
        sups = [Supporter.objects.create(point=p, org=o) for o in extra]
        ledger.record(
            actor=actor,
            action=actions.POINT,
            subject=p,
            also=sups,
            data={
                "plan": plan.pk,
                "seq": seq,
                "lead": lead.name,
                "supporters": [o.name for o in extra],
                "on": on,
            },
        )
    return p


def point_issue(
    *, actor: Actor, point: WorkPoint, on: dt.date | None = None, version: int | None = None
) -> WorkPoint:
    """下发 one point: the lead body's GV-1 clock starts on the day."""
    require_office(actor, point, point.office)
    on = on or clock.today()
    with transaction.atomic():
        p = transition(actor=actor, matter=point, to=S.ASSIGNED, version=version, on=on)
        clocks.start(
            actor=actor, subject=p, rule_code=RULE_CODE, on=on, org=p.org, label=_("完成时限")
        )
    return p


def plan_issue(*, actor: Actor, plan: WorkPlan, on: dt.date | None = None) -> WorkPlan:
    """下发 the plan: its date, and every point waiting with it."""
    require_office(actor, plan, plan.office)
    on = on or clock.today()
    with transaction.atomic():
        locked = WorkPlan.objects.select_for_update().get(pk=plan.pk)
        if locked.issued_on is not None:
            raise ValidationError(_("工作要点已于%(d)s下发。") % {"d": dates.fmt(locked.issued_on)})
        drafts = list(locked.points.filter(status=S.DRAFT))
        if not drafts:
            raise ValidationError(_("工作要点还没有任务，不能下发。"))
        on = dates.check_new(_("下发日期"), on, (_("登记日期"), max(p.received_on for p in drafts)))
        locked.issued_on = on
        locked.save(update_fields=["issued_on"])
        ledger.record(actor=actor, action=actions.PLAN, subject=locked, data={"issued_on": on})
        for p in drafts:
            point_issue(actor=actor, point=p, on=on)
    return locked


def progress_report(
    *,
    actor: Actor,
    point: WorkPoint,
    org: Organisation,
    text: str,
    on: dt.date | None = None,
    file=None,
    file_name: str = "",
) -> Progress:
    """工作进展 by the lead body or a supporting body, with its evidence (佐证材料)."""
    message = _("只有牵头单位或配合单位的工作人员可以报送工作进展。")
    scoping.require_role(actor, *STAFF, obj=point, message=message)
    bodies = {point.org_id, *point.supporters.values_list("org_id", flat=True)}
    if org.pk not in bodies or not in_org(actor, org, *STAFF):
        raise PermissionDenied(message)
    if point.status != S.ASSIGNED:
        raise ValidationError(_("任务推进中时才能报送工作进展。"))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("请填写进展情况。")})
    on = dates.check_new(_("报送日期"), on or clock.today(), (_("下发日期"), point.issued_on))
    with transaction.atomic():
        att = evidence(actor, file, file_name, point)
        pr = Progress.objects.create(point=point, org=org, on=on, text=text, attachment=att)
        ledger.record(
            actor=actor,
            action=actions.PROGRESS,
            subject=point,
            also=[pr],
            data={"org": org.name, "text": text, "on": on},
            attachments=[att.sha256] if att else (),
        )
    return pr


def point_report_done(
    *,
    actor: Actor,
    point: WorkPoint,
    result: str,
    on: dt.date | None = None,
    version: int | None = None,
) -> WorkPoint:
    """The lead body reports the point complete (after at least one progress report)."""
    require_lead(actor, point)
    result = (result or "").strip()
    if not result:
        raise ValidationError({"result": _("请填写完成情况。")})
    on = on or clock.today()
    if point.progress.filter(on__gt=on).exists():
        raise ValidationError(_("报完成日期不能早于已报送的工作进展。"))

    def apply(p: WorkPoint) -> None:
        p.result = result

    return transition(
        actor=actor,
        matter=point,
        to=S.REPORTED,
        version=version,
        data={"result": result},
        apply=apply,
        on=on,
    )


def point_confirm(
    *, actor: Actor, point: WorkPoint, on: dt.date | None = None, version: int | None = None
) -> WorkPoint:
    """The office confirms the completion; the clock stops on the day the lead body
    reported it (the body's lateness is measured to its report, not to the office's check)."""
    require_office(actor, point, point.office)
    on = on or clock.today()
    with transaction.atomic():
        if point.reported_on is not None:  # stopped first: the kernel would stop it today
            for c in clocks.for_subject(point).filter(stopped_on__isnull=True):
                clocks.stop(actor=actor, clock=c, on=max(point.reported_on, c.started_on))
        return transition(actor=actor, matter=point, to=S.DONE, version=version, on=on)


def point_return(
    *,
    actor: Actor,
    point: WorkPoint,
    reason: str,
    on: dt.date | None = None,
    version: int | None = None,
) -> WorkPoint:
    """The office sends a reported completion back: not done yet; the clock runs on."""
    require_office(actor, point, point.office)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请写明退回的理由。")})

    def apply(p: WorkPoint) -> None:
        p.reported_on = None

    return transition(
        actor=actor,
        matter=point,
        to=S.ASSIGNED,
        version=version,
        reason=reason,
        apply=apply,
        on=on or clock.today(),
    )
