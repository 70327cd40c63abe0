"""Clocks: start, pause, resume, extend, restart, stop — and why a clock is due when it is.

Each service recomputes the due date from the calendar, the rule version fixed at the start,
the pauses, the extension and the restart, stores it, and appends a ledger event on the
matter the clock belongs to, so the matter's timeline shows its clocks too.

Status is derived when read (CONVENTIONS.md item 4): 正常 (on time), 临期 (yellow card:
within ``settings.YELLOW_CARD_WORKDAYS`` working days of the due date, default 3), 超期 (red
card), 中止 (paused), 已办结 / 超期办结 (stopped).

A clock never blocks the act that starts it. When its period reaches into a year whose
holiday notice is not out, the due date is computed on plain weeks and marked provisional
(待公布, ``Clock.provisional``); entering or editing a calendar year recomputes every open
clock (``recompute_open``), with a ledger event where the date or the mark changed.

A period that belongs to the party — to state and defend, to ask for a hearing, to pay, to
appeal — is started with ``party=True``: its end is the party's, so it is shown as "当事人
期限至…" and never as the agency being late.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import clock as wallclock
from . import dates, ledger, rules
from .actions import register
from .calendar import get_calendar
from .ledger import Actor
from .models import Clock, ClockPause, Organisation, User
from .scoping import subject_org
from .workcal import CalendarError, Due, Pause

CLOCK_START = register("clock.start", gettext_lazy("期限起算"))
CLOCK_PAUSE = register("clock.pause", gettext_lazy("期限中止"))
CLOCK_RESUME = register("clock.resume", gettext_lazy("期限恢复计算"))
CLOCK_EXTEND = register("clock.extend", gettext_lazy("期限延长"))
CLOCK_RESTART = register("clock.restart", gettext_lazy("期限重新起算"))
CLOCK_STOP = register("clock.stop", gettext_lazy("期限停止（办结）"))
CLOCK_RECOMPUTE = register("clock.recompute", gettext_lazy("期限重新计算（工作日历变更）"))


def yellow_window() -> int:
    return settings.YELLOW_CARD_WORKDAYS


def _ref(c: Clock) -> tuple[str, str, str]:
    return (c.subject_type, c.subject_id, c.subject_label)


def _closed_pauses(c: Clock) -> list[Pause]:
    return [Pause(p.start, p.end, p.reason) for p in c.pauses.all() if p.end is not None]


def explain(c: Clock) -> Due:
    """The computation behind ``c.due_on``: rule, basis, start, holidays, pauses, extension
    (on a weekends-only extension of the calendar when the period reaches an unannounced
    year — ``c.provisional`` says so)."""
    return _compute(c)[0]


def _compute(c: Clock) -> tuple[Due, frozenset[int]]:
    return rules.due_or_provisional(
        get_calendar(),
        rules.spec_of(c.version),
        c.started_on,
        pauses=tuple(_closed_pauses(c)),
        extension=c.extension,
        restart=c.restarted_on,
    )


def _recompute(c: Clock) -> None:
    if c.pauses.filter(end__isnull=True).exists():
        c.paused, c.due_on, c.provisional = True, None, False
        return
    c.paused = False
    try:
        due, guessed = _compute(c)
    except CalendarError as exc:
        raise ValidationError(str(exc)) from exc
    c.due_on, c.provisional = due.due, bool(guessed)


def provisional_note(c: Clock) -> str:
    """Why ``c``'s due date is provisional, or ''."""
    if not c.provisional:
        return ""
    return rules.provisional_note(_compute(c)[1])


def recompute_open(*, actor: Actor, reason: str) -> int:
    """After a calendar year is entered or edited: recompute every open clock's due date
    and provisional mark; a ledger event on the matter for each that changed. Returns the
    number changed."""
    changed = 0
    with transaction.atomic():
        qs = (
            Clock.objects.select_for_update()
            .filter(stopped_on__isnull=True)
            .select_related("version", "rule", "org")
        )
        for c in qs:
            before = (c.due_on, c.provisional, c.paused)
            _recompute(c)
            if (c.due_on, c.provisional, c.paused) == before:
                continue
            c.save(update_fields=["due_on", "paused", "provisional"])
            changed += 1
            ledger.record(
                actor=actor,
                action=CLOCK_RECOMPUTE,
                subject_ref=_ref(c),
                org=c.org,
                data={
                    "clock": c.pk,
                    "rule": c.rule.code,
                    "due_before": before[0],
                    "provisional_before": before[1],
                    "due": c.due_on,
                    "provisional": c.provisional,
                    "reason": reason,
                },
            )
    return changed


