"""一件事一次办 / 套餐式审批: one application for a package — one merged form, one
de-duplicated material list — spawns an application per item in the item's implementing
body, is followed as one (the slowest clock decides, ``queries.package_due``) and closes when
the last of them ends.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import dates, ledger
from fazhi.core.calendar import get_calendar
from fazhi.core.ledger import Actor
from fazhi.core.models import Role, User
from fazhi.core.scoping import require_role
from fazhi.core.workflow import InvalidTransition, transition

from .. import actions, worktime
from ..models import (
    EntryStatus,
    ItemMaterial,
    Package,
    PackageApplication,
    PackageStatus,
    Window,
    WindowKind,
)
from . import applications, common

CLERK = Role.CLERK


def material_list(package: Package) -> list[str]:
    """The package's materials, each named once (a material several items require — the
    applicant's ID card, the business licence — is handed in once)."""
    seen: dict[str, None] = {}
    for m in (
        ItemMaterial.objects.filter(item__packages=package, cut=False, required=True)
        .order_by("item__code", "sort_order", "id")
        .values_list("name", flat=True)
    ):
        seen.setdefault(m, None)
    return list(seen)


def package_apply(
    *,
    actor: Actor,
    package: Package,
    at: dt.datetime,
    channel: str,
    applicant_kind: str,
    applicant_name: str,
    received: list[str] = (),
    form: dict | None = None,
    **applicant,
) -> PackageApplication:
    """One application for the whole package: the merged form is kept on the package
    application, and each item's application is received in its implementing body with the
    materials of the de-duplicated list that were handed in (by name)."""
    require_role(
        actor, CLERK, org=package.org, message=_("只有牵头单位窗口人员可以受理一件事申请。")
    )
    at = common.aware(at)
    day = common.local(at).date()
    msg = dates.not_future(_("申请日期"), day)
    problems = common.applicant_problems(
        kind=applicant_kind,
        name=applicant_name,
        id_number=applicant.get("applicant_id_number", ""),
        credit_code=applicant.get("applicant_credit_code", ""),
    )
    if msg:
        problems["at"] = msg
    if not package.is_active:
        problems["package"] = _("该套餐已停用。")
    unknown = set(received) - set(material_list(package))
    if unknown:
        problems["received"] = _("这些材料不在套餐材料清单中：%(m)s") % {
            "m": "、".join(sorted(unknown))
        }
    if problems:
        raise common.validation(problems)
    code = applicant.get("applicant_credit_code") or applicant.get("applicant_id_number", "")
    with transaction.atomic():
        window = Window.objects.filter(
            org=package.org, kind=WindowKind.COMPREHENSIVE, closed_on__isnull=True
        ).first()
        due = None
        if package.promised_days is not None and window is not None:
            due, _guess = worktime.reaching(
                get_calendar(),
                worktime.promised_due,
                window.hours.hours(),
                common.local(at),
                package.promised_days,
            )
        pkg = PackageApplication.objects.create(
            org=package.org,
            package=package,
            applicant_name=applicant_name.strip(),
            applicant_code=code.strip().upper(),
            form=form or {},
            received_on=day,
            received_at=at,
            promised_due_at=common.aware(due) if due else None,
            status=PackageStatus.OPEN,
            handler=actor if isinstance(actor, User) else None,
            title=_("%(a)s申请%(p)s") % {"a": applicant_name.strip(), "p": package.name},
        )
        pkg.number = common.application_number(actor, package.org, day.year, pkg)
        pkg.save(update_fields=["number"])
        subs = []
        for item in package.items.order_by("code"):
            entry = item.entries.filter(status=EntryStatus.FILED).order_by("id").first()
            if entry is None:
                raise ValidationError(_("“%(i)s”尚未填报实施清单。") % {"i": item.name})
            got = item.materials.filter(cut=False, name__in=list(received))
            subs.append(
                applications.receive(
                    actor=_as_system(actor, entry),
                    entry=entry,
                    channel=channel,
                    applicant_kind=applicant_kind,
                    applicant_name=applicant_name,
                    at=at,
                    received=got,
                    package_application=pkg,
                    **applicant,
                )
            )
        ledger.record(
            actor=actor,
            action=actions.PACKAGE_APPLY,
            subject=pkg,
            data={"package": package.code, "applications": [a.number for a in subs], "on": day},
        )
    return pkg


def _as_system(actor: Actor, entry) -> Actor:
    """The lead window files the item applications in the other bodies on the applicant's
    behalf (that is the point of 一窗受理): it acts as the platform, named in the ledger."""
    from fazhi.core.ledger import SystemActor
    from fazhi.core.scoping import has_role

    if not isinstance(actor, User) or has_role(actor, CLERK, org=entry.org):
        return actor
    return SystemActor(_("一件事一次办（%(u)s转办）") % {"u": actor.display_name})


def close_if_done(actor: Actor, package_application: PackageApplication, on: dt.date) -> None:
    """Called when one of its applications ends: the package closes with the last one."""
    pkg = PackageApplication.objects.get(pk=package_application.pk)
    if pkg.status != PackageStatus.OPEN:
        return
    last = pkg.applications.exclude(closed_at__isnull=True).order_by("-closed_at").first()

    def fill(p: PackageApplication) -> None:
        p.closed_at = last.closed_at if last is not None else None

    try:
        transition(actor=_system(actor), matter=pkg, to=PackageStatus.CLOSED, on=on, apply=fill)
    except InvalidTransition:
        return  # applications still open


def _system(actor: Actor) -> Actor:
    from fazhi.core.ledger import SystemActor

    if isinstance(actor, User):
        return SystemActor(_("一件事一次办（%(u)s办结最后一个事项）") % {"u": actor.display_name})
    return actor
