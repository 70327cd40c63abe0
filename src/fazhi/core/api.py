"""Kernel API: health, the signed-in user, organisations (scoped)."""

from typing import Annotated

from django.db import connection
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.throttling import AnonRateThrottle

from . import scoping
from .models import Organisation

router = Router(tags=["内核"])


class HealthOut(Schema):
    status: str
    database: str


class MembershipOut(Schema):
    org_id: int
    org: str
    role: str
    data_scope: str


class MeOut(Schema):
    id: int
    username: str
    name: str
    language: str
    memberships: list[MembershipOut]


class OrgOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    division_code: str
    parent_id: int | None


@router.get("/health", auth=None, response=HealthOut, summary="健康检查")
def health(request: HttpRequest):
    with connection.cursor() as cur:
        cur.execute("SELECT 1")
    return {"status": "ok", "database": connection.vendor}


@router.get("/me", response=MeOut, summary="当前用户")
def me(request: HttpRequest):
    user = request.user
    return {
        "id": user.pk,
        "username": user.username,
        "name": user.display_name,
        "language": user.language,
        "memberships": [
            {"org_id": m.org_id, "org": m.org.name, "role": m.role, "data_scope": m.data_scope}
            for m in scoping.memberships(user)
        ],
    }


@router.get("/orgs", response=list[OrgOut], summary="组织机构（按数据范围）")
def org_list(request: HttpRequest):
    return list(scoping.scope(request.user, Organisation).order_by("path"))


@router.get("/orgs/{org_id}", response=OrgOut, summary="组织机构详情")
def org_detail(request: HttpRequest, org_id: int):
    return scoping.get_for(request.user, Organisation, org_id)


class DeadlineStep(Schema):
    kind: str
    day: str | None
    text: str
    text_en: str


class DeadlineOut(Schema):
    code: str
    name: str
    due: str
    provisional: bool  # the period reaches a year whose holidays are not announced (待公布)
    provisional_years: list[int]
    provisional_note: str
    start: str
    law: str
    law_version: str
    article: str
    basis: str
    unit: str
    length: int
    confirmed: str
    unconfirmed: bool
    extension_max: int
    extension_approver: str
    explanation: list[str]
    explanation_en: list[str]
    steps: list[DeadlineStep]


class ErrorOut(Schema):
    detail: str


@router.get(
    "/deadlines/{code}",
    auth=None,
    response={200: DeadlineOut, 400: ErrorOut},
    summary="法定期限计算",
    throttle=[AnonRateThrottle("60/m")],
    description="起算日 start（YYYY-MM-DD）；中止期间 pause=A..B 可重复；延长 extend；"
    "重新起算日 restart。返回到期日与逐项说明（与命令行、页面一致）。",
)
def deadline(
    request: HttpRequest,
    code: str,
    start: str,
    extend: str | None = None,
    restart: str | None = None,
    pause: list[str] = Query(default=[]),  # noqa: B008
):
    from .deadlines import DeadlineInputError, calculate

    try:
        return Status(
            200, calculate(code, start, pauses=pause, extend=extend, restart=restart).as_dict()
        )
    except DeadlineInputError as exc:
        return Status(400, {"detail": str(exc)})


# A year a figure can be asked for (a date outside 1900–2100 answered 500 before).
Year = Annotated[int, Query(ge=1900, le=2100)]


class FigureOut(Schema):
    code: str
    name: str
    unit: str
    definition: str
    date_basis: str
    period: str
    org: str | None
    value: str
    text: str
    records_url: str


def _indicator_target(user) -> tuple[Organisation | None, str]:
    """The organisation a figure is asked for when none is given: everything for a user with
    the 全部 scope, else the user's first organisation ("" or a refusal message)."""
    from .models import DataScope

    ms = scoping.memberships(user)
    if any(m.data_scope == DataScope.ALL for m in ms):
        return None, ""
    if not ms:
        return None, _("您没有任何岗位角色，无法查看指标。")
    return ms[0].org, ""


def _figure_out(fig, year: int, target: Organisation | None) -> dict:
    url = f"/workspace/indicators/{fig.indicator.code}/?year={year}"
    if target is not None:
        url += f"&org={target.pk}"
    return {**fig.as_dict(), "records_url": url}


@router.get(
    "/indicators/{code}",
    response={200: FigureOut, 400: ErrorOut},
    summary="指标数值（按机构子树与年度）",
)
def indicator(request: HttpRequest, code: str, year: Year, org: int | None = None):
    from . import indicators

    user = request.user
    if org is not None:
        target = scoping.get_for(user, Organisation, org)
    else:
        target, refused = _indicator_target(user)
        if refused:
            return Status(400, {"detail": refused})
    try:
        fig = indicators.evaluate(code, year=year, org=target, user=user)
    except LookupError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, _figure_out(fig, year, target))


@router.get(
    "/indicators",
    response={200: list[FigureOut], 400: ErrorOut},
    summary="一组指标数值（按机构子树与年度；codes 以逗号分隔，留空为全部）",
)
def indicator_set(request: HttpRequest, year: Year, org: int | None = None, codes: str = ""):
    from . import indicators

    user = request.user
    if org is not None:
        target = scoping.get_for(user, Organisation, org)
    else:
        target, refused = _indicator_target(user)
        if refused:
            return Status(400, {"detail": refused})
    wanted = [c for c in codes.replace(",", " ").split() if c] or sorted(indicators.REGISTRY)
    try:
        figs = [indicators.evaluate(c, year=year, org=target, user=user) for c in wanted]
    except LookupError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, [_figure_out(f, year, target) for f in figs])
