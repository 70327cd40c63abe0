"""主动公开: items of the disclosure catalogue, each published within GK-1's 20 working days
of its formation (2007 text 第十八条, 2019 text 第二十六条 — the registry picks by the date
formed). The index number (索引号) is the body's code, the year and a gapless sequence."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import clocks, dates, ledger, numbering
from fazhi.core.actions import register
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role
from fazhi.core.scoping import require_role

from . import rules
from .models import CatalogueCategory, DisclosureItem, ItemCategory

ITEM_REGISTER = register("opengov.item.register", gettext_lazy("登记主动公开事项"))
ITEM_PUBLISH = register("opengov.item.publish", gettext_lazy("主动公开"))
FROM_REQUESTS = register("opengov.item.from_requests", gettext_lazy("依申请公开转主动公开"))
REPEAT_MIN = 3  # requests for the same information before it is suggested (第四十四条)
CATEGORY_SAVE = register("opengov.catalogue.save", gettext_lazy("编制主动公开目录类别"))
STAFF = (Role.CLERK, Role.LEADER)


def category_save(
    *,
    actor: Actor,
    org: Organisation,
    name: str,
    responsible: Organisation,
    content: str = "",
    order: int = 0,
    active: bool = True,
    category: CatalogueCategory | None = None,
) -> CatalogueCategory:
    """Add a category to ``org``'s 主动公开目录, or edit one (``category``): the body
    responsible must be ``org`` itself or one of its units; a name is used once per body.
    A category with items is never deleted, only taken out of use (``active=False``)."""
    if category is not None:
        org = category.org
    require_role(actor, *STAFF, org=org, message=_("只有本机关的工作人员可以编制主动公开目录。"))
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("请填写目录类别名称。"))
    if responsible is None or not responsible.path.startswith(org.path):
        raise ValidationError(_("责任单位应为本机关或其内设、下属单位。"))
    clash = CatalogueCategory.objects.filter(org=org, name=name)
    if category is not None:
        clash = clash.exclude(pk=category.pk)
    if clash.exists():
        raise ValidationError(_("本机关的目录中已有类别“%(n)s”。") % {"n": name})
    with transaction.atomic():
        if category is None:
            cat = CatalogueCategory(org=org)
        else:
            cat = CatalogueCategory.objects.select_for_update().get(pk=category.pk)
        cat.name, cat.content, cat.responsible = name, (content or "").strip(), responsible
        cat.order, cat.active = int(order or 0), bool(active)
        cat.save()
        ledger.record(
            actor=actor,
            action=CATEGORY_SAVE,
            subject=cat,
            org=org,
            data={
                "name": name,
                "responsible": responsible.name,
                "content": cat.content,
                "active": cat.active,
                "new": category is None,
            },
        )
    return cat


def item_register(
    *,
    actor: Actor,
    org: Organisation,
    category: str,
    title: str,
    formed_on: dt.date,
    catalogue_category: CatalogueCategory | None = None,
) -> DisclosureItem:
    require_role(actor, *STAFF, org=org)
    if category not in ItemCategory.values:
        raise ValidationError(_("请选择公开类别。"))
    if catalogue_category is not None and (
        catalogue_category.org_id != org.pk or not catalogue_category.active
    ):
        raise ValidationError(_("所选目录类别不在本机关在用的主动公开目录中。"))
    if not title.strip():
        raise ValidationError(_("请填写标题。"))
    on = dates.check_new(_("信息形成日期"), formed_on)
    with transaction.atomic():
        series = numbering.series_get_or_create(
            actor=actor,
            org=org,
            kind="goi-index",
            year=on.year,
            prefix=org.credit_code or f"430102-{org.pk:04d}",
            pattern="{prefix}/{year}-{n:05d}",  # 索引号: code/year-five-digit sequence
        )
        item = DisclosureItem.objects.create(
            org=org,
            index_number="",
            category=category,
            catalogue_category=catalogue_category,
            title=title.strip(),
            formed_on=on,
        )
        item.index_number = numbering.issue(actor=actor, series=series, subject=item).text
        item.save(update_fields=["index_number"])
        ledger.record(
            actor=actor,
            action=ITEM_REGISTER,
            subject=item,
            org=org,
            data={"category": category, "formed": on},
        )
        clocks.start(
            actor=actor,
            subject=item,
            rule_code=rules.PROACTIVE,
            on=on,
            org=org,
            label=_("主动公开期限"),
        )
    return item


def item_publish(*, actor: Actor, item: DisclosureItem, on: dt.date) -> DisclosureItem:
    """公开: the GK-1 clock stops; an item published after it is marked late (red card)."""
    require_role(actor, *STAFF, obj=item)
    day = dates.check_new(_("公开日期"), on, (_("信息形成日期"), item.formed_on))
    with transaction.atomic():
        it = DisclosureItem.objects.select_for_update().get(pk=item.pk)
        if it.published_on:
            raise ValidationError(_("该事项已于%(d)s公开。") % {"d": dates.fmt(it.published_on)})
        c = clocks.for_subject(it).filter(rule__code=rules.PROACTIVE).first()
        it.published_on = day
        it.on_time = c is None or c.due_on is None or day <= c.due_on
        it.save(update_fields=["published_on", "on_time"])
        if c is not None:
            clocks.stop(actor=actor, clock=c, on=day)
        ledger.record(
            actor=actor,
            action=ITEM_PUBLISH,
            subject=it,
            org=it.org,
            data={"on": day, "on_time": it.on_time},
        )
    item.published_on, item.on_time = it.published_on, it.on_time
    return it


def suggestion_adopt(
    *,
    actor: Actor,
    org: Organisation,
    description: str,
    category: str,
    formed_on: dt.date,
    catalogue_category: CatalogueCategory | None = None,
) -> DisclosureItem:
    """依申请公开转主动公开 (条例第四十四条): information several applicants asked the same
    body for becomes an item of its catalogue, with the count of requests recorded; the
    GK-1 clock runs from the day the body decides (``formed_on``)."""
    from .models import DisclosureRequest

    require_role(actor, *STAFF, org=org)
    text = (description or "").strip()
    n = DisclosureRequest.objects.filter(org=org, description=text).count()
    if n < REPEAT_MIN:
        raise ValidationError(
            _("“%(d)s”只有%(n)d件申请，不足%(m)d件，不作为转主动公开的建议。")
            % {"d": text[:60], "n": n, "m": REPEAT_MIN}
        )
    if DisclosureItem.objects.filter(org=org, title=text[:300]).exists():
        raise ValidationError(_("“%(d)s”已列入本机关的主动公开事项。") % {"d": text[:60]})
    with transaction.atomic():
        item = item_register(
            actor=actor,
            org=org,
            category=category,
            catalogue_category=catalogue_category,
            title=text[:300],
            formed_on=formed_on,
        )
        ledger.record(
            actor=actor,
            action=FROM_REQUESTS,
            subject=item,
            org=org,
            data={"description": text, "requests": n},
        )
    return item
