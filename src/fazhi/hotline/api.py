"""The hotline API, mounted at /api/v1/hotline/: the municipal 12345 platform pushes orders
(``POST /orders``, channel 市级平台, its own order number kept as ``external_no``; pushing the
same number again returns the order already taken, so a retry never makes a second one) and
pulls results (``GET /orders/result?external_no=…``); staff clients list their orders. The
platform signs in as an account of the hotline office with a token; everything is scoped.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status

from fazhi.core import scoping

from . import queries
from .models import Category, Channel, Order
from .services import orders as svc

router = Router(tags=["12345热线"])


class OrderIn(Schema):
    external_no: str
    kind: str
    category_code: str
    caller_phone: str
    caller_name: str = ""
    address: str = ""
    text: str
    received_on: dt.date | None = None


class OrderOut(Schema):
    id: int
    number: str
    external_no: str
    status: str
    kind: str
    category: str
    body: str
    received_on: dt.date
    assigned_on: dt.date | None
    replied_on: dt.date | None
    closed_on: dt.date | None
    reply: str
    satisfaction: str
    version: int


class ErrorOut(Schema):
    detail: str


def _out(o: Order) -> dict:
    return {
        "id": o.pk,
        "number": o.number,
        "external_no": o.external_no,
        "status": o.status,
        "kind": o.kind,
        "category": o.category.code,
        "body": o.org.name,
        "received_on": o.received_on,
        "assigned_on": o.assigned_on,
        "replied_on": o.replied_on,
        "closed_on": o.closed_on,
        "reply": o.reply,
        "satisfaction": o.satisfaction,
        "version": o.version,
    }


@router.post(
    "/orders",
    response={200: OrderOut, 201: OrderOut, 400: ErrorOut, 403: ErrorOut},
    summary="市级平台推送工单",
)
def order_push(request: HttpRequest, data: OrderIn):
    offices = queries.offices(request.user)
    if not offices:
        return Status(403, {"detail": "只有12345热线办的账号可以推送工单。"})
    external = data.external_no.strip()
    if not external:
        return Status(400, {"detail": "请提供市级平台工单号。"})
    done = queries.orders(request.user).filter(office=offices[0], external_no=external).first()
    if done is not None:
        return Status(200, _out(done))
    category = Category.objects.filter(code=data.category_code).first()
    if category is None:
        return Status(400, {"detail": f"诉求分类编码不存在：{data.category_code}"})
    try:
        o = svc.order_create(
            actor=request.user,
            office=offices[0],
            kind=data.kind,
            category=category,
            caller_phone=data.caller_phone,
            caller_name=data.caller_name,
            address=data.address,
            text=data.text,
            received_on=data.received_on,
            channel=Channel.PLATFORM,
            external_no=external,
        )
    except ValidationError as exc:
        return Status(400, {"detail": "；".join(exc.messages)})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return Status(201, _out(queries.order(request.user, o.pk)))


@router.get("/orders/result", response={200: OrderOut}, summary="市级平台拉取办理结果")
def order_result(request: HttpRequest, external_no: str):
    qs = queries.orders(request.user).filter(external_no=external_no.strip())
    return _out(scoping.get_for(request.user, qs, qs.values_list("pk", flat=True).first() or 0))


@router.get("/orders", response=list[OrderOut], summary="工单列表（按数据范围）")
def order_list(
    request: HttpRequest,
    status: str | None = None,
    since: dt.date | None = None,
    limit: int = 50,
    before_id: int | None = None,
):
    qs = queries.orders(request.user).order_by("-id")
    if status:
        qs = qs.filter(status=status)
    if since:
        qs = qs.filter(received_on__gte=since)
    if before_id:
        qs = qs.filter(id__lt=before_id)
    return [_out(o) for o in qs[: max(1, min(limit, 500))]]
