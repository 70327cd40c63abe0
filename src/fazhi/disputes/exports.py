"""Disputes' export-only registers in the kernel's data-exchange registry: the lists the
staff pages download (petitions, reconsiderations, respondent cases, mediated disputes, an
inspection team's items). A page passes its filtered rows; ``fazhi export`` passes every row
the actor may see (``records``). Headers follow the reader's language. Registered from
``DisputesConfig.ready()``; the inspection batch's import is in ``imports``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dataexchange import registry
from fazhi.core.dataexchange.registry import Column, Kind, Register
from fazhi.core.dataexchange.resolver import Resolver
from fazhi.core.models import User

from . import queries
from .models import Dispute, InspectionItem, Petition, Reconsideration, RespondentCase

EXPORT_LIMIT = 100_000


def _cols(*specs) -> tuple[Column, ...]:
    return tuple(Column(h, k, kind=rest[0] if rest else Kind.TEXT) for h, k, *rest in specs)


def _d(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _records(for_user: Callable[[User], QuerySet], model, date_field: str, order="-id", related=()):
    """What the actor may see (the domain's own query for a user, everything for the
    system), narrowed to ``org``'s subtree and the year of ``date_field``."""

    def records(*, actor, org=None, year=None):
        qs = for_user(actor) if isinstance(actor, User) else model._default_manager.all()
        if org is not None:
            qs = Resolver(None, org).scoped(qs)
        if year:
            qs = qs.filter(**{f"{date_field}__year": year})
        return qs.select_related(*related).order_by(order)[:EXPORT_LIMIT]

    return records


PETITIONS = Register(
    name="petitions",
    title=gettext_lazy("信访事项"),
    model=Petition,
    columns=_cols(
        (gettext_lazy("编号"), "number", Kind.CODE),
        (gettext_lazy("事项"), "title"),
        (gettext_lazy("类别"), "category", Kind.CHOICE),
        (gettext_lazy("信访形式"), "channel", Kind.CHOICE),
        (gettext_lazy("承办单位"), "handler_org", Kind.NAME),
        (gettext_lazy("登记日期"), "received_on", Kind.DATE),
        (gettext_lazy("出具意见日期"), "replied_on", Kind.DATE),
        (gettext_lazy("处理结果"), "reply_outcome", Kind.CHOICE),
        (gettext_lazy("状态"), "status", Kind.CHOICE),
    ),
    row_of=lambda p: (
        p.number,
        p.title,
        p.get_category_display(),
        p.get_channel_display(),
        p.handler_org.name if p.handler_org else p.org.name,
        p.received_on.isoformat(),
        _d(p.replied_on),
        p.get_reply_outcome_display(),
        p.get_status_display(),
    ),  # fmt: skip
    records=_records(queries.petitions, Petition, "received_on"),
    year_note=gettext_lazy("登记日期所在年度"),
)

RECONSIDERATIONS = Register(
    name="reconsiderations",
    title=gettext_lazy("行政复议案件"),
    model=Reconsideration,
    columns=_cols(
        (gettext_lazy("案件编号"), "number", Kind.CODE),
        (gettext_lazy("申请人"), "applicant_name"),
        (gettext_lazy("被申请人"), "respondent", Kind.NAME),
        (gettext_lazy("行政行为类别"), "act_kind", Kind.CHOICE),
        (gettext_lazy("状态"), "status", Kind.CHOICE),
        (gettext_lazy("收到申请日期"), "received_on", Kind.DATE),
        (gettext_lazy("受理日期"), "accepted_on", Kind.DATE),
        (gettext_lazy("决定类型"), "decision_type", Kind.CHOICE),
        (gettext_lazy("决定书文号"), "decision_number", Kind.CODE),
        (gettext_lazy("决定日期"), "decided_on", Kind.DATE),
    ),
    row_of=lambda c: (
        c.number,
        c.applicant_name,
        c.respondent.name,
        c.get_act_kind_display(),
        c.get_status_display(),
        _d(c.received_on),
        _d(c.accepted_on),
        c.get_decision_type_display(),
        c.decision_number,
        _d(c.decided_on),
    ),  # fmt: skip
    records=_records(queries.reconsiderations, Reconsideration, "received_on"),
    year_note=gettext_lazy("收到申请日期所在年度"),
)

