"""Matters and their workflows: one table per domain, one ``transition()`` for all.

A domain declares ``Status(TextChoices)`` and ``TRANSITIONS = {from: {to: Transition(...)}}``
in its ``states.py`` and sets them on its model. ``transition()`` then

1. locks the row (``select_for_update``) and checks the version the form was based on —
   a stale form gets ``StaleMatter`` ("该事项已被他人修改"), nothing changed;
2. checks the table — a move it does not list is ``InvalidTransition`` (a state error);
3. checks the actor's role in the matter's organisation — a ``PermissionDenied``;
4. checks the move's business date (``on``) when the move dates a step of the matter
   (``Transition.date``; ``fazhi.core.dates``): not in the future, not before the step it
   follows — and sets it;
5. checks the transition's conditions — each returns an error message or ``None``;
   a failed condition is ``InvalidTransition`` with that message;
6. saves the new status (and ``closed_on`` for a closing status), bumps the version,
   runs the caller's ``apply`` hook and writes the ledger event — all in one transaction;
7. entering a closed status stops every open clock of the matter, except the duties that
   outlive it (``Model.CLOCKS_OUTLIVE_CLOSE``, e.g. publishing a decision).

Only services call ``transition()`` (``scripts/lint_rules.py`` R5 refuses it in faces): a
move that needs data — a date, a number, a decision — is reachable only through the service
that supplies it. The table also says who acts next (``Transition.todo``): 我的待办 is built
from it (``fazhi.core.todo``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import dates, ledger
from .actions import register
from .ledger import Actor
from .models import Role, User
from .scoping import has_role

MATTER_TRANSITION = register("matter.transition", gettext_lazy("办理环节变更"))

Condition = Callable[[Any, Actor, dict], str | None]


class InvalidTransition(Exception):
    """The move is not in the table, or one of its conditions is not met."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StaleMatter(InvalidTransition):
    """The matter changed since the form was loaded. (Through the API the answer is 409,
    whichever router caught it: ``guard``.)"""

    def __init__(self, message: str):
        super().__init__(message)
        from . import guard

        guard.stale_seen()


@dataclass(frozen=True)
class Transition:
    """One move of a table: who may make it, what must hold, what it is called.

    ``date`` names the dated step (``Model.DATED_STEPS``) the move sets from ``on``;
    ``todo`` says the move is the expected next step, so the matter waits on the to-do of
    whoever may make it (escape moves — drop, send back, cancel — are not; by default a
    move that needs a reason is an escape move)."""

    roles: frozenset[str]
    conditions: tuple[Condition, ...] = ()
    label: str = ""
    needs_reason: bool = False
    date: str = ""
    todo: bool = True

    @classmethod
    def of(
        cls,
        *roles: str,
        conditions: Iterable[Condition] = (),
        label: str = "",
        needs_reason: bool = False,
        date: str = "",
        todo: bool | None = None,
    ) -> Transition:
        return cls(
            frozenset(roles),
            tuple(conditions),
            label,
            needs_reason,
            date,
            (not needs_reason) if todo is None else todo,
        )


@dataclass
class Context:
    """What a condition may look at besides the matter: the reason, extra data."""

    reason: str = ""
    data: dict = field(default_factory=dict)


def status_label(model: type[models.Model], value: str) -> str:
    choices = dict(model._meta.get_field("status").choices or [])
    return str(choices.get(value, value))


@dataclass(frozen=True)
class Move:
    """A move offered on a matter's page: its target, the table's entry, and — when a
    condition is not met yet — why it cannot be made now."""

    to: str
    transition: Transition
    problem: str = ""

    @property
    def label(self) -> str:
        return str(self.transition.label)


def allowed_moves(
    matter: models.Model, actor: Actor, *, check: bool = True
) -> list[tuple[str, Transition]]:
    """The moves the actor may make now: role and scope (as ``require_role``), and — with
    ``check`` — every condition met. The page offers exactly these."""
    return [(m.to, m.transition) for m in moves_for(matter, actor) if not (check and m.problem)]


def moves_for(matter: models.Model, actor: Actor) -> list[Move]:
    """Every move of the table the actor's role allows on ``matter``, each with the problem
    that stops it now (empty when it can be made)."""
    out = []
    for to, t in type(matter).TRANSITIONS.get(matter.status, {}).items():
        if isinstance(actor, User) and not has_role(actor, *t.roles, obj=matter):
            continue
        problem = ""
        for cond in t.conditions:
            problem = cond(matter, actor, {"reason": "", "data": {}}) or ""
            if problem:
                break
        out.append(Move(to, t, problem))
    return out


