"""The catalogue in and out of Excel, as a register of the kernel's data-exchange registry
(``fazhi.core.dataexchange``): one row per item with its implementation entry.

``fazhi import service-items``, ``fazhi export service-items``, ``POST
/api/v1/imports/service-items``, the workspace's import page and the catalogue list's download
all read ``ITEMS``. Each row is checked (choices, the reporting department and the
implementing body within the importer's scope) and written through ``catalogue.item_save``
and ``catalogue.entry_save`` — their role checks, their ledger events — in its own savepoint,
so every row's problems are found in one pass. How the file is read, batched, hidden until
the end, published or withdrawn (all rows or nothing, a file imported once by its hash) is
the kernel's. An item already in the catalogue with the same code is *unchanged* when the row
equals it as the export writes it, else an error; so an exported catalogue imports back
unchanged. ``register()`` is called from ``GovServicesConfig.ready()``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import scoping
from fazhi.core.dataexchange import registry, runner
from fazhi.core.dataexchange.registry import Column, Kind, Register
from fazhi.core.dataexchange.resolver import Resolver
from fazhi.core.dataexchange.values import ImportFileError, ImportResult, parse_date, text
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role

from .models import (
    Category,
    EntryStatus,
    ImplementationEntry,
    Item,
    ItemKind,
    Level,
    MaterialKind,
)
from .services import catalogue

__all__ = ["ITEMS", "ImportFileError", "catalogue_import", "export_rows", "register", "xlsx"]

YES, NO = "是", "否"
YES_NO = ((YES, YES), (NO, NO))
ENTRY = "ImplementationEntry."

COLUMNS = (
    Column("事项编码", "code", True, gettext_lazy("目录中不重复"), Kind.CODE, "430102-XK-0001"),
    Column("事项名称", "name", True, gettext_lazy("政务服务事项的名称"), Kind.TEXT, "食品经营许可"),
    Column(
        "事项类型", "kind", True, gettext_lazy("事项的类型"), Kind.CHOICE, "行政许可",
        choices=ItemKind,
    ),
    Column(
        "行使层级", "level", True, gettext_lazy("行使的层级"), Kind.CHOICE, "区级", choices=Level
    ),
    Column(
        "主题分类", "category", True, gettext_lazy("事项的主题分类"), Kind.CHOICE, "商事登记",
        choices=Category,
    ),
    Column(
        "设定依据", "basis", True, gettext_lazy("法律法规名称及条款"), Kind.TEXT,
        "《中华人民共和国食品安全法》第三十五条",
    ),
    Column(
        "上报部门", "reported_by", True, gettext_lazy("机构名称或简称"), Kind.NAME, "区市场监管局"
    ),
    Column(
        "沿用目录层级", "adopted_level", False, gettext_lazy("沿用国家或省级目录的填写"),
        Kind.CHOICE, "省级", choices=Level,
    ),
    Column(
        "沿用目录编码", "adopted_from", False, gettext_lazy("沿用目录中的事项编码"), Kind.CODE,
        "HN-430000-XK-0123",
    ),
    Column(
        "实施主体", "org", False, gettext_lazy("机构名称或简称；留空则不填报实施清单"),
        Kind.NAME, "区行政审批服务局",
    ),
    Column(
        "法定时限（工作日）", "statutory_days", False, gettext_lazy("填报实施清单的须填写"),
        Kind.INTEGER, "20", field=ENTRY + "statutory_days",
    ),
    Column(
        "承诺时限（工作日）", "promised_days", False, gettext_lazy("可有小数，不长于法定时限"),
        Kind.TEXT, "5", field=ENTRY + "promised_days",
    ),
    Column(
        "即办件", "on_the_spot", False, gettext_lazy("是否即办件"), Kind.CHOICE, NO,
        choices=YES_NO,
    ),
    Column(
        "告知承诺制", "commitment", False, gettext_lazy("是否实行告知承诺制"), Kind.CHOICE, NO,
        choices=YES_NO,
    ),
    Column(
        "收费标准（元）", "fee", False, gettext_lazy("不收费的填0"), Kind.MONEY, "0",
        field=ENTRY + "fee",
    ),
    Column(
        "申请材料", "materials", False, gettext_lazy("材料名称，以顿号（、）分隔"), Kind.TEXT,
        "申请书、营业执照复印件",
    ),
    Column("生效日期", "on", True, gettext_lazy("本版本生效的日期"), Kind.DATE, "2019-01-02"),
)  # fmt: skip
EXPORT_HEADERS = [c.header for c in COLUMNS]


def _choice(choices, value: str) -> str:
    for code, label in choices:
        if value in (code, str(label)):
            return code
    raise ValueError(
        _("“%(t)s”不是可选值（%(c)s）。")
        % {"t": value, "c": " / ".join(str(lbl) for _v, lbl in choices)}
    )


class CatalogueResolver(Resolver):
    def body(self, name: str) -> Organisation:
        """A department or body by its name or short name, within the importer's scope."""

        def find():
            found = self.scoped(Organisation).filter(Q(name=name) | Q(short_name=name)).first()
            if found is None:
                raise ValueError(_("“%(t)s”不存在或不在您的数据范围内。") % {"t": name})
            return found

        return self.cached("body", name, find)


