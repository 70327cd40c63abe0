"""Open government's registers of proactive disclosure in the kernel's data-exchange registry:

- ``disclosure-catalogue`` (主动公开目录类别), imported and exported: one row per category of a
  body's catalogue — the body, the category's name, what it holds, the body responsible, its
  place and whether it is in use — each written through ``proactive.category_save`` (the
  body's staff only; the body responsible within the body);
- ``content-duties`` (内容保障责任), imported and exported: one row per website column a
  department keeps current, through ``duties.duty_save``;
- ``content-duty-checks`` (内容保障月度检查), exported: every monthly check with its result and
  the number of the website monitor's findings linked (a check is recorded on its page, with
  the findings, never from a spreadsheet).

A row equal to the record already holding its key (body + name, department + column) as the
export writes it is *unchanged*, so an exported register imports back adding nothing; a row
that differs from it is an error (a category or duty is edited on its page). Registered from
``exports.register()``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from fazhi.core.dataexchange.registry import Column, Kind, Register
from fazhi.core.dataexchange.resolver import Resolver
from fazhi.core.dataexchange.values import choice, field_value, integer, parse_date, text

from . import duties, proactive
from .models import CatalogueCategory, ContentDuty, DutyCheck

YES, NO = "是", "否"
YES_NO = ((YES, YES), (NO, NO))


def _yes(value: Any, what: str) -> bool:
    return choice(value, list(YES_NO), what) == YES


def _yes_no(flag: bool) -> str:
    return YES if flag else NO


def _scoped(model, date_filter=None):
    def records(*, actor, org=None, year=None):
        qs = Resolver(actor, org).scoped(model)
        if year and date_filter:
            qs = qs.filter(**date_filter(year))
        return qs

    return records


# ---------------------------------------------------------------- the catalogue


def _category_kwargs(r: Resolver, v: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    return {
        "org": field_value(errors, "org", lambda: r.org_named(text(v["org"]))),
        "name": text(v["name"]),
        "content": text(v["content"]),
        "responsible": field_value(
            errors, "responsible", lambda: r.org_named(text(v["responsible"]))
        ),
        "order": field_value(errors, "order", lambda: integer(v["order"])),
        "active": field_value(errors, "active", lambda: _yes(v["active"], "在用")),
    }


def _category_find(r: Resolver, kw: dict[str, Any]) -> CatalogueCategory | None:
    if kw.get("org") is None:
        return None
    return (
        CatalogueCategory.objects.select_related("org", "responsible")
        .filter(org=kw["org"], name=kw["name"])
        .first()
    )


def _category_row(c: CatalogueCategory) -> list[Any]:
    return [c.org.name, c.name, c.content, c.responsible.name, c.order, _yes_no(c.active)]


CATALOGUE = Register(
    name="disclosure-catalogue",
    title=gettext_lazy("主动公开目录类别"),
    model=CatalogueCategory,
    columns=(
        Column(
            "公开主体",
            "org",
            True,
            gettext_lazy("机构名称或简称"),
            Kind.NAME,
            "长沙市芙蓉区财政局",
            field="org",
            max_length=100,
        ),
        Column(
            "目录类别", "name", True, gettext_lazy("本机关目录中不重复"), Kind.TEXT, "财政预决算"
        ),
        Column(
            "公开内容",
            "content",
            False,
            gettext_lazy("该类别公开的信息"),
            Kind.TEXT,
            "部门预算、决算及“三公”经费说明",
        ),
        Column(
            "责任单位",
            "responsible",
            True,
            gettext_lazy("本机关或其内设、下属单位"),
            Kind.NAME,
            "长沙市芙蓉区财政局",
            field="org",
            max_length=100,
        ),
        Column("排序", "order", False, gettext_lazy("类别在目录中的顺序"), Kind.INTEGER, "1"),
        Column(
            "在用",
            "active",
            True,
            gettext_lazy("是否仍在目录中使用"),
            Kind.CHOICE,
            YES,
            choices=YES_NO,
        ),
    ),  # fmt: skip
    build=_category_kwargs,
    save=proactive.category_save,
    key=("org", "name"),
    find=_category_find,
    row_of=_category_row,
    models=(CatalogueCategory,),
    records=lambda **kw: (
        _scoped(CatalogueCategory)(**kw)
        .select_related("org", "responsible")
        .order_by("org__path", "order", "id")
    ),
)


# ---------------------------------------------------------------- content duties


def _duty_kwargs(r: Resolver, v: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    return {
        "org": field_value(errors, "org", lambda: r.org_named(text(v["org"]))),
        "column": text(v["column"]),
        "content": text(v["content"]),
        "effective_from": field_value(
            errors, "effective_from", lambda: parse_date(v["effective_from"])
        ),
        "active": field_value(errors, "active", lambda: _yes(v["active"], "在用")),
    }


def _duty_find(r: Resolver, kw: dict[str, Any]) -> ContentDuty | None:
    if kw.get("org") is None:
        return None
    return (
        ContentDuty.objects.select_related("org").filter(org=kw["org"], column=kw["column"]).first()
    )


def _duty_row(d: ContentDuty) -> list[Any]:
    return [d.org.name, d.column, d.content, d.effective_from.isoformat(), _yes_no(d.active)]


DUTIES = Register(
    name="content-duties",
    title=gettext_lazy("内容保障责任"),
    model=ContentDuty,
    columns=(
        Column(
            "责任部门",
            "org",
            True,
            gettext_lazy("机构名称或简称"),
            Kind.NAME,
            "长沙市芙蓉区财政局",
            field="org",
            max_length=100,
        ),
        Column(
            "网站栏目",
            "column",
            True,
            gettext_lazy("本部门负责的栏目，不重复"),
            Kind.TEXT,
            "财政预决算",
        ),
        Column(
            "保障内容",
            "content",
            True,
            gettext_lazy("栏目应当及时更新的内容"),
            Kind.TEXT,
            "部门预算、决算和“三公”经费",
        ),
        Column(
            "责任起始日期",
            "effective_from",
            True,
            gettext_lazy("自该日起按月检查"),
            Kind.DATE,
            "2019-01-01",
        ),
        Column(
            "在用", "active", True, gettext_lazy("是否仍需保障"), Kind.CHOICE, YES, choices=YES_NO
        ),
    ),  # fmt: skip
    build=_duty_kwargs,
    save=duties.duty_save,
    key=("org", "column"),
    find=_duty_find,
    row_of=_duty_row,
    models=(ContentDuty,),
    records=lambda **kw: (
        _scoped(ContentDuty)(**kw).select_related("org").order_by("org__path", "column", "id")
    ),
)


def _check_row(c: DutyCheck) -> list[Any]:
    return [
        c.duty.org.name,
        c.duty.column,
        c.month,
        c.checked_on.isoformat(),
        _yes_no(c.current),
        _yes_no(c.ok),
        c.n_findings,
        c.note,
    ]


def _checks(**kw):
    from django.db.models import Count

    qs = _scoped(DutyCheck, lambda y: {"month__startswith": f"{int(y):04d}-"})(**kw)
    return (
        qs.select_related("duty", "duty__org")
        .annotate(n_findings=Count("findings"))
        .order_by("month", "duty__org__path", "duty__column", "id")
    )


CHECKS = Register(
    name="content-duty-checks",
    title=gettext_lazy("内容保障月度检查"),
    model=DutyCheck,
    columns=(
        Column("责任部门", "org", kind=Kind.NAME),
        Column("网站栏目", "column"),
        Column("检查月份", "month", kind=Kind.CODE),
        Column("检查日期", "checked_on", kind=Kind.DATE),
        Column("内容已及时更新", "current", kind=Kind.CHOICE, choices=YES_NO),
        Column("检查合格", "ok", kind=Kind.CHOICE, choices=YES_NO),
        Column("监测发现的问题数", "findings", kind=Kind.INTEGER),
        Column("说明", "note"),
    ),
    row_of=_check_row,
    records=_checks,
    year_note=gettext_lazy("检查月份所在年度"),
)

REGISTERS = (CATALOGUE, DUTIES, CHECKS)
