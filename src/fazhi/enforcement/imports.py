"""Excel imports: inspections, sampling batches and grid cells, with per-row errors.

**All rows or nothing.** Every row is checked — its references (body, campaign, case, unit,
parent cell) resolved within the importer's scope, its dates and choices parsed, its
统一社会信用代码 checked (GB 32100) — and then written through the same service function a
form uses, each in its own savepoint, so every row's problems are found in one pass. If any
row fails, the whole import is rolled back and the answer lists each failed row with its
number (as Excel shows it: the header is row 1), its column and the check that failed.
Only a clean file is kept: its rows are saved, the file itself is stored as an attachment
and one ledger event records the import with the file's hash.

Files (``.xlsx``) are read by the kernel's guarded reader; the first sheet is read, its first row
holds the column names (a trailing ``*`` marking a required column is ignored).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import xlsxwriter
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import attachments, ledger, scoping
from fazhi.core.actions import register
from fazhi.core.dataexchange.reader import FileRefused, SheetReader
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, User

from .models import (
    Campaign,
    Case,
    EnforcementBody,
    GridCell,
    GridLevel,
    InspectionResult,
    SamplingResult,
)
from .services import campaigns as campaign_services
from .services import grid as grid_services

IMPORT = register("enf.import", gettext_lazy("Excel导入"))
MAX_ROWS = 20000


class ImportFileError(Exception):
    """The file as a whole cannot be read (not an Excel file, no header, missing columns)."""


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    required: bool = False
    example: str = ""
    note: str = ""


@dataclass(frozen=True)
class Schema:
    kind: str
    title: Any  # lazy: translated when shown
    columns: tuple[Column, ...]

    def header_of(self, key: str) -> str:
        for c in self.columns:
            if c.key == key:
                return c.header
        return ""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = _("第%(r)d行") % {"r": self.row}
        return (
            f"{where} {self.column}：{self.message}" if self.column else f"{where}：{self.message}"
        )


@dataclass
class ImportResult:
    kind: str
    rows: int = 0
    created: list[Any] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


INSPECTIONS = Schema(
    "inspections",
    gettext_lazy("监督检查"),
    (
        Column(
            "执法主体", "body", True, "测试区行政执法局", gettext_lazy("执法主体的机构名称或简称")
        ),
        Column("被检查单位", "unit_name", True, "某某餐饮有限公司"),
        Column(
            "统一社会信用代码", "unit_credit_code", False, "", gettext_lazy("18位，按GB 32100校验")
        ),
        Column("检查日期", "inspected_on", True, "2019-05-20"),
        Column(
            "检查结果",
            "result",
            True,
            "发现问题责令整改",
            gettext_lazy("未发现问题 / 发现问题责令整改 / 立案查处"),
        ),
        Column("发现的问题", "findings", False, "后厨卫生不达标"),
        Column("专项行动", "campaign", False, "", gettext_lazy("专项行动名称（可空）")),
        Column("案件编号", "case", False, "", gettext_lazy("由此立案的案件编号（可空）")),
    ),
)
SAMPLING = Schema(
    "sampling",
    gettext_lazy("抽样检验"),
    (
        Column("执法主体", "body", True, "测试区市场监督管理局"),
        Column("样品", "product", True, "散装大米"),
        Column("被抽样单位", "unit_name", True, "某某超市"),
        Column("抽样日期", "sampled_on", True, "2019-06-03"),
        Column("检验结论", "result", True, "合格", gettext_lazy("合格 / 不合格")),
        Column("专项行动", "campaign", False, ""),
        Column("案件编号", "case", False, ""),
    ),
)
CELLS = Schema(
    "cells",
    gettext_lazy("网格"),
    (
        Column(
            "网格编码",
            "code",
            True,
            "430102-01",
            gettext_lazy("上级网格须在本文件更前的行或已在系统中"),
        ),
        Column("网格名称", "name", True, "甲街道网格"),
        Column("层级", "level", True, "街道级", gettext_lazy("区级 / 街道级 / 社区级")),
        Column("上级网格编码", "parent", False, "430102", gettext_lazy("区级网格留空")),
        Column("责任单位", "org", True, "甲街道"),
    ),
)
SCHEMAS = {s.kind: s for s in (INSPECTIONS, SAMPLING, CELLS)}


# ---------------------------------------------------------------- reading


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def read(data: bytes, schema: Schema) -> list[tuple[int, dict[str, Any]]]:
    """The data rows of the first sheet as (Excel row number, {key: value}); blank rows are
    skipped. Raises ImportFileError when the file or its header is unusable. The file is read
    by the kernel's guarded reader (a child process with capped memory, after a bounded
    pre-pass), never by a spreadsheet library in this process."""
    try:
        with SheetReader(data) as sheet:
            grid = [(n, cells) for n, cells in sheet]
    except FileRefused as exc:
        raise ImportFileError(str(exc)) from exc
    if not grid:
        raise ImportFileError(_("文件是空的。"))
    headers = [_text(h).rstrip("*＊ ").strip() for h in grid[0][1]]
    index = {h: i for i, h in enumerate(headers) if h}
    missing = [c.header for c in schema.columns if c.required and c.header not in index]
    if missing:
        raise ImportFileError(
            _("第1行缺少这些列：%(c)s。请使用下载的导入模板。") % {"c": "、".join(missing)}
        )
    rows = []
    for n, raw in grid[1:]:
        values = {
            c.key: (
                raw[index[c.header]] if c.header in index and index[c.header] < len(raw) else None
            )
            for c in schema.columns
        }
        if all(_text(v) == "" for v in values.values()):
            continue
        rows.append((n, values))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("一次最多导入 %(n)d 行。") % {"n": MAX_ROWS})
    return rows


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = _DATE.match(_text(value))
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    raise ValueError(_("日期格式不正确：“%(v)s”（应为 2019-05-20）") % {"v": _text(value)})


def _choice(value: Any, choices: list[tuple[str, Any]], what: str) -> str:
    """The code of a choice named by its code, its label in the user's language, or its
    Chinese label (the files' own language, whatever the importer's page is shown in)."""
    text = _text(value)
    for code, label in choices:
        if text in (code, str(label)):
            return code
    with translation.override(settings.LANGUAGE_CODE):
        for code, label in choices:
            if text == str(label):
                return code
    raise ValueError(
        _("%(w)s“%(v)s”不正确，应为：%(a)s")
        % {"w": what, "v": text, "a": " / ".join(str(label) for _c, label in choices)}
    )


# ---------------------------------------------------------------- resolving references


class Resolver:
    """Looks up what a row names, within the importer's scope (never outside it)."""

    def __init__(self, actor: Actor):
        self.actor = actor

    def _scoped(self, model):
        if isinstance(self.actor, User):
            return scoping.scope(self.actor, model)
        return model._default_manager.all()

    def body(self, name: str) -> EnforcementBody:
        qs = self._scoped(EnforcementBody).select_related("org")
        found = list(qs.filter(org__name=name)) or list(qs.filter(org__short_name=name))
        if len(found) != 1:
            raise ValueError(_("执法主体“%(n)s”不存在或不在您的数据范围内。") % {"n": name})
        return found[0]

    def org(self, name: str) -> Organisation:
        qs = self._scoped(Organisation)
        found = list(qs.filter(name=name)) or list(qs.filter(short_name=name))
        if len(found) != 1:
            raise ValueError(_("单位“%(n)s”不存在或不在您的数据范围内。") % {"n": name})
        return found[0]

    def campaign(self, name: str) -> Campaign | None:
        if not name:
            return None
        qs = (
            campaign_services.campaigns(self.actor)
            if isinstance(self.actor, User)
            else Campaign.objects.all()
        )
        found = list(qs.filter(name=name))
        if not found:
            raise ValueError(_("专项行动“%(n)s”不存在或不在您的数据范围内。") % {"n": name})
        if len(found) > 1:
            raise ValueError(_("有多个名为“%(n)s”的专项行动，请先改名区分。") % {"n": name})
        return found[0]

    def case(self, number: str) -> Case | None:
        if not number:
            return None
        found = self._scoped(Case).filter(number=number).first()
        if found is None:
            raise ValueError(_("案件“%(n)s”不存在或不在您的数据范围内。") % {"n": number})
        return found

    def cell(self, code: str) -> GridCell | None:
        if not code:
            return None
        found = GridCell.objects.filter(code=code).first()
        if found is None:
            raise ValueError(
                _("上级网格“%(c)s”不存在（上级网格须已在系统中，或在本文件更前的行）。")
                % {"c": code}
            )
        return found


