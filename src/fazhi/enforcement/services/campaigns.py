"""Special campaigns (专项行动、专项整治), their operations, inspections and sampling — every
write, and the campaign's totals for its page and report.

A campaign has a lead body and participating bodies, a field and a period. Operations record
person-times deployed (joint when several bodies took part); inspections record the units
inspected and what was found; sampling batches record the product and the test result. An
inspection or a batch that led to a case is linked to it, so every figure can be opened to
the records behind it (seed 一(五)1: person-times, joint operations, cases, sample batches).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import identity, ledger, scoping
from fazhi.core.actions import register
from fazhi.core.ledger import Actor
from fazhi.core.models import Role
from fazhi.core.scoping import require_role

from .. import actions
from ..models import (
    Campaign,
    CampaignKind,
    Case,
    EnforcementBody,
    EnforcementField,
    Inspection,
    InspectionResult,
    Operation,
    SamplingBatch,
    SamplingResult,
)

LINK_CASE = register("enf.campaign.link_case", gettext_lazy("关联案件"))

STAFF = (Role.CLERK, Role.OFFICER, Role.LEADER)
CAMPAIGN_FIELDS = ["name", "kind", "field_id", "lead_id", "starts_on", "ends_on", "description"]


def _campaign_problems(
    name: str, kind: str, starts_on: dt.date | None, ends_on: dt.date | None
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not name.strip():
        problems["name"] = _("请填写专项行动名称。")
    if kind not in CampaignKind.values:
        problems["kind"] = _("请选择类型（专项行动或专项整治）。")
    if starts_on is None or ends_on is None:
        problems["starts_on"] = _("请填写开始和结束日期。")
    elif ends_on < starts_on:
        problems["ends_on"] = _("结束日期不能早于开始日期。")
    return problems


def campaign_create(
    *,
    actor: Actor,
    name: str,
    kind: str,
    field: EnforcementField,
    lead: EnforcementBody,
    starts_on: dt.date,
    ends_on: dt.date,
    bodies: list[EnforcementBody] = (),
    description: str = "",
) -> Campaign:
    """部署专项行动: the lead body's leader sets it up."""
    require_role(
        actor, Role.LEADER, org=lead.org, message=_("只有牵头单位负责人可以部署专项行动。")
    )
    problems = _campaign_problems(name, kind, starts_on, ends_on)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        c = Campaign.objects.create(
            name=name.strip(),
            kind=kind,
            field=field,
            lead=lead,
            starts_on=starts_on,
            ends_on=ends_on,
            description=description.strip(),
        )
        c.bodies.set({lead, *bodies})
        ledger.record(
            actor=actor,
            action=actions.CAMPAIGN,
            subject=c,
            data={
                "after": ledger.jsonable({f: getattr(c, f) for f in CAMPAIGN_FIELDS}),
                "bodies": sorted(b.pk for b in c.bodies.all()),
            },
        )
    return c


