"""Portal-monitor API: sites, crawls and findings (scoped), and dismissing a finding.

Mounted at /api/v1/monitor/. Everything goes through ``queries`` (the kernel's scoping): an
object outside the caller's scope is a 404. Lists page by key (``before_id``, newest first).
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from . import queries, services
from .models import FindingStatus, RunStatus, Severity

router = Router(tags=["网站监测"])
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
MAX_LIMIT = 500


class SiteOut(Schema):
    id: int
    code: str
    name: str
    org: str
    is_active: bool
    crawl_day: int | None
    crawl_hour: int
    next_crawl_at: dt.datetime | None
    last_run_id: int | None
    last_run_status: str | None
    last_run_as_of: dt.date | None


class CrawlOut(Schema):
    id: int
    site: str
    month: str
    as_of: dt.date
    status: str
    complete: bool
    pages: int
    errors: int
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    config_version: int
    lexicon_version: int


class FindingOut(Schema):
    id: int
    site: str
    run_id: int
    month: str
    url: str
    rule_id: str
    indicator: str
    severity: str
    evidence: str
    needs_confirmation: bool
    status: str
    decision_note: str
    fingerprint: str


class DismissIn(Schema):
    reason: str = ""


class ErrorOut(Schema):
    detail: str


def _limit(limit: int) -> int:
    return max(1, min(limit, MAX_LIMIT))


def _message(exc: Exception) -> str:
    return "；".join(str(m) for m in getattr(exc, "messages", None) or [str(exc)])


def _finding(f) -> dict:
    return {
        "id": f.pk,
        "site": f.site.code,
        "run_id": f.run_id,
        "month": f.run.month,
        "url": f.url,
        "rule_id": f.rule_id,
        "indicator": f.indicator,
        "severity": f.severity,
        "evidence": f.evidence,
        "needs_confirmation": f.needs_confirmation,
        "status": f.status,
        "decision_note": f.decision_note,
        "fingerprint": f.fingerprint,
    }


@router.get("/sites", response=list[SiteOut], summary="监测网站（按数据范围）")
def site_list(request: HttpRequest):
    sites = list(queries.sites(request.user))
    last = queries.latest_runs([s.pk for s in sites])
    out = []
    for s in sites:
        r = last.get(s.pk)
        out.append(
            {
                "id": s.pk,
                "code": s.code,
                "name": s.name,
                "org": s.org.name,
                "is_active": s.is_active,
                "crawl_day": s.crawl_day,
                "crawl_hour": s.crawl_hour,
                "next_crawl_at": s.next_crawl_at,
                "last_run_id": r.pk if r else None,
                "last_run_status": r.status if r else None,
                "last_run_as_of": r.as_of if r else None,
            }
        )
    return out


@router.get(
    "/crawls",
    response={200: list[CrawlOut], 400: ErrorOut},
    summary="抓取批次（按数据范围；筛选：site、month、status）",
)
def crawl_list(
    request: HttpRequest,
    site: str | None = None,
    month: str | None = None,
    status: str | None = None,
    limit: int = 50,
    before_id: int | None = None,
):
    if month and not MONTH.match(month):
        return Status(400, {"detail": _("参数 month 应写作 YYYY-MM，如 2025-06。")})
    if status and status not in RunStatus.values:
        return Status(
            400, {"detail": _("参数 status 应为：%(v)s") % {"v": "、".join(RunStatus.values)}}
        )
    qs = queries.runs(request.user).order_by("-id")
    if site:
        qs = qs.filter(site__code=site)
    if month:
        qs = qs.filter(month=month)
    if status:
        qs = qs.filter(status=status)
    if before_id:
        qs = qs.filter(id__lt=before_id)
    return Status(
        200,
        [
            {
                "id": r.pk,
                "site": r.site.code,
                "month": r.month,
                "as_of": r.as_of,
                "status": r.status,
                "complete": r.complete,
                "pages": r.pages_done,
                "errors": r.errors,
                "started_at": r.started_at,
                "finished_at": r.finished_at,
                "config_version": r.config_version.number,
                "lexicon_version": r.lexicon_version.number,
            }
            for r in qs[: _limit(limit)]
        ],
    )


@router.get(
    "/findings",
    response={200: list[FindingOut], 400: ErrorOut},
    summary="监测问题（按数据范围；筛选：site、rule、severity、status、month、run）",
)
def finding_list(
    request: HttpRequest,
    site: str | None = None,
    rule: str | None = None,
    severity: str | None = None,
    status: str | None = None,
    month: str | None = None,
    run: int | None = None,
    limit: int = 100,
    before_id: int | None = None,
):
    if month and not MONTH.match(month):
        return Status(400, {"detail": _("参数 month 应写作 YYYY-MM，如 2025-06。")})
    if severity and severity not in Severity.values:
        return Status(
            400, {"detail": _("参数 severity 应为：%(v)s") % {"v": "、".join(Severity.values)}}
        )
    if status and status not in FindingStatus.values:
        return Status(
            400, {"detail": _("参数 status 应为：%(v)s") % {"v": "、".join(FindingStatus.values)}}
        )
    params = {
        "site": site,
        "rule": rule,
        "severity": severity,
        "status": status,
        "month": month,
        "run": str(run) if run else "",
    }
    qs = queries.findings(request.user, params).order_by("-id")
    if before_id:
        qs = qs.filter(id__lt=before_id)
    return Status(200, [_finding(f) for f in qs[: _limit(limit)]])


@router.post(
    "/findings/{finding_id}/dismiss",
    response={200: FindingOut, 400: ErrorOut, 403: ErrorOut},
    summary="排除监测问题（误报，须说明理由；下月同一问题自动排除）",
)
def finding_dismiss(request: HttpRequest, finding_id: int, data: DismissIn):
    finding = queries.finding_for(request.user, finding_id, write=True)
    try:
        f = services.finding_dismiss(actor=request.user, finding=finding, reason=data.reason)
    except ValidationError as exc:
        return Status(400, {"detail": _message(exc)})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return Status(200, _finding(queries.finding_for(request.user, f.pk)))
