"""Monthly bulletins and the rectification tasks raised from their annex."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, ledger, numbering, supervision
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role
from fazhi.core.scoping import require_role

from .. import actions, configtext
from ..models import (
    Bulletin,
    Rectification,
    Site,
)
from .common import (
    BULLETIN_KIND,
    DEFAULT_PREFIX,
    RECTIFY_RULE,
)
from .sites import current_config


def bulletin_generate(*, actor: Actor, site: Site, month: str) -> Bulletin:
    """生成通报 for ``site`` and ``month`` from the month's last finished run, its findings as
    decided by staff and the uptime probes; the first generation takes a document number,
    later ones keep it and bump the revision."""
    from .. import bulletins

    require_role(
        actor, *(Role.SUPERVISOR, Role.ADMIN), org=site.org, message=_("只有监督人员可以生成通报。")
    )
    run = bulletins.run_for_month(site, month)
    if run is None:
        raise ValidationError(
            _("网站 %(c)s 在 %(m)s 没有已完成的抓取。") % {"c": site.code, "m": month}
        )
    with transaction.atomic():
        # the site row is the lock: two generations of a new month's bulletin at once would
        # both find none and both take a number
        Site.objects.select_for_update().get(pk=site.pk)
        existing = Bulletin.objects.select_for_update().filter(site=site, month=month).first()
        today = clock.today()
        number = existing.number if existing else _take_number(actor, site, today.year)
        issued_on = existing.issued_on if existing else today
        snap = bulletins.snapshot(site=site, run=run, number=number, issued_on=issued_on)
        if existing is None:
            b = Bulletin(site=site, month=month, number=number, issued_on=issued_on, revision=1)
        else:
            b = existing
            b.revision += 1
        b.run = run
        b.generated_at = clock.now()
        b.title = snap["bulletin"]["title"][:300]
        b.conclusion = snap["bulletin"]["conclusion"][:300]
        b.score = snap["bulletin"]["score"]
        b.snapshot = snap
        b.save()
        ledger.record(
            actor=actor,
            action=actions.BULLETIN_GENERATE,
            subject=b,
            data={
                "number": b.number,
                "month": month,
                "run": run.pk,
                "revision": b.revision,
                "conclusion": b.conclusion,
                "score": b.score,
            },
        )
    return b


def _take_number(actor: Actor, site: Site, year: int) -> str:
    """A number from the district's bulletin series (one series for every monitored site, so
    the numbers of one year never collide)."""
    root_id = int(site.org.path.strip("/").split("/")[0])
    root = Organisation.objects.get(pk=root_id)
    prefix = configtext.bulletin_settings(current_config(site).text)["prefix"] or DEFAULT_PREFIX
    series = numbering.series_get_or_create(
        actor=actor, org=root, kind=BULLETIN_KIND, year=year, prefix=prefix
    )
    return numbering.issue(actor=actor, series=series).text


def rectification_create(
    *, actor: Actor, bulletin: Bulletin, fingerprints: Iterable[str]
) -> list[Rectification]:
    """依通报下达整改任务: one supervision task per selected annex item, owned by the site's
    organisation, with a deadline clock (``RECTIFY_RULE``). Items already raised are skipped."""
    require_role(
        actor,
        Role.SUPERVISOR,
        org=bulletin.site.org,
        message=_("只有监督人员可以依通报下达整改任务。"),
    )
    wanted = list(dict.fromkeys(fp for fp in fingerprints if fp))
    if not wanted:
        raise ValidationError(_("请至少选择一项整改问题。"))
    items = {r["fingerprint"]: r for r in bulletin.snapshot["bulletin"]["rectification"]}
    unknown = [fp for fp in wanted if fp not in items]
    if unknown:
        raise ValidationError(_("整改清单中没有这些问题：%(f)s") % {"f": "、".join(unknown)})
    out: list[Rectification] = []
    with transaction.atomic():
        Bulletin.objects.select_for_update().get(pk=bulletin.pk)
        done = set(bulletin.rectifications.values_list("fingerprint", flat=True))
        for fp in wanted:
            if fp in done:
                continue
            item = items[fp]
            task = supervision.task_create(
                actor=actor,
                org=bulletin.site.org,
                title=_("网站整改：%(p)s") % {"p": item["problem"][:120]},
                description=_(
                    "依据《%(title)s》（%(no)s）整改清单：\n问题：%(p)s\n网址：%(u)s\n"
                    "类型：%(k)s；严重度：%(s)s\n整改建议：%(a)s"
                )
                % {
                    "title": bulletin.title,
                    "no": bulletin.number,
                    "p": item["problem"],
                    "u": item["url"],
                    "k": item["kind"],
                    "s": item["severity"],
                    "a": item["suggestion"],
                },
                source="monitor",
                rule_code=RECTIFY_RULE,
                source_ref=f"{bulletin.number}#{fp}"[:200],
            )
            out.append(
                Rectification.objects.create(
                    bulletin=bulletin, fingerprint=fp, task=task, created_at=clock.now()
                )
            )
        if out:
            ledger.record(
                actor=actor,
                action=actions.RECTIFY,
                subject=bulletin,
                data={"tasks": [r.task_id for r in out], "items": [r.fingerprint for r in out]},
            )
    return out