def transition(
    *,
    actor: Actor,
    matter: models.Model,
    to: str,
    reason: str = "",
    version: int | None = None,
    data: dict | None = None,
    apply: Callable[[Any], None] | None = None,
    on: dt.date | None = None,
) -> Any:
    """Move ``matter`` to status ``to`` (see the module docstring). Returns the saved matter.

    ``on`` is the move's business date: required when the move dates a step or closes the
    matter."""
    model = type(matter)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=matter.pk)
        if version is not None and int(version) != locked.version:
            raise StaleMatter(
                _("该事项已被他人修改（当前为第 %(v)d 版），请刷新页面后重试。")
                % {"v": locked.version}
            )
        moves = model.TRANSITIONS.get(locked.status, {})
        if to == locked.status and to not in moves:  # a double click, or someone was quicker
            raise InvalidTransition(
                _("该事项已经是“%(s)s”，无需重复办理。") % {"s": status_label(model, to)}
            )
        if to not in moves:
            raise InvalidTransition(
                _("当前状态“%(a)s”不能变更为“%(b)s”。")
                % {"a": status_label(model, locked.status), "b": status_label(model, to)}
            )
        t = moves[to]
        if isinstance(actor, User) and not has_role(actor, *t.roles, obj=locked):
            names = "、".join(str(Role(r).label) for r in sorted(t.roles))
            raise PermissionDenied(_("只有本单位的%(r)s可以执行此操作。") % {"r": names})
        if t.needs_reason and not reason.strip():
            raise InvalidTransition(_("请填写理由。"))
        closing = to in model.CLOSED_STATUSES and locked.closed_on is None
        if (t.date or closing) and on is None:
            raise InvalidTransition(_("请填写办理日期。"))
        if t.date:
            step = dates.step_of(model.DATED_STEPS, t.date)
            dates.check(locked, t.date, on)
            if "__" not in step.path:
                setattr(locked, step.path, on)
        elif on is not None:
            what = _("办结日期") if closing else _("办理日期")
            dates.check_new(what, on, *_latest_step(locked))
        ctx = Context(reason=reason, data={**(data or {}), **({"on": on} if on else {})})
        for cond in t.conditions:
            problem = cond(locked, actor, ctx.__dict__)
            if problem:
                raise InvalidTransition(problem)
        before = locked.status
        locked.status = to
        locked.version += 1
        if closing:
            locked.closed_on = on
        if apply is not None:
            apply(locked)
        locked.save()
        ledger.record(
            actor=actor,
            action=MATTER_TRANSITION,
            subject=locked,
            data={
                "from": before,
                "to": to,
                "step": str(t.label or status_label(model, to)),
                "on": on,
                "reason": reason,
                **(data or {}),
            },
        )
        if to in model.CLOSED_STATUSES:
            _stop_clocks(actor, locked, on or locked.closed_on)
    matter.__dict__.update({k: v for k, v in locked.__dict__.items() if not k.startswith("_")})
    return locked


def _latest_step(matter: models.Model) -> list[tuple[Any, dt.date]]:
    """The latest dated step of ``matter`` so far, as ``(label, date)`` — what a closing
    date may not precede."""
    dated = [
        (s.label, d)
        for s in getattr(type(matter), "DATED_STEPS", ())
        if (d := dates.value_at(matter, s.path)) is not None
    ]
    return [max(dated, key=lambda x: x[1])] if dated else []


def _stop_clocks(actor: Actor, matter: models.Model, on: dt.date) -> None:
    from . import clocks

    keep = getattr(type(matter), "CLOCKS_OUTLIVE_CLOSE", frozenset())
    for c in clocks.for_subject(matter).filter(stopped_on__isnull=True):
        if c.rule.code not in keep:
            clocks.stop(actor=actor, clock=c, on=max(on, c.restarted_on or c.started_on))


def mermaid(model: type[models.Model]) -> str:
    """The state diagram of a model's table, generated (never drawn by hand)."""
    lines = ["stateDiagram-v2"]
    for src, moves in model.TRANSITIONS.items():
        for dst, t in moves.items():
            roles = "/".join(str(Role(r).label) for r in sorted(t.roles))
            lines.append(f"    {src} --> {dst}: {t.label or status_label(model, dst)}（{roles}）")
    for value, label in model._meta.get_field("status").choices:
        lines.append(f"    {value}: {label}")
    return "\n".join(lines) + "\n"
