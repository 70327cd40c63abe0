"""Dispute figures for the annual report, the dashboard, Excel statistics and the API.

Every figure of the seed report's 一(七) is one indicator here (module ``disputes``), with the
seed's unit and style, plus the figures behind them (received, on time, by decision type,
reversal, head appearance and loss rates). Each ``definition`` says what is counted and
``date_basis`` which date puts a record in a year; ``records`` is the query behind the figure
for an organisation subtree and a period, so every figure opens to its records.

Conventions (the choices the seed's wording leaves open):

* **受理行政复议案件** (seed: 115件) counts applications *accepted* by the district as the
  reconsideration body in the year, by the acceptance date (受理日期; under the 2017 text the
  day the complete application was received). Applications refused, abandoned after a
  补正 or still under examination are received (DIS-FY-RECEIVED) but not accepted.
* **区政府作为当事人的行政诉讼/复议案件** (173件 / 44件) count the respondent cases whose
  respondent is the district government itself (机构类型 区人民政府), by the day the copy of
  the complaint or application was received; cases of the district's departments are counted
  by DIS-YS-LAWSUITS-ALL.
* **成功调处矛盾纠纷** (3611件) count the disputes whose agreement was reached in the year, at
  people's, specialist, administrative or judicial mediation, except those referred by a
  petition (counted as 信访类矛盾纠纷, 75起, DIS-XF-DISPUTES); **协议涉及金额** (6309.11万元)
  is the sum of those agreements' amounts; **重大疑难复杂纠纷** (88件) those flagged major,
  and **全部履行到位** the major ones whose agreement has been performed.
* **化解信访积案** (10件11人) count backlog cases struck off (销号) in the year and the persons
  listed on them; **按期办结交办信访件** (54件, 143件) the items of the team's batches closed
  in the year no later than their batch's deadline, and the batches (第8至11批 = 4批, 35批)
  all of whose items were; the first and the last of those batches' numbers (8, 11) are
  two figures, written as the seed does (第8至11批: the first bare, the last with 批).
* ``--org`` narrows a figure to an organisation's subtree: the office that owns the record —
  except the reversal and loss figures, which are the respondent's (``org_field``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import CharField, Exists, F, Max, Min, OuterRef, Q
from django.db.models.functions import Cast

from fazhi.core import cnformat
from fazhi.core.indicators import Indicator, Ratio, between, in_subtree, register
from fazhi.core.models import Clock, OrgKind

from . import rules
from .models import (
    LOSSES,
    REVERSALS,
    BacklogCase,
    BacklogPerson,
    CourtHearing,
    DecisionType,
    Dispute,
    DisputeSource,
    InspectionBatch,
    InspectionItem,
    Petition,
    Reconsideration,
    RespondentCase,
    Team,
)

MODULE = "disputes"


def _ind(code, name, unit, definition, basis, records, **kw):
    return register(Indicator(code, name, unit, definition, basis, MODULE, records, **kw))


def _on_time_clock(model, codes) -> Exists:
    """The matter's clock of ``codes`` stopped no later than its due date."""
    return Exists(
        Clock.objects.filter(
            subject_type=model._meta.label_lower,
            subject_id=Cast(OuterRef("pk"), output_field=CharField()),
            rule__code__in=codes,
            stopped_on__isnull=False,
            stopped_on__lte=F("due_on"),
        )
    )


# --- 行政复议 (as the reconsideration body) -----------------------------------------------------


def recon_received(org, p):
    return in_subtree(Reconsideration.objects.all(), org).filter(between("received_on", p))


def recon_accepted(org, p):
    return in_subtree(Reconsideration.objects.all(), org).filter(
        between("accepted_on", p), accepted_on__isnull=False
    )


def recon_decided(org, p, field="org"):
    return in_subtree(Reconsideration.objects.all(), org, field).filter(
        between("decided_on", p), decided_on__isnull=False
    )


def recon_on_time(org, p):
    return recon_decided(org, p).filter(
        _on_time_clock(Reconsideration, [rules.DECISION, rules.DECISION_SIMPLE])
    )


