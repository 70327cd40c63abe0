"""Enforcement's registers in the kernel's data-exchange registry: inspections, sampling
batches and grid cells (the power list and past cases are in ``imports_catalogue``).

Each register names its columns, builds its service's arguments from a row — references
(body, campaign, case, unit, parent cell) resolved within the importer's scope, dates and
choices parsed, the 统一社会信用代码 checked (GB 32100) — and writes each row through the same
service a form uses. How a file is read, checked, batched, hidden until the end, published or
withdrawn is the kernel's (``fazhi.core.dataexchange``). ``register()`` is called from
``EnforcementConfig.ready()``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Case as DbCase
from django.db.models import Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dataexchange import registry
from fazhi.core.dataexchange.registry import Column, Kind, Register
from fazhi.core.dataexchange.resolver import Resolver
from fazhi.core.dataexchange.values import choice, field_value, label, parse_date, text
from fazhi.core.models import User

from .models import (
    Campaign,
    Case,
    EnforcementBody,
    GridCell,
    GridLevel,
    Inspection,
    InspectionResult,
    SamplingBatch,
    SamplingResult,
)
from .services import campaigns as campaign_services
from .services import grid as grid_services

BODY_NOTE = gettext_lazy("执法主体的机构名称或简称")


class EnforcementResolver(Resolver):
    """Bodies, campaigns, cases and cells a row names, within the importer's scope."""

    def body(self, name: str) -> EnforcementBody:
        def find():
            qs = self.scoped(EnforcementBody).select_related("org")
            found = list(qs.filter(org__name=name)) or list(qs.filter(org__short_name=name))
            if len(found) != 1:
                raise ValueError(_("执法主体“%(n)s”不存在或不在您的数据范围内。") % {"n": name})
            return found[0]

        return self.cached("body", name, find)

    def campaign(self, name: str) -> Campaign | None:
        if not name:
            return None

        def find():
            qs = (
                campaign_services.campaigns(self.actor)
                if isinstance(self.actor, User)
                else Campaign.objects.all()
            )
            found = list(qs.filter(name=name))
            if not found:
                raise ValueError(_("专项行动“%(n)s”不存在或不在您的数据范围内。") % {"n": name})
            if len(found) > 1:
                raise ValueError(_("有多个名为“%(n)s”的专项行动，请先改名区分。") % {"n": name})
            return found[0]

        return self.cached("campaign", name, find)

    def case(self, number: str) -> Case | None:
        if not number:
            return None

        def find():
            found = self.scoped(Case).filter(number=number).first()
            if found is None:
                raise ValueError(_("案件“%(n)s”不存在或不在您的数据范围内。") % {"n": number})
            return found

        return self.cached("case", number, find)

    def cell(self, code: str) -> GridCell | None:
        """A parent cell: already in the system or on an earlier row of this file (not
        cached when missing — a later row may be the one that names it)."""
        if not code:
            return None
        found = GridCell.objects.filter(code=code).first()
        if found is None:
            raise ValueError(
                _("上级网格“%(c)s”不存在（上级网格须已在系统中，或在本文件更前的行）。")
                % {"c": code}
            )
        return found


# ---------------------------------------------------------------- inspections


def _inspection_kwargs(r: EnforcementResolver, v: dict[str, Any], errors: dict[str, str]) -> dict:
    code = text(v["unit_credit_code"])
    if code:
        _normal, problem = campaign_services.credit_code_problem(code)
        if problem:
            errors["unit_credit_code"] = _("“%(c)s”未通过校验：%(m)s") % {"c": code, "m": problem}
    return {
        "body": field_value(errors, "body", lambda: r.body(text(v["body"]))),
        "unit_name": text(v["unit_name"]),
        "unit_credit_code": code,
        "inspected_on": field_value(errors, "inspected_on", lambda: parse_date(v["inspected_on"])),
        "result": field_value(
            errors, "result", lambda: choice(v["result"], InspectionResult.choices, _("检查结果"))
        ),
        "findings": text(v["findings"]),
        "campaign": field_value(errors, "campaign", lambda: r.campaign(text(v["campaign"]))),
        "case": field_value(errors, "case", lambda: r.case(text(v["case"]))),
    }


def _inspection_row(i: Inspection) -> list[Any]:
    return [
        i.body.org.name,
        i.unit_name,
        i.unit_credit_code,
        i.inspected_on,
        label(InspectionResult, i.result),
        i.findings,
        i.campaign.name if i.campaign else "",
        i.case.number if i.case else "",
    ]


