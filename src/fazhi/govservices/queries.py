"""Every read of the government-services module: scoped by the user for staff
(``fazhi.core.scoping``), ``public_*`` for the portal and the public API (published items
only, and an application's status only against its check code)."""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass

from django.db.models import CharField, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Cast

from fazhi.core import clock, clocks, scoping
from fazhi.core.models import Clock

from . import rules
from .models import (
    Application,
    AppStatus,
    EntryStatus,
    ImplementationEntry,
    Item,
    ItemMaterial,
    ItemStatus,
    ItemVersion,
    Package,
    PackageApplication,
    PostCheck,
    Rectification,
    Window,
)

OPEN = [AppStatus.RECEIVED, AppStatus.SUPPLEMENT, AppStatus.ACCEPTED, AppStatus.DECIDED]
APP_TYPE = Application._meta.label_lower


def applications(user) -> QuerySet[Application]:
    return scoping.scope(user, Application).select_related("item", "org", "window")


def package_applications(user) -> QuerySet[PackageApplication]:
    return scoping.scope(user, PackageApplication).select_related("package", "org")


def rectifications(user) -> QuerySet[Rectification]:
    return scoping.scope(user, Rectification).select_related("rating__application", "org")


def items(user) -> QuerySet[Item]:
    return scoping.scope(user, Item).select_related("reported_by")


def entries(user) -> QuerySet[ImplementationEntry]:
    return scoping.scope(user, ImplementationEntry).select_related("item", "org", "window")


def windows(user) -> QuerySet[Window]:
    return scoping.scope(user, Window).select_related("org", "hours", "merged_into")


def post_checks(user) -> QuerySet[PostCheck]:
    return scoping.scope(user, PostCheck).select_related("application", "assigned_to")


def search(qs: QuerySet, q: str, *fields: str) -> QuerySet:
    q = (q or "").strip()
    if not q:
        return qs
    cond = Q()
    for f in fields:
        cond |= Q(**{f"{f}__icontains": q})
    return qs.filter(cond)


CARD_CLOCKS = [rules.NOTICE, rules.DECISION, rules.ISSUE]


def cards(user) -> tuple[set[int], set[int]]:
    """The supervisor's cards over the open applications the user may see: the ids with an
    open statutory clock (notice, decision, issue) past due (red) and those due within the
    yellow-card window (yellow; an application may hold both).

    One read of the clocks, driven from the open applications (status is indexed; each
    application's clocks are found by the clock's subject index) rather than from the
    clock table, which holds every application's clocks of every year."""
    from fazhi.core.calendar import get_calendar

    open_ids = [
        str(pk)
        for pk in applications(user).filter(status__in=OPEN).order_by().values_list("pk", flat=True)
    ]
    today = clock.today()
    horizon = get_calendar().add_workdays(today, clocks.yellow_window())
    red: set[int] = set()
    yellow: set[int] = set()
    for subject, due in (
        Clock.objects.filter(
            subject_type=APP_TYPE,
            subject_id__in=open_ids,
            rule__code__in=CARD_CLOCKS,
            party=False,
            stopped_on__isnull=True,
            paused=False,
            due_on__lte=horizon,
        )
        .order_by()
        .values_list("subject_id", "due_on")
    ):
        (red if due < today else yellow).add(int(subject))
    return red, yellow


def supervision(user, *, card: str = "red", cards_of=None) -> QuerySet[Application]:
    """Open applications whose decision or issuing clock is overdue (``red``) or near due
    (``yellow``), or whose promise has passed (``promise``), as the user may see them.
    ``cards_of``: the user's ``cards`` when the caller has them already."""
    qs = applications(user).filter(status__in=OPEN)
    if card == "promise":
        return qs.filter(promised_due_at__lt=clock.now())
    red, yellow = cards_of or cards(user)
    return qs.filter(pk__in=red if card == "red" else yellow)


def supervision_counts(user, *, cards_of=None) -> list[dict]:
    """Open applications with a red or yellow card, by body and window."""
    red, yellow = cards_of or cards(user)
    rows: dict[tuple, dict] = {}
    qs = applications(user).filter(status__in=OPEN, pk__in=red | yellow)
    for a in qs.values("pk", "org__name", "window__name"):
        key = (a["org__name"], a["window__name"] or "")
        row = rows.setdefault(key, {"org": key[0], "window": key[1], "red": 0, "yellow": 0})
        row["red" if a["pk"] in red else "yellow"] += 1
    return sorted(rows.values(), key=lambda r: (-r["red"], -r["yellow"], r["org"], r["window"]))