def recon_reversed(org, p, field="org"):
    return recon_decided(org, p, field).filter(decision_type__in=REVERSALS)


_ind(
    "DIS-FY-RECEIVED",
    "收到行政复议申请数",
    "件",
    "作为复议机关当年收到的行政复议申请（书面、网上、口头），含决定不予受理、视为放弃和尚在审查的。",
    "收到申请日期",
    recon_received,
)
_ind(
    "DIS-FY-ACCEPTED",
    "受理行政复议案件数",
    "件",
    "作为复议机关当年受理的行政复议案件（决定受理或期满视为受理），按受理日期计；"
    "2017年行政复议法下受理日期即收到完整申请之日。",
    "受理日期",
    recon_accepted,
)
_ind(
    "DIS-FY-DECIDED",
    "作出行政复议决定数",
    "件",
    "当年作出的行政复议决定（含调解书）。",
    "决定日期",
    recon_decided,
)
_ind(
    "DIS-FY-ON-TIME",
    "按期作出复议决定数",
    "件",
    "当年作出、且不晚于审理期限（FY-9/FY-10，含批准延长）作出的复议决定。",
    "决定日期",
    recon_on_time,
)
for _t in DecisionType:
    register(
        Indicator(
            f"DIS-FY-TYPE-{_t.value.upper().replace('_', '-')}",
            f"复议决定（{_t.label}）数",
            "件",
            f"当年作出的决定类型为“{_t.label}”的复议决定。",
            "决定日期",
            MODULE,
            lambda org, p, t=_t.value: recon_decided(org, p).filter(decision_type=t),
        )
    )
_ind(
    "DIS-FY-REVERSED",
    "复议纠错数",
    "件",
    "当年作出的撤销、部分撤销、变更、确认违法、确认无效、责令履行、责令赔偿决定；"
    "--org 按被申请人计（纠错计入作出该行政行为的机关）。",
    "决定日期",
    lambda org, p: recon_reversed(org, p, "respondent"),
    org_field="respondent",
)
register(
    Ratio(
        "DIS-FY-REVERSAL-RATE",
        "复议纠错率",
        "%",
        "当年复议纠错的决定占当年作出的复议决定的比例；--org 按被申请人计。",
        "决定日期",
        MODULE,
        lambda org, p: recon_decided(org, p, "respondent"),
        numerator=lambda org, p: recon_reversed(org, p, "respondent"),
        org_field="respondent",
    )
)


# --- 行政应诉 -----------------------------------------------------------------------------------


def respondent_received(org, p, kind, district_only=True):
    qs = in_subtree(RespondentCase.objects.filter(kind=kind), org, "respondent").filter(
        between("received_on", p)
    )
    return qs.filter(respondent__kind=OrgKind.DISTRICT) if district_only else qs


def hearings(org, p):
    return in_subtree(
        CourtHearing.objects.filter(case__kind="lawsuit"), org, "case__respondent"
    ).filter(between("held_on", p))


def lawsuits_final(org, p):
    return in_subtree(RespondentCase.objects.filter(kind="lawsuit"), org, "respondent").filter(
        between("final_on", p), final_on__isnull=False
    )


