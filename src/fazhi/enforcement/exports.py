"""Enforcement's export-only registers: the lists the staff pages download (cases, officers
and certificates, the legality-review register, campaigns, grid reports and categories,
evaluation rounds and their sheets). A page passes its filtered rows; ``fazhi export``
passes every row the actor may see (``records``). Headers follow the reader's language.
Registered from ``EnforcementConfig.ready()``; the importable registers are in ``imports``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clocks
from fazhi.core.dataexchange import registry
from fazhi.core.dataexchange.registry import Column, Kind, Register
from fazhi.core.dataexchange.resolver import Resolver
from fazhi.core.dataexchange.values import label
from fazhi.core.models import Clock, User

from . import grid_categories, queries
from .models import (
    Campaign,
    Case,
    CaseStatus,
    Certificate,
    CertificateStatus,
    EvaluationRound,
    EvaluationSheet,
    GridCategory,
    GridCategoryKind,
    GridReport,
    GridStatus,
    LegalReview,
    Officer,
    ReporterKind,
    ReviewOpinion,
)
from .services import campaigns as campaign_services
from .services import evaluation as evaluation_services
from .services import grid as grid_services

EXPORT_LIMIT = 100_000


def _cols(*specs) -> tuple[Column, ...]:
    return tuple(Column(h, k, kind=rest[0] if rest else Kind.TEXT) for h, k, *rest in specs)


def _iso(day) -> str:
    return day.isoformat() if day else ""


def _seen(actor, org, for_user: Callable[[User], QuerySet], model) -> QuerySet:
    """What the actor may see: the domain's own query for a user, everything for the
    system; narrowed to ``org``'s subtree."""
    qs = for_user(actor) if isinstance(actor, User) else model._default_manager.all()
    return Resolver(None, org).scoped(qs) if org is not None else qs


# ---------------------------------------------------------------- cases


CASES = Register(
    name="cases",
    title=gettext_lazy("执法案件"),
    model=Case,
    columns=_cols(
        (gettext_lazy("案件编号"), "number", Kind.CODE),
        (gettext_lazy("当事人"), "party_name"),
        (gettext_lazy("执法主体"), "body", Kind.NAME),
        (gettext_lazy("领域"), "field", Kind.NAME),
        (gettext_lazy("状态"), "status", Kind.CHOICE),
        (gettext_lazy("收到日期"), "received_on", Kind.DATE),
        (gettext_lazy("结案日期"), "closed_on", Kind.DATE),
    ),
    row_of=lambda c: [
        c.number,
        c.party_name,
        c.body.org.name,
        c.field.name,
        label(CaseStatus, c.status),
        _iso(c.received_on),
        _iso(c.closed_on),
    ],
    records=lambda *, actor, org=None, year=None: (
        _seen(actor, org, queries.cases, Case)
        .select_related("body__org", "field")
        .filter(**({"received_on__year": year} if year else {}))
        .order_by("-id")[:EXPORT_LIMIT]
    ),
    year_note=gettext_lazy("收到日期所在年度"),
)


# ---------------------------------------------------------------- officers


def with_certificates(officers: QuerySet[Officer], certs: QuerySet[Certificate]):
    """Officers, each with the certificates to show (``shown``)."""
    shown = certs.prefetch_related("fields").order_by("valid_to", "number")
    return officers.prefetch_related(Prefetch("certificates", queryset=shown, to_attr="shown"))


def _officer_rows(officers: Iterable[Officer]) -> Iterable[list[Any]]:
    """One row per certificate shown (an officer without one: one row, certificate empty)."""
    for o in officers:
        base = [o.name, o.body.org.name, _("在岗") if o.is_active else _("不在岗")]
        certs = getattr(o, "shown", None)
        for c in certs or [None]:
            if c is None:
                yield [*base, "", "", "", "", "", ""]
                continue
            yield [
                *base,
                c.number,
                "、".join(x.name for x in c.fields.all()),
                c.issuer,
                _iso(c.valid_from),
                _iso(c.valid_to),
                label(CertificateStatus, c.status),
            ]


