"""``hotline-warnings`` (临期超期预警), export-only: the orders in the bodies' hands whose
clocks are on the 催办 ladder today, worst first — the warning list's download and
``fazhi export hotline-warnings`` (``--year``: orders received in that year). The inbox's
download is the ``hotline-orders`` register over the inbox's orders. No caller data.

``register()`` is called from ``HotlineConfig.ready()``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from fazhi.core.dataexchange import registry
from fazhi.core.dataexchange.registry import Column, Register
from fazhi.core.dataexchange.resolver import Resolver
from fazhi.core.dataexchange.values import label

from . import ladder
from .models import Order, OrderStatus

LEVEL_LABELS = {
    "yellow": gettext_lazy("临期"),
    "red": gettext_lazy("超期"),
    "supervise": gettext_lazy("应督办"),
}


def warning_row(o: Order, st: ladder.Step) -> list:
    return [
        o.number,
        o.title,
        o.org.name,
        label(OrderStatus, o.status),
        str(st.clock.label or st.clock.rule.code),
        st.clock.due_on.isoformat() if st.clock.due_on else "",
        str(LEVEL_LABELS[st.level]),
        st.days_left if st.days_left is not None else "",
    ]


def _records(*, actor, org=None, year=None):
    qs = Resolver(actor, org).scoped(Order)
    if year:
        qs = qs.filter(received_on__year=year)
    return ladder.on_ladder_of(qs)


WARNINGS = Register(
    name="hotline-warnings",
    title=gettext_lazy("12345热线临期超期预警"),
    columns=(
        Column(gettext_lazy("工单编号"), "number"),
        Column(gettext_lazy("标题"), "title"),
        Column(gettext_lazy("承办单位"), "org"),
        Column(gettext_lazy("状态"), "status"),
        Column(gettext_lazy("期限"), "clock"),
        Column(gettext_lazy("到期日"), "due_on"),
        Column(gettext_lazy("预警等级"), "level"),
        Column(gettext_lazy("剩余工作日"), "days_left"),
    ),
    records=_records,
    rows=lambda records: [warning_row(o, st) for o, st in records],
    year_note=gettext_lazy("受理日期所在年度"),
)


def register() -> None:
    registry.register(WARNINGS)
