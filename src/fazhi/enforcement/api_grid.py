"""数字城管 API: a grid app or another system files and follows problem reports.

Mounted by the lead at ``/api/v1/enforcement/``:

- ``POST /grid/reports`` — file a report: JSON (photo as ``photo_base64`` + ``photo_name``)
  or ``multipart/form-data`` (the same fields, the photo as the file part ``photo``);
- ``GET /grid/reports`` — list, filtered, paged by key (``after`` = last id seen);
- ``GET /grid/reports/{id}`` — one report, with its clock and the moves open to the caller;
- ``POST /grid/reports/{id}/transitions`` — ``{to, reason, version}`` (+ ``org_id`` to
  dispatch elsewhere, ``result`` when handled; ``to = "reported"`` sends a report that is
  not the unit's responsibility back to the command centre for re-dispatch);
- ``GET /grid/categories``, ``GET /grid/cells`` — the codes a report names.

Input and output schemas are separate. Bodies are parsed here (not by ninja) so that every
bad input — a missing location or category, an unknown code, a bad date — is a 400 with a
Chinese ``{"detail": …}``, never a 422 in English. A report outside the caller's scope is a
404, never a 403 that would confirm it exists.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pydantic
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from fazhi.core import clocks, queries, scoping, workflow
from fazhi.core.models import Clock

from .filters import GridReportFilter
from .models import GridCategory, GridCell, GridReport, GridStatus
from .services import grid as services
from .services import grid_flow as flow

router = Router(tags=["数字城管"])

MAX_LIMIT = 200


class GridErrorOut(Schema):
    detail: str


class GridReportIn(Schema):
    """上报: codes name the category and the cell; everything is checked by the service."""

    category: str = ""
    cell: str = ""
    location: str = ""
    description: str = ""
    reporter_kind: str = "grid_officer"
    reporter_name: str = ""
    reporter_phone: str = ""
    received_on: dt.date | None = None
    longitude: Decimal | None = None
    latitude: Decimal | None = None
    photo_base64: str = ""
    photo_name: str = ""
    external_ref: str = ""


class GridTransitionIn(Schema):
    to: str
    reason: str = ""
    version: int | None = None
    org_id: int | None = None
    result: str = ""
    on: dt.date | None = None


class GridCategoryOut(Schema):
    code: str
    kind: str
    major: str
    name: str
    rule_code: str
    confirmed: bool


class GridCellOut(Schema):
    code: str
    name: str
    level: str
    parent: str | None
    org_id: int
    org: str


class GridOrgRef(Schema):
    id: int
    name: str


class GridMoveOut(Schema):
    to: str
    label: str
    needs_reason: bool


class GridClockOut(Schema):
    rule: str
    started_on: dt.date
    due_on: dt.date | None
    stopped_on: dt.date | None
    status: str
    label: str


class GridReportOut(Schema):
    id: int
    number: str
    title: str
    status: str
    status_label: str
    version: int
    category: GridCategoryOut
    cell: GridCellOut
    org: GridOrgRef
    location: str
    longitude: Decimal | None
    latitude: Decimal | None
    description: str
    reporter_kind: str
    received_on: dt.date
    dispatched_on: dt.date | None
    handled_on: dt.date | None
    verified_on: dt.date | None
    closed_on: dt.date | None
    returns: int
    sent_back: int
    photo_sha256: str | None
    clock: GridClockOut | None
    moves: list[GridMoveOut]


class GridReportPage(Schema):
    items: list[GridReportOut]
    next_after: int | None


def _bad(message: str) -> Status:
    return Status(400, {"detail": message})


def _error(exc: Exception) -> Status:
    if isinstance(exc, Http404):
        return Status(404, {"detail": _("没有找到该案卷，或不在您的数据范围内。")})
    if isinstance(exc, PermissionDenied):
        return Status(403, {"detail": str(exc) or _("您无权执行此操作。")})
    if isinstance(exc, workflow.InvalidTransition):
        return _bad(exc.message)
    if isinstance(exc, ValidationError):
        return _bad("；".join(exc.messages))
    raise exc


def _parse(request: HttpRequest, schema: type[Schema]) -> tuple[Schema, Any]:
    """The body as ``schema`` (JSON, or form fields for multipart) and the uploaded photo."""
    upload = None
    if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        raw: Any = {k: v for k, v in request.POST.items() if v != ""}
        upload = request.FILES.get("photo")
    else:
        try:
            raw = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError) as exc:
            raise ValidationError(_("请求体不是有效的 JSON。")) from exc
        if not isinstance(raw, dict):
            raise ValidationError(_("请求体应为 JSON 对象。"))
    try:
        return schema.model_validate(raw), upload
    except pydantic.ValidationError as exc:
        fields = sorted({".".join(str(p) for p in e["loc"]) or "body" for e in exc.errors()})
        raise ValidationError(
            _("请求数据格式不正确，请检查这些字段：%(f)s") % {"f": "、".join(fields)}
        ) from exc


def _photo(data: GridReportIn, upload) -> tuple[Any, str]:
    if upload is not None:
        return upload, data.photo_name or upload.name
    if not data.photo_base64:
        return None, ""
    text = data.photo_base64.strip()
    if text.startswith("data:") and "," in text:
        text = text.split(",", 1)[1]
    try:
        content = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValidationError(_("照片不是有效的 Base64 编码。")) from exc
    name = data.photo_name
    if not name:
        name = "photo.png" if content.startswith(b"\x89PNG") else "photo.jpg"
    return content, name


def _clock_map(reports: list[GridReport]) -> dict[int, Clock]:
    out: dict[int, Clock] = {}
    ids = [str(r.pk) for r in reports]
    for c in (
        Clock.objects.filter(subject_type=services.SUBJECT_TYPE, subject_id__in=ids)
        .select_related("rule")
        .order_by("id")
    ):
        out[int(c.subject_id)] = c
    return out


def _out(r: GridReport, user, clock: Clock | None) -> dict[str, Any]:
    card = clocks.card(clock) if clock is not None else None
    cat, cell = r.category, r.cell
    return {
        "id": r.pk,
        "number": r.number,
        "title": r.title,
        "status": r.status,
        "status_label": r.get_status_display(),
        "version": r.version,
        "category": {
            "code": cat.code,
            "kind": cat.kind,
            "major": cat.major,
            "name": cat.name,
            "rule_code": cat.rule_code,
            "confirmed": cat.confirmed,
        },
        "cell": _cell_out(cell),
        "org": {"id": r.org_id, "name": r.org.name},
        "location": r.location,
        "longitude": r.longitude,
        "latitude": r.latitude,
        "description": r.description,
        "reporter_kind": r.reporter_kind,
        "received_on": r.received_on,
        "dispatched_on": r.dispatched_on,
        "handled_on": r.handled_on,
        "verified_on": r.verified_on,
        "closed_on": r.closed_on,
        "returns": r.returns,
        "sent_back": r.sent_back,
        "photo_sha256": r.photo.sha256 if r.photo_id else None,
        "clock": None
        if clock is None
        else {
            "rule": clock.rule.code,
            "started_on": clock.started_on,
            "due_on": clock.due_on,
            "stopped_on": clock.stopped_on,
            "status": card.status,
            "label": str(card.label),
        },
        "moves": [
            {"to": to, "label": str(t.label), "needs_reason": t.needs_reason}
            for to, t in flow.moves(r, user)
        ],
    }


def _cell_out(cell: GridCell) -> dict[str, Any]:
    return {
        "code": cell.code,
        "name": cell.name,
        "level": cell.level,
        "parent": cell.parent.code if cell.parent_id else None,
        "org_id": cell.org_id,
        "org": cell.org.name,
    }


def _reports(request):
    return services.reports(request.user).select_related(
        "photo", "cell__org", "cell__parent__org", "cell__parent__parent__org"
    )


def _body_doc(schema: type[Schema], multipart: bool) -> dict:
    content = {"application/json": {"schema": schema.model_json_schema()}}
    if multipart:
        form = schema.model_json_schema()
        form["properties"] = {
            **form.get("properties", {}),
            "photo": {"type": "string", "format": "binary", "description": "现场照片"},
        }
        content["multipart/form-data"] = {"schema": form}
    return {"requestBody": {"required": True, "content": content}}


@router.post(
    "/grid/reports",
    response={201: GridReportOut, 400: GridErrorOut, 403: GridErrorOut},
    summary="上报城管问题",
    description="JSON 或 multipart/form-data；照片为 photo_base64（JSON）或文件字段 photo。"
    "category 为问题类别编码，cell 为网格编码。",
    openapi_extra=_body_doc(GridReportIn, multipart=True),
)
def report_create(request: HttpRequest):
    try:
        data, upload = _parse(request, GridReportIn)
        category = GridCategory.objects.filter(code=data.category.strip()).first()
        if data.category.strip() and category is None:
            return _bad(_("问题类别编码不存在：%(c)s") % {"c": data.category})
        cell = GridCell.objects.select_related("org").filter(code=data.cell.strip()).first()
        if data.cell.strip() and cell is None:
            return _bad(_("网格编码不存在：%(c)s") % {"c": data.cell})
        photo, photo_name = _photo(data, upload)
        report = services.report_file(
            actor=request.user,
            cell=cell,
            category=category,
            location=data.location,
            description=data.description,
            reporter_kind=data.reporter_kind,
            received_on=data.received_on,
            longitude=data.longitude,
            latitude=data.latitude,
            photo=photo,
            photo_name=photo_name,
            reporter_name=data.reporter_name,
            reporter_phone=data.reporter_phone,
            external_ref=data.external_ref,
        )
    except (ValidationError, PermissionDenied) as exc:
        return _error(exc)
    report = (
        GridReport.objects.select_related("category", "cell__org", "cell__parent", "org", "photo")
        .filter(pk=report.pk)
        .first()
    )
    return Status(201, _out(report, request.user, None))


@router.get(
    "/grid/reports",
    response={200: GridReportPage, 400: GridErrorOut},
    summary="城管案卷列表",
    description="筛选：status, kind（component/event）, category, cell（编码前缀）, org, "
    "reporter_kind, received_from, received_to（YYYY-MM-DD）, overdue=1；"
    "按 id 倒序，after 为上一页最后一条的 id，limit 不超过 200。",
)
def report_list(
    request: HttpRequest,
    status: str = "",
    kind: str = "",
    category: str = "",
    cell: str = "",
    org: str = "",
    reporter_kind: str = "",
    received_from: str = "",
    received_to: str = "",
    overdue: str = "",
    after: str = "",
    limit: str = "50",
):
    if status and status not in GridStatus.values:
        return _bad(_("状态不正确：%(s)s") % {"s": status})
    flt = GridReportFilter(
        {
            "status": status,
            "kind": kind,
            "category": category,
            "cell": cell,
            "org": org,
            "reporter": reporter_kind,
            "from": received_from,
            "to": received_to,
            "overdue": "1" if overdue in ("1", "true") else "",
        },
        queryset=_reports(request),
    )
    try:
        if not flt.is_valid():
            raise ValueError
        rows = flt.qs
        if after:
            rows = rows.filter(pk__lt=int(after))
        size = min(max(int(limit), 1), MAX_LIMIT)
    except ValueError:
        return _bad(_("筛选条件格式不正确（日期为 YYYY-MM-DD，org、after、limit 为整数）。"))
    items = list(rows.order_by("-pk")[: size + 1])
    more = len(items) > size
    items = items[:size]
    cmap = _clock_map(items)
    return {
        "items": [_out(r, request.user, cmap.get(r.pk)) for r in items],
        "next_after": items[-1].pk if more and items else None,
    }


@router.get(
    "/grid/reports/{report_id}",
    response={200: GridReportOut, 404: GridErrorOut},
    summary="城管案卷详情",
)
def report_detail(request: HttpRequest, report_id: int):
    try:
        r = scoping.get_for(request.user, _reports(request), report_id)
    except Http404 as exc:
        return _error(exc)
    return _out(r, request.user, _clock_map([r]).get(r.pk))


@router.post(
    "/grid/reports/{report_id}/transitions",
    response={200: GridReportOut, 400: GridErrorOut, 403: GridErrorOut, 404: GridErrorOut},
    summary="办理城管案卷（派遣、退回改派、处置、核查结案或退回、不予立案）",
    description="to：dispatched（可带 org_id 派遣至其他单位；退回改派后须带 org_id）、"
    "reported（非本单位职责，退回指挥中心改派，须带 reason）、handled（须带 result 处置情况）、"
    "closed（核查通过，由指挥中心或上报的网格员办理）、returned（核查不通过，须带 reason）、"
    "invalid（不予立案，须带 reason）。version 为读取时的版本号，他人已修改则拒绝。",
    openapi_extra=_body_doc(GridTransitionIn, multipart=False),
)
def report_transition(request: HttpRequest, report_id: int):
    try:
        r = scoping.get_for(request.user, _reports(request), report_id)
    except Http404 as exc:
        return _error(exc)
    try:
        data, _upload = _parse(request, GridTransitionIn)
        target = None
        if data.to == GridStatus.DISPATCHED and data.org_id is not None:
            try:
                target = scoping.get_for(request.user, queries.orgs(request.user), data.org_id)
            except Http404:
                return _bad(_("派遣单位不存在或不在您的数据范围内。"))
        r = flow.report_move(
            actor=request.user,
            report=r,
            to=data.to,
            reason=data.reason,
            version=data.version,
            to_org=target,
            result=data.result,
            on=data.on,
        )
    except (ValidationError, PermissionDenied, workflow.InvalidTransition) as exc:
        return _error(exc)
    r = _reports(request).filter(pk=r.pk).first() or r
    return _out(r, request.user, _clock_map([r]).get(r.pk))


@router.get("/grid/categories", response=list[GridCategoryOut], summary="城管问题类别")
def category_list(request: HttpRequest):
    return list(GridCategory.objects.all())


@router.get("/grid/cells", response=list[GridCellOut], summary="可上报的网格")
def cell_list(request: HttpRequest):
    return [
        _cell_out(c)
        for c in services.fileable_cells(request.user).select_related("parent").order_by("code")
    ]
