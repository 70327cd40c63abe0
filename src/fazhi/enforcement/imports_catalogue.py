"""The power list (执法事项清单) and past cases (历史案件) as registers of the kernel's
data-exchange registry (see ``imports`` for the others).

The power list has **one row per discretion band**: the item's columns repeat on each of its
bands' rows, and an item without bands has one row with the band columns empty. Rows of one
item must agree on the item's columns (the register's ``group``). A row changing an item that
exists is an update, applied when the import is published. The export writes exactly these
columns, so an exported list imports back unchanged.

A past case is recorded closed (or archived) with its decision and payments
(``services.history``); the export writes every closed case of the year in the same columns.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import masking
from fazhi.core.dataexchange import registry
from fazhi.core.dataexchange.registry import Column, Kind, Register
from fazhi.core.dataexchange.resolver import Resolver
from fazhi.core.dataexchange.values import (
    choice,
    date_or_none,
    field_value,
    label,
    money,
    parse_date,
    text,
)

from .imports import BODY_NOTE, EnforcementResolver
from .models import (
    Case,
    CaseStatus,
    Decision,
    DiscretionBand,
    EnforcementField,
    EnforcementItem,
    ItemKind,
    Outcome,
    PartyKind,
    Payment,
    Procedure,
    Source,
)
from .services import catalogue, history

ITEM_COLUMNS = (
    Column(
        "事项编码",
        "code",
        True,
        gettext_lazy("同一事项的各档次写在多行，事项各列须一致"),
        Kind.CODE,
        "FR-CG-001",
    ),
    Column(
        "事项名称", "name", True, gettext_lazy("执法事项的名称"), Kind.TEXT, "擅自占用城市道路经营"
    ),
    Column("执法主体", "body", True, BODY_NOTE, Kind.NAME, "长沙市芙蓉区城市管理和综合执法局"),
    Column("执法领域", "field", True, gettext_lazy("领域名称或编码"), Kind.NAME, "城市管理"),
    Column(
        "事项类别",
        "kind",
        True,
        gettext_lazy("事项的类别"),
        Kind.CHOICE,
        "行政处罚",
        choices=ItemKind,
    ),
    Column(
        "设定依据",
        "legal_basis",
        True,
        gettext_lazy("法律法规名称及条款"),
        Kind.TEXT,
        "《城市市容和环境卫生管理条例》第三十六条",
    ),
    Column("处罚依据", "penalty_basis", False, gettext_lazy("法律法规名称及条款"), Kind.TEXT),
    Column(
        "裁量档次",
        "band_code",
        False,
        gettext_lazy("无裁量基准的事项留空"),
        Kind.CODE,
        "A",
        field="DiscretionBand.code",
    ),
    Column(
        "违法情节",
        "band_facts",
        False,
        gettext_lazy("该档次对应的违法情节"),
        Kind.TEXT,
        "初次违法、及时改正",
        field="DiscretionBand.facts",
    ),
    Column(
        "罚款下限（元）",
        "fine_min",
        False,
        gettext_lazy("该档次的罚款下限"),
        Kind.MONEY,
        "0",
        field="DiscretionBand.fine_min",
    ),
    Column(
        "罚款上限（元）",
        "fine_max",
        False,
        gettext_lazy("该档次的罚款上限"),
        Kind.MONEY,
        "200",
        field="DiscretionBand.fine_max",
    ),
    Column(
        "其他处理",
        "other_measures",
        False,
        gettext_lazy("罚款以外的处理"),
        Kind.TEXT,
        "责令改正",
        field="DiscretionBand.other_measures",
    ),
)

PAST_CASE_COLUMNS = (
    Column("执法主体", "body", True, BODY_NOTE, Kind.NAME, "长沙市芙蓉区城市管理和综合执法局"),
    Column(
        "案件编号", "number", True, gettext_lazy("本主体内不重复"), Kind.CODE, "芙执案〔2018〕15号"
    ),
    Column("执法领域", "field", True, gettext_lazy("领域名称或编码"), Kind.NAME, "城市管理"),
    Column(
        "执法事项编码", "item", False, gettext_lazy("执法事项清单中的编码"), Kind.CODE, "FR-CG-001"
    ),
    Column(
        "案件来源",
        "source",
        True,
        gettext_lazy("案件的来源"),
        Kind.CHOICE,
        "日常巡查",
        choices=Source,
    ),
    Column(
        "程序",
        "procedure",
        True,
        gettext_lazy("适用的程序"),
        Kind.CHOICE,
        "普通程序",
        choices=Procedure,
    ),
    Column(
        "当事人类型",
        "party_kind",
        True,
        gettext_lazy("当事人的类型"),
        Kind.CHOICE,
        "自然人",
        choices=PartyKind,
    ),
    Column("当事人", "party_name", True, gettext_lazy("姓名或名称"), Kind.TEXT, "张某"),
    Column(
        "身份证号码",
        "party_id_number",
        False,
        gettext_lazy("18位，按GB 11643校验"),
        Kind.CODE,
        personal=masking.ID,
    ),
    Column(
        "统一社会信用代码",
        "party_credit_code",
        False,
        gettext_lazy("18位，按GB 32100校验"),
        Kind.CODE,
    ),
    Column("住所", "party_address", False, gettext_lazy("当事人住所"), Kind.TEXT),
    Column(
        "违法事实", "facts", False, gettext_lazy("查明的违法事实"), Kind.TEXT, "在人行道上摆摊经营"
    ),
    Column(
        "收到日期", "received_on", True, gettext_lazy("收到案件线索的日期"), Kind.DATE, "2018-03-01"
    ),
    Column("立案日期", "registered_on", False, gettext_lazy("立案的日期"), Kind.DATE, "2018-03-02"),
    Column(
        "处理结果",
        "outcome",
        True,
        gettext_lazy("案件的处理结果"),
        Kind.CHOICE,
        "给予行政处罚",
        choices=Outcome,
    ),
    Column(
        "决定书文号",
        "decision_number",
        False,
        gettext_lazy("作出决定的须填写"),
        Kind.CODE,
        "芙执罚决〔2018〕15号",
        field="Decision.number",
    ),
    Column(
        "决定日期", "decided_on", False, gettext_lazy("作出决定的日期"), Kind.DATE, "2018-04-10"
    ),
    Column(
        "罚款（元）",
        "fine",
        False,
        gettext_lazy("罚款金额"),
        Kind.MONEY,
        "500",
        field="Decision.fine",
    ),
    Column(
        "没收违法所得（元）",
        "confiscated",
        False,
        gettext_lazy("没收的违法所得"),
        Kind.MONEY,
        "0",
        field="Decision.confiscated",
    ),
    Column(
        "处罚依据",
        "basis",
        False,
        gettext_lazy("作出决定的依据"),
        Kind.TEXT,
        "《城市市容和环境卫生管理条例》第三十六条",
        field="Decision.basis",
    ),
    Column(
        "送达日期", "served_on", False, gettext_lazy("决定书送达的日期"), Kind.DATE, "2018-04-11"
    ),
    Column(
        "已缴纳（元）",
        "paid",
        False,
        gettext_lazy("已缴纳的罚没款"),
        Kind.MONEY,
        "500",
        field="Payment.amount",
    ),
    Column("缴纳日期", "paid_on", False, gettext_lazy("缴纳的日期"), Kind.DATE, "2018-04-20"),
    Column("结案日期", "closed_on", True, gettext_lazy("结案的日期"), Kind.DATE, "2018-04-25"),
    Column("归档日期", "archived_on", False, gettext_lazy("归档的日期"), Kind.DATE, "2018-05-10"),
)


class CatalogueResolver(EnforcementResolver):
    """Adds the fields and the items."""

    def field(self, t: str) -> EnforcementField:
        def find():
            found = EnforcementField.objects.filter(name=t).first()
            found = found or EnforcementField.objects.filter(code=t).first()
            if found is None:
                raise ValueError(_("执法领域“%(n)s”不存在。") % {"n": t})
            return found

        return self.cached("field", t, find)

    def item(self, code: str) -> EnforcementItem | None:
        if not code:
            return None

        def find():
            found = self.scoped(EnforcementItem).filter(code=code).first()
            if found is None:
                raise ValueError(_("执法事项“%(c)s”不存在或不在您的数据范围内。") % {"c": code})
            return found

        return self.cached("item", code, find)


# ---------------------------------------------------------------- the power list

_ITEM_KEYS = ("name", "body", "field", "kind", "legal_basis", "penalty_basis")


def _item_kwargs(r: CatalogueResolver, v: dict[str, Any], errors: dict[str, str]) -> dict:
    return {
        "body": field_value(errors, "body", lambda: r.body(text(v["body"]))),
        "code": text(v["code"]),
        "name": text(v["name"]),
        "field": field_value(errors, "field", lambda: r.field(text(v["field"]))),
        "kind": field_value(
            errors, "kind", lambda: choice(v["kind"], ItemKind.choices, _("事项类别"))
        ),
        "legal_basis": text(v["legal_basis"]),
        "penalty_basis": text(v["penalty_basis"]),
        "band_code": text(v["band_code"]),
        "band_facts": text(v["band_facts"]),
        "fine_min": field_value(errors, "fine_min", lambda: money(v["fine_min"])),
        "fine_max": field_value(errors, "fine_max", lambda: money(v["fine_max"])),
        "other_measures": text(v["other_measures"]),
    }


def _item_head(it: EnforcementItem) -> list[Any]:
    return [
        it.code,
        it.name,
        it.body.org.name,
        it.field.name,
        label(ItemKind, it.kind),
        it.legal_basis,
        it.penalty_basis,
    ]


def _item_row(record: EnforcementItem | DiscretionBand) -> list[Any]:
    if isinstance(record, DiscretionBand):
        b = record
        return [*_item_head(b.item), b.code, b.facts, b.fine_min, b.fine_max, b.other_measures]
    return [*_item_head(record), "", "", None, None, ""]


def _item_find(r: Resolver, kwargs: dict[str, Any]):
    """The band this row describes, else the item (a new band of an existing item changes
    that item: it is an update), else None."""
    item = (
        EnforcementItem.objects.filter(code=kwargs["code"])
        .select_related("body__org", "field")
        .first()
    )
    if item is None:
        return None
    if kwargs["band_code"]:
        band = item.bands.filter(code=kwargs["band_code"]).first()
        if band is not None:
            band.item = item
            return band
    return item


def power_list_rows(items: QuerySet[EnforcementItem]) -> list[list[Any]]:
    """The power list as rows (one per band), in code order."""
    rows = []
    qs = items.select_related("body__org", "field").prefetch_related("bands").order_by("code")
    for it in qs:
        bands = list(it.bands.all())
        if not bands:
            rows.append(_item_row(it))
        for b in bands:
            b.item = it
            rows.append(_item_row(b))
    return rows


def _item_records(*, actor, org=None, year=None):
    return Resolver(actor, org).scoped(EnforcementItem).filter(is_active=True)


ITEMS = Register(
    name="power-list",
    title=gettext_lazy("执法事项清单"),
    model=EnforcementItem,
    columns=ITEM_COLUMNS,
    build=_item_kwargs,
    save=catalogue.power_list_row_save,
    key=("code", "band_code"),
    group=("code", _ITEM_KEYS),
    find=_item_find,
    row_of=_item_row,
    updates=True,
    resolver=CatalogueResolver,
    models=(EnforcementItem, DiscretionBand),
    records=_item_records,
    rows=power_list_rows,
)


def power_list_xlsx(items: QuerySet[EnforcementItem]) -> bytes:
    """These items (already scoped by the caller) in the register's own columns."""
    from fazhi.core.dataexchange.exporting import workbook

    return workbook(ITEMS, items, large=False)