def _find_same(model, date_field: str, keys: tuple[str, ...]):
    """For registers whose rows have no natural key: for each row, a record equal to it in
    every column, or None — one query per batch (the rows' bodies, dates and unit names),
    reading only the key columns."""
    attnames = [model._meta.get_field(k).attname for k in keys]

    def part(value):
        return value.pk if hasattr(value, "pk") else value

    def find_many(r: Resolver, rows: list[dict[str, Any]]) -> list[Any]:
        qs = r.scoped(model).filter(
            body__in={kw["body"].pk for kw in rows},
            unit_name__in={kw["unit_name"] for kw in rows},
            **{f"{date_field}__in": {kw[date_field] for kw in rows}},
        )
        index = {tuple(v[:-1]): v[-1] for v in qs.values_list(*attnames, "pk")}
        found = [index.get(tuple(part(kw[k]) for k in keys)) for kw in rows]
        records = model._default_manager.in_bulk([pk for pk in found if pk is not None])
        return [records.get(pk) if pk is not None else None for pk in found]

    return find_many


def _in_year(qs, year: int | None, date_field: str):
    return qs.filter(**{f"{date_field}__year": year}) if year else qs


def _inspection_records(*, actor, org=None, year=None):
    qs = Resolver(actor, org).scoped(Inspection).select_related("body__org", "campaign", "case")
    return _in_year(qs, year, "inspected_on").order_by("inspected_on", "pk")


INSPECTION_KEY = (
    "body",
    "unit_name",
    "unit_credit_code",
    "inspected_on",
    "result",
    "findings",
    "campaign",
    "case",
)
INSPECTIONS = Register(
    name="inspections",
    title=gettext_lazy("监督检查"),
    model=Inspection,
    columns=(
        Column("执法主体", "body", True, BODY_NOTE, Kind.NAME, "长沙市芙蓉区行政执法局"),
        Column(
            "被检查单位", "unit_name", True, gettext_lazy("单位名称"), Kind.TEXT, "某某餐饮有限公司"
        ),
        Column(
            "统一社会信用代码",
            "unit_credit_code",
            False,
            gettext_lazy("18位，按GB 32100校验"),
            Kind.CODE,
        ),
        Column(
            "检查日期", "inspected_on", True, gettext_lazy("检查的日期"), Kind.DATE, "2019-05-20"
        ),
        Column(
            "检查结果",
            "result",
            True,
            gettext_lazy("检查的结论"),
            Kind.CHOICE,
            "发现问题责令整改",
            choices=InspectionResult,
        ),
        Column(
            "发现的问题",
            "findings",
            False,
            gettext_lazy("发现问题的须填写"),
            Kind.TEXT,
            "后厨卫生不达标",
        ),
        Column("专项行动", "campaign", False, gettext_lazy("专项行动名称（可空）"), Kind.NAME),
        Column("案件编号", "case", False, gettext_lazy("由此立案的案件编号（可空）"), Kind.CODE),
    ),
    build=_inspection_kwargs,
    save=campaign_services.inspection_create,
    key=INSPECTION_KEY,
    find_many=_find_same(Inspection, "inspected_on", INSPECTION_KEY),
    row_of=_inspection_row,
    resolver=EnforcementResolver,
    models=(Inspection,),
    records=_inspection_records,
    year_note=gettext_lazy("检查日期所在年度"),
)


# ---------------------------------------------------------------- sampling


def _sampling_kwargs(r: EnforcementResolver, v: dict[str, Any], errors: dict[str, str]) -> dict:
    return {
        "body": field_value(errors, "body", lambda: r.body(text(v["body"]))),
        "product": text(v["product"]),
        "unit_name": text(v["unit_name"]),
        "sampled_on": field_value(errors, "sampled_on", lambda: parse_date(v["sampled_on"])),
        "result": field_value(
            errors, "result", lambda: choice(v["result"], SamplingResult.choices, _("检验结论"))
        ),
        "campaign": field_value(errors, "campaign", lambda: r.campaign(text(v["campaign"]))),
        "case": field_value(errors, "case", lambda: r.case(text(v["case"]))),
    }


def _sampling_row(s: SamplingBatch) -> list[Any]:
    return [
        s.body.org.name,
        s.product,
        s.unit_name,
        s.sampled_on,
        label(SamplingResult, s.result),
        s.campaign.name if s.campaign else "",
        s.case.number if s.case else "",
    ]


def _sampling_records(*, actor, org=None, year=None):
    qs = Resolver(actor, org).scoped(SamplingBatch).select_related("body__org", "campaign", "case")
    return _in_year(qs, year, "sampled_on").order_by("sampled_on", "pk")


