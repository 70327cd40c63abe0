"""The statutory time-limit registry in the database, and the arithmetic on it.

Rules ship as data (``core/data/time_rules.toml``, each version citing its law and article,
marked ✅/☑/⚠) and are loaded on the first migrate. A matter runs under the version in force
on the day its clock started, so the 2019 demo year is judged by 2019's law. Administrators
may tighten a rule (a local regulation can be stricter) from a given day — a new dated
version, the old one closed the day before — never loosen it below the statute.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import clock, ledger
from .actions import register
from .data import check_time_rules
from .ledger import Actor, SystemActor
from .models import TimeRule, TimeRuleVersion
from .scoping import require_admin
from .workcal import (
    Due,
    Pause,
    PeriodError,
    PeriodSpec,
    UnknownYearError,
    WorkCalendar,
    compute_due,
)

RULES_SEED = register("rules.seed", gettext_lazy("载入法定期限规则"))
RULE_TIGHTEN = register("rules.tighten", gettext_lazy("收紧法定期限（本地规定）"))

DATA = Path(__file__).with_name("data") / "time_rules.toml"


class UnknownRule(LookupError):
    def __init__(self, code: str):
        super().__init__(
            _("未知的期限规则代码：%(c)s（fazhi deadline --list 列出全部代码）") % {"c": code}
        )
        self.code = code


class NoVersion(LookupError):
    def __init__(self, code: str, day: dt.date):
        super().__init__(_("%(d)s 时 %(c)s 没有施行中的规定。") % {"d": day, "c": code})


def _date(s: str) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def load_shipped() -> list[dict]:
    """The shipped registry, validated field by field (``check_time_rules``): a broken file
    stops the migration with a message naming the rule, the version and the field, instead
    of loading half a rule."""
    return check_time_rules.load_rules(DATA)


def seed_from_shipped(actor: Actor | None = None) -> int:
    """Load what the shipped registry has and the database does not: every rule on the first
    migrate, and after an upgrade the rules and versions (by rule and ``valid_from``) added
    since. Versions already in the database are never changed — a local tightening
    (``tighten``) or correction stays. Returns the number of versions added."""
    actor = actor or SystemActor("系统（法定期限登记表）")
    shipped = load_shipped()
    with transaction.atomic():
        have = {r.code: r for r in TimeRule.objects.all()}
        have_versions = set(TimeRuleVersion.objects.values_list("rule_id", "valid_from"))
        new_rules: list[str] = []
        n = 0
        for r in shipped:
            rule = have.get(r["code"])
            if rule is None:
                rule = TimeRule.objects.create(
                    code=r["code"],
                    aliases=r.get("aliases", []),
                    name=r["name"],
                    name_en=r.get("name_en", ""),
                    domain=r.get("domain", "core"),
                    matter=r.get("matter", ""),
                )
                new_rules.append(rule.code)
            versions = [
                _version(rule, v)
                for v in r["version"]
                if (rule.pk, _date(v["valid_from"])) not in have_versions
            ]
            TimeRuleVersion.objects.bulk_create(versions)
            n += len(versions)
        if n:
            ledger.record(
                actor=actor,
                action=RULES_SEED,
                data={"rules": len(shipped), "new_rules": new_rules, "versions": n},
            )
    return n


def _version(rule: TimeRule, v: dict) -> TimeRuleVersion:
    return TimeRuleVersion(
        rule=rule,
        valid_from=_date(v["valid_from"]),
        valid_to=_date(v["valid_to"]),
        law=v["law"],
        law_version=v.get("law_version", ""),
        article=v.get("article", ""),
        basis=v.get("basis", ""),
        start_event=v.get("start_event", ""),
        length=v["length"],
        unit=v["unit"],
        kind=v.get("kind", "deadline"),
        annual_month_day=v.get("annual_month_day", ""),
        roll_forward=v.get("roll_forward", True),
        extension_max=v.get("extension_max", 0) or 0,
        extension_unit=v.get("extension_unit", ""),
        extension_approver=v.get("extension_approver", ""),
        extension_notify=v.get("extension_notify", ""),
        pauses=v.get("pauses", []),
        restart_on=v.get("restart_on", []),
        confirmed=v["confirmed"],
        note=v.get("note", ""),
        source=v.get("source", ""),
        statutory_length=v["length"],
        statutory_extension_max=v.get("extension_max", 0) or 0,
    )


def resolve(code: str) -> TimeRule:
    """A rule by its code or one of its aliases (case-insensitive)."""
    code = (code or "").strip()
    rule = TimeRule.objects.filter(code__iexact=code).first()
    if rule is None:
        for r in TimeRule.objects.exclude(aliases=[]):
            if code.upper() in [a.upper() for a in r.aliases]:
                return r
        raise UnknownRule(code)
    return rule


def version_on(rule: TimeRule, day: dt.date) -> TimeRuleVersion:
    """The version in force on ``day`` (the day the matter's clock started) — chosen by the
    same function as in the shipped file (``check_time_rules.select_version``)."""
    v = check_time_rules.select_version(
        rule.versions.all(), day, lambda x: (x.valid_from, x.valid_to)
    )
    if v is None:
        raise NoVersion(rule.code, day)
    return v


def spec_of(version: TimeRuleVersion) -> PeriodSpec:
    return PeriodSpec.from_rule(version.as_rule())


@dataclass(frozen=True)
class Deadline:
    rule: TimeRule
    version: TimeRuleVersion
    due: Due
    #: years whose holidays were not announced and were counted as plain weeks (待公布)
    provisional: frozenset[int] = frozenset()


#: How many years past the last announced one a period may reach provisionally.
PROVISIONAL_REACH = 3


def due_or_provisional(
    cal: WorkCalendar, spec: PeriodSpec, start: dt.date, **kw
) -> tuple[Due, frozenset[int]]:
    """``compute_due`` — or, when the period reaches into a year whose holiday notice is not
    out yet, the same on a weekends-only extension of the calendar, with the years guessed.

    A clock never blocks a statutory act: registering a case in December must not wait for
    next year's notice. The caller marks the due date provisional (待公布) and it is
    recomputed when the year is entered (``clocks.recompute_open``). A date before the
    calendar's first year stays an error."""
    c = cal
    last = max(cal.years)
    while True:
        try:
            return compute_due(c, spec, start, **kw), c.provisional_years
        except UnknownYearError as exc:
            if exc.year <= max(c.years) or exc.year > last + PROVISIONAL_REACH:
                raise
            c = cal.extended(exc.year)


def provisional_note(years: frozenset[int]) -> str:
    """The 待公布 mark's reason, for pages, the API and the CLI."""
    names = "、".join(str(y) for y in sorted(years))
    return _("%(y)s年放假安排尚未公布，暂按周末推算，公布后自动重新计算（待公布）") % {"y": names}


def compute(
    cal: WorkCalendar,
    code: str | TimeRule,
    start: dt.date,
    *,
    pauses: list[Pause] | tuple = (),
    extension: int = 0,
    restart: dt.date | None = None,
    any_pause_reason: bool = False,
) -> Deadline:
    """The due date of rule ``code`` for an event on ``start``, under the version in force
    on the (re)start day, with the explanation. Raises the engine's errors on bad input.

    ``any_pause_reason``: the calculator's pauses carry no reason; they are allowed whenever
    the rule lets some time go uncounted at all.
    """
    rule = code if isinstance(code, TimeRule) else resolve(code)
    version = version_on(rule, restart or start)
    spec = spec_of(version)
    if any_pause_reason and pauses:
        if not version.pauses:
            raise PeriodError(
                _("%(c)s 的规定没有不计入期限的事项，不能扣除中止期间。") % {"c": rule.code},
                message_en=f"{rule.code} allows no time to go uncounted.",
            )
        spec = dataclasses.replace(spec, pauses_allowed=None)
    due, guessed = due_or_provisional(
        cal, spec, start, pauses=tuple(pauses), extension=extension, restart=restart
    )
    return Deadline(rule, version, due, guessed)


def tighten(
    *,
    actor: Actor,
    version: TimeRuleVersion,
    valid_from: dt.date | None,
    length: int | None = None,
    extension_max: int | None = None,
    local_basis: str,
) -> TimeRuleVersion:
    """Apply a stricter local rule from ``valid_from``: a new version of the rule — a shorter
    period or a smaller extension, with its basis — and the version it tightens closed the
    day before. Nothing is edited: a clock keeps the version it started under
    (``Clock.version``), so clocks already running keep their due dates and still explain
    them by the text they ran under; clocks started from ``valid_from`` run under the new one.

    Never looser than the statute (a longer period or a larger extension is refused); never
    from a day before today (a clock started since would be explained by a version it did
    not run under); never on the day the tightened version itself starts. Two
    administrators at once: the rule row is locked, the second is told the version has
    changed."""
    require_admin(actor, message=_("只有系统管理员可以修改期限规则。"))
    if not local_basis.strip():
        raise ValidationError(_("请写明收紧期限的本地规定（名称和条款）。"))
    if valid_from is None:
        raise ValidationError(_("请填写本地规定的施行日期。"))
    if valid_from < clock.today():
        raise ValidationError(
            _("施行日期 %(d)s 早于今天：已经起算的期限按原规定计算，本地规定只能自今天起施行。")
            % {"d": valid_from.isoformat()}
        )
    with transaction.atomic():
        TimeRule.objects.select_for_update().get(pk=version.rule_id)
        v = TimeRuleVersion.objects.select_related("rule").get(pk=version.pk)
        if not (v.valid_from < valid_from and (v.valid_to is None or valid_from <= v.valid_to)):
            end = v.valid_to.isoformat() if v.valid_to else _("现行有效")
            raise ValidationError(
                _("施行日期 %(d)s 不在所收紧版本的施行期间（%(a)s 之后至 %(b)s）内。")
                % {"d": valid_from.isoformat(), "a": v.valid_from.isoformat(), "b": end}
            )
        new_length = v.length if length is None else length
        new_extension = v.extension_max if extension_max is None else extension_max
        _check_stricter(v, new_length, new_extension)
        new = TimeRuleVersion.objects.get(pk=v.pk)
        new.pk = None
        new.valid_from, new.valid_to = valid_from, v.valid_to
        new.length, new.extension_max = new_length, new_extension
        new.local_basis = local_basis.strip()
        new.save()
        v.valid_to = valid_from - dt.timedelta(days=1)
        v.save(update_fields=["valid_to"])
        ledger.record(
            actor=actor,
            action=RULE_TIGHTEN,
            subject=new,
            data={
                **ledger.diff(
                    {"length": v.length, "extension_max": v.extension_max},
                    {"length": new.length, "extension_max": new.extension_max},
                ),
                "rule": v.rule.code,
                "from": valid_from,
                "previous": v.pk,
                "previous_to": v.valid_to,
                "basis": new.local_basis,
            },
        )
    return new


def _check_stricter(v: TimeRuleVersion, length: int, extension_max: int) -> None:
    if v.statutory_length >= 0 and not 0 <= length <= v.statutory_length:
        raise ValidationError(
            _("%(c)s 的法定期限为 %(s)d，本地规定只能缩短，不能改为 %(n)d。")
            % {"c": v.rule.code, "s": v.statutory_length, "n": length}
        )
    if v.statutory_length < 0 and not v.statutory_length >= length:
        raise ValidationError(
            _("%(c)s 要求至少提前 %(s)d 日，本地规定只能更早，不能改为 %(n)d。")
            % {"c": v.rule.code, "s": -v.statutory_length, "n": -length}
        )
    if not 0 <= extension_max <= v.statutory_extension_max:
        raise ValidationError(
            _("%(c)s 法定最多延长 %(s)d，本地规定不能改为 %(n)d。")
            % {"c": v.rule.code, "s": v.statutory_extension_max, "n": extension_max}
        )