_ind(
    "DIS-YS-LAWSUITS",
    "区政府作为当事人的行政诉讼案件数",
    "件",
    "当年收到起诉状副本、以区人民政府为被告的行政诉讼案件。",
    "收到副本日期",
    lambda org, p: respondent_received(org, p, "lawsuit"),
    org_field="respondent",
)
_ind(
    "DIS-YS-RECONSIDERATIONS",
    "区政府作为被申请人的行政复议案件数",
    "件",
    "当年收到复议申请书副本、以区人民政府为被申请人的行政复议案件。",
    "收到副本日期",
    lambda org, p: respondent_received(org, p, "reconsideration"),
    org_field="respondent",
)
_ind(
    "DIS-YS-LAWSUITS-ALL",
    "行政应诉案件数（含各部门）",
    "件",
    "当年收到起诉状副本的行政诉讼案件，被告为区人民政府或其部门、街道。",
    "收到副本日期",
    lambda org, p: respondent_received(org, p, "lawsuit", district_only=False),
    org_field="respondent",
)
_ind(
    "DIS-YS-ANSWER-ON-TIME",
    "按期答辩举证的行政诉讼案件数",
    "件",
    "当年收到起诉状副本、并在十五日内（SS-2）提交答辩状和证据的案件。",
    "收到副本日期",
    lambda org, p: respondent_received(org, p, "lawsuit", district_only=False).filter(
        _on_time_clock(RespondentCase, [rules.LAWSUIT_ANSWER])
    ),
    org_field="respondent",
)
register(
    Ratio(
        "DIS-YS-HEAD-RATE",
        "行政机关负责人出庭应诉率",
        "%",
        "当年开庭的行政诉讼庭审中，被告行政机关负责人出庭应诉的比例（按庭次计）。",
        "开庭日期",
        MODULE,
        hearings,
        numerator=lambda org, p: hearings(org, p).filter(head_appeared=True),
        org_field="case__respondent",
    )
)
register(
    Ratio(
        "DIS-YS-LOSS-RATE",
        "行政诉讼败诉率",
        "%",
        "当年生效的行政诉讼裁判中，被诉行政行为被撤销、变更、确认违法或无效、"
        "责令履行或赔偿的比例（撤诉、调解结案不计为败诉）。",
        "生效日期",
        MODULE,
        lawsuits_final,
        numerator=lambda org, p: lawsuits_final(org, p).filter(final_outcome__in=LOSSES),
        org_field="respondent",
    )
)


# --- 人民调解 “1+X” -----------------------------------------------------------------------------


def disputes_settled(org, p):
    return (
        in_subtree(Dispute.objects.all(), org)
        .filter(between("agreed_on", p), agreed_on__isnull=False)
        .exclude(source=DisputeSource.PETITION)
    )


def disputes_major(org, p):
    return disputes_settled(org, p).filter(is_major=True)


_ind(
    "DIS-TJ-RECEIVED",
    "受理矛盾纠纷数",
    "件",
    "当年各调解组织受理的矛盾纠纷（不含信访转办的）。",
    "受理日期",
    lambda org, p: (
        in_subtree(Dispute.objects.all(), org)
        .filter(between("received_on", p))
        .exclude(source=DisputeSource.PETITION)
    ),
)
_ind(
    "DIS-TJ-SETTLED",
    "成功调处矛盾纠纷数",
    "件",
    "当年达成调解协议的矛盾纠纷（人民调解、行业性专业性调解、行政调解、诉调对接），"
    "不含信访转办的纠纷（计入 DIS-XF-DISPUTES）。",
    "达成协议日期",
    disputes_settled,
)
_ind(
    "DIS-TJ-AMOUNT",
    "调解协议涉及金额",
    "元",
    "上述纠纷调解协议载明的金额之和。",
    "达成协议日期",
    disputes_settled,
    sum_field="agreement__amount",
    style="wan_yuan",
)
_ind(
    "DIS-TJ-MAJOR",
    "成功调处重大疑难复杂纠纷数",
    "件",
    "当年达成调解协议、认定为重大疑难复杂的纠纷。",
    "达成协议日期",
    disputes_major,
)
_ind(
    "DIS-TJ-MAJOR-PERFORMED",
    "重大疑难复杂纠纷履行到位数",
    "件",
    "当年达成调解协议的重大疑难复杂纠纷中，协议已履行完毕的（截至统计时）。",
    "达成协议日期",
    lambda org, p: disputes_major(org, p).filter(status="performed"),
)
_ind(
    "DIS-TJ-FAILED",
    "调解不成纠纷数",
    "件",
    "当年调解不成、引导当事人通过其他途径解决的纠纷。",
    "办结日期",
    lambda org, p: in_subtree(Dispute.objects.filter(status="failed"), org).filter(
        between("closed_on", p)
    ),
)


# --- 信访 ---------------------------------------------------------------------------------------


def backlog_resolved(org, p):
    return in_subtree(BacklogCase.objects.filter(status="resolved"), org).filter(
        between("closed_on", p)
    )


