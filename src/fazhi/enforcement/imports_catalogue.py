"""Excel in and out for the power list (执法事项清单) and for past cases (历史案件).

Both kinds run through ``imports.run`` — all rows or nothing, every failed row named — and are
registered in its ``SCHEMAS``/``BUILDERS`` when this module is imported (``imports`` imports
it at its end).

The power list has **one row per discretion band**: the item's columns repeat on each of its
bands' rows, and an item without bands has one row with the band columns empty. Rows of one
item must agree on the item's columns (the first row of the item is the reference).
``power_list_xlsx`` writes exactly these columns, so an exported list imports back unchanged.
"""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation
from typing import Any

import xlsxwriter
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import imports
from .imports import Column, Resolver, Schema, _choice, _field, _text, parse_date
from .models import (
    EnforcementField,
    EnforcementItem,
    ItemKind,
    Outcome,
    PartyKind,
    Procedure,
    Source,
)
from .services import catalogue, history

ITEMS = Schema(
    "items",
    gettext_lazy("执法事项清单"),
    (
        Column(
            "事项编码",
            "code",
            True,
            "FR-CG-001",
            gettext_lazy("同一事项的各档次写在多行，事项各列须一致"),
        ),
        Column("事项名称", "name", True, "擅自占用城市道路经营"),
        Column(
            "执法主体", "body", True, "芙蓉区城市管理和综合执法局", gettext_lazy("机构名称或简称")
        ),
        Column("执法领域", "field", True, "城市管理", gettext_lazy("领域名称或编码")),
        Column(
            "事项类别", "kind", True, "行政处罚", gettext_lazy("行政处罚 / 行政强制 / 行政检查")
        ),
        Column("设定依据", "legal_basis", True, "《城市市容和环境卫生管理条例》第三十六条"),
        Column("处罚依据", "penalty_basis", False, "《城市市容和环境卫生管理条例》第三十六条"),
        Column("裁量档次", "band_code", False, "A", gettext_lazy("无裁量基准的事项留空")),
        Column("违法情节", "band_facts", False, "初次违法、及时改正"),
        Column("罚款下限（元）", "fine_min", False, "0"),
        Column("罚款上限（元）", "fine_max", False, "200"),
        Column("其他处理", "other_measures", False, "责令改正"),
    ),
)

PAST_CASES = Schema(
    "cases",
    gettext_lazy("历史案件"),
    (
        Column("执法主体", "body", True, "芙蓉区城市管理和综合执法局"),
        Column("案件编号", "number", True, "芙执案〔2018〕15号", gettext_lazy("本主体内不重复")),
        Column("执法领域", "field", True, "城市管理", gettext_lazy("领域名称或编码")),
        Column("执法事项编码", "item", False, "FR-CG-001"),
        Column(
            "案件来源",
            "source",
            True,
            "日常巡查",
            gettext_lazy(
                "日常巡查 / 投诉举报 / 部门移送 / 12345热线 / 数字城管 / 专项行动 / 监督检查 / 抽样检验"
            ),
        ),
        Column(
            "程序", "procedure", True, "普通程序", gettext_lazy("普通程序 / 简易程序（当场处罚）")
        ),
        Column(
            "当事人类型",
            "party_kind",
            True,
            "自然人",
            gettext_lazy("自然人 / 个体工商户 / 法人或其他组织"),
        ),
        Column("当事人", "party_name", True, "张某"),
        Column("身份证号码", "party_id_number", False, "", gettext_lazy("18位，按GB 11643校验")),
        Column(
            "统一社会信用代码", "party_credit_code", False, "", gettext_lazy("18位，按GB 32100校验")
        ),
        Column("住所", "party_address", False, ""),
        Column("违法事实", "facts", False, "在人行道上摆摊经营"),
        Column("收到日期", "received_on", True, "2018-03-01"),
        Column("立案日期", "registered_on", False, "2018-03-02"),
        Column(
            "处理结果",
            "outcome",
            True,
            "给予行政处罚",
            gettext_lazy("给予行政处罚 / 不予行政处罚 / 首违不罚 / 不予立案或撤销立案"),
        ),
        Column("决定书文号", "decision_number", False, "芙执罚决〔2018〕15号"),
        Column("决定日期", "decided_on", False, "2018-04-10"),
        Column("罚款（元）", "fine", False, "500"),
        Column("没收违法所得（元）", "confiscated", False, "0"),
        Column("处罚依据", "basis", False, "《城市市容和环境卫生管理条例》第三十六条"),
        Column("送达日期", "served_on", False, "2018-04-11"),
        Column("已缴纳（元）", "paid", False, "500"),
        Column("缴纳日期", "paid_on", False, "2018-04-20"),
        Column("结案日期", "closed_on", True, "2018-04-25"),
        Column("归档日期", "archived_on", False, "2018-05-10"),
    ),
)


class CatalogueResolver(Resolver):
    """Adds the fields, the items and the rows already seen in this file."""

    def __init__(self, actor):
        super().__init__(actor)
        self.seen_items: dict[str, dict[str, Any]] = {}

    def field(self, text: str) -> EnforcementField:
        found = EnforcementField.objects.filter(name=text).first()
        found = found or EnforcementField.objects.filter(code=text).first()
        if found is None:
            raise ValueError(_("执法领域“%(n)s”不存在。") % {"n": text})
        return found

    def item(self, code: str) -> EnforcementItem | None:
        if not code:
            return None
        found = self._scoped(EnforcementItem).filter(code=code).first()
        if found is None:
            raise ValueError(_("执法事项“%(c)s”不存在或不在您的数据范围内。") % {"c": code})
        return found


