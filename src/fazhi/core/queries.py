"""Kernel reads, all through ``scoping``."""

from django.db.models import Q, QuerySet

from . import scoping
from .models import LedgerEvent, LoginRecord, Notice, Organisation, User, UserSession


def ancestor_ids(user) -> set[int]:
    """Ids of the user's organisations and every organisation above them."""
    ids: set[int] = set()
    for m in scoping.memberships(user):
        ids.update(int(p) for p in m.org.path.strip("/").split("/") if p)
    return ids


def notices_for(user) -> QuerySet[Notice]:
    """Notices addressed to the user: those of their organisations and the ones above them
    (a notice goes to the whole subtree of its publisher), plus those within their scope."""
    if not scoping.memberships(user):
        return Notice.objects.none()
    visible = scoping.scope(user, Notice).values("pk")
    return (
        Notice.objects.filter(withdrawn_at__isnull=True)
        .filter(Q(org_id__in=ancestor_ids(user)) | Q(pk__in=visible))
        .select_related("org", "author")
    )


def orgs(user) -> QuerySet[Organisation]:
    return scoping.scope(user, Organisation).select_related("parent")


def users(user) -> QuerySet[User]:
    return scoping.scope(user, User).select_related("primary_org")


def login_log(user) -> QuerySet[LoginRecord]:
    return scoping.scope(user, LoginRecord).select_related("user")


def op_log(user) -> QuerySet[LedgerEvent]:
    return scoping.scope(user, LedgerEvent)


def online(user) -> QuerySet[UserSession]:
    return scoping.scope(user, UserSession).select_related("user", "user__primary_org")
