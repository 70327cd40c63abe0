"""The combined monthly bulletin of a district's sites."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, ledger
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role

from .. import actions
from ..models import DistrictBulletin
from .common import _require
from .reports import _take_number


def district_bulletin_generate(*, actor: Actor, org: Organisation, month: str) -> DistrictBulletin:
    """生成全区通报 for the sites under ``org`` and ``month``: the first generation takes a
    number from the bulletin series, later ones keep it and bump the revision."""
    from .. import bulletins, district

    _require(actor, (Role.SUPERVISOR, Role.ADMIN), org, _("只有监督人员可以生成全区通报。"))
    try:
        bulletins.parse_month(month)
    except ValueError as exc:
        raise ValidationError(_("月份应写作 YYYY-MM，如 2025-06。")) from exc
    sites = district.sites_of(org)
    if not any(bulletins.run_for_month(s, month) for s in sites):
        raise ValidationError(
            _("%(o)s 在 %(m)s 没有已完成抓取的网站，无法生成全区通报。")
            % {"o": org.name, "m": month}
        )
    with transaction.atomic():
        existing = DistrictBulletin.objects.select_for_update().filter(org=org, month=month).first()
        today = clock.today()
        number = existing.number if existing else _take_number(actor, sites[0], today.year)
        issued_on = existing.issued_on if existing else today
        snap = district.snapshot(
            org=org, month=month, number=number, issued_on=issued_on, issuer=org.name
        )
        b = existing or DistrictBulletin(org=org, month=month, number=number, issued_on=issued_on)
        if existing:
            b.revision += 1
        b.generated_at = clock.now()
        b.title = snap["title"][:300]
        b.snapshot = snap
        b.save()
        ledger.record(
            actor=actor,
            action=actions.DISTRICT_BULLETIN,
            subject=b,
            data={
                "number": b.number,
                "month": month,
                "revision": b.revision,
                "sites": snap["total"],
                "passed": snap["passed"],
            },
        )
    return b
