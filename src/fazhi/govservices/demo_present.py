"""The present of the demo: applications at the approval bureau's windows in the weeks before
today, through the services and by the demo's own logins, so each has work on its to-do:

* ``clerk`` (窗口人员, 区行政审批服务局): applications just received (some missing materials),
  waiting for supplement, accepted and under review — two of them past the statutory limit,
  two near it — decided and waiting to be issued, a 企业开办 package in progress;
* ``gs_leader`` (负责人): a bad rating to rectify, an application needing an extension;
* ``street_clerk`` (窗口人员, a street): delegated items received at the street.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from fazhi.core import clock
from fazhi.core.calendar import get_calendar

from .demo_names import People
from .models import EntryStatus, ImplementationEntry, Outcome, PackageKind
from .services import applications as svc
from .services import decisions, packages, reviews


def _at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hh, mm)), clock.CHINA)


def load(c) -> None:
    cal = get_calendar()
    today = clock.today()
    rng = random.Random(2026)  # nosec B311 - seeded demo data, not a secret
    people = People(2026)

    def back(n: int) -> dt.date:
        """The n-th working day before today (the calendar may not cover next year yet)."""
        try:
            return cal.add_workdays(today, -n)
        except Exception:
            return cal.extended(today.year).add_workdays(today, -n)

    def person() -> dict:
        return {
            "applicant_kind": "person",
            "applicant_name": people.person_name(),
            "applicant_id_number": people.id_number(),
            "applicant_phone": people.mobile(),
        }

    def company() -> dict:
        name, code = people.company()
        return {
            "applicant_kind": "org",
            "applicant_name": name,
            "applicant_credit_code": code,
            "applicant_phone": people.mobile(),
        }

    bureau = c.bureau
    entries = list(
        ImplementationEntry.objects.filter(
            org=bureau,
            status=EntryStatus.FILED,
            on_the_spot=False,
            commitment=False,
            item__kind="licence",
        )
        .select_related("item", "window")
        .order_by("item__code")
    )
    entries = [e for e in entries if e.item.materials.filter(cut=False).count() >= 2]
    rng.shuffle(entries)
    clerk = c.clerk

    def receive(entry, day, hh, complete=True, who=None):
        mats = list(entry.item.materials.filter(cut=False))
        got = mats if complete else mats[:1]
        return svc.receive(
            actor=clerk,
            entry=entry,
            channel="window",
            window=entry.window,
            at=_at(day, hh, rng.randrange(0, 50)),
            received=got,
            **(who or (company() if rng.random() < 0.5 else person())),
        )

    k = 0

    def nxt():
        nonlocal k
        k += 1
        return entries[k % len(entries)]

    # just received: waiting for acceptance (two missing materials, to be notified)
    for i in range(6):
        receive(nxt(), back(i % 3), 9 + i, complete=i not in (1, 4))
    # waiting for the applicant's supplement
    for i in range(3):
        app = receive(nxt(), back(4 + i), 10, complete=False)
        svc.notify_missing(actor=clerk, application=app, on=back(3 + i))
    # accepted, under review: two overdue (accepted 22–24 working days ago), two near due
    for n in (24, 22, 18, 17, 9, 6, 4, 2):
        app = receive(nxt(), back(n), 10)
        app = svc.accept(actor=clerk, application=app, at=_at(back(n), 10, 40))
    # decided, waiting to be issued
    for n in (5, 3, 1):
        app = receive(nxt(), back(n + 4), 14)
        app = svc.accept(actor=clerk, application=app, at=_at(back(n + 4), 14, 30))
        decisions.decide(actor=clerk, application=app, outcome=Outcome.GRANTED, on=back(n))
    # closed and rated: one bad rating for the bureau's head to rectify
    for n, score in ((12, 5), (10, 4), (8, 1)):
        who = person()
        app = receive(nxt(), back(n + 3), 9, who=who)
        app = svc.accept(actor=clerk, application=app, at=_at(back(n + 3), 9, 30))
        app = decisions.decide(
            actor=clerk, application=app, outcome=Outcome.GRANTED, on=back(n + 1)
        )
        app = decisions.close(
            actor=clerk,
            application=app,
            at=_at(back(n), 15),
            certificate_number=f"JY2430102{rng.randrange(10**7):07d}",
        )
        reviews.rate(
            actor=clerk,
            application=app,
            score=score,
            channel="device",
            on=back(n),
            rater_code=who["applicant_id_number"],
            comment="窗口人员对材料要求解释不清，来回跑了两次。" if score == 1 else "",
        )
    # a 企业开办 package in progress
    startup = [p for p in c.packages_made if p.kind == PackageKind.STARTUP][0]
    packages.package_apply(
        actor=clerk,
        package=startup,
        at=_at(back(1), 10, 5),
        channel="window",
        received=packages.material_list(startup),
        **company(),
    )
    # the street's window: delegated items received there
    street = c.street_clerk.primary_org
    for i, e in enumerate(c.delegated[:3]):
        entry = ImplementationEntry.objects.get(pk=e["id"])
        svc.receive(
            actor=c.street_clerk, entry=entry, org=street, window=c.street_windows[street.pk], channel="window",
            at=_at(back(i + 1), 9, 20), received=list(entry.item.materials.filter(cut=False)), **person(),
        )  # fmt: skip