def _officer_records(*, actor, org=None, year=None):
    officers = _seen(actor, org, queries.officers, Officer).select_related("body__org")
    certs = queries.certificates(actor) if isinstance(actor, User) else Certificate.objects.all()
    return with_certificates(officers, certs).order_by("body__org__name", "name", "pk")[
        :EXPORT_LIMIT
    ]


OFFICERS = Register(
    name="officers",
    title=gettext_lazy("执法人员及执法证"),
    model=Officer,
    columns=_cols(
        (gettext_lazy("姓名"), "name"),
        (gettext_lazy("执法主体"), "body", Kind.NAME),
        (gettext_lazy("在岗状态"), "is_active"),
        (gettext_lazy("执法证编号"), "certificate", Kind.CODE),
        (gettext_lazy("执法领域"), "fields"),
        (gettext_lazy("发证机关"), "issuer"),
        (gettext_lazy("有效期起"), "valid_from", Kind.DATE),
        (gettext_lazy("有效期至"), "valid_to", Kind.DATE),
        (gettext_lazy("证件状态"), "status", Kind.CHOICE),
    ),
    rows=_officer_rows,
    records=_officer_records,
)


# ---------------------------------------------------------------- legality reviews


def review_days(r: LegalReview) -> int | None:
    """Calendar days from submission to opinion (the law sets no period for the review)."""
    return (r.decided_on - r.submitted_on).days if r.decided_on else None


REVIEWS = Register(
    name="legality-reviews",
    title=gettext_lazy("法制审核登记"),
    model=LegalReview,
    columns=_cols(
        (gettext_lazy("案件编号"), "case", Kind.CODE),
        (gettext_lazy("当事人"), "party_name"),
        (gettext_lazy("送审日期"), "submitted_on", Kind.DATE),
        (gettext_lazy("审核人员"), "reviewer", Kind.NAME),
        (gettext_lazy("审核日期"), "decided_on", Kind.DATE),
        (gettext_lazy("审核意见"), "opinion", Kind.CHOICE),
        (gettext_lazy("理由"), "reasons"),
        (gettext_lazy("用时（日）"), "days", Kind.INTEGER),
    ),
    row_of=lambda r: [
        r.case.number,
        r.case.party_name,
        _iso(r.submitted_on),
        r.reviewer.display_name if r.reviewer else "",
        _iso(r.decided_on),
        label(ReviewOpinion, r.opinion) if r.opinion else _("待审核"),
        r.reasons,
        "" if review_days(r) is None else review_days(r),
    ],
    records=lambda *, actor, org=None, year=None: (
        _seen(actor, org, queries.reviews, LegalReview)
        .select_related("case__body__org", "reviewer")
        .filter(**({"submitted_on__year": year} if year else {}))
        .order_by("submitted_on", "pk")[:EXPORT_LIMIT]
    ),
)


# ---------------------------------------------------------------- campaigns


def _campaign_rows(campaigns: Iterable[Campaign]) -> Iterable[list[Any]]:
    for c in campaigns:
        t = campaign_services.totals(c)
        yield [
            c.name,
            c.get_kind_display(),
            c.field.name,
            c.lead.org.name,
            _iso(c.starts_on),
            _iso(c.ends_on),
            t.operations,
            t.joint_operations,
            t.person_times,
            t.inspections,
            t.sampling_batches,
            t.failed_batches,
            t.cases,
        ]


def _campaign_records(*, actor, org=None, year=None):
    qs = _seen(actor, org, campaign_services.campaigns, Campaign).select_related(
        "field", "lead__org"
    )
    if year:
        qs = qs.filter(starts_on__year__lte=year, ends_on__year__gte=year)
    return qs.order_by("-starts_on", "pk")[:EXPORT_LIMIT]


