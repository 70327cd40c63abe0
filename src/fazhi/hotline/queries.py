"""Every read of the hotline, scoped by the user (``fazhi.core.scoping``)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from fazhi.core import scoping
from fazhi.core.models import Organisation, Role

from .models import Knowledge, Order, OrderStatus
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