def _build(r: CatalogueResolver, v: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    """A row's checked values as the arguments of ``_row_save``."""
    t = {k: text(x) for k, x in v.items()}

    def parse(key, fn):
        try:
            return fn(t[key])
        except (ValueError, InvalidOperation) as exc:
            errors[key] = str(exc) or _("格式不正确。")
            return None

    kw: dict[str, Any] = {"code": t["code"], "name": t["name"], "basis": t["basis"]}
    kw["kind"] = parse("kind", lambda x: _choice(ItemKind.choices, x))
    kw["level"] = parse("level", lambda x: _choice(Level.choices, x))
    kw["category"] = parse("category", lambda x: _choice(Category.choices, x))
    kw["reported_by"] = parse("reported_by", r.body)
    kw["adopted_level"] = parse("adopted_level", lambda x: _choice(Level.choices, x) if x else "")
    kw["adopted_from"] = t["adopted_from"]
    try:
        kw["on"] = parse_date(v["on"])
    except ValueError as exc:
        errors["on"] = str(exc)
        kw["on"] = None
    kw["materials"] = [
        {"name": m.strip(), "kind": MaterialKind.ORIGINAL}
        for m in t["materials"].split("、")
        if m.strip()
    ]
    entry = dict.fromkeys(
        ("org", "statutory_days", "promised_days", "on_the_spot", "commitment", "fee")
    )
    if t["org"]:
        entry = {
            "org": parse("org", r.body),
            "statutory_days": parse("statutory_days", int),
            "promised_days": parse("promised_days", lambda x: Decimal(x or "0")),
            "on_the_spot": t["on_the_spot"] == YES,
            "commitment": t["commitment"] == YES,
            "fee": parse("fee", lambda x: Decimal(x.replace(",", "") or "0")),
        }
    return kw | entry


def _row_save(*, actor: Actor, org: Organisation | None, on: dt.date, **kw) -> Item:
    """One row: the item (``item_save``), then its implementation entry (``entry_save``) when
    the row names an implementing body. Each checks its own role and records its event."""
    entry = {k: kw.pop(k) for k in ("statutory_days", "promised_days", "on_the_spot")}
    entry |= {k: kw.pop(k) for k in ("commitment", "fee")}
    item = catalogue.item_save(actor=actor, on=on, **kw)
    if org is not None:
        catalogue.entry_save(actor=actor, item=item, org=org, on=on, **entry)
    return item


def _with_elements(qs):
    return qs.select_related("reported_by").prefetch_related("materials", "entries__org")


def _find(r: Resolver, kw: dict[str, Any]) -> Item | None:
    return _with_elements(Item.objects.filter(code=kw["code"])).first()


def _decimal(d: Decimal) -> str:
    return format(d.normalize(), "f")


def _row(item: Item) -> list[str]:
    """An item as a row of ``COLUMNS`` (its first filed entry on the row)."""
    e = next((x for x in item.entries.all() if x.status == EntryStatus.FILED), None)
    mats = "、".join(m.name for m in item.materials.all() if not m.cut)
    first = item.versions.order_by("number").first()
    return [
        item.code,
        item.name,
        item.get_kind_display(),
        item.get_level_display(),
        item.get_category_display(),
        item.basis,
        item.reported_by.short_name or item.reported_by.name,
        item.get_adopted_level_display() if item.adopted_level else "",
        item.adopted_from,
        (e.org.short_name or e.org.name) if e else "",
        str(e.statutory_days) if e else "",
        _decimal(e.promised_days) if e else "",
        (YES if e.on_the_spot else NO) if e else "",
        (YES if e.commitment else NO) if e else "",
        _decimal(e.fee) if e else "",
        mats,
        (first.valid_from if first else item.catalogued_on).isoformat(),
    ]


def _records(*, actor, org=None, year=None):
    qs = Resolver(actor, org).scoped(Item)
    if year:
        qs = qs.filter(catalogued_on__year=year)
    return _with_elements(qs).order_by("code")


ITEMS = Register(
    name="service-items",
    title=gettext_lazy("政务服务事项目录"),
    model=Item,
    columns=COLUMNS,
    build=_build,
    save=_row_save,
    key=("code",),
    find=_find,
    row_of=_row,
    resolver=CatalogueResolver,
    models=(Item, ImplementationEntry),
    records=_records,
    year_note=gettext_lazy("梳理日期所在年度"),
)


def catalogue_import(
    *, actor: Actor, data: bytes, filename: str = "事项目录.xlsx", dry_run: bool = False
) -> ImportResult:
    """Import the catalogue through the kernel's path (all rows or nothing). Only a
    department's staff import the catalogue; each row's services check the rest."""
    scoping.require_role(
        actor, Role.CLERK, Role.LEADER, message=_("只有部门工作人员可以导入事项目录。")
    )
    return runner.run(ITEMS.name, actor=actor, data=data, filename=filename, dry_run=dry_run)


def export_rows(qs) -> list[list[str]]:
    """The items as rows of ``COLUMNS`` — what the list page and ``fazhi export`` write."""
    return [_row(item) for item in _with_elements(qs)]


def xlsx(rows: list[list[str]]) -> bytes:
    """Rows under the register's header (required columns marked *), as the export writes."""
    from fazhi.core.dataexchange import writer

    return writer.xlsx(ITEMS.headers(), rows)


def register() -> None:
    registry.register(ITEMS)