# ---------------------------------------------------------------- past cases


def _case_kwargs(r: CatalogueResolver, v: dict[str, Any], errors: dict[str, str]) -> dict:
    zero = Decimal("0.00")

    def pick(key, choices, what):
        return field_value(errors, key, lambda: choice(v[key], choices, what))

    def day(key, required=False):
        return field_value(errors, key, lambda: (parse_date if required else date_or_none)(v[key]))

    def amount(key):
        return field_value(errors, key, lambda: money(v[key], blank=zero))

    return {
        "body": field_value(errors, "body", lambda: r.body(text(v["body"]))),
        "number": text(v["number"]),
        "field": field_value(errors, "field", lambda: r.field(text(v["field"]))),
        "item": field_value(errors, "item", lambda: r.item(text(v["item"]))),
        "source": pick("source", Source.choices, _("案件来源")),
        "procedure": pick("procedure", Procedure.choices, _("程序")),
        "party_kind": pick("party_kind", PartyKind.choices, _("当事人类型")),
        "party_name": text(v["party_name"]),
        "party_id_number": text(v["party_id_number"]),
        "party_credit_code": text(v["party_credit_code"]),
        "party_address": text(v["party_address"]),
        "facts": text(v["facts"]),
        "received_on": day("received_on", True),
        "registered_on": day("registered_on"),
        "outcome": pick("outcome", Outcome.choices, _("处理结果")),
        "decision_number": text(v["decision_number"]),
        "decided_on": day("decided_on"),
        "fine": amount("fine"),
        "confiscated": amount("confiscated"),
        "basis": text(v["basis"]),
        "served_on": day("served_on"),
        "paid": amount("paid"),
        "paid_on": day("paid_on"),
        "closed_on": day("closed_on", True),
        "archived_on": day("archived_on"),
    }


