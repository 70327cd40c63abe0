"""Enforcement API: cases and decisions (scoped), published decisions (public).

Mounted at /api/v1/enforcement/. Workflow actions are explicit endpoints with their own
input schemas; objects outside the caller's scope are 404.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from fazhi.core import masking, scoping, workflow

from . import queries
from .filters import CaseFilter
from .models import Decision, EnforcementBody, EnforcementField, EnforcementItem
from .services import cases as svc
from .services import moves

router = Router(tags=["行政执法"])


class CaseIn(Schema):
    body_id: int
    field_code: str
    item_code: str | None = None
    source: str
    procedure: str = "general"
    received_on: dt.date
    party_kind: str
    party_name: str
    party_id_number: str = ""
    party_credit_code: str = ""
    party_address: str = ""
    party_phone: str = ""
    facts: str = ""
    source_ref: str = ""


class CaseOut(Schema):
    id: int
    number: str
    title: str
    status: str
    body: str
    field: str
    source: str
    procedure: str
    received_on: dt.date
    registered_on: dt.date | None
    closed_on: dt.date | None
    version: int
    # full for the roles that need them over the case, masked for others (core.masking)
    party_id_number: str = ""
    party_phone: str = ""


class TransitionIn(Schema):
    to: str
    on: dt.date | None = None  # the business date (default: today)
    reason: str = ""
    version: int | None = None


class DecisionOut(Schema):
    number: str
    decided_on: dt.date
    outcome: str
    fine: Decimal
    served_on: dt.date | None


class PublicDecisionOut(Schema):
    id: int
    title: str
    published_on: dt.date
    text: str


class ErrorOut(Schema):
    detail: str


def _out(c, user) -> dict:
    return {
        **masking.fields_for(user, c, "party_id_number", "party_phone"),
        "id": c.pk,
        "number": c.number,
        "title": c.title,
        "status": c.status,
        "body": c.body.org.name,
        "field": c.field.code,
        "source": c.source,
        "procedure": c.procedure,
        "received_on": c.received_on,
        "registered_on": c.registered_on,
        "closed_on": c.closed_on,
        "version": c.version,
    }


@router.get(
    "/cases",
    response={200: list[CaseOut], 400: ErrorOut},
    summary="案件列表（按数据范围）",
    description="筛选：status, body（执法主体 id）, field（领域编码）, source, year（收到年度）, "
    "closed（结案年度）, q（当事人或编号）；按 id 倒序，before_id 为上一页最后一条的 id。",
)
def case_list(
    request: HttpRequest,
    status: str = "",
    body: str = "",
    field: str = "",
    source: str = "",
    year: str = "",
    closed: str = "",
    q: str = "",
    limit: int = 50,
    before_id: int | None = None,
):
    flt = CaseFilter(
        {"status": status, "body": body, "field": field, "source": source, "year": year,
         "closed": closed, "q": q},
        queryset=queries.cases(request.user),
    )  # fmt: skip
    if not flt.is_valid():
        wrong = "、".join(sorted(flt.errors))
        return Status(400, {"detail": _("筛选条件不正确：%(f)s") % {"f": wrong}})
    qs = flt.qs.order_by("-id")
    if before_id:
        qs = qs.filter(id__lt=before_id)
    return [_out(c, request.user) for c in qs[: max(1, min(limit, 500))]]


@router.get("/cases/{case_id}", response=CaseOut, summary="案件详情")
def case_detail(request: HttpRequest, case_id: int):
    return _out(scoping.get_for(request.user, queries.cases(request.user), case_id), request.user)


@router.post("/cases", response={201: CaseOut, 400: ErrorOut}, summary="登记案件线索")
def case_create(request: HttpRequest, data: CaseIn):
    body = scoping.get_for(request.user, EnforcementBody, data.body_id)
    field = EnforcementField.objects.filter(code=data.field_code).first()
    item = EnforcementItem.objects.filter(code=data.item_code).first() if data.item_code else None
    if field is None or (data.item_code and item is None):
        return Status(400, {"detail": "执法领域或执法事项编码不存在。"})
    payload = data.dict(exclude={"body_id", "field_code", "item_code"})
    try:
        case = svc.case_open(actor=request.user, body=body, field=field, item=item, **payload)
    except (ValidationError, PermissionDenied) as exc:
        return Status(400, {"detail": "；".join(getattr(exc, "messages", [str(exc)]))})
    return Status(201, _out(case, request.user))


@router.post(
    "/cases/{case_id}/transitions",
    response={200: CaseOut, 400: ErrorOut, 403: ErrorOut},
    summary="办理环节变更（只需日期和理由的环节）",
    description=(
        "立案、退回补充调查、告知、受理听证、送法制审核、提交集体讨论、进入执行、结案、归档、"
        "不予立案或撤销立案：由对应的办理服务完成（日期、文号、期限随之生成）。"
        "提出处理意见、作出决定、登记送达需要更多内容，不能经由本接口办理。"
    ),
)
def case_transition(request: HttpRequest, case_id: int, data: TransitionIn):
    case = scoping.get_for(request.user, queries.cases(request.user), case_id)
    try:
        case = moves.case_move(
            actor=request.user,
            case=case,
            to=data.to,
            on=data.on,
            reason=data.reason,
            version=data.version,
        )
    except workflow.InvalidTransition as exc:
        return Status(400, {"detail": exc.message})
    except ValidationError as exc:
        return Status(400, {"detail": "；".join(exc.messages)})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return Status(200, _out(case, request.user))


@router.get("/cases/{case_id}/decision", response=DecisionOut, summary="处罚决定")
def case_decision(request: HttpRequest, case_id: int):
    case = scoping.get_for(request.user, queries.cases(request.user), case_id)
    return scoping.get_for(
        request.user,
        Decision.objects.filter(case=case),
        getattr(case, "decision", None) and case.decision.pk,
    )


@router.get(
    "/public/decisions",
    auth=None,
    response=list[PublicDecisionOut],
    summary="公示中的执法决定（已脱敏）",
)
def public_decisions(request: HttpRequest, limit: int = 50):
    return [
        {"id": p.pk, "title": p.title, "published_on": p.published_on, "text": p.text}
        for p in queries.public_publications()[: max(1, min(limit, 200))]
    ]
