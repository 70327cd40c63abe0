"""Enforcement figures for the annual report, the dashboard, Excel statistics and the API.

Every figure of the seed report's enforcement paragraphs (一(二)2 and 一(五)1) is one
indicator here, registered in the kernel registry at import (module ``enforcement``), plus
the generic per-body figures and those of the three systems (三项制度). Each indicator's
``definition`` says what it counts and ``date_basis`` which date puts a record in a year;
``records`` is the query behind the figure, for an organisation subtree and a period.

Conventions:

* A case **counts as closed** (办结) in the year of its ``closed_on`` when it ended with a
  decision — 给予处罚, 不予处罚 or 首违不罚 — and is 已结案 or 已归档. Cases not filed
  (不予立案/撤销立案) are not cases closed.
* **Fines** are the fines of the decisions of those cases (``Decision.fine``), whatever has
  been paid, in the year the case closed.
* **Sectors** are fields of the power list (``data/power_list.toml``): environment =
  ``ecology-environment``; food and drugs = ``food-safety`` + ``drugs``; market supervision =
  those + ``market-order``; work safety = ``work-safety``; health = ``medical-care`` +
  ``public-health``. The district enforcement bureau is the body of kind 相对集中行政处罚权机关.
* ``--org`` narrows any figure to an organisation's subtree (the body's organisation for
  cases, inspections and sampling; the lead body's for campaigns and operations; the
  responsible unit for grid reports).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Avg,
    Count,
    Sum,
)

from fazhi.core import cnformat
from fazhi.core.indicators import Indicator, Period, Ratio, register
from fazhi.core.models import Organisation

from .indicators_records import (  # noqa: F401  (re-exported: the figures' record queries)
    APPEARANCE_MAJORS,
    CASE_SUBJECT,
    CLOSED,
    DECIDED,
    ENV,
    FOOD_DRUG,
    GRID_SUBJECT,
    GRID_TASK_SOURCE,
    HEALTH,
    MARKET,
    SAFETY,
    VERIFICATION,
    active_officers,
    bureau_cases,
    certified_officers,
    clock_subject_ids,
    closed_cases,
    env_operations,
    evaluation_sheets,
    grid_closed,
    grid_on_time,
    grid_received,
    grid_supervised,
    in_fields,
    inspections,
    major_decisions,
    market_rect_operations,
    market_rectifications,
    operations,
    publications,
    publicity_clocks,
    publicity_due,
    published_on_time,
    received_cases,
    reference_day,
    reviewed_major_decisions,
    safety_inspections,
    samples,
    verifications,
)
from .models import (
    Campaign,
    Case,
    Inspection,
    Operation,
    SamplingBatch,
)

MODULE = "enforcement"


# --- figure shapes the kernel's Indicator does not have --------------------------------------


@dataclass(frozen=True)
class Average(Indicator):
    """The mean of ``sum_field`` over the records, to one decimal place (half-up)."""

    style: str = "average"

    def figure(self, org: Organisation | None, period: Period, *, user=None) -> Decimal:
        v = self.visible(self.records(org, period), user).aggregate(v=Avg(self.sum_field))["v"]
        if v is None:
            return Decimal(0)
        return Decimal(str(v)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def format(self, value: int | Decimal) -> str:
        return cnformat.fmt_quantity(Decimal(value), self.unit)


@dataclass(frozen=True)
class ApproxCount(Indicator):
    """A count written the seed's way for round figures: floored to ``step`` with 余
    (5046 → 5000余条); below one step, the count itself (999 → 999条)."""

    step: int = 1000
    style: str = "approx"

    def format(self, value: int | Decimal) -> str:
        if int(value) < self.step:
            return cnformat.fmt_count(int(value), self.unit)
        return cnformat.fmt_approx(int(value), self.unit, step=self.step)


# --- the registry ----------------------------------------------------------------------------

CLOSED_WORDS = "（给予处罚、不予处罚或首违不罚，已结案或已归档）"


def _cases(code, name, definition, query, *, unit="起"):
    return register(
        Indicator(code, name, unit, definition + CLOSED_WORDS, "结案日期", MODULE, query)
    )


def _fines(code, name, definition, query, *, style="wan_yuan"):
    return register(
        Indicator(
            code,
            name,
            "元",
            definition + "：上述案件处罚决定书载明的罚款金额之和（不论是否缴清）。",
            "结案日期",
            MODULE,
            query,
            sum_field="decision__fine",
            style=style,
        )
    )


# 一(二)2 — the district enforcement bureau (相对集中行政处罚权)
_cases(
    "ENF-BUREAU-CASES",
    "区行政执法局办结案件数",
    "相对集中行政处罚权机关（区行政执法局）当年办结的案件",
    bureau_cases,
)
_fines(
    "ENF-BUREAU-FINES",
    "区行政执法局罚款金额",
    "相对集中行政处罚权机关当年办结案件的罚款",
    bureau_cases,
    style="wan_yuan_approx",
)

# Generic, per body through --org
_cases("ENF-CASES-CLOSED", "办结行政处罚案件数", "各执法主体当年办结的案件", closed_cases)
_fines("ENF-FINES", "行政处罚罚款金额", "各执法主体当年办结案件的罚款", closed_cases)
register(
    Indicator(
        "ENF-CASES-RECEIVED",
        "登记案件数",
        "起",
        "当年登记的案件线索（含简易程序当场处罚和不予立案的）。",
        "收到日期",
        MODULE,
        received_cases,
    )
)
_cases(
    "ENF-CASES-SUMMARY",
    "简易程序案件数",
    "当年以简易程序（当场处罚）办结的案件",
    lambda org, p: closed_cases(org, p).filter(procedure="summary"),
)
_cases(
    "ENF-CAMPAIGN-CASES",
    "专项行动查处案件数",
    "当年办结且关联专项行动或专项整治的案件",
    lambda org, p: closed_cases(org, p).filter(campaign__isnull=False),
)

# 一(五)1 — environment (蓝天保卫战)
register(
    Indicator(
        "ENF-ENV-PERSON-TIMES",
        "生态环境执法出动人次",
        "人次",
        "生态环境领域专项行动（如蓝天保卫战）当年各次执法行动出动人次之和。",
        "行动日期",
        MODULE,
        env_operations,
        sum_field="person_times",
    )
)
register(
    Indicator(
        "ENF-ENV-JOINT-OPS",
        "生态环境联合（综合）执法次数",
        "次",
        "生态环境领域专项行动当年的联合执法行动（多个执法主体参加）次数。",
        "行动日期",
        MODULE,
        lambda org, p: env_operations(org, p).filter(joint=True),
    )
)
_cases("ENF-ENV-CASES", "生态环境领域查处案件数", "生态环境领域当年办结的案件", in_fields(ENV))
_fines("ENF-ENV-FINES", "生态环境领域罚款金额", "生态环境领域当年办结案件的罚款", in_fields(ENV))

# 一(五)1 — market supervision
register(
    Indicator(
        "ENF-MARKET-RECTIFICATIONS",
        "市场监管专项整治方面数",
        "个方面",
        "食品安全、药品医疗器械化妆品、市场秩序领域的专项整治（类型为专项整治），"
        "当年至少开展过一次执法行动的，每项计一个方面。",
        "行动日期",
        MODULE,
        market_rectifications,
    )
)
register(
    Indicator(
        "ENF-MARKET-RECT-OPS",
        "市场监管专项整治开展次数",
        "次",
        "上述专项整治当年开展的执法行动次数。",
        "行动日期",
        MODULE,
        market_rect_operations,
    )
)
_cases(
    "ENF-FOOD-DRUG-CASES",
    "食品药品违法案件数",
    "食品安全和药品医疗器械化妆品领域当年办结的案件",
    in_fields(FOOD_DRUG),
)
_fines(
    "ENF-FOOD-DRUG-FINES",
    "食品药品案件罚款金额",
    "食品安全和药品医疗器械化妆品领域当年办结案件的罚款",
    in_fields(FOOD_DRUG),
)
register(
    Indicator(
        "ENF-MARKET-SAMPLES",
        "食品、农产品抽检批次",
        "批次",
        "当年抽样的食品、食用农产品批次（抽样检验登记，每批次计一次）。",
        "抽样日期",
        MODULE,
        samples,
    )
)
register(
    Indicator(
        "ENF-MARKET-SAMPLES-FAILED",
        "抽检不合格批次",
        "批次",
        "当年抽样且检验结论为不合格的批次。",
        "抽样日期",
        MODULE,
        lambda org, p: samples(org, p).filter(result="fail"),
    )
)

# 一(五)1 — urban management (数字城管)
register(
    Indicator(
        "ENF-GRID-RECEIVED",
        "数字城管平台受理案卷数",
        "条",
        "当年上报至数字城管平台的案卷，不含不予立案的。",
        "上报日期",
        MODULE,
        grid_received,
    )
)
register(
    Indicator(
        "ENF-GRID-CLOSED",
        "数字城管案卷结案数",
        "条",
        "当年核查通过结案的数字城管案卷。",
        "结案日期",
        MODULE,
        grid_closed,
    )
)
register(
    Indicator(
        "ENF-GRID-ON-TIME",
        "数字城管案卷按期结案数",
        "条",
        "当年结案、且每一个处置时限（派遣时起算；改派后各单位各一个）都在到期日前停止的案卷。",
        "结案日期",
        MODULE,
        grid_on_time,
    )
)
register(
    Ratio(
        "ENF-GRID-ON-TIME-RATE",
        "数字城管案卷按期结案率",
        "%",
        "按期结案数除以当年结案数。",
        "结案日期",
        MODULE,
        grid_closed,
        numerator=grid_on_time,
    )
)
register(
    ApproxCount(
        "ENF-GRID-SUPERVISED",
        "督办整改市容市貌问题数",
        "条",
        "市容环境、宣传广告、街面秩序类（部件和事件）数字城管案卷中，被下达督办整改任务"
        "（来源“grid”，来源记录为案卷编号）且该任务当年验收办结的案卷数；按千位取整加“余”。",
        "督办任务办结日期",
        MODULE,
        grid_supervised,
    )
)

# 一(五)1 — work safety
register(
    Indicator(
        "ENF-SAFETY-INSPECTIONS",
        "检查生产经营单位数",
        "家",
        "当年的安全生产监督检查：属于安全生产领域专项行动的，以及持有安全生产领域执法权的"
        "主体不属于任何专项行动的日常检查（每检查一家次计一家）。",
        "检查日期",
        MODULE,
        safety_inspections,
    )
)
_cases("ENF-SAFETY-CASES", "安全生产领域案件数", "安全生产领域当年办结的案件", in_fields(SAFETY))
_fines(
    "ENF-SAFETY-FINES", "安全生产领域罚款金额", "安全生产领域当年办结案件的罚款", in_fields(SAFETY)
)

# 一(五)1 — health
register(
    Indicator(
        "ENF-HEALTH-VERIFIED",
        "完成医疗机构校验数",
        "家",
        "当年完成的医疗机构校验：属于“医疗机构校验”领域专项行动的检查登记（每校验一家计一家）。",
        "检查日期",
        MODULE,
        verifications,
    )
)
_cases(
    "ENF-HEALTH-CASES",
    "卫生健康领域立案查处案件数",
    "医疗卫生和公共卫生领域当年办结的案件",
    in_fields(HEALTH),
)
_fines(
    "ENF-HEALTH-FINES",
    "卫生健康领域罚款金额",
    "医疗卫生和公共卫生领域当年办结案件的罚款",
    in_fields(HEALTH),
)

# Campaigns, all fields (per lead body through --org)
register(
    Indicator(
        "ENF-CAMPAIGN-OPERATIONS",
        "专项行动执法行动次数",
        "次",
        "各专项行动、专项整治当年的执法行动次数。",
        "行动日期",
        MODULE,
        operations,
    )
)
register(
    Indicator(
        "ENF-CAMPAIGN-PERSON-TIMES",
        "专项行动出动人次",
        "人次",
        "各专项行动、专项整治当年执法行动出动人次之和。",
        "行动日期",
        MODULE,
        operations,
        sum_field="person_times",
    )
)
register(
    Indicator(
        "ENF-INSPECTIONS",
        "监督检查家次",
        "家次",
        "当年登记的全部监督检查。",
        "检查日期",
        MODULE,
        inspections,
    )
)

# 一(五)2 — the three systems, case-file evaluation, certificates
register(
    Ratio(
        "ENF-CERT-COVERAGE",
        "执法人员持证率",
        "%",
        "在岗执法人员中，在年末（当年未结束的，为今日）持有有效行政执法证的比例。",
        "年末在岗状态",
        MODULE,
        active_officers,
        numerator=certified_officers,
    )
)
register(
    Ratio(
        "ENF-REVIEW-COVERAGE",
        "重大执法决定法制审核率",
        "%",
        "当年作出的重大执法决定中，在决定日期当日或之前经法制审核通过的比例。",
        "决定日期",
        MODULE,
        major_decisions,
        numerator=reviewed_major_decisions,
    )
)
register(
    Indicator(
        "ENF-MAJOR-DECISIONS",
        "重大执法决定数",
        "件",
        "当年作出的重大执法决定（须经法制审核）。",
        "决定日期",
        MODULE,
        major_decisions,
    )
)
register(
    Ratio(
        "ENF-PUBLICITY-ON-TIME",
        "执法决定按期公示率",
        "%",
        "当年起算公示期限（SZ-1，作出决定之日起7个工作日）的案件中，在期限内公示的比例。",
        "作出决定日期",
        MODULE,
        publicity_due,
        numerator=published_on_time,
    )
)
register(
    Indicator(
        "ENF-PUBLISHED",
        "公示执法决定数",
        "件",
        "当年公示的行政处罚决定（含此后撤下的）。",
        "公示日期",
        MODULE,
        publications,
    )
)
register(
    Average(
        "ENF-EVAL-SCORE",
        "执法案卷评查平均分",
        "分",
        "当年度案卷评查各轮已评分案卷的平均得分（百分制，保留一位小数）。",
        "评查年度",
        MODULE,
        evaluation_sheets,
        sum_field="score",
    )
)


# --- breakdowns (by body, field, campaign) ----------------------------------------------------

GROUPS: dict[type, dict[str, str]] = {
    Case: {"body": "body__org__name", "field": "field__name", "campaign": "campaign__name"},
    Operation: {
        "body": "campaign__lead__org__name",
        "field": "campaign__field__name",
        "campaign": "campaign__name",
    },
    Inspection: {
        "body": "body__org__name",
        "field": "campaign__field__name",
        "campaign": "campaign__name",
    },
    SamplingBatch: {"body": "body__org__name", "campaign": "campaign__name"},
    Campaign: {"body": "lead__org__name", "field": "field__name", "campaign": "name"},
}


def breakdown(
    code: str, *, year: int, org: Organisation | None = None, by: str = "body"
) -> list[tuple[str, int | Decimal]]:
    """An indicator's figure split by body, field or campaign, largest first (records
    without a campaign are grouped under ""). Counts and sums only."""
    from fazhi.core.indicators import get

    ind = get(code)
    if isinstance(ind, Ratio | Average):
        raise ValueError(f"{code} is a ratio or an average and cannot be split")
    qs = ind.records(org, Period.year(year))
    path = GROUPS.get(qs.model, {}).get(by)
    if path is None:
        raise ValueError(f"{code} cannot be split by {by}")
    agg = Sum(ind.sum_field) if ind.sum_field else Count("pk", distinct=True)
    rows = qs.order_by().values(path).annotate(v=agg).order_by("-v", path)
    return [(r[path] or "", r["v"] or 0) for r in rows]


# Annual statistics (SZ-4): in their own module, registered here.
from . import indicators_stats  # noqa: E402

indicators_stats.register_all(Indicator, Ratio, MODULE)
