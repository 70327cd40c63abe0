"""Kernel API: health, the signed-in user, organisations (scoped)."""

from django.db import connection
from django.http import HttpRequest
from ninja import Router, Schema

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
