"""Every write on the catalogue: office hours, windows and their merging (一窗通办), items and
their versions, disputes, the implementation list, material slimming, the proof-item
register, transfers to the approval bureau, delegation to streets and parks, packages.

Each function checks the actor's role first (``require_role``), validates, writes in one
transaction and appends its ledger event. An item's every change is kept as an
``ItemVersion`` whose elements include its materials and implementation entries, so the
version in force on any date can be shown (``queries.item_on``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from pypinyin import Style, lazy_pinyin

from fazhi.core import dates, ledger
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, OrgKind, Role, User
from fazhi.core.scoping import require_role

from .. import actions, rules
from ..models import (
    CutMethod,
    Delegation,
    DisputeOutcome,
    EntryStatus,
    ImplementationEntry,
    Item,
    ItemDispute,
    ItemKind,
    ItemMaterial,
    ItemStatus,
    ItemVersion,
    Level,
    MaterialCut,
    MaterialKind,
    OfficeHours,
    Package,
    PackageKind,
    ProofItem,
    ProofStatus,
    ServiceBody,
    Transfer,
    Window,
    WindowKind,
)
from ..worktime import Hours

CLERK, LEADER, ADMIN, SUPERVISOR = Role.CLERK, Role.LEADER, Role.ADMIN, Role.SUPERVISOR


def initials(name: str) -> str:
    """Pinyin initials for search (企业设立登记 → qysldj)."""
    return "".join(p[0] for p in lazy_pinyin(name, style=Style.FIRST_LETTER) if p)[:200]


def actor_name(actor: Actor) -> str:
    return actor.display_name if isinstance(actor, User) else actor.name


# -- office hours and windows ------------------------------------------------------------------


def hours_save(
    *,
    actor: Actor,
    code: str,
    name: str,
    summer: str,
    winter: str,
    summer_from: str = "05-01",
    winter_from: str = "10-01",
) -> OfficeHours:
    """作息时间 (a code table kept by administrators)."""
    require_role(actor, ADMIN, message=_("只有系统管理员可以维护作息时间。"))
    try:
        Hours.parse(summer, winter, summer_from, winter_from)
    except (ValueError, TypeError) as exc:
        raise ValidationError(
            _("作息时间格式应为“09:00-12:00,14:30-17:30”，季节起始日为“05-01”：%(e)s") % {"e": exc}
        ) from exc
    with transaction.atomic():
        obj, _created = OfficeHours.objects.update_or_create(
            code=code.strip(),
            defaults={
                "name": name.strip(),
                "summer": summer.strip(),
                "winter": winter.strip(),
                "summer_from": summer_from.strip(),
                "winter_from": winter_from.strip(),
            },
        )
        ledger.record(
            actor=actor,
            action=actions.HOURS_SAVE,
            subject=obj,
            data={"code": obj.code, "summer": obj.summer, "winter": obj.winter},
        )
    return obj


def service_body_save(
    *, actor: Actor, org: Organisation, doc_prefix: str, centralised: bool = False
) -> ServiceBody:
    """A body that handles applications: its notices' prefix, and whether it is the
    district's centralised licensing authority (相对集中行政许可权)."""
    require_role(actor, ADMIN, org=org, message=_("只有系统管理员可以设置实施机关。"))
    if not doc_prefix.strip() or len(doc_prefix.strip()) > 10:
        raise ValidationError(_("请填写文书机关代字（不超过10个字），如“芙审服”。"))
    with transaction.atomic():
        body, _created = ServiceBody.objects.update_or_create(
            org=org, defaults={"doc_prefix": doc_prefix.strip(), "centralised": centralised}
        )
        ledger.record(
            actor=actor,
            action=actions.WINDOW_SAVE,
            subject=body,
            data={"doc_prefix": body.doc_prefix, "centralised": centralised},
        )
    return body


def window_save(
    *,
    actor: Actor,
    org: Organisation,
    name: str,
    kind: str,
    hours: OfficeHours,
    opened_on: dt.date,
    department: Organisation | None = None,
    place: str = "",
    phone: str = "",
    window: Window | None = None,
) -> Window:
    require_role(actor, LEADER, ADMIN, org=org, message=_("只有本单位负责人可以设置办事窗口。"))
    if kind not in WindowKind.values:
        raise ValidationError(_("窗口类型不正确。"))
    if not name.strip():
        raise ValidationError(_("请填写窗口名称。"))
    dates.check_new(_("设立日期"), opened_on)
    with transaction.atomic():
        w = window or Window(org=org)
        w.name, w.kind, w.hours, w.opened_on = name.strip(), kind, hours, opened_on
        w.department, w.place, w.phone = department, place.strip(), phone.strip()
        w.save()
        ledger.record(
            actor=actor,
            action=actions.WINDOW_SAVE,
            subject=w,
            data={"name": w.name, "kind": kind, "hours": hours.code},
        )
    return w


