"""数字城管: grid cells, problem categories, filing a problem report and 督办 of overdue
reports — every write, and the few reads the pages and the API share.

A report (``GridReport``, a kernel matter) is filed against a grid cell and a category and is
owned first by the cell's responsible unit. Its workflow — dispatch, send back for
re-dispatch, handle, verify — is in ``grid_flow``. An overdue report can be 督办'd: a kernel
supervision task with its own rectification period (rule CG-5), recorded on the report's
own timeline too.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, BinaryIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import IntegerField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import (
    attachments,
    clock,
    clocks,
    cryptofield,
    ledger,
    numbering,
    redaction,
    rules,
    scoping,
    supervision,
    unique,
)
from fazhi.core.actions import register
from fazhi.core.ledger import Actor
from fazhi.core.models import (
    Clock,
    DataScope,
    Organisation,
    Role,
    SupervisionTask,
    User,
)
from fazhi.core.states import TASK_CLOSED

from .. import actions, grid_categories
from ..models import (
    GridCategory,
    GridCategoryKind,
    GridCell,
    GridLevel,
    GridReport,
    GridStatus,
    ReporterKind,
)

G = GridStatus

GRID_CATEGORY = register("enf.grid.category", gettext_lazy("保存城管问题类别"))
GRID_SUPERVISE = register("enf.grid.supervise", gettext_lazy("超期案卷督办"))

SUBJECT_TYPE = "enforcement.gridreport"
SUPERVISION_RULE = "CG-5"  # the rectification period of a 督办 task (local ⚠ configuration)
NUMBER_KIND = "grid-report"
NUMBER_PREFIX = "SZCG"
NUMBER_PATTERN = "{prefix}-{year}-{n}"  # zero padding: see the report (kernel __str__)
PHOTO_TYPES = (".jpg", ".jpeg", ".png")
FILING_ROLES = (Role.CLERK, Role.OFFICER, Role.LEADER, Role.SUPERVISOR)


# ---------------------------------------------------------------- categories and cells


def _category_admin(actor: Actor) -> None:
    """The category code table is the district's: any administrator keeps it."""
    scoping.require_admin(actor, message=_("只有系统管理员可以维护城管问题类别。"))


def category_save(
    *,
    actor: Actor,
    code: str,
    kind: str,
    major: str,
    name: str,
    rule_code: str = grid_categories.DEFAULT_RULE,
    confirmed: bool = False,
) -> GridCategory:
    """新增或修改问题类别 (a code-table entry). Its handling limit is a rule of the kernel
    registry (CG-1…CG-4 are shipped for the grid) that computes a deadline today; the
    handling clock of every later dispatch runs under it."""
    _category_admin(actor)
    code, major, name, rule_code = code.strip(), major.strip(), name.strip(), rule_code.strip()
    problems: dict[str, str] = {}
    if not code:
        problems["code"] = _("请填写类别编码。")
    if kind not in GridCategoryKind.values:
        problems["kind"] = _("请选择部件或事件。")
    if not major:
        problems["major"] = _("请填写大类。")
    if not name:
        problems["name"] = _("请填写小类名称。")
    try:
        rule = rules.resolve(rule_code)
    except LookupError:
        problems["rule_code"] = _("期限规则 %(c)s 不在规则库中。") % {"c": rule_code or "—"}
    else:
        rule_code = rule.code
        try:
            v = rules.version_on(rule, clock.today())
        except LookupError:
            v = None
        if v is None or v.unit in ("NONE", "ANNUAL") or v.kind != "deadline":
            problems["rule_code"] = _(
                "期限规则 %(c)s 现在没有可计算的办理期限，不能作为处置时限。"
            ) % {"c": rule.code}
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        old = GridCategory.objects.select_for_update().filter(code=code).first()
        fields = ["kind", "major", "name", "rule_code", "confirmed"]
        before = {f: getattr(old, f) for f in fields} if old else {}
        cat, _created = GridCategory.objects.update_or_create(
            code=code,
            defaults={
                "kind": kind,
                "major": major,
                "name": name,
                "rule_code": rule_code,
                "confirmed": confirmed,
            },
        )
        after = {f: getattr(cat, f) for f in fields}
        ledger.record(
            actor=actor, action=GRID_CATEGORY, subject=cat, data=ledger.diff(before, after)
        )
    return cat


