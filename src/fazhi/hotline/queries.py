"""Every read of the hotline, scoped by the user (``fazhi.core.scoping``)."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import Q, QuerySet

from fazhi.core import scoping
from fazhi.core.models import Organisation, Role

from .models import Consultation, Extension, Knowledge, Order, OrderStatus
from .states import OFFICE_STATUSES

S = OrderStatus


def orders(user) -> QuerySet[Order]:
    return scoping.scope(user, Order).select_related("org", "office", "category", "street")


def order(user, pk) -> Order:
    return scoping.get_for(user, orders(user), pk)


def offices(user) -> list[Organisation]:
    """The hotline offices the user works in (as agent or leader)."""
    return [
        m.org
        for m in scoping.memberships(user, (Role.CLERK, Role.LEADER))
        if Order.objects.filter(office=m.org).exists() or "12345" in m.org.name
    ]


def inbox(user, *, overdue_only: bool = False) -> QuerySet[Order]:
    """The body inbox: orders waiting for the user's organisations — to sign or to handle
    as the lead body; for the hotline office, orders to assign, re-assign and close."""
    orgs = [m.org_id for m in scoping.memberships(user)]
    q = Q(org__in=orgs, status__in=[S.ASSIGNED, S.SIGNED]) | Q(
        office__in=orgs, status__in=list(OFFICE_STATUSES)
    )
    return orders(user).filter(q).order_by("received_on", "id")


def duplicates(user, order: Order, window: int = 7) -> list[Order]:
    """Orders the agent may merge ``order`` into: of the same office, not merged, received
    within ``window`` days of it, from the same caller or about the same address and category
    (the services' rule: a different caller needs the agent's confirmation)."""
    if order.status != S.RECEIVED:
        return []
    near = Q(caller_phone=order.caller_phone)
    if order.address.strip():
        near |= Q(address=order.address.strip(), category_id=order.category_id)
    span = dt.timedelta(days=window)
    return list(
        orders(user)
        .filter(near, office_id=order.office_id, merged_into__isnull=True)
        .filter(received_on__range=(order.received_on - span, order.received_on + span))
        .exclude(pk=order.pk)
        .exclude(status=S.MERGED)
        .order_by("received_on", "id")[:20]
    )


def extensions(user, order: Order) -> QuerySet[Extension]:
    """The order's extension requests (the order itself read through ``order()``)."""
    return Extension.objects.filter(order=order).select_related("org").order_by("id")


def problems(user) -> QuerySet[Order]:
    """问题工单 not yet on a 会商 meeting's agenda: the 会商's waiting list."""
    return (
        orders(user).filter(problem=True, consultations__isnull=True).order_by("received_on", "id")
    )


def meetings(user) -> QuerySet[Consultation]:
    return scoping.scope(user, Consultation).select_related("office")


def meeting(user, pk) -> Consultation:
    return scoping.get_for(user, meetings(user), pk)


def knowledge_list(user, text: str = "") -> QuerySet[Knowledge]:
    qs = scoping.scope(user, Knowledge).select_related("category", "office")
    for w in [w for w in (text or "").split() if w][:5]:
        qs = qs.filter(Q(question__icontains=w) | Q(answer__icontains=w))
    return qs


def article(user, pk) -> Knowledge:
    return scoping.get_for(user, knowledge_list(user), pk)


# What an order may become (kernel matter labels; the hotline imports no other domain).
LINK_TYPES = (
    "enforcement.case",
    "enforcement.gridreport",
    "disputes.petition",
    "opengov.disclosurerequest",
)


def link_types() -> list[tuple[str, str]]:
    """(label, name) of the matters an order may be linked to, those installed."""
    out = []
    for label in LINK_TYPES:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        out.append((label, str(model._meta.verbose_name)))
    return out


def matter_by_number(user, label: str, number: str):
    """The matter of kind ``label`` numbered ``number`` that the user may see, or None."""
    if label not in LINK_TYPES or not (number or "").strip():
        return None
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    return scoping.scope(user, model).filter(number=number.strip()).first()


def caller_history(user, phone: str, limit: int = 10) -> list[Order]:
    phone = (phone or "").strip()
    if not phone:
        return []
    return list(orders(user).filter(caller_phone=phone).order_by("-received_on", "-id")[:limit])


def knowledge(user, text: str, limit: int = 5) -> list[Knowledge]:
    """Answers whose question or answer contains every word of ``text`` (Chinese has no
    spaces: the words are the runs the agent separates with spaces, else the whole text)."""
    words = [w for w in (text or "").split() if w][:5]
    if not words:
        return []
    qs = scoping.scope(user, Knowledge)
    for w in words:
        qs = qs.filter(Q(question__icontains=w) | Q(answer__icontains=w))
    return list(qs[:limit])


def bodies() -> QuerySet[Organisation]:
    """The bodies an order may be assigned to. The office dispatches across the whole
    district, beyond its own data scope; the list is the government bodies' names, which are
    public (the portal lists them), so it is read without ``scoping``."""
    return Organisation.objects.filter(is_active=True).exclude(kind__in=["party", "committee"])


def public_office() -> Organisation | None:
    """The office that takes the portal's submissions: the district's 12345 office (an
    office whose name says so). Read without ``scoping``: the portal has no user, and only the
    office's identity is used, never shown."""
    return (
        Organisation.objects.filter(kind="office", is_active=True, name__contains="12345")
        .order_by("id")
        .first()
    )