def window_merge(*, actor: Actor, window: Window, into: Window, on: dt.date) -> Window:
    """一窗通办: a department window closes into a comprehensive window; its implementation
    entries move with it."""
    require_role(actor, LEADER, obj=window, message=_("只有本单位负责人可以撤并窗口。"))
    if window.closed_on is not None:
        raise ValidationError(_("%(w)s 已于 %(d)s 撤并。") % {"w": window, "d": window.closed_on})
    if into.kind != WindowKind.COMPREHENSIVE or into.closed_on is not None:
        raise ValidationError(_("只能并入在用的综合窗口。"))
    if into.pk == window.pk or into.org_id != window.org_id:
        raise ValidationError(_("只能并入本单位的另一个综合窗口。"))
    dates.check_new(
        _("撤并日期"),
        on,
        (_("设立日期"), window.opened_on),
        (_("综合窗口设立日期"), into.opened_on),
    )
    with transaction.atomic():
        window.closed_on, window.merged_into = on, into
        window.save(update_fields=["closed_on", "merged_into"])
        moved = list(window.entries.values_list("pk", flat=True))
        ImplementationEntry.objects.filter(pk__in=moved).update(window=into)
        ledger.record(
            actor=actor,
            action=actions.WINDOW_MERGE,
            subject=window,
            data={"into": into.name, "on": on, "entries": len(moved)},
            also=list(ImplementationEntry.objects.filter(pk__in=moved)),
        )
    return window


# -- items and their versions ------------------------------------------------------------------


def snapshot(item: Item) -> dict:
    """The elements of ``item`` as a version keeps them (materials and entries included)."""
    return {
        "code": item.code,
        "name": item.name,
        "kind": item.kind,
        "level": item.level,
        "category": item.category,
        "on_application": item.on_application,
        "basis": item.basis,
        "reported_by": item.reported_by.name,
        "adopted_level": item.adopted_level,
        "adopted_from": item.adopted_from,
        "status": item.status,
        "materials": [
            {"name": m.name, "kind": m.kind, "copies": m.copies, "required": m.required}
            for m in item.materials.filter(cut=False).order_by("sort_order", "id")
        ],
        "entries": [
            {
                "org": e.org.name,
                "window": e.window.name if e.window else "",
                "statutory_days": e.statutory_days,
                "promised_days": str(e.promised_days),
                "on_the_spot": e.on_the_spot,
                "commitment": e.commitment,
                "fee": str(e.fee),
                "fee_basis": e.fee_basis,
                "place": e.place,
                "phone": e.phone,
            }
            for e in item.entries.filter(status=EntryStatus.FILED).select_related("org", "window")
        ],
    }


def _new_version(actor: Actor, item: Item, on: dt.date, note: str) -> ItemVersion:
    last = item.versions.order_by("-number").first()
    if last is not None and on < last.valid_from:
        raise ValidationError(
            _("生效日期%(d)s早于现行版本的生效日期%(v)s。")
            % {"d": dates.fmt(on), "v": dates.fmt(last.valid_from)}
        )
    number = (last.number + 1) if last else 1
    item.version = number
    item.save(update_fields=["version"])
    return ItemVersion.objects.create(
        item=item,
        number=number,
        valid_from=on,
        elements=snapshot(item),
        note=note[:300],
        actor_name=actor_name(actor),
    )


def item_problems(
    *,
    code: str,
    name: str,
    kind: str,
    level: str,
    basis: str,
    adopted_level: str,
    adopted_from: str,
) -> dict[str, str]:
    problems = {}
    if not code.strip():
        problems["code"] = _("请填写事项编码。")
    if not name.strip():
        problems["name"] = _("请填写事项名称。")
    if kind not in ItemKind.values:
        problems["kind"] = _("事项类型不正确：%(k)s") % {"k": kind}
    if level not in Level.values:
        problems["level"] = _("行使层级不正确：%(k)s") % {"k": level}
    if not basis.strip():
        problems["basis"] = _("请填写设定依据。")
    if bool(adopted_level) != bool(adopted_from.strip()):
        problems["adopted_from"] = _("沿用国家或省级目录的，须同时填写目录层级和目录编码。")
    if adopted_level and adopted_level not in (Level.NATIONAL, Level.PROVINCIAL):
        problems["adopted_level"] = _("只能沿用国家级或省级目录。")
    return problems