def _case_row(c: Case, payments: list[Payment] | None = None) -> list[Any]:
    d: Decision | None = getattr(c, "decision", None)
    paid, paid_on = Decimal("0.00"), None
    if d is not None:
        if payments is None:
            payments = list(Payment.objects.filter(decision=d).order_by("paid_on", "pk"))
        paid = sum((p.amount for p in payments), Decimal("0.00"))
        paid_on = max(p.paid_on for p in payments) if payments else None
    return [
        c.body.org.name,
        c.number,
        c.field.name,
        c.item.code if c.item else "",
        label(Source, c.source),
        label(Procedure, c.procedure),
        label(PartyKind, c.party_kind),
        c.party_name,
        c.party_id_number,
        c.party_credit_code,
        c.party_address,
        c.facts,
        c.received_on,
        c.registered_on,
        label(Outcome, c.outcome),
        d.number if d else "",
        d.decided_on if d else None,
        d.fine if d else Decimal("0.00"),
        d.confiscated if d else Decimal("0.00"),
        d.basis if d else "",
        d.served_on if d else None,
        paid,
        paid_on,
        c.closed_on,
        c.archived_on,
    ]


def _case_find(r: Resolver, kwargs: dict[str, Any]):
    return (
        Case.objects.filter(body=kwargs["body"], number=kwargs["number"])
        .select_related("body__org", "field", "item")
        .first()
    )


