"""The catalogue in and out of Excel: one row per item with its implementation entry.

Shaped like the enforcement imports (columns with a Chinese header, a key and whether
required; rows checked and written through the same services a form uses), so moving it onto
the kernel's data-exchange registry (``fazhi.core.dataexchange``, issue 12) is mechanical.

**All rows or nothing.** Every row runs ``catalogue.item_save`` and ``catalogue.entry_save``
in its own savepoint so every row's problems are found in one pass: a duplicate code (in the
file or already in the catalogue), an unknown body, a bad choice, a promise longer than the
statutory limit. If any row fails, the whole import is rolled back and each failed row is
named with its number as Excel shows it (the header is row 1). A clean file is stored as an
attachment and one ledger event records the import with the file's hash. ``export_rows``
writes exactly these columns, so an exported catalogue imports back unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from fazhi.core import attachments, ledger, scoping
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role, User

from . import actions
from .models import Category, EntryStatus, ItemKind, Level, MaterialKind
from .services import catalogue

MAX_ROWS = 20000


class ImportFileError(Exception):
    """The file as a whole cannot be read (not an Excel file, no header, missing columns)."""


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    required: bool = False
    example: str = ""


COLUMNS = (
    Column("事项编码", "code", True, "430102-XK-0001"),
    Column("事项名称", "name", True, "食品经营许可"),
    Column("事项类型", "kind", True, "行政许可"),
    Column("行使层级", "level", True, "区级"),
    Column("主题分类", "category", True, "商事登记"),
    Column("设定依据", "basis", True, "《中华人民共和国食品安全法》第三十五条"),
    Column("上报部门", "reported_by", True, "区市场监管局"),
    Column("沿用目录层级", "adopted_level", False, "省级"),
    Column("沿用目录编码", "adopted_from", False, "HN-430000-XK-0123"),
    Column("实施主体", "org", False, "区行政审批服务局"),
    Column("法定时限（工作日）", "statutory_days", False, "20"),
    Column("承诺时限（工作日）", "promised_days", False, "5"),
    Column("即办件", "on_the_spot", False, "否"),
    Column("告知承诺制", "commitment", False, "否"),
    Column("收费标准（元）", "fee", False, "0"),
    Column("申请材料", "materials", False, "申请书、营业执照复印件"),
    Column("生效日期", "on", True, "2019-01-02"),
)
EXPORT_HEADERS = [c.header for c in COLUMNS]
YES, NO = "是", "否"


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
    rows: int = 0
    created: list[Any] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


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


def read(data: bytes) -> list[tuple[int, dict[str, str]]]:
    """The rows of an uploaded catalogue, read by the kernel's guarded reader (a child
    process with a memory cap, after a bounded pre-pass: no file can take the server down)."""
    from fazhi.core.dataexchange.reader import FileRefused, SheetReader

    try:
        with SheetReader(data) as sheet:
            numbered = list(sheet)
    except FileRefused as exc:
        raise ImportFileError(str(exc)) from exc
    grid = [cells for _n, cells in numbered]
    if not grid:
        raise ImportFileError(_("文件是空的。"))
    headers = [_text(h).rstrip("*＊ ").strip() for h in grid[0]]
    index = {h: i for i, h in enumerate(headers) if h}
    missing = [c.header for c in COLUMNS if c.required and c.header not in index]
    if missing:
        raise ImportFileError(_("第1行缺少这些列：%(c)s。") % {"c": "、".join(missing)})
    rows = []
    for n, raw in numbered[1:]:
        values = {
            c.key: _text(raw[index[c.header]])
            if c.header in index and index[c.header] < len(raw)
            else ""
            for c in COLUMNS
        }
        if any(values.values()):
            rows.append((n, values))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("一次最多导入%(n)d行。") % {"n": MAX_ROWS})
    return rows


def _choice(choices, text: str) -> str:
    for value, label in choices:
        if text in (value, str(label)):
            return value
    raise ValueError(
        _("“%(t)s”不是可选值（%(c)s）。")
        % {"t": text, "c": " / ".join(str(lbl) for _v, lbl in choices)}
    )


def _org(actor: Actor, text: str) -> Organisation:
    qs = (
        scoping.scope(actor, Organisation)
        if isinstance(actor, User)
        else Organisation.objects.all()
    )
    found = qs.filter(Q(name=text) | Q(short_name=text)).first()
    if found is None:
        raise ValueError(_("“%(t)s”不存在或不在您的数据范围内。") % {"t": text})
    return found


def _build(actor: Actor, v: dict[str, str]) -> tuple[dict, dict | None, dict[str, str]]:
    """A row's checked values as the kwargs of ``item_save`` and ``entry_save``."""
    errors: dict[str, str] = {}
    item: dict[str, Any] = {"code": v["code"], "name": v["name"], "basis": v["basis"]}

    def parse(key, fn):
        try:
            return fn(v[key])
        except (ValueError, InvalidOperation) as exc:
            errors[key] = str(exc) or _("格式不正确。")
            return None

    item["kind"] = parse("kind", lambda t: _choice(ItemKind.choices, t))
    item["level"] = parse("level", lambda t: _choice(Level.choices, t))
    item["category"] = parse("category", lambda t: _choice(Category.choices, t))
    item["reported_by"] = parse("reported_by", lambda t: _org(actor, t))
    item["adopted_level"] = parse("adopted_level", lambda t: _choice(Level.choices, t) if t else "")
    item["adopted_from"] = v["adopted_from"]
    item["on"] = parse("on", dt.date.fromisoformat)
    item["materials"] = [
        {"name": m.strip(), "kind": MaterialKind.ORIGINAL}
        for m in v["materials"].split("、")
        if m.strip()
    ]
    entry = None
    if v["org"]:
        entry = {
            "org": parse("org", lambda t: _org(actor, t)),
            "statutory_days": parse("statutory_days", int),
            "promised_days": parse("promised_days", lambda t: Decimal(t or "0")),
            "on_the_spot": v["on_the_spot"] == YES,
            "commitment": v["commitment"] == YES,
            "fee": parse("fee", lambda t: Decimal(t or "0")),
        }
    return item, entry, errors


