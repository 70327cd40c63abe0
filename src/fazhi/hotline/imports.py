"""The hotline's registers in the kernel's data-exchange registry.

- ``hotline-catalogue`` (派单目录): one row per category and street (blank: anywhere) with the
  body the agent is offered — the code table the office keeps in Excel, imported through
  ``catalogue_row_save`` (the category created or corrected, its body set; all rows or
  nothing, each bad row named), exported in the same columns, so an export imports back
  unchanged;
- ``hotline-orders``: the work orders, export-only (the order list's download and
  ``fazhi export hotline-orders``); the caller's name and phone are never in it.

``register()`` is called from ``HotlineConfig.ready()``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dataexchange import registry
from fazhi.core.dataexchange.registry import Column, Kind, Register
from fazhi.core.dataexchange.resolver import Resolver
from fazhi.core.dataexchange.values import field_value, label, text
from fazhi.core.models import Organisation, User

from . import queries
from .models import Category, Channel, DispatchRule, Order, OrderKind, OrderStatus, Satisfaction
from .services import catalogue


class HotlineResolver(Resolver):
    """Bodies and streets by name among the bodies an order may go to (their names are
    public: ``queries.bodies``), and the importer's hotline office."""

    def body(self, name: str) -> Organisation | None:
        if not name:
            return None

        def find():
            qs = queries.bodies()
            found = list(qs.filter(name=name)) or list(qs.filter(short_name=name))
            if len(found) != 1:
                raise ValueError(_("单位“%(n)s”不存在或已停用。") % {"n": name})
            return found[0]

        return self.cached("body", name, find)

    def office(self) -> Organisation | None:
        if not isinstance(self.actor, User):
            return None
        return self.cached("office", "", lambda: next(iter(queries.offices(self.actor)), None))


def _catalogue_kwargs(r: HotlineResolver, v: dict[str, Any], errors: dict[str, str]) -> dict:
    kw = {
        "code": text(v["code"]),
        "major": text(v["major"]),
        "name": text(v["name"]),
        "rule_code": text(v["rule_code"]) or "RX-1",
        "street": field_value(errors, "street", lambda: r.body(text(v["street"]))),
        "body": field_value(errors, "body", lambda: r.body(text(v["body"]))),
        "office": r.office(),
    }
    # a new row may not change a category others already use: that change would show before
    # the import is published (an existing row's change waits for the publication)
    cat = Category.objects.filter(code=kw["code"]).first()
    if (
        cat is not None
        and "street" not in errors
        and (cat.major, cat.name, cat.rule_code) != (kw["major"], kw["name"], kw["rule_code"])
        and not DispatchRule.objects.filter(category=cat, street=kw["street"]).exists()
    ):
        errors["major"] = _(
            "分类编码%(c)s已有（%(m)s·%(n)s，%(r)s），与本行不同：请在该分类已有的行中修改。"
        ) % {"c": cat.code, "m": cat.major, "n": cat.name, "r": cat.rule_code}
    return kw


def _catalogue_row(d: DispatchRule) -> list[Any]:
    c = d.category
    return [c.code, c.major, c.name, c.rule_code, d.street.name if d.street else "", d.body.name]


def _catalogue_find(r: Resolver, kw: dict[str, Any]) -> DispatchRule | None:
    return (
        DispatchRule.objects.filter(category__code=kw["code"], street=kw["street"])
        .select_related("category", "street", "body")
        .first()
    )


def _catalogue_records(*, actor, org=None, year=None):
    # the catalogue is the district's code table, read by every agent: not scoped
    # the district-wide rule of a category first, then its streets' (the same order on
    # SQLite and PostgreSQL, which sort NULLs at opposite ends by default)
    return DispatchRule.objects.select_related("category", "street", "body").order_by(
        "category__code", F("street__name").asc(nulls_first=True), "pk"
    )


CATALOGUE = Register(
    name="hotline-catalogue",
    title=gettext_lazy("12345派单目录"),
    model=DispatchRule,
    columns=(
        Column("分类编码", "code", True, gettext_lazy("诉求分类的编码"), Kind.CODE, "HJ01",
               field="Category.code"),
        Column("大类", "major", True, gettext_lazy("诉求分类的大类"), Kind.TEXT, "环境保护",
               field="Category.major"),
        Column("小类", "name", True, gettext_lazy("诉求分类的小类"), Kind.TEXT, "噪声扰民",
               field="Category.name"),
        Column("办理时限规则", "rule_code", False, gettext_lazy("时限规则编码，空为 RX-1"),
               Kind.CODE, "RX-1", field="Category.rule_code"),
        Column("街道", "street", False, gettext_lazy("只适用于该街道时填写，空为全区"),
               Kind.NAME, "文艺路街道"),
        Column("承办单位", "body", True, gettext_lazy("派往的单位名称或简称"), Kind.NAME,
               "长沙市芙蓉区城市管理和综合执法局"),
    ),
    build=_catalogue_kwargs,
    save=catalogue.catalogue_row_save,
    key=("code", "street"),
    find=_catalogue_find,
    row_of=_catalogue_row,
    updates=True,
    resolver=HotlineResolver,
    models=(Category, DispatchRule),
    records=_catalogue_records,
)  # fmt: skip


def _d(day) -> str:
    return day.isoformat() if day else ""


def _order_row(o: Order) -> list[Any]:
    return [
        o.number,
        _d(o.received_on),
        label(Channel, o.channel),
        label(OrderKind, o.kind),
        str(o.category),
        o.street.name if o.street else "",
        o.address,
        o.title,
        o.org.name,
        label(OrderStatus, o.status),
        _d(o.assigned_on),
        _d(o.signed_on),
        _d(o.replied_on),
        _d(o.closed_on),
        o.returns,
        o.rounds,
        label(Satisfaction, o.satisfaction) if o.satisfaction else "",
    ]


def _order_records(*, actor, org=None, year=None):
    qs = Resolver(actor, org).scoped(Order).select_related("org", "category", "street")
    if year:
        qs = qs.filter(received_on__year=year)
    return qs.order_by("received_on", "pk")


def _cols(*specs) -> tuple[Column, ...]:
    return tuple(Column(h, k) for h, k in specs)


ORDERS = Register(
    name="hotline-orders",
    title=gettext_lazy("12345热线工单"),
    model=Order,
    columns=_cols(
        (gettext_lazy("工单编号"), "number"),
        (gettext_lazy("受理日期"), "received_on"),
        (gettext_lazy("来源渠道"), "channel"),
        (gettext_lazy("诉求类型"), "kind"),
        (gettext_lazy("诉求分类"), "category"),
        (gettext_lazy("所在街道"), "street"),
        (gettext_lazy("地址"), "address"),
        (gettext_lazy("标题"), "title"),
        (gettext_lazy("承办单位"), "org"),
        (gettext_lazy("状态"), "status"),
        (gettext_lazy("派单日期"), "assigned_on"),
        (gettext_lazy("签收日期"), "signed_on"),
        (gettext_lazy("答复日期"), "replied_on"),
        (gettext_lazy("办结日期"), "closed_on"),
        (gettext_lazy("退单次数"), "returns"),
        (gettext_lazy("重办次数"), "rounds"),
        (gettext_lazy("回访结果"), "satisfaction"),
    ),
    row_of=_order_row,
    records=_order_records,
    year_note=gettext_lazy("受理日期所在年度"),
)


def register() -> None:
    for reg in (CATALOGUE, ORDERS):
        registry.register(reg)