def start(
    *,
    actor: Actor,
    subject: models.Model,
    rule_code: str,
    on: dt.date,
    org: Organisation | None = None,
    handler: User | None = None,
    label: str = "",
    party: bool = False,
) -> Clock:
    """Start a clock for ``subject`` under the rule version in force on ``on``; ``party``
    marks a period that belongs to the party (see the module docstring)."""
    try:
        rule = rules.resolve(rule_code)
        version = rules.version_on(rule, on)
    except LookupError as exc:
        raise ValidationError(str(exc)) from exc
    org = org or subject_org(subject)
    if org is None:
        raise ValidationError(_("期限必须属于一个承办单位。"))
    with transaction.atomic():
        c = Clock(
            subject_type=subject._meta.label_lower,
            subject_id=str(subject.pk),
            subject_label=str(subject)[:300],
            org=org,
            handler=handler or getattr(subject, "handler", None),
            rule=rule,
            version=version,
            label=label or rule.name,
            started_on=on,
            party=party,
        )
        c.save()
        _recompute(c)
        c.save(update_fields=["due_on", "paused", "provisional"])
        ledger.record(
            actor=actor,
            action=CLOCK_START,
            subject_ref=_ref(c),
            org=org,
            data={
                "clock": c.pk,
                "rule": rule.code,
                "version": version.pk,
                "start": on,
                "due": c.due_on,
                "provisional": c.provisional,
                "party": party,
            },
        )
    return c


def _locked(c: Clock) -> Clock:
    return Clock.objects.select_for_update().select_related("version", "rule", "org").get(pk=c.pk)


def _not_stopped(c: Clock) -> None:
    if c.stopped_on is not None:
        raise ValidationError(_("该期限已于 %(d)s 停止。") % {"d": c.stopped_on})


def pause(*, actor: Actor, clock: Clock, on: dt.date, reason: str) -> Clock:
    """中止: time from ``on`` is not counted until the clock resumes."""
    with transaction.atomic():
        c = _locked(clock)
        _not_stopped(c)
        if not reason.strip():
            raise ValidationError(_("请写明中止事由（如补正、听证、鉴定、公告）。"))
        allowed = c.version.pauses
        if allowed and reason.strip() not in allowed:
            raise ValidationError(
                _("%(c)s 的规定中，只有这些事项的时间不计入期限：%(a)s。")
                % {"c": c.rule.code, "a": "、".join(allowed)}
            )
        if not allowed:
            raise ValidationError(
                _("%(c)s 的规定没有不计入期限的事项，不能中止。") % {"c": c.rule.code}
            )
        if c.paused:
            raise ValidationError(_("该期限已在中止中。"))
        if on <= (c.restarted_on or c.started_on):
            raise ValidationError(_("中止日期应在起算日之后。"))
        ClockPause.objects.create(clock=c, start=on, reason=reason.strip())
        _recompute(c)
        c.save(update_fields=["due_on", "paused", "provisional"])
        ledger.record(
            actor=actor,
            action=CLOCK_PAUSE,
            subject_ref=_ref(c),
            org=c.org,
            data={"clock": c.pk, "from": on, "reason": reason.strip()},
        )
    return c


def resume(*, actor: Actor, clock: Clock, on: dt.date) -> Clock:
    """The paused time ends on ``on`` (inclusive); the due date moves accordingly."""
    with transaction.atomic():
        c = _locked(clock)
        _not_stopped(c)
        p = c.pauses.filter(end__isnull=True).first()
        if p is None:
            raise ValidationError(_("该期限没有中止，无需恢复。"))
        if on < p.start:
            raise ValidationError(_("恢复日期不能早于中止日期 %(d)s。") % {"d": p.start})
        p.end = on
        p.save(update_fields=["end"])
        _recompute(c)
        c.save(update_fields=["due_on", "paused", "provisional"])
        ledger.record(
            actor=actor,
            action=CLOCK_RESUME,
            subject_ref=_ref(c),
            org=c.org,
            data={"clock": c.pk, "pause": [p.start, on], "due": c.due_on},
        )
    return c


def extend(*, actor: Actor, clock: Clock, by: int, approver: str, reason: str) -> Clock:
    """延长, with the approver the rule requires and the reason."""
    with transaction.atomic():
        c = _locked(clock)
        _not_stopped(c)
        v = c.version
        if not approver.strip() or not reason.strip():
            raise ValidationError(
                _("延长期限须写明批准人和理由（%(a)s批准）。")
                % {"a": v.extension_approver or _("有权机关负责人")}
            )
        if by <= 0:
            raise ValidationError(_("延长天数应为正数。"))
        if c.extension + by > v.extension_max:
            if v.extension_max == 0:
                raise ValidationError(_("%(c)s 的规定不允许延长。") % {"c": c.rule.code})
            raise ValidationError(
                _("%(c)s 最多延长 %(m)d（已延长 %(e)d）。")
                % {"c": c.rule.code, "m": v.extension_max, "e": c.extension}
            )
        before = c.due_on
        c.extension += by
        c.extension_by, c.extension_reason = approver.strip(), reason.strip()
        _recompute(c)
        c.save(
            update_fields=[
                "extension",
                "extension_by",
                "extension_reason",
                "due_on",
                "paused",
                "provisional",
            ]
        )
        ledger.record(
            actor=actor,
            action=CLOCK_EXTEND,
            subject_ref=_ref(c),
            org=c.org,
            data={
                "clock": c.pk,
                "by": by,
                "approver": c.extension_by,
                "reason": c.extension_reason,
                "due_before": before,
                "due": c.due_on,
            },
        )
    return c