def categories_load(*, actor: Actor) -> int:
    """Load the shipped category set (``grid_categories.CATEGORIES``): adds the entries that
    are missing, never overwrites one an administrator edited. Returns how many were added."""
    _category_admin(actor)
    added = 0
    with transaction.atomic():
        have = set(GridCategory.objects.values_list("code", flat=True))
        for spec in grid_categories.CATEGORIES:
            if spec.code in have:
                continue
            GridCategory.objects.create(
                code=spec.code,
                kind=spec.kind,
                major=spec.major,
                name=spec.name,
                rule_code=spec.rule_code,
                confirmed=spec.confirmed,
            )
            added += 1
        if added:
            ledger.record(
                actor=actor,
                action=GRID_CATEGORY,
                data={"loaded": added, "source": grid_categories.SOURCE},
            )
    return added


_PARENT_LEVEL = {GridLevel.STREET: GridLevel.DISTRICT, GridLevel.COMMUNITY: GridLevel.STREET}


def cell_save(
    *,
    actor: Actor,
    code: str,
    name: str,
    level: str,
    org: Organisation,
    parent: GridCell | None = None,
    cell: GridCell | None = None,
) -> GridCell:
    """新增或修改网格. Three levels: a district cell has no parent, a street cell sits in a
    district cell, a community cell in a street cell. The responsible unit must be active and
    the actor must be an administrator or the leader of that unit (or above it)."""
    scoping.require_role(
        actor,
        Role.ADMIN,
        Role.LEADER,
        org=org,
        message=_("只有系统管理员或责任单位负责人可以维护网格。"),
    )
    code, name = code.strip(), name.strip()
    problems: dict[str, str] = {}
    if not code:
        problems["code"] = _("请填写网格编码。")
    elif not all(ch.isalnum() or ch in "-_" for ch in code):
        problems["code"] = _("网格编码只能由字母、数字、“-”和“_”组成。")
    if not name:
        problems["name"] = _("请填写网格名称。")
    if level not in GridLevel.values:
        problems["level"] = _("请选择网格层级（区级、街道级、社区级）。")
    elif level == GridLevel.DISTRICT and parent is not None:
        problems["parent"] = _("区级网格没有上级网格。")
    elif level != GridLevel.DISTRICT:
        want = _PARENT_LEVEL[GridLevel(level)]
        if parent is None or parent.level != want:
            problems["parent"] = _("%(l)s网格的上级应为%(p)s网格。") % {
                "l": GridLevel(level).label,
                "p": GridLevel(want).label,
            }
    if cell is not None and parent is not None and parent.pk == cell.pk:
        problems["parent"] = _("网格不能以自己为上级。")
    if not org.is_active:
        problems["org"] = _("责任单位已停用：%(o)s") % {"o": org.name}
    if problems:
        raise ValidationError(problems)
    fields = ["code", "name", "level", "parent_id", "org_id"]
    taken = {"code": _("网格编码已存在：%(c)s") % {"c": code}}
    with unique.conflict_as(taken):  # the same code saved twice at once
        clash = GridCell.objects.filter(code=code)
        if cell is not None:
            clash = clash.exclude(pk=cell.pk)
        if clash.exists():
            raise ValidationError(taken)
        if cell is None:
            obj, before = GridCell(), {}
        else:
            obj = GridCell.objects.select_for_update().get(pk=cell.pk)
            before = {f: getattr(obj, f) for f in fields}
        obj.code, obj.name, obj.level, obj.parent, obj.org = code, name, level, parent, org
        obj.save()
        ledger.record(
            actor=actor,
            action=actions.GRID_CELL,
            subject=obj,
            data=ledger.diff(before, {f: getattr(obj, f) for f in fields}),
        )
    return obj


# ---------------------------------------------------------------- reports


def can_file(actor: Actor, cell: GridCell) -> bool:
    """Staff may file in a cell when one of their roles covers the cell's unit (as every
    write: ``scoping.has_role``), or their unit lies inside it (a community's grid officer
    files in the street's cells)."""
    if not isinstance(actor, User) or scoping.has_role(actor, *FILING_ROLES, org=cell.org):
        return True
    return any(
        m.org.path.startswith(cell.org.path) for m in scoping.memberships(actor, FILING_ROLES)
    )


def _require_filer(actor: Actor, cell: GridCell | None) -> None:
    if cell is not None and not can_file(actor, cell):
        raise PermissionDenied(_("您在该网格所属单位没有岗位角色，不能在此上报。"))