def late_in_week(user, monday: dt.date) -> QuerySet[Application]:
    """The week's late applications (周报): closed that week after a statutory due date or
    after the promise, or still open that week with a statutory clock past due."""
    sunday = monday + dt.timedelta(days=6)
    late_clock = Clock.objects.filter(
        subject_type=APP_TYPE,
        subject_id=Cast(OuterRef("pk"), output_field=CharField()),
        party=False,
    ).filter(
        Q(stopped_on__gte=monday, stopped_on__lte=sunday, stopped_on__gt=F("due_on"))
        | Q(stopped_on__isnull=True, due_on__lt=sunday, paused=False)
    )
    promise = Q(closed_on__gte=monday, closed_on__lte=sunday, closed_at__gt=F("promised_due_at"))
    return (
        applications(user)
        .filter(received_on__lte=sunday)
        .filter(Exists(late_clock) | promise)
        .order_by("org__name", "received_on", "id")
    )


# -- the catalogue on a date -------------------------------------------------------------------


def item_on(item: Item, day: dt.date) -> ItemVersion | None:
    """The version of ``item`` in force on ``day`` (None before its first version)."""
    return item.versions.filter(valid_from__lte=day).order_by("-number").first()


def package_due(pkg: PackageApplication) -> dt.date | None:
    """The slowest clock decides: the latest due date among the open statutory clocks of the
    package's applications."""
    ids = [str(x) for x in pkg.applications.values_list("pk", flat=True)]
    c = (
        Clock.objects.filter(subject_type=APP_TYPE, subject_id__in=ids, stopped_on__isnull=True)
        .exclude(due_on__isnull=True)
        .order_by("-due_on")
        .first()
    )
    return c.due_on if c else None


# -- public reads ------------------------------------------------------------------------------


def public_items() -> QuerySet[Item]:
    """Published on-application items with a filed implementation entry."""
    filed = ImplementationEntry.objects.filter(item=OuterRef("pk"), status=EntryStatus.FILED)
    return (
        Item.objects.filter(status=ItemStatus.IN_FORCE, on_application=True)
        .filter(Exists(filed))
        .select_related("reported_by")
        .order_by("code")
    )


def public_search(q: str) -> QuerySet[Item]:
    """Search by name, code or pinyin initials (企业 or qy)."""
    q = (q or "").strip()
    qs = public_items()
    if not q:
        return qs
    cond = Q(name__icontains=q) | Q(code__icontains=q)
    if q.isascii() and q.isalpha():
        cond |= Q(pinyin__startswith=q.lower()) | Q(pinyin__contains=q.lower())
    return qs.filter(cond)


def public_item(pk: int) -> Item | None:
    return (
        public_items()
        .prefetch_related(
            Prefetch(
                "materials",
                queryset=ItemMaterial.objects.filter(cut=False).order_by("sort_order", "id"),
            ),
            Prefetch(
                "entries",
                queryset=ImplementationEntry.objects.filter(
                    status=EntryStatus.FILED
                ).select_related("org", "window__hours"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def public_packages() -> QuerySet[Package]:
    return Package.objects.filter(is_active=True).annotate(n=Count("items")).order_by("code")


@dataclass(frozen=True)
class Status:
    """What the public may learn of an application from its number and check code."""

    number: str
    item: str
    org: str
    status: str
    received_on: dt.date
    accepted_on: dt.date | None
    decided_on: dt.date | None
    closed_on: dt.date | None
    outcome: str
    promised_due_at: dt.datetime | None
    can_rate: bool
    rated: bool


def public_status(number: str, check_code: str) -> Status | None:
    """The status behind ``number`` — only with its check code; a wrong code and an unknown
    number give the same answer (None), so nothing tells whether the number exists."""
    app = (
        Application.objects.select_related("item", "org")
        .filter(number=(number or "").strip())
        .first()
    )
    code = (check_code or "").strip()
    expected = app.check_code if app is not None else "\0" * 6
    if not hmac.compare_digest(code.encode(), expected.encode()) or app is None:
        return None
    rated = hasattr(app, "rating")
    return Status(
        number=app.number,
        item=app.item.name,
        org=app.org.name,
        status=app.get_status_display(),
        received_on=app.received_on,
        accepted_on=app.accepted_on,
        decided_on=app.decided_on,
        closed_on=app.closed_on,
        outcome=app.get_outcome_display() if app.outcome else "",
        promised_due_at=app.promised_due_at,
        can_rate=app.status == AppStatus.CLOSED and not rated,
        rated=rated,
    )


def public_application(number: str, check_code: str) -> Application | None:
    """The application for a rating from the portal (same check as ``public_status``)."""
    if public_status(number, check_code) is None:
        return None
    return Application.objects.get(number=number.strip())