def restart(*, actor: Actor, clock: Clock, on: dt.date, reason: str) -> Clock:
    """重新起算 from ``on`` (e.g. the corrected application arrives)."""
    with transaction.atomic():
        c = _locked(clock)
        _not_stopped(c)
        if c.version.restart_on and reason.strip() not in c.version.restart_on:
            raise ValidationError(
                _("%(c)s 只在这些情形下重新起算：%(a)s。")
                % {"c": c.rule.code, "a": "、".join(c.version.restart_on)}
            )
        if not c.version.restart_on:
            raise ValidationError(_("%(c)s 的规定没有重新起算的情形。") % {"c": c.rule.code})
        if on <= c.started_on:
            raise ValidationError(_("重新起算日应在原起算日之后。"))
        c.restarted_on = on
        _recompute(c)
        c.save(update_fields=["restarted_on", "due_on", "paused", "provisional"])
        ledger.record(
            actor=actor,
            action=CLOCK_RESTART,
            subject_ref=_ref(c),
            org=c.org,
            data={"clock": c.pk, "on": on, "reason": reason.strip(), "due": c.due_on},
        )
    return c


def stop(*, actor: Actor, clock: Clock, on: dt.date) -> Clock:
    """The act the clock was waiting for happened on ``on``."""
    with transaction.atomic():
        c = _locked(clock)
        _not_stopped(c)
        if c.paused:
            p = c.pauses.get(end__isnull=True)
            p.end = on
            p.save(update_fields=["end"])
            _recompute(c)
        start = c.restarted_on or c.started_on
        if on < start:
            raise ValidationError(
                _("%(l)s的停止日期%(d)s早于其起算日%(s)s。")
                % {"l": c.label, "d": dates.fmt(on), "s": dates.fmt(start)}
            )
        c.stopped_on = on
        c.save(update_fields=["stopped_on", "due_on", "paused", "provisional"])
        ledger.record(
            actor=actor,
            action=CLOCK_STOP,
            subject_ref=_ref(c),
            org=c.org,
            data={
                "clock": c.pk,
                "on": on,
                "due": c.due_on,
                "on_time": c.due_on is None or on <= c.due_on,
            },
        )
    return c


@dataclass(frozen=True)
class Card:
    status: str  # ok | yellow | red | paused | done | late | party | party-over
    label: str
    days_left: int | None  # working days from today to the due date (negative when late)
    provisional: bool = False  # the due date is a 待公布 guess


def card(c: Clock, today: dt.date | None = None) -> Card:
    """The clock's card, derived now. A party's period is never the agency's lateness."""
    today = today or wallclock.today()
    if c.party:
        if c.stopped_on is not None:
            return Card("done", _("当事人期限已结束"), None)
        if c.due_on is None:
            return Card("paused", _("中止中"), None)
        if today > c.due_on:
            return Card("party-over", _("当事人期限已届满"), None, c.provisional)
        return Card(
            "party",
            _("当事人期限至%(d)s") % {"d": dates.fmt(c.due_on)},
            _workdays_left(today, c.due_on),
            c.provisional,
        )
    if c.stopped_on is not None:
        late = c.due_on is not None and c.stopped_on > c.due_on
        return Card("late" if late else "done", _("超期办结") if late else _("已办结"), None)
    if c.paused or c.due_on is None:
        return Card("paused", _("中止中"), None)
    left = _workdays_left(today, c.due_on)
    if today > c.due_on:
        return Card("red", _("超期"), left, c.provisional)
    if left <= yellow_window():
        return Card("yellow", _("临期"), left, c.provisional)
    return Card("ok", _("正常"), left, c.provisional)


def _workdays_left(today: dt.date, due: dt.date) -> int:
    try:
        return get_calendar().workdays_between(today, due)
    except CalendarError:
        try:
            return get_calendar().extended(due.year).workdays_between(today, due)
        except CalendarError:
            return (due - today).days


def for_subject(subject: models.Model) -> models.QuerySet[Clock]:
    return Clock.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=str(subject.pk)
    ).select_related("rule", "version")
