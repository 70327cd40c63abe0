"""Government-services figures for the annual report, the dashboard, Excel statistics and the
API — every services figure of the seed report (一(二)1 and 一(二)3) is one indicator here,
computed from the records, plus the application figures (on time, satisfaction,
rectification). Each indicator's ``definition`` says what it counts and ``date_basis`` which
date puts a record in a year; ``records`` is the query behind the figure.

Conventions:

* **District catalogue items** (区级事项) are the items catalogued (``catalogued_on``) in
  the year. Of them, an item *with a dispute* (有异议事项) has at least one ``ItemDispute``;
  the others are *reported by departments* (部门上报) — the two add up to the items. Items
  *adopted* from the national or provincial catalogue (沿用国家、省级目录) name the catalogue
  entry they follow (``adopted_from``); they are among the items.
* **The approval bureau** is the body exercising the centralised licensing power
  (``ServiceBody.centralised``); its on-application items are the items with a filed entry
  there at the end of the year; items *moved in* are its transfers of the year.
* **Materials cut** and **proof materials cancelled** are the slimming records of the year
  (``MaterialCut.cut_on``) of materials that are not proofs, and of proofs. The **reduction
  rate** is both together over the materials the items concerned required before: the cuts
  plus what those items still require.
* **Proofs reduced** (证明事项清理) are proof items cancelled or replaced by commitment,
  by the year of the decision; the year before's (GS-PROOFS-REDUCED-LAST-YEAR) is the base
  the seed compares with (在2018年减少证明材料135项基础上).
* **Delegated items** are the distinct items delegated in the year; the **time cut** is
  1 − Σ new limits ÷ Σ original limits over those delegations, stated the seed's way
  (floored to ten per cent, 以上).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum

from fazhi.core import cnformat
from fazhi.core.indicators import Indicator, Period, between, in_subtree, register
from fazhi.core.models import Clock, Organisation

from .models import (
    Application,
    AppStatus,
    Delegation,
    EntryStatus,
    ImplementationEntry,
    Item,
    ItemDispute,
    ItemKind,
    ItemMaterial,
    MaterialCut,
    MaterialKind,
    Package,
    PackageApplication,
    PackageKind,
    ProofItem,
    ProofStatus,
    Rating,
    Rectification,
    RectStatus,
    Transfer,
    Window,
    WindowKind,
)

MODULE = "govservices"
APP_TYPE = Application._meta.label_lower
STATUTORY = ("XK-1", "XK-3", "XK-6")


@dataclass(frozen=True)
class Share(Indicator):
    """A share of records: ``numerator`` over ``records``; 0 without records."""

    numerator: object = None
    style: str = "percent"
    places: int = 2

    def figure(self, org: Organisation | None, period: Period, *, user=None) -> Decimal:
        whole = self.visible(self.records(org, period), user).count()
        if not whole:
            return Decimal(0)
        return Decimal(self.visible(self.numerator(org, period), user).count()) / Decimal(whole)

    def format(self, value) -> str:
        return cnformat.fmt_percent(Decimal(value), places=self.places)


@dataclass(frozen=True)
class Reduction(Indicator):
    """The materials' reduction rate: cut ÷ (cut + still required on the items concerned)."""

    style: str = "percent"

    def figure(self, org: Organisation | None, period: Period, *, user=None) -> Decimal:
        cuts = self.visible(self.records(org, period), user)
        n = cuts.count()
        if not n:
            return Decimal(0)
        items = cuts.values("material__item")
        kept = ItemMaterial.objects.filter(item__in=items, cut=False).count()
        return Decimal(n) / Decimal(n + kept)

    def format(self, value) -> str:
        return cnformat.fmt_percent(Decimal(value), places=0)


@dataclass(frozen=True)
class TimeCut(Indicator):
    """1 − Σ new ÷ Σ original limits; written floored to ten per cent with 以上 (93% →
    90%以上), as the seed states it."""

    style: str = "percent_at_least"

    def figure(self, org: Organisation | None, period: Period, *, user=None) -> Decimal:
        agg = self.visible(self.records(org, period), user).aggregate(
            o=Sum("original_days"), n=Sum("new_days")
        )
        if not agg["o"]:
            return Decimal(0)
        return 1 - Decimal(agg["n"]) / Decimal(agg["o"])

    def format(self, value) -> str:
        floor = (Decimal(value) * 10).to_integral_value(rounding=ROUND_FLOOR) / 10
        return cnformat.fmt_percent(floor, places=0, at_least=True)


