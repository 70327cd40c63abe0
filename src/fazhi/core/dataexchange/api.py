"""The data-exchange API: ``GET /api/v1/imports`` (the registers and their columns) and
``POST /api/v1/imports/{register}`` (multipart: ``file``; optional ``org`` id, ``dry_run``,
``valid_rows_only``). The same runner as the CLI and the pages; the answer lists each bad
row with its row number and column, in the caller's language. A file refused as a whole is
400 ``{"detail": …}``; a file with bad rows is 422 with the full answer, nothing imported."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from .. import scoping
from ..models import Organisation, User
from . import exporting, registry, runner
from .values import ImportFileError

router = Router(tags=["数据交换"])


class ColumnOut(Schema):
    header: str
    key: str
    meaning: str
    required: bool
    format: str
    max_length: int | None
    example: str


class RegisterOut(Schema):
    name: str
    title: str
    importable: bool
    exportable: bool
    columns: list[ColumnOut]


class RowErrorOut(Schema):
    row: int
    column: str
    message: str


class ImportOut(Schema):
    register_name: str
    file: str
    sha256: str
    ok: bool
    dry_run: bool
    already_imported: bool
    rows: int
    added: int
    unchanged: int
    updated: int
    failed_rows: int
    error_count: int
    errors: list[RowErrorOut]


class DetailOut(Schema):
    detail: str


def _language(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    return getattr(user, "language", "") or "zh-hans"


@router.get("/imports", response=list[RegisterOut], summary="可导入、导出的名册及其各列")
def register_list(request: HttpRequest):
    with translation.override(_language(request)):
        return [
            {
                "name": r.name,
                "title": str(r.title),
                "importable": r.importable,
                "exportable": r.exportable,
                "columns": exporting.describe(r),
            }
            for r in registry.all_registers()
        ]


_TRUE = {"1", "true", "yes", "on"}


@router.post(
    "/imports/{name}",
    response={200: ImportOut, 400: DetailOut, 422: ImportOut},
    summary="从Excel导入名册（multipart：file，可选 org、dry_run、valid_rows_only）",
)
def import_file(request: HttpRequest, name: str):
    with translation.override(_language(request)):
        upload = request.FILES.get("file")
        if upload is None:
            return Status(
                400, {"detail": _("请以 multipart/form-data 上传字段 file（.xlsx 文件）。")}
            )
        org = None
        org_id = request.POST.get("org", "").strip()
        if org_id:
            org = (
                scoping.scope(request.user, Organisation).filter(pk=org_id).first()
                if org_id.isdigit() and isinstance(request.user, User)
                else None
            )
            if org is None:
                return Status(
                    400, {"detail": _("单位“%(n)s”不存在或不在您的数据范围内。") % {"n": org_id}}
                )
        try:
            result = runner.run(
                name,
                actor=request.user,
                data=upload.read(),
                filename=upload.name or "",
                org=org,
                dry_run=request.POST.get("dry_run", "").lower() in _TRUE,
                valid_rows_only=request.POST.get("valid_rows_only", "").lower() in _TRUE,
            )
        except ImportFileError as exc:
            return Status(400, {"detail": str(exc)})
        return Status(200 if result.ok or result.added or result.updated else 422, result.as_dict())