def item_save(
    *,
    actor: Actor,
    code: str,
    name: str,
    kind: str,
    level: str,
    category: str,
    basis: str,
    reported_by: Organisation,
    on: dt.date,
    adopted_level: str = "",
    adopted_from: str = "",
    on_application: bool = True,
    status: str = ItemStatus.IN_FORCE,
    materials: list[dict] | None = None,
    note: str = "",
    item: Item | None = None,
) -> Item:
    """Report (or change) an item with its standard elements; ``materials`` (name, kind,
    copies, required) replaces the list of a new item only — later changes to materials go
    through ``material_add`` and ``material_cut`` so each cut keeps its record."""
    require_role(
        actor, CLERK, LEADER, org=reported_by, message=_("只有上报部门的工作人员可以维护该事项。")
    )
    problems = item_problems(
        code=code,
        name=name,
        kind=kind,
        level=level,
        basis=basis,
        adopted_level=adopted_level,
        adopted_from=adopted_from,
    )
    if status not in ItemStatus.values:
        problems["status"] = _("状态不正确。")
    if item is None and Item.objects.filter(code=code.strip()).exists():
        problems["code"] = _("事项编码 %(c)s 已存在。") % {"c": code.strip()}
    msg = dates.not_future(_("生效日期"), on)
    if msg:
        problems["on"] = msg
    if problems:
        raise ValidationError(list(problems.values()))
    with transaction.atomic():
        creating = item is None
        obj = item or Item(catalogued_on=on)
        obj.code, obj.name, obj.kind, obj.level = code.strip(), name.strip(), kind, level
        obj.category, obj.basis, obj.reported_by = category, basis.strip(), reported_by
        obj.adopted_level, obj.adopted_from = adopted_level, adopted_from.strip()
        obj.on_application, obj.status, obj.pinyin = on_application, status, initials(name)
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError as exc:
            raise ValidationError(_("事项编码 %(c)s 已存在。") % {"c": obj.code}) from exc
        if creating:
            for i, m in enumerate(materials or []):
                _material(obj, m, i)
        _new_version(actor, obj, on, note or (_("新增事项") if creating else _("修改事项")))
        ledger.record(
            actor=actor,
            action=actions.ITEM_SAVE,
            subject=obj,
            data={"created": creating, "on": on, "note": note},
        )
    return obj


def _material(item: Item, m: dict, order: int) -> ItemMaterial:
    kind = m.get("kind", MaterialKind.ORIGINAL)
    if kind not in MaterialKind.values or not str(m.get("name", "")).strip():
        raise ValidationError(_("申请材料须有名称和类型：%(m)s") % {"m": m})
    return ItemMaterial.objects.create(
        item=item,
        name=str(m["name"]).strip(),
        kind=kind,
        copies=int(m.get("copies", 1)),
        required=bool(m.get("required", True)),
        sort_order=order,
    )


def material_add(
    *, actor: Actor, item: Item, name: str, kind: str, on: dt.date, copies: int = 1
) -> ItemMaterial:
    require_role(
        actor, CLERK, LEADER, obj=item, message=_("只有上报部门的工作人员可以维护该事项。")
    )
    dates.check_new(_("生效日期"), on)
    with transaction.atomic():
        m = _material(item, {"name": name, "kind": kind, "copies": copies}, item.materials.count())
        _new_version(actor, item, on, _("增加材料：%(m)s") % {"m": m.name})
        ledger.record(
            actor=actor, action=actions.ITEM_SAVE, subject=item, data={"material": m.name, "on": on}
        )
    return m


