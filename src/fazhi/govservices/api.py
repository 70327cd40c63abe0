"""Government-services API, mounted at /api/v1/govservices/.

* the catalogue, public and read-only (published on-application items and their guide);
* the status of an application by number and check code, public and rate-limited — a wrong
  code answers as an unknown number does (404, the same body);
* applications for staff and systems (a provincial one-network platform files and follows
  applications with a token): list and detail scoped by the caller, receive, and each step
  as its own endpoint calling the service. Objects outside the caller's scope are 404.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status

from fazhi.core import scoping
from fazhi.core.workflow import InvalidTransition

from . import portal, queries
from .models import ImplementationEntry, ItemMaterial
from .services import applications as svc
from .services import decisions

router = Router(tags=["政务服务"])


class ErrorOut(Schema):
    detail: str


class ItemOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    level: str
    category: str
    basis: str
    adopted_from: str


class MaterialOut(Schema):
    id: int
    name: str
    kind: str
    copies: int
    required: bool


class EntryOut(Schema):
    id: int
    org: str
    window: str
    statutory_days: int
    promised_days: Decimal
    on_the_spot: bool
    commitment: bool
    commitment_text: str
    fee: Decimal
    place: str
    phone: str


class GuideOut(ItemOut):
    materials: list[MaterialOut]
    entries: list[EntryOut]


class LookupIn(Schema):
    number: str
    code: str


class StatusOut(Schema):
    number: str
    item: str
    org: str
    status: str
    received_on: dt.date
    accepted_on: dt.date | None
    decided_on: dt.date | None
    closed_on: dt.date | None
    outcome: str
    promised_due_at: dt.datetime | None


class ApplicationIn(Schema):
    entry_id: int
    org_id: int | None = None  # a street or park, for a delegated item
    channel: str = "platform"
    external_ref: str = ""
    at: dt.datetime
    applicant_kind: str
    applicant_name: str
    applicant_id_number: str = ""
    applicant_credit_code: str = ""
    applicant_phone: str = ""
    applicant_address: str = ""
    received_material_ids: list[int] = []


class ApplicationOut(Schema):
    id: int
    number: str
    external_ref: str
    item: str
    org: str
    status: str
    received_on: dt.date
    accepted_on: dt.date | None
    decided_on: dt.date | None
    closed_on: dt.date | None
    outcome: str
    deemed_accepted: bool
    promised_due_at: dt.datetime | None
    missing: list[str]
    version: int


class MomentIn(Schema):
    at: dt.datetime
    version: int | None = None


class DateIn(Schema):
    on: dt.date
    version: int | None = None


class DecideIn(Schema):
    on: dt.date
    outcome: str
    reasons: str = ""
    late_reason: str = ""
    version: int | None = None


class CloseIn(MomentIn):
    certificate_number: str = ""


def _item(i) -> dict:
    return {
        "id": i.pk,
        "code": i.code,
        "name": i.name,
        "kind": i.kind,
        "level": i.level,
        "category": i.category,
        "basis": i.basis,
        "adopted_from": i.adopted_from,
    }


def _app(a) -> dict:
    from . import states

    return {
        "id": a.pk,
        "number": a.number,
        "external_ref": a.external_ref,
        "item": a.item.name,
        "org": a.org.name,
        "status": a.status,
        "received_on": a.received_on,
        "accepted_on": a.accepted_on,
        "decided_on": a.decided_on,
        "closed_on": a.closed_on,
        "outcome": a.outcome,
        "deemed_accepted": a.deemed_accepted,
        "promised_due_at": a.promised_due_at,
        "missing": states.missing_materials(a) if a.status in ("received", "supplement") else [],
        "version": a.version,
    }


def _error(exc) -> tuple[int, dict]:
    if isinstance(exc, PermissionDenied):
        return 403, {"detail": str(exc)}
    if isinstance(exc, InvalidTransition):
        return 409, {"detail": exc.message}
    return 400, {"detail": "；".join(getattr(exc, "messages", [str(exc)]))}


# -- public ------------------------------------------------------------------------------------


@router.get("/items", auth=None, response=list[ItemOut], summary="政务服务事项目录（公开）")
def item_list(request: HttpRequest, q: str = "", limit: int = 50, offset: int = 0):
    qs = queries.public_search(q)
    return [_item(i) for i in qs[max(0, offset) : max(0, offset) + max(1, min(limit, 200))]]


@router.get(
    "/items/{item_id}",
    auth=None,
    response={200: GuideOut, 404: ErrorOut},
    summary="办事指南（公开）",
)
def item_guide(request: HttpRequest, item_id: int):
    i = queries.public_item(item_id)
    if i is None:
        return Status(404, {"detail": "未找到该事项。"})
    return {
        **_item(i),
        "materials": [
            {"id": m.pk, "name": m.name, "kind": m.kind, "copies": m.copies, "required": m.required}
            for m in i.materials.all()
        ],
        "entries": [
            {
                "id": e.pk,
                "org": e.org.name,
                "window": e.window.name if e.window else "",
                "statutory_days": e.statutory_days,
                "promised_days": e.promised_days,
                "on_the_spot": e.on_the_spot,
                "commitment": e.commitment,
                "commitment_text": e.commitment_text,
                "fee": e.fee,
                "place": e.place,
                "phone": e.phone,
            }
            for e in i.entries.all()
        ],
    }


@router.post(
    "/status",
    auth=None,
    response={200: StatusOut, 404: ErrorOut, 429: ErrorOut},
    summary="办件进度查询（办件编号＋查询码，公开，限频）",
)
def status(request: HttpRequest, data: LookupIn):
    if portal.limited(request):
        return Status(429, {"detail": "查询过于频繁，请一分钟后再试。"})
    found = queries.public_status(data.number, data.code)
    if found is None:
        return Status(404, {"detail": "办件编号或查询码不正确。"})
    return {k: getattr(found, k) for k in StatusOut.model_fields}


# -- staff and systems -------------------------------------------------------------------------


@router.get("/applications", response=list[ApplicationOut], summary="办件列表（按数据范围）")
def application_list(
    request: HttpRequest,
    status: str | None = None,
    external_ref: str | None = None,
    limit: int = 50,
    before_id: int | None = None,
):
    qs = queries.applications(request.user).order_by("-id")
    if status:
        qs = qs.filter(status=status)
    if external_ref:
        qs = qs.filter(external_ref=external_ref)
    if before_id:
        qs = qs.filter(id__lt=before_id)
    return [_app(a) for a in qs[: max(1, min(limit, 500))]]


@router.get("/applications/{app_id}", response=ApplicationOut, summary="办件详情")
def application_detail(request: HttpRequest, app_id: int):
    return _app(scoping.get_for(request.user, queries.applications(request.user), app_id))


@router.post(
    "/applications",
    response={201: ApplicationOut, 400: ErrorOut, 403: ErrorOut},
    summary="收件（窗口或一网通办平台）",
)
def application_create(request: HttpRequest, data: ApplicationIn):
    from fazhi.core.models import Organisation

    # the implementation list is public; whether the caller may receive for it is the
    # service's role check
    entry = (
        ImplementationEntry.objects.select_related("item", "org", "window")
        .filter(pk=data.entry_id)
        .first()
    )
    if entry is None:
        return Status(400, {"detail": "实施清单不存在。"})
    org = None
    if data.org_id is not None:
        org = scoping.get_for(request.user, Organisation, data.org_id)
    materials = list(
        ItemMaterial.objects.filter(pk__in=data.received_material_ids, item=entry.item)
    )
    try:
        app = svc.receive(
            actor=request.user,
            entry=entry,
            org=org,
            channel=data.channel,
            external_ref=data.external_ref,
            at=data.at,
            received=materials,
            applicant_kind=data.applicant_kind,
            applicant_name=data.applicant_name,
            applicant_id_number=data.applicant_id_number,
            applicant_credit_code=data.applicant_credit_code,
            applicant_phone=data.applicant_phone,
            applicant_address=data.applicant_address,
        )
    except (ValidationError, PermissionDenied) as exc:
        return Status(*_error(exc))
    return Status(201, _app(app))


def _act(request, app_id: int, fn):
    app = scoping.get_for(request.user, queries.applications(request.user), app_id)
    try:
        app = fn(app)
    except (ValidationError, PermissionDenied, InvalidTransition) as exc:
        return Status(*_error(exc))
    app.refresh_from_db()
    return Status(200, _app(app))


ACT = {200: ApplicationOut, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut}


@router.post("/applications/{app_id}/notify", response=ACT, summary="一次告知补正")
def application_notify(request: HttpRequest, app_id: int, data: DateIn):
    return _act(
        request,
        app_id,
        lambda a: svc.notify_missing(
            actor=request.user, application=a, on=data.on, version=data.version
        ),
    )


@router.post("/applications/{app_id}/accept", response=ACT, summary="受理")
def application_accept(request: HttpRequest, app_id: int, data: MomentIn):
    return _act(
        request,
        app_id,
        lambda a: svc.accept(actor=request.user, application=a, at=data.at, version=data.version),
    )


@router.post("/applications/{app_id}/decide", response=ACT, summary="作出决定")
def application_decide(request: HttpRequest, app_id: int, data: DecideIn):
    return _act(
        request,
        app_id,
        lambda a: decisions.decide(
            actor=request.user,
            application=a,
            outcome=data.outcome,
            on=data.on,
            reasons=data.reasons,
            late_reason=data.late_reason,
            version=data.version,
        ),
    )


@router.post("/applications/{app_id}/close", response=ACT, summary="送达办结")
def application_close(request: HttpRequest, app_id: int, data: CloseIn):
    return _act(
        request,
        app_id,
        lambda a: decisions.close(
            actor=request.user,
            application=a,
            at=data.at,
            certificate_number=data.certificate_number,
            version=data.version,
        ),
    )
