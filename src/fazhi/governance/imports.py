"""The committee's spreadsheet of work points (工作要点任务分解表) in the kernel's
data-exchange registry: one row a point — the plan by its title, 序号, 工作板块, 任务名称,
任务内容, 牵头单位, 配合单位 (names separated by 、) — each written through
``points.point_create`` (the office's role check and ledger event). The kernel's runner
imports all rows or none and names every bad row with its row number and column; a row equal
to the point already holding its 序号 adds nothing. ``register()`` is called from
``GovernanceConfig.ready()``.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.dataexchange import registry
from fazhi.core.dataexchange.registry import Column, Kind, Register
from fazhi.core.dataexchange.resolver import Resolver
from fazhi.core.dataexchange.values import field_value, integer, text

from . import queries
from .models import Supporter, WorkPlan, WorkPoint
from .services import points

SEPARATORS = re.compile(r"[、，,；;\s]+")


class PointResolver(Resolver):
    def plan(self, title: str) -> WorkPlan:
        def find():
            title_ = title.strip("《》")
            found = list(self.scoped(WorkPlan).filter(title=title_))
            if len(found) != 1:
                raise ValueError(_("工作要点“%(n)s”不存在或不在您的数据范围内。") % {"n": title_})
            return found[0]

        return self.cached("plan", title, find)

    def body(self, name: str):
        """A lead or supporting body: the bodies' names are public (``queries.lead_bodies``)."""

        def find():
            qs = queries.lead_bodies()
            found = list(qs.filter(name=name)) or list(qs.filter(short_name=name))
            if len(found) != 1:
                raise ValueError(_("单位“%(n)s”不存在。") % {"n": name})
            return found[0]

        return self.cached("body", name, find)


def _kwargs(r: PointResolver, v: dict[str, Any], errors: dict[str, str]) -> dict:
    names = [n for n in SEPARATORS.split(text(v["supporters"])) if n]
    return {
        "plan": field_value(errors, "plan", lambda: r.plan(text(v["plan"]))),
        "seq": field_value(errors, "seq", lambda: integer(v["seq"])),
        "category": text(v["category"]),
        "title": text(v["title"]),
        "text": text(v["text"]),
        "lead": field_value(errors, "lead", lambda: r.body(text(v["lead"]))),
        "supporters": field_value(errors, "supporters", lambda: [r.body(n) for n in names]),
    }


def _find(r: Resolver, kw: dict[str, Any]):
    plan = kw.get("plan")
    if plan is None:
        return None
    return WorkPoint.objects.filter(plan=plan, seq=kw["seq"]).first()


def _row(p: WorkPoint) -> list[Any]:
    sups = [s.org.name for s in p.supporters.select_related("org").order_by("pk")]
    return [p.plan.title, p.seq, p.category, p.title, p.text, p.org.name, "、".join(sups)]


def _records(*, actor, org=None, year=None):
    qs = Resolver(actor, org).scoped(WorkPoint).select_related("plan", "org")
    if year:
        qs = qs.filter(plan__year=year)
    return qs.order_by("plan__year", "seq")


POINTS = Register(
    name="governance-points",
    title=gettext_lazy("依法治区工作要点任务"),
    model=WorkPoint,
    columns=(
        Column(
            "工作要点",
            "plan",
            True,
            gettext_lazy("已登记的年度工作要点标题"),
            Kind.NAME,
            "芙蓉区依法治区委员会2019年工作要点",
            field="WorkPlan.title",
        ),
        Column("序号", "seq", True, gettext_lazy("任务在工作要点中的序号"), Kind.INTEGER, "1"),
        Column(
            "工作板块", "category", False, gettext_lazy("任务所属板块"), Kind.TEXT, "法治政府建设"
        ),
        Column(
            "任务名称", "title", True, gettext_lazy("任务的简称"), Kind.TEXT, "推进法治政府示范创建"
        ),
        Column("任务内容", "text", True, gettext_lazy("任务的具体内容和要求"), Kind.TEXT),
        Column(
            "牵头单位",
            "lead",
            True,
            gettext_lazy("机构名称或简称"),
            Kind.NAME,
            "长沙市芙蓉区司法局",
            field="org",
            max_length=100,
        ),
        Column(
            "配合单位",
            "supporters",
            False,
            gettext_lazy("机构名称或简称，多个以顿号分隔"),
            Kind.TEXT,
            "区行政执法局、区市场监管局",
            max_length=1000,
        ),
    ),
    build=_kwargs,
    save=points.point_create,
    key=("plan", "seq"),
    find=_find,
    row_of=_row,
    resolver=PointResolver,
    models=(WorkPoint, Supporter),
    records=_records,
    year_note=gettext_lazy("工作要点年度"),
)


def register() -> None:
    registry.register(POINTS)