def material_cut(
    *,
    actor: Actor,
    material: ItemMaterial,
    method: str,
    basis: str,
    on: dt.date,
    merged_into: ItemMaterial | None = None,
) -> MaterialCut:
    """精减: the material leaves the item's list, with how, the basis and the date."""
    item = material.item
    require_role(actor, CLERK, LEADER, obj=item, message=_("只有上报部门的工作人员可以精减材料。"))
    if method not in CutMethod.values:
        raise ValidationError(_("请选择精减方式。"))
    if not basis.strip():
        raise ValidationError(_("请写明精减依据。"))
    if method == CutMethod.MERGED and (merged_into is None or merged_into.item_id != item.pk):
        raise ValidationError(_("合并的材料须并入本事项的另一份材料。"))
    dates.check_new(_("精减日期"), on, (_("事项梳理日期"), item.catalogued_on))
    with transaction.atomic():
        m = ItemMaterial.objects.select_for_update().get(pk=material.pk)
        if m.cut:
            raise ValidationError(_("材料“%(m)s”已经精减。") % {"m": m.name})
        m.cut = True
        m.save(update_fields=["cut"])
        rec = MaterialCut.objects.create(
            material=m, method=method, basis=basis.strip(), cut_on=on, merged_into=merged_into
        )
        _new_version(actor, item, on, _("精减材料：%(m)s") % {"m": m.name})
        ledger.record(
            actor=actor,
            action=actions.MATERIAL_CUT,
            subject=item,
            data={"material": m.name, "proof": m.is_proof, "method": method, "on": on},
            also=[rec],
        )
    return rec


def dispute_raise(
    *, actor: Actor, item: Item, raised_by: Organisation, on: dt.date, question: str
) -> ItemDispute:
    """有异议事项: a body disputes an item (whose it is, whether it exists, its elements)."""
    require_role(
        actor, CLERK, LEADER, org=raised_by, message=_("只有提出单位的工作人员可以登记异议。")
    )
    if not question.strip():
        raise ValidationError(_("请写明异议内容。"))
    dates.check_new(_("提出日期"), on, (_("事项梳理日期"), item.catalogued_on))
    with transaction.atomic():
        d = ItemDispute.objects.create(
            item=item, raised_by=raised_by, raised_on=on, question=question.strip()
        )
        ledger.record(
            actor=actor,
            action=actions.ITEM_DISPUTE,
            subject=item,
            data={"raised_by": raised_by.name, "on": on, "question": d.question},
            also=[d],
        )
    return d


def dispute_decide(
    *,
    actor: Actor,
    dispute: ItemDispute,
    outcome: str,
    decision: str,
    decided_by: str,
    on: dt.date,
) -> ItemDispute:
    require_role(
        actor, LEADER, SUPERVISOR, obj=dispute.item, message=_("只有负责人可以处理事项异议。")
    )
    if outcome not in DisputeOutcome.values or not decision.strip() or not decided_by.strip():
        raise ValidationError(_("请填写决定机关、处理结果和处理意见。"))
    if dispute.decided_on is not None:
        raise ValidationError(_("该异议已于 %(d)s 处理。") % {"d": dispute.decided_on})
    dates.check_new(_("决定日期"), on, (_("提出日期"), dispute.raised_on))
    with transaction.atomic():
        dispute.outcome, dispute.decision = outcome, decision.strip()
        dispute.decided_by, dispute.decided_on = decided_by.strip(), on
        dispute.save()
        ledger.record(
            actor=actor,
            action=actions.ITEM_DISPUTE_DECIDE,
            subject=dispute.item,
            data={"outcome": outcome, "decided_by": dispute.decided_by, "on": on},
            also=[dispute],
        )
    return dispute


# -- the implementation list -------------------------------------------------------------------


def _decimal(value, what: str) -> Decimal:
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(_("%(w)s应为数字：%(v)s") % {"w": what, "v": value}) from exc


def entry_problems(
    *, statutory_days, promised_days, on_the_spot: bool, commitment: bool, commitment_text: str, on
) -> list[str]:
    problems = []
    ceiling = rules.statutory_ceiling(on)
    if statutory_days is None or not 0 <= int(statutory_days) <= ceiling:
        problems.append(
            _(
                "法定时限应为0至%(c)d个工作日（行政许可法第四十二条）；其他法律规定的期限须先登记在期限规则中。"
            )
            % {"c": ceiling}
        )
    else:
        msg = rules.promise_problem(int(statutory_days), promised_days, on_the_spot)
        if msg:
            problems.append(msg)
    if commitment and not commitment_text.strip():
        problems.append(_("实行告知承诺制的事项须有承诺书内容。"))
    return problems