@dataclass(frozen=True)
class Longest(Indicator):
    """The longest promise among the records (working days): 1.5个工作日."""

    style: str = "workdays"

    def figure(self, org: Organisation | None, period: Period, *, user=None) -> Decimal:
        values = [
            v
            for v in self.visible(self.records(org, period), user).values_list(
                self.sum_field, flat=True
            )
            if v is not None
        ]
        return max(values, default=Decimal(0))

    def format(self, value) -> str:
        return cnformat.fmt_workdays(Decimal(value).normalize())


def _reg(code, name, unit, definition, basis, query, cls=Indicator, **kw):
    return register(cls(code, name, unit, definition, basis, MODULE, query, **kw))


# -- records ---------------------------------------------------------------------------------


def catalogued(org, p) -> QuerySet[Item]:
    return in_subtree(Item.objects.all(), org, "reported_by").filter(between("catalogued_on", p))


def _disputed() -> Exists:
    return Exists(ItemDispute.objects.filter(item=OuterRef("pk")))


def bureau_items(org, p) -> QuerySet[Item]:
    """On-application items with a filed entry at the centralised licensing authority at the
    end of the year."""
    entries = in_subtree(ImplementationEntry.objects.all(), org).filter(
        item=OuterRef("pk"),
        status=EntryStatus.FILED,
        filed_on__lte=p.end,
        org__service_body__centralised=True,
    )
    return Item.objects.filter(on_application=True).filter(Exists(entries))


def moved_in(org, p) -> QuerySet[Transfer]:
    return in_subtree(Transfer.objects.all(), org, "to_org").filter(
        between("moved_on", p), to_org__service_body__centralised=True
    )


def merged_windows(org, p) -> QuerySet[Window]:
    return in_subtree(Window.objects.all(), org).filter(
        between("closed_on", p), merged_into__isnull=False, kind=WindowKind.DEPARTMENT
    )


def receiving_windows(org, p) -> QuerySet[Window]:
    merged = merged_windows(org, p).filter(merged_into=OuterRef("pk"))
    return Window.objects.filter(kind=WindowKind.COMPREHENSIVE).filter(Exists(merged))


def entries(org, p) -> QuerySet[ImplementationEntry]:
    return in_subtree(ImplementationEntry.objects.all(), org).filter(
        between("filed_on", p), status=EntryStatus.FILED
    )


def cuts(org, p) -> QuerySet[MaterialCut]:
    return in_subtree(MaterialCut.objects.all(), org, "material__item__reported_by").filter(
        between("cut_on", p)
    )


def proofs_reduced(org, p) -> QuerySet[ProofItem]:
    return in_subtree(ProofItem.objects.all(), org, "demanded_by").filter(
        between("decided_on", p), status__in=[ProofStatus.CANCELLED, ProofStatus.COMMITMENT]
    )


def last_year(p: Period) -> Period:
    """The calendar year before the one ``p`` starts in."""
    return Period.year(p.start.year - 1)


def package_items(org, p) -> QuerySet[Item]:
    packages = in_subtree(Package.objects.all(), org).filter(
        is_active=True, set_up_on__lte=p.end, items=OuterRef("pk")
    )
    return Item.objects.filter(Exists(packages))


def delegations(org, p) -> QuerySet[Delegation]:
    return in_subtree(Delegation.objects.all(), org, "to_org").filter(between("delegated_on", p))


def delegated_items(org, p) -> QuerySet[Item]:
    return Item.objects.filter(pk__in=delegations(org, p).values("item"))


def startup_packages(org, p) -> QuerySet[Package]:
    return in_subtree(Package.objects.all(), org).filter(
        kind__in=[PackageKind.STARTUP, PackageKind.DEREGISTRATION],
        is_active=True,
        set_up_on__lte=p.end,
    )


def startup_applications(org, p) -> QuerySet[PackageApplication]:
    return in_subtree(PackageApplication.objects.all(), org).filter(
        between("closed_on", p),
        status="closed",
        package__kind__in=[PackageKind.STARTUP, PackageKind.DEREGISTRATION],
        promised_due_at__isnull=False,
    )


def apps_received(org, p) -> QuerySet[Application]:
    return in_subtree(Application.objects.all(), org).filter(between("received_on", p))


def apps_closed(org, p) -> QuerySet[Application]:
    return in_subtree(Application.objects.all(), org).filter(
        between("closed_on", p), status=AppStatus.CLOSED
    )


def statutory_clocks(org, p) -> QuerySet[Clock]:
    return (
        in_subtree(Clock.objects.all(), org)
        .filter(subject_type=APP_TYPE, rule__code__in=STATUTORY, party=False)
        .filter(between("stopped_on", p))
    )


