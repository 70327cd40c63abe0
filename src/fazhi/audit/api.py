"""Audit API: projects, rectifications and the commitments ledger (scoped, read), and the
rectification's evidence and report (write, through the services).

Mounted at /api/v1/audit/. Objects outside the caller's scope are 404.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status

from fazhi.core import scoping, workflow

from . import queries
from .services import projects as ps

router = Router(tags=["审计整改"])


class ProjectOut(Schema):
    id: int
    number: str
    name: str
    kind: str
    audited: str
    reported_on: dt.date | None
    submitted_amount: Decimal
    approved_amount: Decimal
    cut_amount: Decimal


class RectificationOut(Schema):
    id: int
    number: str
    title: str
    org: str
    status: str
    received_on: dt.date
    submitted_on: dt.date | None
    closed_on: dt.date | None
    version: int


class CommitmentOut(Schema):
    id: int
    number: str
    org: str
    category: str
    counterparty: str
    amount_owed: Decimal
    amount_settled: Decimal
    leader: str
    status: str


class EvidenceIn(Schema):
    description: str
    dated_on: dt.date


class SubmitIn(Schema):
    measures: str
    on: dt.date
    recovered_amount: Decimal = Decimal(0)
    version: int | None = None


class ErrorOut(Schema):
    detail: str


def _rect(r) -> dict:
    return {
        "id": r.pk,
        "number": r.number,
        "title": r.title,
        "org": r.org.name,
        "status": r.status,
        "received_on": r.received_on,
        "submitted_on": r.submitted_on,
        "closed_on": r.closed_on,
        "version": r.version,
    }


def _page(qs, limit, before_id):
    qs = qs.order_by("-id")
    if before_id:
        qs = qs.filter(id__lt=before_id)
    return qs[: max(1, min(limit, 500))]


@router.get("/projects", response=list[ProjectOut], summary="审计项目（按数据范围）")
def project_list(
    request: HttpRequest, year: int | None = None, limit: int = 50, before_id: int | None = None
):
    qs = queries.projects(request.user)
    if year:
        qs = qs.filter(reported_on__year=year)
    return [
        {
            "id": p.pk,
            "number": p.number,
            "name": p.name,
            "kind": p.kind,
            "audited": p.audited_name,
            "reported_on": p.reported_on,
            "submitted_amount": p.submitted_amount,
            "approved_amount": p.approved_amount,
            "cut_amount": p.cut_amount,
        }
        for p in _page(qs, limit, before_id)
    ]


@router.get("/rectifications", response=list[RectificationOut], summary="审计整改任务")
def rectification_list(
    request: HttpRequest, status: str | None = None, limit: int = 50, before_id: int | None = None
):
    qs = queries.rectifications(request.user)
    if status:
        qs = qs.filter(status=status)
    return [_rect(r) for r in _page(qs, limit, before_id)]


@router.post(
    "/rectifications/{rect_id}/evidence",
    response={201: RectificationOut, 400: ErrorOut, 403: ErrorOut},
    summary="登记整改佐证材料",
)
def evidence(request: HttpRequest, rect_id: int, data: EvidenceIn):
    r = scoping.get_for(request.user, queries.rectifications(request.user), rect_id)
    try:
        ps.evidence_add(actor=request.user, rectification=r, **data.dict())
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    except ValidationError as exc:
        return Status(400, {"detail": "；".join(exc.messages)})
    return Status(201, _rect(r))


@router.post(
    "/rectifications/{rect_id}/submit",
    response={200: RectificationOut, 400: ErrorOut, 403: ErrorOut},
    summary="报送整改情况",
)
def submit(request: HttpRequest, rect_id: int, data: SubmitIn):
    r = scoping.get_for(request.user, queries.rectifications(request.user), rect_id)
    try:
        r = ps.rectification_submit(actor=request.user, rectification=r, **data.dict())
    except workflow.InvalidTransition as exc:
        return Status(400, {"detail": exc.message})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    except ValidationError as exc:
        return Status(400, {"detail": "；".join(exc.messages)})
    return Status(200, _rect(r))


@router.get("/commitments", response=list[CommitmentOut], summary="新官不理旧账问题台账")
def commitment_list(
    request: HttpRequest, status: str | None = None, limit: int = 50, before_id: int | None = None
):
    qs = queries.commitments(request.user)
    if status:
        qs = qs.filter(status=status)
    return [
        {
            "id": c.pk,
            "number": c.number,
            "org": c.org.name,
            "category": c.category,
            "counterparty": c.counterparty,
            "amount_owed": c.amount_owed,
            "amount_settled": c.amount_settled,
            "leader": c.leader,
            "status": c.status,
        }
        for c in _page(qs, limit, before_id)
    ]