def entry_save(
    *,
    actor: Actor,
    item: Item,
    org: Organisation,
    on: dt.date,
    statutory_days: int,
    promised_days,
    window: Window | None = None,
    on_the_spot: bool = False,
    commitment: bool = False,
    commitment_text: str = "",
    post_check_days: int = 0,
    fee=0,
    fee_basis: str = "",
    procedure: str = "",
    place: str = "",
    phone: str = "",
) -> ImplementationEntry:
    """填报实施清单 for ``org``: the promise may not exceed the statutory limit."""
    require_role(
        actor, CLERK, LEADER, org=org, message=_("只有实施主体的工作人员可以填报实施清单。")
    )
    promised = _decimal(promised_days, _("承诺时限"))
    fee_value = _decimal(fee, _("收费标准"))
    msg = dates.not_future(_("填报日期"), on)
    problems = [msg] if msg else []
    problems += entry_problems(
        statutory_days=statutory_days,
        promised_days=promised,
        on_the_spot=on_the_spot,
        commitment=commitment,
        commitment_text=commitment_text,
        on=on,
    )
    if window is not None and (window.org_id != org.pk or window.closed_on is not None):
        problems.append(_("受理窗口须是实施主体在用的窗口。"))
    if fee_value < 0:
        problems.append(_("收费标准不能为负数。"))
    if commitment and post_check_days <= 0:
        problems.append(_("实行告知承诺制的事项须规定事后核查期限。"))
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        entry, created = ImplementationEntry.objects.get_or_create(
            item=item,
            org=org,
            defaults={"statutory_days": statutory_days, "promised_days": promised, "filed_on": on},
        )
        entry.window, entry.statutory_days, entry.promised_days = window, statutory_days, promised
        entry.on_the_spot, entry.commitment = on_the_spot, commitment
        entry.commitment_text, entry.post_check_days = commitment_text.strip(), post_check_days
        entry.fee, entry.fee_basis, entry.procedure = fee_value, fee_basis.strip(), procedure
        entry.place, entry.phone, entry.status = place.strip(), phone.strip(), EntryStatus.FILED
        entry.save()
        _new_version(actor, item, on, _("填报实施清单：%(o)s") % {"o": org.label})
        ledger.record(
            actor=actor,
            action=actions.ENTRY_SAVE,
            subject=item,
            data={"org": org.name, "created": created, "on": on},
            also=[entry],
        )
    return entry


# -- proofs, transfers, delegation, packages ---------------------------------------------------


def proof_decide(
    *,
    actor: Actor,
    name: str,
    issuer: str,
    demanded_by: Organisation,
    used_for: str,
    status: str,
    basis: str,
    on: dt.date,
) -> ProofItem:
    """证明事项清理: a proof is kept, cancelled or replaced by the applicant's commitment."""
    require_role(
        actor, LEADER, org=demanded_by, message=_("只有索要部门的负责人可以决定证明事项的清理。")
    )
    if status not in ProofStatus.values:
        raise ValidationError(_("清理结果不正确。"))
    if not name.strip() or not basis.strip():
        raise ValidationError(_("请填写证明名称和清理依据。"))
    dates.check_new(_("决定日期"), on)
    with transaction.atomic():
        p = ProofItem.objects.create(
            name=name.strip(),
            issuer=issuer.strip(),
            demanded_by=demanded_by,
            used_for=used_for.strip(),
            status=status,
            basis=basis.strip(),
            decided_on=on,
        )
        ledger.record(
            actor=actor,
            action=actions.PROOF_DECIDE,
            subject=p,
            data={"status": status, "on": on, "basis": p.basis},
        )
    return p


def transfer_record(
    *,
    actor: Actor,
    item: Item,
    from_org: Organisation,
    to_org: Organisation,
    on: dt.date,
    basis: str,
) -> Transfer:
    """划转: the approval bureau takes over an item (相对集中行政许可权); the department's
    implementation entry moves with it."""
    require_role(actor, LEADER, org=to_org, message=_("只有划入机关的负责人可以登记事项划转。"))
    if from_org.pk == to_org.pk:
        raise ValidationError(_("原实施部门与划入机关相同。"))
    if not basis.strip():
        raise ValidationError(_("请写明划转依据。"))
    dates.check_new(_("划转日期"), on, (_("事项梳理日期"), item.catalogued_on))
    with transaction.atomic():
        t = Transfer.objects.create(
            item=item, from_org=from_org, to_org=to_org, moved_on=on, basis=basis.strip()
        )
        entries = list(ImplementationEntry.objects.filter(item=item, org=from_org))
        for e in entries:
            if ImplementationEntry.objects.filter(item=item, org=to_org).exists():
                e.status = EntryStatus.WITHDRAWN
            else:
                e.org, e.window = to_org, None
            e.save()
        _new_version(actor, item, on, _("划转至%(o)s") % {"o": to_org.label})
        ledger.record(
            actor=actor,
            action=actions.TRANSFER,
            subject=item,
            data={"from": from_org.name, "to": to_org.name, "on": on},
            also=[t, *entries],
        )
    return t