CAMPAIGNS = Register(
    name="campaigns",
    title=gettext_lazy("专项行动"),
    model=Campaign,
    columns=_cols(
        (gettext_lazy("名称"), "name"),
        (gettext_lazy("类型"), "kind", Kind.CHOICE),
        (gettext_lazy("执法领域"), "field", Kind.NAME),
        (gettext_lazy("牵头单位"), "lead", Kind.NAME),
        (gettext_lazy("开始日期"), "starts_on", Kind.DATE),
        (gettext_lazy("结束日期"), "ends_on", Kind.DATE),
        (gettext_lazy("执法行动（次）"), "operations", Kind.INTEGER),
        (gettext_lazy("联合执法（次）"), "joint_operations", Kind.INTEGER),
        (gettext_lazy("出动人次"), "person_times", Kind.INTEGER),
        (gettext_lazy("检查单位（家次）"), "inspections", Kind.INTEGER),
        (gettext_lazy("抽检批次"), "sampling_batches", Kind.INTEGER),
        (gettext_lazy("不合格批次"), "failed_batches", Kind.INTEGER),
        (gettext_lazy("查处案件"), "cases", Kind.INTEGER),
    ),
    rows=_campaign_rows,
    records=_campaign_records,
)


# ---------------------------------------------------------------- the grid


def _grid_rows(reports: QuerySet[GridReport], batch: int = 1000) -> Iterable[list[Any]]:
    """Every report, newest first, a batch at a time with each batch's latest clock."""
    last, done = None, 0
    while done < EXPORT_LIMIT:
        qs = reports.order_by("-pk")
        if last is not None:
            qs = qs.filter(pk__lt=last)
        chunk = list(qs[:batch])
        if not chunk:
            return
        cards: dict[int, tuple] = {}
        ids = [str(r.pk) for r in chunk]
        for c in Clock.objects.filter(
            subject_type=grid_services.SUBJECT_TYPE, subject_id__in=ids
        ).order_by("id"):
            cards[int(c.subject_id)] = (c, clocks.card(c))
        for r in chunk:
            c, card = cards.get(r.pk, (None, None))
            yield [
                r.number,
                label(GridCategoryKind, r.category.kind),
                r.category.major,
                r.category.name,
                r.cell.code,
                r.location,
                r.description,
                label(ReporterKind, r.reporter_kind),
                _iso(r.received_on),
                r.org.name,
                label(GridStatus, r.status),
                _iso(r.dispatched_on),
                _iso(c.due_on) if c is not None else "",
                str(card.label) if card is not None else "",
                _iso(r.handled_on),
                _iso(r.closed_on),
                r.returns,
                r.sent_back,
            ]
        last, done = chunk[-1].pk, done + len(chunk)


GRID_REPORTS = Register(
    name="grid-reports",
    title=gettext_lazy("数字城管案卷"),
    model=GridReport,
    columns=_cols(
        (gettext_lazy("编号"), "number", Kind.CODE),
        (gettext_lazy("部件/事件"), "kind", Kind.CHOICE),
        (gettext_lazy("大类"), "major"),
        (gettext_lazy("小类"), "category"),
        (gettext_lazy("网格"), "cell", Kind.CODE),
        (gettext_lazy("位置"), "location"),
        (gettext_lazy("问题描述"), "description"),
        (gettext_lazy("上报人类型"), "reporter_kind", Kind.CHOICE),
        (gettext_lazy("上报日期"), "received_on", Kind.DATE),
        (gettext_lazy("责任单位"), "org", Kind.NAME),
        (gettext_lazy("状态"), "status", Kind.CHOICE),
        (gettext_lazy("派遣日期"), "dispatched_on", Kind.DATE),
        (gettext_lazy("处置时限"), "due_on", Kind.DATE),
        (gettext_lazy("期限状态"), "card"),
        (gettext_lazy("处置日期"), "handled_on", Kind.DATE),
        (gettext_lazy("结案日期"), "closed_on", Kind.DATE),
        (gettext_lazy("退回次数"), "returns", Kind.INTEGER),
        (gettext_lazy("退回改派次数"), "sent_back", Kind.INTEGER),
    ),
    rows=_grid_rows,
    records=lambda *, actor, org=None, year=None: (
        _seen(actor, org, grid_services.reports, GridReport)
        .select_related("cell", "category", "org")
        .filter(**({"received_on__year": year} if year else {}))
    ),
)


