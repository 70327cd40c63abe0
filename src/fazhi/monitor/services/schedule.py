"""The monthly crawl of each site, scheduled on the Tasks framework.

A site's schedule is a day of the month (1–28, so every month has it) and an hour, China time.
Setting it stores the next time and enqueues one deferred task for it; when the task runs it
first moves the schedule to the next month (enqueuing the next task), then crawls. A task whose
time no longer matches the site's (the schedule was edited or switched off meanwhile) ends
without crawling, so editing never doubles the crawls.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, ledger
from fazhi.core.ledger import Actor
from fazhi.core.scoping import require_system

from .. import actions
from ..models import Site
from .common import MANAGE_ROLES, _require

LAST_DAY = 28


def next_crawl_time(day: int, hour: int, after: dt.datetime) -> dt.datetime:
    """The first ``day`` of a month at ``hour`` (China time) strictly after ``after``."""
    local = after.astimezone(clock.CHINA)
    y, m = local.year, local.month
    for _step in range(3):
        at = dt.datetime(y, m, day, hour, 0, tzinfo=clock.CHINA)
        if at > after:
            return at
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    raise AssertionError("unreachable: a month ahead always qualifies")


def _enqueue(site: Site, at: dt.datetime) -> None:
    from .. import tasks

    transaction.on_commit(
        lambda: tasks.scheduled_crawl.using(run_after=at).enqueue(site.pk, at.isoformat())
    )


def schedule_set(*, actor: Actor, site: Site, day: int | None, hour: int = 2) -> Site:
    """设置每月定时抓取: ``day`` 1–28 and ``hour`` 0–23 (China time); ``day=None`` switches
    the schedule off."""
    _require(actor, MANAGE_ROLES, site.org, _("无权设置该网站的定时抓取。"))
    if day is not None and not 1 <= day <= LAST_DAY:
        raise ValidationError(
            {"crawl_day": _("抓取日应为每月 1 至 %(n)s 日（每个月都有的日子）。") % {"n": LAST_DAY}}
        )
    if not 0 <= hour <= 23:
        raise ValidationError({"crawl_hour": _("抓取时刻应为 0 至 23 时。")})
    with transaction.atomic():
        site = Site.objects.select_for_update().get(pk=site.pk)
        before = {"day": site.crawl_day, "hour": site.crawl_hour, "next": site.next_crawl_at}
        site.crawl_day, site.crawl_hour = day, hour
        site.next_crawl_at = next_crawl_time(day, hour, clock.now()) if day else None
        site.save(update_fields=["crawl_day", "crawl_hour", "next_crawl_at"])
        after = {"day": site.crawl_day, "hour": site.crawl_hour, "next": site.next_crawl_at}
        ledger.record(
            actor=actor, action=actions.SCHEDULE_SET, subject=site, data=ledger.diff(before, after)
        )
        if site.next_crawl_at:
            _enqueue(site, site.next_crawl_at)
    return site


def schedule_advance(*, actor: Actor, site: Site, due: dt.datetime) -> bool:
    """The task for ``due`` runs: move the schedule to next month (and enqueue its task).
    False when ``due`` is no longer the site's next time — the task is stale. The
    scheduler's own work: refused to every signed-in person."""
    require_system(actor)
    with transaction.atomic():
        site = Site.objects.select_for_update().get(pk=site.pk)
        if not site.crawl_day or site.next_crawl_at != due or not site.is_active:
            return False
        site.next_crawl_at = next_crawl_time(site.crawl_day, site.crawl_hour, due)
        site.save(update_fields=["next_crawl_at"])
        ledger.record(
            actor=actor,
            action=actions.SCHEDULE_RUN,
            subject=site,
            data={"due": due, "next": site.next_crawl_at},
        )
        _enqueue(site, site.next_crawl_at)
    return True