def delegate(
    *, actor: Actor, item: Item, to_org: Organisation, on: dt.date, new_days, basis: str
) -> Delegation:
    """下放 to a street or park: the original limit is the item's promise at the body that
    delegates it; the new one may not be longer."""
    entry = item.entries.filter(status=EntryStatus.FILED).select_related("org").first()
    if entry is None:
        raise ValidationError(_("该事项尚未填报实施清单，不能下放。"))
    require_role(actor, LEADER, obj=entry, message=_("只有实施主体的负责人可以下放事项。"))
    if to_org.kind not in (OrgKind.STREET, OrgKind.PARK):
        raise ValidationError(_("事项只能下放至街道或园区。"))
    new = _decimal(new_days, _("下放后时限"))
    original = entry.promised_days or Decimal(entry.statutory_days)
    if new < 0 or new > original:
        raise ValidationError(
            _("下放后时限（%(n)s个工作日）不能长于原办理时限（%(o)s个工作日）。")
            % {"n": new, "o": original}
        )
    if not basis.strip():
        raise ValidationError(_("请写明下放依据。"))
    dates.check_new(_("下放日期"), on, (_("事项梳理日期"), item.catalogued_on))
    with transaction.atomic():
        if Delegation.objects.filter(item=item, to_org=to_org).exists():
            raise ValidationError(_("该事项已下放至%(o)s。") % {"o": to_org.label})
        d = Delegation.objects.create(
            item=item,
            to_org=to_org,
            delegated_on=on,
            original_days=original,
            new_days=new,
            basis=basis.strip(),
        )
        ledger.record(
            actor=actor,
            action=actions.DELEGATE,
            subject=item,
            data={"to": to_org.name, "on": on, "original": original, "new": new},
            also=[d],
        )
    return d


def package_save(
    *,
    actor: Actor,
    code: str,
    name: str,
    org: Organisation,
    items: list[Item],
    on: dt.date,
    description: str = "",
    kind: str = PackageKind.OTHER,
    promised_days=None,
    package: Package | None = None,
) -> Package:
    """套餐 / 一件事: at least two items, each with a filed implementation entry; the
    package's own promise (企业开办 1.5 working days) is counted from the application."""
    require_role(actor, LEADER, org=org, message=_("只有牵头单位负责人可以设置套餐。"))
    if not code.strip() or not name.strip():
        raise ValidationError(_("请填写套餐编码和名称。"))
    if len({i.pk for i in items}) < 2:
        raise ValidationError(_("套餐至少包含两个事项。"))
    orphan = [i.name for i in items if not i.entries.filter(status=EntryStatus.FILED).exists()]
    if orphan:
        raise ValidationError(_("这些事项尚未填报实施清单：%(i)s") % {"i": "、".join(orphan)})
    if kind not in PackageKind.values:
        raise ValidationError(_("套餐类别不正确。"))
    promise = _decimal(promised_days, _("承诺时限")) if promised_days not in (None, "") else None
    if promise is not None and promise < 0:
        raise ValidationError(_("承诺时限不能为负数。"))
    dates.check_new(_("设立日期"), on)
    with transaction.atomic():
        p = package or Package(code=code.strip())
        p.name, p.org, p.set_up_on, p.description = name.strip(), org, on, description
        p.kind, p.promised_days = kind, promise
        try:
            with transaction.atomic():
                p.save()
        except IntegrityError as exc:
            raise ValidationError(_("套餐编码 %(c)s 已存在。") % {"c": p.code}) from exc
        p.items.set(items)
        ledger.record(
            actor=actor,
            action=actions.PACKAGE_SAVE,
            subject=p,
            data={"items": sorted(i.code for i in items), "on": on},
        )
    return p
