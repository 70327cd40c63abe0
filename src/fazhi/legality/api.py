"""Legality API, mounted at /api/v1/legality/: normative documents with their status, filings
and the steps of their life; legality review requests with assignment and opinion; major
decisions; advisers and their engagements — all scoped (outside the caller's scope a
matter is 404). The public library search answers without sign-in.

Every write calls its service; a refused step is 400 with the service's message (a role the
caller does not hold, 403), nothing changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Router, Schema, Status

from fazhi.core import scoping, workflow
from fazhi.core.models import Organisation, User
from fazhi.ui import ratelimit

from . import queries
from .models import Adviser, Engagement, Issuer, MajorDecision
from .services import normative as svc
from .services import reviews as review_services

router = Router(tags=["合法性审查"])


class ErrorOut(Schema):
    detail: str


class FilingOut(Schema):
    id: int
    body: str
    due_on: dt.date | None
    filed_on: dt.date | None
    receipt: str
    late: bool
    result: str


class DocumentOut(Schema):
    id: int
    number: str
    title: str
    status: str
    status_label: str
    org: str
    issuer: str
    received_on: dt.date
    doc_number: str
    registration_number: str
    published_on: dt.date | None
    effective_on: dt.date | None
    valid_until: dt.date | None
    ended_on: dt.date | None
    version: int
    drafts: int
    filings: list[FilingOut]


class ReviewOut(Schema):
    id: int
    number: str
    title: str
    kind: str
    status: str
    status_label: str
    org: str
    review_org: str
    reviewer: str
    received_on: dt.date
    rounds: int
    opinion: str
    opinion_on: dt.date | None
    counterparty: str
    counterparty_credit_code: str
    amount: Decimal | None
    document_id: int | None
    version: int


class DecisionOut(Schema):
    id: int
    number: str
    title: str
    status: str
    status_label: str
    org: str
    received_on: dt.date
    version: int


class AdviserOut(Schema):
    id: int
    kind: str
    name: str
    licence_no: str
    firm: str
    is_active: bool


class EngagementOut(Schema):
    id: int
    adviser: str
    licence_no: str
    org: str
    starts_on: dt.date
    ends_on: dt.date
    terminated_on: dt.date | None
    procurement_ref: str
    fee: Decimal


class PublicDocumentOut(Schema):
    id: int
    title: str
    doc_number: str
    issuer: str
    published_on: dt.date | None
    status: str


def _doc(d) -> dict:
    return {
        "id": d.pk, "number": d.number, "title": d.title, "status": d.status,
        "status_label": d.get_status_display(), "org": d.org.name, "issuer": d.issuer.name,
        "received_on": d.received_on, "doc_number": d.doc_number,
        "registration_number": d.registration_number, "published_on": d.published_on,
        "effective_on": d.effective_on, "valid_until": d.valid_until, "ended_on": d.ended_on,
        "version": d.version, "drafts": d.versions.count(),
        "filings": [
            {"id": f.pk, "body": f.body.name, "due_on": f.due_on, "filed_on": f.filed_on,
             "receipt": f.receipt, "late": f.late, "result": f.result}
            for f in d.filings.select_related("body").order_by("body__name")
        ],
    }  # fmt: skip


def _review(r) -> dict:
    return {
        "id": r.pk, "number": r.number, "title": r.title, "kind": r.kind, "status": r.status,
        "status_label": r.get_status_display(), "org": r.org.name,
        "review_org": r.review_org.name,
        "reviewer": r.reviewer.display_name if r.reviewer_id else "",
        "received_on": r.received_on, "rounds": r.rounds, "opinion": r.opinion,
        "opinion_on": r.opinion_on, "counterparty": r.counterparty,
        "counterparty_credit_code": r.counterparty_credit_code, "amount": r.amount,
        "document_id": r.document_id, "version": r.version,
    }  # fmt: skip


def _do(fn: Callable[[], Any], out: Callable[[Any], dict], code: int = 200):
    """Run a service call and answer with the matter, or the refusal."""
    try:
        m = fn()
    except workflow.InvalidTransition as exc:
        return Status(400, {"detail": exc.message})
    except ValidationError as exc:
        return Status(400, {"detail": "；".join(exc.messages)})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc) or "没有权限。"})
    return Status(code, out(m))


DR = {200: DocumentOut, 201: DocumentOut, 400: ErrorOut, 403: ErrorOut}
RR = {200: ReviewOut, 400: ErrorOut, 403: ErrorOut}


def _page(qs, limit: int, before_id: int | None):
    qs = qs.order_by("-id")
    if before_id:
        qs = qs.filter(id__lt=before_id)
    return qs[: max(1, min(limit, 500))]


# -- normative documents ------------------------------------------------------------------------


class DocumentIn(Schema):
    org_id: int
    issuer_org_id: int
    title: str
    received_on: dt.date
    drafters: str = ""
    summary: str = ""
    needs_consultation: bool = True
    consultation_waiver: str = ""
    text: str = ""


class VersionIn(Schema):
    on: dt.date
    text: str
    note: str = ""


class DateIn(Schema):
    on: dt.date
    version: int | None = None


class DeliberateIn(DateIn):
    meeting: str
    note: str = ""
    passed: bool = True


class PublishIn(DateIn):
    effective_on: dt.date | None = None
    immediate_reason: str = ""
    valid_until: dt.date | None = None


class FilingIn(Schema):
    on: dt.date
    receipt: str = ""
    late_reason: str = ""


@router.get("/documents", response=list[DocumentOut], summary="规范性文件（按数据范围）")
def document_list(
    request, status: str | None = None, limit: int = 50, before_id: int | None = None
):
    return [_doc(d) for d in _page(queries.documents(request.user, status=status or ""),
                                   limit, before_id)]  # fmt: skip


@router.get("/documents/{pk}", response=DocumentOut, summary="规范性文件详情（状态、报备）")
def document_detail(request, pk: int):
    return _doc(queries.document(request.user, pk))


@router.post("/documents", response=DR, summary="规范性文件立项起草")
def document_create(request, data: DocumentIn):
    org = Organisation.objects.filter(pk=data.org_id).first()
    issuer = Issuer.objects.select_related("org").filter(org_id=data.issuer_org_id).first()
    if org is None or issuer is None:
        return Status(400, {"detail": "起草单位或制定机关不存在。"})
    payload = data.dict(exclude={"org_id", "issuer_org_id"})
    return _do(lambda: svc.document_create(actor=request.user, org=org, issuer=issuer, **payload),
               _doc, 201)  # fmt: skip


@router.post("/documents/{pk}/versions", response=DR, summary="登记新稿本")
def document_version(request, pk: int, data: VersionIn):
    d = queries.document(request.user, pk)

    def run():
        svc.version_add(actor=request.user, document=d, on=data.on, text=data.text,
                        note=data.note)  # fmt: skip
        return queries.document(request.user, pk)

    return _do(run, _doc)


@router.post("/documents/{pk}/submit", response=DR, summary="送合法性审核")
def document_submit(request, pk: int, data: DateIn):
    d = queries.document(request.user, pk)
    return _do(lambda: svc.submit_review(actor=request.user, document=d, on=data.on,
                                         version=data.version), _doc)  # fmt: skip


@router.post("/documents/{pk}/deliberate", response=DR, summary="登记集体审议")
def document_deliberate(request, pk: int, data: DeliberateIn):
    d = queries.document(request.user, pk)
    return _do(lambda: svc.deliberate(actor=request.user, document=d, on=data.on,
                                      meeting=data.meeting, note=data.note, passed=data.passed,
                                      version=data.version), _doc)  # fmt: skip


@router.post("/documents/{pk}/publish", response=DR, summary="统一登记、统一编号、统一发布")
def document_publish(request, pk: int, data: PublishIn):
    d = queries.document(request.user, pk)
    return _do(lambda: svc.publish(actor=request.user, document=d, on=data.on,
                                   effective_on=data.effective_on,
                                   immediate_reason=data.immediate_reason,
                                   valid_until=data.valid_until, version=data.version),
               _doc)  # fmt: skip


@router.post("/documents/{pk}/filings/{filing_id}", response=DR, summary="报送备案")
def document_filing(request, pk: int, filing_id: int, data: FilingIn):
    d = queries.document(request.user, pk)
    f = d.filings.filter(pk=filing_id).first()
    if f is None:
        return Status(400, {"detail": "该备案不属于本文件。"})

    def run():
        svc.filing_record(actor=request.user, filing=f, on=data.on, receipt=data.receipt,
                          late_reason=data.late_reason)  # fmt: skip
        return queries.document(request.user, pk)

    return _do(run, _doc)


# -- review requests ---------------------------------------------------------------------------


class AssignIn(DateIn):
    reviewer_id: int


class OpinionIn(DateIn):
    opinion: str
    reasons: str = ""


@router.get("/reviews", response=list[ReviewOut], summary="合法性审查登记（按数据范围）")
def review_list(
    request,
    status: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    before_id: int | None = None,
):
    qs = queries.reviews(request.user, status=status or "", kind=kind or "")
    return [_review(r) for r in _page(qs, limit, before_id)]


@router.get("/reviews/{pk}", response=ReviewOut, summary="合法性审查详情")
def review_detail(request, pk: int):
    return _review(queries.review(request.user, pk))


@router.post("/reviews/{pk}/assign", response=RR, summary="分派审查人员")
def review_assign(request, pk: int, data: AssignIn):
    r = queries.review(request.user, pk)
    who = User.objects.filter(pk=data.reviewer_id).first()
    return _do(lambda: review_services.assign(actor=request.user, request=r, reviewer=who,
                                              on=data.on, version=data.version), _review)  # fmt: skip


@router.post("/reviews/{pk}/opinion", response=RR, summary="出具合法性审查意见")
def review_opinion(request, pk: int, data: OpinionIn):
    r = queries.review(request.user, pk)
    return _do(lambda: review_services.give_opinion(
        actor=request.user, request=r, opinion=data.opinion, on=data.on, reasons=data.reasons,
        version=data.version), _review)  # fmt: skip


# -- decisions, advisers ----------------------------------------------------------------------


@router.get("/decisions", response=list[DecisionOut], summary="重大行政决策（按数据范围）")
def decision_list(request, limit: int = 50, before_id: int | None = None):
    qs = scoping.scope(request.user, MajorDecision).select_related("org")
    return [
        {"id": m.pk, "number": m.number, "title": m.title, "status": m.status,
         "status_label": m.get_status_display(), "org": m.org.name,
         "received_on": m.received_on, "version": m.version}
        for m in _page(qs, limit, before_id)
    ]  # fmt: skip


@router.get("/advisers", response=list[AdviserOut], summary="法律顾问（按数据范围）")
def adviser_list(request, limit: int = 200, before_id: int | None = None):
    qs = scoping.scope(request.user, Adviser).distinct()
    return [
        {"id": a.pk, "kind": a.kind, "name": a.name, "licence_no": a.licence_no,
         "firm": a.firm, "is_active": a.is_active}
        for a in _page(qs, limit, before_id)
    ]  # fmt: skip


@router.get("/engagements", response=list[EngagementOut], summary="法律顾问聘用（按数据范围）")
def engagement_list(request, limit: int = 200, before_id: int | None = None):
    qs = scoping.scope(request.user, Engagement).select_related("adviser", "org")
    return [
        {"id": e.pk, "adviser": e.adviser.name, "licence_no": e.adviser.licence_no,
         "org": e.org.name, "starts_on": e.starts_on, "ends_on": e.ends_on,
         "terminated_on": e.terminated_on, "procurement_ref": e.procurement_ref, "fee": e.fee}
        for e in _page(qs, limit, before_id)
    ]  # fmt: skip


# -- public ----------------------------------------------------------------------------------


@router.get("/public/documents", auth=None,
            response={200: list[PublicDocumentOut], 429: ErrorOut},
            summary="规范性文件库检索（中文全文检索，公开）")  # fmt: skip
def public_documents(request, q: str = "", year: str = "", status: str = "", limit: int = 30):
    if ratelimit.hit(request, "lookup", method="GET"):
        return Status(429, {"detail": "查询过于频繁，请稍后再试。"})
    qs = queries.public_documents(q=q[:100], year=year[:4], status=status[:10])
    return Status(200, [
        {"id": d.pk, "title": d.title, "doc_number": d.doc_number, "issuer": d.issuer.name,
         "published_on": d.published_on, "status": d.status}
        for d in qs[: max(1, min(limit, 100))]
    ])  # fmt: skip