def _decimal(value: Any, what: str, low: int, high: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        d = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({what: _("坐标不是数字：%(v)s") % {"v": value}}) from exc
    if not low <= d <= high:
        raise ValidationError({what: _("坐标超出范围：%(v)s") % {"v": value}})
    return d


def _root_org(org: Organisation) -> Organisation:
    root_id = int(org.path.strip("/").split("/")[0])
    return org if root_id == org.pk else Organisation.objects.get(pk=root_id)


def report_file(
    *,
    actor: Actor,
    cell: GridCell | None,
    category: GridCategory | None,
    location: str,
    description: str,
    reporter_kind: str = ReporterKind.GRID_OFFICER,
    received_on: dt.date | None = None,
    longitude: Any = None,
    latitude: Any = None,
    photo: BinaryIO | bytes | None = None,
    photo_name: str = "",
    reporter_name: str = "",
    reporter_phone: str = "",
    external_ref: str = "",
) -> GridReport:
    """上报 a problem: validate everything first (nothing is written on bad input), then
    create the report with its running number (SZCG-YYYY-N, gapless per district and
    year), keep the photo as an attachment and record the event. The report is owned by the
    cell's responsible unit until it is dispatched; the filing account is kept as the
    reporter, who may verify the work later (``states.grid_verifier_problem``).

    The reporter's name and phone and another system's reference have no column on the
    model yet; they are kept in the filing event's data."""
    _require_filer(actor, cell)
    location, description = (location or "").strip(), (description or "").strip()
    problems: dict[str, str] = {}
    if category is None:
        problems["category"] = _("请选择问题类别（部件或事件的小类）。")
    if cell is None:
        problems["cell"] = _("请选择问题所在的网格。")
    if not location:
        problems["location"] = _("请填写问题位置（地址或参照物）。")
    if not description:
        problems["description"] = _("请填写问题描述。")
    if reporter_kind not in ReporterKind.values:
        problems["reporter_kind"] = _("上报人类型不正确。")
    received_on = received_on or clock.today()
    if received_on > clock.today():
        problems["received_on"] = _("上报日期不能晚于今天。")
    if photo is not None and Path(photo_name or "").suffix.lower() not in PHOTO_TYPES:
        problems["photo"] = _("照片须为 JPG 或 PNG 图片。")
    if problems:
        raise ValidationError(problems)
    lon = _decimal(longitude, "longitude", -180, 180)
    lat = _decimal(latitude, "latitude", -90, 90)
    with transaction.atomic():
        report = GridReport.objects.create(
            org=cell.org,
            title=(f"{category.name}：{location}")[:300],
            status=G.REPORTED,
            received_on=received_on,
            cell=cell,
            category=category,
            location=location[:200],
            longitude=lon,
            latitude=lat,
            description=description,
            reporter_kind=reporter_kind,
            reported_by=actor if isinstance(actor, User) else None,
        )
        series = numbering.series_get_or_create(
            actor=actor,
            org=_root_org(cell.org),
            kind=NUMBER_KIND,
            year=received_on.year,
            prefix=NUMBER_PREFIX,
            pattern=NUMBER_PATTERN,
        )
        report.number = numbering.issue(actor=actor, series=series, subject=report).text
        hashes: list[str] = []
        if photo is not None:
            att = attachments.store(
                actor=actor, source=photo, name=photo_name, subject=report, note=_("现场照片")
            )
            report.photo = att
            hashes.append(att.sha256)
        report.save(update_fields=["number", "photo"])
        phone = reporter_phone.strip()
        ledger.record(
            actor=actor,
            action=actions.GRID_REPORT,
            subject=report,
            data={
                "cell": cell.code,
                "category": category.code,
                "location": report.location,
                "reporter_kind": reporter_kind,
                "reporter_name": reporter_name.strip(),
                # The phone is kept only here, and the ledger is never rewritten and in
                # every dump: masked for reading, the full number encrypted (field key).
                "reporter_phone": redaction.mask_phone(phone) if phone else "",
                "reporter_phone_enc": cryptofield.encrypt(phone) if phone else "",
                "external_ref": external_ref.strip(),
            },
            attachments=hashes,
        )
    return report


def open_clock(report: GridReport) -> Clock | None:
    return clocks.for_subject(report).filter(stopped_on__isnull=True).order_by("-id").first()


def open_task(report: GridReport) -> SupervisionTask | None:
    return (
        SupervisionTask.objects.filter(source="grid", source_ref=report.number)
        .exclude(status__in=TASK_CLOSED)
        .order_by("-id")
        .first()
    )


def report_supervise(
    *,
    actor: Actor,
    report: GridReport,
    rule_code: str = SUPERVISION_RULE,
    on: dt.date | None = None,
) -> SupervisionTask:
    """督办 an overdue report: a supervision task to its responsible unit (source "grid",
    source_ref the report's number), recorded on the report's timeline too. Refused when the
    report is not overdue or already has a task under way."""
    scoping.require_role(
        actor, Role.SUPERVISOR, obj=report, message=_("只有监督人员可以督办超期案卷。")
    )
    today = on or clock.today()
    with transaction.atomic():
        r = (
            GridReport.objects.select_for_update()
            .select_related("org", "category")
            .get(pk=report.pk)
        )
        c = open_clock(r)
        if r.status in GridReport.CLOSED_STATUSES or c is None:
            raise ValidationError(_("该案卷尚未派遣或已经结案，不能督办。"))
        if clocks.card(c, today).status != "red":
            raise ValidationError(
                _("该案卷未超期（处置时限至 %(d)s），无需督办。")
                % {"d": c.due_on.isoformat() if c.due_on else "—"}
            )
        existing = open_task(r)
        if existing is not None:
            raise ValidationError(_("该案卷已有督办任务 %(n)s 正在办理。") % {"n": existing.number})
        task = supervision.task_create(
            actor=actor,
            org=r.org,
            title=_("超期督办：%(n)s %(t)s") % {"n": r.number, "t": r.title},
            description=_(
                "数字城管案卷 %(n)s（%(c)s，位置：%(l)s）处置时限已于 %(d)s 届满，"
                "至今未处置完毕。请立即处置并报送整改情况。"
            )
            % {
                "n": r.number,
                "c": r.category.name,
                "l": r.location,
                "d": c.due_on.isoformat() if c.due_on else "—",
            },
            source="grid",
            source_ref=r.number,
            rule_code=rule_code,
            received_on=today,
        )
        ledger.record(
            actor=actor,
            action=GRID_SUPERVISE,
            subject=r,
            data={"task": task.number, "task_id": task.pk, "due": c.due_on, "on": today},
        )
    return task


def overdue_ids(today: dt.date) -> QuerySet:
    """Ids of reports whose handling clock ran out before ``today``, as a subquery (a
    clock names its matter by a string id; the cast lets the database do the join)."""
    return (
        Clock.objects.filter(
            subject_type=SUBJECT_TYPE, stopped_on__isnull=True, paused=False, due_on__lt=today
        )
        .annotate(report_id=Cast("subject_id", IntegerField()))
        .values("report_id")
    )


def supervise_overdue(*, actor: Actor, on: dt.date | None = None) -> list[SupervisionTask]:
    """批量督办: every overdue report the actor can see that has no task under way. One act:
    all tasks are raised or none."""
    scoping.require_role(actor, Role.SUPERVISOR, message=_("只有监督人员可以督办超期案卷。"))
    today = on or clock.today()
    busy = set(
        SupervisionTask.objects.filter(source="grid")
        .exclude(status__in=TASK_CLOSED)
        .values_list("source_ref", flat=True)
    )
    visible = (
        scoping.scope(actor, GridReport) if isinstance(actor, User) else GridReport.objects.all()
    )
    targets = [
        r for r in visible.filter(pk__in=overdue_ids(today)).order_by("pk") if r.number not in busy
    ]
    with transaction.atomic():
        return [report_supervise(actor=actor, report=r, on=today) for r in targets]


def reports(user: Any) -> QuerySet[GridReport]:
    """The reports ``user`` may see, with what the lists show."""
    return scoping.scope(user, GridReport).select_related("cell", "category", "org")


def cells(user: Any) -> QuerySet[GridCell]:
    return scoping.scope(user, GridCell).select_related("org", "parent")


def fileable_cells(user: Any) -> QuerySet[GridCell]:
    """The cells ``user`` may file a report in (see ``can_file``), for the form's choices."""
    ms = scoping.memberships(user, FILING_ROLES)
    if any(m.data_scope == DataScope.ALL for m in ms):
        return GridCell.objects.select_related("org")
    cond = Q(pk__in=[])
    for m in ms:
        above = [int(p) for p in m.org.path.strip("/").split("/") if p]  # the unit and above
        if m.data_scope == DataScope.SUBTREE:
            cond |= Q(org__path__startswith=m.org.path)
        cond |= Q(org_id__in=above)
    return GridCell.objects.filter(cond).select_related("org")