def _money(value: Any, *, blank=None) -> Decimal | None:
    text = _text(value).replace(",", "").replace("，", "")
    if text == "":
        return blank
    try:
        d = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("“%(v)s”不是有效金额。") % {"v": text}) from None
    if d < 0:
        raise ValueError(_("金额不能为负数。"))
    return d.quantize(Decimal("0.01"))


def _date_or_none(value: Any):
    return parse_date(value) if _text(value) else None


_ITEM_KEYS = ("name", "body", "field", "kind", "legal_basis", "penalty_basis")


def _item_kwargs(r: CatalogueResolver, v: dict[str, Any], errors: dict[str, str]) -> dict:
    code = _text(v["code"])
    mine = {k: _text(v[k]) for k in _ITEM_KEYS}
    first = r.seen_items.setdefault(code, mine)
    for k in _ITEM_KEYS:
        if first[k] != mine[k]:
            errors[k] = _("与本文件前面同一事项编码 %(c)s 的行不一致。") % {"c": code}
    return {
        "body": _field(errors, "body", lambda: r.body(_text(v["body"]))),
        "code": code,
        "name": _text(v["name"]),
        "field": _field(errors, "field", lambda: r.field(_text(v["field"]))),
        "kind": _field(errors, "kind", lambda: _choice(v["kind"], ItemKind.choices, _("事项类别"))),
        "legal_basis": _text(v["legal_basis"]),
        "penalty_basis": _text(v["penalty_basis"]),
        "band_code": _text(v["band_code"]),
        "band_facts": _text(v["band_facts"]),
        "fine_min": _field(errors, "fine_min", lambda: _money(v["fine_min"])),
        "fine_max": _field(errors, "fine_max", lambda: _money(v["fine_max"])),
        "other_measures": _text(v["other_measures"]),
    }


def _case_kwargs(r: CatalogueResolver, v: dict[str, Any], errors: dict[str, str]) -> dict:
    zero = Decimal("0.00")

    def choice(key, choices, what):
        return _field(errors, key, lambda: _choice(v[key], choices, what))

    def day(key, required=False):
        return _field(errors, key, lambda: (parse_date if required else _date_or_none)(v[key]))

    def money(key):
        return _field(errors, key, lambda: _money(v[key], blank=zero))

    return {
        "body": _field(errors, "body", lambda: r.body(_text(v["body"]))),
        "number": _text(v["number"]),
        "field": _field(errors, "field", lambda: r.field(_text(v["field"]))),
        "item": _field(errors, "item", lambda: r.item(_text(v["item"]))),
        "source": choice("source", Source.choices, _("案件来源")),
        "procedure": choice("procedure", Procedure.choices, _("程序")),
        "party_kind": choice("party_kind", PartyKind.choices, _("当事人类型")),
        "party_name": _text(v["party_name"]),
        "party_id_number": _text(v["party_id_number"]),
        "party_credit_code": _text(v["party_credit_code"]),
        "party_address": _text(v["party_address"]),
        "facts": _text(v["facts"]),
        "received_on": day("received_on", True),
        "registered_on": day("registered_on"),
        "outcome": choice("outcome", Outcome.choices, _("处理结果")),
        "decision_number": _text(v["decision_number"]),
        "decided_on": day("decided_on"),
        "fine": money("fine"),
        "confiscated": money("confiscated"),
        "basis": _text(v["basis"]),
        "served_on": day("served_on"),
        "paid": money("paid"),
        "paid_on": day("paid_on"),
        "closed_on": day("closed_on", True),
        "archived_on": day("archived_on"),
    }


def _register() -> None:
    for schema, builder, service in (
        (ITEMS, _item_kwargs, catalogue.power_list_row_save),
        (PAST_CASES, _case_kwargs, history.case_import_closed),
    ):
        imports.SCHEMAS[schema.kind] = schema
        imports.BUILDERS[schema.kind] = (builder, service)
        imports.RESOLVERS[schema.kind] = CatalogueResolver


_register()


# ---------------------------------------------------------------- export


def power_list_rows(items: QuerySet[EnforcementItem]) -> list[list[Any]]:
    """The power list as ITEMS rows (one per band), in code order."""
    rows = []
    qs = items.select_related("body__org", "field").prefetch_related("bands").order_by("code")
    for it in qs:
        head = [
            it.code,
            it.name,
            it.body.org.name,
            it.field.name,
            it.get_kind_display(),
            it.legal_basis,
            it.penalty_basis,
        ]
        bands = list(it.bands.all())
        if not bands:
            rows.append([*head, "", "", "", "", ""])
        for b in bands:
            rows.append([*head, b.code, b.facts, b.fine_min, b.fine_max, b.other_measures])
    return rows


def power_list_xlsx(items: QuerySet[EnforcementItem]) -> bytes:
    """These items (already scoped by the caller) in the import's own columns."""
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    bold = book.add_format({"bold": True})
    money = book.add_format({"num_format": "0.00"})
    ws = book.add_worksheet(str(ITEMS.title))
    for c, col in enumerate(ITEMS.columns):
        ws.write(0, c, col.header + ("*" if col.required else ""), bold)
        ws.set_column(c, c, 18)
    for r, row in enumerate(power_list_rows(items), start=1):
        for c, value in enumerate(row):
            if isinstance(value, Decimal):
                ws.write_number(r, c, float(value), money)
            else:
                ws.write_string(r, c, str(value))
    book.close()
    return buf.getvalue()