def _case_rows(qs) -> Any:
    """Rows of many cases: decisions joined, payments read per chunk of cases."""
    from itertools import islice

    it = qs.select_related("body__org", "field", "item", "decision").iterator(chunk_size=2000)
    while chunk := list(islice(it, 2000)):
        by_decision: dict[int, list[Payment]] = {}
        ids = [c.decision.pk for c in chunk if getattr(c, "decision", None) is not None]
        for p in Payment.objects.filter(decision_id__in=ids).order_by("paid_on", "pk"):
            by_decision.setdefault(p.decision_id, []).append(p)
        for c in chunk:
            d = getattr(c, "decision", None)
            yield _case_row(c, by_decision.get(d.pk, []) if d is not None else None)


CLOSED = (CaseStatus.CLOSED, CaseStatus.ARCHIVED, CaseStatus.DROPPED)


def _case_records(*, actor, org=None, year=None):
    qs = (
        Resolver(actor, org)
        .scoped(Case)
        .filter(status__in=CLOSED)
        .exclude(outcome="")
        .select_related("body__org", "field", "item")
    )
    if year:
        qs = qs.filter(closed_on__year=year)
    return qs.order_by("closed_on", "pk")


PAST_CASES = Register(
    name="past-cases",
    title=gettext_lazy("历史案件"),
    model=Case,
    columns=PAST_CASE_COLUMNS,
    build=_case_kwargs,
    save=history.case_import_closed,
    key=("body", "number"),
    find=_case_find,
    row_of=_case_row,
    resolver=CatalogueResolver,
    models=(Case, Decision, Payment),
    records=_case_records,
    rows=_case_rows,
    year_note=gettext_lazy("结案日期所在年度"),
)


def register() -> None:
    for reg in (ITEMS, PAST_CASES):
        registry.register(reg)
