"""Audit's export-only registers in the kernel's data-exchange registry: the audit projects
and the 新官不理旧账 commitments the staff lists download. A page passes its filtered rows;
``fazhi export`` passes every row the actor may see. Registered from ``AuditConfig.ready()``.
``audit-rollups``: the roll-ups issued for the standing committee as frozen (a row per kind
of audit and the total of each report), also downloaded from the roll-up page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from fazhi.core.dataexchange import registry
from fazhi.core.dataexchange.registry import Column, Kind, Register
from fazhi.core.dataexchange.resolver import Resolver
from fazhi.core.models import User

from . import queries
from .models import AuditProject, Commitment, RollupReport

EXPORT_LIMIT = 100_000


def _cols(*specs) -> tuple[Column, ...]:
    return tuple(Column(h, k, kind=rest[0] if rest else Kind.TEXT) for h, k, *rest in specs)


def _records(for_user: Callable[[User], QuerySet], model, date_field: str, related=()):
    def records(*, actor, org=None, year=None):
        if isinstance(actor, User):
            qs = for_user(actor)
        else:
            qs = model._default_manager.select_related(*related)
        if org is not None:
            qs = Resolver(None, org).scoped(qs)
        if year:
            qs = qs.filter(**{f"{date_field}__year": year})
        return qs.order_by("-id")[:EXPORT_LIMIT]

    return records


PROJECTS = Register(
    name="audit-projects",
    title=gettext_lazy("审计项目"),
    model=AuditProject,
    columns=_cols(
        (gettext_lazy("审计报告文号"), "number", Kind.CODE),
        (gettext_lazy("项目名称"), "name"),
        (gettext_lazy("审计类型"), "kind", Kind.CHOICE),
        (gettext_lazy("被审计单位"), "audited_name"),
        (gettext_lazy("审计报告日期"), "reported_on", Kind.DATE),
        (gettext_lazy("送审金额（元）"), "submitted_amount", Kind.MONEY),
        (gettext_lazy("审定金额（元）"), "approved_amount", Kind.MONEY),
        (gettext_lazy("审减金额（元）"), "cut_amount", Kind.MONEY),
    ),
    row_of=lambda p: (
        p.number,
        p.name,
        p.get_kind_display(),
        p.audited_name,
        p.reported_on.isoformat() if p.reported_on else "",
        p.submitted_amount,
        p.approved_amount,
        p.cut_amount,
    ),
    records=_records(queries.projects, AuditProject, "reported_on", ("org", "audited")),
    year_note=gettext_lazy("审计报告日期所在年度"),
)

COMMITMENTS = Register(
    name="audit-commitments",
    title=gettext_lazy("新官不理旧账问题台账"),
    model=Commitment,
    columns=_cols(
        (gettext_lazy("编号"), "number", Kind.CODE),
        (gettext_lazy("责任单位"), "org", Kind.NAME),
        (gettext_lazy("问题类别"), "category", Kind.CHOICE),
        (gettext_lazy("企业或当事人"), "counterparty"),
        (gettext_lazy("涉及金额（元）"), "amount_owed", Kind.MONEY),
        (gettext_lazy("已兑现金额（元）"), "amount_settled", Kind.MONEY),
        (gettext_lazy("责任领导"), "leader"),
        (gettext_lazy("状态"), "status", Kind.CHOICE),
    ),
    row_of=lambda c: (
        c.number,
        c.org.name,
        c.get_category_display(),
        c.counterparty,
        c.amount_owed,
        c.amount_settled,
        c.leader,
        c.get_status_display(),
    ),
    records=_records(queries.commitments, Commitment, "arose_on", ("org",)),
    year_note=gettext_lazy("问题形成日期所在年度"),
)


def _rollup_rows(reports) -> Iterable[list]:
    """Each issued roll-up as frozen: a row per kind of audit, then its total (合计)."""
    from .documents import totals

    for rep in reports:
        head = [rep.number, rep.org.name, rep.year, rep.issued_on.isoformat()]
        for r in rep.rows:
            yield head + [r["label"], r["n"], r["submitted"], r["approved"], r["cut"],
                          r["findings"], r["closed"]]  # fmt: skip
        t = totals(rep)
        yield head + ["合计", int(t["n"]), f"{t['submitted']:.2f}", f"{t['approved']:.2f}",
                      f"{t['cut']:.2f}", int(t["findings"]), int(t["closed"])]  # fmt: skip


def _rollups(*, actor, org=None, year=None):
    if isinstance(actor, User):
        qs = queries.rollup_reports(actor)
    else:
        qs = RollupReport.objects.select_related("org")
    if org is not None:
        qs = Resolver(None, org).scoped(qs)
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("year", "issued_on", "id")[:EXPORT_LIMIT]


ROLLUPS = Register(
    name="audit-rollups",
    title=gettext_lazy("审计整改情况汇总报告"),
    model=RollupReport,
    columns=_cols(
        (gettext_lazy("文号"), "number", Kind.CODE),
        (gettext_lazy("审计机关"), "org", Kind.NAME),
        (gettext_lazy("报告年度"), "year", Kind.INTEGER),
        (gettext_lazy("印发日期"), "issued_on", Kind.DATE),
        (gettext_lazy("审计类型"), "kind"),
        (gettext_lazy("完成项目数"), "n", Kind.INTEGER),
        (gettext_lazy("送审金额（元）"), "submitted", Kind.MONEY),
        (gettext_lazy("审定金额（元）"), "approved", Kind.MONEY),
        (gettext_lazy("审减金额（元）"), "cut", Kind.MONEY),
        (gettext_lazy("发现问题数"), "findings", Kind.INTEGER),
        (gettext_lazy("已销号问题数"), "closed", Kind.INTEGER),
    ),
    rows=_rollup_rows,
    records=_rollups,
    year_note=gettext_lazy("报告年度"),
)


def register() -> None:
    for reg in (PROJECTS, COMMITMENTS, ROLLUPS):
        registry.register(reg)
