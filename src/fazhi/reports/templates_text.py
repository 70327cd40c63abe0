"""The office's wording of the parts (``PartText``): saving a revision (checked), and the
wording in force for a district — the latest revision of each part, else the domain's own."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, ledger, reportparts
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role, User
from fazhi.core.scoping import require_role

from . import actions
from .models import PartText


def district_of(org: Organisation) -> Organisation:
    """The root of ``org``'s tree (the district whose office words the report)."""
    root_id = int(org.path.strip("/").split("/")[0])
    return org if org.pk == root_id else Organisation.objects.get(pk=root_id)


def in_force(org: Organisation) -> dict[tuple[str, str, int], PartText]:
    out: dict[tuple[str, str, int], PartText] = {}
    for t in PartText.objects.filter(org=district_of(org)).order_by("revision"):
        out[(t.key, t.module, t.order)] = t
    return out


def wording(org: Organisation) -> dict[tuple[str, str, int], str]:
    return {k: t.template for k, t in in_force(org).items()}


def part_text_save(
    *, actor: Actor, org: Organisation, key: str, module: str, order: int, template: str
) -> PartText:
    """修改段落模板: a new revision of a registered part's wording for ``org``'s district;
    refused when it names an unknown indicator, or changes nothing."""
    district = district_of(org)
    require_role(
        actor, Role.SUPERVISOR, org=district, message=_("只有依法治区办可以修改年度报告模板。")
    )
    template = template.strip()
    part = next(
        (p for p in reportparts.parts(key) if (p.module, p.order) == (module, int(order))), None
    )
    if part is None:
        raise ValidationError(_("没有这一段落：%(k)s %(m)s") % {"k": key, "m": module})
    if not template:
        raise ValidationError(_("请填写模板。"))
    problem = reportparts.template_problem(template)
    if problem:
        raise ValidationError(problem)
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=district.pk)
        current = in_force(district).get((key, module, part.order))
        if template == (current.template if current else part.template):
            raise ValidationError(_("模板没有改动。"))
        try:
            t = PartText.objects.create(
                org=district,
                key=key,
                module=module,
                order=part.order,
                revision=(current.revision + 1) if current else 1,
                template=template,
                saved_by=actor if isinstance(actor, User) else None,
                saved_at=clock.now(),
            )
        except IntegrityError:
            raise ValidationError(_("模板已被他人修改，请刷新页面后重试。")) from None
        ledger.record(
            actor=actor,
            action=actions.TEMPLATE_SAVE,
            subject=t,
            data={"key": key, "module": module, "revision": t.revision, "template": template},
        )
    return t