# ---------------------------------------------------------------- row builders

Builder = Callable[[Resolver, dict[str, Any], dict[str, str]], dict[str, Any]]


def _field(errors: dict[str, str], key: str, fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except ValueError as exc:
        errors[key] = str(exc)
        return None


def _inspection_kwargs(r: Resolver, v: dict[str, Any], errors: dict[str, str]) -> dict:
    code = _text(v["unit_credit_code"])
    if code:
        _normal, problem = campaign_services.credit_code_problem(code)
        if problem:
            errors["unit_credit_code"] = _("“%(c)s”未通过校验：%(m)s") % {"c": code, "m": problem}
    return {
        "body": _field(errors, "body", lambda: r.body(_text(v["body"]))),
        "unit_name": _text(v["unit_name"]),
        "unit_credit_code": code,
        "inspected_on": _field(errors, "inspected_on", lambda: parse_date(v["inspected_on"])),
        "result": _field(
            errors,
            "result",
            lambda: _choice(v["result"], InspectionResult.choices, _("检查结果")),
        ),
        "findings": _text(v["findings"]),
        "campaign": _field(errors, "campaign", lambda: r.campaign(_text(v["campaign"]))),
        "case": _field(errors, "case", lambda: r.case(_text(v["case"]))),
    }


def _sampling_kwargs(r: Resolver, v: dict[str, Any], errors: dict[str, str]) -> dict:
    return {
        "body": _field(errors, "body", lambda: r.body(_text(v["body"]))),
        "product": _text(v["product"]),
        "unit_name": _text(v["unit_name"]),
        "sampled_on": _field(errors, "sampled_on", lambda: parse_date(v["sampled_on"])),
        "result": _field(
            errors, "result", lambda: _choice(v["result"], SamplingResult.choices, _("检验结论"))
        ),
        "campaign": _field(errors, "campaign", lambda: r.campaign(_text(v["campaign"]))),
        "case": _field(errors, "case", lambda: r.case(_text(v["case"]))),
    }


_LEVEL_WORDS = [
    (GridLevel.DISTRICT, ("区", "区级", "district")),
    (GridLevel.STREET, ("街道", "街道级", "street")),
    (GridLevel.COMMUNITY, ("社区", "社区级", "村", "社区（村）级", "community")),
]


def _level(value: Any) -> str:
    text = _text(value)
    for code, words in _LEVEL_WORDS:
        if text in words:
            return code
    raise ValueError(_("层级“%(v)s”不正确，应为：区级 / 街道级 / 社区级") % {"v": text})


def _cell_kwargs(r: Resolver, v: dict[str, Any], errors: dict[str, str]) -> dict:
    return {
        "code": _text(v["code"]),
        "name": _text(v["name"]),
        "level": _field(errors, "level", lambda: _level(v["level"])),
        "parent": _field(errors, "parent", lambda: r.cell(_text(v["parent"]))),
        "org": _field(errors, "org", lambda: r.org(_text(v["org"]))),
    }


BUILDERS: dict[str, tuple[Builder, Callable[..., Any]]] = {
    "inspections": (_inspection_kwargs, campaign_services.inspection_create),
    "sampling": (_sampling_kwargs, campaign_services.sampling_create),
    "cells": (_cell_kwargs, grid_services.cell_save),
}
RESOLVERS: dict[str, type[Resolver]] = {}  # kinds whose rows name more than the base resolves


# ---------------------------------------------------------------- running


def _row_errors(row: int, schema: Schema, exc: Exception) -> list[RowError]:
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        return [
            RowError(row, schema.header_of(key), m)
            for key, msgs in exc.message_dict.items()
            for m in msgs
        ]
    messages = getattr(exc, "messages", None) or [str(exc)]
    return [RowError(row, "", m) for m in messages]


def run(*, actor: Actor, kind: str, data: bytes, filename: str) -> ImportResult:
    """Import ``data`` (an .xlsx file) as ``kind`` — all rows or nothing (module docstring)."""
    schema = SCHEMAS[kind]
    builder, service = BUILDERS[kind]
    result = ImportResult(kind)
    if not filename.lower().endswith(".xlsx"):
        raise ImportFileError(_("请上传 Excel（.xlsx）文件。"))
    rows = read(data, schema)
    result.rows = len(rows)
    if not rows:
        raise ImportFileError(_("文件中没有数据行。"))
    resolver = RESOLVERS.get(kind, Resolver)(actor)
    with transaction.atomic():
        for n, values in rows:
            errors: dict[str, str] = {}
            kwargs = builder(resolver, values, errors)
            if errors:
                result.errors += [RowError(n, schema.header_of(k), m) for k, m in errors.items()]
                continue
            try:
                with transaction.atomic():
                    result.created.append(service(actor=actor, **kwargs))
            except (ValidationError, PermissionDenied) as exc:
                result.errors += _row_errors(n, schema, exc)
        if result.errors:
            transaction.set_rollback(True)
            result.created = []
            return result
        att = attachments.store(actor=actor, source=data, name=filename, note=str(schema.title))
        ledger.record(
            actor=actor,
            action=IMPORT,
            data={"kind": kind, "rows": len(rows), "file": filename},
            attachments=[att.sha256],
        )
    return result


def template(kind: str) -> bytes:
    """The import template: a first sheet with the header row only (required columns marked
    *), and a second sheet explaining each column with an example."""
    schema = SCHEMAS[kind]
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    bold = book.add_format({"bold": True})
    ws = book.add_worksheet(str(schema.title))
    for c, col in enumerate(schema.columns):
        ws.write(0, c, col.header + ("*" if col.required else ""), bold)
        ws.set_column(c, c, 18)
    notes = book.add_worksheet(_("填写说明"))
    for c, h in enumerate([_("列"), _("是否必填"), _("说明"), _("示例")]):
        notes.write(0, c, h, bold)
    for r, col in enumerate(schema.columns, start=1):
        notes.write(r, 0, col.header)
        notes.write(r, 1, _("必填") if col.required else _("可空"))
        notes.write(r, 2, str(col.note))
        notes.write(r, 3, col.example)
    notes.set_column(0, 3, 24)
    book.close()
    return buf.getvalue()


# The power list and past cases register their schemas here (imports_catalogue.py).
from . import imports_catalogue  # noqa: E402, F401
