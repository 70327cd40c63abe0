"""Major administrative decisions: the annual catalogue (published after the party
committee agrees, Art.3), each decision's statutory steps (public participation, expert
argument, risk assessment, legality review — Arts.14–28), the meeting with the Justice
Bureau's head present, the decision, its publication with the explanation (Art.32), the
post-decision evaluation (Art.36) and the archive (Art.33)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import dates, ledger
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role, User
from fazhi.core.scoping import require_role
from fazhi.core.workflow import transition

from .. import actions, uploads
from ..models import (
    CatalogueItem,
    DecisionCatalogue,
    DecisionStatus,
    DecisionStep,
    MajorDecision,
    ReviewKind,
    StepKind,
)
from . import reviews
from .common import matter_number

M = DecisionStatus
CLERK, LEADER = Role.CLERK, Role.LEADER
# steps recorded by the department preparing the decision (legality review has its own
# request; the evaluation comes after publication)
PREP_STEPS = (StepKind.PARTICIPATION, StepKind.EXPERT, StepKind.RISK, StepKind.PARTY)


def catalogue_save(
    *,
    actor: Actor,
    org: Organisation,
    year: int,
    title: str,
    items: list[tuple[str, Organisation, str, str]],
) -> DecisionCatalogue:
    """决策事项目录: the year's items (title, lead department, basis, planned time)."""
    require_role(
        actor, CLERK, LEADER, org=org, message=_("只有决策机关的工作人员可以编制决策事项目录。")
    )
    if not title.strip() or not items:
        raise ValidationError(_("请填写目录名称和至少一个决策事项。"))
    with transaction.atomic():
        cat, _c = DecisionCatalogue.objects.select_for_update().get_or_create(
            org=org, year=year, defaults={"title": title.strip()}
        )
        if cat.published_on:
            raise ValidationError(_("%(y)d年度目录已公布，不能再修改。") % {"y": year})
        cat.title = title.strip()
        cat.save(update_fields=["title"])
        start = cat.items.count()
        for i, (name, lead, basis, planned) in enumerate(items, start=start + 1):
            if not name.strip():
                raise ValidationError(_("第%(i)d个决策事项没有名称。") % {"i": i})
            CatalogueItem.objects.create(
                catalogue=cat, seq=i, title=name.strip(), lead_org=lead, basis=basis.strip(),
                planned=planned.strip(),
            )  # fmt: skip
        ledger.record(
            actor=actor,
            action=actions.CATALOGUE_SAVE,
            subject=cat,
            data={"year": year, "items": cat.items.count()},
        )
    return cat


def catalogue_publish(
    *, actor: Actor, catalogue: DecisionCatalogue, agreed_on: dt.date, on: dt.date
) -> DecisionCatalogue:
    """公布目录, after the party committee at the same level agreed."""
    require_role(
        actor, CLERK, LEADER, org=catalogue.org, message=_("只有决策机关的工作人员可以公布目录。")
    )
    dates.check_new(_("同级党委同意日期"), agreed_on)
    dates.check_new(_("公布日期"), on, (_("同级党委同意日期"), agreed_on))
    with transaction.atomic():
        cat = DecisionCatalogue.objects.select_for_update().get(pk=catalogue.pk)
        if cat.published_on:
            raise ValidationError(_("目录已于%(d)s公布。") % {"d": dates.fmt(cat.published_on)})
        cat.agreed_on, cat.published_on = agreed_on, on
        cat.save(update_fields=["agreed_on", "published_on"])
        ledger.record(actor=actor, action=actions.CATALOGUE_PUBLISH, subject=cat, data={"on": on})
    return cat


