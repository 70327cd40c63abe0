"""内容保障: what each department must keep current on the government website (its columns)
and the monthly check of each column (the seed's 一(六)2: content duties per department with a
monthly monitoring bulletin).

The website monitor's findings on a column come in as kernel matter references
(``core.matterlinks``: a type the kernel knows a page for, and the record's id) — this domain
never imports the monitor. A check is due in its own month: the to-do shows an unchecked
column from ten days before the month ends, red once the month is over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import dates, ledger, matterlinks
from fazhi.core.actions import register
from fazhi.core.ledger import Actor
from fazhi.core.models import Organisation, Role
from fazhi.core.scoping import require_role

from .models import ContentDuty, DutyCheck, DutyFinding

DUTY_SAVE = register("opengov.duty.save", gettext_lazy("确定内容保障责任"))
DUTY_CHECK = register("opengov.duty.check", gettext_lazy("内容保障月度检查"))
STAFF = (Role.CLERK, Role.LEADER)
MONITOR_FINDING = "monitor.finding"  # the monitor's findings, by their model label
COLUMN_TOPIC = "website.column"  # what other domains offer about a website column (matterlinks)


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_end(month: str) -> dt.date:
    y, m = (int(x) for x in month.split("-"))
    first_next = dt.date(y + (m == 12), m % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def duty_save(
    *,
    actor: Actor,
    org: Organisation,
    column: str,
    content: str,
    effective_from: dt.date,
    active: bool = True,
    duty: ContentDuty | None = None,
) -> ContentDuty:
    """Name a column the department keeps current and what it must hold; edited in place,
    never deleted (taken out of use)."""
    if duty is not None:
        org = duty.org
    require_role(actor, *STAFF, org=org, message=_("只有本部门的工作人员可以确定内容保障责任。"))
    column, content = (column or "").strip(), (content or "").strip()
    if not column or not content:
        raise ValidationError(_("请填写网站栏目和保障内容。"))
    since = dates.check_new(_("责任起始日期"), effective_from)
    clash = ContentDuty.objects.filter(org=org, column=column)
    if duty is not None:
        clash = clash.exclude(pk=duty.pk)
    if clash.exists():
        raise ValidationError(_("本部门已有栏目“%(c)s”的内容保障责任。") % {"c": column})
    with transaction.atomic():
        if duty is None:
            d = ContentDuty(org=org)
        else:
            d = ContentDuty.objects.select_for_update().get(pk=duty.pk)
        d.column, d.content, d.active = column, content, bool(active)
        d.effective_from = since
        d.save()
        ledger.record(
            actor=actor,
            action=DUTY_SAVE,
            subject=d,
            org=org,
            data={
                "column": column,
                "content": content,
                "from": since,
                "active": d.active,
                "new": duty is None,
            },
        )
    return d


def _references(findings: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    out = []
    for subject_type, subject_id, label in findings:
        subject_type, subject_id = (subject_type or "").strip(), str(subject_id or "").strip()
        label = (label or "").strip()
        if not subject_id or not matterlinks.url_for(subject_type, subject_id):
            raise ValidationError(
                _("无法识别的监测问题：%(t)s %(i)s。") % {"t": subject_type or "—", "i": subject_id}
            )
        out.append((subject_type, subject_id, label or _("网站监测问题 %(i)s") % {"i": subject_id}))
    return out


def duty_check(
    *,
    actor: Actor,
    duty: ContentDuty,
    month: str,
    checked_on: dt.date,
    current: bool,
    findings: Iterable[tuple[str, str, str]] = (),
    note: str = "",
) -> DutyCheck:
    """Record the month's check: once a month per column, on a day in that month or later;
    a column not current, or with a monitor finding linked, fails the check and needs a
    note saying what is being done."""
    require_role(actor, *STAFF, obj=duty)
    if not duty.active:
        raise ValidationError(_("该栏目的内容保障责任已停用。"))
    try:
        first = dt.date.fromisoformat(f"{month}-01")
    except (TypeError, ValueError):
        raise ValidationError(_("请填写检查月份（年-月）。")) from None
    on = dates.check_new(_("检查日期"), checked_on)
    if month_end(month) < duty.effective_from:
        raise ValidationError(
            _("该栏目的内容保障责任自%(d)s起。") % {"d": dates.fmt(duty.effective_from)}
        )
    if on < first:
        raise ValidationError(
            _("检查日期%(d)s早于检查月份%(m)s。") % {"d": dates.fmt(on), "m": month}
        )
    refs = _references(findings)
    ok = bool(current) and not refs
    if not ok and not (note or "").strip():
        raise ValidationError(_("检查不合格的，请写明整改措施。"))
    with transaction.atomic():
        if DutyCheck.objects.select_for_update().filter(duty=duty, month=month).exists():
            raise ValidationError(
                _("栏目“%(c)s”%(m)s的月度检查已登记。") % {"c": duty.column, "m": month}
            )
        check = DutyCheck.objects.create(
            duty=duty,
            month=month,
            checked_on=on,
            current=bool(current),
            ok=ok,
            note=(note or "").strip(),
        )
        DutyFinding.objects.bulk_create(
            DutyFinding(duty_check=check, subject_type=t, subject_id=i, label=lb)
            for t, i, lb in refs
        )
        ledger.record(
            actor=actor,
            action=DUTY_CHECK,
            subject=check,
            org=duty.org,
            data={
                "column": duty.column,
                "month": month,
                "on": on,
                "current": bool(current),
                "ok": ok,
                "findings": [[t, i] for t, i, _lb in refs],
            },
        )
    return check