def promised(org, p) -> QuerySet[Application]:
    return apps_closed(org, p).filter(promised_due_at__isnull=False, closed_at__isnull=False)


def ratings(org, p) -> QuerySet[Rating]:
    return in_subtree(Rating.objects.all(), org, "application__org").filter(between("rated_on", p))


def rectifications(org, p) -> QuerySet[Rectification]:
    return in_subtree(Rectification.objects.all(), org).filter(
        between("replied_on", p), status=RectStatus.REPLIED
    )


def _rect_on_time(org, p):
    late = Clock.objects.filter(
        subject_type=Rectification._meta.label_lower,
        subject_id=_char(OuterRef("pk")),
        stopped_on__gt=F("due_on"),
    )
    return rectifications(org, p).exclude(Exists(late))


def _char(expr):
    from django.db.models import CharField
    from django.db.models.functions import Cast

    return Cast(expr, output_field=CharField())


# -- 一(二)1 一窗通办 -------------------------------------------------------------------------------

_reg(
    "GS-BUREAU-ITEMS",
    "区行政审批服务局依申请类政务服务事项数",
    "项",
    "年末在相对集中行政许可权机关（区行政审批服务局）填报实施清单的依申请类事项（按事项计）。",
    "实施清单填报日期（截至年末）",
    bureau_items,
)
_reg(
    "GS-MOVED-LICENCES",
    "新划入区行政审批服务局的商事登记许可事项数",
    "项",
    "当年划转至相对集中行政许可权机关、主题分类为商事登记的行政许可事项。",
    "划转日期",
    lambda org, p: moved_in(org, p).filter(item__kind=ItemKind.LICENCE, item__category="business"),
)
_reg(
    "GS-MOVED-FILINGS",
    "新划入区行政审批服务局的备案事项数",
    "项",
    "当年划转至相对集中行政许可权机关的备案事项。",
    "划转日期",
    lambda org, p: moved_in(org, p).filter(item__kind=ItemKind.FILING),
)
_reg(
    "GS-WINDOWS-MERGED",
    "整合的原办事窗口数",
    "个",
    "当年撤并入综合窗口的部门窗口。",
    "撤并日期",
    merged_windows,
)
_reg(
    "GS-WINDOWS-COMPREHENSIVE",
    "整合设置的综合窗口数",
    "个",
    "当年有部门窗口并入的综合窗口（企业开办服务专区、商事登记综合窗等）。",
    "撤并日期",
    receiving_windows,
)
_reg(
    "GS-STARTUP-PROMISE",
    "企业开办和注销承诺办结时限",
    "个工作日",
    "年末在用的企业开办、企业注销套餐（一件事）的承诺时限中最长者，按窗口办公时间计算的工作日。",
    "套餐设立日期（截至年末）",
    startup_packages,
    cls=Longest,
    sum_field="promised_days",
)
_reg(
    "GS-STARTUP-WITHIN",
    "企业开办和注销按承诺时限办结率",
    "%",
    "当年办结的企业开办、企业注销一件事申请中，在承诺办结时间之前办结的比例。",
    "办结日期",
    startup_applications,
    cls=Share,
    numerator=lambda org, p: startup_applications(org, p).filter(
        closed_at__lte=F("promised_due_at")
    ),
)

# -- 一(二)1 一件事一次办 -----------------------------------------------------------------------------

