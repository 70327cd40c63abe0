"""Government services' export-only registers: the lists the staff pages download. A page
passes its filtered rows; ``fazhi export`` passes every row the actor may see (``records``).
Headers follow the reader's language. Registered from ``GovServicesConfig.ready()``; the
importable catalogue is in ``imports``. (The weekly late-applications report is not a
register: it is a supervision service that records its export of personal data.)
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from fazhi.core.dataexchange import registry
from fazhi.core.dataexchange.registry import Column, Kind, Register
from fazhi.core.dataexchange.resolver import Resolver
from fazhi.core.dataexchange.values import label

from .models import Application, AppStatus

EXPORT_LIMIT = 100_000


def _cols(*specs) -> tuple[Column, ...]:
    return tuple(Column(h, k, kind=rest[0] if rest else Kind.TEXT) for h, k, *rest in specs)


def _iso(day) -> str:
    return day.isoformat() if day else ""


def _application_records(*, actor, org=None, year=None):
    qs = Resolver(actor, org).scoped(Application).select_related("item", "org", "window")
    if year:
        qs = qs.filter(received_on__year=year)
    return qs.order_by("-id")[:EXPORT_LIMIT]


APPLICATIONS = Register(
    name="service-applications",
    title=gettext_lazy("办件"),
    model=Application,
    columns=_cols(
        (gettext_lazy("办件编号"), "number", Kind.CODE),
        (gettext_lazy("事项"), "item", Kind.NAME),
        (gettext_lazy("申请人"), "applicant_name"),
        (gettext_lazy("实施主体"), "org", Kind.NAME),
        (gettext_lazy("窗口"), "window", Kind.NAME),
        (gettext_lazy("状态"), "status", Kind.CHOICE),
        (gettext_lazy("收件日期"), "received_on", Kind.DATE),
        (gettext_lazy("办结日期"), "closed_on", Kind.DATE),
    ),
    row_of=lambda a: [
        a.number,
        a.item.name,
        a.applicant_name,
        a.org.name,
        a.window.name if a.window else "",
        label(AppStatus, a.status),
        _iso(a.received_on),
        _iso(a.closed_on),
    ],
    records=_application_records,
    year_note=gettext_lazy("收件日期所在年度"),
)


def register() -> None:
    registry.register(APPLICATIONS)