def catalogue_import(*, actor: Actor, data: bytes, filename: str = "事项目录.xlsx") -> ImportResult:
    """Import the catalogue (all rows or nothing; see the module docstring)."""
    scoping.require_role(
        actor, Role.CLERK, Role.LEADER, message=_("只有部门工作人员可以导入事项目录。")
    )
    rows = read(data)
    result = ImportResult(rows=len(rows))
    header = {c.key: c.header for c in COLUMNS}
    with transaction.atomic():
        seen: dict[str, int] = {}
        for n, v in rows:
            if v["code"] in seen:
                result.errors.append(
                    RowError(
                        n, header["code"], _("与第%(r)d行的事项编码重复。") % {"r": seen[v["code"]]}
                    )
                )
                continue
            seen[v["code"]] = n
            item_kw, entry_kw, problems = _build(actor, v)
            if problems:
                result.errors += [RowError(n, header[k], m) for k, m in problems.items()]
                continue
            try:
                with transaction.atomic():
                    item = catalogue.item_save(actor=actor, **item_kw)
                    if entry_kw:
                        catalogue.entry_save(actor=actor, item=item, on=item_kw["on"], **entry_kw)
                result.created.append(item)
            except (ValidationError, PermissionDenied) as exc:
                for m in getattr(exc, "messages", [str(exc)]):
                    result.errors.append(RowError(n, "", m))
        if result.errors:
            transaction.set_rollback(True)
            result.created = []
            return result
        att = attachments.store(actor=actor, source=data, name=filename, note=_("事项目录导入"))
        ledger.record(
            actor=actor,
            action=actions.CATALOGUE_IMPORT,
            data={"rows": len(rows), "file": filename},
            attachments=[att.sha256],
        )
    return result


def export_rows(qs) -> list[list[str]]:
    """The items as rows of ``COLUMNS`` (the first filed entry on the row)."""
    out = []
    for item in qs.select_related("reported_by").prefetch_related("materials", "entries__org"):
        e = next((x for x in item.entries.all() if x.status == EntryStatus.FILED), None)
        mats = "、".join(m.name for m in item.materials.all() if not m.cut)
        first = item.versions.order_by("number").first()
        out.append(
            [
                item.code,
                item.name,
                item.get_kind_display(),
                item.get_level_display(),
                item.get_category_display(),
                item.basis,
                item.reported_by.short_name or item.reported_by.name,
                item.get_adopted_level_display() if item.adopted_level else "",
                item.adopted_from,
                (e.org.short_name or e.org.name) if e else "",
                str(e.statutory_days) if e else "",
                format(e.promised_days.normalize(), "f") if e else "",
                (YES if e.on_the_spot else NO) if e else "",
                (YES if e.commitment else NO) if e else "",
                format(e.fee.normalize(), "f") if e else "",
                mats,
                (first.valid_from if first else item.catalogued_on).isoformat(),
            ]
        )
    return out


def xlsx(rows: list[list[str]]) -> bytes:
    from fazhi.core.dataexchange import writer

    return writer.xlsx(EXPORT_HEADERS, rows)