_reg(
    "GS-CAT-ITEMS",
    "标准化梳理区级事项数",
    "项",
    "当年梳理入目录的区级政务服务事项。",
    "梳理日期",
    catalogued,
)
_reg(
    "GS-CAT-REPORTED",
    "部门上报事项数",
    "项",
    "当年梳理入目录、无异议的部门上报事项（与有异议事项合计为区级事项数）。",
    "梳理日期",
    lambda org, p: catalogued(org, p).exclude(_disputed()),
)
_reg(
    "GS-CAT-DISPUTED",
    "有异议事项数",
    "项",
    "当年梳理入目录、登记过异议的事项（异议内容、决定机关和处理结果见各事项）。",
    "梳理日期",
    lambda org, p: catalogued(org, p).filter(_disputed()),
)
_reg(
    "GS-CAT-ADOPTED",
    "沿用国家、省级目录事项数",
    "项",
    "当年梳理入目录、要素沿用国家或省级政务服务事项目录的事项。",
    "梳理日期",
    lambda org, p: catalogued(org, p).exclude(adopted_from=""),
)
_reg("GS-ENTRIES", "已填报实施清单数", "项", "当年填报且仍在实施的实施清单。", "填报日期", entries)
_reg(
    "GS-MATERIALS-CUT",
    "精减审批材料数",
    "项",
    "当年精减（取消、合并、数据共享免提交、告知承诺替代）的申请材料，证明材料除外。",
    "精减日期",
    lambda org, p: cuts(org, p).exclude(material__kind=MaterialKind.PROOF),
)
_reg(
    "GS-PROOF-MATERIALS-CUT",
    "取消证明材料数",
    "项",
    "当年从事项申请材料中精减的证明材料。",
    "精减日期",
    lambda org, p: cuts(org, p).filter(material__kind=MaterialKind.PROOF),
)
_reg(
    "GS-MATERIAL-RATE",
    "申请材料精减率",
    "%",
    "当年精减的申请材料（含证明材料）占所涉事项精减前所需材料（精减数加仍需提交数）的比例，取整数百分比。",
    "精减日期",
    cuts,
    cls=Reduction,
)
_reg(
    "GS-PACKAGE-ITEMS",
    "套餐式办理事项数",
    "个",
    "年末在用的套餐（一件事）所包含的事项（按事项计，重复计入多个套餐的只计一次）。",
    "套餐设立日期（截至年末）",
    package_items,
)

# -- 一(二)3 放管服 ----------------------------------------------------------------------------------

_reg(
    "GS-DELEGATED",
    "下放街道（园区）事项数",
    "项",
    "当年下放至街道、园区的事项（按事项计）。",
    "下放日期",
    delegated_items,
)
_reg(
    "GS-DELEGATED-CUT",
    "下放事项办理时限压减率",
    "%",
    "当年下放事项：1减去下放后时限之和与原办理时限之和的比值；按十个百分点向下取整并写“以上”。",
    "下放日期",
    delegations,
    cls=TimeCut,
)
_reg(
    "GS-PROOFS-REDUCED",
    "减少证明事项数",
    "项",
    "当年清理中取消或以告知承诺替代的证明事项。",
    "清理决定日期",
    proofs_reduced,
)
_reg(
    "GS-PROOFS-REDUCED-LAST-YEAR",
    "上年减少证明事项数",
    "项",
    "上一年清理中取消或以告知承诺替代的证明事项（年度报告“在上年减少…基础上”的比较基数）。",
    "清理决定日期",
    lambda org, p: proofs_reduced(org, last_year(p)),
)

# -- applications -----------------------------------------------------------------------------

_reg(
    "GS-APPS-RECEIVED",
    "收件数",
    "件",
    "当年收件的办件（含网上、邮寄和一网通办平台转入）。",
    "收件日期",
    apps_received,
)
_reg("GS-APPS-CLOSED", "办结数", "件", "当年办结（送达或发证）的办件。", "办结日期", apps_closed)
_reg(
    "GS-STATUTORY-ON-TIME",
    "法定期限内办结率",
    "%",
    "当年停止的办件法定期限（补正告知、审查决定、颁发证件）中，停止日不晚于到期日的比例。",
    "期限停止日",
    statutory_clocks,
    cls=Share,
    numerator=lambda org, p: statutory_clocks(org, p).filter(stopped_on__lte=F("due_on")),
)
_reg(
    "GS-PROMISE-ON-TIME",
    "承诺时限内办结率",
    "%",
    "当年办结的办件中，办结时间不晚于按窗口办公时间计算的承诺办结时间的比例。",
    "办结日期",
    promised,
    cls=Share,
    numerator=lambda org, p: promised(org, p).filter(closed_at__lte=F("promised_due_at")),
)
_reg(
    "GS-SATISFACTION",
    "办件评价满意率",
    "%",
    "当年的办件评价中，非常满意、满意和基本满意的比例。",
    "评价日期",
    ratings,
    cls=Share,
    numerator=lambda org, p: ratings(org, p).filter(score__gte=3),
)
_reg(
    "GS-BAD-RATINGS",
    "差评数",
    "件",
    "当年评价为不满意或非常不满意的办件。",
    "评价日期",
    lambda org, p: ratings(org, p).filter(score__lte=2),
)
_reg(
    "GS-RECT-CLOSED",
    "差评整改办结数",
    "件",
    "当年整改并回复申请人的差评。",
    "回复日期",
    rectifications,
)
_reg(
    "GS-RECT-ON-TIME",
    "差评按期整改率",
    "%",
    "当年整改并回复的差评中，在整改期限（HP-1）内回复的比例。",
    "回复日期",
    rectifications,
    cls=Share,
    numerator=_rect_on_time,
)

__all__ = ["Count", "Q"]