def decision_create(
    *,
    actor: Actor,
    org: Organisation,
    decision_body: Organisation,
    registrar_org: Organisation,
    review_org: Organisation,
    title: str,
    received_on: dt.date,
    description: str = "",
    item: CatalogueItem | None = None,
    needs_expert: bool = False,
    needs_risk: bool = False,
    handler: User | None = None,
) -> MajorDecision:
    """决策启动: the department (承办单位) starts preparing a decision of the catalogue."""
    require_role(
        actor, CLERK, LEADER, org=org, message=_("只有承办单位的工作人员可以启动决策事项。")
    )
    problems = []
    if not title.strip():
        problems.append(_("请填写决策事项名称。"))
    if item is not None and item.lead_org_id != org.pk:
        problems.append(_("该目录事项的承办单位是%(o)s。") % {"o": item.lead_org.name})
    msg = dates.not_future(_("启动日期"), received_on)
    if msg:
        problems.append(msg)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        dec = MajorDecision.objects.create(
            org=org,
            decision_body=decision_body,
            registrar_org=registrar_org,
            review_org=review_org,
            item=item,
            title=title.strip(),
            description=description.strip(),
            received_on=received_on,
            needs_expert=needs_expert,
            needs_risk=needs_risk,
            handler=handler or (actor if isinstance(actor, User) else None),
            status=M.PREPARING,
        )
        dec.number = matter_number(
            actor, registrar_org, "leg-decision", "决策", received_on.year, dec
        )
        dec.save(update_fields=["number"])
        ledger.record(
            actor=actor,
            action=actions.DECISION_CREATE,
            subject=dec,
            data={"on": received_on, "expert": needs_expert, "risk": needs_risk},
        )
    return dec


def step_record(
    *,
    actor: Actor,
    decision: MajorDecision,
    kind: str,
    on: dt.date,
    by: str,
    summary: str,
    content: bytes | None = None,
    filename: str = "",
) -> DecisionStep:
    """登记决策程序: expert argument (signed written opinions), risk assessment (the report
    with its risk points and response plan), public participation by other means than the
    site's consultation (a hearing, a symposium), the report to the party committee."""
    require_role(
        actor,
        CLERK,
        LEADER,
        org=decision.org,
        message=_("只有承办单位的工作人员可以登记决策程序。"),
    )
    if kind not in PREP_STEPS:
        raise ValidationError(_("请选择公众参与、专家论证、风险评估或报同级党委。"))
    if not by.strip() or not summary.strip():
        raise ValidationError(_("请填写承担单位或人员和结论。"))
    if content is not None:
        uploads.check(content, filename)
    dates.check_new(_("完成日期"), on, (_("启动日期"), decision.received_on))
    with transaction.atomic():
        dec = MajorDecision.objects.select_for_update().get(pk=decision.pk)
        if dec.status != M.PREPARING:
            raise ValidationError(_("决策已提交讨论，不能再登记决策程序。"))
        att = uploads.keep(actor, content, filename, dec)
        step = DecisionStep.objects.create(
            decision=dec, kind=kind, done_on=on, by=by.strip(), summary=summary.strip(),
            attachment=att, recorded_by=actor if isinstance(actor, User) else None,
        )  # fmt: skip
        ledger.record(
            actor=actor,
            action=actions.DECISION_STEP,
            subject=dec,
            data={"step": kind, "on": on, "by": step.by},
            attachments=[att.sha256] if att else [],
        )
    return step


def send_for_review(
    *, actor: Actor, decision: MajorDecision, on: dt.date, text: str = ""
) -> MajorDecision:
    """送请合法性审查 of the draft decision (mandatory; not replaceable by comments)."""
    text = text.strip() or decision.description
    reviews.open_request(
        actor=actor,
        org=decision.org,
        review_org=decision.review_org,
        kind=ReviewKind.DECISION,
        title=decision.title,
        received_on=on,
        text=text,
        decision=decision,
    )
    return decision


def submit_to_meeting(
    *, actor: Actor, decision: MajorDecision, on: dt.date, version: int | None = None
) -> MajorDecision:
    """提交集体讨论: refused while any required step is missing (each named)."""
    require_role(
        actor, CLERK, LEADER, org=decision.org, message=_("只有承办单位的工作人员可以提交讨论。")
    )
    return transition(actor=actor, matter=decision, to=M.DISCUSSION, on=on, version=version)