def campaign_update(
    *, actor: Actor, campaign: Campaign, bodies: list[EnforcementBody] | None = None, **changes
) -> Campaign:
    """修改专项行动: name, kind, field, period, description, participating bodies. The lead
    body does not change (it owns the record); operations outside a new period are refused."""
    require_role(
        actor,
        Role.LEADER,
        org=campaign.lead.org,
        message=_("只有牵头单位负责人可以修改专项行动。"),
    )
    allowed = {"name", "kind", "field", "starts_on", "ends_on", "description"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(_("不能修改这些字段：%(f)s") % {"f": ", ".join(sorted(unknown))})
    with transaction.atomic():
        c = Campaign.objects.select_for_update().get(pk=campaign.pk)
        before = {f: getattr(c, f) for f in CAMPAIGN_FIELDS}
        before_bodies = sorted(c.bodies.values_list("pk", flat=True))
        for k, v in changes.items():
            setattr(c, k, v.strip() if isinstance(v, str) else v)
        problems = _campaign_problems(c.name, c.kind, c.starts_on, c.ends_on)
        if not problems:
            outside = c.operations.filter(Q(on__lt=c.starts_on) | Q(on__gt=c.ends_on)).count()
            if outside:
                problems["starts_on"] = _("有 %(n)d 次执法行动不在新的期间内。") % {"n": outside}
        if problems:
            raise ValidationError(problems)
        c.save()
        if bodies is not None:
            c.bodies.set({c.lead, *bodies})
        after_bodies = sorted(c.bodies.values_list("pk", flat=True))
        data = ledger.diff(before, {f: getattr(c, f) for f in CAMPAIGN_FIELDS})
        if after_bodies != before_bodies:
            data["bodies"] = {"before": before_bodies, "after": after_bodies}
        ledger.record(actor=actor, action=actions.CAMPAIGN, subject=c, data=data)
    return c


def operation_create(
    *,
    actor: Actor,
    campaign: Campaign,
    on: dt.date,
    person_times: int,
    joint: bool = False,
    place: str = "",
) -> Operation:
    """登记执法行动: a day's action with the person-times deployed. Joint actions need at
    least two bodies in the campaign; the day lies within the campaign's period."""
    require_role(
        actor,
        *STAFF,
        obj=campaign,
        message=_("只有参与本专项行动的执法主体的工作人员可以登记执法行动。"),
    )
    problems: dict[str, str] = {}
    if on is None:
        problems["on"] = _("请填写行动日期。")
    elif not campaign.starts_on <= on <= campaign.ends_on:
        problems["on"] = _("行动日期不在专项行动期间（%(a)s 至 %(b)s）内。") % {
            "a": campaign.starts_on.isoformat(),
            "b": campaign.ends_on.isoformat(),
        }
    try:
        person_times = int(person_times)
    except (TypeError, ValueError):
        person_times = 0
    if person_times < 1:
        problems["person_times"] = _("出动人次应为正整数。")
    if joint and campaign.bodies.count() < 2:
        problems["joint"] = _("联合执法须有两个以上执法主体参与本专项行动。")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        op = Operation.objects.create(
            campaign=campaign, on=on, person_times=person_times, joint=joint, place=place.strip()
        )
        ledger.record(
            actor=actor,
            action=actions.OPERATION,
            subject=campaign,
            data={
                "operation": op.pk,
                "on": on,
                "person_times": person_times,
                "joint": joint,
                "place": op.place,
            },
        )
    return op


def _campaign_link_problem(campaign: Campaign | None, body: EnforcementBody, on) -> str | None:
    if campaign is None:
        return None
    if not campaign.bodies.filter(pk=body.pk).exists() and campaign.lead_id != body.pk:
        return _("%(b)s 未参与专项行动“%(c)s”。") % {"b": body, "c": campaign.name}
    if on is not None and not campaign.starts_on <= on <= campaign.ends_on:
        return _("日期不在专项行动“%(c)s”期间（%(a)s 至 %(z)s）内。") % {
            "c": campaign.name,
            "a": campaign.starts_on.isoformat(),
            "z": campaign.ends_on.isoformat(),
        }
    return None


def _case_problem(case: Case | None, body: EnforcementBody) -> str | None:
    if case is not None and case.body_id != body.pk:
        return _("案件 %(n)s 不属于 %(b)s。") % {"n": case.number, "b": body}
    return None


def credit_code_problem(code: str) -> tuple[str, str | None]:
    """The normalised 统一社会信用代码 and the failed check's message (None when valid)."""
    code = (code or "").strip()
    if not code:
        return "", None
    try:
        return identity.validate_credit_code(code).code, None
    except identity.IdentityError as exc:
        return code, exc.message


def inspection_create(
    *,
    actor: Actor,
    body: EnforcementBody,
    unit_name: str,
    inspected_on: dt.date,
    result: str,
    unit_credit_code: str = "",
    findings: str = "",
    campaign: Campaign | None = None,
    case: Case | None = None,
) -> Inspection:
    """登记监督检查 of a unit. A credit code, when given, must pass GB 32100's checks; a
    finding needs a description; a case it led to must be the same body's."""
    require_role(
        actor, *STAFF, org=body.org, message=_("只有本执法主体的工作人员可以登记监督检查。")
    )
    code, code_problem = credit_code_problem(unit_credit_code)
    problems: dict[str, str] = {}
    if not (unit_name or "").strip():
        problems["unit_name"] = _("请填写被检查单位名称。")
    if code_problem:
        problems["unit_credit_code"] = _("统一社会信用代码无效：%(m)s") % {"m": code_problem}
    if inspected_on is None:
        problems["inspected_on"] = _("请填写检查日期。")
    if result not in InspectionResult.values:
        problems["result"] = _("请选择检查结果。")
    elif result != InspectionResult.CLEAN and not (findings or "").strip():
        problems["findings"] = _("发现问题的，请填写发现的问题。")
    for key, problem in (
        ("campaign", _campaign_link_problem(campaign, body, inspected_on)),
        ("case", _case_problem(case, body)),
    ):
        if problem:
            problems[key] = problem
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        ins = Inspection.objects.create(
            body=body,
            campaign=campaign,
            unit_name=unit_name.strip(),
            unit_credit_code=code,
            inspected_on=inspected_on,
            result=result,
            findings=(findings or "").strip(),
            case=case,
        )
        ledger.record(
            actor=actor,
            action=actions.INSPECTION,
            subject=ins,
            data={
                "unit": ins.unit_name,
                "credit_code": code,
                "on": inspected_on,
                "result": result,
                "campaign": campaign.pk if campaign else None,
                "case": case.number if case else "",
            },
        )
    return ins


def sampling_create(
    *,
    actor: Actor,
    body: EnforcementBody,
    product: str,
    unit_name: str,
    sampled_on: dt.date,
    result: str,
    campaign: Campaign | None = None,
    case: Case | None = None,
) -> SamplingBatch:
    """登记抽样检验 batch: product, unit sampled, date, conclusion."""
    require_role(
        actor, *STAFF, org=body.org, message=_("只有本执法主体的工作人员可以登记抽样检验。")
    )
    problems: dict[str, str] = {}
    if not (product or "").strip():
        problems["product"] = _("请填写样品名称。")
    if not (unit_name or "").strip():
        problems["unit_name"] = _("请填写被抽样单位名称。")
    if sampled_on is None:
        problems["sampled_on"] = _("请填写抽样日期。")
    if result not in SamplingResult.values:
        problems["result"] = _("请选择检验结论（合格或不合格）。")
    for key, problem in (
        ("campaign", _campaign_link_problem(campaign, body, sampled_on)),
        ("case", _case_problem(case, body)),
    ):
        if problem:
            problems[key] = problem
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        batch = SamplingBatch.objects.create(
            body=body,
            campaign=campaign,
            product=product.strip(),
            unit_name=unit_name.strip(),
            sampled_on=sampled_on,
            result=result,
            case=case,
        )
        ledger.record(
            actor=actor,
            action=actions.SAMPLING,
            subject=batch,
            data={
                "product": batch.product,
                "unit": batch.unit_name,
                "on": sampled_on,
                "result": result,
                "campaign": campaign.pk if campaign else None,
                "case": case.number if case else "",
            },
        )
    return batch


def link_case(*, actor: Actor, record: Inspection | SamplingBatch, case: Case) -> Any:
    """关联案件: the inspection or sampling batch led to ``case`` (立案查处)."""
    require_role(
        actor, *STAFF, org=record.body.org, message=_("只有本执法主体的工作人员可以关联案件。")
    )
    problem = _case_problem(case, record.body)
    if problem:
        raise ValidationError({"case": problem})
    model = type(record)
    with transaction.atomic():
        obj = model.objects.select_for_update().get(pk=record.pk)
        before = obj.case.number if obj.case_id else ""
        obj.case = case
        if isinstance(obj, Inspection) and obj.result != InspectionResult.CASE:
            obj.result = InspectionResult.CASE
        obj.save()
        ledger.record(
            actor=actor,
            action=LINK_CASE,
            subject=obj,
            data={"before": before, "after": case.number, "case_id": case.pk},
        )
    return obj


# ---------------------------------------------------------------- reads


@dataclass(frozen=True)
class Totals:
    operations: int
    joint_operations: int
    person_times: int
    inspections: int
    inspections_with_findings: int
    sampling_batches: int
    failed_batches: int
    cases: int


def linked_cases(campaign: Campaign) -> QuerySet[Case]:
    """Cases the campaign produced: opened under it, or from its inspections or sampling."""
    ids = set(campaign.inspections.exclude(case=None).values_list("case_id", flat=True))
    ids |= set(campaign.samples.exclude(case=None).values_list("case_id", flat=True))
    return Case.objects.filter(Q(campaign=campaign) | Q(pk__in=ids)).select_related("body__org")


def totals(campaign: Campaign) -> Totals:
    ops = campaign.operations.all()
    return Totals(
        operations=ops.count(),
        joint_operations=ops.filter(joint=True).count(),
        person_times=ops.aggregate(n=Sum("person_times"))["n"] or 0,
        inspections=campaign.inspections.count(),
        inspections_with_findings=campaign.inspections.exclude(
            result=InspectionResult.CLEAN
        ).count(),
        sampling_batches=campaign.samples.count(),
        failed_batches=campaign.samples.filter(result=SamplingResult.FAIL).count(),
        cases=linked_cases(campaign).count(),
    )


def campaigns(user: Any) -> QuerySet[Campaign]:
    """Campaigns the user may see: those led by, or joined by, a body in their scope."""
    bodies = scoping.scope(user, EnforcementBody).values("pk")
    led = scoping.scope(user, Campaign).values("pk")
    return (
        Campaign.objects.filter(Q(pk__in=led) | Q(bodies__in=bodies))
        .distinct()
        .select_related("field", "lead__org")
    )


def inspections(user: Any) -> QuerySet[Inspection]:
    return scoping.scope(user, Inspection).select_related("body__org", "campaign", "case")


def sampling(user: Any) -> QuerySet[SamplingBatch]:
    return scoping.scope(user, SamplingBatch).select_related("body__org", "campaign", "case")