RESPONDENT_CASES = Register(
    name="respondent-cases",
    title=gettext_lazy("行政应诉案件"),
    model=RespondentCase,
    columns=_cols(
        (gettext_lazy("编号"), "number", Kind.CODE),
        (gettext_lazy("类别"), "kind", Kind.CHOICE),
        (gettext_lazy("被告或被申请人"), "respondent", Kind.NAME),
        (gettext_lazy("原告或申请人"), "counterpart_name"),
        (gettext_lazy("案号"), "forum_number", Kind.CODE),
        (gettext_lazy("案由"), "cause"),
        (gettext_lazy("收到副本日期"), "received_on", Kind.DATE),
        (gettext_lazy("答辩日期"), "answered_on", Kind.DATE),
        (gettext_lazy("状态"), "status", Kind.CHOICE),
        (gettext_lazy("生效裁判结果"), "final_outcome", Kind.CHOICE),
    ),
    row_of=lambda c: (
        c.number,
        c.get_kind_display(),
        c.respondent.name,
        c.counterpart_name,
        c.forum_number,
        c.cause,
        c.received_on.isoformat(),
        _d(c.answered_on),
        c.get_status_display(),
        c.get_final_outcome_display(),
    ),  # fmt: skip
    records=_records(queries.respondent_cases, RespondentCase, "received_on"),
    year_note=gettext_lazy("收到副本日期所在年度"),
)


MEDIATIONS = Register(
    name="mediations",
    title=gettext_lazy("矛盾纠纷"),
    model=Dispute,
    columns=_cols(
        (gettext_lazy("编号"), "number", Kind.CODE),
        (gettext_lazy("纠纷"), "title"),
        (gettext_lazy("调解组织"), "committee", Kind.NAME),
        (gettext_lazy("纠纷类型"), "category", Kind.CHOICE),
        (gettext_lazy("来源"), "source", Kind.CHOICE),
        (gettext_lazy("重大疑难复杂"), "is_major"),
        (gettext_lazy("受理日期"), "received_on", Kind.DATE),
        (gettext_lazy("达成协议日期"), "agreed_on", Kind.DATE),
        (gettext_lazy("协议金额（元）"), "amount", Kind.MONEY),
        (gettext_lazy("状态"), "status", Kind.CHOICE),
    ),
    rows=lambda qs: (
        (
            d.number,
            d.title,
            d.committee.name,
            d.get_category_display(),
            d.get_source_display(),
            _("是") if d.is_major else "",
            d.received_on.isoformat(),
            _d(d.agreed_on),
            float(d.agreement.amount) if d.agreed_on else "",
            d.get_status_display(),
        )
        for d in qs
    ),  # fmt: skip
    records=_records(queries.disputes, Dispute, "received_on", related=("agreement",)),
    year_note=gettext_lazy("受理日期所在年度"),
)


def _items(qs):
    return (
        (i.number, i.unit.name, i.petitioner_name, i.content, _d(i.batch.due_on),
         _d(i.reported_on), _d(i.closed_on), i.get_status_display())
        for i in qs
    )  # fmt: skip


PETITION_ITEMS = Register(
    name="petition-items",
    title=gettext_lazy("交办信访件"),
    model=InspectionItem,
    columns=_cols(
        (gettext_lazy("编号"), "number", Kind.CODE),
        (gettext_lazy("承办单位"), "unit", Kind.NAME),
        (gettext_lazy("信访人"), "petitioner_name"),
        (gettext_lazy("反映问题"), "content"),
        (gettext_lazy("要求办结日期"), "due_on", Kind.DATE),
        (gettext_lazy("报送日期"), "reported_on", Kind.DATE),
        (gettext_lazy("办结日期"), "closed_on", Kind.DATE),
        (gettext_lazy("状态"), "status", Kind.CHOICE),
    ),
    rows=_items,
    records=_records(queries.items, InspectionItem, "batch__received_on", order="id"),
    year_note=gettext_lazy("收到交办批次的日期所在年度"),
)

REGISTERS = (PETITIONS, RECONSIDERATIONS, RESPONDENT_CASES, MEDIATIONS, PETITION_ITEMS)


def register() -> None:
    for reg in REGISTERS:
        registry.register(reg)
