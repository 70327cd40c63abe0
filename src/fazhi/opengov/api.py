"""Open-government API: disclosure requests (scoped) — list, detail, receive, answer.

Mounted at /api/v1/opengov/. Objects outside the caller's scope are 404; a refused act is
400 (with the message) or 403.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status

from fazhi.core import masking, scoping, workflow
from fazhi.core.models import Organisation

from . import queries, services

router = Router(tags=["政务公开"])


class RequestIn(Schema):
    org_id: int
    channel: str
    applicant_kind: str
    applicant_name: str
    description: str
    received_on: dt.date
    applicant_id_number: str = ""
    applicant_credit_code: str = ""
    applicant_phone: str = ""
    applicant_address: str = ""


class AnswerIn(Schema):
    reply_type: str
    on: dt.date
    subtype: str = ""
    ground: str = ""
    withheld: list[tuple[str, str]] = []
    version: int | None = None


class RequestOut(Schema):
    id: int
    number: str
    org: str
    status: str
    channel: str
    applicant_kind: str
    received_on: dt.date
    due_on: dt.date | None
    replied_on: dt.date | None
    reply_type: str
    reply_number: str
    version: int
    # full for the clerk handling the request, masked for others (core.masking)
    applicant_id_number: str = ""
    applicant_phone: str = ""


class ErrorOut(Schema):
    detail: str


def _out(r, user) -> dict:
    from .rules import reply_clock

    c = reply_clock(r)
    return {
        **masking.fields_for(user, r, "applicant_id_number", "applicant_phone"),
        "id": r.pk,
        "number": r.number,
        "org": r.org.name,
        "status": r.status,
        "channel": r.channel,
        "applicant_kind": r.applicant_kind,
        "received_on": r.received_on,
        "due_on": c.due_on if c else None,
        "replied_on": r.replied_on,
        "reply_type": r.reply_type,
        "reply_number": r.reply_number,
        "version": r.version,
    }


def _err(exc) -> Status:
    if isinstance(exc, workflow.InvalidTransition):
        return Status(400, {"detail": exc.message})
    if isinstance(exc, PermissionDenied):
        return Status(403, {"detail": str(exc)})
    return Status(400, {"detail": "；".join(getattr(exc, "messages", [str(exc)]))})


@router.get("/requests", response=list[RequestOut], summary="政府信息公开申请列表（按数据范围）")
def request_list(
    request: HttpRequest, status: str | None = None, limit: int = 50, before_id: int | None = None
):
    qs = queries.requests(request.user).order_by("-id")
    if status:
        qs = qs.filter(status=status)
    if before_id:
        qs = qs.filter(id__lt=before_id)
    return [_out(r, request.user) for r in qs[: max(1, min(limit, 500))]]


@router.get("/requests/{request_id}", response=RequestOut, summary="申请详情")
def request_detail(request: HttpRequest, request_id: int):
    return _out(
        scoping.get_for(request.user, queries.requests(request.user), request_id), request.user
    )


@router.post(
    "/requests",
    response={201: RequestOut, 400: ErrorOut, 403: ErrorOut},
    summary="登记政府信息公开申请",
)
def request_create(request: HttpRequest, data: RequestIn):
    org = scoping.get_for(request.user, Organisation, data.org_id)
    try:
        req = services.request_receive(actor=request.user, org=org, **data.dict(exclude={"org_id"}))
    except (ValidationError, PermissionDenied) as exc:
        return _err(exc)
    return Status(201, _out(req, request.user))


@router.post(
    "/requests/{request_id}/answer",
    response={200: RequestOut, 400: ErrorOut, 403: ErrorOut},
    summary="答复",
)
def request_answer(request: HttpRequest, request_id: int, data: AnswerIn):
    req = scoping.get_for(request.user, queries.requests(request.user), request_id)
    try:
        req = services.request_answer(actor=request.user, request=req, **data.dict())
    except (ValidationError, PermissionDenied, workflow.InvalidTransition) as exc:
        return _err(exc)
    return Status(200, _out(req, request.user))