def meeting_record(
    *,
    actor: Actor,
    decision: MajorDecision,
    on: dt.date,
    meeting: str,
    attendees: str,
    justice_head_present: bool,
    outcome: str,
    dissent: str = "",
) -> MajorDecision:
    """集体讨论: the meeting, who attended (the Justice Bureau's head among them), the
    conclusion and any dissent (Art.30)."""
    require_role(
        actor,
        CLERK,
        LEADER,
        org=decision.registrar_org,
        message=_("只有会议组织单位（政府办公室）可以登记集体讨论。"),
    )
    if not meeting.strip() or not outcome.strip() or not attendees.strip():
        raise ValidationError(_("请填写会议名称、出席人员和会议结论。"))
    with transaction.atomic():
        dec = MajorDecision.objects.select_for_update().get(pk=decision.pk)
        if dec.status != M.DISCUSSION:
            raise ValidationError(_("只有已提交集体讨论的决策可以登记会议。"))
        dates.check(dec, "meeting", on)
        dec.meeting_on, dec.meeting, dec.attendees = on, meeting.strip(), attendees.strip()
        dec.justice_head_present = justice_head_present
        dec.meeting_outcome, dec.dissent = outcome.strip(), dissent.strip()
        dec.version += 1
        dec.save()
        ledger.record(
            actor=actor,
            action=actions.DECISION_MEETING,
            subject=dec,
            data={"on": on, "meeting": dec.meeting, "justice_head": justice_head_present},
        )
    return dec


def decide(
    *, actor: Actor, decision: MajorDecision, on: dt.date, version: int | None = None
) -> MajorDecision:
    """作出决定 — only with the meeting on record and the Justice Bureau's head present."""
    require_role(
        actor, LEADER, org=decision.decision_body, message=_("只有决策机关负责人可以作出决定。")
    )
    return transition(actor=actor, matter=decision, to=M.DECIDED, on=on, version=version)


def send_back(
    *, actor: Actor, decision: MajorDecision, on: dt.date, reason: str, reject: bool = False
) -> MajorDecision:
    """暂缓决定 (back to the department) or 不予通过 (closed)."""
    require_role(
        actor, LEADER, org=decision.decision_body, message=_("只有决策机关负责人可以作此决定。")
    )
    return transition(
        actor=actor,
        matter=decision,
        to=M.REJECTED if reject else M.PREPARING,
        on=on,
        reason=reason,
    )


def publish(
    *, actor: Actor, decision: MajorDecision, on: dt.date, explanation: str
) -> MajorDecision:
    """决策公布 with its explanation — why public and expert opinions were or were not
    adopted (Art.32)."""
    require_role(
        actor,
        CLERK,
        LEADER,
        org=decision.registrar_org,
        message=_("只有会议组织单位（政府办公室）可以公布决策。"),
    )
    if not explanation.strip():
        raise ValidationError(_("请填写决策说明（含公众意见、专家意见的采纳情况）。"))

    def fill(d):
        d.explanation = explanation.strip()

    with transaction.atomic():
        dec = transition(actor=actor, matter=decision, to=M.PUBLISHED, on=on, apply=fill)
        ledger.record(actor=actor, action=actions.DECISION_PUBLISH, subject=dec, data={"on": on})
    return dec


def evaluate(
    *, actor: Actor, decision: MajorDecision, on: dt.date, by: str, summary: str
) -> DecisionStep:
    """决策后评估 (Art.36): recorded once the decision is public."""
    require_role(
        actor, CLERK, LEADER, org=decision.org, message=_("只有承办单位的工作人员可以登记后评估。")
    )
    if decision.status not in (M.PUBLISHED, M.ARCHIVED):
        raise ValidationError(_("决策公布后才能开展后评估。"))
    if not by.strip() or not summary.strip():
        raise ValidationError(_("请填写评估单位和评估结论。"))
    dates.check_new(_("评估日期"), on, (_("公布日期"), decision.published_on))
    with transaction.atomic():
        step = DecisionStep.objects.create(
            decision=decision, kind=StepKind.EVALUATION, done_on=on, by=by.strip(),
            summary=summary.strip(), recorded_by=actor if isinstance(actor, User) else None,
        )  # fmt: skip
        ledger.record(
            actor=actor,
            action=actions.DECISION_STEP,
            subject=decision,
            data={"step": StepKind.EVALUATION, "on": on, "by": step.by},
        )
    return step


def archive(
    *, actor: Actor, decision: MajorDecision, on: dt.date, version: int | None = None
) -> MajorDecision:
    require_role(
        actor, CLERK, LEADER, org=decision.registrar_org, message=_("只有会议组织单位可以归档。")
    )
    return transition(actor=actor, matter=decision, to=M.ARCHIVED, on=on, version=version)


def withdraw(*, actor: Actor, decision: MajorDecision, on: dt.date, reason: str) -> MajorDecision:
    require_role(actor, LEADER, org=decision.org, message=_("只有承办单位负责人可以撤回决策事项。"))
    return transition(actor=actor, matter=decision, to=M.WITHDRAWN, on=on, reason=reason)
