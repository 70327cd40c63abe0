"""依法治区 API: the work points (scoped: lead body, supporting bodies, the office), their
progress, and the lead body's and the office's moves. Mounted at /api/v1/governance/;
objects outside the caller's scope are 404."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from fazhi.core import workflow

from . import queries
from .filters import PointFilter
from .models import PointStatus as S
from .services import points

router = Router(tags=["依法治区"])


class ErrorOut(Schema):
    detail: str


class PointOut(Schema):
    id: int
    number: str
    plan: str
    seq: int
    title: str
    status: str
    lead: str
    supporters: list[str]
    issued_on: dt.date | None
    reported_on: dt.date | None
    closed_on: dt.date | None
    red: bool
    version: int


class ProgressOut(Schema):
    org: str
    on: dt.date
    text: str
    attachment: str | None


class ProgressIn(Schema):
    org_id: int
    text: str
    on: dt.date | None = None


class MoveIn(Schema):
    to: str
    on: dt.date | None = None
    result: str = ""
    reason: str = ""
    version: int | None = None


def _out(p) -> dict:
    return {
        "id": p.pk,
        "number": p.number,
        "plan": p.plan.title,
        "seq": p.seq,
        "title": p.title,
        "status": p.status,
        "lead": p.org.name,
        "supporters": [s.org.name for s in p.supporters.select_related("org")],
        "issued_on": p.issued_on,
        "reported_on": p.reported_on,
        "closed_on": p.closed_on,
        "red": bool(getattr(p, "red", False)),
        "version": p.version,
    }


def _refused(exc: Exception):
    if isinstance(exc, workflow.InvalidTransition):
        return Status(400, {"detail": exc.message})
    if isinstance(exc, PermissionDenied):
        return Status(403, {"detail": str(exc)})
    return Status(400, {"detail": "；".join(getattr(exc, "messages", [str(exc)]))})


@router.get(
    "/points",
    response={200: list[PointOut], 400: ErrorOut},
    summary="工作要点任务列表（按数据范围）",
    description="筛选：status, year（工作要点年度）, lead（牵头单位 id）, red（true：超期红牌）, q。",
)
def point_list(
    request: HttpRequest,
    status: str = "",
    year: str = "",
    lead: str = "",
    red: str = "",
    q: str = "",
    limit: int = 100,
):
    flt = PointFilter(
        {"status": status, "year": year, "lead": lead, "red": red, "q": q},
        queryset=queries.work_points(request.user),
    )
    if not flt.is_valid():
        wrong = "、".join(sorted(flt.errors))
        return Status(400, {"detail": _("筛选条件不正确：%(f)s") % {"f": wrong}})
    return [_out(p) for p in flt.qs.order_by("-plan__year", "seq")[: max(1, min(limit, 500))]]


@router.get("/points/{point_id}", response=PointOut, summary="工作要点任务详情")
def point_detail(request: HttpRequest, point_id: int):
    return _out(queries.work_point(request.user, point_id))


@router.get("/points/{point_id}/progress", response=list[ProgressOut], summary="工作进展")
def point_progress(request: HttpRequest, point_id: int):
    p = queries.work_point(request.user, point_id)
    return [
        {
            "org": r.org.name,
            "on": r.on,
            "text": r.text,
            "attachment": r.attachment.sha256 if r.attachment else None,
        }
        for r in p.progress.select_related("org", "attachment")
    ]


@router.post(
    "/points/{point_id}/progress",
    response={201: ProgressOut, 400: ErrorOut, 403: ErrorOut},
    summary="报送工作进展（牵头单位或配合单位）",
)
def progress_create(request: HttpRequest, point_id: int, data: ProgressIn):
    p = queries.work_point(request.user, point_id)
    org = queries.lead_bodies().filter(pk=data.org_id).first()
    if org is None:
        return Status(400, {"detail": _("报送单位不存在。")})
    try:
        r = points.progress_report(actor=request.user, point=p, org=org, text=data.text, on=data.on)
    except (ValidationError, PermissionDenied, workflow.InvalidTransition) as exc:
        return _refused(exc)
    return Status(201, {"org": org.name, "on": r.on, "text": r.text, "attachment": None})


@router.post(
    "/points/{point_id}/transition",
    response={200: PointOut, 400: ErrorOut, 403: ErrorOut},
    summary="下发、报完成、确认完成或退回",
)
def point_transition(request: HttpRequest, point_id: int, data: MoveIn):
    p = queries.work_point(request.user, point_id)
    common = {"actor": request.user, "point": p, "on": data.on, "version": data.version}
    try:
        if data.to == S.ASSIGNED and p.status == S.DRAFT:
            p = points.point_issue(**common)
        elif data.to == S.REPORTED:
            p = points.point_report_done(result=data.result, **common)
        elif data.to == S.DONE:
            p = points.point_confirm(**common)
        elif data.to == S.ASSIGNED:
            p = points.point_return(reason=data.reason, **common)
        else:
            raise workflow.InvalidTransition(_("未知的目标状态：%(t)s") % {"t": data.to or "—"})
    except (ValidationError, PermissionDenied, workflow.InvalidTransition) as exc:
        return _refused(exc)
    return Status(200, _out(queries.work_point(request.user, p.pk)))