def items_on_time(team):
    def q(org, p):
        return in_subtree(InspectionItem.objects.filter(batch__team=team), org).filter(
            between("closed_on", p), status="closed", closed_on__lte=F("batch__due_on")
        )

    return q


def batches_on_time(team):
    def q(org, p):
        late_or_open = InspectionItem.objects.filter(batch=OuterRef("pk")).filter(
            Q(closed_on__isnull=True) | Q(closed_on__gt=F("batch__due_on"))
        )
        return (
            in_subtree(InspectionBatch.objects.filter(team=team, status="closed"), org)
            .filter(between("closed_on", p))
            .exclude(Exists(late_or_open))
        )

    return q


_ind(
    "DIS-XF-REGISTERED",
    "登记信访事项数",
    "件",
    "当年登记的信访事项（来信、来访、网上、电话）。",
    "登记日期",
    lambda org, p: in_subtree(Petition.objects.all(), org).filter(between("received_on", p)),
)
_ind(
    "DIS-XF-ON-TIME",
    "按期办结信访事项数",
    "件",
    "当年出具处理意见书、且在办理期限（XF-5，含批准延长）内出具的信访事项。",
    "出具意见日期",
    lambda org, p: (
        in_subtree(Petition.objects.all(), org)
        .filter(between("replied_on", p))
        .filter(_on_time_clock(Petition, [rules.HANDLING]))
    ),
)
_ind(
    "DIS-XF-BACKLOG",
    "化解信访积案数",
    "件",
    "当年审核销号（化解）的信访积案。",
    "销号日期",
    backlog_resolved,
)
_ind(
    "DIS-XF-BACKLOG-PERSONS",
    "化解信访积案涉及人数",
    "人",
    "当年化解的信访积案登记的信访人（每案每人计一人）。",
    "销号日期",
    lambda org, p: BacklogPerson.objects.filter(case__in=backlog_resolved(org, p)),
    org_field="case__org",
)
_ind(
    "DIS-XF-DISPUTES",
    "调处信访类矛盾纠纷数",
    "起",
    "当年达成调解协议的信访转办矛盾纠纷（来源为信访）。",
    "达成协议日期",
    lambda org, p: in_subtree(Dispute.objects.filter(source=DisputeSource.PETITION), org).filter(
        between("agreed_on", p), agreed_on__isnull=False
    ),
)
for _team, _short in ((Team.PROVINCIAL, "PROV"), (Team.CENTRAL, "CENTRAL")):
    _ind(
        f"DIS-XF-{_short}-ITEMS",
        f"按期办结{_team.label}交办信访件数",
        "件",
        f"当年办结、且不晚于所在批次要求办结日期的{_team.label}交办信访件。",
        "办结日期",
        items_on_time(_team),
    )
    _ind(
        f"DIS-XF-{_short}-BATCHES",
        f"按期办结{_team.label}交办批次数",
        "批",
        f"当年办结、且每一件都按期办结的{_team.label}交办批次。",
        "办结日期",
        batches_on_time(_team),
    )


@dataclass(frozen=True)
class BatchBound(Indicator):
    """The lowest (``last=False``) or highest batch number among the records: 第8至11批 is
    ``第{…-FIRST}至{…-LAST}``, the first written bare (8), the last with its unit (11批)."""

    last: bool = False
    style: str = "batch_no"

    def figure(self, org, period, *, user=None) -> int:
        agg = Max("batch_no") if self.last else Min("batch_no")
        return self.visible(self.records(org, period), user).aggregate(v=agg)["v"] or 0

    def format(self, value) -> str:
        return cnformat.fmt_count(int(value), self.unit if self.last else "")


for _last, _which in ((False, "FIRST"), (True, "LAST")):
    register(
        BatchBound(
            f"DIS-XF-PROV-BATCH-{_which}",
            f"按期办结省委巡视组交办批次的{'最后' if _last else '起始'}批次号",
            "批",
            f"当年办结、且每一件都按期办结的省委巡视组交办批次中，"
            f"{'最大' if _last else '最小'}的批次号（年度报告写作“第8至11批”）。",
            "办结日期",
            MODULE,
            batches_on_time(Team.PROVINCIAL),
            last=_last,
        )
    )
