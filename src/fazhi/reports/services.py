"""Every write of the annual report: generate an edition, refresh its figures, edit its
words, and the moves submit → sign → publish (a leader may send it back).

An edition is frozen from signing on: editing or refreshing a signed or published edition is
refused, and ``report_generate`` then makes the next edition (the words carried over, the
figures recomputed); the signed and the published digest are in the ledger.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import clock, clocks, dates, ledger, workflow
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, OrgKind
from fazhi.core.scoping import require_role

from . import actions, compose, templates_text
from .models import AnnualReport
from .models import ReportStatus as S
from .states import DRAFTERS

RULE = "BG-1"  # 法治政府建设年度报告: published before 1 April of the next year
EDITABLE = (S.DRAFT,)
FROZEN_MESSAGE = _("已签发或已公开的报告不能修改：请生成新版本（原版本保留）。")


def local_name(name: str) -> str:
    """The name as the district writes it of itself: 长沙市芙蓉区司法局 → 芙蓉区司法局."""
    m = re.match(r"^[^市]{1,6}市(.+[区县].*)$", name)
    return m.group(1) if m else name


def default_title(org: Organisation, year: int) -> str:
    name = local_name(org.name)
    return f"{name}关于{year}年度法治政府建设情况的报告"


def default_signer(org: Organisation) -> str:
    """A government's report is signed by its justice bureau (the seed: 芙蓉区司法局);
    a department signs its own."""
    if org.kind == OrgKind.DISTRICT:
        bureau = Organisation.objects.filter(
            path__startswith=org.path, name__endswith="司法局"
        ).first()
        if bureau is not None:
            return local_name(bureau.name)
    return local_name(org.name)


def default_opening(org: Organisation, year: int) -> str:
    place = local_name(org.name).removesuffix("人民政府")
    return _(
        "%(y)d年，%(p)s坚持以习近平新时代中国特色社会主义思想为引领，认真贯彻中央和省市关于"
        "法治建设的新精神、新要求，深入推进依法治区和法治政府建设。现报告如下："
    ) % {"y": year, "p": place}


def _check_year(year: int, on: dt.date) -> None:
    if year >= clock.today().year:
        raise ValidationError(_("%(y)d年度尚未结束，不能生成该年度的年度报告。") % {"y": year})
    dates.check_new(_("起草日期"), on, (_("报告年度的最后一天"), dt.date(year, 12, 31)))


def report_generate(
    *,
    actor: Actor,
    org: Organisation,
    year: int,
    on: dt.date | None = None,
    title: str = "",
    signer: str = "",
) -> AnnualReport:
    """A new edition for ``org`` and ``year``, composed from the records. The first edition
    starts the BG-1 clock (due 31 March of the next year); later editions (after signing)
    carry the words of the last one over. Refused while an unsigned edition exists."""
    require_role(
        actor, *DRAFTERS, org=org, message=_("只有法制审核人员或依法治区办可以起草年度报告。")
    )
    on = on or clock.today()
    _check_year(year, on)
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=org.pk)
        last = AnnualReport.objects.filter(org=org, year=year).order_by("-edition").first()
        if last is not None and last.status in (S.DRAFT, S.SUBMITTED):
            raise ValidationError(
                _("%(t)s第%(e)d版尚未签发：请在该版本上刷新数据或修改文字。")
                % {"t": last.title, "e": last.edition}
            )
        report = AnnualReport(
            org=org,
            year=year,
            edition=(last.edition + 1) if last else 1,
            supersedes=last,
            title=(title or (last.title if last else default_title(org, year)))[:300],
            status=S.DRAFT,
            received_on=on,
            handler=actor if hasattr(actor, "pk") else None,
            opening=last.opening if last else default_opening(org, year),
            problems=last.problems if last else "",
            next_steps=last.next_steps if last else "",
            signer=(signer or (last.signer if last else default_signer(org)))[:100],
            content=compose.compose(org, year, templates_text.wording(org)),
            generated_at=clock.now(),
        )
        report.save()
        ledger.record(
            actor=actor,
            action=actions.GENERATE,
            subject=report,
            data={"year": year, "edition": report.edition, "digest": compose.digest(report)},
        )
        if last is None:
            clocks.start(
                actor=actor,
                subject=report,
                rule_code=RULE,
                on=dt.date(year, 12, 31),
                label=_("法治政府建设年度报告公开（4月1日之前）"),
            )
    return report


def _locked_draft(report: AnnualReport, version: int | None) -> AnnualReport:
    locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if version is not None and int(version) != locked.version:
        raise workflow.StaleMatter(
            _("该事项已被他人修改（当前为第 %(v)d 版），请刷新页面后重试。") % {"v": locked.version}
        )
    if locked.status not in EDITABLE:
        raise ValidationError(FROZEN_MESSAGE)
    return locked


def report_refresh(
    *, actor: Actor, report: AnnualReport, version: int | None = None
) -> AnnualReport:
    """Recompute the figures of a draft from the records as they are now; the ledger event
    names every figure that changed."""
    require_role(actor, *DRAFTERS, obj=report, message=_("只有起草人员可以刷新年度报告数据。"))
    with transaction.atomic():
        locked = _locked_draft(report, version)
        before = _figures(locked.content)
        locked.content = compose.compose(
            locked.org, locked.year, templates_text.wording(locked.org)
        )
        locked.generated_at = clock.now()
        locked.version += 1
        locked.save()
        after = _figures(locked.content)
        changed = {c: [before.get(c), v] for c, v in after.items() if before.get(c) != v}
        ledger.record(
            actor=actor,
            action=actions.REFRESH,
            subject=locked,
            data={"changed": changed, "digest": compose.digest(locked)},
        )
    report.__dict__.update({k: v for k, v in locked.__dict__.items() if not k.startswith("_")})
    return locked


def _figures(content: dict) -> dict[str, str]:
    return {
        s["code"]: s["t"]
        for sub in content.get("subsections", [])
        for p in sub["points"]
        for s in p["segments"]
        if "code" in s
    }


TEXT_FIELDS = ("title", "opening", "problems", "next_steps", "signer")


def report_edit(
    *, actor: Actor, report: AnnualReport, version: int | None = None, **fields: str
) -> AnnualReport:
    """修改文字: title, opening, 二、存在的问题, 三、下一步工作思路, signer (a draft only)."""
    require_role(actor, *DRAFTERS, obj=report, message=_("只有起草人员可以修改年度报告。"))
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown:
        raise ValidationError(_("不能修改：%(f)s") % {"f": "、".join(sorted(unknown))})
    if "title" in fields and not fields["title"].strip():
        raise ValidationError(_("请填写标题。"))
    if "signer" in fields and not fields["signer"].strip():
        raise ValidationError(_("请填写署名。"))
    with transaction.atomic():
        locked = _locked_draft(report, version)
        changed = [k for k, v in fields.items() if getattr(locked, k) != v.strip()]
        for k in changed:
            setattr(locked, k, fields[k].strip())
        locked.version += 1
        locked.save()
        ledger.record(
            actor=actor,
            action=actions.EDIT,
            subject=locked,
            data={"fields": changed, "digest": compose.digest(locked)},
        )
    report.__dict__.update({k: v for k, v in locked.__dict__.items() if not k.startswith("_")})
    return locked


def report_submit(*, actor: Actor, report: AnnualReport, on: dt.date, version=None):
    return workflow.transition(actor=actor, matter=report, to=S.SUBMITTED, on=on, version=version)


def report_return(*, actor: Actor, report: AnnualReport, reason: str, version=None):
    return workflow.transition(
        actor=actor, matter=report, to=S.DRAFT, reason=reason, version=version
    )


def report_approve(*, actor: Actor, report: AnnualReport, on: dt.date, version=None):
    """签发: the edition is frozen; its digest (text and figures) goes into the ledger."""

    def freeze(r: AnnualReport) -> None:
        r.digest = compose.digest(r)

    report.approved_on = on  # the date line of the signed text is part of the digest
    return workflow.transition(
        actor=actor,
        matter=report,
        to=S.APPROVED,
        on=on,
        version=version,
        apply=freeze,
        data={"digest": compose.digest(report)},
    )


def report_publish(*, actor: Actor, report: AnnualReport, on: dt.date, version=None):
    """公开: the signed edition as it is (its digest again in the ledger); stops the clock."""
    if report.digest and report.digest != compose.digest(report):
        raise ValidationError(_("报告内容与签发时不一致，不能公开。"))
    return workflow.transition(
        actor=actor,
        matter=report,
        to=S.PUBLISHED,
        on=on,
        version=version,
        data={"digest": report.digest},
    )
