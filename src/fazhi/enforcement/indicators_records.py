"""The record queries behind the enforcement indicators (``indicators.py`` registers them):
for an organisation subtree and a period, the records a figure counts or sums, and the
sector and subject constants they use. See ``indicators`` for the counting conventions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import (
    BigIntegerField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Cast

from fazhi.core import clock
from fazhi.core.indicators import Period, between, in_subtree
from fazhi.core.models import Clock, Organisation, SupervisionTask

from . import rules
from .models import (
    BodyKind,
    Campaign,
    CampaignKind,
    Case,
    CaseStatus,
    Certificate,
    Decision,
    EnforcementBody,
    EvaluationSheet,
    GridReport,
    GridStatus,
    Inspection,
    LegalReview,
    Officer,
    Operation,
    Outcome,
    Publication,
    ReviewOpinion,
    SamplingBatch,
)

ENV = ("ecology-environment",)
FOOD_DRUG = ("food-safety", "drugs")
MARKET = ("food-safety", "drugs", "market-order")
SAFETY = ("work-safety",)
HEALTH = ("medical-care", "public-health")
VERIFICATION = "medical-verification"
# 市容市貌问题: the grid categories of these major classes (components and events).
APPEARANCE_MAJORS = ("市容环境", "宣传广告", "街面秩序")
GRID_SUBJECT = "enforcement.gridreport"
CASE_SUBJECT = "enforcement.case"
GRID_TASK_SOURCE = "grid"  # services.grid.report_supervise: source "grid", ref = report number

DECIDED = (Outcome.PENALTY, Outcome.NO_PENALTY, Outcome.FIRST_OFFENCE)
CLOSED = (CaseStatus.CLOSED, CaseStatus.ARCHIVED)


# --- record queries --------------------------------------------------------------------------


def closed_cases(org: Organisation | None, p: Period) -> QuerySet[Case]:
    """Cases closed in the period with a decision (see the module docstring)."""
    return in_subtree(Case.objects.all(), org).filter(
        between("closed_on", p), outcome__in=DECIDED, status__in=CLOSED
    )


def received_cases(org: Organisation | None, p: Period) -> QuerySet[Case]:
    return in_subtree(Case.objects.all(), org).filter(between("received_on", p))


def bureau_cases(org, p):
    return closed_cases(org, p).filter(body__kind=BodyKind.CENTRALISED)


def in_fields(codes: tuple[str, ...]) -> Callable[[Any, Period], QuerySet[Case]]:
    def query(org, p):
        return closed_cases(org, p).filter(field__code__in=codes)

    return query


def operations(org: Organisation | None, p: Period) -> QuerySet[Operation]:
    return in_subtree(Operation.objects.all(), org, "campaign__lead__org").filter(between("on", p))


def env_operations(org, p):
    return operations(org, p).filter(campaign__field__code__in=ENV)


def market_rect_operations(org, p):
    return operations(org, p).filter(
        campaign__kind=CampaignKind.RECTIFICATION, campaign__field__code__in=MARKET
    )


def market_rectifications(org, p):
    ran = Operation.objects.filter(campaign=OuterRef("pk")).filter(between("on", p))
    return in_subtree(Campaign.objects.all(), org, "lead__org").filter(
        Exists(ran), kind=CampaignKind.RECTIFICATION, field__code__in=MARKET
    )


def inspections(org: Organisation | None, p: Period) -> QuerySet[Inspection]:
    return in_subtree(Inspection.objects.all(), org, "body__org").filter(between("inspected_on", p))


def safety_inspections(org, p):
    holds = EnforcementBody.fields.through.objects.filter(
        enforcementbody_id=OuterRef("body_id"), enforcementfield__code__in=SAFETY
    )
    return inspections(org, p).filter(
        Q(campaign__field__code__in=SAFETY) | (Q(campaign__isnull=True) & Exists(holds))
    )


def verifications(org, p):
    return inspections(org, p).filter(campaign__field__code=VERIFICATION)


def samples(org: Organisation | None, p: Period) -> QuerySet[SamplingBatch]:
    return in_subtree(SamplingBatch.objects.all(), org, "body__org").filter(
        between("sampled_on", p)
    )


def grid_received(org: Organisation | None, p: Period) -> QuerySet[GridReport]:
    return (
        in_subtree(GridReport.objects.all(), org)
        .filter(between("received_on", p))
        .exclude(status=GridStatus.INVALID)
    )


def grid_closed(org: Organisation | None, p: Period) -> QuerySet[GridReport]:
    return in_subtree(GridReport.objects.all(), org).filter(
        between("closed_on", p), status=GridStatus.CLOSED
    )


def clock_subject_ids(qs: QuerySet[Clock]) -> QuerySet:
    """The subjects of clocks, as integer ids (``Clock.subject_id`` is text)."""
    return qs.annotate(sid=Cast("subject_id", BigIntegerField())).values("sid")


def grid_on_time(org: Organisation | None, p: Period) -> QuerySet[GridReport]:
    """Closed reports whose handling clocks all stopped by their due day: a report sent
    back and re-dispatched (改派) has one clock per unit, and is late if any unit was."""
    grid_clocks = Clock.objects.filter(subject_type=GRID_SUBJECT)
    kept = grid_clocks.filter(stopped_on__lte=F("due_on"))
    late = grid_clocks.filter(Q(stopped_on__gt=F("due_on")) | Q(stopped_on__isnull=True))
    return (
        grid_closed(org, p)
        .filter(pk__in=clock_subject_ids(kept))
        .exclude(pk__in=clock_subject_ids(late))
    )


def grid_supervised(org: Organisation | None, p: Period) -> QuerySet[GridReport]:
    tasks = SupervisionTask.objects.filter(source=GRID_TASK_SOURCE, status="closed").filter(
        between("closed_on", p)
    )
    return in_subtree(GridReport.objects.all(), org).filter(
        category__major__in=APPEARANCE_MAJORS, number__in=tasks.values("source_ref")
    )


def reference_day(p: Period) -> dt.date:
    return min(p.end, clock.today())


def active_officers(org: Organisation | None, p: Period) -> QuerySet[Officer]:
    return in_subtree(Officer.objects.all(), org, "body__org").filter(is_active=True)


def certified_officers(org: Organisation | None, p: Period) -> QuerySet[Officer]:
    day = reference_day(p)
    valid = Certificate.objects.filter(
        officer=OuterRef("pk"), status="valid", valid_from__lte=day, valid_to__gte=day
    )
    return active_officers(org, p).filter(Exists(valid))


def major_decisions(org: Organisation | None, p: Period) -> QuerySet[Decision]:
    return in_subtree(Decision.objects.all(), org, "case__org").filter(
        between("decided_on", p), case__is_major=True
    )


def reviewed_major_decisions(org: Organisation | None, p: Period) -> QuerySet[Decision]:
    passed = LegalReview.objects.filter(
        case=OuterRef("case"), opinion=ReviewOpinion.PASS, decided_on__lte=OuterRef("decided_on")
    )
    return major_decisions(org, p).filter(Exists(passed))


def publicity_clocks(org, p) -> QuerySet[Clock]:
    return in_subtree(Clock.objects.all(), org).filter(
        between("started_on", p), subject_type=CASE_SUBJECT, rule__code=rules.PUBLICITY
    )


def publicity_due(org: Organisation | None, p: Period) -> QuerySet[Case]:
    return Case.objects.filter(pk__in=clock_subject_ids(publicity_clocks(org, p)))


def published_on_time(org: Organisation | None, p: Period) -> QuerySet[Case]:
    kept = publicity_clocks(org, p).filter(stopped_on__lte=F("due_on"))
    return Case.objects.filter(pk__in=clock_subject_ids(kept))


def publications(org: Organisation | None, p: Period) -> QuerySet[Publication]:
    return in_subtree(Publication.objects.all(), org, "decision__case__org").filter(
        between("published_on", p)
    )


def evaluation_sheets(org: Organisation | None, p: Period) -> QuerySet[EvaluationSheet]:
    return in_subtree(EvaluationSheet.objects.all(), org, "case__org").filter(
        round__year__gte=p.start.year, round__year__lte=p.end.year, score__isnull=False
    )