GRID_CATEGORIES = Register(
    name="grid-categories",
    title=gettext_lazy("城管问题类别"),
    model=GridCategory,
    columns=_cols(
        (gettext_lazy("类别编码"), "code", Kind.CODE),
        (gettext_lazy("部件或事件"), "kind", Kind.CHOICE),
        (gettext_lazy("大类"), "major"),
        (gettext_lazy("小类"), "name"),
        (gettext_lazy("处置时限规则"), "rule_code", Kind.CODE),
        (gettext_lazy("内置建议"), "proposed"),
        (gettext_lazy("已与国家标准核对"), "confirmed"),
    ),
    row_of=lambda c: [
        c.code,
        label(GridCategoryKind, c.kind),
        c.major,
        c.name,
        c.rule_code,
        grid_categories.proposed_limit(c.code),
        _("是") if c.confirmed else _("否"),
    ],
    records=lambda *, actor, org=None, year=None: GridCategory.objects.order_by("code"),
)


# ---------------------------------------------------------------- evaluation


EVALUATION_ROUNDS = Register(
    name="evaluation-rounds",
    title=gettext_lazy("案卷评查"),
    model=EvaluationRound,
    columns=_cols(
        (gettext_lazy("名称"), "name"),
        (gettext_lazy("年度"), "year", Kind.INTEGER),
        (gettext_lazy("组织单位"), "org", Kind.NAME),
        (gettext_lazy("抽取案卷"), "sheets", Kind.INTEGER),
        (gettext_lazy("开始日期"), "started_on", Kind.DATE),
        (gettext_lazy("结束日期"), "finished_on", Kind.DATE),
    ),
    row_of=lambda r: [
        r.name,
        r.year,
        r.org.name,
        r.sheets.count(),
        _iso(r.started_on),
        _iso(r.finished_on),
    ],
    records=lambda *, actor, org=None, year=None: (
        _seen(actor, org, evaluation_services.rounds, EvaluationRound)
        .select_related("org")
        .filter(**({"year": year} if year else {}))
        .order_by("-pk")[:EXPORT_LIMIT]
    ),
)


EVALUATION_SHEETS = Register(
    name="evaluation-sheets",
    title=gettext_lazy("评查表"),
    model=EvaluationSheet,
    columns=_cols(
        (gettext_lazy("案件编号"), "case", Kind.CODE),
        (gettext_lazy("执法主体"), "body", Kind.NAME),
        (gettext_lazy("结案日期"), "closed_on", Kind.DATE),
        (gettext_lazy("得分"), "score"),
        (gettext_lazy("评查人"), "evaluator", Kind.NAME),
        (gettext_lazy("评分日期"), "scored_on", Kind.DATE),
    ),
    row_of=lambda s: [
        s.case.number,
        s.case.body.org.name,
        _iso(s.case.closed_on),
        float(s.score) if s.score is not None else "",
        s.evaluator.display_name if s.evaluator else "",
        _iso(s.scored_on),
    ],
    records=lambda *, actor, org=None, year=None: (
        _seen(actor, org, evaluation_services.sheets, EvaluationSheet)
        .select_related("case__body__org", "evaluator")
        .filter(**({"round__year": year} if year else {}))
        .order_by("round_id", "case__body_id", "case_id")
    ),
)


def register() -> None:
    for reg in (
        CASES,
        OFFICERS,
        REVIEWS,
        CAMPAIGNS,
        GRID_REPORTS,
        GRID_CATEGORIES,
        EVALUATION_ROUNDS,
        EVALUATION_SHEETS,
    ):
        registry.register(reg)
