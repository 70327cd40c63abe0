"""Open government's export-only register in the kernel's data-exchange registry: the
disclosure requests the staff list downloads. The page passes its filtered rows; ``fazhi
export`` passes every row the actor may see. Registered from ``OpengovConfig.ready()``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from fazhi.core.dataexchange import registry
from fazhi.core.dataexchange.registry import Column, Kind, Register
from fazhi.core.dataexchange.resolver import Resolver
from fazhi.core.models import User

from . import queries
from .models import DisclosureRequest

EXPORT_LIMIT = 100_000


def _records(*, actor, org=None, year=None):
    if isinstance(actor, User):
        qs = queries.requests(actor)
    else:
        qs = DisclosureRequest.objects.select_related("org")
    if org is not None:
        qs = Resolver(None, org).scoped(qs)
    if year:
        qs = qs.filter(received_on__year=year)
    return qs.order_by("-id")[:EXPORT_LIMIT]


REQUESTS = Register(
    name="disclosure-requests",
    title=gettext_lazy("政府信息公开申请"),
    model=DisclosureRequest,
    columns=tuple(
        Column(h, k, kind=kind)
        for h, k, kind in (
            (gettext_lazy("编号"), "number", Kind.CODE),
            (gettext_lazy("受理机关"), "org", Kind.NAME),
            (gettext_lazy("申请人"), "applicant_name", Kind.TEXT),
            (gettext_lazy("申请方式"), "channel", Kind.CHOICE),
            (gettext_lazy("收到日期"), "received_on", Kind.DATE),
            (gettext_lazy("状态"), "status", Kind.CHOICE),
            (gettext_lazy("答复类型"), "reply_type", Kind.CHOICE),
            (gettext_lazy("答复日期"), "replied_on", Kind.DATE),
        )
    ),
    row_of=lambda r: (
        r.number,
        r.org.name,
        r.applicant_name,
        r.get_channel_display(),
        r.received_on.isoformat(),
        r.get_status_display(),
        r.get_reply_type_display(),
        r.replied_on.isoformat() if r.replied_on else "",
    ),
    records=_records,
    year_note=gettext_lazy("收到日期所在年度"),
)


def register() -> None:
    from .registers import REGISTERS

    for reg in (REQUESTS, *REGISTERS):
        registry.register(reg)