SAMPLING_KEY = ("body", "product", "unit_name", "sampled_on", "result", "campaign", "case")
SAMPLING = Register(
    name="sampling",
    title=gettext_lazy("抽样检验"),
    model=SamplingBatch,
    columns=(
        Column("执法主体", "body", True, BODY_NOTE, Kind.NAME, "长沙市芙蓉区市场监督管理局"),
        Column("样品", "product", True, gettext_lazy("样品名称"), Kind.TEXT, "散装大米"),
        Column("被抽样单位", "unit_name", True, gettext_lazy("单位名称"), Kind.TEXT, "某某超市"),
        Column("抽样日期", "sampled_on", True, gettext_lazy("抽样的日期"), Kind.DATE, "2019-06-03"),
        Column(
            "检验结论",
            "result",
            True,
            gettext_lazy("检验的结论"),
            Kind.CHOICE,
            "合格",
            choices=SamplingResult,
        ),
        Column("专项行动", "campaign", False, gettext_lazy("专项行动名称（可空）"), Kind.NAME),
        Column("案件编号", "case", False, gettext_lazy("由此立案的案件编号（可空）"), Kind.CODE),
    ),
    build=_sampling_kwargs,
    save=campaign_services.sampling_create,
    key=SAMPLING_KEY,
    find_many=_find_same(SamplingBatch, "sampled_on", SAMPLING_KEY),
    row_of=_sampling_row,
    resolver=EnforcementResolver,
    models=(SamplingBatch,),
    records=_sampling_records,
    year_note=gettext_lazy("抽样日期所在年度"),
)


# ---------------------------------------------------------------- grid cells

_LEVEL_WORDS = [
    (GridLevel.DISTRICT, ("区", "区级", "district")),
    (GridLevel.STREET, ("街道", "街道级", "street")),
    (GridLevel.COMMUNITY, ("社区", "社区级", "村", "社区（村）级", "community")),
]


def _level(value: Any) -> str:
    t = text(value)
    for code, words in _LEVEL_WORDS:
        if t in words or t == str(GridLevel(code).label):
            return code
    raise ValueError(_("层级“%(v)s”不正确，应为：区级 / 街道级 / 社区级") % {"v": t})


def _cell_kwargs(r: EnforcementResolver, v: dict[str, Any], errors: dict[str, str]) -> dict:
    return {
        "code": text(v["code"]),
        "name": text(v["name"]),
        "level": field_value(errors, "level", lambda: _level(v["level"])),
        "parent": field_value(errors, "parent", lambda: r.cell(text(v["parent"]))),
        "org": field_value(errors, "org", lambda: r.org_named(text(v["org"]))),
    }


def _cell_row(c: GridCell) -> list[Any]:
    return [
        c.code,
        c.name,
        label(GridLevel, c.level),
        c.parent.code if c.parent else "",
        c.org.name,
    ]


def _cell_find(r: Resolver, kwargs: dict[str, Any]):
    return GridCell.objects.filter(code=kwargs["code"]).select_related("parent", "org").first()


def _cell_records(*, actor, org=None, year=None):
    qs = Resolver(actor, org).scoped(GridCell).select_related("org", "parent")
    # parents before children, so the file imports in its own order
    rank = DbCase(
        *(When(level=level, then=Value(i)) for i, level in enumerate(GridLevel.values)),
        default=Value(len(GridLevel.values)),
    )
    return qs.annotate(level_rank=rank).order_by("level_rank", "code")


CELLS = Register(
    name="grid-cells",
    title=gettext_lazy("网格"),
    model=GridCell,
    columns=(
        Column(
            "网格编码",
            "code",
            True,
            gettext_lazy("上级网格须在本文件更前的行或已在系统中"),
            Kind.CODE,
            "430102-01",
        ),
        Column("网格名称", "name", True, gettext_lazy("网格的名称"), Kind.TEXT, "甲街道网格"),
        Column(
            "层级",
            "level",
            True,
            gettext_lazy("网格的层级"),
            Kind.CHOICE,
            "街道级",
            choices=GridLevel,
        ),
        Column("上级网格编码", "parent", False, gettext_lazy("区级网格留空"), Kind.CODE, "430102"),
        Column("责任单位", "org", True, gettext_lazy("机构名称或简称"), Kind.NAME, "甲街道"),
    ),
    build=_cell_kwargs,
    save=grid_services.cell_save,
    key=("code",),
    find=_cell_find,
    row_of=_cell_row,
    resolver=EnforcementResolver,
    models=(GridCell,),
    records=_cell_records,
)


def register() -> None:
    for reg in (INSPECTIONS, SAMPLING, CELLS):
        registry.register(reg)
